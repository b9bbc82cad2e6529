"""Who may produce a person's Art. 15 report, registered with the one policy (lotse.access.policy).

Two ways in, each an object rule on the person:

* **staff of an office with an open case** (caseworkers and team leads: `Action.VIEW_PERSON`,
  asked with the purpose `REPORT_PURPOSE`). The open-case rule of lotse.cases already allows a
  read with an open case *or* break-the-glass; this rule adds that emergency access is not enough
  for a report: an export of everything stored is no emergency.
* **the data-protection officer of a controller that holds a case** for the person, open or
  closed (`Action.VIEW_AUDIT_TRAIL` on the person: the report is built from the audit trail,
  which is the officer's to read). The departments of a Kreis and its zkT are one controller; a
  gE Jobcenter and an Agentur are controllers of their own (`Office.controller_key`).

The report shows the data of every office: that is the person's right (Art. 15 GDPR), so the
producer is not limited to their own office's records. The report itself is an export and is
logged as one (services.subject_report_create).
"""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from lotse.access.policy import (
    Action,
    Decision,
    register_object_rule,
    register_offices_scope,
)
from lotse.access.selectors import controller_offices
from lotse.audit.vocabulary import Basis, LegalBasis
from lotse.cases.models import Case, CaseStatus
from lotse.organisations.models import User

REPORT_PURPOSE = "Art. 15 GDPR report"
DPO_BASIS = LegalBasis(Basis.DPO_SUBJECT_REQUEST)


def _report_rule(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> Decision | None:
    assert user.office_id is not None  # the policy asks its rules about members of staff only
    if action == Action.VIEW_PERSON and purpose == REPORT_PURPOSE:
        if not Case.objects.filter(
            person=obj, office_id=user.office_id, status=CaseStatus.OPEN
        ).exists():
            return Decision(
                False,
                action,
                _("Only an office with an open case for the person produces the report."),
            )
        return None
    if action == Action.VIEW_AUDIT_TRAIL:
        assert user.office is not None
        holds_case = Case.objects.filter(
            person=obj, office__in=controller_offices(user.office)
        ).exists()
        if not holds_case:
            return Decision(False, action, _("Your data controller holds no case for this person."))
        return Decision(True, action, _("Case held by your controller."), basis=DPO_BASIS)
    return None


def _report_admits(
    *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
) -> Q | None:
    assert user.office_id is not None  # the policy asks its rules about members of staff only
    if action == Action.VIEW_PERSON and purpose == REPORT_PURPOSE:
        own = Case.objects.filter(office_id=user.office_id, status=CaseStatus.OPEN)
        return Q(pk__in=own.values("person_id"))
    if action == Action.VIEW_AUDIT_TRAIL:
        assert user.office is not None
        held = Case.objects.filter(office__in=controller_offices(user.office))
        return Q(pk__in=held.values("person_id"))
    return None


register_object_rule(
    "people.Person", _report_rule, name="subject_rights.report", admits=_report_admits
)


# --- correction requests of an office -----------------------------------------------------------
# A request one office makes to another about an entry of the other's is seen by the two offices
# and nobody else; only the office that owns the entry (the one that received the request)
# answers it. Both offices are in the Kreis scope of the request: another Kreis sees nothing.


def _request_party(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> Decision | None:
    if action == Action.EDIT_PERSON:
        if obj.received_by_office_id != user.office_id:
            return Decision(
                False, action, _("Only the office that owns the entry answers the request.")
            )
        return None
    if user.office_id not in (obj.received_by_office_id, obj.requested_by_office_id):
        return Decision(False, action, _("This request concerns other offices."))
    return None


def _request_party_admits(
    *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
) -> Q:
    if action == Action.EDIT_PERSON:
        return Q(received_by_office_id=user.office_id)
    return Q(received_by_office_id=user.office_id) | Q(requested_by_office_id=user.office_id)


register_offices_scope(
    "subject_rights.CorrectionRequest", "received_by_office", "requested_by_office"
)
register_object_rule(
    "subject_rights.CorrectionRequest",
    _request_party,
    name="subject_rights.request_party",
    admits=_request_party_admits,
)
