"""The demo's appointments: the interpreters' pools of the pilot Kreise and Amal Al-Hassan's
joint appointment of the Jobcenter and the Integrationsmanagement Tübingen with an Arabic
interpreter."""

import pytest

from lotse.appointments.models import Appointment, BookingStatus, Interpreter
from lotse.demo.appointments import demo_appointments_seed
from lotse.demo.persons import demo_persons_seed
from lotse.demo.region import demo_region_seed

pytestmark = pytest.mark.django_db


def test_amal_has_a_joint_appointment_with_an_arabic_interpreter():
    demo_region_seed()
    demo_persons_seed()
    assert demo_appointments_seed() > 1
    assert demo_appointments_seed() == 0  # once only
    assert set(Interpreter.objects.values_list("kreis__code", flat=True)) == {
        "08118",
        "08317",
        "08415",
        "08416",
    }
    row = Appointment.objects.get(person__names__given_names="Amal")
    assert row.office.code == "jc-tubingen-08416"
    assert [o.office.code for o in row.other_offices.all()] == ["im-tubingen-08416"]
    booking = row.interpreter_bookings.get()
    assert booking.language == "ar"
    assert booking.status == BookingStatus.BOOKED
    assert booking.interpreter.kreis.code == "08416"
