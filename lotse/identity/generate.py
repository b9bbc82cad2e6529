"""A generated population of refugee households, with planted duplicates, for the demo, the
tests and the benchmarks. Deterministic for a seed; streams, so a million rows fit anywhere.

A duplicate is the same person registered again at another office: the name transliterated
another way or written in the original script, given and family name swapped, parts joined or
split, a typing error, the birth date as 01.01. or without the day, another address. The column
`true_person_id` says who is who; `household_id` is extra and ignored by `match_persons`.

The hard negatives are there as in a real registry: siblings share family name, parents,
address and often the place of birth, and differ in given name and birth date; twins share the
birth date as well; namesakes share a common full name and often the birth year (the name lists
are small) but not parents, place of birth or address. Parents' given names are in about half
the rows (files from the asylum procedure carry them, others do not).
"""

import csv
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lotse.identity.csvio import COLUMNS
from lotse.identity.population import COUNTRIES, STREETS, TOWNS, Country, Name

TRUTH_COLUMNS = ("true_person_id", "household_id")
CHUNK = 5_000  # rows shuffled together, so that duplicates do not sit next to their original

# Spelling changes that clerks make when they write a name from hearing or from another
# script; independent of the engine's own tables, so that the tests are not circular.
_MUTATIONS = [
    ("ou", "u"), ("u", "ou"), ("oo", "u"), ("ee", "i"), ("ei", "ai"), ("ai", "ei"),
    ("a", "e"), ("e", "a"), ("i", "e"), ("mm", "m"), ("ss", "s"), ("s", "ss"), ("kh", "ch"),
    ("kh", "h"), ("sh", "sch"), ("j", "dsch"), ("j", "y"), ("y", "j"), ("y", "i"), ("q", "k"),
    ("w", "v"), ("v", "w"), ("dh", "d"), ("th", "t"), ("ah", "a"), ("a", "ah"), ("e", "eh"),
    ("ie", "i"), ("Al-", "Al "), ("Al-", "El-"), ("Al-", ""), ("Al-", "Al"), ("Abdul", "Abdel"),
    ("Abdul", "Abd al-"), ("ü", "ue"), ("ü", "u"), ("ö", "oe"), ("ş", "s"), ("ı", "i"),
    ("ç", "c"), ("ll", "l"), ("dd", "d"), ("bb", "b"), ("tt", "t"), ("c", "k"),
]  # fmt: skip
_LETTERS = "abcdefghijklmnoprstuvwyz"


@dataclass
class Person:
    person_id: str
    household_id: str
    country: Country
    sex: str
    given: list[Name]
    family: list[Name]
    birth: tuple[int, int, int]  # the true date
    placeholder: bool  # recorded as 01.01. of the year
    place: Name | None
    address: tuple[str, str]  # (street and number, postcode + town)
    identifiers: list[str] = field(default_factory=list)
    father: Name | None = None  # the parents' given names
    mother: Name | None = None


