"""Employers and vacancies: the vacancy list with its filters, a vacancy, an employer with its
vacancies, and the forms to record and change them (lotse/jobs)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action, authorize, decide
from lotse.audit.vocabulary import Purpose
from lotse.core.params import search_text
from lotse.jobs.forms import LEVEL_CHOICES, EmployerForm, StatusForm, VacancyForm
from lotse.jobs.match_selectors import may_see_candidates
from lotse.jobs.models import Employer, Vacancy, VacancyKind, VacancyStatus
from lotse.jobs.selectors import (
    VacancyFilters,
    employer_get,
    employer_list,
    history,
    may_see_contact,
    vacancy_get,
    vacancy_kreise,
    vacancy_list,
    vacancy_places,
)
from lotse.jobs.services import (
    employer_change,
    employer_record,
    vacancy_change,
    vacancy_record,
    vacancy_set_status,
)
from lotse.profiles.selectors import occupation_search
from lotse.web.form_errors import apply_errors
from lotse.web.listing import Sort, paginate

ALL = "all"


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request) -> tuple[VacancyFilters, dict]:
    params = request.GET
    places = vacancy_places(actor=request.user)
    kreise = vacancy_kreise(actor=request.user)
    place = params.get("place", "")
    status = params.get("status", "")
    filters = VacancyFilters(
        kind=params.get("kind", "") if params.get("kind", "") in VacancyKind.values else "",
        occupation=params.get("q", "").strip()[:100],
        gemeinde=places.filter(pk=place).first() if place.isdigit() else None,
        kreis=kreise.filter(code=params.get("kreis", "")).first(),
        german_up_to=params.get("german", ""),
        starts_from=_date(params.get("from", "")),
        status="" if status == ALL else status if status in VacancyStatus.values else "open",
    )
    choices = {
        "kinds": VacancyKind.choices,
        "places": places,
        "kreise": kreise,
        "levels": LEVEL_CHOICES[1:],
        "statuses": VacancyStatus.choices,
        "status_param": status if status == ALL or status in VacancyStatus.values else "",
    }
    return filters, choices


def _sorts() -> dict[str, Sort]:
    return {
        "start": Sort(_("Start"), ("starts_on",)),
        "title": Sort(_("Vacancy"), ("title",)),
        "employer": Sort(_("Employer"), ("employer__name",)),
        "place": Sort(_("Place"), ("gemeinde__name",)),
        "hours": Sort(_("Hours per week"), ("hours_per_week",)),
    }


@require_safe
@requires(Action.VIEW_VACANCIES)
def vacancy_index(request):
    filters, choices = _filters(request)
    listing = paginate(
        request,
        vacancy_list(actor=request.user, filters=filters),
        sorts=_sorts(),
        default="start",
        label=_("Pages of the vacancies"),
    )
    return render(
        request,
        "jobs/vacancy_list.html",
        {
            "listing": listing,
            "filters": filters,
            **choices,
            "may_record": bool(decide(request.user, Action.MANAGE_VACANCIES)),
        },
    )


@require_safe
@requires(Action.VIEW_VACANCIES)
def vacancy_detail(request, vacancy_id):
    vacancy = vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    may_change = bool(decide(request.user, Action.MANAGE_VACANCIES, vacancy))
    return render(
        request,
        "jobs/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "employer": vacancy.employer,
            "may_change": may_change,
            "may_see_candidates": may_see_candidates(request.user, vacancy),
            "may_see_contact": may_see_contact(request.user, vacancy.employer),
            "status_form": StatusForm() if may_change else None,
            "history": history(actor=request.user, employer=vacancy.employer, vacancy=vacancy),
        },
    )


def _vacancy_form(request, *, employer: Employer, vacancy: Vacancy | None = None):
    """The form to record (vacancy None) or change a vacancy; "Search" sends it back with the
    occupations found, keeping what was typed."""
    posted = request.method == "POST"
    searching = posted and "search" in request.POST
    query = (request.POST.get("occupation_q", "") if posted else "").strip()[:100]
    found = occupation_search(query=query) if query else []
    initial = VacancyForm.initial_of(vacancy) if vacancy else {"kind": VacancyKind.JOB}
    if searching:
        form = VacancyForm(
            initial={**request.POST.dict(), "occupation_q": query},
            actor=request.user,
            occupations=found,
        )
    else:
        form = VacancyForm(
            request.POST if posted else None,
            initial=initial,
            actor=request.user,
            occupations=found,
        )
    if posted and not searching and form.is_valid():
        try:
            if vacancy is None:
                saved = vacancy_record(actor=request.user, employer=employer, data=form.to_input())
                messages.success(request, _("The vacancy was recorded."))
            else:
                saved = vacancy_change(actor=request.user, vacancy=vacancy, data=form.to_input())
                messages.success(request, _("The vacancy was changed."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("web:vacancy_detail", vacancy_id=saved.pk)
    status = 422 if posted and not searching and form.errors else 200
    return render(
        request,
        "jobs/vacancy_form.html",
        {
            "form": form,
            "employer": employer,
            "vacancy": vacancy,
            "query": query,
            "found": found,
            "searched": searching,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@requires(Action.MANAGE_VACANCIES)
def vacancy_new(request, employer_id):
    employer = employer_get(actor=request.user, employer_id=employer_id)
    authorize(request.user, Action.MANAGE_VACANCIES, employer, purpose=Purpose.VACANCIES)
    return _vacancy_form(request, employer=employer)


@require_http_methods(["GET", "POST"])
@requires(Action.MANAGE_VACANCIES)
def vacancy_change_view(request, vacancy_id):
    vacancy = vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    authorize(request.user, Action.MANAGE_VACANCIES, vacancy, purpose=Purpose.VACANCIES)
    return _vacancy_form(request, employer=vacancy.employer, vacancy=vacancy)


@require_POST
@requires(Action.MANAGE_VACANCIES)
def vacancy_status(request, vacancy_id):
    vacancy = vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            vacancy_set_status(
                actor=request.user,
                vacancy=vacancy,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The status of the vacancy was changed."))
            return redirect("web:vacancy_detail", vacancy_id=vacancy.pk)
    else:
        authorize(request.user, Action.MANAGE_VACANCIES, vacancy, purpose=Purpose.VACANCIES)
    return render(
        request,
        "jobs/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "employer": vacancy.employer,
            "may_change": True,
            "may_see_contact": may_see_contact(request.user, vacancy.employer),
            "status_form": form,
            "history": history(actor=request.user, employer=vacancy.employer, vacancy=vacancy),
        },
        status=422,
    )


# --- employers -----------------------------------------------------------------------------------
@require_safe
@requires(Action.VIEW_VACANCIES)
def employer_index(request):
    query = search_text(request)
    listing = paginate(
        request,
        employer_list(actor=request.user, query=query),
        sorts={
            "name": Sort(_("Employer"), ("name",)),
            "place": Sort(_("Place"), ("gemeinde__name",)),
            "sector": Sort(_("Sector"), ("sector",)),
        },
        default="name",
        label=_("Pages of the employers"),
    )
    return render(
        request,
        "jobs/employer_list.html",
        {
            "listing": listing,
            "query": query,
            "may_record": bool(decide(request.user, Action.MANAGE_VACANCIES)),
        },
    )


@require_safe
@requires(Action.VIEW_VACANCIES)
def employer_detail(request, employer_id):
    employer = employer_get(actor=request.user, employer_id=employer_id)
    vacancies = vacancy_list(
        actor=request.user, filters=VacancyFilters(status="", employer=employer)
    ).order_by("status", "starts_on", "pk")
    return render(
        request,
        "jobs/employer_detail.html",
        {
            "employer": employer,
            "vacancies": vacancies,
            "may_change": bool(decide(request.user, Action.MANAGE_VACANCIES, employer)),
            "may_see_contact": may_see_contact(request.user, employer),
            "history": history(actor=request.user, employer=employer),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Action.MANAGE_VACANCIES)
def employer_new(request):
    form = EmployerForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            employer = employer_record(actor=request.user, data=form.to_input())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The employer was recorded."))
            return redirect("web:employer_detail", employer_id=employer.pk)
    status = 422 if form.errors else 200
    return render(request, "jobs/employer_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@requires(Action.MANAGE_VACANCIES)
def employer_change_view(request, employer_id):
    employer = employer_get(actor=request.user, employer_id=employer_id)
    authorize(request.user, Action.MANAGE_VACANCIES, employer, purpose=Purpose.VACANCIES)
    if request.method == "POST":
        form = EmployerForm(request.POST, actor=request.user)
        if form.is_valid():
            try:
                employer_change(actor=request.user, employer=employer, data=form.to_input())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The employer was changed."))
                return redirect("web:employer_detail", employer_id=employer.pk)
    else:
        form = EmployerForm(initial=EmployerForm.initial_of(employer), actor=request.user)
    status = 422 if form.errors else 200
    return render(
        request, "jobs/employer_form.html", {"form": form, "employer": employer}, status=status
    )
