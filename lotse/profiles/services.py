"""Recording the profile: an entry of any kind, a language assessment, and loading the occupation
classifications. A recorded fact is never changed: a correction is a new entry that replaces
the old one, which stays as history ("frühere Angaben")."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, authorize, decide, decide_category
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.organisations.models import User
from lotse.people.countries import COUNTRY_NAMES
from lotse.people.models import CefrLevel, LevelSource, Person, PersonLanguage
from lotse.profiles.models import (
    KIND_MODELS,
    SINGLE_KINDS,
    EntryKind,
    EntrySource,
    LicenceClass,
    Occupation,
    ProfileEntry,
    RecognitionStatus,
    Transport,
    category_of,
)
from lotse.profiles.occupations import (
    ImportReport,
    load_occupations,
    read_isco,
    read_kldb,
    read_mapping,
)

# The fields of each kind a caller sets (the rest are the entry's bookkeeping).
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    EntryKind.SCHOOLING: ("years", "country", "highest_certificate", "latin_literacy"),
    EntryKind.TRAINING: ("occupation", "description", "years", "country", "completed"),
    EntryKind.WORK: ("occupation", "description", "years", "country", "employer_type"),
    EntryKind.QUALIFICATION: (
        "title",
        "country",
        "reference_occupation",
        "recognition_status",
        "competent_body",
        "adaptation_measure",
        "applied_on",
        "decided_on",
    ),
    EntryKind.DRIVING_LICENCE: ("classes", "country"),
    EntryKind.MOBILITY: ("max_distance_km", "means"),
    EntryKind.CHILDCARE: ("need", "details"),
    EntryKind.HEALTH: ("description", "work_capacity"),
}
SKILLS = ("listening", "reading", "speaking", "writing")
MAX_YEARS = 60


def _kind_errors(kind: str, values: Mapping[str, Any]) -> dict[str, str]:
    """What the model's own validation cannot say (the dates, the lists, the countries)."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    country = values.get("country") or ""
    if country and country not in COUNTRY_NAMES:
        errors["country"] = _("Unknown country.")
    years = values.get("years")
    if years is not None and Decimal(str(years)) > MAX_YEARS:
        errors["years"] = _("At most %(most)s years.") % {"most": MAX_YEARS}
    if kind in (EntryKind.TRAINING, EntryKind.WORK) and not values.get("occupation"):
        errors["occupation"] = _("Choose the occupation: search for it by its German name.")
    if kind == EntryKind.QUALIFICATION:
        errors.update(_recognition_errors(values, today))
    if kind == EntryKind.DRIVING_LICENCE:
        classes = values.get("classes") or []
        if not set(classes) <= set(LicenceClass.values):
            errors["classes"] = _("Unknown driving licence class.")
    if kind == EntryKind.MOBILITY:
        means = values.get("means") or []
        if not set(means) <= set(Transport.values):
            errors["means"] = _("Unknown means of transport.")
        if values.get("max_distance_km") is None and not means:
            errors["max_distance_km"] = _("Say how far the person can travel, or by what.")
    return errors


