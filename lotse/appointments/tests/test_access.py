"""The policy decides who sees an appointment and who changes it, for one appointment and for
every list, and both answers agree: the offices at the table see it, the organising office
changes it, an office of another Kreis neither."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lotse.access.policy import Action, decide, scope
from lotse.appointments.models import Appointment
from lotse.appointments.selectors import appointment_get, office_calendar
from lotse.appointments.services import appointment_cancel, appointment_schedule
from lotse.appointments.tests.conftest import staff, working_day
from lotse.appointments.tests.test_services import data
from lotse.audit.models import AuditEvent, EventType
from lotse.organisations.tests.factories import reference_office

SOZIALAMT_TUEBINGEN = "sozialamt-tubingen-08416"
JC_LUDWIGSBURG = "jc-ludwigsburg-08118"


@pytest.fixture
def appointments(jobcenter, im, amal, only_jobcenter):
    joint = appointment_schedule(actor=jobcenter, person=amal, data=data(offices=[im.office]))
    afternoon = data(working_day(hour=14))
    alone = appointment_schedule(actor=jobcenter, person=only_jobcenter, data=afternoon)
    return joint, alone


def test_the_offices_at_the_table_see_the_organiser_changes(jobcenter, im, appointments):
    joint, alone = appointments
    sozialamt = staff("soz-sb", reference_office(SOZIALAMT_TUEBINGEN))
    elsewhere = staff("jc-lb", reference_office(JC_LUDWIGSBURG))
    expected = {
        # user: (sees, changes)
        jobcenter: ({joint.pk, alone.pk}, {joint.pk, alone.pk}),
        im: ({joint.pk}, set()),
        sozialamt: (set(), set()),
        elsewhere: (set(), set()),
    }
    for user, (sees, changes) in expected.items():
        for action, allowed in ((Action.VIEW_PERSON, sees), (Action.EDIT_PERSON, changes)):
            one_by_one = {
                row.pk for row in Appointment.objects.all() if decide(user, action, row).allowed
            }
            listed = set(
                scope(user, action, Appointment.objects.all()).values_list("pk", flat=True)
            )
            assert one_by_one == listed == allowed, (user.username, action)


def test_a_refusal_is_recorded_in_the_persons_trail(im, amal, only_jobcenter, appointments):
    joint, alone = appointments
    with pytest.raises(Http404):
        appointment_get(actor=im, appointment_id=alone.pk)
    refusal = AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED).latest("pk")
    assert refusal.person_id == str(only_jobcenter.pk)  # refused on the person first
    assert appointment_get(actor=im, appointment_id=joint.pk) == joint
    with pytest.raises(PermissionDenied, match="organising office"):
        appointment_cancel(actor=im, appointment=joint, reason="Terminkonflikt")
    refusal = AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED).latest("pk")
    assert (refusal.object_id, refusal.person_id) == (str(joint.pk), str(amal.pk))


def test_the_other_office_sees_the_joint_appointment_in_its_week(im, appointments):
    joint, _alone = appointments
    week = office_calendar(actor=im, start=joint.starts_at.date())
    assert [row.pk for day in week.days for row in day.appointments] == [joint.pk]
