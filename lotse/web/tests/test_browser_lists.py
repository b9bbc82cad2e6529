"""A caseworker's first day in the browser: the start page's tiles and a caseload longer than a
page (count, pager, sortable headers), with axe-core on each.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_lists.py -x
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lotse.cases.models import Case
from lotse.cases.services import follow_up_add
from lotse.organisations.models import Role
from lotse.people.tests.factories import register
from lotse.web.listing import PER_PAGE
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser


def test_start_page_and_a_caseload_of_two_pages(ui, make_user):
    caseworker = make_user("sb-sozialamt", Role.CASEWORKER)
    count = PER_PAGE + 3
    for i in range(count):
        register(caseworker, family_name=f"Testperson {i:02d}", given_names="Ana", original=None)
    follow_up_add(
        actor=caseworker,
        case=Case.objects.get(person__names__family_name="Testperson 07"),
        due_on=timezone.localdate(),
        title="Bescheid prüfen",
    )
    page = ui.page
    sign_in(ui, "sb-sozialamt")

    ui.goto("/")
    mine = page.locator("section[aria-labelledby=start-mine]")
    expect(mine).to_contain_text(f"{count} offene Fälle liegen bei Ihnen.")
    expect(mine).to_contain_text("nächster Schritt: Bescheid prüfen")
    expect(page.locator("section[aria-labelledby=start-incoming]")).to_contain_text(
        "Keine Übergaben warten auf Sie."
    )
    ui.axe("start page with tiles")

    ui.goto("/cases/?mine=1")
    expect(page.locator("main")).to_contain_text(f"{count} Fälle")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(PER_PAGE)
    expect(rows.first).to_contain_text("Testperson 07")  # the next step due first
    ui.axe("caseload, page 1")

    pager = page.get_by_role("navigation", name="Seiten der Fallliste")
    pager.get_by_role("link", name="Nächste Seite").click()
    page.wait_for_url("**page=2**")
    expect(rows).to_have_count(count - PER_PAGE)
    expect(pager.locator("[aria-current=page]")).to_contain_text("2")
    assert "mine=1" in page.url

    page.get_by_role("columnheader", name="Person").get_by_role("link").click()
    page.wait_for_url("**sort=person**")
    expect(page.get_by_role("columnheader", name="Person")).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(rows.first).to_contain_text("Testperson 00")
    assert "mine=1" in page.url
    assert "page=" not in page.url
    ui.axe("caseload, sorted by person")
    ui.assert_clean()
