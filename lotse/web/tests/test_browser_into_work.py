"""Into work in a real browser, checked by axe-core (WCAG 2.2 AA) on every page: Amal's
husband Yusuf, an electrician with six years of experience, is suggested the electrician's
vacancy in Tübingen with its reasons, and the Jobcenter's caseworker proposes it to him; a
Duldung holder whose Duldung bans work is proposed nothing, and the page says why; the
vacancy's candidates show Yusuf and not her.

The persons, their status and profiles and the vacancy are set up by services; what the
caseworker does happens on the pages.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_into_work.py -x
"""

import pytest
from playwright.sync_api import expect

from lotse.jobs.match_models import MatchDecision
from lotse.jobs.tests.factories import JOBCENTER_TUEBINGEN, vacancy
from lotse.jobs.tests.match_factories import DULDUNG_NO_WORK, electrician
from lotse.organisations.models import Role, User
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser

ELECTRICIAN = "Elektroniker/in für Energie- und Gebäudetechnik"


def test_yusuf_is_matched_with_reasons_and_the_duldung_holder_is_not_proposed(ui, make_user):
    jc = make_user("jc-arbeit", Role.CASEWORKER, office=JOBCENTER_TUEBINGEN)
    staff = User.objects.get(pk=jc.pk)
    job = vacancy(staff)
    yusuf = electrician(staff, years=6)
    blessing = electrician(
        staff, status=DULDUNG_NO_WORK, given_names="Blessing", family_name="Okafor", sex="f"
    )
    page = ui.page
    main = page.locator("main")
    sign_in(ui, "jc-arbeit")

    ui.goto(f"/persons/{yusuf.pk}/matches/")
    expect(main).to_contain_text("1 vorgeschlagene Stelle")
    suggestion = page.locator(f"#vacancy-{job.pk}")
    expect(suggestion).to_contain_text(ELECTRICIAN)
    expect(suggestion).to_contain_text("Tübingen")
    expect(suggestion).to_contain_text("6 Jahre")  # his work experience, as a reason
    ui.axe("a person's matching vacancies with their reasons")
    suggestion.get_by_label("der Person vorgeschlagen").check()
    suggestion.get_by_role("button", name="Entscheidung erfassen").click()
    expect(main).to_contain_text("Der Person vorgeschlagen")
    assert MatchDecision.objects.get(person=yusuf, vacancy=job).decision == "proposed"
    ui.axe("a person's matches with a decision")

    ui.goto(f"/persons/{blessing.pk}/matches/")
    expect(main).to_contain_text("0 vorgeschlagene Stellen")
    expect(main).to_contain_text("nicht vorgeschlagen: Die Person darf die Arbeit nicht aufnehmen")
    expect(main).not_to_contain_text(ELECTRICIAN)
    ui.axe("the matches of a person who may not work")

    ui.goto(f"/vacancies/{job.pk}/candidates/")
    expect(main).to_contain_text("Al-Hassan")
    expect(main).not_to_contain_text("Okafor")
    ui.axe("a vacancy's candidates")
    ui.assert_clean()
