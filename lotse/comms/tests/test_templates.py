"""The letter texts as data: loading, the administrators' changes, stale translations."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from lotse.audit.models import AuditEvent, EventType
from lotse.comms.models import LetterTemplate
from lotse.comms.templates import is_stale, letter_template_save, letter_texts


@pytest.fixture
def land_admin(make_persona):
    return make_persona("land_admin")


def test_the_shipped_texts_load_once(db, capsys):
    call_command("load_letter_templates")
    assert "36 created" in capsys.readouterr().out
    call_command("load_letter_templates")
    assert "0 created, 0 updated, 36 unchanged" in capsys.readouterr().out
    languages = set(LetterTemplate.objects.values_list("language", flat=True))
    assert languages == {"de", "ar", "fa", "ps", "ti", "ku", "so", "tr", "uk", "ru", "en", "fr"}
    translations = LetterTemplate.objects.exclude(language="de")
    assert not translations.filter(reviewed=True).exists()  # a sworn translator must review
    assert all("19 SGB X" in t.courtesy_note for t in translations)
    assert not any(is_stale(t) for t in translations)


def test_a_changed_german_text_makes_its_translations_stale(db, land_admin):
    call_command("load_letter_templates")
    german = LetterTemplate.objects.get(code="reminder", language="de")
    german.body += "\nBitte kommen Sie pünktlich."
    letter_template_save(actor=land_admin, template=german)
    arabic = LetterTemplate.objects.get(code="reminder", language="ar")
    assert is_stale(arabic)
    assert letter_texts(code="reminder", language="ar").translation is None
    arabic.body += "\nيرجى الحضور في الموعد."
    letter_template_save(actor=land_admin, template=arabic, translates_current_german=True)
    assert not is_stale(arabic)
    event = (
        AuditEvent.objects.filter(event_type=EventType.LETTER_TEMPLATE_CHANGED)
        .order_by("pk")
        .last()
    )
    assert event.details["language"] == "ar"
    assert event.details["fields"] == ["body"]
    assert "يرجى" not in str(event.details)  # the text itself is in the history, not the trail
    assert german.history.count() == 2


def test_unknown_placeholders_are_refused(db, land_admin):
    call_command("load_letter_templates")
    german = LetterTemplate.objects.get(code="reminder", language="de")
    german.body += " {raum}"
    with pytest.raises(ValidationError) as error:
        letter_template_save(actor=land_admin, template=german)
    assert "raum" in str(error.value)


def test_only_land_administrators_change_texts(db, administrator, caseworker):
    call_command("load_letter_templates")
    german = LetterTemplate.objects.get(code="reminder", language="de")
    for actor in (administrator, caseworker):
        with pytest.raises(PermissionDenied):
            letter_template_save(actor=actor, template=german)


def test_the_admin_shows_stale_translations(db, land_admin, client_for):
    call_command("load_letter_templates")
    german = LetterTemplate.objects.get(code="invitation", language="de")
    client = client_for(land_admin)
    response = client.post(
        f"/admin/comms/lettertemplate/{german.pk}/change/",
        {
            "code": "invitation",
            "language": "de",
            "subject": german.subject,
            "body": german.body + "\nNeu.",
            "courtesy_note": "",
            "reviewed": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert is_stale(LetterTemplate.objects.get(code="invitation", language="ar"))
    assert AuditEvent.objects.filter(
        event_type=EventType.LETTER_TEMPLATE_CHANGED, actor=land_admin
    ).exists()
    listing = client.get("/admin/comms/lettertemplate/?code=invitation").content.decode()
    assert "icon-yes" in listing  # the stale column shows the out-of-date translations


def test_load_reference_data_loads_the_letter_texts(db):
    from io import StringIO

    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert "Letter texts" in out.getvalue()
    assert LetterTemplate.objects.filter(language="ti").count() == 3
