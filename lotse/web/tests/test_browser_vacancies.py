"""Vacancies in the browser: the list with its filters, a vacancy with the contact person for
the Jobcenter, the vacancy form with its errors and the occupation search, the employer's page,
and the Sozialamt's view without the contact person, with axe-core on each.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_vacancies.py -x
"""

import pytest
from playwright.sync_api import expect

from lotse.jobs.tests.factories import employer, vacancy
from lotse.organisations.models import Role
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser


def test_vacancies_employers_and_the_forms(ui, make_user, open_ui):
    staff = make_user("jc-stellen", Role.CASEWORKER, office="jc-tubingen-08416")
    make_user("sa-stellen", Role.CASEWORKER)
    firm = employer(staff)
    job = vacancy(staff, of=firm)
    page = ui.page
    sign_in(ui, "jc-stellen")

    ui.goto("/vacancies/?q=elektro&german=B1")
    expect(page.locator("main")).to_contain_text("1 Stelle")
    ui.axe("vacancy list, filtered")

    ui.goto(f"/vacancies/{job.pk}/")
    expect(page.locator("main")).to_contain_text("Frieda Funke")
    ui.axe("vacancy page with the contact person and the status form")

    ui.goto(f"/employers/{firm.pk}/vacancies/new/")
    page.get_by_label("Bezeichnung").fill("Ausbildung Elektroniker/in")
    page.get_by_label("Arbeitsort (Gemeinde)").select_option(label="Tübingen (Tübingen)")
    page.get_by_label("Stunden pro Woche").fill("60")
    page.get_by_role("button", name="Stelle erfassen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Zwischen 1 und 48 Stunden pro Woche.")
    ui.axe("record a vacancy, with errors")
    page.get_by_label("Beruf suchen").fill("Elektroniker")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_label("Bezeichnung")).to_have_value("Ausbildung Elektroniker/in")
    ui.axe("record a vacancy, occupations found")

    ui.goto(f"/employers/{firm.pk}/")
    expect(page.locator("main")).to_contain_text(job.title)
    ui.axe("employer page")
    ui.assert_clean()

    sozialamt = open_ui("sozialamt")
    sign_in(sozialamt, "sa-stellen")
    sozialamt.goto(f"/vacancies/{job.pk}/")
    expect(sozialamt.page.locator("main")).not_to_contain_text("Frieda Funke")
    expect(sozialamt.page.locator("main")).to_contain_text("Arbeitgeber-Service")
    sozialamt.axe("vacancy page for the Sozialamt")
    sozialamt.assert_clean()
