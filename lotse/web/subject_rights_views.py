"""The person's own report (Art. 15 GDPR) and their correction requests (Art. 16 GDPR):
lotse/subject_rights. Thin: the selectors ask the policy, the services write and log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.consent.form_texts import document_languages
from lotse.people.selectors import person_get
from lotse.subject_rights.forms import CorrectionForm, DpoStartForm, ReportForm, ResolveForm
from lotse.subject_rights.models import CorrectionStatus
from lotse.subject_rights.selectors import (
    CORRECTION_PURPOSE,
    correction_request_get,
    correction_request_list,
    correction_requests_of_person,
    report_person_get,
)
from lotse.subject_rights.services import (
    change_events_for,
    correction_request_record,
    correction_request_resolve,
    subject_report_create,
)
from lotse.web.form_errors import apply_errors


def _report(request, person_id, *, as_dpo: bool):
    person = report_person_get(actor=request.user, person_id=person_id, as_dpo=as_dpo)
    initial = {"language": document_languages(person.preferred_language).other or "de"}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pdf = subject_report_create(
                actor=request.user,
                person=person,
                language=data["language"],
                request_reference=data["request_reference"],
                include_note_texts=data["include_note_texts"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            codes = "-".join(document_languages(data["language"]).codes)
            # No name in the file name: downloads folders and mail attachments outlive the case.
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="auskunft-art15-{codes}.pdf"'
            return response
    return render(
        request,
        "subject_rights/report_form.html",
        {"person": person, "form": form, "as_dpo": as_dpo},
    )


@require_http_methods(["GET", "POST"])
@requires(Action.VIEW_PERSON, person_data=True)
def subject_report_view(request, person_id):
    """A caseworker or team lead of an office with an open case produces the report."""
    return _report(request, person_id, as_dpo=False)


@require_http_methods(["GET", "POST"])
@requires(Action.VIEW_AUDIT_TRAIL, person_data=True)
def dpo_subject_report_view(request, person_id):
    """The data-protection officer of a controller holding a case produces the report."""
    return _report(request, person_id, as_dpo=True)


@require_safe
@requires(Action.VIEW_AUDIT_TRAIL)
def dpo_subject_report_start(request):
    form = DpoStartForm(request.GET or None)
    if form.is_valid():
        return redirect("web:dpo_subject_report", person_id=form.cleaned_data["person_id"])
    return render(request, "subject_rights/dpo_start.html", {"form": form})


def _to_corrections(person) -> str:
    return reverse("web:person_detail", kwargs={"person_id": person.pk}) + "#corrections"


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def correction_record_view(request, person_id):
    person = person_get(
        actor=request.user, person_id=person_id, purpose=CORRECTION_PURPOSE, edit=True
    )
    if request.method != "POST":
        person = person_get(actor=request.user, person_id=person_id, purpose=CORRECTION_PURPOSE)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = correction_request_record(
                actor=request.user, person=person, data=form.to_input()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Correction request no. %(number)s was recorded; it stays open until answered.")
                % {"number": item.pk},
            )
            return redirect(_to_corrections(person))
    return render(
        request, "subject_rights/correction_record.html", {"person": person, "form": form}
    )


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def correction_resolve_view(request, person_id):
    """GET ?request=<id>: the answer form; without it, the person's requests."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=CORRECTION_PURPOSE, edit=True
    )
    if request.method != "POST":
        person = person_get(actor=request.user, person_id=person_id, purpose=CORRECTION_PURPOSE)
    wanted = request.POST.get("request") or request.GET.get("request")
    if not wanted:
        requests = correction_requests_of_person(actor=request.user, person=person)
        return render(
            request,
            "subject_rights/correction_resolve.html",
            {"person": person, "requests": requests, "item": None},
        )
    item = correction_request_get(actor=request.user, person=person, request_id=wanted)
    if item.from_office:
        # A request of another office is answered on its own page.
        return redirect(
            reverse("web:office_correction", kwargs={"person_id": person.pk})
            + f"?request={item.pk}"
        )
    events = change_events_for(item) if item.is_open else []
    form = ResolveForm(request.POST or None, initial={"request": item.pk}, change_events=events)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            correction_request_resolve(
                actor=request.user,
                request=item,
                status=data["status"],
                change_made=data["change_made"],
                change_event_ids=data["change_events"],
                rejection_reason=data["rejection_reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if data["status"] == CorrectionStatus.DONE:
                text = _("Correction request no. %(number)s is answered: corrected.")
            else:
                text = _(
                    "Correction request no. %(number)s is answered: rejected. Tell the person "
                    "the reason and that they may complain to the supervisory authority."
                )
            messages.success(request, text % {"number": item.pk})
            return redirect(_to_corrections(person))
    return render(
        request,
        "subject_rights/correction_resolve.html",
        {
            "person": person,
            "item": item,
            "form": form,
            "can_answer": item.is_open and item.received_by_office_id == request.user.office_id,
        },
    )


@require_safe
@requires(Action.WORK_ON_CASE)
def correction_list_view(request):
    """The office's correction requests: open ones first, oldest first, with their age."""
    status = request.GET.get("status", "")
    requests = correction_request_list(actor=request.user, status=status)
    return render(
        request, "subject_rights/correction_list.html", {"requests": requests, "status": status}
    )
