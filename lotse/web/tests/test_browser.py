"""The UI in a real browser: sign-in with the second factor, the language switch, KERN styles,
and axe-core (WCAG 2.2 AA) on every page built so far.

Drives Debian's /usr/bin/chromium through Playwright's sync API (never a downloaded browser)
against pytest-django's live server. Run on its own with

    .venv/bin/python -m pytest lotse/web/tests/test_browser.py -x

A failing accessibility check prints every violation with the page, the rule, the elements and
axe's explanation. The start page is saved as a screenshot (its path is printed with -s).
"""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from playwright.sync_api import expect

from lotse.audit.models import AuditEvent
from lotse.organisations.models import Role
from lotse.web.tests.browser_support import (
    KREIS,
    OFFICE,
    PASSWORD,
    reauthenticate_if_asked,
    sign_in,
)

# The fixtures (ui, make_user, ...) come from browser_support.py through conftest.py.
pytestmark = pytest.mark.browser


# --- tests -----------------------------------------------------------------------------------


def test_sign_in_language_switch_and_every_page_is_accessible(ui, make_user):
    make_user("bea-sb", Role.CASEWORKER)
    page = ui.page

    sign_in(ui, "bea-sb", check=True)
    assert page.url == f"{ui.base_url}/"

    # the start page, in German (the default language)
    assert page.locator("html").get_attribute("lang") == "de"
    assert ui.text("h1").startswith("Willkommen")
    assert page.locator("nav.lotse-nav").get_by_role("link", name="Kreise und Ämter").is_visible()
    assert "Landratsamt Tübingen – Sozialamt (AsylbLG)" in ui.text(".lotse-identity")
    assert "Sachbearbeitung" in ui.text(".lotse-identity__roles")

    # KERN's stylesheet and font really load: the primary button gets KERN's action colour
    # and the page is set in Fira Sans
    styles = page.evaluate(
        """() => {
            const button = document.querySelector('.lotse-logout .kern-btn--primary');
            const style = getComputedStyle(button);
            return {
                background: style.backgroundColor,
                minHeight: style.minHeight,
                font: getComputedStyle(document.body).fontFamily,
            };
        }"""
    )
    assert styles["background"] not in ("rgba(0, 0, 0, 0)", "transparent", ""), styles
    assert "Fira Sans" in styles["font"], styles
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Fira Sans\"')")
    ui.axe("start (de)")
    ui.screenshot("start")

    # switch to English and back: the visible text changes, the page stays the same
    page.locator(".lotse-language button[value=en]").click()
    page.wait_for_load_state("load")
    assert page.url == f"{ui.base_url}/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert ui.text("h1").startswith("Welcome")
    assert page.locator("nav.lotse-nav").get_by_role("link", name="Kreise and offices").is_visible()
    ui.axe("start (en)")
    page.locator(".lotse-language button[value=de]").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "de"
    assert ui.text("h1").startswith("Willkommen")

    # the directory
    page.locator("nav.lotse-nav").get_by_role("link", name="Kreise und Ämter").click()
    page.wait_for_load_state("load")
    assert ui.text("h1") == "Kreise"
    assert page.locator("nav.lotse-subnav [aria-current=page]").inner_text() == "Kreise"
    ui.axe("Kreise")
    # htmx narrows the table while typing (no inline script or style needed)
    page.fill("#q", "Tübingen")
    expect(page.locator("#kreis-rows tr")).to_have_count(1, timeout=10_000)
    ui.axe("Kreise, filtered")

    ui.goto(f"/kreise/{KREIS}/")
    assert "Tübingen" in ui.text("h1")
    ui.axe("Kreis")

    ui.goto("/offices/")
    assert ui.text("h1") == "Ämter"
    ui.axe("offices")
    ui.goto("/offices/?kind=jobcenter&q=T%C3%BCbingen")
    ui.axe("offices, filtered")

    ui.goto(f"/offices/{OFFICE}/")
    assert ui.text("h1") == "Landratsamt Tübingen – Sozialamt (AsylbLG)"
    ui.axe("office")

    # the own account and allauth's pages
    ui.goto("/account/")
    assert ui.text("h1") == "Mein Konto"
    ui.axe("account")
    ui.goto("/accounts/2fa/")
    assert ui.text("h1") == "Zwei-Faktor-Authentifizierung"
    ui.axe("second factor overview")
    ui.goto("/accounts/2fa/recovery-codes/")
    reauthenticate_if_asked(ui, "recovery codes")
    assert "/accounts/2fa/recovery-codes/" in page.url
    assert ui.text("h1") == "Wiederherstellungscodes"
    ui.axe("recovery codes")
    ui.goto("/accounts/2fa/recovery-codes/generate/")
    ui.axe("new recovery codes")
    ui.goto("/accounts/2fa/totp/deactivate/")
    reauthenticate_if_asked(ui, "deactivate authenticator")
    ui.axe("deactivate authenticator app")
    ui.goto("/accounts/password/change/")
    assert ui.text("h1") == "Passwort ändern"
    ui.axe("change password")
    # a form with errors: messages tied to their fields
    page.fill("#id_oldpassword", "not-the-password")
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "different")
    page.locator("main form.lotse-form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert page.locator("#id_oldpassword[aria-invalid=true]").count() == 1
    ui.axe("change password, with errors")
    ui.goto("/accounts/logout/")
    ui.axe("sign out")

    # error pages: refused (a caseworker may not read the audit trail) and not found
    ui.goto("/audit/", expect_status=403)
    assert ui.text("h1") == "Zugriff verweigert"
    ui.axe("403")
    ui.goto("/no-such-page/", expect_status=404)
    assert ui.text("h1") == "Seite nicht gefunden"
    ui.axe("404")

    # right to left: the frame and KERN's components mirror (lotse.css's RTL layer)
    ui.goto("/kreise/")
    page.evaluate("document.documentElement.dir = 'rtl'")
    mirrored = page.evaluate(
        """() => {
            const brand = getComputedStyle(document.querySelector('.lotse-brand'));
            const header = getComputedStyle(document.querySelector('.kern-table__header'));
            return {start: brand.borderRightWidth, end: brand.borderLeftWidth,
                    align: header.textAlign};
        }"""
    )
    assert mirrored == {"start": "6px", "end": "0px", "align": "start"}, mirrored
    ui.axe("Kreise, right to left")
    ui.goto("/kreise/")
    page.evaluate(
        """() => {
            const cell = document.querySelector('#kreis-rows td:nth-child(2)');
            const name = document.createElement('bdi');
            name.dir = 'auto'; name.lang = 'ar'; name.textContent = 'محمد الأحمد';
            cell.append(' – ', name);
        }"""
    )
    ui.axe("Arabic name in a German table")

    ui.assert_clean()
    print("axe-core checked: " + ", ".join(ui.checked))


def test_audit_trail_as_data_protection_officer(ui, make_user):
    make_user("bea-dsb", Role.DATA_PROTECTION_OFFICER)
    page = ui.page
    sign_in(ui, "bea-dsb")
    page.locator("nav.lotse-nav").get_by_role("link", name="Protokoll").click()
    page.wait_for_load_state("load")
    assert ui.text("h1") == "Protokoll"
    assert page.locator("#kreis-rows").count() == 0
    ui.axe("audit trail")
    ui.goto("/audit/?from=not-a-date&event_type=auth.login")
    assert page.locator("[role=alert]").is_visible()
    ui.axe("audit trail, with a date error")
    event = AuditEvent.objects.order_by("-pk").first()
    ui.goto(f"/audit/{event.pk}/")
    assert ui.text("h1").startswith("Protokolleintrag")
    ui.axe("audit event")
    # the person's report (Art. 15) from the navigation
    page.locator("nav.lotse-nav").get_by_role("link", name="Auskunft für eine Person").click()
    page.wait_for_load_state("load")
    assert ui.text("h1") == "Auskunft für eine Person (Art. 15 DSGVO)"
    ui.axe("report for a person, start")
    ui.assert_clean()


def test_persons_and_duplicates_as_team_lead(ui, make_user):
    make_user("bea-tl", Role.TEAM_LEAD)
    page = ui.page
    sign_in(ui, "bea-tl")
    nav = page.locator("nav.lotse-nav")
    assert nav.get_by_role("link", name="Mögliche Dubletten").is_visible()

    nav.get_by_role("link", name="Personen").click()
    page.wait_for_load_state("load")
    assert ui.text("h1") == "Personen"
    ui.axe("persons")

    page.locator("main").get_by_role("link", name="Person erfassen").click()
    page.wait_for_load_state("load")
    assert ui.text("h1") == "Person erfassen"
    ui.axe("register a person")
    page.locator("main form button[type=submit]").last.click()  # nothing entered
    page.wait_for_load_state("load")
    assert page.locator(".kern-error, [role=alert]").count() >= 1
    ui.axe("register a person, with errors")

    # a name in Latin and in Arabic script: the person page shows both, each in its direction
    page.fill("#id_family_name", "Al-Ahmad")
    page.fill("#id_given_names", "Mohammed")
    page.fill("#id_original_family_name", "الأحمد")
    page.fill("#id_original_given_names", "محمد")
    page.select_option("#id_original_script", "Arab")
    page.fill("#id_birth_date", "1990")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("load")
    if page.locator("button[name=decision][value=new]").count():  # possible duplicates shown
        ui.axe("register a person, possible duplicates")
        page.locator("button[name=decision][value=new]").click()
        page.wait_for_load_state("load")
    assert "/persons/" in page.url
    arabic = page.locator("main bdi[dir=auto]", has_text="محمد").first
    assert arabic.is_visible()
    assert arabic.evaluate("element => getComputedStyle(element).direction") == "rtl"
    ui.axe("person")
    ui.screenshot("person")

    ui.goto("/persons/?q=Ahmad")
    ui.axe("persons, found")

    nav.get_by_role("link", name="Mögliche Dubletten").click()
    page.wait_for_load_state("load")
    assert ui.text("h1") == "Mögliche Dubletten"
    ui.axe("possible duplicates")

    # team leads see the staff of their office
    ui.goto(f"/offices/{OFFICE}/")
    assert page.locator("#office-staff").is_visible()
    ui.axe("office, with staff")
    ui.assert_clean()


def test_registration_with_a_strong_and_a_weak_candidate_is_accessible(ui, make_user):
    """The check as a caseworker meets it: a record of the Ausländerbehörde very likely the
    person, another only possibly; linking the first is the primary button."""
    from dataclasses import replace

    from lotse.cases.models import Case
    from lotse.cases.services import person_register
    from lotse.people.tests.factories import person_input

    make_user("bea-sb", Role.CASEWORKER)
    abh = make_user("bea-abh", Role.CASEWORKER, office="abh-tubingen-08416", second_factor=False)
    strong = person_input(
        family_name="Al Hasan", given_names="Amaal", birth=(1990, 3, 14), placeholder=False
    )
    weak = person_input(family_name="Al-Hasan", given_names="Amal Noor", postcode="72108")
    person_register(actor=abh, data=strong, candidates=[])
    person_register(actor=abh, data=replace(weak, birth_place="Homs"), candidates=[])
    page = ui.page
    sign_in(ui, "bea-sb")
    ui.goto("/persons/new/")
    page.fill("#id_family_name", "Al-Hassan")
    page.fill("#id_given_names", "Amal")
    page.fill("#id_birth_date", "1990")
    page.fill("#id_birth_place", "Aleppo")
    page.select_option("#id_nationality", "SYR")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("load")

    candidates = page.locator("main li.lotse-candidate")
    expect(candidates).to_have_count(2)
    first, second = candidates.nth(0), candidates.nth(1)
    expect(first).to_contain_text("Ein Eintrag besteht bei Landratsamt Tübingen – Ausländerbehörde")
    expect(first).to_contain_text("sehr wahrscheinlich dieselbe Person")
    expect(second).to_contain_text("möglicherweise dieselbe Person")
    expect(page.locator("main")).not_to_contain_text("Amaal")
    link = first.get_by_role("button", name="Das ist dieselbe Person")
    expect(link).to_have_class(re.compile(r"kern-btn--primary"))
    anyway = page.get_by_role("button", name="Trotzdem neue Person erfassen")
    expect(anyway).to_have_class(re.compile(r"kern-btn--secondary"))
    expect(second.get_by_label("Geprüftes Dokument oder geprüfte Kennung")).to_be_visible()
    ui.axe("register a person, a very likely and a possible match")
    first.locator("details summary").click()
    ui.axe("register a person, emergency access opened")

    # Enter in a field checks again: it neither links the likely record nor creates one
    page.fill("#new-reason", "andere Eltern")
    with page.expect_navigation():
        page.press("#new-reason", "Enter")
    page.wait_for_load_state("load")
    assert page.url.endswith("/persons/new/")
    expect(page.locator("main li.lotse-candidate")).to_have_count(2)
    assert not Case.objects.filter(office__code=OFFICE).exists()
    page.fill("#new-reason", "")

    anyway = page.get_by_role("button", name="Trotzdem neue Person erfassen")
    anyway.click()  # without a reason
    page.wait_for_load_state("load")
    expect(page.locator("main [role=alert]")).to_contain_text(
        "Ein Eintrag gehört sehr wahrscheinlich zu dieser Person."
    )
    expect(page.locator("#id_birth_place")).to_have_value("Aleppo")
    ui.axe("register a person, a new record without a reason")
    ui.assert_clean()


def test_first_sign_in_sets_up_the_second_factor(ui, make_user):
    make_user("bea-neu", Role.CASEWORKER, second_factor=False)
    page = ui.page
    ui.goto("/accounts/login/")
    page.fill("#id_login", "bea-neu")
    page.fill("#id_password", PASSWORD)
    page.locator("main form.lotse-form button[type=submit]").click()
    page.wait_for_load_state("load")
    # no second factor yet: every page leads to setting one up (after confirming the password)
    reauthenticate_if_asked(ui, "activate authenticator app")
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    assert ui.text("h1") == "Authenticator-App aktivieren"
    assert page.locator("img.lotse-qr").is_visible()
    ui.axe("activate authenticator app")
    ui.screenshot("activate")
    page.locator("main form.lotse-form button[type=submit]").click()
    page.wait_for_load_state("load")
    ui.axe("activate authenticator app, with errors")
    ui.assert_clean()


def test_server_error_page_needs_no_database_and_is_accessible(ui, django_assert_num_queries):
    from lotse.web.views import error_500

    request = RequestFactory().get("/")
    pages = {}
    for language in ("de", "en"):
        with translation.override(language), django_assert_num_queries(0):
            response = error_500(request)
        assert response.status_code == 500
        pages[language] = response.content.decode()
    assert "Serverfehler" in pages["de"]
    assert '<html lang="de"' in pages["de"]
    assert "Server error" in pages["en"]
    assert '<html lang="en"' in pages["en"]

    # shown by the browser with the live server's stylesheets
    def answer_with(html: str):
        def handler(route):
            route.fulfill(status=500, body=html, content_type="text/html; charset=utf-8")

        return handler

    for language, html in pages.items():
        path = f"/__server_error_{language}__"
        ui.page.route(f"{ui.base_url}{path}", answer_with(html))
        ui.goto(path, expect_status=500)
        ui.axe(f"500 ({language})")
    ui.assert_clean()


# --- the template helpers (lotse_ui), without a browser ------------------------------------


def test_bidi_text_isolates_text_in_its_own_direction():
    from django.template import Context, Template

    template = Template(
        "{% load lotse_ui %}<p>{% bidi_text name 'ar' %}, {{ name|bidi }}, "
        "{% bidi_text latin %}, [{% bidi_text empty 'fa' %}]</p>"
    )
    html = template.render(Context({"name": "محمد <b>", "latin": "Ahmad", "empty": ""}))
    assert html == (
        '<p><bdi dir="auto" lang="ar">محمد &lt;b&gt;</bdi>, '
        '<bdi dir="auto">محمد &lt;b&gt;</bdi>, <bdi dir="auto">Ahmad</bdi>, []</p>'
    )


def test_kern_field_ties_label_hint_and_error_to_the_input():
    from django import forms
    from django.template import Context, Template

    class Form(forms.Form):
        name = forms.CharField(
            label="Name",
            help_text="As in the passport",
            widget=forms.TextInput({"placeholder": "x"}),
        )
        kind = forms.ChoiceField(label="Kind", choices=[("a", "A")], required=False)

    form = Form(data={"name": ""})
    assert not form.is_valid()
    html = Template(
        "{% load lotse_ui %}{% kern_field form.name %}{% kern_field form.kind %}"
    ).render(Context({"form": form}))
    assert '<label class="kern-label" for="id_name">Name</label>' in html
    assert 'id="id_name_helptext"' in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert "kern-form-input__input--error" in html
    assert "placeholder" not in html
    assert 'class="kern-form-input__select-wrapper"' in html
    assert "kern-label__optional" in html
