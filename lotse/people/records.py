"""From the registry's tables (or a registration form) to the matching engine's plain records.

A person with several names (spellings, aliases, the original script) becomes one record per
name; a comparison takes the best pair, and blocking keys are the union over all names.
"""

from lotse.identity.matching.records import BirthDate, Identifier, PersonRecord
from lotse.people.models import Person, Sex

_SEX = {Sex.FEMALE: "f", Sex.MALE: "m", Sex.DIVERSE: "x", Sex.UNKNOWN: ""}


def _records(
    record_id: str,
    names,
    *,
    birth: BirthDate,
    sex: str,
    nationality: str,
    birth_place: str,
    address: tuple[str, str],
    identifiers,
) -> list[PersonRecord]:
    street, postcode = address
    records = [
        PersonRecord(
            record_id=record_id,
            given_names=name.given_names,
            family_name=" ".join(p for p in (name.family_name, name.name_chain) if p),
            birth_date=birth,
            sex=_SEX.get(sex, ""),
            nationality=nationality,
            birth_place=birth_place,
            address=street,
            postcode=postcode,
            identifiers=identifiers,
        )
        for name in names
    ]
    return records


def person_records(person: Person) -> list[PersonRecord]:
    birth = BirthDate(
        person.birth_year, person.birth_month, person.birth_day, person.birth_date_placeholder
    )
    nationality = next(iter(n.country for n in person.nationalities.all()), "")
    current = next(iter(person.addresses.all()), None)
    address = (current.street, current.postcode) if current else ("", "")
    identifiers = tuple(Identifier(i.type.upper(), i.normalized) for i in person.identifiers.all())
    return _records(
        str(person.pk),
        list(person.names.all()),
        birth=birth,
        sex=person.sex,
        nationality=nationality,
        birth_place=person.birth_place,
        address=address,
        identifiers=identifiers,
    )


def input_records(data) -> list[PersonRecord]:
    """Records for a registration (a people.services.PersonInput) not yet saved."""
    from lotse.people.services import normalize_identifier

    birth = BirthDate(
        data.birth_year, data.birth_month, data.birth_day, data.birth_date_placeholder
    )
    address = (data.address.street, data.address.postcode) if data.address else ("", "")
    identifiers = tuple(
        Identifier(i.type.upper(), normalize_identifier(i.value)) for i in data.identifiers
    )
    return _records(
        "new",
        data.names,
        birth=birth,
        sex=data.sex,
        nationality=(data.nationalities or [""])[0],
        birth_place=data.birth_place,
        address=address,
        identifiers=identifiers,
    )
