"""Four eyes on roles: an administrator requests a role that reaches person data (or any role
for themselves); it holds only once a second administrator — neither the requester nor the
grantee — approves it. Each step is an audit event. Through the admin's pages, as used."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from conftest import english
from lotse.access.services import (
    role_grant_approve,
    role_grant_refuse,
    role_grant_request,
    user_create,
    user_set_roles,
)
from lotse.audit.models import AuditEvent, EventType
from lotse.organisations.models import RequestStatus, Role, RoleGrantRequest, User
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import (
    JOBCENTER_LUDWIGSBURG,
    LAND_OFFICE,
    SOZIALAMT_TUEBINGEN,
)


def _change_url(user: User) -> str:
    return f"/admin/organisations/user/{user.pk}/change/"


def _user_form(user: User, roles: list[str]) -> dict:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "office": user.office_id,
        "team": user.team_id or "",
        "roles": roles,
        "is_active": "on" if user.is_active else "",
        "_save": "Save",
    }


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def _events(event_type: str, user: User) -> AuditEvent:
    return AuditEvent.objects.filter(
        event_type=event_type, object_type="organisations.User", object_id=str(user.pk)
    )


@pytest.fixture
def second_admin(db) -> User:
    """Another administrator of the same office (made by the system, like the demo's)."""
    return UserFactory(username="zweite-admin", roles=[Role.ADMINISTRATOR])


def _decide(client, request: RoleGrantRequest, decision: str, note: str = ""):
    return client.post(
        f"/admin/organisations/rolegrantrequest/{request.pk}/change/",
        {"decision": decision, "note": note, "_save": "Save"},
    )


def test_an_administrator_posting_roles_to_themselves_gains_nothing_yet(administrator, client_for):
    client = client_for(administrator)
    response = client.post(
        _change_url(administrator), _user_form(administrator, ["admin", "caseworker"])
    )

    assert response.status_code == 302
    me = _fresh(administrator)
    assert me.role_set == {"admin"}
    assert client_for(me).get("/cases/").status_code == 403
    request = RoleGrantRequest.objects.get(user=me)
    assert (request.role, request.status, request.requested_by) == (
        Role.CASEWORKER,
        RequestStatus.PENDING,
        administrator,
    )
    assert _events(EventType.ROLE_GRANT_REQUESTED, me).get().details == {
        "role": "caseworker",
        "request": request.pk,
    }
    assert not _events(EventType.ROLE_GRANTED, me).filter(details__role="caseworker").exists()


def test_roles_with_person_data_for_another_user_are_requested(administrator, planner, client_for):
    client = client_for(administrator)
    response = client.post(
        _change_url(planner), _user_form(planner, ["planner", "team_lead", "dpo"])
    )

    assert response.status_code == 302
    assert _fresh(planner).role_set == {"planner"}
    assert set(RoleGrantRequest.objects.filter(user=planner).values_list("role", flat=True)) == {
        "team_lead",
        "dpo",
    }
    # Saving again asks no second time.
    client.post(_change_url(planner), _user_form(_fresh(planner), ["planner", "team_lead", "dpo"]))
    assert RoleGrantRequest.objects.filter(user=planner).count() == 2


def test_the_planner_role_for_another_holds_at_once_and_revoking_needs_nobody(
    administrator, caseworker
):
    user_set_roles(actor=administrator, user=caseworker, roles=[Role.REGIONAL_PLANNER])
    assert _fresh(caseworker).role_set == {"planner"}
    assert not RoleGrantRequest.objects.exists()


def test_a_second_administrator_approves_and_then_the_role_holds(
    administrator, second_admin, client_for
):
    client_for(administrator).post(
        _change_url(administrator), _user_form(administrator, ["admin", "caseworker"])
    )
    request = RoleGrantRequest.objects.get()

    listing = english(client_for(second_admin)).get("/admin/organisations/rolegrantrequest/")
    assert listing.status_code == 200
    assert administrator.username in listing.content.decode()

    response = _decide(client_for(second_admin), request, "approve")
    assert response.status_code == 302
    me = _fresh(administrator)
    assert me.role_set == {"admin", "caseworker"}
    assert client_for(me).get("/cases/").status_code == 200
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, second_admin)
    approved = _events(EventType.ROLE_GRANT_APPROVED, me).get()
    assert approved.actor == second_admin
    assert approved.details["requested_by"] == administrator.pk
    granted = _events(EventType.ROLE_GRANTED, me).get(details__role="caseworker")
    assert granted.actor == second_admin


def test_the_requester_cannot_approve_their_own_request(administrator, planner, client_for):
    request = role_grant_request(actor=administrator, user=planner, role=Role.CASEWORKER)

    response = _decide(english(client_for(administrator)), request, "approve")
    assert response.status_code == 200
    assert "You made this request yourself" in response.content.decode()
    with pytest.raises(PermissionDenied):
        role_grant_approve(actor=administrator, request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert _fresh(planner).role_set == {"planner"}
    assert not _events(EventType.ROLE_GRANT_APPROVED, planner).exists()
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED, actor=administrator, action="role_grant.approve"
    ).exists()


def test_the_grantee_cannot_approve_a_role_for_themselves(administrator, second_admin):
    request = role_grant_request(actor=administrator, user=second_admin, role=Role.CASEWORKER)
    with pytest.raises(PermissionDenied):
        role_grant_approve(actor=second_admin, request=request)
    assert _fresh(second_admin).role_set == {"admin"}


