"""The persons of the demo region (shared/domain/user-journeys.md), registered through the
same services a caseworker uses, plus generated households with planted duplicates.

- Amal Al-Hassan (born 1990 in Aleppo, 01.01. placeholder), her husband and two children (one
  Bedarfsgemeinschaft):
  Sozialamt Tübingen; the Integrationsmanagement Tübingen knows her as "Amel Alhasan" and linked
  the same record after the duplicate check.
- an Afghan man whose procedure is pending (Ausländerbehörde Reutlingen), registered a second
  time by the Sozialamt Reutlingen before lotse: a duplicate for the review queue;
- a Nigerian woman with a Duldung (Sozialamt Ludwigsburg);
- a Ukrainian family under § 24 AufenthG (Jobcenter Ortenaukreis);
- an unaccompanied minor from Eritrea (Ausländerbehörde Tübingen).
"""

from datetime import date

from django.db import transaction

from lotse.cases.services import case_open, person_register
from lotse.demo.registry_load import load_rows
from lotse.identity.generate import Generator
from lotse.organisations.models import Office, User
from lotse.people.households import MemberInput, household_create
from lotse.people.models import HouseholdRole, Person, PersonRelation
from lotse.people.services import (
    AddressInput,
    IdentifierInput,
    NameInput,
    PersonInput,
    person_enrich,
)

GENERATED_PERSONS = 400


