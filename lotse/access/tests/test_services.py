"""Staff administration services: each change and its audit event commit or fail together."""

from unittest.mock import ANY

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from lotse.access.services import (
    team_save,
    user_create,
    user_deactivate,
    user_set_roles,
    user_update,
)
from lotse.audit.models import AuditEvent, EventType
from lotse.organisations.models import Role, RoleGrant, Team, User
from lotse.organisations.tests.factories import TeamFactory, UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_LUDWIGSBURG, SOZIALAMT_TUEBINGEN


def _events_about(user: User) -> list[tuple[str, dict]]:
    events = AuditEvent.objects.filter(object_type="organisations.User", object_id=str(user.pk))
    return [(e.event_type, e.details) for e in events.order_by("pk")]


def test_user_create_records_the_user_and_each_role(db):
    office = reference_office(SOZIALAMT_TUEBINGEN)
    team = TeamFactory(office=office)
    user = user_create(
        actor=None,  # a system action (a command): no second administrator needed
        username="neu",
        office=office,
        team=team,
        roles=[Role.TEAM_LEAD, Role.CASEWORKER],
        password="ein-langes-Passwort-7",
        first_name="Nora",
        last_name="Neu",
    )
    assert user.check_password("ein-langes-Passwort-7")
    assert user.role_set == {"caseworker", "team_lead"}
    assert not user.is_staff  # the admin is for administrators only
    assert _events_about(user) == [
        (EventType.USER_CREATED, {"username": "neu", "office": SOZIALAMT_TUEBINGEN}),
        (EventType.ROLE_GRANTED, {"role": "caseworker"}),
        (EventType.ROLE_GRANTED, {"role": "team_lead"}),
    ]
    created = AuditEvent.objects.get(event_type=EventType.USER_CREATED, object_id=str(user.pk))
    assert created.actor_label == "system"


def test_an_administrators_new_user_gets_person_data_roles_only_on_request(administrator):
    user = user_create(
        actor=administrator,
        username="neu",
        office=administrator.office,
        roles=[Role.TEAM_LEAD, Role.REGIONAL_PLANNER],
    )
    assert user.role_set == {"planner"}
    assert _events_about(user) == [
        (EventType.USER_CREATED, {"username": "neu", "office": SOZIALAMT_TUEBINGEN}),
        (EventType.ROLE_GRANTED, {"role": "planner"}),
        (EventType.ROLE_GRANT_REQUESTED, {"role": "team_lead", "request": ANY}),
    ]
    created = AuditEvent.objects.get(event_type=EventType.USER_CREATED, object_id=str(user.pk))
    assert created.actor == administrator
    assert created.office == administrator.office


def test_user_create_without_password_cannot_sign_in(db):
    user = user_create(
        actor=None, username="ohne", office=reference_office(SOZIALAMT_TUEBINGEN), roles=[]
    )
    assert not user.has_usable_password()
    assert AuditEvent.objects.get(event_type=EventType.USER_CREATED).actor_label == "system"


def test_user_create_refuses_a_taken_name_in_any_case(caseworker):
    with pytest.raises(ValidationError) as error:
        user_create(
            actor=None,
            username=caseworker.username.upper(),
            office=caseworker.office,
            roles=[Role.CASEWORKER],
        )
    assert "username" in error.value.message_dict
    assert User.objects.filter(username__iexact=caseworker.username).count() == 1


def test_user_create_refuses_a_team_of_another_office(db):
    foreign_team = TeamFactory(office=reference_office(JOBCENTER_LUDWIGSBURG))
    with pytest.raises(ValidationError) as error:
        user_create(
            actor=None,
            username="falsch",
            office=reference_office(SOZIALAMT_TUEBINGEN),
            team=foreign_team,
            roles=[],
        )
    assert "team" in error.value.message_dict
    assert not User.objects.filter(username="falsch").exists()
    assert not AuditEvent.objects.filter(event_type=EventType.USER_CREATED).exists()


def test_user_set_roles_grants_and_revokes_with_events(administrator, caseworker):
    before = AuditEvent.objects.count()
    user_set_roles(actor=None, user=caseworker, roles=[Role.TEAM_LEAD, Role.ADMINISTRATOR])
    caseworker.refresh_from_db()
    assert set(caseworker.role_grants.values_list("role", flat=True)) == {"team_lead", "admin"}
    assert caseworker.is_staff  # administrators use the admin
    events = _events_about(caseworker)[-3:]
    assert events == [
        (EventType.ROLE_GRANTED, {"role": "admin"}),
        (EventType.ROLE_GRANTED, {"role": "team_lead"}),
        (EventType.ROLE_REVOKED, {"role": "caseworker"}),
    ]
    assert AuditEvent.objects.count() == before + 3

    user_set_roles(actor=administrator, user=caseworker, roles=[Role.TEAM_LEAD])  # revoking
    caseworker.refresh_from_db()
    assert not caseworker.is_staff
    assert _events_about(caseworker)[-1] == (EventType.ROLE_REVOKED, {"role": "admin"})


