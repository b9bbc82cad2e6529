"""The texts of the letters as data: loading the shipped texts, saving an administrator's change,
and choosing the text a letter is printed in.

A translation names the version of the German text it translates (`translates_german_of`, the
German row's `text_changed_at`). When the German text changes afterwards the translation is
stale ("veraltet"): a letter is then printed in German only unless the member of staff accepts
the stale translation explicitly (`allow_stale`), and the letter says so.
"""

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.comms.models import (
    BODY_LENGTH,
    SUBJECT_LENGTH,
    TEXT_OF,
    LetterCode,
    LetterLanguage,
    LetterTemplate,
)
from lotse.organisations.models import User

SHIPPED_TEXTS = Path(__file__).parent / "data" / "letters.toml"
PLACEHOLDERS = frozenset({"name", "date", "time", "place", "office", "interpreter"})
TEXT_FIELDS = ("subject", "body", "courtesy_note")


def placeholders_of(text: str) -> set[str]:
    """The named placeholders ({name}, …) of a text."""
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}


def _check_text(subject: str, body: str) -> None:
    errors: dict[str, str] = {}
    if not subject.strip():
        errors["subject"] = _("Write the subject.")
    elif len(subject) > SUBJECT_LENGTH:
        errors["subject"] = _("At most %(limit)s characters (%(count)s typed).") % {
            "limit": SUBJECT_LENGTH,
            "count": len(subject),
        }
    if not body.strip():
        errors["body"] = _("Write the text.")
    elif len(body) > BODY_LENGTH:
        errors["body"] = _("At most %(limit)s characters (%(count)s typed).") % {
            "limit": BODY_LENGTH,
            "count": len(body),
        }
    else:
        try:
            unknown = placeholders_of(body) - PLACEHOLDERS
        except ValueError:
            errors["body"] = _("A brace is not closed: write placeholders as {name}.")
        else:
            if unknown:
                errors["body"] = _("Unknown placeholders: %(names)s. Known are: %(known)s.") % {
                    "names": ", ".join(sorted(unknown)),
                    "known": ", ".join(f"{{{name}}}" for name in sorted(PLACEHOLDERS)),
                }
    if errors:
        raise ValidationError(errors)


def german_of(template: LetterTemplate) -> LetterTemplate | None:
    if template.language == LetterLanguage.GERMAN:
        return template
    return LetterTemplate.objects.filter(code=template.code, language=LetterLanguage.GERMAN).first()


def is_stale(template: LetterTemplate, german: LetterTemplate | None = None) -> bool:
    """A translation older than the German text it translates ("veraltet")."""
    if template.language == LetterLanguage.GERMAN:
        return False
    german = german or german_of(template)
    if german is None:
        return False
    return (
        template.translates_german_of is None
        or template.translates_german_of < german.text_changed_at
    )


@atomic_service
def letter_template_save(
    *, actor: User, template: LetterTemplate, translates_current_german: bool = False
) -> LetterTemplate:
    """Save an administrator's change of a letter's text (the admin calls this).

    A changed text gets a new version (`text_changed_at`). A translation saved with
    `translates_current_german` is marked as translating the German text as it is now, which
    clears "veraltet".
    """
    authorize(actor, Action.MANAGE_REFERENCE_DATA)
    _check_text(template.subject, template.body)
    now = timezone.now()
    old = LetterTemplate.objects.filter(pk=template.pk).first() if template.pk else None
    changed = [
        name for name in TEXT_FIELDS if old is None or getattr(old, name) != getattr(template, name)
    ]
    if changed or old is None:
        template.text_changed_at = now
    if template.language != LetterLanguage.GERMAN and translates_current_german:
        german = german_of(template)
        template.translates_german_of = german.text_changed_at if german else now
    template.save()
    audit_record(
        event_type=EventType.LETTER_TEMPLATE_CHANGED,
        actor=actor,
        action=Action.MANAGE_REFERENCE_DATA,
        obj=template,
        details={
            "code": template.code,
            "language": template.language,
            "created": old is None,
            "fields": changed,
            "stale": is_stale(template),
        },
    )
    return template


