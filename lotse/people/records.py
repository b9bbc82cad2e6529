"""From the registry's tables (or a registration form) to the matching engine's plain records.

A person with several names (spellings, aliases, the original script) becomes one record per
name; a comparison takes the best pair, and blocking keys are the union over all names.
"""

from lotse.identity.matching.records import BirthDate, Identifier, PersonRecord
from lotse.people.models import Person, Sex

SEX_CODES = {Sex.FEMALE: "f", Sex.MALE: "m", Sex.DIVERSE: "x", Sex.UNKNOWN: ""}


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
            sex=SEX_CODES.get(sex, ""),
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


def _grouped(queryset, *fields) -> dict:
    grouped: dict = {}
    for row in queryset.values_list("person_id", *fields).iterator(chunk_size=20_000):
        grouped.setdefault(row[0], []).append(row[1:])
    return grouped


def records_by_person(person_ids=None, *, progress=None) -> dict:
    """person id → its records, built from a handful of queries (never one per person).

    `person_ids` None means every unmerged person (the batch search); `progress(count)` is
    called every 20,000 persons.
    """
    from lotse.people.models import PersonAddress, PersonIdentifier, PersonName, PersonNationality

    persons = Person.objects.filter(merged_into__isnull=True)
    scope = {}
    if person_ids is not None:
        person_ids = list(person_ids)
        persons = persons.filter(pk__in=person_ids)
        scope = {"person_id__in": person_ids}
    names = _grouped(PersonName.objects.filter(**scope), "given_names", "family_name", "name_chain")
    nationalities = _grouped(PersonNationality.objects.filter(**scope), "country")
    addresses = _grouped(
        PersonAddress.objects.filter(valid_to__isnull=True, **scope), "street", "postcode"
    )
    identifiers = _grouped(PersonIdentifier.objects.filter(**scope), "type", "normalized")
    rows = persons.values_list(
        "id",
        "sex",
        "birth_year",
        "birth_month",
        "birth_day",
        "birth_date_placeholder",
        "birth_place",
    )
    result = {}
    for count, (pk, sex, year, month, day, placeholder, place) in enumerate(
        rows.iterator(chunk_size=20_000), 1
    ):
        street, postcode = (addresses.get(pk) or [("", "")])[0]
        result[pk] = [
            PersonRecord(
                record_id=str(pk),
                given_names=given,
                family_name=" ".join(p for p in (family, chain) if p),
                birth_date=BirthDate(year, month, day, placeholder),
                sex=SEX_CODES.get(sex, ""),
                nationality=(nationalities.get(pk) or [("",)])[0][0],
                birth_place=place,
                address=street,
                postcode=postcode,
                identifiers=tuple(Identifier(t.upper(), v) for t, v in identifiers.get(pk, [])),
            )
            for given, family, chain in names.get(pk, [])
        ]
        if progress is not None and count % 20_000 == 0:
            progress(count)
    return result
