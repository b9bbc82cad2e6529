"""The load benchmark's registry (manage.py load_scale_registry): what a caseworker then sees."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from lotse.cases.models import Case, CaseStatus, Referral
from lotse.consent.models import Consent
from lotse.demo.region import DEMO_PASSWORD, current_demo_code, demo_region_seed
from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.status.models import StatusEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    demo_region_seed()
    out = io.StringIO()
    call_command("load_scale_registry", "--persons", "300", "--caseworkers", "1", stdout=out)
    return out.getvalue()


def test_the_command_loads_persons_with_cases_events_referrals_and_consents(loaded):
    assert re.search(r"Loaded 300 persons \(\d+ open cases\)", loaded)
    assert Person.objects.count() == 300
    assert Case.objects.count() == 300
    assert Case.objects.filter(status=CaseStatus.OPEN).exists()
    assert Case.objects.values("office").distinct().count() > 5  # spread over the offices
    assert StatusEvent.objects.count() >= 300
    assert Referral.objects.exists()
    assert Consent.objects.exists()
    for referral in Referral.objects.select_related("from_office", "to_office"):
        assert referral.from_office.kreis_id == referral.to_office.kreis_id
    # The loader gave ids itself: a case created afterwards still gets the next one (PostgreSQL's
    # sequence was moved past them).
    last = Case.objects.order_by("-pk").first()
    later = Case.objects.create(
        person=last.person,
        office=last.office,
        status=CaseStatus.CLOSED,
        opened_at=last.opened_at,
        opened_reason="test",
    )
    assert later.pk == last.pk + 1


def test_a_bench_caseworker_signs_in_and_sees_their_caseload(loaded):
    user = User.objects.get(username="tue-sozialamt-sb-01")
    mine = Case.objects.filter(responsible=user, status=CaseStatus.OPEN).select_related("person")
    client = Client()
    client.post("/accounts/login/", {"login": user.username, "password": DEMO_PASSWORD})
    assert client.post("/accounts/2fa/authenticate/", {"code": current_demo_code()})["Location"]
    page = client.get("/cases/?mine=1")
    assert page.status_code == 200
    text = page.content.decode()
    assert mine.exists()
    for case in mine[:5]:
        assert f'href="/cases/{case.pk}/"' in text
    assert client.get(f"/cases/{mine[0].pk}/").status_code == 200


def test_it_refuses_nonsense_and_the_production_mode():
    with pytest.raises(CommandError, match="--persons must be at least 1"):
        call_command("load_scale_registry", "--persons", "0")
    with pytest.raises(CommandError, match="--caseworkers must lie between 1 and 99"):
        call_command("load_scale_registry", "--caseworkers", "0")
    with override_settings(LOTSE_DEMO=False), pytest.raises(CommandError, match="demo mode"):
        call_command("load_scale_registry", "--persons", "1")
