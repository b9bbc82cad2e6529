"""The appointments' place in the policy.

An appointment belongs to the Kreise its offices serve — the organising office and every office
joining it at the table — and it is seen by those offices only (the rule "appointments.at_table"),
for persons the person rules let them see (VIEW_PERSON, asked by the selectors). An interpreter of
the pool belongs to the Kreis of the pool.
"""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from lotse.access.policy import (
    Action,
    Decision,
    offices_serving,
    register_object_rule,
    register_scope,
)
from lotse.organisations.models import Jurisdiction, User

# Seeing an appointment (VIEW_PERSON): the offices at the table; changing it, booking its
# interpreter, recording attendance (EDIT_PERSON): the organising office.
NOT_AT_TABLE = gettext_noop("Your office is not at the table of this appointment.")
ONLY_ORGANISER = gettext_noop("Only the organising office changes an appointment.")


def _offices(appointment: Any) -> set[int]:
    return {appointment.office_id, *(row.office_id for row in appointment.other_offices.all())}


def _kreise(appointment: Any) -> list[int]:
    served = Jurisdiction.objects.valid_on(timezone.localdate())
    return list(
        served.filter(office_id__in=_offices(appointment))
        .values_list("kreis_id", flat=True)
        .distinct()
    )


register_scope(
    "appointments.Appointment",
    _kreise,
    admits=lambda kreis_ids: (
        models.Q(office_id__in=offices_serving(kreis_ids))
        | models.Q(other_offices__office_id__in=offices_serving(kreis_ids))
    ),
)


def _at_table(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> Decision | None:
    if action == Action.EDIT_PERSON:
        if user.office_id != obj.office_id:
            return Decision(False, action, gettext(ONLY_ORGANISER))
        return None
    if user.office_id not in _offices(obj):
        return Decision(False, action, gettext(NOT_AT_TABLE))
    return None


def _at_table_admits(
    *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
) -> models.Q:
    if action == Action.EDIT_PERSON:
        return models.Q(office_id=user.office_id)
    return models.Q(office_id=user.office_id) | models.Q(other_offices__office_id=user.office_id)


register_object_rule(
    "appointments.Appointment", _at_table, name="appointments.at_table", admits=_at_table_admits
)

register_scope(
    "appointments.Interpreter",
    lambda interpreter: [interpreter.kreis_id],
    admits=lambda kreis_ids: models.Q(kreis_id__in=list(kreis_ids)),
)