class Generator:
    def __init__(self, seed: int = 1, duplicates: float = 0.2):
        if not 0 <= duplicates < 1:
            raise ValueError("duplicates is the share of rows that are duplicates, 0 ≤ rate < 1")
        self.random = random.Random(seed)
        self.duplicates = duplicates
        self._persons = 0
        self._households = 0
        self._weights = [country.share for country in COUNTRIES]

    # --- persons and households ------------------------------------------------------------------
    def _address(self) -> tuple[str, str]:
        postcode, town = self.random.choice(TOWNS)
        return f"{self.random.choice(STREETS)} {self.random.randint(1, 120)}", f"{postcode} {town}"

    def _birth(self, first_year: int, last_year: int) -> tuple[int, int, int]:
        return (
            self.random.randint(first_year, last_year),
            self.random.randint(1, 12),
            self.random.randint(1, 28),
        )

    def _identifiers(self, adult: bool) -> list[str]:
        rnd = self.random
        found = []
        if rnd.random() < 0.5:
            found.append(f"AZR:{rnd.randrange(10**11, 10**12)}")
        if rnd.random() < 0.25:
            found.append(f"BAMF:{rnd.randrange(10**6, 10**7)}-{rnd.randint(100, 499)}")
        if adult and rnd.random() < 0.2:
            found.append(f"BA:{rnd.randint(100, 999)}D{rnd.randrange(10**5, 10**6)}")
        return found

    def _person(self, household: str, country: Country, sex: str, family: list[Name],
                years: tuple[int, int], address: tuple[str, str],
                parents: tuple[Name, Name] | None = None,
                taken: frozenset[Name] = frozenset()) -> Person:  # fmt: skip
        self._persons += 1
        names = country.male if sex == "m" else country.female
        father, mother = parents or (
            self.random.choice(country.male),
            self.random.choice(country.female),
        )
        # Parents do not give two children one name: siblings' first given names differ.
        choices = [name for name in names if name not in taken] or list(names)
        given = [self.random.choice(choices)]
        if self.random.random() < 0.08:  # the father's name, as many Arabic files carry it
            given.append(self.random.choice(country.male))
        return Person(
            person_id=f"P{self._persons:07d}",
            household_id=household,
            country=country,
            sex=sex,
            given=given,
            family=family,
            birth=self._birth(*years),
            placeholder=self.random.random() < country.placeholder_rate,
            place=self.random.choice(country.places) if self.random.random() < 0.7 else None,
            address=address,
            identifiers=self._identifiers(years[0] < 2004),
            father=father,
            mother=mother,
        )

    def household(self) -> list[Person]:
        rnd = self.random
        self._households += 1
        household = f"H{self._households:07d}"
        country = rnd.choices(COUNTRIES, self._weights)[0]
        family = [rnd.choice(country.family)]
        address = self._address()
        head_sex = "m" if rnd.random() < 0.65 else "f"
        head = self._person(household, country, head_sex, family, (1960, 2003), address)
        members = [head]
        size = rnd.choice((1, 1, 1, 1, 2, 2, 3, 4, 5, 6))
        if size > 1 and rnd.random() < 0.7:
            spouse_family = (
                family
                if country.code in {"UKR", "TUR", "GEO", "NGA"}
                else [rnd.choice(country.family)]
            )
            spouse_sex = "f" if head_sex == "m" else "m"
            members.append(self._person(household, country, spouse_sex, spouse_family,
                                        (1960, 2003), address))  # fmt: skip
        father = head if head_sex == "m" else None
        child_family = [father.given[0]] if country.family_is_fathers_name and father else family
        parents = self._parents(country, members)
        children: list[Person] = []
        while len(members) < size:
            sex = rnd.choice("mf")
            taken = frozenset(member.given[0] for member in members)
            child = self._person(household, country, sex, child_family, (2004, 2022), address,
                                 parents, taken)  # fmt: skip
            if children and rnd.random() < 0.6:
                child.place = children[0].place  # siblings born in one place
            if children and rnd.random() < 0.1:
                child.birth = children[-1].birth  # twins: another given name, same date
                child.placeholder = children[-1].placeholder
                child.place = children[-1].place
            children.append(child)
            members.append(child)
        return members

    def _parents(self, country: Country, members: list[Person]) -> tuple[Name, Name]:
        """The children's parents: the head and the spouse where they are there."""
        father = next((m.given[0] for m in members if m.sex == "m"), None)
        mother = next((m.given[0] for m in members if m.sex == "f"), None)
        return (
            father or self.random.choice(country.male),
            mother or self.random.choice(country.female),
        )

    # --- rendering one registration --------------------------------------------------------------
    def _mutate(self, text: str) -> str:
        for _ in range(3):
            old, new = self.random.choice(_MUTATIONS)
            positions = [m.start() for m in re.finditer(re.escape(old), text, re.IGNORECASE)]
            if positions:
                at = self.random.choice(positions)
                changed = text[:at] + new + text[at + len(old) :]
                if changed.strip():
                    return changed
        return text

    def _typo(self, text: str) -> str:
        rnd = self.random
        if len(text) < 4 or not text.isascii():
            return text  # original script: typos there are not modelled
        at = rnd.randint(1, len(text) - 2)
        kind = rnd.choice(("delete", "replace", "swap", "insert"))
        if kind == "delete":
            return text[:at] + text[at + 1 :]
        if kind == "replace":
            return text[:at] + rnd.choice(_LETTERS) + text[at + 1 :]
        if kind == "swap":
            return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
        return text[:at] + rnd.choice(_LETTERS) + text[at:]

    def _spell(self, name: Name, variation: float, script: bool) -> str:
        rnd = self.random
        if script and name.script:
            return name.script
        spelling = name.spellings[0]
        if rnd.random() < variation and len(name.spellings) > 1:
            spelling = rnd.choice(name.spellings[1:])
        if rnd.random() < variation * 0.6:
            spelling = self._mutate(spelling)
        return spelling

    def _render_names(self, person: Person, variation: float) -> tuple[str, str]:
        rnd = self.random
        script = rnd.random() < (0.12 if variation else 0.08)
        given = " ".join(self._spell(name, variation, script) for name in person.given)
        family = " ".join(self._spell(name, variation, script) for name in person.family)
        if variation:
            if rnd.random() < 0.08:
                given, family = given.replace(" ", ""), family.replace(" ", "").replace("-", "")
            if rnd.random() < 0.10:
                if rnd.random() < 0.5:
                    given = self._typo(given)
                else:
                    family = self._typo(family)
            if rnd.random() < 0.15:
                given, family = family, given
        return given, family

    def _render_birth(self, person: Person, duplicate: bool) -> str:
        rnd = self.random
        year, month, day = person.birth
        placeholder = person.placeholder
        if duplicate:
            if rnd.random() < 0.05:
                year += rnd.choice((-1, 1))  # the age estimated again
            if rnd.random() < 0.15:
                placeholder = not placeholder if not placeholder else rnd.random() < 0.5
            roll = rnd.random()
            if not placeholder and roll < 0.08:
                return f"{year:04d}-{month:02d}"
            if roll < 0.12:
                return f"{year:04d}"
            if not placeholder and roll < 0.17:
                day = max(1, min(28, day + rnd.choice((-1, 1, 10))))
        if placeholder:
            return f"{year:04d}-01-01"
        if not duplicate and rnd.random() < 0.03:
            return f"{year:04d}"
        return f"{year:04d}-{month:02d}-{day:02d}"

    def _render(self, person: Person, duplicate: bool) -> dict[str, str]:
        rnd = self.random
        variation = 0.55 if duplicate else 0.15
        given, family = self._render_names(person, variation)
        street, town = self._address() if duplicate and rnd.random() < 0.5 else person.address
        postcode, _, town_name = town.partition(" ")
        if rnd.random() < 0.2:
            street = street.replace("straße", "str.")
        place = ""
        if person.place and rnd.random() < (0.5 if duplicate else 0.8):
            place = self._spell(person.place, variation, script=False)
        parents = ["", ""]
        if rnd.random() < 0.5:
            for index, name in enumerate((person.father, person.mother)):
                if name and rnd.random() < 0.9:
                    parents[index] = self._spell(name, variation, script=False)
        return {
            "given_names": given,
            "family_name": family,
            "birth_date": self._render_birth(person, duplicate),
            "sex": "" if rnd.random() < 0.03 else person.sex,
            "nationality": "" if rnd.random() < 0.03 else person.country.code,
            "birth_place": place,
            "address": f"{street}, {town_name}",
            "postcode": postcode,
            "identifier": ";".join(i for i in person.identifiers if rnd.random() < 0.5),
            "father_name": parents[0],
            "mother_name": parents[1],
            "true_person_id": person.person_id,
            "household_id": person.household_id,
        }

    def _copies(self) -> int:
        """How many more registrations a person has: mean rate/(1-rate) per person."""
        extra = self.duplicates / (1 - self.duplicates)
        if self.random.random() >= extra / 1.25:
            return 0
        return 2 if self.random.random() < 0.2 else 1

    def rows(self, count: int) -> Iterator[dict[str, str]]:
        """`count` rows, record_id R0000001…, duplicates shuffled among originals."""
        produced = 0
        buffer: list[dict[str, str]] = []
        while produced < count:
            for person in self.household():
                buffer.append(self._render(person, duplicate=False))
                buffer.extend(self._render(person, duplicate=True) for _ in range(self._copies()))
            if len(buffer) >= CHUNK or produced + len(buffer) >= count:
                buffer = buffer[: count - produced]
                self.random.shuffle(buffer)
                for row in buffer:
                    produced += 1
                    yield {"record_id": f"R{produced:07d}", **row}
                buffer = []


def write_csv(path: Path, count: int, seed: int = 1, duplicates: float = 0.2) -> int:
    generator = Generator(seed=seed, duplicates=duplicates)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*COLUMNS, *TRUTH_COLUMNS])
        writer.writeheader()
        written = 0
        for row in generator.rows(count):
            writer.writerow(row)
            written += 1
    return written


def people(seed: int = 1, duplicates: float = 0.0) -> Iterator[Person]:
    """Persons without rendering, for tests that need the truth behind a row."""
    generator = Generator(seed=seed, duplicates=duplicates)
    while True:
        yield from generator.household()


__all__ = ["Generator", "Person", "people", "write_csv"]
