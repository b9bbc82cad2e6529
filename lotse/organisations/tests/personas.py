"""The named personas of the test suite (fixtures in the root conftest.py).

One persona per role at the Sozialamt of the Landkreis Tübingen (a Kreis with a gE Jobcenter),
plus a caseworker of the kommunales Jobcenter (zkT) of the Landkreis Ludwigsburg, a caseworker of
the Jugendamt Tübingen (youth welfare, SGB VIII: a partner of the Jugendberufsagentur) and a Land
administrator (an administrator of the Land's own office, which serves no Kreis).
"""

import time
from dataclasses import dataclass

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.http import HttpRequest
from django.test import Client

from lotse.organisations.models import Role, User
from lotse.organisations.tests.factories import (
    TEST_PASSWORD,
    TEST_TOTP_SECRET,
    UserFactory,
    reference_office,
)

SOZIALAMT_TUEBINGEN = "sozialamt-tubingen-08416"
JOBCENTER_TUEBINGEN = "jc-tubingen-08416"  # gE: a data controller of its own
ABH_TUEBINGEN = "abh-tubingen-08416"  # same controller as the Sozialamt (the Kreis)
JOBCENTER_LUDWIGSBURG = "jc-ludwigsburg-08118"  # zkT
JUGENDAMT_TUEBINGEN = "jugendamt-tubingen-08416"  # an office of the Kreis, like the Sozialamt
LAND_OFFICE = "land-bw"  # the Land administration: serves no Kreis
TUEBINGEN = "08416"
LUDWIGSBURG = "08118"


@dataclass(frozen=True)
class Persona:
    key: str
    office: str
    roles: tuple[Role, ...]
    first_name: str
    last_name: str

    @property
    def username(self) -> str:
        return self.key.replace("_", "-")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


PERSONAS: dict[str, Persona] = {
    p.key: p
    for p in [
        Persona("caseworker", SOZIALAMT_TUEBINGEN, (Role.CASEWORKER,), "Carla", "Casewerk"),
        Persona("team_lead", SOZIALAMT_TUEBINGEN, (Role.TEAM_LEAD,), "Theo", "Teamleitner"),
        Persona("dpo", SOZIALAMT_TUEBINGEN, (Role.DATA_PROTECTION_OFFICER,), "Dora", "Datenhut"),
        Persona("planner", SOZIALAMT_TUEBINGEN, (Role.REGIONAL_PLANNER,), "Pia", "Planwerk"),
        Persona("administrator", SOZIALAMT_TUEBINGEN, (Role.ADMINISTRATOR,), "Adam", "Amtsrat"),
        Persona("other_caseworker", JOBCENTER_LUDWIGSBURG, (Role.CASEWORKER,), "Otto", "Ortsfremd"),
        Persona(
            "jugendamt_caseworker", JUGENDAMT_TUEBINGEN, (Role.CASEWORKER,), "Jana", "Jugendhof"
        ),
        Persona("land_admin", LAND_OFFICE, (Role.ADMINISTRATOR,), "Lena", "Landauer"),
    ]
}


def totp_code(secret: str = TEST_TOTP_SECRET, at: float | None = None) -> str:
    """The current six-digit code for `secret` (the personas' authenticator)."""
    counter = int(time.time() if at is None else at) // 30
    return format_hotp_value(hotp_value(secret, counter))


SIGN_IN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def force_sign_in(client: Client, user: User) -> Client:
    """Sign `client` in as `user` the way the sign-in does, without typing: the session is
    logged in and records the steps allauth records (password, then the TOTP code, if the user
    has an authenticator), which the second-factor middleware asks for. A bare
    `client.force_login` is a session that skipped the second factor."""
    client.force_login(user, backend=SIGN_IN_BACKEND)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password", username=user.username)
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None:
        record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
    request.session.save()
    return client


def create_persona(key: str) -> User:
    """The persona's user, made through user_create, with the test TOTP secret activated."""
    persona = PERSONAS[key]
    return UserFactory(
        username=persona.username,
        first_name=persona.first_name,
        last_name=persona.last_name,
        office=reference_office(persona.office),
        roles=persona.roles,
        password=TEST_PASSWORD,
    )
