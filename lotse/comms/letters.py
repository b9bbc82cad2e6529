"""Rendering a letter: German first, then the translation below it, as a tagged PDF (PDF/UA-1).

Each passage is an element with its own `lang` and `dir`, so that a screen reader reads the
Arabic part as Arabic and the layout mirrors right-to-left text; the fonts are Debian's Noto
(lotse/core/pdf/base.css picks them by language: Noto Naskh Arabic for Arabic script, Noto Sans
Ethiopic for Tigrinya). WeasyPrint shapes with HarfBuzz, so Arabic letters join and run right to
left. The values filled in ({name}, {date}, …) are German-side data (names in Latin letters,
dates, the office) and are isolated left to right inside a right-to-left passage.

`letter_render` takes a plain context dict and knows nothing of where the appointment came from:
the apps that make appointments call it (or `letter_create`) with their values.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from string import Formatter
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from lotse.comms.models import RTL_LANGUAGES, LetterTemplate
from lotse.comms.templates import PLACEHOLDERS, Texts, letter_texts, placeholders_of
from lotse.core.pdf import stylesheets

STYLESHEET = Path(__file__).parent / "pdf" / "letter.css"
# What a missing placeholder is called in the message to the member of staff.
PLACEHOLDER_LABELS = {
    "name": pgettext_lazy("letter placeholder", "name"),
    "date": pgettext_lazy("letter placeholder", "date"),
    "time": pgettext_lazy("letter placeholder", "time"),
    "place": pgettext_lazy("letter placeholder", "place"),
    "office": pgettext_lazy("letter placeholder", "office"),
    "interpreter": pgettext_lazy("letter placeholder", "interpreting"),
}


def _value(value: Any) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def letter_values(context: dict[str, Any]) -> dict[str, str]:
    """The context as the texts print it (dates as 31.12.2026, times as 09:30)."""
    return {key: _value(value).strip() for key, value in context.items() if key in PLACEHOLDERS}


def check_context(texts: Texts, values: dict[str, str]) -> None:
    needed = placeholders_of(texts.german.body) | placeholders_of(texts.german.subject)
    if texts.translation is not None:
        needed |= placeholders_of(texts.translation.body)
    missing = sorted(name for name in needed if not values.get(name))
    if missing:
        names = ", ".join(str(PLACEHOLDER_LABELS[name]) for name in missing)
        raise ValidationError({"context": _("Fill in: %(names)s.") % {"names": names}})


def _line(text: str, values: dict[str, str]) -> SafeString:
    """One line of a text with its placeholders filled in, each value isolated left to right."""
    parts: list[str] = []
    for literal, field, _spec, _conv in Formatter().parse(text):
        parts.append(escape(literal))
        if field:
            parts.append(format_html('<bdi dir="ltr" lang="de">{}</bdi>', values.get(field, "")))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


# A German legal reference ("§ 19 SGB X") inside a translation: kept left to right, so that a
# right-to-left passage does not print it as "SGB X 19 §".
LEGAL_REFERENCE = re.compile(r"§+\s*\d+[a-z]?(?:\s+Abs\.\s*\d+)?\s+[A-Z][A-Za-z]*(?:\s+[IVX]+)?")


def _note(text: str) -> SafeString:
    parts, last = [], 0
    for match in LEGAL_REFERENCE.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<bdi dir="ltr" lang="de">{}</bdi>', match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


@dataclass(frozen=True)
class Passage:
    lang: str
    dir: str
    subject: SafeString
    paragraphs: list[list[SafeString]]
    courtesy_note: SafeString
    is_german: bool

    @property
    def element(self) -> str:
        return "section" if self.is_german else "article"


def _passage(template: LetterTemplate, values: dict[str, str]) -> Passage:
    paragraphs = [
        [_line(line, values) for line in block.splitlines()]
        for block in template.body.replace("\r\n", "\n").split("\n\n")
        if block.strip()
    ]
    return Passage(
        lang=template.language,
        dir="rtl" if template.language in RTL_LANGUAGES else "ltr",
        subject=_line(template.subject, values),
        paragraphs=paragraphs,
        courtesy_note=_note(template.courtesy_note),
        is_german=template.language == "de",
    )


def letter_pdf(*, texts: Texts, values: dict[str, str], printed_on: date | None = None) -> bytes:
    """The PDF of a letter from its texts and filled-in values."""
    import weasyprint  # imported here: loading Pango costs time that only a letter needs

    check_context(texts, values)
    passages = [_passage(texts.german, values)]
    if texts.translation is not None:
        passages.append(_passage(texts.translation, values))
    html = render_to_string(
        "comms/letter_pdf.html",
        {
            "passages": passages,
            "title": _line(texts.german.subject, values),
            "office": values.get("office", ""),
            "printed_on": printed_on or timezone.localdate(),
            "stale": texts.stale,
        },
    )
    languages = {"/Sect": "de", "/Art": passages[-1].lang}
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(
        stylesheets=stylesheets(STYLESHEET),
        # Tagged (PDF/UA-1): headings, paragraphs and the language of each passage are marked.
        pdf_variant="pdf/ua-1",
        finisher=lambda _document, pdf: _tag_languages(pdf, languages),
    )
    return pdf


def _tag_languages(pdf: Any, languages: dict[str, str]) -> None:
    """Give each passage's structure elements its language (/Lang): WeasyPrint tags the
    document's language only, so a screen reader would read the Arabic part in German."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem":
            lang = languages.get(str(obj.get("S")))
            if lang:
                obj["Lang"] = pydyf.String(lang)


def _plain(text: str, values: dict[str, str]) -> str:
    return text.format_map({name: values.get(name, "") for name in placeholders_of(text)})


def letter_plain_text(*, texts: Texts, values: dict[str, str]) -> tuple[str, str]:
    """The subject and text of a letter as a message (e-mail, text message): the German text,
    then the translation with its courtesy note."""
    check_context(texts, values)
    german = texts.german
    parts = [_plain(german.body, values)]
    if texts.translation is not None:
        translation = texts.translation
        parts += [
            "—",
            translation.courtesy_note,
            _plain(translation.subject, values),
            _plain(translation.body, values),
        ]
    return _plain(german.subject, values), "\n\n".join(part for part in parts if part)


def letter_render(
    *, template_code: str, language: str, context: dict[str, Any], allow_stale: bool = False
) -> bytes:
    """The letter `template_code` in German and in `language` as PDF bytes.

    Without a current translation (none, or older than the German text and not `allow_stale`)
    the letter is German only; `letter_texts` says why.
    """
    texts = letter_texts(code=template_code, language=language, allow_stale=allow_stale)
    return letter_pdf(texts=texts, values=letter_values(context))
