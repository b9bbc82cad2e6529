"""The integration plan of a person: the plan page, goals and steps added and changed, a step's
status, the printable plan (lotse/plans)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.vocabulary import Purpose
from lotse.consent.form_texts import document_languages
from lotse.courses.selectors import enrolments_of_person
from lotse.people.selectors import person_get
from lotse.plans.conferences import case_conferences_of
from lotse.plans.documents import plan_pdf
from lotse.plans.models import StepStatus
from lotse.plans.selectors import (
    current_enrolment_of,
    goal_get,
    goals_open_to_steps,
    plan_get,
    step_get,
)
from lotse.plans.services import (
    goal_change,
    goal_record,
    step_change,
    step_record,
    step_set_status,
)
from lotse.web.form_errors import apply_errors
from lotse.web.plan_forms import GoalForm, StepForm, StepStatusForm


def _to_plan(person, anchor: str = "") -> str:
    url = reverse("web:plan", kwargs={"person_id": person.pk})
    return url + (f"#{anchor}" if anchor else "")


def _person_for(request, person_id, *, editing: bool):
    """The person, asked as an edit (a refusal is logged as one); a page that shows a form
    reads the person's name, which is logged as a read."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLAN, edit=True)
    if not editing:
        person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLAN)
    return person


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def plan_page(request, person_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLAN)
    plan = plan_get(actor=request.user, person=person)
    conferences = case_conferences_of(actor=request.user, person=person, purpose=Purpose.PLAN)
    return render(
        request,
        "plans/plan.html",
        {
            "person": person,
            "plan": plan,
            "conferences": conferences,
            "today": timezone.localdate(),
            "pdf_languages": document_languages(person.preferred_language),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def plan_goal_new(request, person_id):
    editing = request.method == "POST"
    person = _person_for(request, person_id, editing=editing)
    form = GoalForm(request.POST or None, actor=request.user)
    if editing and form.is_valid():
        try:
            goal = goal_record(actor=request.user, person=person, data=form.to_input())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The goal was added to the plan."))
            return redirect(_to_plan(person, f"goal-{goal.pk}"))
    status = 422 if editing and form.errors else 200
    context = {"person": person, "form": form, "goal": None}
    return render(request, "plans/goal_form.html", context, status=status)


def _own_goal(request, person):
    goal = goal_get(actor=request.user, person=person, goal_id=request.GET.get("goal", ""))
    if goal.recorded_by_id != request.user.office_id:
        raise Http404  # another office's goal: that office changes it
    return goal


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def plan_goal_change(request, person_id):
    """Change a goal of the actor's office (?goal=<id>); without one, the goals to choose from."""
    editing = request.method == "POST"
    person = _person_for(request, person_id, editing=editing)
    if not request.GET.get("goal"):
        plan = plan_get(actor=request.user, person=person)
        own = [view.goal for view in plan.goals if view.can_change]
        return render(request, "plans/choose.html", {"person": person, "goals": own, "steps": None})
    goal = _own_goal(request, person)
    initial = {
        "text": goal.text,
        "area": goal.area,
        "owner": goal.owner_id,
        "target_date": goal.target_date,
        "status": goal.status,
        "status_reason": goal.status_reason,
    }
    form = GoalForm(request.POST or None, actor=request.user, changing=True, initial=initial)
    if editing and form.is_valid():
        try:
            goal_change(actor=request.user, goal=goal, data=form.to_input())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The goal was changed."))
            return redirect(_to_plan(person, f"goal-{goal.pk}"))
    status = 422 if editing and form.errors else 200
    context = {"person": person, "form": form, "goal": goal}
    return render(request, "plans/goal_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def plan_step_new(request, person_id):
    """A new step towards one of the goals the actor's office may see (?goal=<id> chooses)."""
    editing = request.method == "POST"
    person = _person_for(request, person_id, editing=editing)
    goals = goals_open_to_steps(actor=request.user, person=person)
    initial = {"goal": request.GET.get("goal", ""), "responsible": request.user.office_id}
    enrolments = enrolments_of_person(actor=request.user, person=person)
    form = StepForm(
        request.POST or None,
        actor=request.user,
        goals=goals,
        enrolments=enrolments,
        initial=initial,
    )
    if editing and form.is_valid():
        goal = form.cleaned_data["goal"]
        try:
            if goal is None:
                raise ValidationError({"goal": _("Choose the goal the step serves.")})
            step = step_record(actor=request.user, goal=goal, data=form.to_input())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The step was added to the plan."))
            return redirect(_to_plan(person, f"step-{step.pk}"))
    status = 422 if editing and form.errors else 200
    context = {"person": person, "form": form, "step": None, "goals": goals}
    return render(request, "plans/step_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def plan_step_change(request, person_id):
    """Change a step of the actor's office (?step=<id>); without one, the steps to choose from."""
    editing = request.method == "POST"
    person = _person_for(request, person_id, editing=editing)
    if not request.GET.get("step"):
        plan = plan_get(actor=request.user, person=person)
        own = [view.step for goal in plan.goals for view in goal.steps if view.can_change]
        return render(request, "plans/choose.html", {"person": person, "goals": None, "steps": own})
    step = step_get(actor=request.user, person=person, step_id=request.GET["step"])
    if step.recorded_by_id != request.user.office_id:
        raise Http404  # another office's step: that office changes it
    initial = {
        "text": step.text,
        "due_on": step.due_on,
        "responsible": step.responsible_id,
        "note": step.note,
        "enrolment": step.enrolment_id or "",
    }
    enrolments = enrolments_of_person(actor=request.user, person=person)
    linked = current_enrolment_of(step)
    shown_link = linked is not None and linked.pk in {e.pk for e in enrolments}
    # The form offers the linked enrolment as it stands now; a link to an enrolment the office
    # no longer sees is kept as it is (the form cannot show it).
    initial["enrolment"] = linked.pk if shown_link and linked is not None else ""
    form = StepForm(
        request.POST or None, actor=request.user, enrolments=enrolments, initial=initial
    )
    if editing and form.is_valid():
        data = form.to_input()
        if step.enrolment_id and not shown_link:
            data.enrolment = step.enrolment
        try:
            step_change(actor=request.user, step=step, data=data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The step was changed."))
            return redirect(_to_plan(person, f"step-{step.pk}"))
    status = 422 if editing and form.errors else 200
    context = {"person": person, "form": form, "step": step, "goals": None}
    return render(request, "plans/step_form.html", context, status=status)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def plan_step_status(request, person_id):
    """Mark a step done, cancelled or open again (from the plan page)."""
    person = _person_for(request, person_id, editing=True)
    form = StepStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The status was not changed: choose a step and its status."))
        return redirect(_to_plan(person, "goals"))
    step = step_get(actor=request.user, person=person, step_id=form.cleaned_data["step"])
    try:
        step_set_status(actor=request.user, step=step, status=form.cleaned_data["status"])
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    else:
        messages.success(
            request,
            _("The step is now marked “%(status)s”.")
            % {"status": StepStatus(form.cleaned_data["status"]).label},
        )
    return redirect(_to_plan(person, f"step-{step.pk}"))


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def plan_pdf_view(request, person_id):
    """The plan as PDF, German beside the person's language (?lang= overrides it)."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLAN)
    language = request.GET.get("lang", "")[:8]
    pdf = plan_pdf(actor=request.user, person=person, language=language)
    codes = "-".join(document_languages(language or person.preferred_language).codes)
    # No name in the file name: downloads folders and mail attachments outlive the case.
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="integrationsplan-{codes}.pdf"'
    return response
