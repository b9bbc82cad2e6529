"""Amal's journey continues in a real browser, checked by axe-core (WCAG 2.2 AA) on every page:
the Agentur records her profile during the asylum procedure, the Jobcenter reads it after the
Rechtskreiswechsel without retyping it, the Jobcenter and the Integrationsmanagement (with her
consent) agree a plan, the Integrationsmanagement enrols her in an integration course once the
rules say she is entitled, and her DTZ result B1 raises her levels in the profile.

The reference facts are set up by services (offices, staff, the person, her residence status,
her consent, the course); everything the journey is about happens on the pages.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_road_into_work.py -x
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lotse.cases.services import case_open
from lotse.consent.services import ConsentInput, consent_record
from lotse.courses.tests.factories import CourseFactory, refugee
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import reference_office
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser

AGENTUR = "aa-balingen-reutlingen"
JOBCENTER = "jc-tubingen-08416"
IM = "im-tubingen-08416"


def test_amals_road_from_profile_to_plan_to_course_to_exam(ui, make_user):
    sozialamt = make_user("so-amal", Role.CASEWORKER)
    agentur = make_user("aa-amal", Role.CASEWORKER, office=AGENTUR)
    jobcenter = make_user("jc-amal", Role.CASEWORKER, office=JOBCENTER)
    im = make_user("im-amal", Role.CASEWORKER, office=IM)
    today = timezone.localdate()
    amal = refugee(sozialamt, family_name="Al-Hassan", given_names="Amal")
    for actor, reason in ((agentur, "Frühe Förderung"), (jobcenter, "Rechtskreiswechsel")):
        case_open(actor=actor, person=amal, reason=reason)
    case_open(actor=im, person=amal, reason="Integrationsmanagement")
    consent_record(
        actor=im,
        person=amal,
        data=ConsentInput(
            recipients=[reference_office(IM)],
            categories=["plan", "profile", "status"],
            purposes=["integration_counselling"],
            given_on=today,
            given_how="written",
            explained_language="ar",
            valid_until=today + timedelta(days=365),
        ),
    )
    course = CourseFactory(
        provider="Frauenbildungswerk Tübingen",
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=170),
        childcare=True,
        recorded_by=reference_office(IM),
    )
    page = ui.page
    main = page.locator("main")
    profile = f"/persons/{amal.pk}/profile/"

    # 1. The Agentur records her profile: her work as a PTA, found by searching the title, and
    #    her German as she assesses it herself.
    sign_in(ui, "aa-amal")
    ui.goto(f"{profile}new/work/?occupation_q=Pharm")
    ui.axe("profile entry, occupations found")
    page.get_by_label("Pharmazie", exact=False).first.check()
    page.fill("#id_years", "6")
    page.select_option("#id_source", "own_statement")
    page.get_by_role("button", name="Eintrag aufnehmen").click()
    expect(main).to_contain_text("Pharmazie")
    ui.axe("profile")
    ui.goto(f"{profile}new/language/")
    page.select_option("#id_language", "de")
    for skill in ("listening", "reading", "speaking", "writing"):
        page.select_option(f"#id_{skill}", "A2")
    page.select_option("#id_source", "self")
    page.get_by_role("button", name="Niveaus aufnehmen").click()
    expect(main).to_contain_text("A2")
    ui.goto("/occupations/?occupation_q=Pharm")
    ui.axe("occupation search")
    ui.assert_clean()

    # 2. After the switch the Jobcenter reads what the Agentur recorded (§ 69 SGB X).
    page.context.clear_cookies()
    sign_in(ui, "jc-amal")
    ui.goto(profile)
    expect(main).to_contain_text("Pharmazie")
    expect(main).to_contain_text("A2")

    # 3. The Jobcenter and the Integrationsmanagement agree the plan.
    ui.goto(f"/persons/{amal.pk}/plan/goals/new/")
    ui.axe("new goal")
    page.fill("#id_text", "Deutsch B1")
    page.select_option("#id_area", "language")
    page.select_option("#id_owner", label="Landratsamt Tübingen – Integrationsmanagement")
    page.fill("#id_target_date", (today + timedelta(days=300)).isoformat())
    page.get_by_role("button", name="Ziel hinzufügen").click()
    expect(main).to_contain_text("Deutsch B1")
    ui.axe("plan")
    ui.assert_clean()

    page.context.clear_cookies()
    sign_in(ui, "im-amal")
    ui.goto(f"/persons/{amal.pk}/plan/")
    expect(main).to_contain_text("Deutsch B1")  # the Jobcenter's goal, with her consent

    # 4. The Integrationsmanagement enrols her: the rules say she is entitled, and why.
    ui.goto(f"/courses/{course.pk}/")
    ui.axe("course page")
    ui.goto(f"/courses/{course.pk}/enrol/?q=Al-Hassan")
    ui.axe("enrol in the course")
    page.get_by_label("Al-Hassan", exact=False).check()
    page.get_by_role("button", name="Einschreiben").click()
    expect(main).to_contain_text("Warum die Regeln die Person zugelassen haben")
    expect(main).to_contain_text("berechtigt")
    expect(main).to_contain_text("§ 44")
    ui.axe("enrolment")

    # The plan's step names the enrolment.
    ui.goto(f"/persons/{amal.pk}/plan/steps/new/")
    ui.axe("new step")
    page.select_option(
        "#id_goal", label="Deutsch B1 (Landratsamt Tübingen – Integrationsmanagement)"
    )
    page.fill("#id_text", "Integrationskurs besuchen")
    page.fill("#id_due_on", (today + timedelta(days=7)).isoformat())
    page.select_option("#id_enrolment", index=1)
    page.get_by_role("button", name="Schritt hinzufügen").click()
    expect(main).to_contain_text("Frauenbildungswerk Tübingen")

    # 5. Her DTZ result B1 raises her levels, with the exam as source.
    ui.goto(f"/courses/{course.pk}/")
    page.get_by_role("link", name="Al-Hassan", exact=False).first.click()
    page.wait_for_load_state("load")
    ui.axe("enrolment page")
    page.select_option("#id_exam", "dtz")
    page.fill("#id_taken_on", today.isoformat())
    page.select_option("#id_level", "B1")
    page.get_by_role("button", name="Prüfungsergebnis erfassen").click()
    page.wait_for_load_state("load")
    expect(main).to_contain_text("B1")
    ui.goto(profile)
    expect(main).to_contain_text("B1")
    expect(main).to_contain_text("Hören: B1 (DTZ-Prüfung")
    ui.axe("profile after the exam")
    ui.assert_clean()
