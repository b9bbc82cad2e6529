"""The JSON API under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs, both
for signed-in staff only).

Endpoints are thin: they call the same selectors and services as the pages, so the same access
policy applies and the same audit events are written. Authentication is the signed-in session
(with its second factor) for now; CSRF protection applies to unsafe methods.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.pagination import paginate
from ninja.security import django_auth

from lotse.access.decorators import requires
from lotse.access.policy import Action, authorize
from lotse.access.selectors import kreis_get, kreis_list, office_get, office_list
from lotse.api.pagination import BoundedLimitOffset
from lotse.api.schemas import AuditEventOut, KreisOut, MeOut, OfficeOut, Text, errors
from lotse.appointments.services import InterpreterTaken
from lotse.audit.selectors import AuditFilters, audit_event_search
from lotse.cases.referrals import ReferralConflict
from lotse.cases.services import CaseClosed
from lotse.core.limits import upload_limit_mb
from lotse.people.selectors import person_ids_matching


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
    return require_safe(docs)  # a POST to them answers 405


api = NinjaAPI(
    title="lotse API",
    version="1",
    description="Joint case platform for refugee integration into work and training.",
    auth=django_auth,
    urls_namespace="api",
    docs_decorator=_signed_in,
)


from lotse.api.appointments import router as appointments_router  # noqa: E402
from lotse.api.cases import router as cases_router  # noqa: E402 - after the api exists
from lotse.api.conferences import router as conferences_router  # noqa: E402
from lotse.api.consents import router as consents_router  # noqa: E402
from lotse.api.courses import router as courses_router  # noqa: E402
from lotse.api.documents import router as documents_router  # noqa: E402
from lotse.api.households import router as households_router  # noqa: E402
from lotse.api.letters import router as letters_router  # noqa: E402
from lotse.api.matches import router as matches_router  # noqa: E402
from lotse.api.placements import router as placements_router  # noqa: E402
from lotse.api.plans import router as plans_router  # noqa: E402
from lotse.api.profiles import router as profiles_router  # noqa: E402
from lotse.api.vacancies import router as vacancies_router  # noqa: E402
from lotse.api.youth import router as youth_router  # noqa: E402

api.add_router("/", cases_router)
api.add_router("/", consents_router)
api.add_router("/", courses_router)
api.add_router("/", households_router)
api.add_router("/", profiles_router)
api.add_router("/", documents_router)
api.add_router("/", plans_router)
api.add_router("/", conferences_router)
api.add_router("/", vacancies_router)
api.add_router("/", matches_router)
api.add_router("/", placements_router)
api.add_router("/", youth_router)
api.add_router("/", appointments_router)
api.add_router("/", letters_router)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    """A refusal of a service: one item per field (loc names it), like the schema's own 422."""
    if hasattr(exc, "error_dict"):
        items = [
            {"loc": ["body", field], "msg": message, "type": "refused"}
            for field, field_errors in exc.error_dict.items()
            for message in ValidationError(field_errors).messages
        ]
    else:
        items = [{"loc": [], "msg": message, "type": "refused"} for message in exc.messages]
    return api.create_response(request, {"detail": items}, status=422)


@api.exception_handler(ReferralConflict)
def _referral_conflict(request, exc):
    """Someone else moved the referral on first (or it is no longer in a state for this step)."""
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=409)


@api.exception_handler(InterpreterTaken)
def _interpreter_taken(request, exc):
    # The interpreter is booked for another appointment at this time: nothing was booked.
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=409)


@api.exception_handler(CaseClosed)
def _case_closed(request, exc):
    # A change to a closed case: nothing was changed (as the pages answer).
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=409)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    message = _("The request is too large (more than %(size)s MB).") % {"size": upload_limit_mb()}
    return api.create_response(request, {"detail": message}, status=413)


@api.get("/me", response={200: MeOut, **errors()}, tags=["staff"])
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


@api.get("/kreise", response={200: list[KreisOut], **errors()}, tags=["directory"])
@requires(Action.VIEW_DIRECTORY)
def kreise(request, q: Text(100) = ""):
    return list(kreis_list(actor=request.user, query=q))


@api.get("/kreise/{code}", response={200: KreisOut, **errors(404)}, tags=["directory"])
@requires(Action.VIEW_DIRECTORY)
def kreis(request, code: str):
    return kreis_get(actor=request.user, code=code)


@api.get("/offices", response={200: list[OfficeOut], **errors()}, tags=["directory"])
@paginate(BoundedLimitOffset)
@requires(Action.VIEW_DIRECTORY)
def offices(request, kind: Text(30) = "", q: Text(100) = ""):
    return office_list(actor=request.user, kind=kind, query=q)


@api.get("/offices/{code}", response={200: OfficeOut, **errors(404)}, tags=["directory"])
@requires(Action.VIEW_DIRECTORY)
def office(request, code: str):
    return office_get(actor=request.user, code=code)


@api.get("/audit/events", response={200: list[AuditEventOut], **errors()}, tags=["audit"])
@paginate(BoundedLimitOffset)
@requires(Action.VIEW_AUDIT_TRAIL)
def audit_events(
    request,
    q: Text(100) = "",
    event_type: Text(40) = "",
    outcome: Text(10) = "",
    person: Text(64) = "",
    date_from: date | None = None,
    date_to: date | None = None,
):
    filters = AuditFilters(
        text=q,
        event_type=event_type,
        outcome=outcome,
        person_id=person,
        person_ids=person_ids_matching(actor=request.user, query=person) if person else None,
        date_from=date_from,
        date_to=date_to,
    )
    return audit_event_search(actor=request.user, filters=filters)
