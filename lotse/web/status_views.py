"""Status pages of a person (lotse/status): record, correct or take back a status event, the
timeline of the engine's answers, and the Rechtskreiswechsel hand-over with its checklist."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.vocabulary import Purpose
from lotse.documents.selectors import documents_on_record
from lotse.people.selectors import family_choices, family_persons, person_get
from lotse.status.checklist import document_kinds
from lotse.status.events import EventKind
from lotse.status.facts import entries_in_force
from lotse.status.forms import KindForm, RetractForm, StatusEventForm, SwitchReferralForm
from lotse.status.selectors import (
    entry_get,
    status_overview,
    switch_get,
    switch_view,
    visible_entries,
)
from lotse.status.services import (
    benefit_switch_refer,
    household_switches,
    status_event_correct,
    status_event_record_for_family,
    status_event_retract,
    switch_referral_defaults,
)
from lotse.status.switch import KINDS
from lotse.web.form_errors import apply_errors


def _to_status(person) -> str:
    return reverse("web:person_detail", kwargs={"person_id": person.pk}) + "#status"


def _status_of(form) -> int:
    """422 for a refused entry (shown again as typed, with the error summary), else 200."""
    return 422 if form is not None and form.is_bound and form.errors else 200


def _person_for_edit(request, person_id):
    # Asked as an edit either way (a refusal is logged as one); the page shows the person's
    # name, which is logged as a read.
    person_get(actor=request.user, person_id=person_id, purpose=Purpose.STATUS, edit=True)
    return person_get(actor=request.user, person_id=person_id, purpose=Purpose.STATUS)


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def status_event_new(request, person_id):
    person = _person_for_edit(request, person_id)
    kind = request.GET.get("kind", "")
    context = {"person": person, "heading": _("Record a status event")}
    if kind not in EventKind.values:
        context["kind_form"] = KindForm()
        return render(request, "status/record.html", context)
    family = family_choices(actor=request.user, person=person)
    form = StatusEventForm(request.POST or None, kind=kind, family=family)
    context.update(form=form, heading=EventKind(kind).label)
    if request.method == "POST" and form.is_valid():
        chosen = set(form.family_members())
        try:
            recorded = status_event_record_for_family(
                actor=request.user,
                person=person,
                members=[m for m in family_persons(person) if str(m.pk) in chosen],
                kind=kind,
                date=form.cleaned_data["date"],
                details=form.details(),
                source=form.cleaned_data["source"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if len(recorded) > 1:
                messages.success(
                    request,
                    _("The status event was recorded for %(count)s persons.")
                    % {"count": len(recorded)},
                )
            else:
                messages.success(request, _("The status event was recorded."))
            return redirect(_to_status(person))
    return render(request, "status/record.html", context, status=_status_of(form))


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def status_event_change(request, person_id):
    person = _person_for_edit(request, person_id)
    context = {"person": person, "heading": _("Correct or take back an entry")}
    entry_id = request.GET.get("entry", "")
    if not entry_id:
        entries, _hidden = visible_entries(actor=request.user, person=person)
        context["own"] = [
            e
            for e in entries_in_force(entries)
            if e.recorded_by_office_id == request.user.office_id
        ]
        return render(request, "status/change.html", context)
    entry = entry_get(actor=request.user, person=person, entry_id=entry_id)
    if request.GET.get("do") == "retract":
        form = RetractForm(request.POST or None)
        context.update(retract_form=form, entry=entry)
        if request.method == "POST" and form.is_valid():
            try:
                status_event_retract(
                    actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The entry was taken back."))
                return redirect(_to_status(person))
        return render(request, "status/change.html", context, status=_status_of(form))
    form = StatusEventForm(request.POST or None, kind=entry.kind, correcting=entry)
    context.update(form=form, correcting=entry, heading=_("Correct: %s") % entry.get_kind_display())
    if request.method == "POST" and form.is_valid():
        try:
            status_event_correct(
                actor=request.user,
                entry=entry,
                date=form.cleaned_data["date"],
                details=form.details(),
                source=form.cleaned_data["source"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The correction was recorded."))
            return redirect(_to_status(person))
    return render(request, "status/record.html", context, status=_status_of(form))


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def status_timeline(request, person_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.STATUS)
    overview = status_overview(actor=request.user, person=person, with_timeline=True)
    return render(
        request,
        "status/timeline.html",
        {"person": person, "overview": overview, "heading": _("Residence status over time")},
    )


@require_http_methods(["GET", "POST"])
@requires(Action.VIEW_PERSON, person_data=True)
def status_switch(request, person_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.BENEFIT_SWITCH)
    overview = status_overview(actor=request.user, person=person)
    context = {
        "person": person,
        "heading": _("Rechtskreiswechsel"),
        "switches": overview.switches,
    }
    switch_id = request.POST.get("switch") or request.GET.get("switch")
    if not switch_id:
        return render(request, "status/switch.html", context)
    switch = switch_get(actor=request.user, person=person, switch_id=switch_id)
    entries, _hidden = visible_entries(actor=request.user, person=person)
    checklist = KINDS[switch.kind].checklist
    documents = (
        documents_on_record(actor=request.user, person=person, kinds=document_kinds(checklist))
        if checklist
        else {}
    )
    item = switch_view(switch, person, entries_in_force(entries), documents)
    context.update(item=item, switch_list=[item])
    sender = switch.from_office_id == request.user.office_id
    if (
        sender
        and switch.referral_id is None
        and switch.to_office_id
        not in (
            None,
            switch.from_office_id,
        )
    ):
        form = SwitchReferralForm(request.POST or None, initial=switch_referral_defaults(switch))
        context["form"] = form
        context["household_switches"] = household_switches(switch)
        if request.method == "POST" and form.is_valid():
            try:
                referral = benefit_switch_refer(
                    actor=request.user,
                    switch=switch,
                    purpose=form.cleaned_data["purpose"],
                    categories=form.cleaned_data["categories"],
                    respond_by=form.cleaned_data["respond_by"],
                    due_by=form.cleaned_data["due_by"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The hand-over to %(office)s was sent.") % {"office": referral.to_office},
                )
                if context["household_switches"]:
                    messages.success(
                        request,
                        _(
                            "It was sent for %(count)s further members of the "
                            "Bedarfsgemeinschaft as well."
                        )
                        % {"count": len(context["household_switches"])},
                    )
                return redirect(_to_status(person))
    return render(request, "status/switch.html", context, status=_status_of(context.get("form")))
