"""The printed profile: German first, then the person's language with its direction, every
fixed text translated in every document language."""

import pytest
from django.utils import translation

from lotse.consent.form_texts import DOCUMENT_LANGUAGES
from lotse.profiles.documents import profile_html
from lotse.profiles.models import EntryKind
from lotse.profiles.profile_texts import profile_texts
from lotse.profiles.selectors import profile_get
from lotse.profiles.tests.factories import record_entry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", [code for code in DOCUMENT_LANGUAGES if code != "en"])
def test_every_text_is_translated(language):
    with translation.override("en"):
        english = profile_texts()
    with translation.override(language):
        translated = profile_texts()
    assert all(
        translated[key] != english[key] for key in english if key != "name" or language != "de"
    )


def test_german_then_farsi_right_to_left_health_not_printed(agentur, person):
    record_entry(agentur, person, EntryKind.WORK, description="Elektriker")
    record_entry(agentur, person, EntryKind.HEALTH, description="Rücken")
    profile = profile_get(actor=agentur, person=person)
    html = profile_html(actor=agentur, person=person, profile=profile, codes=["de", "fa"])
    german, farsi = html.split('<section class="page"')[1:]
    assert 'lang="de" dir="ltr"' in german
    assert "Berufserfahrung" in german
    assert 'lang="fa" dir="rtl"' in farsi
    assert "سابقهٔ کار" in farsi
    assert "Bauelektrik" in farsi  # the values in German, marked as such
    assert "Rücken" not in html
