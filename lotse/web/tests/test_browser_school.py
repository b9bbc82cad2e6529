"""An Eritrean minor's path in a real browser, checked by axe-core (WCAG 2.2 AA): the
Integrationsmanagement enrols him in a VABO class (the rules say he is obliged, and why), then
records a case conference on his plan with the Agentur and the Jugendamt at the table and the
school with his consent — first forgetting to ask, which the form refuses. The Agentur then
places him in an apprenticeship, step by step to the hire, and the Jugendamt's list of the
young people (Jugendberufsagentur) shows him at the stage "Ausbildung".

    .venv/bin/python -m pytest lotse/web/tests/test_browser_school.py -x
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lotse.cases.services import case_open
from lotse.courses.tests.factories import CourseFactory, asylum_seeker, course_type
from lotse.jobs.placement_models import Placement
from lotse.jobs.tests.factories import vacancy
from lotse.organisations.models import Role, User
from lotse.organisations.tests.factories import reference_office
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser

AGENTUR = "aa-balingen-reutlingen"
IM = "im-tubingen-08416"
JUGENDAMT = "jugendamt-tubingen-08416"
APPRENTICESHIP = "Ausbildung Elektroniker/in für Energie- und Gebäudetechnik"


def test_a_minor_from_eritrea_goes_from_the_vabo_to_an_apprenticeship(ui, open_ui, make_user):
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
    jugendamt = make_user("ja-filmon", Role.CASEWORKER, office=JUGENDAMT)
    case_open(actor=agentur, person=filmon, reason="Berufsberatung")
    case_open(actor=jugendamt, person=filmon, reason="Inobhutnahme, Vormundschaft")
    job = vacancy(
        User.objects.get(pk=agentur.pk),
        kind="apprenticeship",
        title=APPRENTICESHIP,
        starts_on=today + timedelta(days=200),
    )
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
    page.get_by_label(reference_office(JUGENDAMT).name, exact=False).check()
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
    expect(main).to_contain_text(reference_office(JUGENDAMT).name)
    ui.axe("plan with the case conference")
    ui.assert_clean()

    # The Agentur places him in an apprenticeship, step by step to the hire.
    placing = open_ui("Agentur")
    sign_in(placing, "aa-filmon")
    placing.goto(f"/persons/{filmon.pk}/placements/")
    placing.page.get_by_label("Stelle", exact=True).select_option(
        label=f"{APPRENTICESHIP} – {job.employer.name}"
    )
    placing.page.get_by_role("button", name="Vermittlung erfassen").click()
    expect(placing.page.locator("main")).to_contain_text(APPRENTICESHIP)
    placing.axe("a person's placements")
    placement = Placement.objects.get(person=filmon, vacancy=job)
    section = placing.page.locator(f"#placement-{placement.pk}")
    for stage in ("beworben", "Vorstellungsgespräch", "Angebot", "eingestellt"):
        section.get_by_label(stage, exact=False).check()
        section.locator(f"#id_p{placement.pk}_on").fill(today.isoformat())
        if stage == "eingestellt":
            start = job.starts_on.isoformat()
            section.locator(f"#id_p{placement.pk}_start_date").fill(start)
            section.locator(f"#id_p{placement.pk}_contract_type").select_option("apprenticeship")
        section.get_by_role("button", name="Schritt erfassen").click()
        section = placing.page.locator(f"#placement-{placement.pk}")
    expect(section).to_contain_text("Eingestellt")
    placing.axe("a person's placement, hired into the apprenticeship")
    placing.assert_clean()

    # The Jugendamt's list of the young people shows him in the apprenticeship.
    youth = open_ui("Jugendamt")
    sign_in(youth, "ja-filmon")
    youth.goto("/youth/?minors=1")
    row = youth.page.locator("tr", has_text="Tesfay")
    expect(row).to_contain_text("Ausbildung")
    youth.axe("the Jugendberufsagentur's list of the young people")
    youth.assert_clean()
