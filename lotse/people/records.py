"""From the registry's tables (or a registration form) to the matching engine's plain records.

A person with several names (spellings, aliases, the original script) becomes one record per
name; a comparison takes the best pair, and blocking keys are the union over all names.
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from lotse.identity.matching.records import BirthDate, Identifier, PersonRecord
from lotse.people.models import Person, Sex

if TYPE_CHECKING:
    from lotse.people.services import PersonInput

SEX_CODES: dict[str, str] = {Sex.FEMALE: "f", Sex.MALE: "m", Sex.DIVERSE: "x", Sex.UNKNOWN: ""}


def _family(family: str, chain: str) -> str:
    """The engine compares the chain of father's/grandfather's names with the family name."""
    return " ".join(part for part in (family, chain) if part)


def input_records(data: "PersonInput") -> list[PersonRecord]:
    """Records for a registration (a people.services.PersonInput) not yet saved."""
    from lotse.people.services import normalize_identifier

    street, postcode = (data.address.street, data.address.postcode) if data.address else ("", "")
    payload = {
        "sex": SEX_CODES.get(data.sex, ""),
        "birth": [data.birth_year, data.birth_month, data.birth_day, data.birth_date_placeholder],
        "nationality": (data.nationalities or [""])[0],
        "place": data.birth_place,
        "address": street,
        "postcode": postcode,
        "identifiers": [[i.type.upper(), normalize_identifier(i.value)] for i in data.identifiers],
        "names": [
            [name.given_names, _family(name.family_name, name.name_chain)] for name in data.names
        ],
    }
    return records_from_data("new", payload)


def record_payload(record: PersonRecord, *, address: str) -> dict:
    """The MatchRecord payload of one engine record (bulk loading of generated persons)."""
    birth = record.birth_date
    return {
        "sex": record.sex,
        "birth": [birth.year, birth.month, birth.day, birth.placeholder],
        "nationality": record.nationality,
        "place": record.birth_place,
        "address": address,
        "postcode": record.postcode,
        "identifiers": [[i.kind, i.value] for i in record.identifiers],
        "names": [[record.given_names, record.family_name]],
    }


def match_data(person: Person) -> dict:
    """The MatchRecord payload of a person (see people.models.MatchRecord)."""
    current = person.addresses.filter(valid_to__isnull=True).order_by("-valid_from").first()
    return {
        "sex": SEX_CODES.get(person.sex, ""),
        "birth": [
            person.birth_year,
            person.birth_month,
            person.birth_day,
            person.birth_date_placeholder,
        ],
        "nationality": next(iter(person.nationalities.values_list("country", flat=True)), ""),
        "place": person.birth_place,
        "address": current.street if current else "",
        "postcode": current.postcode if current else "",
        "identifiers": [
            [t.upper(), v] for t, v in person.identifiers.values_list("type", "normalized")
        ],
        "names": [
            [given, _family(family, chain)]
            for given, family, chain in person.names.values_list(
                "given_names", "family_name", "name_chain"
            )
        ],
    }


def records_from_data(pk: object, data: dict[str, Any]) -> list[PersonRecord]:
    year, month, day, placeholder = data["birth"]
    common = {
        "birth_date": BirthDate(year, month, day, placeholder),
        "sex": data["sex"],
        "nationality": data["nationality"],
        "birth_place": data["place"],
        "address": data["address"],
        "postcode": data["postcode"],
        "identifiers": tuple(Identifier(kind, value) for kind, value in data["identifiers"]),
    }
    return [
        PersonRecord(record_id=str(pk), given_names=given, family_name=family, **common)
        for given, family in data["names"]
    ]


def records_by_person(
    person_ids: Iterable[object] | None = None, *, progress: Callable[[int], object] | None = None
) -> dict[Any, list[PersonRecord]]:
    """person id → its records, from the MatchRecord index in one streaming query.

    `person_ids` None means every unmerged person (merged records have no MatchRecord);
    `progress(count)` is called every 20,000 persons.
    """
    from lotse.people.models import MatchRecord

    records = MatchRecord.objects.order_by()
    if person_ids is not None:
        records = records.filter(person_id__in=list(person_ids))
    rows = records.values_list("person_id", "data")
    # The whole registry streams in chunks; a few candidates come in one round trip (a
    # server-side cursor on PostgreSQL would cost three).
    stream = rows.iterator(chunk_size=20_000) if person_ids is None else rows
    result: dict[Any, list[PersonRecord]] = {}
    for count, (pk, data) in enumerate(stream, 1):
        result[pk] = records_from_data(pk, data)
        if progress is not None and count % 20_000 == 0:
            progress(count)
    return result
