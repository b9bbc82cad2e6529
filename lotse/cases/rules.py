"""The open-case rule: an office sees a person's data only through an open case of its own.

Registered with the one policy module at start-up, so that no view has to know about it.
Consent and statutory sharing between offices (§ 69 SGB X) arrive as further rules (issue 4).
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import (
    PERSON_DATA_ACTIONS,
    Decision,
    register_object_rule,
    register_scope,
)
from lotse.cases.models import Case, CaseStatus
from lotse.organisations.models import Jurisdiction

OWN_CASE_BASIS = "own open case (§§ 67a–67c SGB X; for non-benefit bodies the LDSG BW)"


def _kreise_with_open_case(person) -> list[int]:
    today = timezone.localdate()
    # Two small indexed queries; a join of cases and jurisdictions makes SQLite scan.
    offices = list(
        Case.objects.filter(person=person, status=CaseStatus.OPEN).values_list(
            "office_id", flat=True
        )
    )
    return list(
        Jurisdiction.objects.filter(office_id__in=offices, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by()
        .values_list("kreis_id", flat=True)
    )


def _open_case(*, user, action, obj, purpose, categories):
    if action not in PERSON_DATA_ACTIONS:
        return None
    has_case = Case.objects.filter(person=obj, office=user.office, status=CaseStatus.OPEN).exists()
    if not has_case:
        return Decision(False, action, _("Your office has no open case for this person."))
    return Decision(True, action, _("Open case."), basis=OWN_CASE_BASIS)


register_scope("people.Person", _kreise_with_open_case)
register_object_rule("people.Person", _open_case)
