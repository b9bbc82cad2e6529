"""Fixtures for every test under lotse/ (the root conftest.py holds the personas)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code called directly by a test (services, selectors) speaks English, so assertions read
    as the msgids whatever the German catalogue says. Pages are unaffected: the locale
    middleware chooses the language of each request (German unless the client asks for
    English)."""
    with translation.override("en"):
        yield
