"""The German pages say nothing in English and nothing meant for developers.

Called by the access matrix (test_access) for every allowed GET of an HTML page: German is the
default language, so what a caseworker sees there must be German. Two checks on the text of the
page (tags, scripts and styles taken out):

* no development reference: issue numbers, "the brief", file names, TODO notes;
* no untranslated English: a sentence of our catalogue (a msgid of at least MIN_WORDS words
  whose German translation differs) must not appear as it is, which is what a text shown
  without {% translate %} / _() or with an outdated msgid looks like.
"""

import gettext
import html
import re
from functools import cache
from pathlib import Path

from django.conf import settings

MIN_WORDS = 4
DEVELOPMENT_REFERENCES = re.compile(
    r"\bissue \d|Issue #|\bthe brief\b|\bdocs/|\.py\b|\bTODO\b|\bFIXME\b", re.IGNORECASE
)
_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# Placeholders are filled in on the page, so a msgid with one never appears as it is.
_PLACEHOLDER = re.compile(r"%(\(\w+\))?[sd]|\{\w*\}")


def catalog_path() -> Path:
    return Path(settings.BASE_DIR) / "lotse" / "locale" / "de" / "LC_MESSAGES" / "django.mo"


@cache
def english_sentences() -> frozenset[str]:
    """The msgids of the compiled German catalogue that a German page must not show."""
    with catalog_path().open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    sentences = set()
    for msgid, msgstr in catalog.items():
        if isinstance(msgid, tuple):  # plural forms: (msgid, n)
            continue
        text = _SPACE.sub(" ", msgid).strip()
        if not text or _PLACEHOLDER.search(text) or len(text.split()) < MIN_WORDS:
            continue
        if isinstance(msgstr, str) and _SPACE.sub(" ", msgstr).strip() != text:
            sentences.add(text)
    return frozenset(sentences)


def page_text(body: str) -> str:
    """What the page shows: the text without markup, entities decoded, spaces collapsed."""
    text = _TAG.sub(" ", _HIDDEN.sub(" ", body))
    return _SPACE.sub(" ", html.unescape(text))


def german_page_problems(body: str) -> list[str]:
    """What is wrong with a German page (empty when nothing)."""
    text = page_text(body)
    problems = [f"development reference {m[0]!r}" for m in DEVELOPMENT_REFERENCES.finditer(text)]
    problems += [f"English {s!r}" for s in sorted(english_sentences()) if s in text]
    return problems


def check_german_page(body: str, what: str) -> None:
    problems = german_page_problems(body)
    assert not problems, f"{what} shows {'; '.join(problems)}"
