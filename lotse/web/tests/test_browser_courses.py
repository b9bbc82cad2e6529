"""Courses in the browser: the catalogue with its filters, a course's page with its provider's
list, an enrolment the rules admit and one they refuse, the enrolment's page and the planners'
waiting times, with axe-core on each.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_courses.py -x
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lotse.courses.services import enrolment_create
from lotse.courses.tests.factories import CourseFactory, departed, refugee
from lotse.organisations.models import Role
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser


def test_catalogue_course_enrolment_and_waiting_times(ui, make_user, open_ui):
    caseworker = make_user("sb-kurse", Role.CASEWORKER)
    make_user("plan-kurse", Role.REGIONAL_PLANNER)
    today = timezone.localdate()
    course = CourseFactory(provider="VHS Tübingen", seats=1, childcare=True)
    CourseFactory(provider="VHS später", starts_on=today + timedelta(days=90))
    enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="Sitz"), course=course
    )
    refugee(caseworker, family_name="Warte")
    departed(caseworker, family_name="Ausgereist")
    page = ui.page
    sign_in(ui, "sb-kurse")

    ui.goto("/courses/?childcare=1")
    expect(page.locator("main")).to_contain_text("1 Kurs")
    ui.axe("course catalogue, filtered")

    ui.goto(f"/courses/{course.pk}/")
    expect(page.locator("main")).to_contain_text("1 von 1 belegt, 0 frei")
    expect(page.locator("main")).to_contain_text("Sitz")
    ui.axe("course page with the provider's list")

    ui.goto(f"/courses/{course.pk}/enrol/?q=Ausgereist")
    page.get_by_label("Ausgereist", exact=False).check()
    page.get_by_role("button", name="Einschreiben").click()
    expect(page.locator("main")).to_contain_text("Die Regeln erlauben diese Einschreibung nicht")
    ui.axe("enrolment refused by the rules")

    ui.goto(f"/courses/{course.pk}/enrol/?q=Warte")
    page.get_by_label("Warte", exact=False).check()
    page.get_by_role("button", name="Einschreiben").click()
    expect(page.locator("main")).to_contain_text("Warum die Regeln die Person zugelassen haben")
    expect(page.locator("main")).to_contain_text("auf der Warteliste")
    ui.axe("enrolment on the waiting list")

    ui.goto("/courses/new/")
    page.get_by_role("button", name="Kurs erfassen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    ui.axe("record a course, with errors")
    ui.assert_clean()

    planner = open_ui("planner")
    sign_in(planner, "plan-kurse")
    planner.goto("/courses/waiting-times/")
    expect(planner.page.locator("main")).to_contain_text("Vergleichswerte")
    planner.axe("waiting times")
    planner.assert_clean()
