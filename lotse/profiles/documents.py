"""The printable profile (PDF, WeasyPrint): German first, then the person's language, as the EU
Skills Profile Tool for Third Country Nationals prints it — to take to an employer or a
recognition body. Reuses the consent form's machinery: the document languages and their
direction (lotse/consent/form_texts.py), the person's names (documents._names), the base
stylesheet (lotse/core/pdf). Health restrictions and childcare are not printed: the document is
for third parties. The print is logged as an export of the person's data."""

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from lotse.access.policy import Action, Category
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.consent.documents import _names
from lotse.consent.form_texts import RTL_LANGUAGES, document_languages
from lotse.core.pdf import stylesheets
from lotse.organisations.models import User
from lotse.people.countries import COUNTRY_NAMES, LANGUAGE_NAMES
from lotse.people.models import Person
from lotse.profiles.models import EntryKind, Transport
from lotse.profiles.profile_texts import profile_texts
from lotse.profiles.selectors import Profile, profile_get

STYLESHEET = Path(__file__).parent / "pdf" / "profile.css"
PRINTED_KINDS = (
    EntryKind.SCHOOLING,
    EntryKind.TRAINING,
    EntryKind.WORK,
    EntryKind.QUALIFICATION,
    EntryKind.DRIVING_LICENCE,
    EntryKind.MOBILITY,
)


def _line(entry: Any) -> str:  # noqa: C901 - one line per kind
    """An entry as one line of German words (the values are printed in German)."""
    country = str(COUNTRY_NAMES.get(entry.country, "")) if getattr(entry, "country", "") else ""
    parts: list[str] = []
    if entry.kind == EntryKind.SCHOOLING:
        parts = [entry.get_highest_certificate_display()]
        if entry.years is not None:
            parts.append(f"{entry.years} Jahre")
        parts.append(f"lateinische Schrift: {entry.get_latin_literacy_display()}")
    elif entry.kind in (EntryKind.TRAINING, EntryKind.WORK):
        parts = [f"{entry.occupation.title_de} (KldB {entry.occupation.kldb_code})"]
        if entry.description:
            parts.append(entry.description)
        if entry.years is not None:
            parts.append(f"{entry.years:g} Jahre")
    elif entry.kind == EntryKind.QUALIFICATION:
        parts = [entry.title, f"Anerkennung: {entry.get_recognition_status_display()}"]
        if entry.reference_occupation:
            parts.append(f"Referenzberuf: {entry.reference_occupation.title_de}")
        if entry.competent_body:
            parts.append(entry.get_competent_body_display())
    elif entry.kind == EntryKind.DRIVING_LICENCE:
        parts = [", ".join(entry.classes) or "keiner"]
    elif entry.kind == EntryKind.MOBILITY:
        if entry.max_distance_km is not None:
            parts.append(f"bis {entry.max_distance_km} km")
        parts += [str(Transport(value).label) for value in entry.means]
    elif entry.kind == EntryKind.CHILDCARE:
        parts = [entry.get_need_display(), entry.details]
    elif entry.kind == EntryKind.HEALTH:
        parts = [entry.description, entry.get_work_capacity_display()]
    if country:
        parts.append(country)
    return "; ".join(str(p) for p in parts if p)


def entry_line(entry: Any) -> str:
    """An entry of any kind as one line of German words (the person's report prints them)."""
    with translation.override("de"):
        return _line(entry)


def _german(profile: Profile) -> dict:
    with translation.override("de"):
        sections = {
            kind: [
                {"text": _line(entry), "source": str(entry.get_source_display())}
                for entry in profile.current(kind)
            ]
            for kind in PRINTED_KINDS
        }
        languages = [
            {
                "name": str(LANGUAGE_NAMES.get(view.language, view.language)),
                "levels": " / ".join(
                    view.levels[s].level if s in view.levels else "–"
                    for s in ("listening", "reading", "speaking", "writing")
                ),
                "sources": ", ".join(sorted({lvl.source for lvl in view.levels.values()})),
            }
            for view in profile.languages
        ]
    return {"sections": sections, "languages": languages}


def _page(code: str, values: dict) -> dict:
    with translation.override(code):
        text = profile_texts()
    return {
        "lang": code,
        "dir": "rtl" if code in RTL_LANGUAGES else "ltr",
        "t": text,
        "is_german": code == "de",
        "sections": [
            {"title": text[str(kind)], "entries": values["sections"][kind]}
            for kind in PRINTED_KINDS
        ],
    }


def profile_html(*, actor: User, person: Person, profile: Profile, codes: list[str]) -> str:
    latin, original, original_lang = _names(person)
    values = _german(profile)
    return render_to_string(
        "profiles/profile_pdf.html",
        {
            "person": person,
            "name": latin,
            "original_name": original,
            "original_lang": original_lang,
            "languages": values["languages"],
            "pages": [_page(code, values) for code in codes],
            "printed_on": timezone.localdate(),
            "office": actor.office,
        },
    )


def profile_pdf(*, actor: User, person: Person, language: str = "") -> bytes:
    """The profile as PDF bytes, as far as the actor's office may read it; logged as an export."""
    import weasyprint  # imported here: loading Pango costs time that only this page needs

    profile = profile_get(actor=actor, person=person)
    languages = document_languages(language or person.preferred_language)
    html = profile_html(actor=actor, person=person, profile=profile, codes=languages.codes)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(
        stylesheets=stylesheets(STYLESHEET), pdf_variant="pdf/ua-1"
    )
    audit_record(
        event_type=EventType.EXPORT_CREATED,
        actor=actor,
        action=Action.VIEW_PERSON,
        obj=person,
        person_id=person.pk,
        purpose=Purpose.PROFILE,
        basis=profile.bases or "own record",
        categories=[Category.IDENTITY, Category.PROFILE],
        details={"document": "profile", "languages": languages.codes},
    )
    return pdf
