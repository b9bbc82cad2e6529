"""The browser tests' fixtures (lotse/web/tests/browser_support.py), for every module here."""

from lotse.web.tests.browser_support import (  # noqa: F401
    audit_trail_flushable,
    browser,
    make_user,
    open_ui,
    reference_data,
    ui,
    ui_settings,
)
