"""Registering test persons the way the application does: through the services."""

from datetime import date

from lotse.cases.services import person_register
from lotse.people.models import Person, Sex
from lotse.people.services import AddressInput, IdentifierInput, NameInput, PersonInput


def person_input(
    family_name: str = "Al-Hassan",
    given_names: str = "Amal",
    *,
    original: tuple[str, str] | None = ("الحسن", "أمل"),
    birth: tuple[int | None, int | None, int | None] = (1990, 1, 1),
    placeholder: bool = True,
    nationality: str = "SYR",
    identifiers: tuple[tuple[str, str], ...] = (),
    sex: str = Sex.FEMALE,
    postcode: str = "72070",
) -> PersonInput:
    names = [NameInput(given_names=given_names, family_name=family_name, source="bamf")]
    if original:
        names.append(
            NameInput(
                family_name=original[0], given_names=original[1], script="Arab", source="bamf"
            )
        )
    year, month, day = birth
    return PersonInput(
        names=names,
        sex=sex,
        birth_year=year,
        birth_month=month,
        birth_day=day,
        birth_date_placeholder=placeholder,
        birth_place="Aleppo",
        birth_country=nationality,
        nationalities=[nationality],
        identifiers=[IdentifierInput(type=t, value=v) for t, v in identifiers],
        address=AddressInput(
            accommodation="vorlaeufig",
            valid_from=date(2015, 11, 20),
            street="Hauptstr. 1",
            postcode=postcode,
            city="Tübingen",
        ),
    )


def register(actor, **kwargs) -> Person:
    return person_register(actor=actor, data=person_input(**kwargs), candidates=[]).person
