"""Talking with the person, in a real browser checked by axe-core (WCAG 2.2 AA).

After the Jobcenter's caseworker has made a joint appointment with the Integrationsmanagement
and an interpreter, she writes the invitation for that appointment on the person's letters
page, in German and in the person's language from the record, sees it kept with the case and
downloads it. The downloaded PDF is rendered to PNG and checked: the Arabic is there, shaped
(joined letters, narrower than the same letters kept apart) and right to left (first word right
of the last, the line's ink at the right margin); the Tigrinya (Ge'ez script) is there, drawn
with its font, left to right. A reminder goes out only on the channel the person consented to.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_letters.py -x
"""

import dataclasses
import io
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from PIL import Image, ImageChops
from playwright.sync_api import expect

from lotse.appointments.holidays_bw import holiday_name
from lotse.appointments.models import Appointment, Interpreter
from lotse.appointments.tests.conftest import working_day
from lotse.cases.services import case_open
from lotse.comms.letters import letter_pdf, letter_values
from lotse.comms.models import Channel, Letter, LetterTemplate, MessageStatus, OutboxMessage
from lotse.comms.templates import letter_templates_load, letter_texts
from lotse.comms.tests.pdf_tools import page_png, pdf_objects, pdf_text, word_boxes
from lotse.organisations.models import Kreis, Role
from lotse.organisations.tests.factories import reference_office
from lotse.people.tests.factories import register
from lotse.web.tests.browser_support import UI, sign_in, t

pytestmark = pytest.mark.browser

JC = "jc-tubingen-08416"
IM = "im-tubingen-08416"
DPI = 100
SCALE = DPI / 72  # PDF points to pixels of the PNG
ZWNJ = "\u200c"  # zero-width non-joiner: keeps Arabic letters apart (their isolated forms)
ARABIC_SUBJECT = "دعوة إلى موعد"
TIGRINYA_SUBJECT = "ዕድመ ናብ ቆጸራ"
Box = tuple[float, float, float, float, str]


@pytest.fixture
def letter_templates(reference_data):
    # the transactional tests before this one may have flushed the shipped texts
    letter_templates_load()


def _person(jc, im, language: str, given_names: str, family_name: str):
    person = register(jc, given_names=given_names, family_name=family_name)
    person.preferred_language = language  # the language of the identity record
    person.save(update_fields=["preferred_language"])
    case_open(actor=im, person=person, reason="Integrationsmanagement")
    return person


def _staff(make_user):
    return (
        make_user("jc-letters", Role.CASEWORKER, office=JC),
        make_user("im-letters", Role.CASEWORKER, office=IM),
    )


def _make_joint_appointment(ui: UI, person, start: datetime, language: str, interpreter) -> None:
    page = ui.page
    ui.goto(f"/persons/{person.pk}/appointments/")
    ui.axe("appointments of the person with the form")
    page.fill("#id_day", start.date().isoformat())
    page.fill("#id_start", f"{start:%H:%M}")
    page.fill("#id_end", f"{start + timedelta(hours=1):%H:%M}")
    page.fill("#id_place", "Jobcenter Tübingen, Raum 2.14")
    page.get_by_label(reference_office(IM).name, exact=False).check()
    page.select_option("#id_interpreter_language", language)
    page.select_option("#id_interpreter", str(interpreter.pk))
    page.get_by_role("button", name=t("Make an appointment")).click()
    expect(page.locator("main")).to_contain_text("Der Termin wurde vereinbart.")
    ui.axe("the joint appointment")


