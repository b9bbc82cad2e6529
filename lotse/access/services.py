"""Staff and reference-data administration: writes that check nothing but are called only
after the policy allowed them (views, admin, commands), each writing its audit event."""

from collections.abc import Iterable
from pathlib import Path

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.organisations.models import Office, Role, RoleGrant, Team, User
from lotse.organisations.reference import DEFAULT_CSV, LoadReport, load_reference_data, read_rows


def _check_team(office: Office, team: Team | None) -> None:
    if team is not None and team.office_id != office.pk:
        raise ValidationError({"team": _("The team must belong to the user's office.")})


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


@atomic_service
def user_set_roles(*, actor: User | None, user: User, roles: Iterable[Role]) -> User:
    wanted = {Role(r) for r in roles}
    current = set(user.role_grants.values_list("role", flat=True))
    for role in sorted(wanted - current):
        RoleGrant.objects.create(user=user, role=role)
        audit_record(
            event_type=EventType.ROLE_GRANTED, actor=actor, obj=user, details={"role": role}
        )
    for role in sorted(current - wanted):
        RoleGrant.objects.filter(user=user, role=role).delete()
        audit_record(
            event_type=EventType.ROLE_REVOKED, actor=actor, obj=user, details={"role": role}
        )
    # The Django admin is the administrators' tool for staff and reference data.
    is_staff = Role.ADMINISTRATOR in wanted or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_role_cache", None)
    return user


@atomic_service
def user_deactivate(*, actor: User, user: User, reason: str) -> User:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the account is deactivated.")})
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(event_type=EventType.USER_DEACTIVATED, actor=actor, obj=user, reason=reason)
    return user


@atomic_service
def user_record_change(*, actor: User, user: User, changed_fields: list[str]) -> None:
    """Record an administrator's edit of a user (made through the admin form)."""
    audit_record(
        event_type=EventType.USER_CHANGED, actor=actor, obj=user, details={"fields": changed_fields}
    )


@atomic_service
def reference_data_save(
    *, actor: User, obj: models.Model, changed_fields: list[str]
) -> models.Model:
    """Save an administrator's edit of reference data (Kreis, office, team, …)."""
    obj.full_clean()
    obj.save()
    audit_record(
        event_type=EventType.REFERENCE_DATA_CHANGED,
        actor=actor,
        obj=obj,
        details={"fields": changed_fields},
    )
    return obj


@atomic_service
def reference_data_load(*, actor: User | None, path: Path = DEFAULT_CSV) -> LoadReport:
    report = load_reference_data(django_apps, read_rows(path))
    audit_record(
        event_type=EventType.REFERENCE_DATA_LOADED,
        actor=actor,
        details={"file": path.name, "created": report.created},
    )
    return report