@atomic_service
def letter_templates_load(*, path: Path = SHIPPED_TEXTS, update: bool = False) -> dict[str, int]:
    """Load the shipped texts: missing rows are created; with `update`, rows whose text differs
    from the shipped one are overwritten (the history keeps the old text). German first, so that
    each translation names the German version it translates."""
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    courtesy: dict[str, str] = data.get("courtesy", {})
    entries = sorted(data["letter"], key=lambda e: e["language"] != LetterLanguage.GERMAN)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    now = timezone.now()
    for entry in entries:
        code = LetterCode(entry["code"])
        language = LetterLanguage(entry["language"])
        _check_text(entry["subject"], entry["body"])
        fields = {
            "subject": entry["subject"],
            "body": entry["body"],
            "courtesy_note": courtesy.get(language, ""),
        }
        template = LetterTemplate.objects.filter(code=code, language=language).first()
        if template is not None and (
            not update or all(getattr(template, k) == v for k, v in fields.items())
        ):
            counts["unchanged"] += 1
            continue
        german = None
        if language != LetterLanguage.GERMAN:
            german = LetterTemplate.objects.filter(code=code, language="de").first()
        values = {
            **fields,
            "text_changed_at": now,
            "reviewed": bool(entry.get("reviewed", False)),
            "translates_german_of": german.text_changed_at if german else None,
        }
        if template is None:
            template = LetterTemplate.objects.create(code=code, language=language, **values)
            counts["created"] += 1
        else:
            for key, value in values.items():
                setattr(template, key, value)
            template.save()
            counts["updated"] += 1
        audit_record(
            event_type=EventType.LETTER_TEMPLATE_CHANGED,
            obj=template,
            details={"code": code, "language": language, "loaded": True},
        )
    return counts


@dataclass(frozen=True)
class Texts:
    """The texts a letter is printed in: German, and the translation if one is used."""

    german: LetterTemplate
    translation: LetterTemplate | None
    requested: str  # the language asked for
    # Why there is no translation (empty when there is one, or German was asked for).
    german_only_reason: str = ""
    stale: bool = False  # the translation used is older than its German text


def letter_texts(*, code: str, language: str, allow_stale: bool = False) -> Texts:
    """The German text of `code` and its translation into `language` when there is a current
    one (or a stale one and `allow_stale`)."""
    german = LetterTemplate.objects.filter(code=code, language=LetterLanguage.GERMAN).first()
    if german is None:
        raise ValidationError(
            {"template_code": _("This letter has no German text yet: load the letter texts.")}
        )
    requested = TEXT_OF.get(language.lower(), language.lower()) if language else "de"
    if requested == LetterLanguage.GERMAN:
        return Texts(german, None, requested)
    translation = LetterTemplate.objects.filter(code=code, language=requested).first()
    if translation is None:
        return Texts(
            german,
            None,
            requested,
            german_only_reason=_("There is no translation into this language."),
        )
    if is_stale(translation, german):
        if not allow_stale:
            return Texts(
                german,
                None,
                requested,
                german_only_reason=_(
                    "The translation is out of date (veraltet): the German text changed after "
                    "it was translated."
                ),
            )
        return Texts(german, translation, requested, stale=True)
    return Texts(german, translation, requested)


def translation_states(language: str) -> list[tuple[str, str]]:
    """Per letter, why it would be German only in `language` ("" when the translation is
    current): shown on the form before the letter is made."""
    states = []
    for code, label in LetterCode.choices:
        if not LetterTemplate.objects.filter(code=code, language=LetterLanguage.GERMAN).exists():
            continue
        texts = letter_texts(code=code, language=language)
        states.append((str(label), texts.german_only_reason))
    return states
