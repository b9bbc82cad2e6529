"""Persons: search, registration with the duplicate check, the person page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.vocabulary import Purpose
from lotse.cases.referrals import transfer_request
from lotse.cases.selectors import handed_over_get, handed_over_text
from lotse.cases.services import (
    FamilyMemberInput,
    break_glass_open,
    family_register,
    person_link_existing,
    person_register,
)
from lotse.consent.selectors import consent_section
from lotse.core.params import search_text
from lotse.courses.selectors import person_enrolments
from lotse.identity.registry import duplicate_check
from lotse.jobs.placement_selectors import may_record_placements
from lotse.people.households import current_membership, household_join, household_member_remove
from lotse.people.models import HouseholdMember, IdentifierType, Person
from lotse.people.selectors import (
    household_page_data,
    person_get,
    person_page_data,
    person_search,
    persons_listed,
)
from lotse.people.services import (
    IdentifierInput,
    person_arrival_record,
    person_identifier_add,
    person_name_add,
)
from lotse.plans.selectors import plan_get
from lotse.profiles.selectors import profile_section
from lotse.status.selectors import status_overview
from lotse.subject_rights.selectors import rights_section
from lotse.web.form_errors import apply_errors
from lotse.web.listing import Sort, paginate
from lotse.web.person_forms import (
    MAX_FAMILY_MEMBERS,
    ArrivalForm,
    FamilyMemberForm,
    FamilyMemberFormSet,
    HouseholdAddForm,
    HouseholdRemoveForm,
    IdentifierForm,
    NameVariantForm,
    PersonRegistrationForm,
)


@require_safe
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


def _entered_name(data) -> str:
    name = data.names[0] if data.names else None
    return " ".join(filter(None, [name.given_names, name.family_name])) if name else ""


CONFIRM_VALUE_MAX_LENGTH = 60  # an identifier's number (people.Identifier.value)


def _confirmation(post, person_id: str) -> IdentifierInput | None:
    """The document or identifier the caseworker checked to link a possible match."""
    kind = post.get(f"confirm_type-{person_id}", "")
    value = post.get(f"confirm_value-{person_id}", "").strip()
    if kind not in IdentifierType.values or not value:
        return None
    if len(value) > CONFIRM_VALUE_MAX_LENGTH:
        raise ValidationError(
            {"confirm": _("At most %(count)s characters.") % {"count": CONFIRM_VALUE_MAX_LENGTH}}
        )
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


_NO_ROWS = {"member-TOTAL_FORMS": "0", "member-INITIAL_FORMS": "0"}


def _family_formset(request):
    """The family member rows: one empty row on a new page; on "add a member" the page again
    with what was entered and one more row (no checks yet: it works without JavaScript)."""
    if request.method != "POST":
        return FamilyMemberFormSet(prefix="member", initial=[{}]), False
    if "member-TOTAL_FORMS" not in request.POST:  # a form without family rows
        return FamilyMemberFormSet(_NO_ROWS, prefix="member"), False
    formset = FamilyMemberFormSet(request.POST, prefix="member")
    if "add_member" not in request.POST:
        return formset, False
    try:
        total = int(request.POST.get("member-TOTAL_FORMS", "0"))
    except ValueError:
        total = 0
    total = max(0, min(total, MAX_FAMILY_MEMBERS - 1))
    rows = [
        {
            name: request.POST.get(f"member-{index}-{name}", "")
            for name in FamilyMemberForm.base_fields
        }
        for index in range(total)
    ]
    return FamilyMemberFormSet(prefix="member", initial=[*rows, {}]), True


def _register_family(request, form, rows, data):
    """The person and their family in one go: each member passes the duplicate check; while a
    member's proposed records are not decided on, the page shows them (None: registered)."""
    decision = request.POST.get("decision", "")
    candidates = duplicate_check(actor=request.user, data=data)
    pending = bool(candidates) and not decision
    if decision.startswith(("transfer:", "emergency:")):
        raise ValidationError(
            _(
                "A transfer request or emergency access is for one person: use it without "
                "family members, and add them to the Bedarfsgemeinschaft once your case is open."
            )
        )
    confirmation = None
    if decision.startswith("link:"):
        person_id, key = _chosen(candidates, decision.removeprefix("link:"))
        decision, confirmation = f"link:{person_id}", _confirmation(request.POST, key)
    members = []
    for row in rows:
        member_data = row.to_input(address=data.address)
        row.candidates = duplicate_check(actor=request.user, data=member_data)
        choice = row.cleaned_data.get("decision", "")
        pending = pending or (bool(row.candidates) and not choice)
        if choice.startswith("link:"):
            # The rows name candidates by their reference, never by the record's id.
            choice = "link:" + _chosen(row.candidates, choice.removeprefix("link:"))[0]
        members.append(
            FamilyMemberInput(
                role=row.cleaned_data["role"],
                data=member_data,
                candidates=row.candidates,
                decision=choice or "new",
            )
        )
    if pending:
        return candidates, None
    case = family_register(
        actor=request.user,
        data=data,
        candidates=candidates,
        decision=decision if decision.startswith("link:") else "new",
        members=members,
        confirmation=confirmation,
        reason=request.POST.get("new_reason", ""),
    )
    return candidates, case


