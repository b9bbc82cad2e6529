"""Demo courses in the pilot Kreise (Tübingen, Reutlingen, Ludwigsburg, Ortenaukreis): a few
integration courses (general, with literacy, for women with childcare), vocational German
courses, a first orientation course and the Agentur's measures, some full, some starting soon,
so that the catalogue, the seats and the waiting list are visible in `make run`.

The providers are invented. Running it again adds nothing (a course is found by its provider
and kind)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from lotse.courses.models import Course, CourseType
from lotse.organisations.models import Gemeinde, Office


@dataclass(frozen=True)
class DemoCourse:
    kreis: str  # Kreisschlüssel; the course takes the Kreis' demo Gemeinde
    office: str  # the recording office
    course_type: str
    provider: str
    starts_in_days: int
    weeks: int
    seats: int
    childcare: bool = False
    schedule: str = ""


DEMO_COURSES = [
    DemoCourse(
        "08416",
        "im-tubingen-08416",
        "integrationskurs",
        "Volkshochschule Tübingen (Demo)",
        21,
        30,
        16,
        schedule="Mo–Fr 8:30–12:45",
    ),
    DemoCourse(
        "08416",
        "im-tubingen-08416",
        "integrationskurs-frauen",
        "Frauenbildungswerk Tübingen (Demo)",
        45,
        40,
        12,
        childcare=True,
        schedule="Mo–Do 9:00–12:15, mit Kinderbetreuung",
    ),
    DemoCourse(
        "08416",
        "jc-tubingen-08416",
        "berufssprachkurs-b2",
        "Sprachinstitut Neckar (Demo)",
        60,
        20,
        18,
        schedule="Mo–Fr 13:30–17:30",
    ),
    DemoCourse(
        "08416",
        "im-tubingen-08416",
        "integrationskurs-alpha",
        "Volkshochschule Tübingen (Demo)",
        -30,
        45,
        2,
        schedule="Mo–Fr 8:30–12:45",
    ),
    DemoCourse(
        "08415",
        "im-reutlingen-08415",
        "integrationskurs",
        "Volkshochschule Reutlingen (Demo)",
        14,
        30,
        18,
        schedule="Mo–Fr 8:15–12:30",
    ),
    DemoCourse(
        "08415",
        "jc-reutlingen-08415",
        "berufssprachkurs-gesundheit",
        "Pflegeschule Achalm (Demo)",
        35,
        30,
        14,
    ),
    DemoCourse(
        "08415",
        "im-reutlingen-08415",
        "erstorientierungskurs",
        "Caritas Reutlingen (Demo)",
        7,
        12,
        20,
    ),
    DemoCourse(
        "08118",
        "im-ludwigsburg-08118",
        "integrationskurs",
        "Volkshochschule Ludwigsburg (Demo)",
        28,
        30,
        20,
        schedule="Mo–Fr 8:30–12:45",
    ),
    DemoCourse(
        "08118",
        "jc-ludwigsburg-08118",
        "perf",
        "Bildungszentrum Ludwigsburg (Demo)",
        10,
        12,
        15,
    ),
    DemoCourse(
        "08118",
        "jc-ludwigsburg-08118",
        "einstiegsqualifizierung",
        "Handwerk Ludwigsburg (Demo)",
        40,
        40,
        6,
    ),
    DemoCourse(
        "08317",
        "im-ortenaukreis-08317",
        "integrationskurs-eltern",
        "Familienzentrum Offenburg (Demo)",
        30,
        40,
        14,
        childcare=True,
    ),
    DemoCourse(
        "08317",
        "jc-ortenaukreis-08317",
        "perjuf",
        "Jugendwerkstatt Ortenau (Demo)",
        20,
        30,
        12,
    ),
    DemoCourse(
        "08317",
        "jc-ortenaukreis-08317",
        "bvb",
        "Berufsbildungswerk Offenburg (Demo)",
        50,
        43,
        16,
    ),
]


def demo_courses_seed(today: date | None = None) -> int:
    """Create the demo courses that are missing; returns how many were created."""
    today = today or timezone.localdate()
    created = 0
    for demo in DEMO_COURSES:
        gemeinde = Gemeinde.objects.filter(kreis__code=demo.kreis).order_by("pk").first()
        office = Office.objects.filter(code=demo.office).first()
        course_type = CourseType.objects.filter(code=demo.course_type).first()
        if gemeinde is None or office is None or course_type is None:
            continue
        starts_on = today + timedelta(days=demo.starts_in_days)
        _course, made = Course.objects.get_or_create(
            provider=demo.provider,
            course_type=course_type,
            defaults={
                "starts_on": starts_on,
                "gemeinde": gemeinde,
                "ends_on": starts_on + timedelta(weeks=demo.weeks),
                "seats": demo.seats,
                "childcare": demo.childcare,
                "level": course_type.target_level,
                "schedule": demo.schedule,
                "recorded_by": office,
            },
        )
        created += made
    return created
