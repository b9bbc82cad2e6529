"""Reads of offices, regions and staff, each asking the access policy first.

They live here and not in `organisations` because organisations sits below the policy in the
stack (docs/architecture.md)."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lotse.access.policy import Action, authorize
from lotse.organisations.models import JobcenterForm, Kreis, Office, OfficeKind, User


def kreis_list(*, actor: User, query: str = "") -> QuerySet[Kreis]:
    authorize(actor, Action.VIEW_DIRECTORY)
    kreise = Kreis.objects.annotate(office_count=Count("offices"))
    if query:
        kreise = kreise.filter(Q(name__icontains=query) | Q(code__startswith=query))
    return kreise.order_by("code")


def kreis_get(*, actor: User, code: str) -> Kreis:
    authorize(actor, Action.VIEW_DIRECTORY)
    return get_object_or_404(Kreis, code=code)


def office_list(
    *,
    actor: User,
    kind: str = "",
    kreis: Kreis | None = None,
    query: str = "",
    current_only: bool = True,
) -> QuerySet[Office]:
    authorize(actor, Action.VIEW_DIRECTORY)
    offices = Office.objects.select_related("kreis")
    if current_only:
        offices = offices.valid_on(timezone.localdate())
    if kind:
        offices = offices.filter(kind=kind)
    if kreis is not None:
        today = timezone.localdate()
        offices = offices.filter(
            Q(jurisdictions__kreis=kreis, jurisdictions__valid_from__lte=today)
            & (Q(jurisdictions__valid_to__isnull=True) | Q(jurisdictions__valid_to__gte=today))
        ).distinct()
    if query:
        offices = offices.filter(name__icontains=query)
    return offices.order_by("name")


def office_get(*, actor: User, code: str) -> Office:
    authorize(actor, Action.VIEW_DIRECTORY)
    return get_object_or_404(Office.objects.select_related("kreis"), code=code)


def office_staff_list(*, actor: User, office: Office) -> QuerySet[User]:
    authorize(actor, Action.VIEW_OFFICE_STAFF, office)
    return (
        User.objects.filter(office=office, is_active=True)
        .select_related("team")
        .prefetch_related("role_grants")
        .order_by("last_name", "first_name", "username")
    )


def controller_offices(office: Office) -> QuerySet[Office]:
    """The offices that share a data controller with `office` (see Office.controller_key)."""
    if office.kreis_id and (
        office.kind != OfficeKind.JOBCENTER or office.jobcenter_form == JobcenterForm.ZKT
    ):
        return Office.objects.filter(kreis_id=office.kreis_id).exclude(
            kind=OfficeKind.JOBCENTER, jobcenter_form=JobcenterForm.GE
        )
    return Office.objects.filter(pk=office.pk)
