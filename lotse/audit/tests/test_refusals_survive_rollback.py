"""A refused access is recorded even when the service it refused rolls back."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case
from lotse.cases.services import follow_up_add
from lotse.identity.services import person_merge
from lotse.people.tests.factories import register


def test_a_refusal_inside_a_service_transaction_stays_in_the_trail(caseworker):
    first = register(caseworker)
    second = register(caseworker, family_name="Alhasan", given_names="Amel", original=None)
    with pytest.raises(PermissionDenied):
        person_merge(actor=caseworker, kept=first, merged=second, reason="same")
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED, actor=caseworker, action="duplicates.review"
    ).exists()


def test_a_hidden_object_refusal_stays_in_the_trail(caseworker, other_caseworker):
    case = Case.objects.get(person=register(caseworker))
    with pytest.raises(Http404):
        follow_up_add(actor=other_caseworker, case=case, due_on=case.opened_at.date(), title="x")
    assert (
        AuditEvent.objects.filter(
            event_type=EventType.ACCESS_DENIED, actor=other_caseworker, object_id=str(case.pk)
        ).count()
        == 1
    )
