"""The vacancies' place in the policy: an employer and a vacancy belong to the Kreis of their
Gemeinde, so that VIEW_VACANCIES and MANAGE_VACANCIES (scoped actions) reach those of the Kreise
an office serves, and no other."""

from django.db import models

from lotse.access.policy import register_scope

for _label in ("jobs.Employer", "jobs.Vacancy"):
    register_scope(
        _label,
        lambda obj: [obj.gemeinde.kreis_id],
        admits=lambda kreis_ids: models.Q(gemeinde__kreis_id__in=list(kreis_ids)),
    )

# A placement belongs to the Kreis of its vacancy's Gemeinde.
register_scope(
    "jobs.Placement",
    lambda obj: [obj.vacancy.gemeinde.kreis_id],
    admits=lambda kreis_ids: models.Q(vacancy__gemeinde__kreis_id__in=list(kreis_ids)),
)
