"""Demo employers and vacancies in the pilot Kreise (Tübingen, Reutlingen, Ludwigsburg,
Ortenaukreis), recorded by the Agentur's employer service or the Jobcenter: among them the
electrician's vacancy in Tübingen ("Elektroniker/in für Energie- und Gebäudetechnik", KldB 26212)
that Amal Al-Hassan's husband, an electrician, will be matched with; an apprenticeship, an
entry qualification, care, logistics and kitchen jobs; one vacancy filled, so the statuses show.

The employers and their contact persons are invented. Running it again adds nothing (an
employer is found by its name, a vacancy by its employer and title)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from lotse.jobs.models import Change, ChangeKind, Employer, Vacancy, VacancyStatus
from lotse.organisations.models import Gemeinde, Office
from lotse.profiles.models import Occupation


@dataclass(frozen=True)
class DemoVacancy:
    title: str
    kind: str
    occupation: str  # KldB 2010 (in the shipped subset)
    hours: int
    starts_in_days: int | None  # None: at once
    german: dict[str, str] = field(default_factory=dict)  # skill → level
    german_firm: bool = False
    driving_licence: str = ""
    shift_work: bool = False
    recognition_required: bool = False
    status: str = VacancyStatus.OPEN
    description: str = ""


@dataclass(frozen=True)
class DemoEmployer:
    kreis: str
    office: str  # the recording office
    name: str
    sector: str
    contact: tuple[str, str, str]  # name, telephone, e-mail
    offers: tuple[str, ...]
    offer_note: str
    vacancies: tuple[DemoVacancy, ...]


DEMO_EMPLOYERS = [
    DemoEmployer(
        "08416",
        "aa-balingen-reutlingen",
        "Elektro Neckarblick GmbH (Demo)",
        "crafts",
        ("Jana Keller", "07071 555100", "keller@elektro-neckarblick.example"),
        ("language_support", "mentor", "recognition"),
        "Ein Geselle mit Arabischkenntnissen begleitet neue Kolleginnen und Kollegen.",
        (
            DemoVacancy(
                "Elektroniker/in für Energie- und Gebäudetechnik",
                "job",
                "26212",
                39,
                30,
                {"listening": "A2", "speaking": "A2", "reading": "A2"},
                driving_licence="B",
                description="Installation in Neubauten und Sanierung, Baustellen im Kreis.",
            ),
            DemoVacancy(
                "Ausbildung Elektroniker/in für Energie- und Gebäudetechnik",
                "apprenticeship",
                "26212",
                39,
                240,
                {"listening": "B1", "speaking": "B1", "reading": "B1", "writing": "A2"},
                german_firm=True,
                description="Beginn zum 1. September, Berufsschule in Tübingen.",
            ),
        ),
    ),
    DemoEmployer(
        "08416",
        "jc-tubingen-08416",
        "Pflegeheim am Österberg (Demo)",
        "care",
        ("Martin Roth", "07071 555200", "roth@pflege-oesterberg.example"),
        ("language_support", "flexible_hours", "childcare"),
        "Deutschunterricht zweimal pro Woche während der Arbeitszeit.",
        (
            DemoVacancy(
                "Pflegehelfer/in in der Altenpflege",
                "job",
                "82101",
                30,
                None,
                {"listening": "A2", "speaking": "A2"},
                shift_work=True,
            ),
            DemoVacancy(
                "Pflegefachmann/-frau (Anerkennung)",
                "job",
                "81302",
                39,
                60,
                {"listening": "B2", "speaking": "B2", "reading": "B1", "writing": "B1"},
                german_firm=True,
                shift_work=True,
                recognition_required=True,
            ),
        ),
    ),
    DemoEmployer(
        "08415",
        "jc-reutlingen-08415",
        "Logistikzentrum Achalm (Demo)",
        "logistics",
        ("Selin Kaya", "07121 555300", "kaya@lz-achalm.example"),
        ("mentor", "transport"),
        "Werksbus vom Bahnhof Reutlingen.",
        (
            DemoVacancy(
                "Lagerhelfer/in",
                "job",
                "51311",
                35,
                14,
                {"listening": "A1", "speaking": "A1"},
                shift_work=True,
            ),
            DemoVacancy(
                "Berufskraftfahrer/in (Güterverkehr)",
                "job",
                "52122",
                40,
                45,
                {"listening": "B1", "speaking": "B1", "reading": "A2"},
                driving_licence="CE",
                status=VacancyStatus.FILLED,
            ),
        ),
    ),
    DemoEmployer(
        "08118",
        "jc-ludwigsburg-08118",
        "Gasthaus zur Krone (Demo)",
        "hospitality",
        ("Paolo Ferri", "07141 555400", "ferri@krone-lb.example"),
        ("part_time_training", "flexible_hours", "housing"),
        "Zimmer im Haus für die ersten Monate.",
        (
            DemoVacancy(
                "Einstiegsqualifizierung Koch/Köchin",
                "eq",
                "29302",
                35,
                20,
                {"listening": "A2", "speaking": "A2"},
            ),
            DemoVacancy("Küchenhilfe", "job", "29301", 25, None, {"speaking": "A1"}),
        ),
    ),
    DemoEmployer(
        "08317",
        "aa-offenburg",
        "Bau Kinzigtal GmbH (Demo)",
        "construction",
        ("Lukas Weber", "0781 555500", "weber@bau-kinzigtal.example"),
        ("mentor", "transport"),
        "",
        (
            DemoVacancy(
                "Ausbildung Maurer/in",
                "apprenticeship",
                "32122",
                40,
                200,
                {"listening": "A2", "speaking": "A2", "reading": "A2"},
            ),
        ),
    ),
]


def _vacancy_fields(demo: DemoVacancy, today: date) -> dict[str, object]:
    starts_on = today + timedelta(days=demo.starts_in_days) if demo.starts_in_days else None
    return {
        "kind": demo.kind,
        "hours_per_week": demo.hours,
        "starts_on": starts_on,
        **{f"german_{skill}": level for skill, level in demo.german.items()},
        "german_firm": demo.german_firm,
        "driving_licence": demo.driving_licence,
        "shift_work": demo.shift_work,
        "recognition_required": demo.recognition_required,
        "status": demo.status,
        "status_changed_at": timezone.now() if demo.status != VacancyStatus.OPEN else None,
        "description": demo.description,
    }


def demo_vacancies_seed(today: date | None = None) -> int:
    """Create the demo employers and vacancies that are missing; returns how many vacancies
    were created."""
    today = today or timezone.localdate()
    created = 0
    now = timezone.now()
    for demo in DEMO_EMPLOYERS:
        gemeinde = Gemeinde.objects.filter(kreis__code=demo.kreis).order_by("pk").first()
        office = Office.objects.filter(code=demo.office).first()
        if gemeinde is None or office is None:
            continue
        name, phone, email = demo.contact
        employer, made = Employer.objects.get_or_create(
            name=demo.name,
            defaults={
                "gemeinde": gemeinde,
                "sector": demo.sector,
                "contact_name": name,
                "contact_phone": phone,
                "contact_email": email,
                "offers": list(demo.offers),
                "offer_note": demo.offer_note,
                "recorded_by": office,
            },
        )
        if made:
            Change.objects.create(
                employer=employer, kind=ChangeKind.RECORDED, office=office, changed_at=now
            )
        for item in demo.vacancies:
            occupation = Occupation.objects.filter(kldb_code=item.occupation).first()
            if occupation is None:
                continue
            vacancy, made = Vacancy.objects.get_or_create(
                employer=employer,
                title=item.title,
                defaults={
                    **_vacancy_fields(item, today),
                    "occupation": occupation,
                    "gemeinde": gemeinde,
                    "recorded_by": office,
                },
            )
            if made:
                Change.objects.create(
                    employer=employer,
                    vacancy=vacancy,
                    kind=ChangeKind.RECORDED,
                    office=office,
                    changed_at=now,
                )
                created += 1
    return created
