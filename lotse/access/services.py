"""Staff and reference-data administration. Each service asks the policy itself and writes its
audit event in the same transaction.

`actor=None` is a system action (a management command, the demo seed): it is not asked and is
recorded as "system". Everything an administrator does names them as the actor.

Four eyes: a role that reaches person data (policy.ROLES_NEEDING_APPROVAL), and any role for
oneself, is only requested (`role_grant_request`) until a second administrator approves it
(`role_grant_approve`); reference data of the Land changes only by a Land administrator's request
(`reference_change_request`) that another Land administrator approves
(`reference_change_approve`).
"""

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize, role_grant_needs_approval
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.organisations.models import (
    Gemeinde,
    Jurisdiction,
    Kreis,
    Office,
    OfficeKind,
    ReferenceChangeRequest,
    ReferenceTarget,
    RequestStatus,
    Role,
    RoleGrant,
    RoleGrantRequest,
    Team,
    User,
)
from lotse.organisations.reference import DEFAULT_CSV, LoadReport, load_reference_data, read_rows


def _authorize(actor: User | None, action: Action, obj: models.Model | None = None) -> None:
    """Ask the policy, unless this is a system action (actor None)."""
    if actor is not None:
        authorize(actor, action, obj, hide_existence=False)


def _check_team(office: Office | None, team: Team | None) -> None:
    if team is not None and team.office_id != office.pk:  # type: ignore[union-attr]
        raise ValidationError({"team": _("The team must belong to the user's office.")})


# --- staff -------------------------------------------------------------------------------------
@atomic_service
def user_create(
    *,
    actor: User | None,
    username: str,
    office: Office,
    roles: Iterable[Role],
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    team: Team | None = None,
) -> User:
    """A new member of staff. Roles that need a second administrator are only requested."""
    _authorize(actor, Action.MANAGE_USERS, office)
    _check_team(office, team)
    username = User.normalize_username(username)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("A user with this name exists already.")})
    user = User(
        username=username,
        office=office,
        team=team,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        event_type=EventType.USER_CREATED,
        actor=actor,
        obj=user,
        details={"username": username, "office": office.code},
    )
    user_set_roles(actor=actor, user=user, roles=roles)
    return user


USER_FIELDS = frozenset({"username", "first_name", "last_name", "email", "office", "team"})
USER_FIELDS |= {"is_active"}


@atomic_service
def user_update(*, actor: User, user: User, changes: dict[str, Any]) -> User:
    """An administrator's edit of a member of staff (names, e-mail, office, team, active)."""
    unknown = set(changes) - USER_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    stored = User.objects.select_for_update(of=("self",)).select_related("office").get(pk=user.pk)
    _authorize(actor, Action.MANAGE_USERS, stored)
    if "office" in changes and changes["office"] != stored.office:
        _authorize(actor, Action.MANAGE_USERS, changes["office"])
    for name, value in changes.items():
        setattr(stored, name, value)
    _check_team(stored.office, stored.team)
    stored.full_clean(exclude=["password"])
    stored.save()
    if changes:
        audit_record(
            event_type=EventType.USER_CHANGED,
            actor=actor,
            obj=stored,
            details={"fields": sorted(changes)},
        )
    return stored


@atomic_service
def user_set_password(*, actor: User, user: User, password: str) -> User:
    """An administrator sets a member of staff's password (e.g. the initial one)."""
    _authorize(actor, Action.MANAGE_USERS, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        event_type=EventType.USER_CHANGED, actor=actor, obj=user, details={"fields": ["password"]}
    )
    return user


def _sync_staff_flag(user: User) -> None:
    user.__dict__.pop("_role_cache", None)
    # The Django admin is the administrators' tool for staff and reference data.
    is_staff = user.has_role(Role.ADMINISTRATOR) or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


def _grant(*, actor: User | None, user: User, role: Role, request: RoleGrantRequest | None) -> None:
    RoleGrant.objects.get_or_create(user=user, role=role)
    details: dict[str, Any] = {"role": role}
    if request is not None:
        details["request"] = request.pk
    audit_record(event_type=EventType.ROLE_GRANTED, actor=actor, obj=user, details=details)


@atomic_service
def user_set_roles(*, actor: User | None, user: User, roles: Iterable[Role]) -> User:
    """Set a member of staff's roles. Revoking takes effect at once; granting a role that needs
    a second administrator (or any role to oneself) becomes a pending request instead."""
    wanted = {Role(r) for r in roles}
    _authorize(actor, Action.MANAGE_USERS, user)
    current = set(user.role_grants.values_list("role", flat=True))
    for role in sorted(wanted - current):
        if actor is not None and role_grant_needs_approval(actor, user, role):
            role_grant_request(actor=actor, user=user, role=role)
        else:
            _grant(actor=actor, user=user, role=role, request=None)
    for revoked in sorted(current - wanted):
        RoleGrant.objects.filter(user=user, role=revoked).delete()
        audit_record(
            event_type=EventType.ROLE_REVOKED, actor=actor, obj=user, details={"role": revoked}
        )
    _sync_staff_flag(user)
    return user


