"""A synthetic, reproducible population of persons and vacancies for tests and `bench/matching/`.

Seeded; the mixes are modelled on the brief, not measured: about 30 % of the persons may not
work, 20 % need a permit with BA consent and 10 % one without; German skewed to A1-B1;
occupations drawn from a few hundred KldB 2010 codes of the Berufsgruppen where refugees most
often work or train (logistics, cleaning, kitchens and restaurants, construction, metal and
electrical trades, care, sales, transport; the fourth digit of some codes is invented within
its Berufsgruppe); Gemeinden over Baden-Württemberg's bounding box, with the larger towns at
their places and weighted by population; a share of the vacancies with hard German
requirements, with recognition required (mostly health care), filled or withdrawn.
"""

import itertools
import random
from collections.abc import Iterator
from datetime import date, timedelta

from lotse.jobs.matching.records import (
    Access,
    AccessAnswer,
    Availability,
    Candidate,
    Kind,
    LanguageRequirement,
    Level,
    Means,
    Mobility,
    Occupation,
    Place,
    Recognition,
    RecognitionState,
    Skill,
    Source,
    Status,
    Vacancy,
)

TODAY = date(2026, 12, 3)
BOX = (47.53, 49.79, 7.51, 10.50)  # latitude and longitude bounds of Baden-Württemberg

# (Berufsgruppe, Untergruppen (4th digit), levels, weight, shift share, recognition share)
GROUPS: tuple[tuple[str, str, str, float, float, float], ...] = (
    ("111", "0128", "123", 2.0, 0.05, 0.0),  # Landwirtschaft
    ("121", "0123", "123", 2.0, 0.0, 0.0),  # Gartenbau
    ("221", "0128", "123", 1.5, 0.5, 0.0),  # Kunststoff, Kautschuk
    ("223", "0148", "123", 1.0, 0.1, 0.0),  # Holz
    ("242", "0123", "1234", 3.0, 0.4, 0.02),  # Metallbearbeitung
    ("244", "0123", "123", 2.5, 0.2, 0.02),  # Metallbau, Schweißen
    ("251", "0128", "1234", 2.0, 0.3, 0.05),  # Maschinenbau, Betriebstechnik
    ("252", "0123", "1234", 2.5, 0.05, 0.05),  # Kfz-Technik
    ("261", "0123", "234", 1.0, 0.2, 0.05),  # Mechatronik
    ("262", "0125", "1234", 2.0, 0.05, 0.1),  # Energietechnik, Elektroinstallation
    ("263", "0123", "234", 1.0, 0.1, 0.1),  # Elektrotechnik
    ("292", "0123", "123", 2.0, 0.4, 0.0),  # Lebensmittelherstellung
    ("293", "0128", "123", 4.0, 0.5, 0.0),  # Speisenzubereitung (Küche)
    ("321", "0123", "1234", 3.0, 0.0, 0.02),  # Hochbau
    ("322", "0123", "123", 1.5, 0.0, 0.0),  # Tiefbau
    ("331", "0123", "12", 1.0, 0.0, 0.0),  # Bodenverlegung
    ("332", "0123", "123", 1.5, 0.0, 0.0),  # Maler, Lackierer
    ("333", "0123", "123", 1.5, 0.0, 0.0),  # Ausbau, Trockenbau
    ("341", "0123", "123", 1.5, 0.05, 0.0),  # Gebäudetechnik
    ("342", "0123", "1234", 2.0, 0.0, 0.05),  # Sanitär, Heizung, Klima
    ("431", "0123", "234", 1.0, 0.0, 0.1),  # Informatik
    ("434", "0123", "34", 0.8, 0.0, 0.1),  # Softwareentwicklung
    ("513", "0123", "123", 7.0, 0.4, 0.0),  # Lager, Post, Zustellung
    ("516", "0123", "23", 0.8, 0.0, 0.0),  # Kaufleute Verkehr und Logistik
    ("521", "0128", "12", 4.0, 0.3, 0.0),  # Fahrzeugführung Straßenverkehr
    ("525", "0123", "12", 1.5, 0.3, 0.0),  # Bau- und Transportgeräte
    ("531", "0123", "123", 2.0, 0.7, 0.0),  # Objekt-, Personenschutz
    ("541", "0123", "12", 6.0, 0.3, 0.0),  # Reinigung
    ("621", "0123", "123", 4.0, 0.1, 0.0),  # Verkauf
    ("623", "0123", "12", 1.5, 0.1, 0.0),  # Verkauf Lebensmittel
    ("632", "0123", "123", 1.5, 0.5, 0.0),  # Hotellerie
    ("633", "0123", "123", 3.0, 0.5, 0.0),  # Gastronomie
    ("713", "0123", "234", 1.0, 0.0, 0.0),  # Unternehmensorganisation
    ("714", "0123", "123", 1.5, 0.0, 0.0),  # Büro, Sekretariat
    ("722", "0123", "234", 0.5, 0.0, 0.0),  # Rechnungswesen
    ("811", "0123", "23", 1.0, 0.05, 0.3),  # Arzt- und Praxishilfe
    ("813", "0123", "1234", 2.5, 0.8, 0.7),  # Gesundheits- und Krankenpflege
    ("814", "0123", "4", 0.4, 0.5, 1.0),  # Human- und Zahnmedizin
    ("817", "0123", "23", 0.5, 0.0, 0.8),  # nichtärztliche Therapie
    ("821", "0123", "123", 3.5, 0.8, 0.4),  # Altenpflege
    ("831", "0123", "1234", 1.5, 0.1, 0.4),  # Erziehung, Sozialarbeit
    ("832", "0123", "12", 1.0, 0.1, 0.0),  # Hauswirtschaft
)

