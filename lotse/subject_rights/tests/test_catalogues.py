"""Every document language translates every text the printed documents use.

The consent form and the person's report are printed in German and in the person's language
(`DOCUMENT_LANGUAGES`); their texts are gettext messages. `make messages` extracts new messages
into every language's catalogue untranslated, so a text added to a document without its
translations fails here, naming the language and the message. The messages of the documents are
those the German catalogue locates in the documents' text modules, and the labels of the choices
the report prints (`ENUMS`: the interface's enumerations).

The catalogues are read as text (a few lines below: polib is not a dependency), the compiled
ones through Django, with the language active as the documents activate it.
"""

import inspect
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation

from lotse.consent.form_texts import DOCUMENT_LANGUAGES, form_texts
from lotse.subject_rights.report_texts import ENUMS, merged_text, report_texts

LOCALE = Path(settings.BASE_DIR) / "lotse" / "locale"
LOTSE = Path(settings.BASE_DIR) / "lotse"
TEXT_MODULES = ("consent/form_texts.py", "subject_rights/report_texts.py")
MERGED = "%(count)s duplicate record was merged into this one; its data and log are included here."
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(line: str) -> str:
    text = _STRING.search(line)[1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def _field(entry: dict, line: str) -> tuple[dict, str | int] | None:
    """Where the string that starts on `line` goes (msgstr[n] into entry["msgstr"][n])."""
    keyword = line.split(" ", 1)[0]
    plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
    if plural:
        return entry["msgstr"], int(plural[1])
    if keyword == "msgstr":
        return entry["msgstr"], 0
    if keyword in ("msgctxt", "msgid", "msgid_plural"):
        return entry, keyword
    return None


def _entry(block: str) -> dict:
    entry = {"locations": [], "fuzzy": False, "msgctxt": "", "msgid": "", "msgstr": {}}
    field = None
    for line in block.splitlines():
        if line.startswith("#:"):
            entry["locations"] += [loc.rsplit(":", 1)[0] for loc in line[2:].split()]
        elif line.startswith("#,"):
            entry["fuzzy"] = entry["fuzzy"] or "fuzzy" in line
        elif line.startswith("#"):
            continue  # comments, previous msgids (#|), obsolete entries (#~)
        elif line.startswith('"') and field is not None:
            field[0][field[1]] += _unquote(line)
        elif (field := _field(entry, line)) is not None:
            field[0][field[1]] = _unquote(line)
    entry["msgstr"] = [entry["msgstr"][i] for i in sorted(entry["msgstr"])]
    return entry


def read_po(path: Path) -> dict[tuple[str, str], dict]:
    """{(msgctxt, msgid): {"locations", "fuzzy", "msgstr": [forms]}} of a .po file."""
    entries = (_entry(block) for block in path.read_text(encoding="utf-8").split("\n\n"))
    return {(e["msgctxt"], e["msgid"]): e for e in entries if e["msgid"]}


def catalogue(lang: str) -> dict[tuple[str, str], dict]:
    return read_po(LOCALE / lang / "LC_MESSAGES" / "django.po")


def document_messages() -> set[tuple[str, str]]:
    """The messages the consent form and the report print, as (msgctxt, msgid)."""
    german = catalogue("de")
    messages = {
        key
        for key, entry in german.items()
        if any(location in TEXT_MODULES for location in entry["locations"])
    }
    for choices in ENUMS.values():
        module = Path(inspect.getsourcefile(choices)).relative_to(LOTSE).as_posix()
        for member in choices:
            with translation.override(None):  # no translation: the label's msgid
                msgid = str(member.label)
            found = [
                key
                for key, entry in german.items()
                if key[1] == msgid and module in entry["locations"]
            ]
            assert found, f"the label {msgid!r} of {choices.__name__} is not in the catalogue"
            messages.update(found)
    return messages


def test_the_documents_messages_are_found():
    messages = document_messages()
    assert ("person report", "Your rights") in messages
    assert ("consent form", "Consent to the sharing of data") in messages
    assert ("consent form", "Health and disability") in messages  # a category's words
    assert ("", "oral statements only") in messages  # a label the report prints
    assert len(messages) > 150


@pytest.mark.parametrize("lang", [code for code in DOCUMENT_LANGUAGES if code != "en"])
def test_every_document_message_is_translated(lang):
    """No message of the documents missing, untranslated or fuzzy (English: msgid = text)."""
    entries = catalogue(lang)
    problems = []
    for key in sorted(document_messages()):
        entry = entries.get(key)
        if entry is None:
            problems.append(f"missing {key}")
        elif entry["fuzzy"]:
            problems.append(f"fuzzy {key}")
        elif not entry["msgstr"] or not all(form.strip() for form in entry["msgstr"]):
            problems.append(f"untranslated {key}")
    assert not problems, f"{lang}: " + "; ".join(problems)


@pytest.mark.parametrize("lang", [code for code in DOCUMENT_LANGUAGES if code not in ("de", "en")])
def test_the_documents_print_the_compiled_translations(lang):
    """The compiled catalogue is current, and Django uses it for a language that is no
    interface language: settings.LANGUAGES restricts what a browser can choose, not
    `translation.override`."""
    assert lang not in dict(settings.LANGUAGES)
    entries = catalogue(lang)
    for texts, context in ((form_texts, "consent form"), (report_texts, "person report")):
        with translation.override(None):  # no translation: the msgids
            msgids = texts()
        with translation.override(lang):
            printed = texts()
        for key, msgid in msgids.items():
            expected = {
                entry["msgstr"][0]
                for (ctxt, m), entry in entries.items()
                if m == msgid and ctxt.startswith(context)
            }
            assert printed[key] in expected, (lang, key, printed[key])
    with translation.override(lang):
        assert merged_text(3) != merged_text(3).replace("3", "%(count)s")  # the count filled in
        assert merged_text(3) == entries[("person report", MERGED)]["msgstr"][-1] % {"count": 3}


def test_tigrinya_needs_no_locale_information_of_django():
    """Django knows nothing about Tigrinya (no LANG_INFO entry, no locale of its own); the
    documents need none: they only translate, and set `lang` and `dir` themselves."""
    assert "ti" not in LANG_INFO
    rights = catalogue("ti")[("person report", "Your rights")]["msgstr"][0]
    with translation.override("ti"):
        assert translation.get_language() == "ti"
        assert report_texts()["rights_title"] == rights
