# ruff: noqa: E501 - translated texts: a sentence is kept on one line for the translator
"""The text of the printed consent form, and the languages the printed documents come in.

The form is printed in German *and* in the person's language at once, whatever the language of
the member of staff's interface: its texts are gettext messages (context "consent form", English
msgids like every text of lotse) that `form_texts()` reads under `translation.override(lang)`,
once for German and once for the person's language. The translations are in the catalogues
lotse/locale/<lang>/LC_MESSAGES/django.po of the document languages (`DOCUMENT_LANGUAGES`):
German and English are also the interface's languages, the others have catalogues only for the
documents (docs/consent.md says how translators maintain them). The purposes print the labels of
`consent.models.Purpose`, the same words the interface shows.

The translations are the project's own, of a short and plain German text. They must be reviewed
by a sworn translator before the form is used (docs/consent.md). German is authoritative; every
translated page says so.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import pgettext, pgettext_lazy

from lotse.access.policy import Category

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LEGAL_REFERENCE = "Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a DSGVO; § 67b SGB X"

# The languages the consent form and the person's report are printed in: each has a catalogue
# that translates every text of the two documents (lotse/subject_rights/tests/test_catalogues.py).
DOCUMENT_LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr", "ti")

# Languages written right to left (Arabic script: Arabic, Persian/Dari, Pashto, Sorani Kurdish).
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ckb", "ur"})

# Language codes recorded for a person that share the text of another language.
TEXT_OF = {"prs": "fa", "fa-af": "fa"}

# Names of languages, for "explained in …": the German name and the language's own name.
LANGUAGE_NAMES = {
    "de": ("Deutsch", "Deutsch"),
    "en": ("Englisch", "English"),
    "ar": ("Arabisch", "العربية"),
    "fa": ("Persisch (Farsi)", "فارسی"),
    "prs": ("Dari", "دری"),
    "ps": ("Paschtu", "پښتو"),
    "ckb": ("Kurdisch (Sorani)", "کوردیی ناوەندی"),
    "kmr": ("Kurdisch (Kurmandschi)", "Kurmancî"),
    "uk": ("Ukrainisch", "Українська"),
    "ru": ("Russisch", "Русский"),
    "tr": ("Türkisch", "Türkçe"),
    "ti": ("Tigrinya", "ትግርኛ"),
    "so": ("Somali", "Soomaali"),
    "fr": ("Französisch", "Français"),
    "ka": ("Georgisch", "ქართული"),
}

# The categories of data as the form names them (the policy's categories have no labels of their
# own); the person's report prints the same words.
CATEGORY_TEXTS: "dict[str, StrOrPromise]" = {
    Category.IDENTITY: pgettext_lazy(
        "consent form", "Name, date of birth, address and contact details"
    ),
    Category.STATUS: pgettext_lazy("consent form", "Residence status"),
    Category.BENEFITS: pgettext_lazy("consent form", "Benefits and income"),
    Category.PROFILE: pgettext_lazy(
        "consent form", "School, training, work experience, language skills"
    ),
    Category.PLAN: pgettext_lazy("consent form", "Integration plan and measures"),
    Category.HEALTH: pgettext_lazy("consent form", "Health and disability"),
    Category.NOTES: pgettext_lazy("consent form", "Notes from conversations"),
}


def form_texts() -> dict[str, str]:
    """The form's fixed texts in the active language (call under `translation.override`)."""
    return {
        "title": pgettext("consent form", "Consent to the sharing of data"),
        "subtitle": pgettext("consent form", "Release from confidentiality"),
        "translation_note": pgettext(
            "consent form", "Translation. The German version is authoritative."
        ),
        "number": pgettext("consent form", "Consent no."),
        "name": pgettext("consent form", "Name"),
        "birth": pgettext("consent form", "Date of birth"),
        "intro": pgettext(
            "consent form",
            "I agree that the offices named below may exchange data about me – only for the purposes ticked and only until the date given.",
        ),
        "recipients": pgettext("consent form", "These offices may receive the data"),
        "disclosing": pgettext("consent form", "From these offices"),
        "disclosing_all": pgettext(
            "consent form", "From every office that holds these data about me"
        ),
        "categories": pgettext("consent form", "These data"),
        "purposes": pgettext("consent form", "Only for these purposes"),
        "purpose_details": pgettext("consent form", "In more detail"),
        "health": pgettext(
            "consent form",
            "I expressly agree that data about my health or a disability may also be shared.",
        ),
        "valid_until": pgettext("consent form", "This consent is valid until"),
        "voluntary": pgettext(
            "consent form",
            "This consent is voluntary. If you do not agree, you will not be disadvantaged: you still receive every benefit you are entitled to.",
        ),
        "withdraw": pgettext(
            "consent form",
            "You can withdraw this consent at any time, orally or in writing, at any of the offices named. The withdrawal takes effect immediately for the future. It does not affect data that were shared lawfully before.",
        ),
        "explained": pgettext("consent form", "This form was explained to me in the language"),
        "interpreter": pgettext("consent form", "Interpreter (name)"),
        "place_date": pgettext("consent form", "Place, date"),
        "sign_person": pgettext("consent form", "Signature of the person"),
        "sign_interpreter": pgettext("consent form", "Signature of the interpreter"),
        "recorded_by": pgettext("consent form", "Recorded by (office, name)"),
    }


def category_label(category: str) -> str:
    """The form's words for a category of data, in the active language (the code if unknown)."""
    text = CATEGORY_TEXTS.get(category)
    return str(text) if text is not None else category


def text_language(code: str) -> str | None:
    """The document language whose texts serve `code` (a person's preferred language), or None."""
    code = (code or "").strip().lower()
    code = TEXT_OF.get(code, code)
    if code in DOCUMENT_LANGUAGES:
        return code
    base = code.split("-")[0]
    base = TEXT_OF.get(base, base)
    return base if base in DOCUMENT_LANGUAGES else None


@dataclass(frozen=True)
class DocumentLanguages:
    """The languages a document is printed in: German, and the person's where texts exist."""

    requested: str
    other: str | None  # the second part's language, None for German only
    missing: bool  # no texts for the requested language: English is printed instead

    @property
    def codes(self) -> list[str]:
        return ["de", self.other] if self.other else ["de"]


def document_languages(requested: str) -> DocumentLanguages:
    """The languages of the consent form and of the person's report for `requested`."""
    requested = (requested or "").strip().lower()
    code = text_language(requested)
    if requested in ("", "de") or code == "de":
        return DocumentLanguages(requested or "de", None, False)
    if code is None:
        return DocumentLanguages(requested, "en", True)
    return DocumentLanguages(requested, code, False)


def language_name(code: str) -> str:
    """'Arabisch (العربية)' for the form's "explained in" line."""
    german, own = LANGUAGE_NAMES.get((code or "").lower(), (code, ""))
    return f"{german} ({own})" if own and own != german else german