@atomic_service
def user_deactivate(*, actor: User, user: User, reason: str) -> User:
    _authorize(actor, Action.MANAGE_USERS, user)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the account is deactivated.")})
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(event_type=EventType.USER_DEACTIVATED, actor=actor, obj=user, reason=reason)
    return user


@atomic_service
def team_save(*, actor: User, team: Team, changed_fields: list[str]) -> Team:
    """An administrator's new or edited team of their own office."""
    if team.pk is not None:
        _authorize(actor, Action.MANAGE_USERS, Team.objects.get(pk=team.pk))
    _authorize(actor, Action.MANAGE_USERS, team)
    team.full_clean()
    team.save()
    audit_record(
        event_type=EventType.REFERENCE_DATA_CHANGED,
        actor=actor,
        obj=team,
        details={"fields": changed_fields},
    )
    return team


# --- four eyes on roles ------------------------------------------------------------------------
@atomic_service
def role_grant_request(
    *, actor: User, user: User, role: Role, reason: str = ""
) -> RoleGrantRequest:
    """Ask for `role` for `user`; it takes effect when a second administrator approves it."""
    role = Role(role)
    _authorize(actor, Action.MANAGE_USERS, user)
    pending = RoleGrantRequest.objects.filter(
        user=user, role=role, status=RequestStatus.PENDING
    ).first()
    if pending is not None:
        return pending
    request = RoleGrantRequest.objects.create(
        user=user, role=role, requested_by=actor, reason=reason.strip()
    )
    audit_record(
        event_type=EventType.ROLE_GRANT_REQUESTED,
        actor=actor,
        obj=user,
        reason=request.reason,
        details={"role": role, "request": request.pk},
    )
    return request


def _locked_role_request(request: RoleGrantRequest) -> RoleGrantRequest:
    return (
        RoleGrantRequest.objects.select_for_update(of=("self",))
        .select_related("user__office")
        .get(pk=request.pk)
    )


@atomic_service
def role_grant_approve(
    *, actor: User, request: RoleGrantRequest, note: str = ""
) -> RoleGrantRequest:
    """A second administrator (neither the requester nor the grantee) approves: the role holds."""
    request = _locked_role_request(request)
    _authorize(actor, Action.APPROVE_ROLE_GRANT, request)
    request.status = RequestStatus.APPROVED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save()
    audit_record(
        event_type=EventType.ROLE_GRANT_APPROVED,
        actor=actor,
        obj=request.user,
        reason=request.decision_note,
        details={
            "role": request.role,
            "request": request.pk,
            "requested_by": request.requested_by_id,
        },
    )
    _grant(actor=actor, user=request.user, role=Role(request.role), request=request)
    _sync_staff_flag(request.user)
    return request


@atomic_service
def role_grant_refuse(*, actor: User, request: RoleGrantRequest, note: str) -> RoleGrantRequest:
    """A second administrator refuses, saying why: the role is not granted."""
    request = _locked_role_request(request)
    _authorize(actor, Action.APPROVE_ROLE_GRANT, request)
    if not note.strip():
        raise ValidationError({"decision_note": _("Say why the request is refused.")})
    request.status = RequestStatus.REFUSED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save()
    audit_record(
        event_type=EventType.ROLE_GRANT_REFUSED,
        actor=actor,
        obj=request.user,
        reason=request.decision_note,
        details={
            "role": request.role,
            "request": request.pk,
            "requested_by": request.requested_by_id,
        },
    )
    return request


# --- four eyes on reference data of the Land --------------------------------------------------
REFERENCE_MODELS: dict[str, type[models.Model]] = {
    ReferenceTarget.KREIS: Kreis,
    ReferenceTarget.GEMEINDE: Gemeinde,
    ReferenceTarget.OFFICE: Office,
    ReferenceTarget.JURISDICTION: Jurisdiction,
}