def _write_invitation(ui: UI, person, language_code: str | None = None) -> bytes:
    """From the person's appointments, the invitation for the appointment: created, listed with
    the case, and downloaded through the page's link. Returns the PDF."""
    page = ui.page
    main = page.locator("main")
    ui.goto(f"/persons/{person.pk}/appointments/")
    page.get_by_role("link", name=t("Write the invitation")).first.click()
    page.wait_for_load_state("load")
    assert f"/persons/{person.pk}/letters/" in page.url
    appointment = Appointment.objects.get(person=person)
    expect(page.locator("#id_appointment")).to_have_value(str(appointment.pk))
    expect(page.locator("#id_template_code")).to_have_value("invitation")
    # the person's language from the identity record is preselected
    expect(page.locator("#id_language")).to_have_value(person.preferred_language)
    ui.axe("the letters page with the appointment chosen")
    if language_code is not None:
        page.select_option("#id_language", language_code)
    page.get_by_role("button", name=t("Create the letter")).click()
    expect(main).to_contain_text(t("The letter was created and kept with the case."))
    letter = Letter.objects.filter(person=person).latest("pk")
    row = page.locator(f"#letter-{letter.pk}")
    expect(row).to_contain_text(letter.get_template_code_display())
    ui.axe("the letter kept with the case")
    with page.expect_download() as download_info:
        row.get_by_role("link", name=t("Download")).click()
    download = download_info.value
    assert download.suggested_filename == f"brief-invitation-{letter.pk}.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf == bytes(letter.pdf)
    return pdf


def _line(pdf: bytes, word: str, *, ignore: str = "") -> list[Box]:
    """The line of page 1 holding `word` (pdftotext gives Arabic words in visual order)."""
    for line in word_boxes(pdf):
        for box in line:
            found = box[4].replace(ignore, "") if ignore else box[4]
            if word in (found, found[::-1]):
                return line
    raise AssertionError(f"{word!r} is not on page 1")


def _word(line: list[Box], word: str) -> Box:
    return next(box for box in line if word in (box[4], box[4][::-1]))


def _png(pdf: bytes) -> Image.Image:
    return Image.open(io.BytesIO(page_png(pdf, dpi=DPI))).convert("L")


def _band(image: Image.Image, line: list[Box]) -> tuple[int, int]:
    top = min(box[1] for box in line) * SCALE
    bottom = max(box[3] for box in line) * SCALE
    return int(top), int(bottom) + 1


def _ink(image: Image.Image, line: list[Box]) -> tuple[int, int, int, int]:
    """Where the line is drawn on the PNG: the box of its dark pixels, across the whole page
    width at the line's height."""
    top, bottom = _band(image, line)
    band = image.crop((0, top, image.width, bottom)).point(lambda v: 255 if v < 128 else 0)
    box = band.getbbox()
    assert box is not None, "no ink on the line"
    return box


def _margins(pdf: bytes) -> tuple[float, float]:
    boxes = [box for line in word_boxes(pdf) for box in line]
    return min(box[0] for box in boxes), max(box[2] for box in boxes)


def _with_subject(language: str, subject: str, values: dict[str, str]) -> bytes:
    """The invitation with its translation's subject replaced (for comparison)."""
    texts = letter_texts(code="invitation", language=language)
    assert texts.translation is not None
    translation = LetterTemplate.objects.get(pk=texts.translation.pk)
    translation.subject = subject  # not saved
    return letter_pdf(texts=dataclasses.replace(texts, translation=translation), values=values)


