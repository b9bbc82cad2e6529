"""The person's report as PDF (WeasyPrint): German first, then the person's language.

The same approach and fonts as the consent form (lotse/consent/documents.py): Debian's Noto
fonts, HarfBuzz shaping through WeasyPrint (Arabic letters join and run right to left), one
part per language with `lang` and `dir` set, a tagged PDF (PDF/UA-1). Data values are printed
as recorded; only the fixed texts and the labels of choices are translated (report_texts.py):
each part is rendered with its language active (`translation.override`), so its texts come from
that language's catalogue.
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from lotse.audit.vocabulary import in_language, parse_basis
from lotse.consent.documents import SCRIPT_LANG
from lotse.consent.form_texts import DocumentLanguages
from lotse.core.pdf import stylesheets
from lotse.organisations.models import Office
from lotse.people.models import Script
from lotse.subject_rights.report_texts import (
    RTL_LANGUAGES,
    enum_label,
    merged_text,
    notes_summary,
    report_texts,
)

STYLESHEET = Path(__file__).parent / "pdf" / "report.css"
VOCABULARY_LANGUAGES = ("de", "en")


def _basis_label(text: str) -> str:
    """A basis a referral recorded as text, in the active language if it is a known one."""
    basis = parse_basis(text)
    return basis.label() if basis is not None else text


def _name_lang(script: str, preferred: str) -> str:
    if script == Script.ARABIC and preferred in RTL_LANGUAGES:
        return preferred
    return SCRIPT_LANG.get(script, "")


def _page(lang: str, data: dict) -> dict:
    """The part of the report in `lang`, its texts read with `lang` active."""
    with translation.override(lang):
        return _page_texts(lang, data)


def _page_texts(lang: str, data: dict) -> dict:
    t = report_texts()
    person = data["person"]
    preferred = (person.preferred_language or "").lower()
    label = enum_label

    # Purposes and legal bases of the audit trail have German and English labels; the parts in
    # other languages print them in German (marked lang="de"), as the law names them.
    vocabulary_lang = lang if lang in VOCABULARY_LANGUAGES else "de"

    cases = []
    for case in data["cases"]:
        if case["notes_count"]:
            notes = notes_summary(
                count=case["notes_count"],
                shared=case["notes_shared"],
                first=f"{case['notes_first']:%d.%m.%Y}",
                last=f"{case['notes_last']:%d.%m.%Y}",
            )
        else:
            notes = t["notes_none"]
        cases.append(
            {**case, "status_label": label("case_status", case["status"]), "notes_summary": notes}
        )
    return {
        "lang": lang,
        "vocabulary_lang": vocabulary_lang,
        "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
        "t": t,
        "is_german": lang == "de",
        "names": [
            {
                **name,
                "lang": _name_lang(name["script"], preferred),
                "kind_label": label("name_kind", name["kind"]),
                "source_label": label("source", name["source"]),
            }
            for name in data["names"]
        ],
        "sex": label("sex", person.sex),
        "precision": label("precision", person.birth_date_precision),
        "confidence": label("confidence", person.identity_confidence),
        "identifiers": [
            {**row, "type_label": label("identifier", row["type"])} for row in data["identifiers"]
        ],
        "nationalities": [
            {**row, "source_label": label("source", row["source"])} for row in data["nationalities"]
        ],
        "addresses": [
            {**row, "accommodation_label": label("accommodation", row["accommodation"])}
            for row in data["addresses"]
        ],
        "relations": [
            {**row, "kind_label": label("relation", row["kind"])} for row in data["relations"]
        ],
        "cases": cases,
        "referrals": [
            {
                **row,
                "kind_label": label("referral_kind", row["kind"]),
                "state_label": label("referral_state", row["state"]),
                "shared_labels": [
                    {
                        "category": label("category", category),
                        "basis": in_language(vocabulary_lang, _basis_label, basis),
                    }
                    for category, basis in row["shared"]
                ],
                "timeline_labels": [
                    {**event, "state_label": label("referral_state", event["state"])}
                    for event in row["timeline"]
                ],
            }
            for row in data["referrals"]
        ],
        "documents": [
            {**row, "category_label": label("category", row["category"])}
            for row in data["documents"]
        ],
        "consents": [
            {
                **row,
                "category_labels": [label("category", c) for c in row["categories"]],
                "purpose_labels": [label("purpose", p) for p in row["purposes"]],
            }
            for row in data["consents"]
        ],
        "corrections": [
            {
                **row,
                "item_label": label("data_item", row["data_item"]),
                "status_label": label("correction_status", row["status"]),
            }
            for row in data["corrections"]
        ],
        "access": [
            {
                "office": line.office or t["system"],
                "kind_label": label("access_kind", line.kind),
                "purpose": in_language(vocabulary_lang, line.purpose_label),
                "basis": "; ".join(in_language(vocabulary_lang, line.basis_labels))
                or t["basis_none"],
                "category_labels": [label("category", c) for c in sorted(line.categories)],
                "count": line.count,
                "first": line.first,
                "last": line.last,
            }
            for line in data["access"]
        ],
        "merged": merged_text(data["merged_records"]) if data["merged_records"] else "",
    }


def report_html(*, data: dict, languages: DocumentLanguages, office: Office, reference: str) -> str:
    person = data["person"]
    latin = next((n for n in data["names"] if n["script"] == Script.LATIN), None)
    context = {
        "person": person,
        "name": latin["text"] if latin else str(person),
        "data": data,
        "office": office,
        "reference": reference,
        "pages": [_page(code, data) for code in languages.codes],
    }
    return render_to_string("subject_rights/report_pdf.html", context)


def report_pdf(
    *, data: dict, languages: DocumentLanguages, office: Office, reference: str
) -> bytes:
    import weasyprint  # imported here: loading Pango costs time that only this export needs

    html = report_html(data=data, languages=languages, office=office, reference=reference)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(
        stylesheets=stylesheets(STYLESHEET),
        pdf_variant="pdf/ua-1",
    )
    return pdf