def reference_change_value(value: Any) -> Any:
    """A form's cleaned value as it is kept in a request (JSON)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(v.pk if isinstance(v, models.Model) else v for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _editable_fields(model: type[models.Model]) -> dict[str, models.Field]:
    return {
        f.name: f
        for f in model._meta.get_fields()
        if getattr(f, "editable", False) and not f.auto_created and f.concrete
    } | {f.name: f for f in model._meta.many_to_many}


def _build(
    target: str, object_id: int | None, changes: dict[str, Any]
) -> tuple[models.Model, dict[str, list]]:
    """The object as it would be with `changes` applied (not saved), and its many-to-many
    values; invalid changes raise ValidationError."""
    model = REFERENCE_MODELS[ReferenceTarget(target)]
    fields = _editable_fields(model)
    unknown = set(changes) - set(fields) - {"created_at", "updated_at"}
    if unknown or not changes:
        raise ValidationError(_("This change cannot be requested."))
    obj = model._default_manager.get(pk=object_id) if object_id is not None else model()
    many: dict[str, list] = {}
    for name, value in changes.items():
        field = fields[name]
        if field.many_to_many:
            many[name] = list(value or [])
        elif field.is_relation:
            setattr(obj, field.attname, value)
        else:
            setattr(obj, name, field.to_python(value))
    obj.full_clean()
    if isinstance(obj, Jurisdiction) and obj.office.kind == OfficeKind.LAND:
        raise ValidationError(_("The Land administration serves no Kreis."))
    if isinstance(obj, Office) and obj.kind == OfficeKind.LAND:
        # Its administrators are Land administrators: it must not serve a Kreis as well.
        if obj.kreis_id or (obj.pk and obj.jurisdictions.exists()):
            raise ValidationError(_("The Land administration belongs to no Kreis."))
    return obj, many


@atomic_service
def reference_change_request(
    *,
    actor: User,
    target: ReferenceTarget,
    object_id: int | None,
    changes: dict[str, Any],
    reason: str = "",
) -> ReferenceChangeRequest:
    """A Land administrator asks for a change of reference data (a new row where object_id is
    None). It is checked now and applied when a second Land administrator approves it."""
    _authorize(actor, Action.MANAGE_REFERENCE_DATA)
    changes = {name: reference_change_value(value) for name, value in changes.items()}
    _build(target, object_id, changes)
    request = ReferenceChangeRequest.objects.create(
        target=target,
        object_id=object_id,
        changes=changes,
        requested_by=actor,
        reason=reason.strip(),
    )
    audit_record(
        event_type=EventType.REFERENCE_CHANGE_REQUESTED,
        actor=actor,
        obj=request,
        reason=request.reason,
        details={"target": str(target), "object": object_id, "changes": changes},
    )
    return request


def _locked_reference_request(request: ReferenceChangeRequest) -> ReferenceChangeRequest:
    return ReferenceChangeRequest.objects.select_for_update().get(pk=request.pk)


@atomic_service
def reference_change_approve(
    *, actor: User, request: ReferenceChangeRequest, note: str = ""
) -> models.Model:
    """A second Land administrator approves: the change is made (and returned)."""
    request = _locked_reference_request(request)
    _authorize(actor, Action.APPROVE_REFERENCE_CHANGE, request)
    obj, many = _build(request.target, request.object_id, request.changes)
    obj.save()
    for name, keys in many.items():
        getattr(obj, name).set(keys)
    request.status = RequestStatus.APPROVED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    if request.object_id is None:
        request.object_id = obj.pk
    request.save()
    audit_record(
        event_type=EventType.REFERENCE_CHANGE_APPROVED,
        actor=actor,
        obj=request,
        reason=request.decision_note,
        details={"requested_by": request.requested_by_id},
    )
    audit_record(
        event_type=EventType.REFERENCE_DATA_CHANGED,
        actor=actor,
        obj=obj,
        details={"fields": sorted(request.changes), "request": request.pk},
    )
    return obj


@atomic_service
def reference_change_refuse(
    *, actor: User, request: ReferenceChangeRequest, note: str
) -> ReferenceChangeRequest:
    request = _locked_reference_request(request)
    _authorize(actor, Action.APPROVE_REFERENCE_CHANGE, request)
    if not note.strip():
        raise ValidationError({"decision_note": _("Say why the request is refused.")})
    request.status = RequestStatus.REFUSED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save()
    audit_record(
        event_type=EventType.REFERENCE_CHANGE_REFUSED,
        actor=actor,
        obj=request,
        reason=request.decision_note,
        details={"requested_by": request.requested_by_id},
    )
    return request


@atomic_service
def reference_data_load(*, actor: User | None, path: Path = DEFAULT_CSV) -> LoadReport:
    _authorize(actor, Action.MANAGE_REFERENCE_DATA)
    report = load_reference_data(django_apps, read_rows(path))
    audit_record(
        event_type=EventType.REFERENCE_DATA_LOADED,
        actor=actor,
        details={"file": path.name, "created": report.created},
    )
    return report
