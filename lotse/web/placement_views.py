"""Placements into work or training (lotse/jobs): the office's board, a person's placements
with their history, and the forms to record one directly, move one on and record a follow-up."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.vocabulary import Purpose
from lotse.jobs.placement_forms import FollowUpForm, PlacementCreateForm, PlacementMoveForm
from lotse.jobs.placement_models import Placement, PlacementSource, PlacementStage
from lotse.jobs.placement_selectors import (
    follow_up_get,
    placement_board,
    placement_get,
    placements_listed,
    placements_of_person,
    vacancies_to_place,
)
from lotse.jobs.placements import placement_create, placement_follow_up_record, placement_move
from lotse.people.models import Person
from lotse.people.selectors import person_get, primary_family_name
from lotse.web.form_errors import apply_errors
from lotse.web.listing import Sort, paginate


def _sorts() -> dict[str, Sort]:
    return {
        "since": Sort(_("Since"), ("stage_since",)),
        "person": Sort(_("Person"), ("family_name",)),
        "vacancy": Sort(_("Vacancy"), ("vacancy__title",)),
        "employer": Sort(_("Employer"), ("vacancy__employer__name",)),
        "follow_up": Sort(_("Next follow-up"), ("next_follow_up",)),
    }


@require_safe
@requires(Action.RECORD_PLACEMENTS)
def placement_board_page(request):
    stage = request.GET.get("stage", "")
    stage = stage if stage in PlacementStage.values else ""
    due = request.GET.get("due", "") == "1"
    rows = placement_board(actor=request.user, stage=stage, follow_up_due=due).annotate(
        family_name=primary_family_name("person")
    )
    listing = paginate(
        request, rows, sorts=_sorts(), default="-since", label=_("Pages of the placements")
    )
    placements_listed(actor=request.user, placements=listing.rows)
    return render(
        request,
        "jobs/placement_board.html",
        {
            "listing": listing,
            "stage": stage,
            "due": due,
            "stages": PlacementStage.choices,
            "today": timezone.localdate(),
        },
    )


def _person_page(
    request,
    person: Person,
    *,
    create_form: PlacementCreateForm | None = None,
    move_form: PlacementMoveForm | None = None,
    follow_up_form: FollowUpForm | None = None,
    status: int = 200,
):
    placements = placements_of_person(actor=request.user, person=person)
    shown: set[int] = set()  # the ids of the failed forms placed beside their placement
    for placement in placements:
        failed = move_form is not None and str(move_form.data.get("placement")) == str(placement.pk)
        if failed:
            shown.add(id(move_form))
        placement.move_form = (  # type: ignore[attr-defined]  # for the template
            move_form if failed else PlacementMoveForm(placement=placement)
        )
        for follow_up in placement.follow_ups.all():
            failed = follow_up_form is not None and str(
                follow_up_form.data.get("follow_up")
            ) == str(follow_up.pk)
            if failed and placement.stage == PlacementStage.HIRED:
                shown.add(id(follow_up_form))
            follow_up.form = (  # type: ignore[attr-defined]
                follow_up_form if failed else FollowUpForm(follow_up=follow_up)
            )
    # A failed form whose placement is not shown (closed since, or not the office's): its
    # errors at the top of the page.
    unplaced = [form for form in (move_form, follow_up_form) if form and id(form) not in shown]
    vacancies = _vacancies(request, person)
    return render(
        request,
        "jobs/person_placements.html",
        {
            "person": person,
            "placements": placements,
            "create_form": create_form or PlacementCreateForm(vacancies=vacancies),
            "vacancies_open": vacancies_to_place(actor=request.user, person=person).count(),
            "vacancies_shown": VACANCY_CHOICES,
            "failed": status != 200,
            "unplaced": unplaced,
            "today": timezone.localdate(),
        },
        status=status,
    )


VACANCY_CHOICES = 200  # the choice of the direct-placement form; the page says when more exist


def _vacancies(request, person: Person) -> QuerySet:
    return vacancies_to_place(actor=request.user, person=person)[:VACANCY_CHOICES]


@require_safe
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def person_placements(request, person_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLACEMENT)
    return _person_page(request, person)


def _edit_person(request, person_id) -> Person:
    return person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLACEMENT, edit=True)


def _back(person: Person, anchor: str = "") -> str:
    url = reverse("web:person_placements", kwargs={"person_id": person.pk})
    return f"{url}#{anchor}" if anchor else url


def _read_again(request, person_id) -> Person:
    return person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLACEMENT)


@require_POST
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def person_placement_create(request, person_id):
    person = _edit_person(request, person_id)
    vacancies = _vacancies(request, person)
    form = PlacementCreateForm(request.POST, vacancies=vacancies)
    if form.is_valid():
        vacancy = vacancies_to_place(actor=request.user, person=person).get(
            pk=form.cleaned_data["vacancy"]
        )
        try:
            placement = placement_create(
                actor=request.user,
                person=person,
                vacancy=vacancy,
                source=PlacementSource.DIRECT,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The placement was recorded."))
            return redirect(_back(person, f"placement-{placement.pk}"))
    return _person_page(request, _read_again(request, person_id), create_form=form, status=422)


def _placement_of(request, person: Person, raw: object) -> Placement | None:
    try:
        placement = placement_get(actor=request.user, placement_id=raw)
    except Http404:
        return None
    return placement if placement.person_id == person.pk else None


@require_POST
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def person_placement_move(request, person_id):
    person = _edit_person(request, person_id)
    placement = _placement_of(request, person, request.POST.get("placement", ""))
    form = PlacementMoveForm(request.POST, placement=placement)
    if placement is None:
        form.is_valid()
        form.add_error(None, _("This placement is not one your office may see."))
    elif form.is_valid():
        data = form.cleaned_data
        try:
            moved = placement_move(
                actor=request.user,
                placement=placement,
                stage=data["stage"],
                on=data["on"],
                reason=data["reason"],
                note=data["note"],
                start_date=data["start_date"],
                contract_type=data["contract_type"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The placement is now at the stage “%(stage)s”.")
                % {"stage": moved.placement.get_stage_display()},
            )
            for goal in moved.goals_reached:
                messages.success(
                    request, _("The plan goal “%(goal)s” is marked reached.") % {"goal": goal.text}
                )
            for goal in moved.goals_left:
                messages.info(
                    request,
                    _(
                        "The plan goal “%(goal)s” belongs to another office: your office may "
                        "not mark it reached. Please tell %(office)s."
                    )
                    % {"goal": goal.text, "office": goal.recorded_by.name},
                )
            return redirect(_back(person, f"placement-{placement.pk}"))
    return _person_page(request, _read_again(request, person_id), move_form=form, status=422)


@require_POST
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def person_placement_follow_up(request, person_id):
    person = _edit_person(request, person_id)
    form = FollowUpForm(request.POST)
    follow_up = None
    if form.is_valid():
        placement = _placement_of(request, person, request.POST.get("placement", ""))
        if placement is not None:
            try:
                follow_up = follow_up_get(
                    placement=placement, follow_up_id=form.cleaned_data["follow_up"]
                )
            except Http404:
                follow_up = None
        if follow_up is None:
            form.add_error(None, _("This follow-up is not one your office may see."))
        else:
            data = form.cleaned_data
            try:
                placement_follow_up_record(
                    actor=request.user,
                    follow_up=follow_up,
                    done_on=data["done_on"],
                    outcome=data["outcome"],
                    reason=data["reason"],
                    note=data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The follow-up was recorded."))
                return redirect(_back(person, f"placement-{follow_up.placement_id}"))
    return _person_page(request, _read_again(request, person_id), follow_up_form=form, status=422)