def _has_family(form, formset) -> bool:
    return form.is_valid() and formset.is_valid() and any(not r.is_blank() for r in formset)


def _person_register_family(request, form, formset):
    rows = [row for row in formset if not row.is_blank()]
    status, candidates = 200, None
    try:
        candidates, case = _register_family(request, form, rows, form.to_input())
    except ValidationError as exc:
        apply_errors(form, exc)
        status = 400
    else:
        if case is not None:
            messages.success(
                request, _("The family was registered as one Bedarfsgemeinschaft and cases opened.")
            )
            return redirect("web:person_detail", person_id=case.person_id)
    if candidates:
        _keep_entries(request.POST, candidates)
    context = {
        "form": form,
        "formset": formset,
        "candidates": candidates,
        "family": True,
        "primary": next((c for c in candidates or [] if c.strong), None),
        "identifier_types": IdentifierType.choices,
        "new_reason": request.POST.get("new_reason", ""),
    }
    return render(request, "people/register.html", context, status=status)


def _register_decided(request, data, decision: str, candidates):
    """Carry out the caseworker's decision on the duplicate check's candidates: link, transfer
    request, emergency access or a new record. None while there is nothing to decide yet."""
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
            _("The transfer request was sent to %(office)s. Your case opens when they accept it.")
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
            reason=request.POST.get("new_reason", ""),
        )
        messages.success(request, _("The person was registered and a case opened."))
        return redirect("web:person_detail", person_id=case.person_id)
    return None


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON_REGISTRY)
def person_register_view(request):
    formset, adding = _family_formset(request)
    if adding:
        form = PersonRegistrationForm(initial=request.POST.dict())
        context = {"form": form, "formset": formset, "candidates": None}
        return render(request, "people/register.html", context)
    form = PersonRegistrationForm(request.POST or None)
    if request.method == "POST" and _has_family(form, formset):
        return _person_register_family(request, form, formset)
    if request.method == "POST" and not formset.is_valid() and form.is_valid():
        form.add_error(None, _("Please check the entries of the family members marked below."))
    candidates = None
    status = 200
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.to_input()
        decision = request.POST.get("decision", "")
        candidates = duplicate_check(actor=request.user, data=data)
        try:
            response = _register_decided(request, data, decision, candidates)
            if response is not None:
                return response
        except ValidationError as exc:
            apply_errors(form, exc)
            status = 400
        _keep_entries(request.POST, candidates)
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "formset": formset,
        "candidates": candidates,
        # The strong match whose action is the page's primary button (linking, or the
        # transfer request for a record of another Kreis); none beside a weak match only.
        "primary": next((c for c in candidates or [] if c.strong), None),
        "identifier_types": IdentifierType.choices,
        "new_reason": request.POST.get("new_reason", ""),
    }
    return render(request, "people/register.html", context, status=status)


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def person_detail(request, person_id):
    try:
        person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CASE_WORK)
    except Http404:
        # An office that handed the person over is told so, not shown a bare "not found".
        referral = handed_over_get(actor=request.user, person_id=person_id)
        if referral is None:
            raise
        return render(
            request,
            "cases/handed_over.html",
            {"referral": referral, "text": handed_over_text(referral)},
        )
    return person_page(request, person)


