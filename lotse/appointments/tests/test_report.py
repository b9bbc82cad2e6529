"""Every appointment appears in the person's report (Art. 15 GDPR): date, kind, offices,
interpreter language, attended or missed — in German and in the person's language."""

from datetime import timedelta

import pytest

from lotse.appointments.services import AppointmentInput, appointment_schedule
from lotse.appointments.tests.conftest import working_day
from lotse.consent.form_texts import document_languages
from lotse.subject_rights.documents import report_html
from lotse.subject_rights.selectors import subject_report_data

pytestmark = pytest.mark.django_db


def test_the_report_lists_the_appointments(jobcenter, im, amal, arabic):
    start = working_day()
    appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Raum 1",
            offices=[im.office],
            interpreter_language="ar",
            interpreter=arabic,
        ),
    )
    data = subject_report_data(actor=jobcenter, person=amal)
    (row,) = data["appointments"]
    assert row["kind"] == "Beratung"
    assert row["status"] == "geplant"
    assert row["interpreter_language"] == "ar"
    assert im.office.name in row["offices"]
    assert jobcenter.office.name in row["offices"]
    html = report_html(
        data=data, languages=document_languages("ar"), office=jobcenter.office, reference="Antrag"
    )
    assert "Termine" in html
    assert "المواعيد" in html
    assert f"{start:%d.%m.%Y %H:%M}" in html
    assert "Nour Khalil" not in html  # the interpreter's name is not the person's data
