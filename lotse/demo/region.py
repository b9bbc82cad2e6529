"""The demo region: the four StellA pilot Kreise with their offices and one login per role.

Ludwigsburg and the Ortenaukreis have a kommunales Jobcenter (zkT); Reutlingen and Tübingen a
gemeinsame Einrichtung (gE) and, since 2026-01-01, the Agentur Balingen-Reutlingen.
Every demo user shares one password and one TOTP secret, so that the second factor works without
a phone: `manage.py demo_logins` prints the current code (docs/demo.md).

Two Land administrators (`bw-land-admin`, `bw-land-admin-2`) at the Land's own office change
reference data, each approving the other's requests. The seed is a system action: it creates the
demo staff through user_create with actor=None, so their roles hold at once without the second
administrator's approval that an administrator's grant needs (docs/administration.md).
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from lotse.access.services import user_create
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.demo.courses import demo_courses_seed
from lotse.demo.school import demo_school_seed
from lotse.demo.vacancies import demo_vacancies_seed
from lotse.organisations.models import Gemeinde, Kreis, Office, Role, Team, User
from lotse.organisations.reference import LAND_OFFICE_CODE

DEMO_PASSWORD = "lotse-demo-2026"  # noqa: S105 - demo only, refused outside LOTSE_DEMO
DEMO_TOTP_SECRET = "LOTSEDEMOSECRETXLOTSEDEMOSECRETX"  # noqa: S105 - base32, demo only

PILOT_KREISE = {
    "08118": "lb",  # Ludwigsburg (zkT)
    "08317": "og",  # Ortenaukreis (zkT)
    "08415": "rt",  # Reutlingen (gE)
    "08416": "tue",  # Tübingen (gE)
}
KREIS_OFFICE_SHORT = {
    "abh": "abh",
    "sozialamt": "sozialamt",
    "im": "im",
    "jugendamt": "jugendamt",
    "jc": "jc",
}
AGENTUREN = {
    "aa-ludwigsburg": "aa-lb",
    "aa-offenburg": "aa-og",
    "aa-balingen-reutlingen": "aa-rt",
}
# A few Gemeinden of the pilot Kreise (Große Kreisstädte), so that the model is visible in the demo;
# the full list of BW's Gemeinden is not part of the reference data yet.
DEMO_GEMEINDEN = {
    "08118": [("08118048", "Ludwigsburg")],
    "08317": [("08317096", "Offenburg")],
    "08415": [("08415061", "Reutlingen")],
    "08416": [("08416041", "Tübingen")],
}

ROLE_SHORT = {
    Role.CASEWORKER: "sb",
    Role.TEAM_LEAD: "tl",
    Role.DATA_PROTECTION_OFFICER: "dsb",
    Role.REGIONAL_PLANNER: "plan",
    Role.ADMINISTRATOR: "admin",
}
LAND_ADMINS = {"bw-land-admin": "BW", "bw-land-admin-2": "BW 2"}
ROLE_NAMES = {
    Role.CASEWORKER: ("Sachbearbeitung", "Demo"),
    Role.TEAM_LEAD: ("Teamleitung", "Demo"),
    Role.DATA_PROTECTION_OFFICER: ("Datenschutz", "Demo"),
    Role.REGIONAL_PLANNER: ("Planung", "Demo"),
    Role.ADMINISTRATOR: ("Administration", "Demo"),
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    office: str
    role: str


def _require_demo() -> None:
    if not settings.LOTSE_DEMO:
        raise ImproperlyConfigured("The demo region is only available with LOTSE_DEMO=1 (DEBUG).")


def demo_offices() -> list[tuple[str, Office]]:
    """(username prefix, office) for every demo office, in a stable order."""
    result = []
    for kreis_code, short in PILOT_KREISE.items():
        offices = Office.objects.valid_on(timezone.localdate()).filter(kreis__code=kreis_code)
        for office in offices.order_by("kind"):
            prefix = office.code.split("-", 1)[0]
            result.append((f"{short}-{KREIS_OFFICE_SHORT[prefix]}", office))
    for code, short in AGENTUREN.items():
        result.append((short, Office.objects.get(code=code)))
    return result


def current_demo_code() -> str:
    _require_demo()
    counter = int(timezone.now().timestamp()) // 30
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


@transaction.atomic
def demo_region_seed() -> list[DemoLogin]:
    """Create (or complete) the demo staff. Running it again changes nothing."""
    _require_demo()
    _ensure_demo_gemeinden()
    logins = []
    for prefix, office in demo_offices():
        team, _ = Team.objects.get_or_create(office=office, name="Team 1")
        for role, role_short in ROLE_SHORT.items():
            username = f"{prefix}-{role_short}"
            first, last = ROLE_NAMES[role]
            demo_user_ensure(
                username=username,
                office=office,
                role=role,
                first_name=first,
                last_name=f"{last} {prefix.upper()}",
                team=team if role in (Role.CASEWORKER, Role.TEAM_LEAD) else None,
            )
            logins.append(DemoLogin(username=username, office=office.name, role=str(role.label)))
    logins.extend(_ensure_land_admins())
    demo_courses_seed()  # the course catalogue of the pilot Kreise (lotse/demo/courses.py)
    demo_vacancies_seed()  # employers and vacancies of the pilot Kreise (lotse/demo/vacancies.py)
    demo_school_seed()  # VABO/VKL classes, Filmon's VABO and case conference (lotse/demo/school.py)
    return logins


def _ensure_land_admins() -> list[DemoLogin]:
    office = Office.objects.get(code=LAND_OFFICE_CODE)
    logins = []
    for username, suffix in LAND_ADMINS.items():
        demo_user_ensure(
            username=username,
            office=office,
            role=Role.ADMINISTRATOR,
            first_name="Landesadministration",
            last_name=f"Demo {suffix}",
        )
        logins.append(
            DemoLogin(username=username, office=office.name, role=str(Role.ADMINISTRATOR.label))
        )
    return logins


def _ensure_demo_gemeinden() -> None:
    for kreis_code, gemeinden in DEMO_GEMEINDEN.items():
        kreis = Kreis.objects.get(code=kreis_code)
        for ags, name in gemeinden:
            Gemeinde.objects.get_or_create(
                ags=ags, defaults={"kreis": kreis, "name": name, "valid_from": kreis.valid_from}
            )


def demo_user_ensure(
    *,
    username: str,
    office: Office,
    role: Role,
    first_name: str,
    last_name: str,
    team: Team | None = None,
) -> User:
    """The demo login `username` (created with the demo password if missing) with the demo
    second factor. Running it again changes nothing."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=username,
            office=office,
            roles=[role],
            password=DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            team=team,
        )
    _ensure_demo_second_factor(user)
    return user


def _ensure_demo_second_factor(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
        audit_record(
            event_type=EventType.MFA_ENABLED,
            actor=None,
            obj=user,
            details={"type": "totp", "demo": True},
        )
