"""A person's documents (lotse/documents): the list of those the office may see (and the
offices holding others), uploading one, opening one, withdrawing one of the office's own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action, decide
from lotse.audit.vocabulary import Purpose
from lotse.documents.models import DocumentState
from lotse.documents.selectors import document_get, document_open, documents_of_person_list
from lotse.documents.services import document_upload, document_withdraw
from lotse.documents.validation import max_bytes
from lotse.people.selectors import person_get
from lotse.web.document_forms import DocumentForm, WithdrawForm
from lotse.web.form_errors import apply_errors


def _to_list(person) -> str:  # type: ignore[no-untyped-def]
    return reverse("web:document_list", kwargs={"person_id": person.pk})


def _person_to_edit(request, person_id, editing: bool):  # type: ignore[no-untyped-def]
    """Asked as an edit either way (a refusal is logged as one); showing the form reads the
    person's name, which is logged as a read."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.DOCUMENTS, edit=True
    )
    if not editing:
        person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.DOCUMENTS)
    return person


def _megabytes() -> str:
    value = max_bytes() / (1024 * 1024)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def document_list(request, person_id):  # type: ignore[no-untyped-def]
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.DOCUMENTS)
    documents = documents_of_person_list(actor=request.user, person=person)
    context = {
        "person": person,
        "documents": documents,
        "can_edit": bool(decide(request.user, Action.EDIT_PERSON, person)),
        "withdrawn": DocumentState.WITHDRAWN,
        "replaced": DocumentState.REPLACED,
        "current": DocumentState.CURRENT,
    }
    return render(request, "documents/document_list.html", context)


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def document_new(request, person_id):  # type: ignore[no-untyped-def]
    editing = request.method == "POST"
    person = _person_to_edit(request, person_id, editing)
    replaces_id = (request.POST if editing else request.GET).get("replaces") or None
    replaces = (
        document_get(actor=request.user, person=person, document_id=replaces_id)
        if replaces_id
        else None
    )
    initial = {"kind": replaces.kind, "category": replaces.category} if replaces else {}
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        max_megabytes=_megabytes(),
    )
    if editing and form.is_valid():
        data = form.cleaned_data
        try:
            document = document_upload(
                actor=request.user,
                person=person,
                kind=data["kind"],
                file=data["file"],
                category=data["category"] or None,
                issued_on=data["issued_on"],
                title=data["title"],
                issuer=data["issuer"],
                country=data["country"],
                replaces=replaces,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("The document was uploaded: %(kind)s.") % {"kind": document.get_kind_display()},
            )
            if document.metadata_removed:
                messages.info(request, _("The location and device data of the photo were removed."))
            return redirect(f"{_to_list(person)}#document-{document.pk}")
    status = 422 if editing and form.errors else 200
    context = {"person": person, "form": form, "replaces": replaces}
    return render(request, "documents/document_form.html", context, status=status)


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def document_file(request, person_id, document_id):  # type: ignore[no-untyped-def]
    """The file itself, as a download (never shown inline, never sniffed by the browser)."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.DOCUMENTS)
    document = document_get(actor=request.user, person=person, document_id=document_id)
    handle = document_open(actor=request.user, document=document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def document_withdraw_view(request, person_id, document_id):  # type: ignore[no-untyped-def]
    editing = request.method == "POST"
    person = _person_to_edit(request, person_id, editing)
    document = document_get(actor=request.user, person=person, document_id=document_id)
    form = WithdrawForm(request.POST or None)
    if editing and form.is_valid():
        try:
            document_withdraw(
                actor=request.user, document=document, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The document was withdrawn; it stays on record."))
            return redirect(f"{_to_list(person)}#document-{document.pk}")
    status = 422 if editing and form.errors else 200
    context = {"person": person, "document": document, "form": form}
    return render(request, "documents/document_withdraw.html", context, status=status)