def test_an_administrator_of_another_office_neither_sees_nor_decides(
    administrator, planner, client_for
):
    request = role_grant_request(actor=administrator, user=planner, role=Role.CASEWORKER)
    elsewhere = UserFactory(
        office=reference_office(JOBCENTER_LUDWIGSBURG), roles=[Role.ADMINISTRATOR]
    )
    response = _decide(client_for(elsewhere), request, "approve")
    assert response.status_code in (302, 404)
    with pytest.raises(PermissionDenied):
        role_grant_approve(actor=elsewhere, request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_a_caseworker_cannot_decide(administrator, planner, caseworker, client_for):
    request = role_grant_request(actor=administrator, user=planner, role=Role.TEAM_LEAD)
    assert _decide(client_for(caseworker), request, "approve").status_code == 302  # to sign-in
    with pytest.raises(PermissionDenied):
        role_grant_approve(actor=caseworker, request=request)
    assert _fresh(planner).role_set == {"planner"}


def test_a_refusal_needs_a_reason_and_is_recorded(administrator, second_admin, planner, client_for):
    request = role_grant_request(actor=administrator, user=planner, role=Role.CASEWORKER)
    client = english(client_for(second_admin))

    response = _decide(client, request, "refuse")
    assert response.status_code == 200
    assert "Say why the request is refused." in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING

    assert _decide(client, request, "refuse", "Nicht in diesem Team").status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decision_note) == (
        RequestStatus.REFUSED,
        "Nicht in diesem Team",
    )
    assert _fresh(planner).role_set == {"planner"}
    refused = _events(EventType.ROLE_GRANT_REFUSED, planner).get()
    assert (refused.actor, refused.reason) == (second_admin, "Nicht in diesem Team")
    # A decided request is decided: approving it later changes nothing.
    with pytest.raises(PermissionDenied):
        role_grant_approve(actor=second_admin, request=request)
    with pytest.raises(PermissionDenied):
        role_grant_refuse(actor=second_admin, request=request, note="again")


def test_a_new_user_with_person_data_roles_through_the_admin_waits_for_approval(
    administrator, client_for
):
    response = client_for(administrator).post(
        "/admin/organisations/user/add/",
        {
            "username": "neu-sb",
            "password1": "ein-langes-Passwort-7",
            "password2": "ein-langes-Passwort-7",
            "usable_password": "true",
            "office": reference_office(SOZIALAMT_TUEBINGEN).pk,
            "roles": ["caseworker"],
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new = User.objects.get(username="neu-sb")
    assert new.role_set == frozenset()
    assert new.check_password("ein-langes-Passwort-7")
    assert RoleGrantRequest.objects.get(user=new).role == Role.CASEWORKER
    assert _events(EventType.USER_CREATED, new).get().actor == administrator


def test_an_administrator_cannot_make_staff_in_another_office(administrator, client_for):
    response = client_for(administrator).post(
        "/admin/organisations/user/add/",
        {
            "username": "fremd",
            "password1": "ein-langes-Passwort-7",
            "password2": "ein-langes-Passwort-7",
            "office": reference_office(JOBCENTER_LUDWIGSBURG).pk,
            "roles": [],
            "_save": "Save",
        },
    )
    assert response.status_code == 200  # the form says the office is not a choice
    assert not User.objects.filter(username="fremd").exists()
    with pytest.raises(PermissionDenied):
        user_create(
            actor=administrator,
            username="fremd",
            office=reference_office(JOBCENTER_LUDWIGSBURG),
            roles=[],
        )


def test_setting_a_password_in_the_admin_goes_through_the_service(
    administrator, planner, client_for
):
    response = client_for(administrator).post(
        f"/admin/organisations/user/{planner.pk}/password/",
        {
            "password1": "ein-neues-Passwort-8",
            "password2": "ein-neues-Passwort-8",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert _fresh(planner).check_password("ein-neues-Passwort-8")
    changed = _events(EventType.USER_CHANGED, planner).get()
    assert (changed.actor, changed.details) == (administrator, {"fields": ["password"]})


def test_the_first_administrators_are_made_on_the_command_line(db):
    out = io.StringIO()
    call_command(
        "create_staff", "Erste-Admin", "--office", LAND_OFFICE, "--role", "admin", stdout=out
    )
    user = User.objects.get(username="erste-admin")
    assert user.role_set == {"admin"}
    assert user.is_staff
    assert not user.has_usable_password()
    assert "changepassword erste-admin" in out.getvalue()
    assert _events(EventType.ROLE_GRANTED, user).get().actor_label == "system"
    with pytest.raises(CommandError, match="No office"):
        call_command("create_staff", "x", "--office", "nirgends", "--role", "admin")
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_staff", "erste-admin", "--office", LAND_OFFICE)


def test_the_user_page_says_which_roles_wait_for_approval(administrator, planner, client_for):
    role_grant_request(actor=administrator, user=planner, role=Role.TEAM_LEAD)
    page = english(client_for(administrator)).get(_change_url(planner)).content.decode()
    assert "Waiting for approval: Team lead." in page


def test_a_land_administrator_approves_for_an_office_with_one_administrator(
    administrator, planner, make_persona, client_for
):
    land_admin = make_persona("land_admin")
    request = role_grant_request(actor=administrator, user=planner, role=Role.CASEWORKER)
    listing = client_for(land_admin).get("/admin/organisations/rolegrantrequest/")
    assert planner.username in listing.content.decode()

    assert _decide(client_for(land_admin), request, "approve").status_code == 302
    assert _fresh(planner).role_set == {"planner", "caseworker"}
    # …but a Land administrator's own roles are approved by another, not by themselves.
    own = role_grant_request(actor=land_admin, user=land_admin, role=Role.CASEWORKER)
    with pytest.raises(PermissionDenied):
        role_grant_approve(actor=land_admin, request=own)
