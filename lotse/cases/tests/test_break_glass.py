"""Emergency access: a reason, a time limit, and the data-protection officer sees it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import BreakGlass
from lotse.cases.services import break_glass_open
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register

REASON = "Person at the counter without money, Sozialamt closed today"


@pytest.fixture
def abh(db):
    return UserFactory(
        username="abh", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )


@pytest.fixture
def person(caseworker):
    return register(caseworker)


def test_emergency_access_opens_with_a_reason_and_is_logged(abh, person, client_for):
    client = client_for(abh)
    assert client.get(f"/persons/{person.pk}/").status_code == 404
    client.post(f"/persons/{person.pk}/break-glass/", {"reason": "urgent"})
    assert not BreakGlass.objects.exists()  # too short a reason
    response = client.post(f"/persons/{person.pk}/break-glass/", {"reason": REASON})
    assert response.status_code == 302
    assert client.get(f"/persons/{person.pk}/").status_code == 200
    read = AuditEvent.objects.get(event_type=EventType.PERSON_DATA_READ, actor=abh)
    assert read.basis.startswith("break-the-glass")
    assert AuditEvent.objects.filter(event_type=EventType.BREAK_GLASS_OPENED, actor=abh).exists()


def test_emergency_access_ends_by_itself(abh, person, client_for):
    grant = break_glass_open(actor=abh, person=person, reason=REASON)
    BreakGlass.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client_for(abh).get(f"/persons/{person.pk}/").status_code == 404


def test_no_emergency_access_across_kreise(other_caseworker, person):
    with pytest.raises(ValidationError, match="your Kreis"):
        break_glass_open(actor=other_caseworker, person=person, reason=REASON)


def test_emergency_access_reads_but_does_not_write(abh, person, client_for):
    break_glass_open(actor=abh, person=person, reason=REASON)
    response = client_for(abh).post(
        f"/persons/{person.pk}/names/",
        {"family_name": "X", "kind": "variant", "script": "Latn", "source": "self"},
    )
    assert response.status_code == 404


def test_the_dpo_finds_every_emergency_access(abh, person, dpo, client_for):
    break_glass_open(actor=abh, person=person, reason=REASON)
    html = (
        client_for(dpo)
        .get("/audit/", {"event_type": EventType.BREAK_GLASS_OPENED})
        .content.decode()
    )
    assert "abh" in html
