"""Records that can be put right, in the browser, two people at two desks: the Jobcenter
Tübingen finds the Dublin flag the Ausländerbehörde recorded wrong and asks for a correction;
the Ausländerbehörde sees the request on its start page and corrects the entry; the Jobcenter
reads the answer. axe-core on the request form (with its error summary), the start page's tile
and the answer page.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_corrections.py -x
"""

from datetime import date

import pytest
from django.utils import translation
from playwright.sync_api import expect

from lotse.cases.services import case_open
from lotse.organisations.models import Role
from lotse.people.tests.factories import register
from lotse.status.events import EventKind
from lotse.status.services import status_event_record
from lotse.web.tests.browser_support import UI, assert_all_clean, sign_in, t

pytestmark = pytest.mark.browser

JOBCENTER = "jc-tubingen-08416"
ABH = "abh-tubingen-08416"
WRONG = "Im BAMF-Bescheid vom 14.04.2026, den die Familie gezeigt hat, steht kein Dublin-Verfahren."
RIGHT = "Dublin-Verfahren: nein"
REASON = "Dublin-Kennzeichen irrtümlich gesetzt"


def click_and_load(ui: UI, locator) -> None:
    with ui.page.expect_navigation():
        locator.click()
    ui.page.wait_for_load_state("load")


def status_message(ui: UI):
    return ui.page.locator("main [role=status]").first


def test_the_jobcenter_asks_and_the_abh_corrects(open_ui, make_user):
    sozialamt = make_user("sb-sozialamt", Role.CASEWORKER, second_factor=False)
    abh_user = make_user("sb-abh", Role.CASEWORKER, office=ABH)
    jc_user = make_user("sb-jobcenter", Role.CASEWORKER, office=JOBCENTER)
    person = register(sozialamt)
    for user in (abh_user, jc_user):
        case_open(actor=user, person=person, reason="Übernahme der Familie")
    for kind, day, details in [
        ("entry", date(2025, 10, 12), {}),
        ("asylum_application", date(2025, 11, 16), {"kind": "first"}),
        ("decision", date(2026, 4, 14), {"outcome": "fluechtlingsschutz", "dublin": True}),
    ]:
        status_event_record(
            actor=abh_user, person=person, kind=kind, date=day, details=details, source="document"
        )

    jobcenter, abh = open_ui("Jobcenter"), open_ui("Ausländerbehörde")
    sign_in(jobcenter, "sb-jobcenter")
    sign_in(abh, "sb-abh")

    # --- the Jobcenter: from the person page to the request -------------------------------
    page = jobcenter.page
    jobcenter.goto(f"/persons/{person.pk}/")
    click_and_load(
        jobcenter,
        page.locator("section[aria-labelledby=status]").get_by_role(
            "link", name=t("An entry of another office is wrong: ask that office for a correction")
        ),
    )
    expect(page.locator("h1")).to_have_text(t("Ask another office for a correction"))
    jobcenter.axe("ask for a correction: choose the entry")
    with translation.override("de"):
        decision_label = str(EventKind.DECISION.label)
    entries = page.locator("section[aria-labelledby=ask-status] li", has_text=decision_label)
    click_and_load(jobcenter, entries.get_by_role("link"))
    expect(page.locator("main")).to_contain_text(abh_user.office.name)
    jobcenter.axe("ask for a correction: the request form")

    # sent without what is correct: the error summary, the input kept, nothing sent
    page.fill("#id_what_is_wrong", WRONG)
    click_and_load(jobcenter, page.get_by_role("button", name=t("Send the request")))
    expect(page.locator("main")).to_contain_text(t("Say what is correct."))
    expect(page.locator("#id_what_is_wrong")).to_have_value(WRONG)
    jobcenter.axe("ask for a correction: the request form with an error")
    page.fill("#id_correct_value", RIGHT)
    click_and_load(jobcenter, page.get_by_role("button", name=t("Send the request")))
    expect(status_message(jobcenter)).to_contain_text(abh_user.office.name)
    request_url = page.url
    expect(page.locator("main")).to_contain_text(t("not answered yet"))

    # --- the Ausländerbehörde: the tile, the request, the correction ------------------------
    page = abh.page
    abh.goto("/")
    tile = page.locator("section[aria-labelledby=start-corrections]")
    expect(tile).to_contain_text(t("Requests for correction from other offices"))
    expect(tile).to_contain_text(jc_user.office.name)
    abh.axe("start page with the tile of correction requests")
    click_and_load(abh, tile.locator("a").first)
    expect(page.locator("main")).to_contain_text(WRONG)
    abh.axe("a request for correction, with the answer forms")
    correct = page.locator("section[aria-labelledby=answer-correct]")
    # the entry as recorded: Dublin-Fall "ja" (the radios: nicht bekannt, ja, nein)
    expect(correct.locator("#id_dublin_1")).to_be_checked()
    correct.locator("#id_dublin_2").check()
    correct.locator("#id_reason").fill(REASON)
    click_and_load(abh, correct.get_by_role("button", name=t("Save the correction")))
    expect(status_message(abh)).to_contain_text(jc_user.office.name)
    expect(page.locator("main")).to_contain_text(REASON)
    expect(page.locator("section[aria-labelledby=answer-correct]")).to_have_count(0)
    abh.goto("/")
    expect(page.locator("section[aria-labelledby=start-corrections]")).to_contain_text(
        t("No other office waits for a correction.")
    )

    # --- the Jobcenter reads the answer -----------------------------------------------------
    jobcenter.goto(request_url)
    answer = jobcenter.page.locator("main")
    expect(answer).to_contain_text(REASON)
    expect(answer).to_contain_text(t("corrected"))
    expect(answer).to_contain_text(decision_label)
    jobcenter.axe("the answer, for the office that asked")
    assert_all_clean(jobcenter, abh)