CITIES: tuple[tuple[str, float, float, int], ...] = (
    ("Stuttgart", 48.7758, 9.1829, 630),
    ("Mannheim", 49.4875, 8.4660, 315),
    ("Karlsruhe", 49.0069, 8.4037, 308),
    ("Freiburg im Breisgau", 47.9990, 7.8421, 231),
    ("Heidelberg", 49.3988, 8.6724, 160),
    ("Ulm", 48.4011, 9.9876, 127),
    ("Heilbronn", 49.1427, 9.2109, 127),
    ("Pforzheim", 48.8922, 8.6946, 126),
    ("Reutlingen", 48.4914, 9.2043, 117),
    ("Esslingen am Neckar", 48.7406, 9.3108, 94),
    ("Ludwigsburg", 48.8975, 9.1922, 94),
    ("Tübingen", 48.5216, 9.0576, 92),
    ("Villingen-Schwenningen", 48.0620, 8.4936, 86),
    ("Konstanz", 47.6779, 9.1732, 85),
    ("Aalen", 48.8378, 10.0933, 68),
    ("Sindelfingen", 48.7133, 9.0028, 65),
    ("Schwäbisch Gmünd", 48.7996, 9.7977, 62),
    ("Friedrichshafen", 47.6500, 9.4800, 61),
    ("Offenburg", 48.4708, 7.9408, 61),
    ("Göppingen", 48.7025, 9.6521, 59),
    ("Baden-Baden", 48.7606, 8.2398, 57),
    ("Waiblingen", 48.8303, 9.3169, 56),
    ("Ravensburg", 47.7818, 9.6107, 51),
    ("Böblingen", 48.6833, 9.0167, 51),
    ("Heidenheim an der Brenz", 48.6761, 10.1544, 50),
    ("Rastatt", 48.8581, 8.2039, 50),
    ("Lörrach", 47.6156, 7.6614, 49),
    ("Balingen", 48.2753, 8.8505, 35),
    ("Rottweil", 48.1681, 8.6250, 26),
)

ACCESS_REASONS = {
    Access.FREE: (("labour.protection_decision",), ("labour.titles",)),
    Access.PERMIT_WITH_BA_CONSENT: (("labour.gestattung_waiting", "labour.vorrangpruefung"),),
    Access.PERMIT_WITHOUT_BA_CONSENT: (("labour.no_consent_after_4_years",), ("labour.titles",)),
    Access.NO_ACCESS: (("labour.gestattung_waiting",), ("labour.reception_centre",)),
}


