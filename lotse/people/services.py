"""Writes to the shared identity core. Each writes its audit event in the same transaction and
refreshes the person's blocking keys for the duplicate check."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.identity.matching.blocking import blocking_keys
from lotse.identity.matching.features import prepare
from lotse.organisations.models import Office, User
from lotse.people.models import (
    AccommodationKind,
    IdentifierType,
    MatchKey,
    MatchRecord,
    NameKind,
    Person,
    PersonAddress,
    PersonIdentifier,
    PersonName,
    PersonNationality,
    Script,
    Sex,
    Source,
)
from lotse.people.records import match_data, records_from_data

_IDENTIFIER_NOISE = re.compile(r"[\s/\-.]")


def normalize_identifier(value: str) -> str:
    return _IDENTIFIER_NOISE.sub("", value).upper()


@dataclass(frozen=True)
class NameInput:
    given_names: str = ""
    family_name: str = ""
    name_chain: str = ""
    kind: str = NameKind.OFFICIAL
    script: str = Script.LATIN
    source: str = Source.SELF


@dataclass(frozen=True)
class IdentifierInput:
    type: str
    value: str
    issuer: str = ""


@dataclass(frozen=True)
class AddressInput:
    accommodation: str
    valid_from: date
    street: str = ""
    postcode: str = ""
    city: str = ""


@dataclass(frozen=True)
class PersonInput:
    names: list[NameInput]
    sex: str = Sex.UNKNOWN
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    birth_date_placeholder: bool = False
    birth_place: str = ""
    birth_country: str = ""
    nationalities: list[str] = field(default_factory=list)
    identifiers: list[IdentifierInput] = field(default_factory=list)
    phone: str = ""
    email: str = ""
    preferred_language: str = ""
    interpreter_needed: bool = False
    address: AddressInput | None = None
    arrived_unaccompanied: bool = False


def _birth_part_errors(data: PersonInput) -> dict:
    """A day needs a month, a month a year; months and days in their range (before the
    database's CHECK constraints see them)."""
    errors = {}
    if data.birth_day is not None and data.birth_month is None:
        errors["birth_day"] = _("A day of birth needs a month.")
    if data.birth_month is not None and data.birth_year is None:
        errors["birth_month"] = _("A month of birth needs a year.")
    if data.birth_month is not None and not 1 <= data.birth_month <= 12:
        errors["birth_month"] = _("The month of birth must lie between 1 and 12.")
    if data.birth_day is not None and not 1 <= data.birth_day <= 31:
        errors["birth_day"] = _("This date does not exist.")
    return errors


def _check_birth(data: PersonInput) -> None:
    errors = _birth_part_errors(data)
    if data.birth_year is not None and data.birth_month and data.birth_day and not errors:
        try:
            born = date(data.birth_year, data.birth_month, data.birth_day)
        except ValueError:
            errors["birth_day"] = _("This date does not exist.")
        else:
            if born > timezone.localdate():
                errors["birth_year"] = _("The date of birth lies in the future.")
    if data.birth_year is not None and not 1900 <= data.birth_year <= timezone.localdate().year:
        errors["birth_year"] = _("The year of birth must lie between 1900 and this year.")
    if data.birth_date_placeholder and (data.birth_month, data.birth_day) != (1, 1):
        errors["birth_date_placeholder"] = _("Only a 1 January date can be a placeholder.")
    if errors:
        raise ValidationError(errors)


def _check_names(names: list[NameInput]) -> None:
    if not any(
        n.given_names.strip() or n.family_name.strip() or n.name_chain.strip() for n in names
    ):
        raise ValidationError({"family_name": _("Enter at least one name.")})


def refresh_match_index(person: Person) -> None:
    """Rewrite the person's entries in the duplicate-check index (MatchRecord, MatchKey)."""
    if person.merged_into_id:
        MatchKey.objects.filter(person=person).delete()
        MatchRecord.objects.filter(person=person).delete()
        return
    data = match_data(person)
    MatchRecord.objects.update_or_create(person=person, defaults={"data": data})
    records = records_from_data(person.pk, data)
    keys = {key[:160] for record in records for key in blocking_keys(prepare(record))}
    MatchKey.objects.filter(person=person).exclude(key__in=keys).delete()
    existing = set(MatchKey.objects.filter(person=person).values_list("key", flat=True))
    MatchKey.objects.bulk_create([MatchKey(person=person, key=k) for k in keys - existing])


@atomic_service
def person_create(*, actor: User, data: PersonInput) -> Person:
    _check_names(data.names)
    _check_birth(data)
    office = actor.office
    person = Person.objects.create(
        sex=data.sex,
        birth_year=data.birth_year,
        birth_month=data.birth_month,
        birth_day=data.birth_day,
        birth_date_placeholder=data.birth_date_placeholder,
        birth_place=data.birth_place.strip(),
        birth_country=data.birth_country.upper(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        preferred_language=data.preferred_language,
        interpreter_needed=data.interpreter_needed,
        arrived_unaccompanied=data.arrived_unaccompanied,
        created_by_office=office,
    )
    for index, name in enumerate(data.names):
        _name_add(person, name, office, primary=index == 0)
    for country in dict.fromkeys(c.upper() for c in data.nationalities if c):
        PersonNationality.objects.create(
            person=person, country=country, source=Source.SELF, recorded_by=office
        )
    for identifier in data.identifiers:
        _identifier_add(person, identifier, office)
    if data.address is not None:
        _address_add(person, data.address, office)
    refresh_match_index(person)
    audit_record(
        event_type=EventType.PERSON_CREATED,
        actor=actor,
        obj=person,
        person_id=person.pk,
        categories=["identity"],
        purpose=Purpose.REGISTRATION,
    )
    return person


def _name_add(
    person: Person, name: NameInput, office: Office | None, *, primary: bool = False
) -> PersonName:
    return PersonName.objects.create(
        person=person,
        kind=name.kind,
        given_names=name.given_names.strip(),
        family_name=name.family_name.strip(),
        name_chain=name.name_chain.strip(),
        script=name.script,
        source=name.source,
        is_primary=primary,
        recorded_by=office,
    )


def _identifier_add(
    person: Person, identifier: IdentifierInput, office: Office | None
) -> PersonIdentifier:
    if identifier.type not in IdentifierType.values:
        raise ValidationError({"identifier": _("Unknown kind of identifier.")})
    normalized = normalize_identifier(identifier.value)
    if not normalized:
        raise ValidationError({"identifier": _("The number is empty.")})
    return PersonIdentifier.objects.create(
        person=person,
        type=identifier.type,
        value=identifier.value.strip(),
        normalized=normalized,
        issuer=identifier.issuer.strip(),
        recorded_by=office,
    )


def _address_add(person: Person, address: AddressInput, office: Office | None) -> PersonAddress:
    if address.accommodation not in AccommodationKind.values:
        raise ValidationError({"accommodation": _("Unknown kind of accommodation.")})
    # The new address ends the one before it.
    for previous in PersonAddress.objects.filter(
        person=person, valid_to__isnull=True, valid_from__lt=address.valid_from
    ):
        previous.valid_to = address.valid_from
        previous.save(update_fields=["valid_to", "updated_at"])
    return PersonAddress.objects.create(
        person=person,
        accommodation=address.accommodation,
        street=address.street.strip(),
        postcode=address.postcode.strip(),
        city=address.city.strip(),
        valid_from=address.valid_from,
        recorded_by=office,
    )


def _changed(actor: User, person: Person, what: str) -> None:
    audit_record(
        event_type=EventType.PERSON_CHANGED,
        actor=actor,
        obj=person,
        person_id=person.pk,
        categories=["identity"],
        details={"changed": what},
    )


@atomic_service
def person_name_add(*, actor: User, person: Person, name: NameInput) -> PersonName:
    authorize(actor, Action.EDIT_PERSON, person)
    _check_names([name])
    created = _name_add(person, name, actor.office)
    refresh_match_index(person)
    _changed(actor, person, "name")
    return created


@atomic_service
def person_identifier_add(
    *, actor: User, person: Person, identifier: IdentifierInput
) -> PersonIdentifier:
    authorize(actor, Action.EDIT_PERSON, person)
    created = _identifier_add(person, identifier, actor.office)
    refresh_match_index(person)
    _changed(actor, person, "identifier")
    return created


ARRIVAL_REASON_LENGTH = 200


@atomic_service
def person_arrival_record(
    *, actor: User, person: Person, arrived_unaccompanied: bool, reason: str
) -> Person:
    """Record (or correct) whether the person came to Germany as an unaccompanied minor, e.g.
    when the Jugendamt takes them into care. The earlier value stays in the person's history; the
    reason is kept in the audit trail."""
    authorize(actor, Action.EDIT_PERSON, person)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why (e.g. the Inobhutnahme or a correction).")})
    if len(reason) > ARRIVAL_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _("At most %(limit)s characters (%(count)s typed).")
                % {"limit": ARRIVAL_REASON_LENGTH, "count": len(reason)}
            }
        )
    if person.arrived_unaccompanied == arrived_unaccompanied:
        raise ValidationError({"arrived_unaccompanied": _("This is already recorded.")})
    person.arrived_unaccompanied = arrived_unaccompanied
    person.save(update_fields=["arrived_unaccompanied", "updated_at"])
    audit_record(
        event_type=EventType.PERSON_CHANGED,
        actor=actor,
        obj=person,
        person_id=person.pk,
        categories=["identity"],
        details={
            "changed": "arrived_unaccompanied",
            "value": arrived_unaccompanied,
            "reason": reason,
        },
    )
    return person