def test_the_arabic_invitation_of_the_joint_appointment(ui, make_user, letter_templates):
    jc, im = _staff(make_user)
    amal = _person(jc, im, "ar", "Amal", "Al-Hassan")
    interpreter = Interpreter.objects.create(
        kreis=Kreis.objects.get(code="08416"), name="Nour Khalil", languages=["ar"]
    )
    start = working_day()
    sign_in(ui, "jc-letters")
    _make_joint_appointment(ui, amal, start, "ar", interpreter)
    pdf = _write_invitation(ui, amal)

    # present: the words of both passages, filled in from the appointment
    text = pdf_text(pdf)
    assert "Einladung zu einem Termin" in text
    assert ARABIC_SUBJECT in text
    assert "يرجى إحضار بطاقة الهوية" in text
    assert "النص الألماني وحده هو الملزم" in text  # the translation says German binds
    assert text.index("Einladung") < text.index("دعوة")  # German first
    assert text.count("Al-Hassan, Amal") == 2
    assert text.count(f"{start:%d.%m.%Y}") == 2
    assert text.count("10:00") == 2
    assert text.count("Jobcenter Tübingen, Raum 2.14") == 2
    assert "Arabisch – eine Dolmetscherin oder ein Dolmetscher ist gebucht" in text
    assert b"Noto-Naskh-Arabic" in pdf_objects(pdf)

    # right to left: "دعوة إلى موعد" – its first word stands right of its last, the line ends
    # at the right margin, while the German subject begins at the left one
    arabic = _line(pdf, "دعوة")
    german = _line(pdf, "Einladung")
    assert _word(arabic, "دعوة")[0] > _word(arabic, "موعد")[2]
    left, right = _margins(pdf)
    assert abs(max(box[2] for box in arabic) - right) < 2
    assert min(box[0] for box in arabic) > left + 100
    image = _png(pdf)
    ink_left, _top, ink_right, _bottom = _ink(image, arabic)
    assert abs(ink_right - right * SCALE) <= 3  # the Arabic ink reaches the right margin
    assert ink_left > (left + 100) * SCALE  # and stays clear of the left one
    german_ink = _ink(image, german)
    assert abs(german_ink[0] - left * SCALE) <= 3
    assert german_ink[2] < image.width / 2

    # shaped: the letters join. The same subject with a zero-width non-joiner between its
    # letters (their isolated forms) is drawn wider and looks different; without it, drawn
    # the same as in the downloaded letter.
    values = letter_values(
        {"name": "Amal Al-Hassan", "date": start.date(), "time": time(10), "place": "Raum 2.14"}
        | {"office": reference_office(JC).name, "interpreter": "Arabisch"}
    )
    same = _with_subject("ar", ARABIC_SUBJECT, values)
    apart = _with_subject("ar", ZWNJ.join(ARABIC_SUBJECT), values)
    same_ink = _ink(_png(same), _line(same, "دعوة"))
    apart_ink = _ink(_png(apart), _line(apart, "دعوة", ignore=ZWNJ))
    joined_width = ink_right - ink_left
    assert abs((same_ink[2] - same_ink[0]) - joined_width) <= 1
    # (in "دعوة إلى موعد" only some letters join – د, و, ة and إ never join the next one – so
    # the gain is smaller than in a fully joining word: 94 against 102 pixels at 100 dpi)
    assert apart_ink[2] - apart_ink[0] > joined_width * 1.05
    top, bottom = _band(image, arabic)
    apart_image = _png(apart)
    apart_top, _ = _band(apart_image, _line(apart, "دعوة", ignore=ZWNJ))
    height = bottom - top
    joined_crop = image.crop((0, top, image.width, bottom))
    apart_crop = apart_image.crop((0, apart_top, image.width, apart_top + height))
    assert ImageChops.difference(joined_crop, apart_crop).getbbox() is not None

    ui.goto(f"/persons/{amal.pk}/letters/")
    expect(ui.page.locator("main")).to_contain_text("1 Brief")
    ui.axe("the letters of the person")
    ui.assert_clean()


def test_the_tigrinya_invitation(ui, make_user, letter_templates):
    jc, im = _staff(make_user)
    selam = _person(jc, im, "ti", "Selam", "Tesfay")
    interpreter = Interpreter.objects.create(
        kreis=Kreis.objects.get(code="08416"), name="Yonas Berhe", languages=["ti"]
    )
    start = working_day(hour=9)
    sign_in(ui, "jc-letters")
    _make_joint_appointment(ui, selam, start, "ti", interpreter)
    pdf = _write_invitation(ui, selam)
    german_only = _write_invitation(ui, selam, language_code="de")

    text = pdf_text(pdf)
    assert TIGRINYA_SUBJECT in text
    assert "ዘገድድ ናይ ጀርመን ጽሑፍ ጥራይ እዩ" in text  # German binds
    assert text.count("Tesfay, Selam") == 2
    assert "ቆጸራ" not in pdf_text(german_only)
    assert b"Noto-Sans-Ethiopic" in pdf_objects(pdf)
    assert b"Noto-Sans-Ethiopic" not in pdf_objects(german_only)

    # left to right from the left margin, like the German
    tigrinya = _line(pdf, "ቆጸራ")
    german = _line(pdf, "Einladung")
    assert tigrinya[0][0] == pytest.approx(german[0][0], abs=1)
    assert _word(tigrinya, "ዕድመ")[2] < _word(tigrinya, "ቆጸራ")[0]

    # the Ge'ez script is drawn: ink on the Tigrinya subject's line, where the German-only
    # letter has none, and the two pages differ
    image, plain = _png(pdf), _png(german_only)
    ink = _ink(image, tigrinya)
    assert abs(ink[0] - german[0][0] * SCALE) <= 3
    top, bottom = _band(image, tigrinya)
    blank = plain.crop((0, top, plain.width, bottom)).point(lambda v: 255 if v < 128 else 0)
    assert blank.getbbox() is None
    assert ImageChops.difference(image, plain).getbbox() is not None

    ui.goto(f"/persons/{selam.pk}/letters/")
    expect(ui.page.locator("main")).to_contain_text("2 Briefe")
    expect(ui.page.locator("main")).to_contain_text(t("German only"))
    ui.axe("the letters of the person")
    ui.assert_clean()


