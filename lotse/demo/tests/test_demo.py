"""The demo region: one login per role per office of the four pilot Kreise and three Agenturen.

The test environment runs with DJANGO_DEBUG=1, so LOTSE_DEMO is on; the refusals switch it off.
"""

import io
import re
from collections import Counter

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from lotse.access.policy import Action, decide
from lotse.demo.region import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    current_demo_code,
    demo_region_seed,
)
from lotse.organisations.models import Role, RoleGrantRequest, Team, User
from lotse.organisations.tests.personas import totp_code

pytestmark = pytest.mark.django_db

PILOT_KREISE = {"08118", "08317", "08415", "08416"}
AGENTUREN = {"aa-ludwigsburg", "aa-offenburg", "aa-balingen-reutlingen"}


@pytest.fixture
def logins():
    return demo_region_seed()


def test_one_login_per_role_per_office(logins):
    land = [login for login in logins if login.username.startswith("bw-land-")]
    logins = [login for login in logins if login not in land]
    offices = {login.office for login in logins}
    assert len(offices) == 4 * 5 + 3  # five Kreis offices each, three Agenturen
    assert len(logins) == len(offices) * len(Role)
    assert Counter(login.office for login in logins) == dict.fromkeys(offices, len(Role))
    users = User.objects.filter(username__in=[login.username for login in logins])
    assert users.count() == len(logins)
    for user in users.select_related("office__kreis"):
        assert user.office.kreis.code in PILOT_KREISE if user.office.kreis else True
        assert user.office.code in AGENTUREN or user.office.kreis.code in PILOT_KREISE
        assert len(user.role_set) == 1
        assert user.is_staff is (Role.ADMINISTRATOR in user.role_set)
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        assert Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES
        ).exists()


def test_two_land_administrators_approve_each_others_changes(logins):
    land = User.objects.filter(username__in=["bw-land-admin", "bw-land-admin-2"])
    assert land.count() == 2
    for user in land.select_related("office"):
        assert user.office.kind == "land"
        assert user.role_set == {"admin"}
        assert not user.office.kreise_served().exists()
        assert decide(user, Action.APPROVE_REFERENCE_CHANGE)
    # The seed is a system action: its roles hold without a second administrator.
    assert not RoleGrantRequest.objects.exists()


def test_the_offices_are_those_of_today(logins):
    codes = set(
        User.objects.filter(username__in=[login.username for login in logins]).values_list(
            "office__code", flat=True
        )
    )
    assert "aa-reutlingen" not in codes  # merged into Balingen-Reutlingen on 2026-01-01
    assert "jc-ludwigsburg-08118-ge" not in codes  # the gE before the zkT (until 2011)
    assert {"jc-ludwigsburg-08118", "sozialamt-tubingen-08416"} <= codes
    assert AGENTUREN <= codes


def test_names_tell_office_and_role(logins):
    assert {"tue-sozialamt-sb", "lb-jc-dsb", "aa-rt-admin", "og-abh-tl", "rt-im-plan"} <= {
        login.username for login in logins
    }
    caseworker = User.objects.get(username="tue-sozialamt-sb")
    assert caseworker.role_set == {"caseworker"}
    assert caseworker.team == Team.objects.get(office=caseworker.office, name="Team 1")


def test_seeding_again_changes_nothing(logins):
    counts = (User.objects.count(), Authenticator.objects.count(), Team.objects.count())
    again = demo_region_seed()
    assert again == logins
    assert (User.objects.count(), Authenticator.objects.count(), Team.objects.count()) == counts


def test_seeding_completes_a_partial_region(logins):
    user = User.objects.get(username="tue-jc-tl")
    Authenticator.objects.filter(user=user).delete()
    demo_region_seed()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_a_demo_login_signs_in_with_the_shared_password_and_code(logins):
    client = Client()
    step = client.post("/accounts/login/", {"login": "tue-sozialamt-sb", "password": DEMO_PASSWORD})
    assert step["Location"] == "/accounts/2fa/authenticate/"
    assert current_demo_code() == totp_code(DEMO_TOTP_SECRET)
    done = client.post("/accounts/2fa/authenticate/", {"code": current_demo_code()})
    assert done["Location"] == "/"
    assert "Sachbearbeitung" in client.get("/").content.decode()


def test_the_commands_print_logins_and_the_code(logins):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "tue-sozialamt-sb" in text
    assert DEMO_PASSWORD in text
    code = io.StringIO()
    call_command("demo_logins", "--code", stdout=code)
    assert re.fullmatch(r"\d{6}\n", code.getvalue())


# --- only in a demo ----------------------------------------------------------------------------
@override_settings(LOTSE_DEMO=False)
def test_the_demo_refuses_to_run_outside_a_demo():
    with pytest.raises(ImproperlyConfigured, match="LOTSE_DEMO"):
        demo_region_seed()
    with pytest.raises(ImproperlyConfigured):
        current_demo_code()
    with pytest.raises(CommandError, match="LOTSE_DEMO"):
        call_command("seed_demo")
    with pytest.raises(CommandError, match="LOTSE_DEMO"):
        call_command("demo_logins", "--code")
    assert not User.objects.filter(username="tue-sozialamt-sb").exists()


def test_the_seed_command_is_idempotent():
    first, second = io.StringIO(), io.StringIO()
    call_command("seed_demo", stdout=first)
    users = User.objects.count()
    call_command("seed_demo", stdout=second)
    assert re.search(r"Demo region ready: 117 logins", first.getvalue())
    assert "117 logins, 0 new persons" in second.getvalue()
    assert User.objects.count() == users