@atomic_service
def person_enrich(*, actor: User, person: Person, data: PersonInput) -> list[str]:
    """Add the names and identifiers of `data` that `person` does not have yet (as further
    spellings, with their source). Returns what was added."""
    authorize(actor, Action.EDIT_PERSON, person)
    added = []
    known_names = {
        (n.given_names.casefold(), n.family_name.casefold(), n.script) for n in person.names.all()
    }
    for name in data.names:
        key = (
            name.given_names.strip().casefold(),
            name.family_name.strip().casefold(),
            name.script,
        )
        if key in known_names or not (name.given_names.strip() or name.family_name.strip()):
            continue
        variant = NameInput(
            given_names=name.given_names,
            family_name=name.family_name,
            name_chain=name.name_chain,
            kind=NameKind.VARIANT,
            script=name.script,
            source=name.source,
        )
        _name_add(person, variant, actor.office)
        added.append("name")
    known_ids = {(i.type, i.normalized) for i in person.identifiers.all()}
    for identifier in data.identifiers:
        if (identifier.type, normalize_identifier(identifier.value)) not in known_ids:
            _identifier_add(person, identifier, actor.office)
            added.append("identifier")
    if added:
        refresh_match_index(person)
        _changed(actor, person, ", ".join(sorted(set(added))))
    return added