class Population:
    """Gemeinden and occupation codes shared by the persons and the vacancies of one seed."""

    def __init__(self, seed: int = 15, towns: int = 1_072, today: date = TODAY):
        self.seed = seed
        self.today = today
        rnd = random.Random(seed)
        places = [(Place(lat, lon), thousands * 1000.0) for _, lat, lon, thousands in CITIES]
        south, north, west, east = BOX
        for _ in range(towns):
            place = Place(round(rnd.uniform(south, north), 4), round(rnd.uniform(west, east), 4))
            places.append((place, min(40_000.0, rnd.lognormvariate(8.0, 0.9))))
        self.places = [place for place, _ in places]
        self.home_weights = list(itertools.accumulate(weight for _, weight in places))
        self.job_weights = list(itertools.accumulate(weight**1.1 for _, weight in places))
        self.codes: list[str] = []
        self.code_weights: list[float] = []
        self.shift_share: dict[str, float] = {}
        self.recognition_share: dict[str, float] = {}
        self.by_group: dict[str, list[str]] = {}
        for group, subgroups, levels, weight, shifts, recognition in GROUPS:
            codes = [group + sub + level for sub in subgroups for level in levels]
            self.by_group[group] = codes
            for code in codes:
                self.codes.append(code)
                helper = code[4] == "1"
                self.code_weights.append(weight / len(codes) * (2.0 if helper else 1.0))
                self.shift_share[group] = shifts
                self.recognition_share[group] = recognition
        self.code_weights = list(itertools.accumulate(self.code_weights))

    def candidates(self, count: int) -> Iterator[Candidate]:
        rnd = random.Random(f"{self.seed}-candidates")
        for number in range(count):
            yield self._candidate(rnd, f"p{number:07d}")

    def vacancies(self, count: int) -> Iterator[Vacancy]:
        rnd = random.Random(f"{self.seed}-vacancies")
        for number in range(count):
            yield self._vacancy(rnd, f"v{number:06d}")

    def _code(self, rnd: random.Random) -> str:
        return rnd.choices(self.codes, cum_weights=self.code_weights)[0]

    def _near(self, rnd: random.Random, code: str) -> str:
        """Another code of the same Berufsgruppe (a related occupation)."""
        return rnd.choice(self.by_group[code[:3]])

    def _candidate(self, rnd: random.Random, identifier: str) -> Candidate:
        occupations: list[Occupation] = []
        for _ in range(rnd.choices((0, 1, 2, 3), (25, 45, 22, 8))[0]):
            code = (
                self._code(rnd)
                if not occupations or rnd.random() < 0.5
                else self._near(rnd, occupations[-1].code)
            )
            years = round(min(25.0, rnd.expovariate(1 / 4.0) + 0.5), 1)
            occupations.append(Occupation(code, years, Source.WORK))
        recognitions: list[RecognitionState] = []
        if rnd.random() < 0.3:
            base = occupations[0].code if occupations else self._code(rnd)
            trained = base[:4] + rnd.choice("234")
            occupations.append(Occupation(trained, round(rnd.uniform(1, 4)), Source.TRAINING))
            state = rnd.choices(tuple(Recognition), (40, 15, 10, 10, 20, 5))[0]
            recognitions.append(RecognitionState(trained, state))
        for _ in range(rnd.choices((1, 2), (65, 35))[0]):
            target = (
                self._near(rnd, occupations[0].code)
                if occupations and rnd.random() < 0.5
                else self._code(rnd)
            )
            occupations.append(Occupation(target, 0.0, Source.TARGET))
        means = rnd.choices(tuple(Means), (5, 15, 55, 25))[0]
        reach = {
            Means.FOOT: (2, 4),
            Means.BICYCLE: (6, 12),
            Means.PUBLIC_TRANSPORT: (12, 40),
            Means.CAR: (25, 60),
        }[means]
        childcare = rnd.random() < 0.2
        availability = (
            Availability(rnd.choice((15, 20, 25, 30)), False, True)
            if childcare
            else Availability(40, rnd.random() < 0.85, False)
        )
        licences: set[str] = set()
        if rnd.random() < 0.35:
            licences.add("B")
            if rnd.random() < 0.12:
                licences.add(rnd.choice(("C", "CE", "CE", "D")))
        return Candidate(
            id=identifier,
            home=rnd.choices(self.places, cum_weights=self.home_weights)[0],
            mobility=Mobility(round(rnd.uniform(*reach)), means),
            access=self._access(rnd),
            occupations=tuple(occupations),
            recognitions=tuple(recognitions),
            german=self._german(rnd),
            licences=frozenset(licences),
            availability=availability,
        )

    def _access(self, rnd: random.Random) -> tuple[AccessAnswer, ...]:
        answer = rnd.choices(tuple(Access), (40, 20, 10, 30))[0]
        duldung_share = {
            Access.FREE: 0.0,
            Access.PERMIT_WITH_BA_CONSENT: 0.3,
            Access.PERMIT_WITHOUT_BA_CONSENT: 0.5,
            Access.NO_ACCESS: 0.4,
        }[answer]
        duldung = rnd.random() < duldung_share
        today = AccessAnswer(answer, self.today, rnd.choice(ACCESS_REASONS[answer]), duldung)
        if answer is Access.NO_ACCESS and rnd.random() < 0.15:
            # the waiting period ends within half a year: a permit with BA consent from then on
            later = self.today + timedelta(days=rnd.randint(1, 180))
            reasons = ACCESS_REASONS[Access.PERMIT_WITH_BA_CONSENT][0]
            then = AccessAnswer(Access.PERMIT_WITH_BA_CONSENT, later, reasons, duldung)
            return today, then
        return (today,)

    def _german(self, rnd: random.Random) -> tuple[tuple[Skill, Level], ...]:
        base = rnd.choices(range(7), (5, 30, 30, 22, 8, 4, 1))[0]
        levels = []
        for skill, shift in zip(Skill, (0.3, 0.2, 0.0, -0.4), strict=True):
            level = base + round(rnd.gauss(shift, 0.6))
            levels.append((skill, Level(max(0, min(6, level)))))
        return tuple(levels)

    def _vacancy(self, rnd: random.Random, identifier: str) -> Vacancy:
        kind = rnd.choices(tuple(Kind), (80, 15, 5))[0]
        code = self._code(rnd)
        if kind is not Kind.JOB:
            code = code[:4] + "2"  # training leads to the Fachkraft level
        helper = code[4] == "1"
        german: list[LanguageRequirement] = []
        if rnd.random() < 0.7:
            level = rnd.choices(
                (Level.A1, Level.A2, Level.B1, Level.B2, Level.C1), (10, 35, 35, 15, 5)
            )[0]
            if helper:
                level = Level(min(level, Level.A2))
            skills = rnd.sample(tuple(Skill), rnd.choice((1, 2, 4)))
            hard = rnd.random() < 0.25
            german = [LanguageRequirement(skill, level, hard) for skill in sorted(skills)]
        licence = None
        if code[:3] == "521":
            licence = rnd.choice(("C", "CE", "CE", "D", "B"))
        elif rnd.random() < 0.1:
            licence = "B"
        start = None if rnd.random() < 0.5 else self.today + timedelta(days=rnd.randint(0, 180))
        return Vacancy(
            id=identifier,
            kind=kind,
            code=code,
            place=rnd.choices(self.places, cum_weights=self.job_weights)[0],
            hours=rnd.choices((40, 39, 35, 30, 20), (45, 15, 10, 15, 15))[0],
            start=start,
            german=tuple(german),
            licence=licence,
            shifts=rnd.random() < self.shift_share[code[:3]],
            recognition_required=kind is Kind.JOB
            and not helper
            and rnd.random() < self.recognition_share[code[:3]],
            status=rnd.choices(tuple(Status), (85, 10, 5))[0],
        )


def population(
    candidates: int, vacancies: int, seed: int = 15
) -> tuple[list[Candidate], list[Vacancy]]:
    world = Population(seed)
    return list(world.candidates(candidates)), list(world.vacancies(vacancies))