def _within_the_lead() -> datetime | None:
    """An hour on a working day that begins within the 2-day reminder but after the 2-hour one
    (no appointments on Sundays and public holidays)."""
    now = timezone.localtime()
    candidate = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=4)
    while candidate < now + timedelta(days=2):
        day = candidate.date()
        if (
            8 <= candidate.hour <= 17
            and day.weekday() != 6
            and not holiday_name(day)
            and candidate.date() == (candidate + timedelta(hours=1)).date()
        ):
            return candidate
        candidate += timedelta(hours=1)
    return None


def test_a_reminder_only_on_the_consented_channel(ui, make_user, letter_templates, settings):
    settings.LOTSE_SMS_DIR = ui.artefacts / "sms"
    start = _within_the_lead()
    if start is None:
        pytest.skip("no working hour in the next two days (Sundays and public holidays)")
    jc, im = _staff(make_user)
    selam = _person(jc, im, "ti", "Selam", "Tesfay")
    selam.email = "selam@example.org"  # the record holds both; consent decides
    selam.phone = "0151 2345678"
    selam.save(update_fields=["email", "phone"])
    interpreter = Interpreter.objects.create(
        kreis=Kreis.objects.get(code="08416"), name="Yonas Berhe", languages=["ti"]
    )
    page = ui.page
    main = page.locator("main")
    sign_in(ui, "jc-letters")
    _make_joint_appointment(ui, selam, start, "ti", interpreter)

    # on the contact page: an e-mail consent recorded and withdrawn, a text-message one kept
    ui.goto(f"/persons/{selam.pk}/contact/")
    ui.axe("consent to be contacted, none yet")
    for channel, address in ((Channel.EMAIL, "selam@example.org"), (Channel.SMS, "0151 2345678")):
        page.select_option("#id_channel", channel)
        page.fill("#id_address", address)
        page.select_option("#id_how", index=1)
        page.get_by_role("button", name=t("Record the consent")).click()
        expect(main).to_contain_text(t("The consent to be contacted was recorded."))
    email_consent = selam.contact_channels.get(channel=Channel.EMAIL)
    page.locator(f"#contact-{email_consent.pk}").get_by_role(
        "button", name=t("The person withdraws this consent")
    ).click()
    expect(main).to_contain_text(
        t("The consent was withdrawn: nothing more is sent on this channel.")
    )
    withdrawn = page.locator(f"#contact-{email_consent.pk}")
    expect(withdrawn.get_by_role("button")).to_have_count(0)
    ui.axe("consent to text messages only")

    # the scheduled runs: queue the due reminders, then send the outbox
    call_command("appointment_reminders", stdout=io.StringIO())
    call_command("outbox_send", stdout=io.StringIO())

    message = OutboxMessage.objects.get(person=selam)
    assert message.channel == Channel.SMS
    assert message.status == MessageStatus.SENT
    assert not mail.outbox  # nothing by e-mail
    ui.goto("/outbox/")
    expect(main).to_contain_text("1 Nachricht")
    row = main.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(t("text message (SMS)"))
    expect(row).to_contain_text("Erinnerung an Ihren Termin")
    expect(main.locator("tbody")).not_to_contain_text(t("e-mail"))
    ui.axe("the outbox")

    files = list(Path(settings.LOTSE_SMS_DIR).glob("*.txt"))
    assert len(files) == 1
    sms = files[0].read_text(encoding="utf-8")
    assert "To: +491512345678" in sms
    assert "Guten Tag Tesfay, Selam" in sms  # German first
    assert "መዘኻኸሪ ቆጸራኹም" in sms  # the reminder in Tigrinya, below the German
    assert f"{start:%d.%m.%Y}" in sms
    assert f"{start:%H:%M}" in sms
    ui.assert_clean()