def _input(
    given,
    family,
    *,
    original=None,
    script="Arab",
    sex="f",
    birth=(None, None, None),
    placeholder=False,
    place="",
    country="",
    identifiers=(),
    address=None,
    language="",
    unaccompanied=False,
):
    names = [NameInput(given_names=given, family_name=family, source="bamf")]
    if original:
        names.append(
            NameInput(
                given_names=original[0], family_name=original[1], script=script, source="bamf"
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
        birth_place=place,
        birth_country=country,
        nationalities=[country] if country else [],
        identifiers=[IdentifierInput(type=t, value=v) for t, v in identifiers],
        address=address,
        preferred_language=language,
        interpreter_needed=bool(language),
        arrived_unaccompanied=unaccompanied,
    )


def _register(username: str, data: PersonInput) -> Person:
    return person_register(
        actor=User.objects.get(username=username), data=data, candidates=[]
    ).person


def _family(members: list[Person], recorded_by: Office) -> None:
    parent, spouse, *children = members
    PersonRelation.objects.create(
        person=parent, relative=spouse, kind="spouse", recorded_by=recorded_by
    )
    for child in children:
        for adult in (parent, spouse):
            PersonRelation.objects.create(
                person=adult, relative=child, kind="parent", recorded_by=recorded_by
            )


def _amal_family() -> None:
    home = AddressInput(
        accommodation="vorlaeufig",
        valid_from=date(2015, 11, 20),
        street="Hechinger Straße 12",
        postcode="72072",
        city="Tübingen",
    )
    sb = "tue-sozialamt-sb"
    amal = _register(
        sb,
        _input(
            "Amal",
            "Al-Hassan",
            original=("أمل", "الحسن"),
            birth=(1990, 1, 1),
            placeholder=True,
            place="Aleppo",
            country="SYR",
            address=home,
            identifiers=[("azr", "150123456789"), ("bamf", "6123456-475")],
            language="ar",
        ),
    )
    husband = _register(
        sb,
        _input(
            "Yusuf",
            "Al-Hassan",
            original=("يوسف", "الحسن"),
            sex="m",
            birth=(1986, 3, 14),
            place="Aleppo",
            country="SYR",
            address=home,
            identifiers=[("azr", "150123456790")],
            language="ar",
        ),
    )
    children = [
        _register(
            sb,
            _input(
                given,
                "Al-Hassan",
                original=(arabic, "الحسن"),
                sex=sex,
                birth=birth,
                place="Aleppo",
                country="SYR",
                address=home,
            ),
        )
        for given, arabic, sex, birth in [
            ("Lina", "لينا", "f", (2011, 6, 2)),
            ("Omar", "عمر", "m", (2014, 9, 23)),
        ]
    ]
    _family([amal, husband, *children], Office.objects.get(code="sozialamt-tubingen-08416"))
    household_create(
        actor=User.objects.get(username=sb),
        members=[
            MemberInput(person=amal, role=HouseholdRole.APPLICANT),
            MemberInput(person=husband, role=HouseholdRole.PARTNER),
            *(MemberInput(person=child, role=HouseholdRole.CHILD) for child in children),
        ],
        valid_from=home.valid_from,
    )
    # The Integrationsmanagement met her as "Amel Alhasan" and confirmed the same record.
    im = User.objects.get(username="tue-im-sb")
    case_open(actor=im, person=amal, reason="registration: confirmed same person")
    person_enrich(
        actor=im,
        person=amal,
        data=_input("Amel", "Alhasan", birth=(1990, None, None), country="SYR"),
    )
    aa = User.objects.get(username="aa-rt-sb")
    for person in (amal, husband):
        case_open(actor=aa, person=person, reason="early profiling (§ 39a SGB III)")


def _others() -> None:
    rahimi = _input(
        "Mohammad",
        "Rahimi",
        original=("محمد", "رحیمی"),
        sex="m",
        birth=(1994, 1, 1),
        placeholder=True,
        place="Herat",
        country="AFG",
        address=AddressInput(
            accommodation="vorlaeufig",
            valid_from=date(2016, 2, 1),
            street="Alteburgstraße 150",
            postcode="72762",
            city="Reutlingen",
        ),
        language="prs",
    )
    _register("rt-abh-sb", rahimi)
    # Before lotse, the Sozialamt Reutlingen had registered him as "Mohamad Rahimy, 1994".
    _register(
        "rt-sozialamt-sb",
        _input("Mohamad", "Rahimy", sex="m", birth=(1994, None, None), country="AFG"),
    )
    case_open(
        actor=User.objects.get(username="rt-sozialamt-sb"),
        person=_person("Rahimi"),
        reason="AsylbLG",
    )
    _register(
        "lb-sozialamt-sb",
        _input(
            "Blessing",
            "Okafor",
            sex="f",
            birth=(1992, 7, 9),
            place="Benin City",
            country="NGA",
            address=AddressInput(
                accommodation="anschluss",
                valid_from=date(2020, 6, 1),
                street="Schorndorfer Straße 12",
                postcode="71638",
                city="Ludwigsburg",
            ),
        ),
    )
    kyiv = AddressInput(
        accommodation="private",
        valid_from=date(2022, 4, 1),
        street="Hauptstraße 40",
        postcode="77652",
        city="Offenburg",
    )
    _register(
        "og-jc-sb",
        _input(
            "Olena",
            "Kovalenko",
            original=("Олена", "Коваленко"),
            script="Cyrl",
            birth=(1988, 5, 17),
            place="Kyiv",
            country="UKR",
            address=kyiv,
            language="uk",
        ),
    )
    _register(
        "tue-abh-sb",
        _input(
            "Filmon",
            "Tesfay",
            original=("ፊልሞን", "ተስፋይ"),
            script="Ethi",
            sex="m",
            birth=(2010, 1, 1),  # a minor in 2026: 16, the year alone known (BAMF's 1 January)
            placeholder=True,
            place="Asmara",
            country="ERI",
            language="ti",
            unaccompanied=True,
        ),
    )


def _person(family_name: str) -> Person:
    return Person.objects.filter(names__family_name=family_name).first()


@transaction.atomic
def demo_persons_seed() -> int:
    """Register the demo persons once; running it again adds nothing."""
    if _person("Al-Hassan") is not None:
        return 0
    _amal_family()
    _others()
    office = Office.objects.get(code="sozialamt-tubingen-08416")
    return 11 + load_rows(
        Generator(seed=2015, duplicates=0.15).rows(GENERATED_PERSONS), office=office
    )
