"""Case conferences on the plan: record one (or correct one of the actor's office) from the plan
page (lotse/plans/conferences.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.vocabulary import Purpose
from lotse.people.selectors import person_get
from lotse.plans.conferences import case_conference_get, case_conference_record
from lotse.plans.selectors import plan_get
from lotse.web.conference_forms import ConferenceForm
from lotse.web.form_errors import apply_errors


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def plan_conference_new(request, person_id):
    """Record a case conference; with ?correct=<id>, a correction of one the actor's office
    recorded (a new record that replaces it)."""
    editing = request.method == "POST"
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.CASE_CONFERENCE, edit=True
    )
    replaces = None
    if request.GET.get("correct"):
        replaces = case_conference_get(
            actor=request.user, person=person, conference_id=request.GET["correct"]
        )
    plan = plan_get(actor=request.user, person=person, purpose=Purpose.CASE_CONFERENCE)
    goals = [view.goal for view in plan.goals]
    steps = [step.step for view in plan.goals for step in view.steps]
    initial: dict = {"held_on": timezone.localdate(), "offices": [request.user.office_id]}
    if replaces is not None:
        initial = {
            "held_on": replaces.held_on,
            "offices": [o.pk for o in replaces.offices.all()],
            "other_participants": replaces.other_participants,
            "person_present": replaces.person_present,
            "interpreter_language": replaces.interpreter_language,
            "agreed": replaces.agreed,
            "goals": [g.pk for g in replaces.goals.all()],
            "steps": [s.pk for s in replaces.steps.all()],
        }  # the consent is asked again: never ticked in advance
    form = ConferenceForm(
        request.POST or None, actor=request.user, goals=goals, steps=steps, initial=initial
    )
    if editing and form.is_valid():
        try:
            conference = case_conference_record(
                actor=request.user, person=person, data=form.to_input(), replaces=replaces
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The case conference was recorded on the plan."))
            url = reverse("web:plan", kwargs={"person_id": person.pk})
            return redirect(f"{url}#conference-{conference.pk}")
    status = 422 if editing and form.errors else 200
    context = {"person": person, "form": form, "replaces": replaces}
    return render(request, "plans/conference_form.html", context, status=status)