def test_user_set_roles_with_the_same_roles_records_nothing(administrator, caseworker):
    before = AuditEvent.objects.count()
    user_set_roles(actor=administrator, user=caseworker, roles=[Role.CASEWORKER])
    assert AuditEvent.objects.count() == before


def test_no_one_but_an_administrator_of_the_office_manages_its_staff(
    caseworker, team_lead, other_caseworker
):
    elsewhere = UserFactory(
        office=reference_office(JOBCENTER_LUDWIGSBURG), roles=[Role.ADMINISTRATOR]
    )
    for actor in (caseworker, elsewhere):
        with pytest.raises(PermissionDenied):
            user_set_roles(actor=actor, user=team_lead, roles=[Role.REGIONAL_PLANNER])
        with pytest.raises(PermissionDenied):
            user_deactivate(actor=actor, user=team_lead, reason="weg")
        with pytest.raises(PermissionDenied):
            user_update(actor=actor, user=team_lead, changes={"last_name": "Anders"})
    team_lead.refresh_from_db()
    assert (team_lead.role_set, team_lead.is_active) == ({"team_lead"}, True)
    assert team_lead.last_name == "Teamleitner"


def test_an_administrator_moves_nobody_to_another_office(administrator, team_lead):
    with pytest.raises(PermissionDenied):
        user_update(
            actor=administrator,
            user=team_lead,
            changes={"office": reference_office(JOBCENTER_LUDWIGSBURG)},
        )
    team_lead.refresh_from_db()
    assert team_lead.office.code == SOZIALAMT_TUEBINGEN


def test_a_team_is_made_in_ones_own_office_only(administrator):
    with pytest.raises(PermissionDenied):
        team_save(
            actor=administrator,
            team=Team(office=reference_office(JOBCENTER_LUDWIGSBURG), name="Fremd"),
            changed_fields=["name"],
        )
    assert not Team.objects.filter(name="Fremd").exists()


def test_user_deactivate_needs_a_reason_and_records_it(administrator, caseworker):
    with pytest.raises(ValidationError):
        user_deactivate(actor=administrator, user=caseworker, reason="  ")
    caseworker.refresh_from_db()
    assert caseworker.is_active

    user_deactivate(actor=administrator, user=caseworker, reason="moved to Ulm")
    caseworker.refresh_from_db()
    assert not caseworker.is_active
    event = AuditEvent.objects.get(event_type=EventType.USER_DEACTIVATED)
    assert (event.actor, event.reason, event.object_id) == (
        administrator,
        "moved to Ulm",
        str(caseworker.pk),
    )


# --- one transaction -------------------------------------------------------------------------
class Boom(Exception):
    pass


def test_a_failure_inside_user_create_leaves_neither_user_nor_events(db):
    # The user and USER_CREATED are written, then granting an unknown role fails: all of it
    # is rolled back, the audit event included.
    with pytest.raises(ValueError, match="not-a-role"):
        user_create(
            actor=None,
            username="halb",
            office=reference_office(SOZIALAMT_TUEBINGEN),
            roles=[Role.CASEWORKER, "not-a-role"],
        )
    assert not User.objects.filter(username="halb").exists()
    assert not AuditEvent.objects.exists()
    assert not RoleGrant.objects.exists()


def test_changes_and_events_roll_back_with_the_callers_transaction(administrator, caseworker):
    events_before = AuditEvent.objects.count()

    def change_then_fail():
        with transaction.atomic():
            user_create(
                actor=administrator,
                username="zurueck",
                office=administrator.office,
                roles=[Role.CASEWORKER],
            )
            user_set_roles(actor=administrator, user=caseworker, roles=[Role.REGIONAL_PLANNER])
            user_deactivate(actor=administrator, user=caseworker, reason="test")
            raise Boom

    with pytest.raises(Boom):
        change_then_fail()
    caseworker.refresh_from_db()
    assert caseworker.is_active
    assert caseworker.role_grants.get().role == Role.CASEWORKER
    assert not User.objects.filter(username="zurueck").exists()
    assert AuditEvent.objects.count() == events_before


def test_changes_and_events_commit_together(administrator, caseworker):
    with transaction.atomic():
        user_deactivate(actor=administrator, user=caseworker, reason="retired")
    caseworker.refresh_from_db()
    assert not caseworker.is_active
    assert AuditEvent.objects.filter(event_type=EventType.USER_DEACTIVATED).count() == 1
