"""A joint appointment in a real browser, checked by axe-core (WCAG 2.2 AA): the Jobcenter's
caseworker invites a person to one table with the Integrationsmanagement, with an Arabic
interpreter from the Tübingen pool — first on a public holiday, which the form refuses by name;
afterwards the interpreter is shown as taken at that time.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_appointments.py -x
"""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lotse.appointments.models import Appointment, Interpreter
from lotse.appointments.tests.conftest import working_day
from lotse.cases.services import case_open
from lotse.organisations.models import Kreis, Role
from lotse.organisations.tests.factories import reference_office
from lotse.people.tests.factories import register
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser

JC = "jc-tubingen-08416"
IM = "im-tubingen-08416"


def test_a_joint_appointment_with_an_arabic_interpreter(ui, make_user):
    jc = make_user("jc-amal", Role.CASEWORKER, office=JC)
    im = make_user("im-amal", Role.CASEWORKER, office=IM)
    amal = register(jc, given_names="Amal", family_name="Al-Hassan")
    case_open(actor=im, person=amal, reason="Integrationsmanagement")
    interpreter = Interpreter.objects.create(
        kreis=Kreis.objects.get(code="08416"), name="Nour Khalil", languages=["ar"]
    )
    start = working_day()
    christmas = date(timezone.localdate().year + 1, 12, 25)
    page = ui.page
    main = page.locator("main")

    sign_in(ui, "jc-amal")
    ui.goto(f"/persons/{amal.pk}/appointments/")
    ui.axe("appointments of the person with the form")
    page.fill("#id_day", christmas.isoformat())
    page.fill("#id_start", "10:00")
    page.fill("#id_end", "11:00")
    page.fill("#id_place", "Jobcenter Tübingen, Raum 2.14")
    page.get_by_label(reference_office(IM).name, exact=False).check()
    page.select_option("#id_interpreter_language", "ar")
    page.select_option("#id_interpreter", str(interpreter.pk))
    page.get_by_role("button", name="Termin vereinbaren").click()
    expect(main).to_contain_text("ein Feiertag in Baden-Württemberg")
    expect(page.locator("#id_place")).to_have_value("Jobcenter Tübingen, Raum 2.14")
    ui.axe("appointment refused on a holiday")

    page.fill("#id_day", start.date().isoformat())
    page.get_by_role("button", name="Termin vereinbaren").click()
    expect(main).to_contain_text("Der Termin wurde vereinbart.")
    expect(main).to_contain_text(reference_office(IM).name)
    expect(main).to_contain_text("Nour Khalil (gebucht)")
    ui.axe("the joint appointment")
    assert Appointment.objects.get().other_offices.get().office.code == IM

    ui.goto(f"/persons/{amal.pk}/appointments/")
    expect(page.locator("#id_interpreter")).to_contain_text(f"belegt: {start:%d.%m.%Y} 10:00–11:00")
    ui.axe("the form shows the interpreter taken")
    ui.goto("/interpreters/")
    expect(main).to_contain_text("10:00–11:00")
    ui.axe("the pool")
    ui.goto(f"/appointments/?week={start.date().isoformat()}")
    expect(main).to_contain_text("1 Termin")
    ui.axe("my week")
    assert im  # the Integrationsmanagement sees it in its office's week (test_pages.py)
    ui.assert_clean()
