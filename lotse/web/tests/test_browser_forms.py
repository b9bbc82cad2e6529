"""Forms that help, in the browser: a form sent with errors comes back with the error summary,
the focus on it, each link moving to its field, the input kept; axe-core on the pages with
errors.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_forms.py -x
"""

import pytest
from playwright.sync_api import expect

from lotse.cases.models import Case
from lotse.organisations.models import Role
from lotse.people.tests.factories import register
from lotse.web.tests.browser_support import sign_in, t

pytestmark = pytest.mark.browser


def test_the_error_summary_takes_the_focus_and_leads_to_the_fields(ui, make_user):
    caseworker = make_user("sb-formulare", Role.CASEWORKER)
    case = Case.objects.get(person=register(caseworker))
    page = ui.page
    sign_in(ui, "sb-formulare")

    # a follow-up without its date (the browser's own checks are off: the summary speaks)
    ui.goto(f"/cases/{case.pk}/")
    form = page.locator("form[action$='/follow-ups/']")
    form.locator("#id_title").fill("Bescheid anfordern")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_count(1)
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(t("Please check your entries"))
    expect(page.locator("#id_title")).to_have_value("Bescheid anfordern")
    ui.axe("case page, follow-up with an error")
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_due_on")).to_be_focused()

    # the consent form sent empty: several errors, each a link to an input on the page
    ui.goto(f"/persons/{case.person_id}/consents/new/")
    page.locator("#id_purpose_details").fill("Vermittlung in Arbeit")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(page.locator("#id_purpose_details")).to_have_value("Vermittlung in Arbeit")
    hrefs = summary.get_by_role("link").evaluate_all("links => links.map(a => a.hash)")
    assert hrefs, "the summary links to the fields"
    for href in hrefs:
        expect(page.locator(href)).to_have_count(1)
    summary.get_by_role("link").first.click()
    expect(page.locator(hrefs[0])).to_be_focused()
    ui.axe("consent form with errors")
    ui.assert_clean()
