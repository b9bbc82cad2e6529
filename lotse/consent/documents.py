"""The printable consent form (PDF, WeasyPrint): German first, then the person's language.

Each language's part is rendered with that language active (`translation.override`), so its
texts come from that language's catalogue (form_texts.py).

Blank (for the conversation in which the person decides: every category and purpose to tick) or
filled in from a recorded consent (for the person's copy). Fonts are Debian's (fonts-noto-core,
fonts-dejavu-core, installed by .ci/run): Noto Sans for Latin and Cyrillic, Noto Naskh Arabic for
Arabic script, Noto Sans Ethiopic for Tigrinya. WeasyPrint shapes the text with HarfBuzz, so
Arabic letters join and run right to left.
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

from lotse.access.policy import Action, Category, authorize
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose as AuditPurpose
from lotse.consent.form_texts import (
    LEGAL_REFERENCE,
    RTL_LANGUAGES,
    category_label,
    document_languages,
    form_texts,
    language_name,
)
from lotse.consent.models import Consent, Purpose
from lotse.core.pdf import stylesheets
from lotse.organisations.models import User
from lotse.people.models import Person, Script

STYLESHEET = Path(__file__).parent / "pdf" / "consent_form.css"
# The script of a name → the language tag that picks its font (when nothing better is known).
SCRIPT_LANG: dict[str, str] = {Script.ARABIC: "ar", Script.ETHIOPIC: "ti", Script.CYRILLIC: "uk"}


def _names(person: Person) -> tuple[str, str, str]:
    """The name in Latin letters, the name in its original script and that script's lang."""
    names = list(person.names.all())
    latin = next((n for n in names if n.script == Script.LATIN and n.is_primary), None)
    latin = latin or next((n for n in names if n.script == Script.LATIN), None)
    original = next((n for n in names if n.script != Script.LATIN), None)
    lang = ""
    if original is not None:
        lang = SCRIPT_LANG.get(original.script, "")
        preferred = (person.preferred_language or "").lower()
        if original.script == Script.ARABIC and preferred in RTL_LANGUAGES:
            lang = preferred
    return (str(latin) if latin else str(person), str(original) if original else "", lang)


def _labels() -> tuple[dict, dict]:
    """The categories' and purposes' words in the active language."""
    return (
        {category: category_label(category) for category in Category},
        {purpose: str(purpose.label) for purpose in Purpose},
    )


def _page(code: str, consent: Consent | None) -> dict:
    with translation.override("de"):
        german_categories, german_purposes = _labels()
    with translation.override(code):
        text = form_texts()
        categories_text, purposes_text = _labels()
    categories = consent.categories if consent else []
    purposes = consent.purposes if consent else []
    return {
        "lang": code,
        "dir": "rtl" if code in RTL_LANGUAGES else "ltr",
        "t": text,
        "is_german": code == "de",
        # Every category and purpose is printed, ticked or not, so the person sees what the
        # consent does not cover too; on a translated page the German term follows.
        "categories": [
            {
                "label": categories_text[category],
                "german": german_categories[category],
                "checked": category in categories,
            }
            for category in Category
        ],
        "purposes": [
            {
                "label": purposes_text[purpose],
                "german": german_purposes[purpose],
                "checked": purpose in purposes,
            }
            for purpose in Purpose
        ],
    }


def consent_form_pdf(
    *, actor: User, person: Person, consent: Consent | None = None, language: str = ""
) -> bytes:
    """The form as PDF bytes; logged as an export of the person's data."""
    import weasyprint  # imported here: loading Pango costs time that only this page needs

    authorize(actor, Action.VIEW_PERSON, person, purpose=AuditPurpose.CONSENT_FORM)
    languages = document_languages(language or person.preferred_language)
    latin, original, original_lang = _names(person)
    recipients = list(consent.recipients.order_by("name")) if consent else []
    disclosing = list(consent.disclosing_offices.order_by("name")) if consent else []
    context = {
        "person": person,
        "name": latin,
        "original_name": original,
        "original_lang": original_lang,
        "consent": consent,
        "recipients": recipients,
        "disclosing": disclosing,
        "explained_language": language_name(
            consent.explained_language if consent else languages.requested
        ),
        "interpreter_language": language_name(consent.interpreter_language) if consent else "",
        "legal_reference": LEGAL_REFERENCE,
        "pages": [_page(code, consent) for code in languages.codes],
        "printed_on": timezone.localdate(),
        "office": actor.office,
    }
    html = render_to_string("consent/form_pdf.html", context)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(
        stylesheets=stylesheets(STYLESHEET),
        # A tagged PDF (PDF/UA-1): headings, lists and the language of each part are marked, so
        # a screen reader reads the form in the right voice and order.
        pdf_variant="pdf/ua-1",
    )
    audit_record(
        event_type=EventType.EXPORT_CREATED,
        actor=actor,
        action=Action.VIEW_PERSON,
        obj=consent or person,
        person_id=person.pk,
        purpose=AuditPurpose.CONSENT_FORM,
        categories=[Category.IDENTITY],
        details={
            "document": "consent form",
            "languages": languages.codes,
            "consent": consent.pk if consent else None,
        },
    )
    return pdf