def _recognition_errors(values: Mapping[str, Any], today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    status = values.get("recognition_status")
    applied: date | None = values.get("applied_on")
    decided: date | None = values.get("decided_on")
    if applied and applied > today:
        errors["applied_on"] = _("The application cannot lie in the future.")
    if decided and decided > today:
        errors["decided_on"] = _("The decision cannot lie in the future.")
    elif decided and applied and decided < applied:
        errors["decided_on"] = _("The decision cannot lie before the application.")
    if status == RecognitionStatus.PARTIAL and not (values.get("adaptation_measure") or "").strip():
        errors["adaptation_measure"] = _(
            "A partial equivalence names the adaptation measure (e.g. a course or a test)."
        )
    if status in (RecognitionStatus.PARTIAL, RecognitionStatus.FULL, RecognitionStatus.REFUSED):
        if not decided:
            errors.setdefault("decided_on", _("Say when the competent body decided."))
        if not values.get("competent_body"):
            errors["competent_body"] = _("Name the competent body that decided.")
    if status == RecognitionStatus.NOT_STARTED and (applied or decided):
        errors["recognition_status"] = _(
            "A procedure with an application date has started: choose its state."
        )
    return errors


def _readable(actor: User, entry: ProfileEntry | PersonLanguage, category: str) -> bool:
    return bool(decide_category(actor, entry.person, category, owner_office=entry.recorded_by))


def _replaced_entries(
    actor: User, person: Person, kind: str, replaces: ProfileEntry | None
) -> list[ProfileEntry]:
    """The entries the new one replaces: the one named, and for a kind a person has once, every
    current entry of that kind the actor's office may read."""
    category = category_of(kind)
    if replaces is not None:
        if replaces.person_id != person.pk or replaces.kind != kind:
            raise ValidationError(_("This entry belongs to another person or kind."))
        if replaces.replaced_at is not None:
            raise ValidationError(_("This entry was replaced already; replace the current one."))
        if not _readable(actor, replaces, category):
            raise ValidationError(_("This entry is not accessible to your office."))
    found = [replaces] if replaces is not None else []
    if kind in SINGLE_KINDS:
        current = ProfileEntry.objects.filter(
            person=person, kind=kind, replaced_at__isnull=True
        ).select_related("recorded_by", "person")
        found += [e for e in current if e not in found and _readable(actor, e, category)]
    return found


@atomic_service
def profile_entry_record(
    *,
    actor: User,
    person: Person,
    kind: str,
    source: str,
    values: Mapping[str, Any],
    replaces: ProfileEntry | None = None,
) -> ProfileEntry:
    """Record an entry of the person's profile at the actor's office; with `replaces` (or for a
    kind the person has once) the earlier entry is marked replaced and stays as history."""
    if kind not in KIND_MODELS:
        raise ValidationError({"kind": _("Unknown kind of profile entry.")})
    category = category_of(kind)
    authorize(actor, Action.EDIT_PERSON, person, purpose=Purpose.PROFILE, categories=[category])
    fields = {name: values.get(name) for name in KIND_FIELDS[kind]}
    errors = _kind_errors(kind, fields)
    if source not in EntrySource.values:
        errors["source"] = _(
            "Say where this comes from: an entry without a source is not recorded."
        )
    model = KIND_MODELS[kind]
    entry = model(
        person=person,
        kind=kind,
        source=source,
        recorded_by=actor.office,
        recorded_by_user=actor,
        **{name: _stored(model, name, value) for name, value in fields.items()},
    )
    try:
        entry.full_clean(exclude=["replaced_by", "replaced_at", *errors])
    except ValidationError as exc:
        errors.update({name: " ".join(messages) for name, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    old = _replaced_entries(actor, person, kind, replaces)
    entry.save()
    audit_record(
        event_type=EventType.PROFILE_RECORDED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=entry,
        person_id=person.pk,
        purpose=Purpose.PROFILE,
        categories=[category],
        details={"kind": kind, "source": source, "replaces": [e.pk for e in old]},
    )
    _mark_replaced(actor, old, entry, category)
    return entry


def _stored(model: type[ProfileEntry], name: str, value: Any) -> Any:
    """What was not given (None) as the field stores it: empty text, an empty list."""
    if value is not None:
        return value
    field = model._meta.get_field(name)
    if isinstance(field, models.JSONField):
        return []
    if isinstance(field, models.CharField | models.TextField):
        return ""
    return None


def _mark_replaced(
    actor: User, old: list[Any], new: ProfileEntry | PersonLanguage, category: str
) -> None:
    now = timezone.now()
    for entry in old:
        entry.replaced_by = new
        entry.replaced_at = now
        entry.save(update_fields=["replaced_by", "replaced_at", "updated_at"])
        audit_record(
            event_type=EventType.PROFILE_REPLACED,
            actor=actor,
            action=Action.EDIT_PERSON,
            obj=entry,
            person_id=new.person_id,
            purpose=Purpose.PROFILE,
            categories=[category],
            details={"replaced_by": new.pk, "owner_office": entry.recorded_by.code},
            # The owning office's data-protection officer finds the change to its entry.
            office=entry.recorded_by if entry.recorded_by_id != actor.office_id else None,
        )


@dataclass
class LanguageInput:
    language: str = ""
    listening: str = ""
    reading: str = ""
    speaking: str = ""
    writing: str = ""
    source: str = ""
    assessed_on: date | None = None


def _language_errors(data: LanguageInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.language.strip():
        errors["language"] = _("Say which language.")
    elif len(data.language.strip()) > 8:
        errors["language"] = _("A language code has at most 8 characters.")
    levels = {skill: getattr(data, skill) for skill in SKILLS}
    for skill, level in levels.items():
        if level and level not in CefrLevel.values:
            errors[skill] = _("Unknown level.")
    if not any(levels.values()):
        errors["listening"] = _("Rate at least one skill (listening, reading, speaking, writing).")
    if not data.source:
        errors["source"] = _("A level without a source is not recorded: say where it comes from.")
    elif data.source not in LevelSource.values:
        errors["source"] = _("Unknown source.")
    if data.assessed_on and data.assessed_on > timezone.localdate():
        errors["assessed_on"] = _("An assessment cannot lie in the future.")
    return errors


@atomic_service
def person_language_record(
    *,
    actor: User,
    person: Person,
    data: LanguageInput,
    replaces: PersonLanguage | None = None,
) -> PersonLanguage:
    """Record an assessment of the person's language skills (one source, one date). The
    current level of each skill is the newest assessment that rated it; `replaces` corrects an
    earlier assessment, which stays as history."""
    authorize(
        actor, Action.EDIT_PERSON, person, purpose=Purpose.PROFILE, categories=[Category.PROFILE]
    )
    errors = _language_errors(data)
    if errors:
        raise ValidationError(errors)
    if replaces is not None:
        if replaces.person_id != person.pk:
            raise ValidationError(_("This entry belongs to another person or kind."))
        if replaces.replaced_at is not None:
            raise ValidationError(_("This entry was replaced already; replace the current one."))
        if not _readable(actor, replaces, Category.PROFILE):
            raise ValidationError(_("This entry is not accessible to your office."))
    assert actor.office is not None  # authorized: a member of staff
    language = PersonLanguage.objects.create(
        person=person,
        language=data.language.strip().lower(),
        **{skill: getattr(data, skill) or "" for skill in SKILLS},
        source=data.source,
        assessed_on=data.assessed_on or timezone.localdate(),
        recorded_by=actor.office,
        recorded_by_user=actor,
    )
    audit_record(
        event_type=EventType.PROFILE_RECORDED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=language,
        person_id=person.pk,
        purpose=Purpose.PROFILE,
        categories=[Category.PROFILE],
        details={
            "kind": "language",
            "source": data.source,
            "replaces": [replaces.pk] if replaces else [],
        },
    )
    if replaces is not None:
        _mark_replaced(actor, [replaces], language, Category.PROFILE)
    return language


def may_record(actor: User, person: Person) -> bool:
    return bool(decide(actor, Action.EDIT_PERSON, person))


@atomic_service
def occupations_import(
    *, actor: User | None, kldb: Path, isco: Path, mapping: Path | None = None
) -> ImportReport:
    """Load the official classifications an operator provides (docs/profiles.md): every line
    is checked first, and a file with a bad line loads nothing (one transaction). Loading the
    same files again changes nothing."""
    kldb_rows = read_kldb(kldb)
    isco_rows = read_isco(isco)
    mapping_rows = None
    if mapping is not None:
        mapping_rows = read_mapping(
            mapping,
            kldb_codes={row.code for row in kldb_rows}
            | set(Occupation.objects.values_list("kldb_code", flat=True)),
            isco_codes={row.code for row in isco_rows},
        )
    report = load_occupations(django_apps, kldb=kldb_rows, isco=isco_rows, mapping=mapping_rows)
    audit_record(
        event_type=EventType.REFERENCE_DATA_LOADED,
        actor=actor,
        details={
            "occupations": True,
            "files": [Path(p).name for p in (kldb, isco, mapping) if p is not None],
            "created": report.created,
            "updated": report.updated,
        },
    )
    return report
