"""An Eritrean minor's path in a real browser, checked by axe-core (WCAG 2.2 AA): the
Integrationsmanagement enrols him in a VABO class (the rules say he is obliged, and why), then
records a case conference on his plan with the Agentur at the table and the school with his
consent — first forgetting to ask, which the form refuses.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_school.py -x
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lotse.cases.services import case_open
from lotse.courses.tests.factories import CourseFactory, asylum_seeker, course_type
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import reference_office
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser

AGENTUR = "aa-balingen-reutlingen"
IM = "im-tubingen-08416"


def test_a_minor_from_eritrea_goes_to_the_vabo_with_a_case_conference(ui, make_user):
    im = make_user("im-filmon", Role.CASEWORKER, office=IM)
    agentur = make_user("aa-filmon", Role.CASEWORKER, office=AGENTUR)
    today = timezone.localdate()
    filmon = asylum_seeker(
        im,
        nationality="ERI",
        family_name="Tesfay",
        given_names="Filmon",
        original=None,
        birth=(today.year - 16, 3, 1),
        placeholder=False,
    )
    case_open(actor=agentur, person=filmon, reason="Berufsberatung")
    course = CourseFactory(
        course_type=course_type("vabo"),
        provider="Gewerbliche Schule Tübingen",
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=300),
        recorded_by=reference_office(IM),
    )
    page = ui.page
    main = page.locator("main")

    sign_in(ui, "im-filmon")
    ui.goto(f"/courses/{course.pk}/enrol/?q=Tesfay")
    ui.axe("enrol in the VABO class")
    page.get_by_label("Tesfay", exact=False).check()
    page.get_by_role("button", name="Einschreiben").click()
    expect(main).to_contain_text("Berufsschulpflicht")
    ui.axe("VABO enrolment")

    ui.goto(f"/persons/{filmon.pk}/plan/conferences/new/")
    ui.axe("case conference form")
    expect(page.locator("#id_external_consent")).not_to_be_checked()
    page.get_by_label(reference_office(AGENTUR).name, exact=False).check()
    page.fill("#id_other_participants", "Gewerbliche Schule Tübingen (Klassenleitung)")
    page.get_by_label("Die Person hat teilgenommen").check()
    page.select_option("#id_interpreter_language", "ti")
    page.fill("#id_agreed", "VABO ab dem Halbjahr, danach Praktikum im Elektrohandwerk")
    page.get_by_role("button", name="Fallkonferenz eintragen").click()
    expect(main).to_contain_text("nur mit Einwilligung der Person")
    ui.axe("case conference refused without consent")
    page.get_by_label("Die Person ist einverstanden", exact=False).check()
    page.get_by_role("button", name="Fallkonferenz eintragen").click()
    expect(main).to_contain_text("Die Fallkonferenz wurde im Plan eingetragen.")
    expect(main).to_contain_text("Gewerbliche Schule Tübingen (Klassenleitung)")
    expect(main).to_contain_text("Tigrinya")
    ui.axe("plan with the case conference")
    ui.assert_clean()
