"""The appointments' place in the policy: an appointment belongs to the Kreise its organising
office serves; an interpreter of the pool to the Kreis of the pool. Who sees an appointment is
decided by the person rules (VIEW_PERSON) and the offices at the table (selectors)."""

from django.db import models

from lotse.access.policy import register_offices_scope, register_scope

register_offices_scope("appointments.Appointment", "office")
register_scope(
    "appointments.Interpreter",
    lambda interpreter: [interpreter.kreis_id],
    admits=lambda kreis_ids: models.Q(kreis_id__in=list(kreis_ids)),
)
