"""Suggested matches (lotse/jobs): a person's matching vacancies with the decisions recorded on
them, a vacancy's candidates, the form to record a decision, and the figures of the office.
A suggestion is no decision: the caseworker decides (Art. 22 GDPR)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action, decide
from lotse.audit.vocabulary import Purpose
from lotse.jobs.match_forms import MatchDecisionForm
from lotse.jobs.match_selectors import (
    candidates_for_vacancy,
    match_figures,
    matches_for_person,
    may_see_candidates,
)
from lotse.jobs.match_services import match_decide
from lotse.jobs.selectors import vacancy_get
from lotse.people.selectors import person_get
from lotse.web.form_errors import apply_errors


def _person_page(request, person, failed: MatchDecisionForm | None = None, status: int = 200):
    matches = matches_for_person(actor=request.user, person=person)
    may_decide = bool(decide(request.user, Action.EDIT_PERSON, person))
    forms = {}
    for result in matches.results:
        pk = result.vacancy.pk
        if failed is not None and str(failed.data.get("vacancy")) == str(pk):
            forms[pk] = failed
        else:
            forms[pk] = MatchDecisionForm(vacancy_id=pk)
        result.form = forms[pk]  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "jobs/person_matches.html",
        {
            "person": person,
            "matches": matches,
            "may_decide": may_decide,
            "failed": failed,
        },
        status=status,
    )


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def person_matches(request, person_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.MATCHING)
    return _person_page(request, person)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def person_match_decide(request, person_id):
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.MATCHING, edit=True
    )
    vacancy_id = request.POST.get("vacancy", "")
    form = MatchDecisionForm(
        request.POST, vacancy_id=int(vacancy_id) if vacancy_id.isdigit() else None
    )
    if form.is_valid():
        try:
            vacancy = vacancy_get(actor=request.user, vacancy_id=form.cleaned_data["vacancy"])
        except Http404:
            form.add_error(None, _("This vacancy is not open to your office."))
        else:
            try:
                made = match_decide(
                    actor=request.user,
                    person=person,
                    vacancy=vacancy,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Your decision on the suggestion was recorded."))
                if made.placements.exists():
                    messages.info(
                        request,
                        _("The proposal is on the placement board now, at the stage “proposed”."),
                    )
                if form.cleaned_data["back"] == "vacancy":
                    return redirect("web:vacancy_candidates", vacancy_id=vacancy.pk)
                url = reverse("web:person_matches", kwargs={"person_id": person.pk})
                return redirect(f"{url}#vacancy-{vacancy.pk}")
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.MATCHING)
    return _person_page(request, person, failed=form, status=422)


@require_safe
@requires(Action.MANAGE_VACANCIES)
def vacancy_candidates(request, vacancy_id):
    vacancy = vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    found = candidates_for_vacancy(actor=request.user, vacancy=vacancy)
    for result in found.results:
        result.form = MatchDecisionForm(  # type: ignore[attr-defined]  # for the template
            vacancy_id=vacancy.pk, initial={"vacancy": vacancy.pk, "back": "vacancy"}
        )
        result.form.auto_id = f"id_p{result.person.pk}_%s"  # type: ignore[attr-defined]
    return render(
        request,
        "jobs/vacancy_candidates.html",
        {"vacancy": vacancy, "found": found, "may_see_candidates": may_see_candidates},
    )


@require_safe
@requires(Action.VIEW_VACANCIES)
def match_figures_page(request):
    return render(
        request, "jobs/match_figures.html", {"figures": match_figures(actor=request.user)}
    )
