"""Profile entries the way the application records them: through the services.

The occupations come with the database (the subset loaded by migration profiles.0002); tests
that need one outside it make it with `occupation()`."""

from typing import Any

from lotse.organisations.models import User
from lotse.people.models import Person, PersonLanguage
from lotse.profiles.models import EntryKind, EntrySource, Occupation, ProfileEntry
from lotse.profiles.services import LanguageInput, person_language_record, profile_entry_record

ELECTRICIAN = "26212"  # Berufe in der Bauelektrik – fachlich ausgerichtete Tätigkeiten
NURSE = "81302"


def occupation(code: str = ELECTRICIAN, **fields: Any) -> Occupation:
    found = Occupation.objects.filter(kldb_code=code).first()
    if found is not None:
        return found
    defaults = {"level": len(code), "title_de": f"Testberuf {code}"}
    defaults.update(fields)
    return Occupation.objects.create(kldb_code=code, **defaults)


DEFAULTS: dict[str, dict[str, Any]] = {
    EntryKind.SCHOOLING: {
        "years": 9,
        "country": "SYR",
        "highest_certificate": "lower_secondary",
        "latin_literacy": "partly",
    },
    EntryKind.TRAINING: {"years": 3, "country": "SYR", "completed": True},
    EntryKind.WORK: {"years": 5, "country": "SYR", "employer_type": "company"},
    EntryKind.QUALIFICATION: {
        "title": "Diplom Elektrotechnik",
        "country": "SYR",
        "recognition_status": "applied",
        "competent_body": "hwk",
    },
    EntryKind.DRIVING_LICENCE: {"classes": ["B"], "country": "SYR"},
    EntryKind.MOBILITY: {"max_distance_km": 30, "means": ["public", "bicycle"]},
    EntryKind.CHILDCARE: {"need": "needed", "details": "zwei Kinder, 3 und 5 Jahre"},
    EntryKind.HEALTH: {"description": "Kein schweres Heben", "work_capacity": "limited"},
}


def record_entry(
    actor: User,
    person: Person,
    kind: str = EntryKind.SCHOOLING,
    *,
    source: str = EntrySource.OWN_STATEMENT,
    replaces: ProfileEntry | None = None,
    **values: Any,
) -> ProfileEntry:
    data = dict(DEFAULTS[kind])
    if kind in (EntryKind.TRAINING, EntryKind.WORK):
        data["occupation"] = occupation()
    data.update(values)
    return profile_entry_record(
        actor=actor, person=person, kind=kind, source=source, values=data, replaces=replaces
    )


def record_language(
    actor: User, person: Person, replaces: PersonLanguage | None = None, **values: Any
) -> PersonLanguage:
    data: dict[str, Any] = {"language": "de", "listening": "A2", "speaking": "A2", "source": "self"}
    data.update(values)
    return person_language_record(
        actor=actor, person=person, data=LanguageInput(**data), replaces=replaces
    )
