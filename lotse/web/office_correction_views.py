"""Corrections one office asks of another (lotse/subject_rights): the asking office names the
wrong entry and what is right; the office that owns the entry corrects it or says why it stays.
Thin: the selectors ask the policy, the services write and log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lotse.access.decorators import requires
from lotse.access.policy import Action, decide
from lotse.people.selectors import person_get
from lotse.status.forms import StatusEventForm
from lotse.status.selectors import entry_get
from lotse.subject_rights.forms import OfficeCorrectionForm, OfficeDoneForm, OfficeRefuseForm
from lotse.subject_rights.models import IdentityField
from lotse.subject_rights.selectors import (
    OFFICE_CORRECTION_PURPOSE,
    correction_requests_of_person,
    identity_field_owner,
    identity_field_value,
    office_correction_choices,
    office_correction_get,
)
from lotse.subject_rights.services import (
    office_correction_correct_status,
    office_correction_done,
    office_correction_refuse,
    office_correction_request,
    status_entry_value,
)
from lotse.web.form_errors import apply_errors


def _to_request(person, item) -> str:
    url = reverse("web:office_correction", kwargs={"person_id": person.pk})
    return f"{url}?request={item.pk}"


def _chosen_entry(request, person) -> dict | None:
    """The entry the asking office names (?entry=<status entry> or ?field=<identity field>)."""
    entry_id = request.POST.get("entry") or request.GET.get("entry")
    if entry_id:
        entry = entry_get(actor=request.user, person=person, entry_id=entry_id)
        return {
            "status_event": entry,
            "identity_field": "",
            "value": status_entry_value(entry),
            "label": entry.get_kind_display(),
            "owner": entry.recorded_by_office,
        }
    field = request.POST.get("field") or request.GET.get("field")
    if field in IdentityField.values:
        return {
            "status_event": None,
            "identity_field": field,
            "value": identity_field_value(person, field),
            "label": IdentityField(field).label,
            "owner": identity_field_owner(person, field),
        }
    return None


@require_http_methods(["GET", "POST"])
@requires(Action.VIEW_PERSON, person_data=True)
def office_correction_ask(request, person_id):
    """Without ?entry or ?field: the entries of other offices that can be asked about."""
    person = person_get(actor=request.user, person_id=person_id, purpose=OFFICE_CORRECTION_PURPOSE)
    chosen = _chosen_entry(request, person)
    if chosen is None:
        choices = office_correction_choices(actor=request.user, person=person)
        return render(
            request,
            "subject_rights/office_correction_ask.html",
            {"person": person, "choices": choices},
        )
    form = OfficeCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = office_correction_request(
                actor=request.user,
                person=person,
                data=form.to_input(),
                status_event=chosen["status_event"],
                identity_field=chosen["identity_field"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your request was sent to %(office)s. You see the answer here.")
                % {"office": item.received_by_office},
            )
            return redirect(_to_request(person, item))
    return render(
        request,
        "subject_rights/office_correction_ask.html",
        {"person": person, "chosen": chosen, "form": form},
    )


def _answer_forms(request, item):
    """The owning office's forms for an open request: correct (a status entry: the entry's own
    form; a field: what was changed) or say why the entry stays as it is."""
    posted = request.POST if request.method == "POST" else None
    do = request.POST.get("do", "")
    refuse = OfficeRefuseForm(posted if do == "refuse" else None)
    if item.status_event_id:
        entry = item.status_event
        correct = StatusEventForm(
            posted if do == "correct" else None, kind=entry.kind, correcting=entry
        )
    else:
        correct = OfficeDoneForm(posted if do == "correct" else None)
    return correct, refuse


def _answer(request, item, correct, refuse) -> bool:
    do = request.POST.get("do", "")
    form = correct if do == "correct" else refuse
    if do not in ("correct", "refuse") or not form.is_valid():
        return False
    try:
        if do == "refuse":
            office_correction_refuse(
                actor=request.user, request=item, reason=form.cleaned_data["rejection_reason"]
            )
        elif item.status_event_id:
            office_correction_correct_status(
                actor=request.user,
                request=item,
                date=form.cleaned_data["date"],
                details=form.details(),
                source=form.cleaned_data["source"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        else:
            office_correction_done(
                actor=request.user, request=item, change_made=form.cleaned_data["change_made"]
            )
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    return True


@require_http_methods(["GET", "POST"])
@requires(Action.VIEW_PERSON, person_data=True)
def office_correction(request, person_id):
    """?request=<id>: the request with its answer, and for the owning office the forms to
    answer it; without it, the requests between offices about the person."""
    person = person_get(actor=request.user, person_id=person_id, purpose=OFFICE_CORRECTION_PURPOSE)
    wanted = request.POST.get("request") or request.GET.get("request")
    if not wanted:
        items = [
            item
            for item in correction_requests_of_person(actor=request.user, person=person)
            if item.from_office
        ]
        return render(
            request,
            "subject_rights/office_correction.html",
            {"person": person, "items": items, "item": None},
        )
    item = office_correction_get(actor=request.user, person=person, request_id=wanted)
    can_answer = item.is_open and bool(
        decide(request.user, Action.EDIT_PERSON, item, purpose=OFFICE_CORRECTION_PURPOSE)
    )
    context = {"person": person, "item": item, "can_answer": can_answer}
    if can_answer:
        correct, refuse = _answer_forms(request, item)
        if request.method == "POST" and _answer(request, item, correct, refuse):
            if request.POST.get("do") == "refuse":
                text = _("The request was answered: the entry stays as it is. %(office)s is told.")
            else:
                text = _("The entry was corrected and the request answered. %(office)s is told.")
            messages.success(request, text % {"office": item.requested_by_office})
            return redirect(_to_request(person, item))
        context.update(correct_form=correct, refuse_form=refuse)
    elif request.method == "POST":
        messages.error(request, _("Only the office that owns the entry answers the request."))
        return redirect(_to_request(person, item))
    return render(request, "subject_rights/office_correction.html", context)
