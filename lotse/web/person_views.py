"""Persons: search, registration with the duplicate check, the person page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.cases.referrals import transfer_request
from lotse.cases.services import break_glass_open, person_link_existing, person_register
from lotse.core.params import search_text
from lotse.identity.registry import duplicate_check
from lotse.people.models import IdentifierType, Person
from lotse.people.selectors import person_get, person_page_data, person_search, persons_listed
from lotse.people.services import IdentifierInput, person_identifier_add, person_name_add
from lotse.web.listing import Sort, paginate
from lotse.web.person_forms import IdentifierForm, NameVariantForm, PersonRegistrationForm


@requires(Action.EDIT_PERSON_REGISTRY)
def person_index(request):
    query = search_text(request)
    listing = persons = None
    if query:  # nothing is listed until something is searched
        listing = paginate(
            request,
            person_search(actor=request.user, query=query),
            sorts={
                "name": Sort(_("Name"), ("name",)),
                "birth": Sort(_("Date of birth"), ("birth_year", "birth_month", "birth_day")),
                "registered": Sort(_("Registered"), ("created_at",)),
            },
            default="name",
            label=_("Pages of the search results"),
        )
        persons = persons_listed(actor=request.user, persons=listing.rows)
    template = "people/_person_rows.html" if request.htmx else "people/person_list.html"
    return render(request, template, {"persons": persons, "listing": listing, "query": query})


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _entered_name(data) -> str:
    name = data.names[0] if data.names else None
    return " ".join(filter(None, [name.given_names, name.family_name])) if name else ""


def _confirmation(post, person_id: str) -> IdentifierInput | None:
    """The document or identifier the caseworker checked to link a possible match."""
    kind = post.get(f"confirm_type-{person_id}", "")
    value = post.get(f"confirm_value-{person_id}", "").strip()[:60]
    if kind not in IdentifierType.values or not value:
        return None
    return IdentifierInput(type=kind, value=value)


def _keep_entries(post, candidates) -> None:
    """What was typed into a candidate's fields, shown again when the decision is refused."""
    for candidate in candidates:
        key = candidate.ref
        candidate.entered_transfer_reason = post.get(f"transfer_reason-{key}", "")
        candidate.entered_confirm_type = post.get(f"confirm_type-{key}", "")
        candidate.entered_confirm_value = post.get(f"confirm_value-{key}", "")
        candidate.entered_emergency_reason = post.get(f"emergency_reason-{key}", "")


def _chosen(candidates, value: str) -> tuple[str, str]:
    """(person id, field key) of the candidate a decision names by its ref. A value that is no
    candidate's ref goes to the services as it is, which refuse what the check did not propose
    (and log a record of another Kreis posted by its id)."""
    for candidate in candidates:
        if candidate.ref == value:
            return candidate.person_id, candidate.ref
    return value, value


@requires(Action.EDIT_PERSON_REGISTRY)
def person_register_view(request):
    form = PersonRegistrationForm(request.POST or None)
    candidates = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.to_input()
        decision = request.POST.get("decision", "")
        candidates = duplicate_check(actor=request.user, data=data)
        try:
            if decision.startswith("link:"):
                person_id, key = _chosen(candidates, decision.removeprefix("link:"))
                case = person_link_existing(
                    actor=request.user,
                    person_id=person_id,
                    data=data,
                    candidates=candidates,
                    confirmation=_confirmation(request.POST, key),
                )
                messages.success(
                    request,
                    _("The existing record was linked to your office; new spellings were added."),
                )
                return redirect("web:person_detail", person_id=case.person_id)
            if decision.startswith("transfer:"):
                value, _sep, office_code = decision.removeprefix("transfer:").partition(":")
                person_id, key = _chosen(candidates, value)
                referral = transfer_request(
                    actor=request.user,
                    person_id=person_id,
                    to_office_code=office_code,
                    reason=request.POST.get(f"transfer_reason-{key}", ""),
                    entered_name=_entered_name(data),
                    candidates=candidates,
                )
                messages.success(
                    request,
                    _(
                        "The transfer request was sent to %(office)s. Your case opens when "
                        "they accept it."
                    )
                    % {"office": referral.to_office},
                )
                return redirect("web:referral_detail", referral_id=referral.pk)
            if decision.startswith("emergency:"):
                person_id, key = _chosen(candidates, decision.removeprefix("emergency:"))
                proposed = person_id in {c.person_id for c in candidates}
                person = Person.objects.filter(pk=person_id).first() if proposed else None
                grant = break_glass_open(
                    actor=request.user,
                    person=person,
                    reason=request.POST.get(f"emergency_reason-{key}", ""),
                )
                return _emergency_opened(request, grant)
            if decision == "new" or not candidates:
                case = person_register(
                    actor=request.user,
                    data=data,
                    candidates=candidates,
                    reason=request.POST.get("new_reason", "")[:150],
                )
                messages.success(request, _("The person was registered and a case opened."))
                return redirect("web:person_detail", person_id=case.person_id)
        except ValidationError as exc:
            _apply_errors(form, exc)
            status = 400
        _keep_entries(request.POST, candidates)
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "candidates": candidates,
        # The strong match whose action is the page's primary button (linking, or the
        # transfer request for a record of another Kreis); none beside a weak match only.
        "primary": next((c for c in candidates or [] if c.strong), None),
        "identifier_types": IdentifierType.choices,
        "new_reason": request.POST.get("new_reason", ""),
    }
    return render(request, "people/register.html", context, status=status)


@requires(Action.VIEW_PERSON, person_data=True)
def person_detail(request, person_id):
    person = person_get(actor=request.user, person_id=person_id, purpose="case work")
    context = person_page_data(actor=request.user, person=person)
    context["name_form"] = NameVariantForm()
    context["identifier_form"] = IdentifierForm()
    return render(request, "people/person_detail.html", context)


def _add_to_record(request, person_id, form_class, add, done: str, failed: str):
    """Add a name or an identifier from a small form on the person page."""
    person = person_get(actor=request.user, person_id=person_id, purpose="case work", edit=True)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, failed)
    else:
        try:
            add(person, form.to_input())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
    return redirect("web:person_detail", person_id=person.pk)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def person_name_add_view(request, person_id):
    return _add_to_record(
        request,
        person_id,
        NameVariantForm,
        lambda person, name: person_name_add(actor=request.user, person=person, name=name),
        _("The name was added."),
        _("The name could not be added: please check your entries."),
    )


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def person_identifier_add_view(request, person_id):
    return _add_to_record(
        request,
        person_id,
        IdentifierForm,
        lambda person, ident: person_identifier_add(
            actor=request.user, person=person, identifier=ident
        ),
        _("The identifier was added."),
        _("The identifier could not be added: please check your entries."),
    )


@require_POST
@requires(Action.EDIT_PERSON_REGISTRY)
def person_break_glass(request, person_id):
    """Emergency access to a record held by another office of the Kreis (reason required).

    An id that names no one is refused like a person of another Kreis, with the same page."""
    person = Person.objects.filter(pk=person_id).first()
    try:
        grant = break_glass_open(
            actor=request.user, person=person, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("web:person_register")
    return _emergency_opened(request, grant)


def _emergency_opened(request, grant):
    messages.warning(
        request,
        _("Emergency access until %(time)s. It is logged and shown to the data-protection officer.")
        % {"time": timezone.localtime(grant.expires_at).strftime("%H:%M")},
    )
    return redirect("web:person_detail", person_id=grant.person_id)
