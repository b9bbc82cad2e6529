"""Start page, directory of regions and offices, the user's own account page, error pages."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lotse.access.decorators import public, requires
from lotse.access.policy import Action, decide
from lotse.access.selectors import (
    kreis_get,
    kreis_list,
    office_get,
    office_list,
    office_staff_list,
)
from lotse.cases.selectors import start_page_work
from lotse.core.limits import upload_limit_mb
from lotse.core.middleware import health_response
from lotse.core.params import search_text
from lotse.organisations.models import OfficeKind
from lotse.plans.selectors import steps_this_week
from lotse.status.selectors import switch_warnings, switches_upcoming
from lotse.subject_rights.selectors import office_corrections_waiting


@require_safe
@requires(Action.VIEW_START)
def start(request):
    work = start_page_work(actor=request.user)
    return render(
        request,
        "web/start.html",
        {
            "today": timezone.localdate(),
            "work": work,
            "switches": switches_upcoming(actor=request.user),
            "corrections": office_corrections_waiting(actor=request.user),
            "switch_warnings": switch_warnings(actor=request.user),
            "plan_week": steps_this_week(actor=request.user),
        },
    )


@require_safe
@requires(Action.VIEW_DIRECTORY)
def kreis_index(request):
    query = search_text(request)
    kreise = kreis_list(actor=request.user, query=query)
    template = "web/_kreis_rows.html" if request.htmx else "web/kreis_list.html"
    return render(request, template, {"kreise": kreise, "query": query})


@require_safe
@requires(Action.VIEW_DIRECTORY)
def kreis_detail(request, code: str):
    kreis = kreis_get(actor=request.user, code=code)
    offices = office_list(actor=request.user, kreis=kreis)
    return render(request, "web/kreis_detail.html", {"kreis": kreis, "offices": offices})


@require_safe
@requires(Action.VIEW_DIRECTORY)
def office_index(request):
    kind = request.GET.get("kind", "")
    if kind not in OfficeKind.values:
        kind = ""
    query = search_text(request)
    offices = office_list(actor=request.user, kind=kind, query=query)
    return render(
        request,
        "web/office_list.html",
        {"offices": offices, "kind": kind, "query": query, "kinds": OfficeKind.choices},
    )


@require_safe
@requires(Action.VIEW_DIRECTORY)
def office_detail(request, code: str):
    office = office_get(actor=request.user, code=code)
    staff = None
    if decide(request.user, Action.VIEW_OFFICE_STAFF, office):
        staff = office_staff_list(actor=request.user, office=office)
    today = timezone.localdate()
    return render(
        request,
        "web/office_detail.html",
        {
            "office": office,
            "kreise": office.kreise_served(today),
            "jurisdictions": office.jurisdictions.select_related("kreis").order_by("valid_from"),
            "teams": office.teams.filter(active=True),
            "staff": staff,
        },
    )


@require_safe
@requires(Action.VIEW_START)
def account(request):
    return render(request, "web/account.html", {"roles": request.user.role_grants.all()})


@require_safe
@public
def health(request):
    """Liveness and database check for the load balancer; reveals nothing else. GET and HEAD
    are answered by lotse.core.middleware.HealthCheckMiddleware before they get here."""
    return health_response()


@public
def error_400(request, exception=None):
    """A bad request; one over the upload limit (DATA_UPLOAD_MAX_MEMORY_SIZE) says so (413)."""
    too_big = isinstance(exception, RequestDataTooBig)
    status = 413 if too_big else 400
    if request.path.startswith("/api/"):
        message = _("The request is too large.") if too_big else _("The request is invalid.")
        return JsonResponse({"detail": str(message)}, status=status)
    context = {"too_big": too_big, "limit_mb": upload_limit_mb()}
    return render(request, "400.html", context, status=status)


@public
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@public
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@public
def error_500(request):
    # Without the request: no context processors, so no database and no user are needed while
    # something is broken (the template is standalone). The language is already active.
    return HttpResponseServerError(loader.get_template("500.html").render())
