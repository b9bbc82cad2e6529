"""The profile in the JSON API: read a person's profile, record entries of each kind and
language assessments, search the occupations — on the same services, selectors and policy as
the pages (lotse/profiles)."""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.schemas import BODY_ERRORS, _storable, errors
from lotse.audit.vocabulary import Purpose
from lotse.people.selectors import person_get
from lotse.profiles.models import EntryKind, Occupation
from lotse.profiles.selectors import (
    occupation_search,
    occupations_by_code,
    person_language_get,
    profile_entry_get,
    profile_get,
)
from lotse.profiles.services import (
    KIND_FIELDS,
    LanguageInput,
    person_language_record,
    profile_entry_record,
)

router = Router(tags=["profiles"])

# Text inputs with their lengths, written out so that the type checker reads them (as Text()).
Text6 = Annotated[str, Field(max_length=6), AfterValidator(_storable)]
Text8 = Annotated[str, Field(max_length=8), AfterValidator(_storable)]
Text10 = Annotated[str, Field(max_length=10), AfterValidator(_storable)]
Text20 = Annotated[str, Field(max_length=20), AfterValidator(_storable)]
Text100 = Annotated[str, Field(max_length=100), AfterValidator(_storable)]
OCCUPATION_FIELDS = ("occupation", "reference_occupation")


class OccupationOut(Schema):
    kldb_code: str
    level: int
    title_de: str
    title_en: str
    isco_code: str


def _values(entry: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in KIND_FIELDS[entry.kind]:
        value = getattr(entry, name)
        if isinstance(value, Occupation):
            value = value.kldb_code
        elif isinstance(value, date):
            value = value.isoformat()
        elif value is not None and not isinstance(value, str | int | bool | list):
            value = str(value)
        values[name] = value
    return values


class EntryOut(Schema):
    id: int
    kind: str
    source: str
    recorded_by: str  # office code
    recorded_at: datetime
    replaced_at: datetime | None
    values: dict[str, Any]

    @staticmethod
    def resolve_recorded_by(obj) -> str:
        return obj.recorded_by.code

    @staticmethod
    def resolve_recorded_at(obj) -> datetime:
        return obj.created_at

    @staticmethod
    def resolve_values(obj) -> dict[str, Any]:
        return _values(obj)


class CurrentEntryOut(Schema):
    entry: EntryOut
    history: list[EntryOut]


class LevelOut(Schema):
    level: str
    source: str
    assessed_on: date | None
    recorded_by: str


class AssessmentOut(Schema):
    id: int
    language: str
    listening: str
    reading: str
    speaking: str
    writing: str
    source: str
    assessed_on: date | None
    recorded_by: str
    replaced_at: datetime | None

    @staticmethod
    def resolve_recorded_by(obj) -> str:
        return obj.recorded_by.code


class LanguageOut(Schema):
    language: str
    levels: dict[str, LevelOut]
    assessments: list[AssessmentOut]


class HiddenOut(Schema):
    office: str
    category: str


class ProfileOut(Schema):
    person: UUID
    entries: dict[str, list[CurrentEntryOut]]
    languages: list[LanguageOut]
    not_accessible: list[HiddenOut]


class EntryIn(Schema):
    kind: Text20
    source: Text20
    values: dict[str, Any] = {}
    replaces: int | None = None


class LanguageIn(Schema):
    language: Text8
    source: Text10
    listening: Text6 = ""
    reading: Text6 = ""
    speaking: Text6 = ""
    writing: Text6 = ""
    assessed_on: date | None = None
    replaces: int | None = None


@router.get("/persons/{person_id}/profile", response={200: ProfileOut, **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def profile(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PROFILE)
    found = profile_get(actor=request.user, person=person)
    return {
        "person": person.pk,
        "entries": {
            kind: [
                {"entry": view.entry, "history": list(view.history)}
                for view in found.sections[kind]
            ]
            for kind in EntryKind.values
        },
        "languages": [
            {
                "language": view.language,
                "levels": {
                    skill: {
                        "level": level.level,
                        "source": level.source,
                        "assessed_on": level.assessed_on,
                        "recorded_by": level.office.code,
                    }
                    for skill, level in view.levels.items()
                },
                "assessments": list(view.assessments),
            }
            for view in found.languages
        ],
        "not_accessible": [
            {"office": hidden.office.code, "category": hidden.category} for hidden in found.hidden
        ],
    }


def _resolved(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """The fields of `kind` from the body, occupations by their KldB code; unknown fields and
    codes are refused with the field's name."""
    unknown = set(values) - set(KIND_FIELDS.get(kind, ()))
    if kind in KIND_FIELDS and unknown:
        raise ValidationError({name: "Unknown field for this kind of entry." for name in unknown})
    resolved = dict(values)
    codes = {str(values[name]) for name in OCCUPATION_FIELDS if values.get(name)}
    found = occupations_by_code(codes)
    for name in OCCUPATION_FIELDS:
        if values.get(name):
            occupation = found.get(str(values[name]))
            if occupation is None:
                raise ValidationError({name: "Unknown KldB 2010 code."})
            resolved[name] = occupation
    for name in ("applied_on", "decided_on"):
        if isinstance(resolved.get(name), str):
            try:
                resolved[name] = date.fromisoformat(resolved[name])
            except ValueError:
                raise ValidationError({name: "A date as YYYY-MM-DD."}) from None
    return resolved


@router.post(
    "/persons/{person_id}/profile/entries",
    response={201: EntryOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def profile_entry_create(request, person_id: UUID, payload: EntryIn):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PROFILE, edit=True)
    replaces = (
        profile_entry_get(actor=request.user, person=person, entry_id=payload.replaces)
        if payload.replaces
        else None
    )
    entry = profile_entry_record(
        actor=request.user,
        person=person,
        kind=payload.kind,
        source=payload.source,
        values=_resolved(payload.kind, payload.values),
        replaces=replaces,
    )
    return Status(201, entry)


@router.post(
    "/persons/{person_id}/profile/languages",
    response={201: AssessmentOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def profile_language_create(request, person_id: UUID, payload: LanguageIn):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PROFILE, edit=True)
    replaces = (
        person_language_get(actor=request.user, person=person, language_id=payload.replaces)
        if payload.replaces
        else None
    )
    fields = payload.dict()
    fields.pop("replaces")
    language = person_language_record(
        actor=request.user, person=person, data=LanguageInput(**fields), replaces=replaces
    )
    return Status(201, language)


@router.get("/occupations", response={200: list[OccupationOut], **errors()})
@requires(Action.VIEW_DIRECTORY)
def occupations(request, q: Text100 = "", limit: int = 20):
    """Occupations whose German title or job titles contain every word of `q`, with their
    KldB 2010 and ISCO-08 codes."""
    return occupation_search(query=q, limit=limit)
