"""What the browser tests share: Debian's chromium through Playwright, a tab on the live server
that collects axe-core violations, CSP refusals and missing static files, users with a second
factor, and the sign-in.

The fixtures are made known to the tests of this directory by ``conftest.py``; the helpers
(``UI``, ``sign_in``, ``t``, the constants) are imported by the test modules.
"""

import importlib
import os
import time
from pathlib import Path

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.db import connection
from django.utils import translation
from playwright.sync_api import sync_playwright

from lotse.access.services import reference_data_load, user_create
from lotse.organisations.models import Kreis, Office, Role

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# (creating users) would otherwise refuse to run next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "browser-test-password-2026"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, these tests only
OFFICE = "sozialamt-tubingen-08416"
KREIS = "08416"


def t(msgid: str) -> str:
    """The German text the page shows for an English msgid (the msgid itself while the German
    catalogue has no translation yet), so that assertions follow the catalogue."""
    with translation.override("de"):
        return translation.gettext(msgid)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def ui_settings(settings):
    """What the live server needs in a test run, whatever the environment says."""
    settings.LOTSE_DEMO = True  # the demo banner and the demo code hint are part of the UI
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # serve our static files as they are (no manifest needed); the live server's static
    # handler finds them through the finders, just like runserver
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LANGUAGE_CODE = "de"
    return settings


@pytest.fixture
def audit_trail_flushable(transactional_db):
    """Let the transactional test database be emptied afterwards.

    The audit trail refuses DELETE in the database itself (audit migration 0003), so the flush
    that ends a transactional test fails. Afterwards the events are removed with the triggers
    briefly dropped, and the triggers are put back, so that the flush finds an empty table and
    later tests find the audit trail as protected as ever.
    """
    if connection.vendor != "sqlite":
        pytest.skip("the browser tests run on SQLite (make test); PostgreSQL refuses TRUNCATE")
    yield
    append_only = importlib.import_module("lotse.audit.migrations.0003_append_only")
    with connection.cursor() as cursor:
        for statement in append_only.SQLITE_REVERSE:
            cursor.execute(statement)
        cursor.execute("DELETE FROM audit_auditevent")
        for statement in append_only.SQLITE:
            cursor.execute(statement)


@pytest.fixture
def reference_data(audit_trail_flushable):
    # Migrations load the Kreise and offices, but a transactional test before this one may
    # have flushed them.
    if not Kreis.objects.exists():
        reference_data_load(actor=None)


@pytest.fixture
def make_user(reference_data):
    def make(username: str, role: Role, *, second_factor: bool = True, office: str = OFFICE):
        user = user_create(
            actor=None,
            username=username,
            office=Office.objects.get(code=office),
            roles=[role],
            password=PASSWORD,
            first_name="Bea",
            last_name=f"Browser {role.label}",
        )
        if second_factor:
            TOTP.activate(user, SECRET)
            RecoveryCodes.activate(user)
        return user

    return make


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class UI:
    """A browser tab on the live server that records problems instead of stopping at the first.

    Each UI has its own browser context (cookies, session): two UIs are two people at two
    desks.
    """

    def __init__(self, browser, base_url: str, artefacts: Path, *, name: str = ""):
        self.base_url = base_url
        self.artefacts = artefacts
        self.name = name
        self.context = browser.new_context(
            locale="de-DE", viewport={"width": 1280, "height": 900}, base_url=base_url
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.violations: list[str] = []
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.checked: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        # CSP refusals (inline script or style) show up here
        if message.type == "error" and "Content Security Policy" in message.text:
            self.console_errors.append(f"{self.page.url}: {message.text}")

    def _on_response(self, response) -> None:
        if "/static/" in response.url and response.status >= 400:
            self.failed_requests.append(f"{response.status} {response.url}")

    def goto(self, path: str, *, expect_status: int | None = 200):
        response = self.page.goto(path)
        if expect_status is not None:
            assert response is not None, f"{path}: no response"
            assert response.status == expect_status, (
                f"{path}: status {response.status}, wanted {expect_status}"
            )
        return response

    def axe(self, name: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state("load")
        results = Axe().run(
            self.page,
            options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        )
        label = f"{self.name}: {name}" if self.name else name
        self.checked.append(label)
        if results.violations_count:
            self.violations.append(f"--- {label} ({self.page.url})\n{results.generate_report()}")

    def screenshot(self, name: str) -> Path:
        path = self.artefacts / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
        return path

    def text(self, selector: str) -> str:
        return self.page.locator(selector).first.inner_text().strip()

    def main_text(self) -> str:
        """Everything the user can read in the page's main area."""
        return self.page.locator("main").inner_text()

    def problems(self) -> list[str]:
        problems = []
        if self.violations:
            problems.append(
                f"axe-core found WCAG 2.2 AA violations on {len(self.violations)} page(s):\n"
                + "\n".join(self.violations)
            )
        if self.console_errors:
            problems.append("Content-Security-Policy refusals:\n" + "\n".join(self.console_errors))
        if self.failed_requests:
            problems.append("static files that failed to load:\n" + "\n".join(self.failed_requests))
        return problems

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "\n\n".join(problems)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def ui(browser, live_server, ui_settings, audit_trail_flushable, tmp_path):
    tab = UI(browser, live_server.url, tmp_path)
    yield tab
    tab.close()


@pytest.fixture
def open_ui(browser, live_server, ui_settings, audit_trail_flushable, tmp_path):
    """More tabs, each in its own browser context: ``open_ui("Jobcenter")``."""
    tabs: list[UI] = []

    def open_tab(name: str) -> UI:
        tab = UI(browser, live_server.url, tmp_path, name=name)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        tab.close()


def assert_all_clean(*tabs: UI) -> None:
    problems = [problem for tab in tabs for problem in tab.problems()]
    assert not problems, "\n\n".join(problems)
    print("axe-core checked: " + ", ".join(name for tab in tabs for name in tab.checked))


# --- signing in ------------------------------------------------------------------------------


def current_code(secret: str = SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(ui: UI, username: str, *, check: bool = False) -> None:
    """Username and password, then the TOTP code; optionally axe on both pages."""
    ui.goto("/accounts/login/")
    assert ui.text("h1") == "Anmelden"
    if check:
        ui.axe("sign-in")
    ui.page.fill("#id_login", username)
    ui.page.fill("#id_password", PASSWORD)
    ui.page.locator("main form.lotse-form button[type=submit]").click()
    ui.page.wait_for_url("**/accounts/2fa/authenticate/")
    assert ui.text("h1") == "Zwei-Faktor-Authentifizierung"
    if check:
        # the demo hint shows the code of the shared demo secret, clearly marked
        assert ui.page.locator(".lotse-demo-code [data-testid=demo-code]").is_visible()
        ui.axe("second factor")
    ui.page.fill("#id_code", current_code())
    ui.page.locator("main form.lotse-form button[type=submit]").first.click()
    ui.page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)
    ui.page.wait_for_load_state("load")


def reauthenticate_if_asked(ui: UI, name: str) -> None:
    """allauth asks for the password again before showing or changing the second factor."""
    if "/reauthenticate/" in ui.page.url:
        ui.axe(f"{name}: confirm access")
        ui.page.fill("#id_password", PASSWORD)
        ui.page.locator("main form.lotse-form button[type=submit]").first.click()
        ui.page.wait_for_load_state("load")
