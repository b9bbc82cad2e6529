"""The profile pages (lotse/profiles): the whole profile with its history, recording and
replacing an entry of each kind, the printable profile, and the occupation search."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.vocabulary import Purpose
from lotse.consent.form_texts import document_languages
from lotse.people.selectors import person_get
from lotse.profiles.documents import profile_pdf
from lotse.profiles.forms import EntryForm, LanguageForm, OccupationSearchForm
from lotse.profiles.models import EntryKind
from lotse.profiles.selectors import (
    occupation_search,
    person_language_get,
    profile_entry_get,
    profile_get,
)
from lotse.profiles.services import (
    LanguageInput,
    may_record,
    person_language_record,
    profile_entry_record,
)
from lotse.web.form_errors import apply_errors

LANGUAGE = "language"
KINDS = [*EntryKind.values, LANGUAGE]


def _to_profile(person, anchor: str = "") -> str:
    url = reverse("web:profile_detail", kwargs={"person_id": person.pk})
    return f"{url}#{anchor}" if anchor else url


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def profile_detail(request, person_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PROFILE)
    profile = profile_get(actor=request.user, person=person)
    languages = document_languages(person.preferred_language)
    return render(
        request,
        "profiles/profile_detail.html",
        {
            "person": person,
            "profile": profile,
            "can_edit": may_record(request.user, person),
            "pdf_language": languages.other or "de",
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def profile_entry_new(request, person_id, kind):
    """Record an entry of `kind`; with ?replaces=<id> a newer one in place of that entry (which
    stays as history). Occupations are found by a plain search (GET occupation_q) on the page."""
    if kind not in KINDS:
        raise Http404
    editing = request.method == "POST"
    # Asked as an edit either way (a refusal is logged as one); showing the form reads the
    # person's name, which is logged as a read.
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PROFILE, edit=True)
    if not editing:
        person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PROFILE)
    replaces_id = (request.POST if editing else request.GET).get("replaces") or None
    if kind == LANGUAGE:
        return _language_new(request, person, replaces_id)
    replaces = (
        profile_entry_get(actor=request.user, person=person, entry_id=replaces_id)
        if replaces_id
        else None
    )
    if replaces is not None and replaces.kind != kind:
        raise Http404
    search = OccupationSearchForm(request.POST if editing else request.GET)
    query = search.cleaned_data["occupation_q"] if search.is_valid() else ""
    found = occupation_search(query=query) if query else []
    initial = {"replaces": replaces_id, "occupation_q": query}
    if replaces is not None:
        initial.update(_entry_initial(replaces))
    form = EntryForm(
        request.POST if editing else None, kind=kind, occupations=found, initial=initial
    )
    if editing and form.is_valid():
        try:
            profile_entry_record(
                actor=request.user,
                person=person,
                kind=kind,
                source=form.cleaned_data["source"],
                values=form.values(),
                replaces=replaces,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The entry was recorded."))
            return redirect(_to_profile(person, kind))
    status = 422 if editing and form.errors else 200
    return render(
        request,
        "profiles/entry_new.html",
        {
            "person": person,
            "form": form,
            "kind": kind,
            "kind_label": EntryKind(kind).label,
            "replaces": replaces,
            "search": search,
            "query": query,
            "found": found,
            "needs_occupation": any(
                name in form.fields for name in ("occupation", "reference_occupation")
            ),
        },
        status=status,
    )


def _entry_initial(entry) -> dict:
    from lotse.profiles.services import KIND_FIELDS

    initial: dict[str, Any] = {name: getattr(entry, name, None) for name in KIND_FIELDS[entry.kind]}
    for name in ("occupation", "reference_occupation"):
        if initial.get(name) is not None:
            initial[name] = initial[name].kldb_code
    if "completed" in initial:
        initial["completed"] = {True: "yes", False: "no"}.get(initial["completed"], "")
    initial["source"] = entry.source
    return initial


def _language_new(request, person, replaces_id):
    editing = request.method == "POST"
    replaces = (
        person_language_get(actor=request.user, person=person, language_id=replaces_id)
        if replaces_id
        else None
    )
    initial: dict = {"replaces": replaces_id}
    if replaces is not None:
        initial.update(
            {
                name: getattr(replaces, name)
                for name in ("language", "listening", "reading", "speaking", "writing")
            }
        )
    form = LanguageForm(request.POST if editing else None, initial=initial)
    if editing and form.is_valid():
        data = form.cleaned_data
        try:
            person_language_record(
                actor=request.user,
                person=person,
                data=LanguageInput(
                    language=data["language"],
                    listening=data["listening"],
                    reading=data["reading"],
                    speaking=data["speaking"],
                    writing=data["writing"],
                    source=data["source"],
                    assessed_on=data["assessed_on"],
                ),
                replaces=replaces,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The language levels were recorded."))
            return redirect(_to_profile(person, LANGUAGE))
    status = 422 if editing and form.errors else 200
    return render(
        request,
        "profiles/language_new.html",
        {"person": person, "form": form, "replaces": replaces},
        status=status,
    )


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def profile_pdf_view(request, person_id):
    """The printable profile: German, and beside it the person's language (?lang= overrides)."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PROFILE)
    language = request.GET.get("lang", "")[:8]
    pdf = profile_pdf(actor=request.user, person=person, language=language)
    codes = "-".join(document_languages(language or person.preferred_language).codes)
    response = HttpResponse(pdf, content_type="application/pdf")
    # No name in the file name: downloads folders and mail attachments outlive the case.
    response["Content-Disposition"] = f'inline; filename="profil-{codes}.pdf"'
    return response


@require_safe
@requires(Action.VIEW_DIRECTORY)
def occupation_list(request):
    """The occupations by their German name, with their codes (reference data)."""
    search = OccupationSearchForm(request.GET)
    query = search.cleaned_data["occupation_q"] if search.is_valid() else ""
    found = occupation_search(query=query, limit=50) if query else []
    return render(
        request,
        "profiles/occupation_list.html",
        {"search": search, "query": query, "found": found},
    )