def person_page(request, person, *, status=200, leaving=None, withdrawing=None, **forms):
    """The person page; after a refused entry (422) with that form as it was sent."""
    context = person_page_data(actor=request.user, person=person)
    context["name_form"] = forms.get("name_form") or NameVariantForm()
    context["identifier_form"] = forms.get("identifier_form") or IdentifierForm()
    context["arrival_form"] = forms.get("arrival_form") or ArrivalForm(
        initial={"arrived_unaccompanied": person.arrived_unaccompanied}
    )
    context.update(
        household_page_data(
            actor=request.user, person=person, query=search_text(request, "family_q")
        )
    )
    context["household_add_form"] = HouseholdAddForm()
    # The sections of other apps, read through their selectors (which ask the policy and log
    # what they read) here in the view, not while the template renders.
    context["consent_section"] = consent_section(
        actor=request.user, person=person, withdrawing=withdrawing
    )
    context["rights_section"] = rights_section(actor=request.user, person=person)
    context["status_section"] = status_overview(actor=request.user, person=person)
    context["profile_section"] = profile_section(actor=request.user, person=person)
    context["course_section"] = person_enrolments(
        actor=request.user, person=person, already_authorized=True
    )
    context["course_section_may_enrol"] = context["status_section"].can_record  # person.edit
    context["plan_section"] = plan_get(actor=request.user, person=person)
    context["may_record_placements"] = may_record_placements(request.user)
    for row in context["household_current"]:
        # One form per member, each with ids of its own.
        if leaving is not None and row["member"].pk == leaving[0]:
            row["leave_form"] = leaving[1]
        else:
            row["leave_form"] = HouseholdRemoveForm(auto_id=f"leave-{row['member'].pk}-%s")
    return render(request, "people/person_detail.html", context, status=status)


def _to_household(person) -> str:
    return reverse("web:person_detail", kwargs={"person_id": person.pk}) + "#household"


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def person_household_add(request, person_id):
    """Add one of the office's persons to the person's Bedarfsgemeinschaft (started with the
    person as applicant if there is none yet)."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.HOUSEHOLD, edit=True
    )
    form = HouseholdAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the person and their role in the Bedarfsgemeinschaft."))
        return redirect(_to_household(person))
    member = Person.objects.filter(pk=form.cleaned_data["member"]).first()
    try:
        if member is None:
            raise ValidationError(_("This record does not exist."))
        household_join(
            actor=request.user, person=person, member=member, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The member was added to the Bedarfsgemeinschaft."))
    return redirect(_to_household(person))


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def person_household_remove(request, person_id):
    """A member of the person's Bedarfsgemeinschaft leaves (the row stays as history)."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.HOUSEHOLD, edit=True
    )
    membership = current_membership(person)
    form = HouseholdRemoveForm(request.POST, auto_id=f"leave-{request.POST.get('member', '')}-%s")
    member = (
        HouseholdMember.objects.filter(
            pk=form.data.get("member") if str(form.data.get("member", "")).isdigit() else None,
            household=membership.household,
            valid_to__isnull=True,
        ).first()
        if membership
        else None
    )
    if member is None:
        messages.error(request, _("This member is not in the Bedarfsgemeinschaft (any more)."))
        return redirect(_to_household(person))
    if form.is_valid():
        try:
            household_member_remove(
                actor=request.user,
                member=member,
                reason=form.cleaned_data["reason"],
                valid_to=form.cleaned_data["valid_to"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The member left the Bedarfsgemeinschaft; the history stays.")
            )
            return redirect(_to_household(person))
    return person_page(request, person, status=422, leaving=(member.pk, form))


def _add_to_record(request, person_id, form_class, add, done: str, key: str):
    """Add a name or an identifier from a small form on the person page; a refused entry
    comes back as typed, with the error summary above the form (422)."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.CASE_WORK, edit=True
    )
    form = form_class(request.POST)
    if form.is_valid():
        try:
            add(person, form.to_input())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("web:person_detail", person_id=person.pk)
    return person_page(request, person, status=422, **{key: form})


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def person_name_add_view(request, person_id):
    return _add_to_record(
        request,
        person_id,
        NameVariantForm,
        lambda person, name: person_name_add(actor=request.user, person=person, name=name),
        _("The name was added."),
        "name_form",
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
        "identifier_form",
    )


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def person_arrival_view(request, person_id):
    """Whether the person came as an unaccompanied minor (a small form on the person page)."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.CASE_WORK, edit=True
    )
    form = ArrivalForm(request.POST)
    if form.is_valid():
        try:
            person_arrival_record(
                actor=request.user,
                person=person,
                arrived_unaccompanied=form.cleaned_data["arrived_unaccompanied"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The arrival was recorded."))
            return redirect("web:person_detail", person_id=person.pk)
    return person_page(request, person, status=422, arrival_form=form)


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
