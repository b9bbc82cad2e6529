"""The courses' place in the policy: a course belongs to the Kreis of its Gemeinde, so that
VIEW_COURSES and MANAGE_COURSES (scoped actions) reach the courses of the Kreise an office
serves, and no other."""

from django.db import models

from lotse.access.policy import register_scope

register_scope(
    "courses.Course",
    lambda course: [course.gemeinde.kreis_id],
    admits=lambda kreis_ids: models.Q(gemeinde__kreis_id__in=list(kreis_ids)),
)
