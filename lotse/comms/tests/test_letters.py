"""The letter as PDF: German first, the translation below, shaped, right to left, tagged."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, ImageChops

from lotse.comms.letters import letter_pdf, letter_render, letter_values
from lotse.comms.models import LetterTemplate
from lotse.comms.templates import letter_texts
from lotse.comms.tests.conftest import CONTEXT
from lotse.comms.tests.pdf_tools import page_png, pdf_objects, pdf_text, word_lines

pytestmark = pytest.mark.usefixtures("letter_templates")

ZWNJ = "\u200c"  # zero-width non-joiner: keeps Arabic letters apart (their isolated forms)


def _line_with(pdf: bytes, word: str) -> list[tuple[float, float, str]]:
    """The line of page 1 holding `word` (pdftotext gives Arabic words in visual order)."""
    for line in word_lines(pdf):
        if any(word in (w, w[::-1]) for _x0, _x1, w in line):
            return line
    raise AssertionError(f"{word!r} is not on page 1")


def _box(line: list[tuple[float, float, str]], word: str) -> tuple[float, float]:
    return next((x0, x1) for x0, x1, w in line if word in (w, w[::-1]))


def test_the_invitation_in_german_then_arabic():
    pdf = letter_render(template_code="invitation", language="ar", context=CONTEXT)
    text = pdf_text(pdf)
    assert "Einladung zu einem Termin" in text
    assert "دعوة إلى موعد" in text  # the subject, its letters in reading order
    assert "يرجى إحضار بطاقة الهوية" in text
    assert "النص الألماني وحده هو الملزم" in text  # the courtesy translation says German binds
    assert text.index("Einladung") < text.index("دعوة")  # German first
    assert text.count("Amal Haddad") == 2  # filled in both passages
    assert "Wilhelm-Keil-Straße 50" in text


def test_the_arabic_runs_right_to_left_and_is_right_aligned():
    pdf = letter_render(template_code="invitation", language="ar", context=CONTEXT)
    german = _line_with(pdf, "Einladung")
    arabic = _line_with(pdf, "دعوة")
    # "دعوة إلى موعد": the first word stands right of the last.
    assert _box(arabic, "دعوة")[0] > _box(arabic, "موعد")[1]
    # The German line starts at the left margin, the Arabic line ends at the right one.
    left_margin = german[0][0]
    right_margin = max(x1 for line in word_lines(pdf) for _x0, x1, _w in line)
    assert arabic[0][0] > left_margin + 100
    assert abs(max(x1 for _x0, x1, _w in arabic) - right_margin) < 2


def _arabic_pdf(subject: str) -> bytes:
    now = timezone.now()
    german = LetterTemplate.objects.get(code="invitation", language="de")
    translation = LetterTemplate(
        code="invitation",
        language="ar",
        subject=subject,
        body="مرحباً {name}",
        text_changed_at=now,
        translates_german_of=now,
    )
    texts = letter_texts(code="invitation", language="de")
    texts = type(texts)(german=german, translation=translation, requested="ar")
    return letter_pdf(texts=texts, values=letter_values(CONTEXT))


def test_the_arabic_letters_are_joined():
    """Shaped: the joined (contextual) forms of a word are narrower than its letters kept apart,
    and the page looks different."""
    word = "تذكير"
    joined = _arabic_pdf(word)
    apart = _arabic_pdf(ZWNJ.join(word))
    x0, x1 = _box(_line_with(joined, word), word)
    apart_width = next(
        b - a
        for line in word_lines(apart)
        for a, b, w in line
        if word in (w.replace(ZWNJ, ""), w.replace(ZWNJ, "")[::-1])
    )
    assert apart_width > (x1 - x0) * 1.15
    difference = ImageChops.difference(
        Image.open(io.BytesIO(page_png(joined))).convert("L"),
        Image.open(io.BytesIO(page_png(apart))).convert("L"),
    )
    assert difference.getbbox() is not None


def test_the_invitation_in_tigrinya():
    pdf = letter_render(template_code="invitation", language="ti", context=CONTEXT)
    text = pdf_text(pdf)
    assert "ዕድመ ናብ ቆጸራ" in text
    assert "ዘገድድ ናይ ጀርመን ጽሑፍ ጥራይ እዩ" in text
    tigrinya = _line_with(pdf, "ቆጸራ")
    german = _line_with(pdf, "Einladung")
    assert tigrinya[0][0] == pytest.approx(german[0][0], abs=1)  # left to right, from the left
    objects = pdf_objects(pdf)
    assert b"Noto-Sans-Ethiopic" in objects
    # Ge'ez glyphs drawn on page 1: the page differs from the German-only letter's.
    german_only = letter_render(template_code="invitation", language="de", context=CONTEXT)
    difference = ImageChops.difference(
        Image.open(io.BytesIO(page_png(pdf))).convert("L"),
        Image.open(io.BytesIO(page_png(german_only))).convert("L"),
    )
    assert difference.getbbox() is not None


def test_the_pdf_is_tagged_with_each_passages_language():
    pdf = letter_render(template_code="invitation", language="ar", context=CONTEXT)
    objects = pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects
    languages = set(re.findall(rb"/Lang ?\(([a-z]+)\)", objects))
    assert {b"de", b"ar"} <= languages
    assert re.search(rb"/S ?/Art[^>]*/Lang ?\(ar\)|/Lang ?\(ar\)[^>]*/S ?/Art", objects)
    assert b"Noto-Naskh-Arabic" in objects


def test_german_alone_when_german_is_asked():
    pdf = letter_render(template_code="reminder", language="de", context=CONTEXT)
    text = pdf_text(pdf)
    assert "Erinnerung an Ihren Termin" in text
    assert "Serviceleistung" not in text
    assert "§ 19" not in text


def test_a_stale_translation_is_left_out_unless_accepted():
    german = LetterTemplate.objects.get(code="invitation", language="de")
    german.text_changed_at = timezone.now()
    german.save()
    texts = letter_texts(code="invitation", language="ar")
    assert texts.translation is None
    assert "out of date" in texts.german_only_reason
    assert "دعوة" not in pdf_text(
        letter_render(template_code="invitation", language="ar", context=CONTEXT)
    )
    accepted = letter_render(
        template_code="invitation", language="ar", context=CONTEXT, allow_stale=True
    )
    assert "دعوة" in pdf_text(accepted)


def test_dari_reads_the_persian_text_and_a_missing_language_german():
    assert letter_texts(code="invitation", language="prs").translation.language == "fa"
    texts = letter_texts(code="invitation", language="ckb")
    assert texts.translation is None
    assert "no translation" in texts.german_only_reason


def test_every_placeholder_must_be_filled_in():
    with pytest.raises(ValidationError) as error:
        letter_render(template_code="invitation", language="ar", context={**CONTEXT, "place": ""})
    assert "place" in str(error.value)


def test_the_legal_reference_reads_left_to_right_in_arabic():
    pdf = letter_render(template_code="invitation", language="ar", context=CONTEXT)
    line = _line_with(pdf, "الملزم")
    section, number = _box(line, "§"), _box(line, "19")
    assert section[1] <= number[0]  # "§ 19 SGB X", not "SGB X 19 §"
