"""The profile pages in a real browser, checked by axe-core (WCAG 2.2 AA): the Agentur records
a work experience found by the occupation search, the Jobcenter reads it and replaces the
schooling, the earlier entry stays visible. Run on its own with

    .venv/bin/python -m pytest lotse/web/tests/test_browser_profiles.py -x
"""

import pytest

from lotse.cases.services import case_open
from lotse.organisations.models import Role
from lotse.people.tests.factories import register
from lotse.profiles.tests.factories import record_entry
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser

AGENTUR = "aa-balingen-reutlingen"
JOBCENTER = "jc-tubingen-08416"


def test_the_profile_pages_are_accessible(ui, make_user):
    agentur = make_user("aa-browser", Role.CASEWORKER, office=AGENTUR)
    jobcenter = make_user("jc-browser", Role.CASEWORKER, office=JOBCENTER)
    person = register(agentur)
    case_open(actor=jobcenter, person=person, reason="Rechtskreiswechsel")
    schooling = record_entry(agentur, person, years=8)
    page = ui.page

    sign_in(ui, "aa-browser")
    ui.goto(f"/persons/{person.pk}/profile/new/work/?occupation_q=Elektr")
    ui.axe("profile entry, occupations found")
    page.get_by_label(
        "Berufe in der Bauelektrik – fachlich ausgerichtete Tätigkeiten", exact=False
    ).first.check()
    page.select_option("#id_source", "document")
    page.get_by_role("button", name="Eintrag aufnehmen").click()
    page.wait_for_load_state("load")
    assert "Bauelektrik" in ui.text("main")
    ui.axe("profile")

    ui.goto(f"/persons/{person.pk}/profile/new/qualification/")
    page.get_by_role("button", name="Eintrag aufnehmen").click()
    page.wait_for_load_state("load")
    assert "Fehler" in ui.text("main") or "Bitte" in ui.text("main")
    ui.axe("profile entry with errors")

    ui.goto(f"/persons/{person.pk}/")
    assert "Bauelektrik" in ui.text("main")
    ui.axe("person page with the profile")

    ui.goto("/occupations/?occupation_q=Pflege")
    ui.axe("occupations")

    ui.page.context.clear_cookies()
    sign_in(ui, "jc-browser")
    ui.goto(f"/persons/{person.pk}/profile/new/schooling/?replaces={schooling.pk}")
    ui.axe("replace an entry")
    page.fill("#id_years", "11")
    page.get_by_role("button", name="Eintrag aufnehmen").click()
    page.wait_for_load_state("load")
    assert "Frühere Angaben" in ui.text("main")
    assert "Bauelektrik" in ui.text("main")  # the Agentur's entry, under § 69 SGB X
