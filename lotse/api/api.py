"""The JSON API under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs, both
for signed-in staff only).

Endpoints are thin: they call the same selectors and services as the pages, so the same access
policy applies and the same audit events are written. Authentication is the signed-in session
(with its second factor) for now; CSRF protection applies to unsafe methods.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from lotse.access.decorators import requires
from lotse.access.policy import Action, authorize
from lotse.access.selectors import kreis_get, kreis_list, office_get, office_list
from lotse.api.schemas import AuditEventOut, ErrorOut, KreisOut, MeOut, OfficeOut
from lotse.audit.selectors import AuditFilters, audit_event_search


def _signed_in(view):
    """The API's description and interactive docs, like every endpoint, for signed-in staff
    only (docs/access-model.md); a visitor gets the API's 401."""

    def docs(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        authorize(request.user, Action.VIEW_START)
        return view(request, *args, **kwargs)

    docs.lotse_action = Action.VIEW_START
    docs.lotse_person_data = False
    return docs


api = NinjaAPI(
    title="lotse API",
    version="1",
    description="Joint case platform for refugee integration into work and training.",
    auth=django_auth,
    urls_namespace="api",
    docs_decorator=_signed_in,
)


from lotse.api.cases import router as cases_router  # noqa: E402 - after the api exists
from lotse.api.consents import router as consents_router  # noqa: E402

api.add_router("/", cases_router)
api.add_router("/", consents_router)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": exc.messages}, status=422)


@api.get("/me", response=MeOut, tags=["staff"])
@requires(Action.VIEW_START)
def me(request):
    user = request.user
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "office": user.office,
        "team": user.team.name if user.team_id else None,
        "roles": sorted(user.role_set),
    }


@api.get("/kreise", response=list[KreisOut], tags=["directory"])
@requires(Action.VIEW_DIRECTORY)
def kreise(request, q: str = ""):
    return list(kreis_list(actor=request.user, query=q))


@api.get("/kreise/{code}", response={200: KreisOut, 404: ErrorOut}, tags=["directory"])
@requires(Action.VIEW_DIRECTORY)
def kreis(request, code: str):
    return kreis_get(actor=request.user, code=code)


@api.get("/offices", response=list[OfficeOut], tags=["directory"])
@paginate(LimitOffsetPagination)
@requires(Action.VIEW_DIRECTORY)
def offices(request, kind: str = "", q: str = ""):
    return office_list(actor=request.user, kind=kind, query=q)


@api.get("/offices/{code}", response={200: OfficeOut, 404: ErrorOut}, tags=["directory"])
@requires(Action.VIEW_DIRECTORY)
def office(request, code: str):
    return office_get(actor=request.user, code=code)


@api.get("/audit/events", response=list[AuditEventOut], tags=["audit"])
@paginate(LimitOffsetPagination)
@requires(Action.VIEW_AUDIT_TRAIL)
def audit_events(
    request,
    q: str = "",
    event_type: str = "",
    outcome: str = "",
    person: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
):
    filters = AuditFilters(
        text=q,
        event_type=event_type,
        outcome=outcome,
        person_id=person,
        date_from=date_from,
        date_to=date_to,
    )
    return audit_event_search(actor=request.user, filters=filters)
