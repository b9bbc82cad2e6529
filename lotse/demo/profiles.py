"""The demo profiles: what the Agentur für Arbeit Balingen-Reutlingen recorded about Amal
Al-Hassan and her husband during the asylum procedure (early intervention), so that the Jobcenter
Tübingen sees it after the switch and the Integrationsmanagement with her consent
(docs/profiles.md). Through the services, as the Agentur's caseworker; once."""

from datetime import date

from django.db import transaction

from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.profiles.models import EntryKind, Occupation, ProfileEntry
from lotse.profiles.services import LanguageInput, person_language_record, profile_entry_record


def _person(family_name: str, given_names: str) -> Person | None:
    return Person.objects.filter(
        names__family_name=family_name, names__given_names=given_names
    ).first()


@transaction.atomic
def demo_profiles_seed() -> int:
    """Record the demo profiles once; running it again adds nothing. Returns the entries made."""
    amal = _person("Al-Hassan", "Amal")
    agentur = User.objects.filter(username="aa-rt-sb").first()
    if amal is None or agentur is None or ProfileEntry.objects.filter(person=amal).exists():
        return 0
    made = 0

    def entry(person: Person, kind: str, source: str, **values: object) -> None:
        nonlocal made
        profile_entry_record(actor=agentur, person=person, kind=kind, source=source, values=values)
        made += 1

    entry(
        amal,
        EntryKind.SCHOOLING,
        "document",
        years=12,
        country="SYR",
        highest_certificate="upper_secondary",
        latin_literacy="partly",
    )
    entry(
        amal,
        EntryKind.QUALIFICATION,
        "document",
        title="Pharmazeutisch-technische Assistentin (Institut in Aleppo)",
        country="SYR",
        reference_occupation=Occupation.objects.get(kldb_code="818"),
        recognition_status="applied",
        competent_body="rp",
        applied_on=date(2026, 9, 15),
    )
    entry(
        amal,
        EntryKind.WORK,
        "own_statement",
        occupation=Occupation.objects.get(kldb_code="818"),
        description="Apotheke in Aleppo",
        years=6,
        country="SYR",
        employer_type="company",
    )
    entry(amal, EntryKind.MOBILITY, "own_statement", max_distance_km=25, means=["public"])
    entry(amal, EntryKind.CHILDCARE, "own_statement", need="needed", details="zwei Kinder")
    levels: dict[str, str]
    for language, levels, source in (
        (
            "ar",
            {"listening": "native", "reading": "native", "speaking": "native", "writing": "native"},
            "self",
        ),
        ("de", {"listening": "A2", "reading": "A2", "speaking": "A1", "writing": "A1"}, "assessed"),
    ):
        person_language_record(
            actor=agentur,
            person=amal,
            data=LanguageInput(
                language=language,
                source=source,
                listening=levels["listening"],
                reading=levels["reading"],
                speaking=levels["speaking"],
                writing=levels["writing"],
            ),
        )
        made += 1
    husband = _person("Al-Hassan", "Yusuf")
    if husband is not None:
        entry(
            husband,
            EntryKind.WORK,
            "own_statement",
            occupation=Occupation.objects.get(kldb_code="26212"),
            description="Elektriker auf Baustellen",
            years=6,
            country="SYR",
            employer_type="self_employed",
        )
        entry(husband, EntryKind.DRIVING_LICENCE, "document", classes=["B"], country="SYR")
    return made
