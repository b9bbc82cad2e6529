"""Case work: caseload, the case page, follow-ups, notes, referrals and hand-overs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action, decide, scope_offices
from lotse.audit.vocabulary import Purpose, parse_basis
from lotse.cases import referrals as referral_services
from lotse.cases.models import Case, FollowUp, ReferralState
from lotse.cases.selectors import (
    CaseloadFilters,
    case_get,
    case_handed_over,
    caseload,
    cases_listed,
    handed_over_text,
    referral_get,
    referrals_incoming,
    referrals_listed,
    referrals_outgoing,
    shared_with_office,
)
from lotse.cases.services import (
    CaseClosed,
    EditConflict,
    case_check_open,
    case_close,
    case_update,
    cases_reassign,
    follow_up_add,
    follow_up_done,
    note_add,
)
from lotse.core.params import search_text
from lotse.plans.selectors import next_steps
from lotse.web.case_forms import (
    CATEGORY_LABELS,
    CaseForm,
    CloseForm,
    FollowUpForm,
    NoteForm,
    ReasonForm,
    ReassignForm,
    ReferralForm,
)
from lotse.web.listing import Sort, paginate


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _closed_refusal(request, case: Case):
    """The case page without forms and with the reason (409) when `case` is closed: a POST to
    it changes nothing. None for an open case."""
    try:
        case_check_open(case)
    except CaseClosed as exc:
        context = _case_context(request, case)
        context["closed_refusal"] = " ".join(exc.messages)
        return render(request, "cases/case_detail.html", context, status=409)
    return None


def _caseload_filters(request) -> CaseloadFilters:
    params = request.GET
    return CaseloadFilters(
        mine=params.get("mine") == "1",
        unassigned=params.get("unassigned") == "1",
        due=params.get("due") == "1",
        closed=params.get("closed") == "1",
        query=search_text(request),
    )


def _case_sorts() -> dict[str, Sort]:
    return {
        "person": Sort(_("Person"), ("person_name",)),
        "responsible": Sort(_("Responsible"), ("responsible__last_name",)),
        "due": Sort(_("Next step due"), ("next_due_on",)),
        "opened": Sort(_("Opened"), ("opened_at",)),
    }


@require_safe
@requires(Action.WORK_ON_CASE, person_data=True)
def case_list(request):
    filters = _caseload_filters(request)
    listing = paginate(
        request,
        caseload(actor=request.user, filters=filters),
        sorts=_case_sorts(),
        default="due",
        label=_("Pages of the caseload"),
    )
    cases = cases_listed(actor=request.user, cases=listing.rows)
    plan_steps = next_steps(actor=request.user, persons=[case.person_id for case in cases])
    for case in cases:
        case.plan_step = plan_steps.get(str(case.person_id))  # type: ignore[attr-defined]
    return render(
        request,
        "cases/case_list.html",
        {"cases": cases, "listing": listing, "filters": filters},
    )


def _case_context(request, case: Case, **forms) -> dict:
    return {
        "case": case,
        "case_form": forms.get("case_form")
        or CaseForm(
            office=case.office,
            current=case.responsible_id,
            initial={
                "version": case.version,
                "summary": case.summary,
                "responsible": case.responsible_id,
            },
        ),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "follow_ups": case.follow_ups.order_by("done_at", "due_on"),
        "notes": case.notes.select_related("author"),
        "shared": _shared_labelled(shared_with_office(actor=request.user, case=case)),
        "referrals_sent": case.referrals_sent.select_related("to_office"),
        "referrals_received": case.referrals_received.select_related("from_office"),
        "conflict": forms.get("conflict"),
        "handed_over": _handed_over_text(case),
    }


def _basis_label(basis) -> str:
    """A legal basis in the reader's language (stored as a code with English text)."""
    parsed = parse_basis(basis)
    return parsed.label() if parsed is not None else _(str(basis))


def _shared_labelled(shared: dict) -> dict:
    return {
        kind: [(item, _basis_label(basis)) for item, basis in rows] for kind, rows in shared.items()
    }


def _handed_over_text(case: Case) -> str:
    referral = case_handed_over(case)
    return handed_over_text(referral) if referral else ""


@require_http_methods(["GET", "POST"])
@requires(Action.WORK_ON_CASE, person_data=True)
def case_detail(request, case_id: int):
    case = case_get(actor=request.user, case_id=case_id)
    if request.method == "POST":
        if refused := _closed_refusal(request, case):
            return refused
        form = CaseForm(request.POST, office=case.office, current=case.responsible_id)
        if form.is_valid():
            try:
                case_update(
                    actor=request.user,
                    case=case,
                    expected_version=form.cleaned_data["version"],
                    summary=form.cleaned_data["summary"],
                    responsible=form.cleaned_data["responsible"],
                    team=case.team,
                )
            except EditConflict as exc:
                # Show the other person's version beside the entry, so it can be merged by hand.
                form = CaseForm(request.POST, office=case.office, current=case.responsible_id)
                form.is_valid()
                form.data = form.data.copy()
                form.data["version"] = exc.current.version
                _error(request, exc)
                return render(
                    request,
                    "cases/case_detail.html",
                    _case_context(request, exc.current, case_form=form, conflict=exc.current),
                )
            except ValidationError as exc:
                _to_form(form, exc)
                return _invalid_entry(request, case, case_form=form)
            messages.success(request, _("The case was saved."))
            return redirect("web:case_detail", case_id=case.pk)
        return _invalid_entry(request, case, case_form=form)
    return render(request, "cases/case_detail.html", _case_context(request, case))


@require_POST
@requires(Action.WORK_ON_CASE, person_data=True)
def case_follow_up(request, case_id: int):
    case = case_get(actor=request.user, case_id=case_id)
    if refused := _closed_refusal(request, case):
        return refused
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return _invalid_entry(request, case, follow_up_form=form)
    try:
        follow_up_add(actor=request.user, case=case, **form.cleaned_data)
    except ValidationError as exc:
        _to_form(form, exc)
        return _invalid_entry(request, case, follow_up_form=form)
    messages.success(request, _("The follow-up was set."))
    return redirect("web:case_detail", case_id=case.pk)


def _to_form(form, exc: ValidationError) -> None:
    """A service's refusal onto the form: on its field where it names one, else above."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _invalid_entry(request, case: Case, **forms):
    """The case page again with the refused entry and its error (422): nothing was saved."""
    context = _case_context(request, case, **forms)
    return render(request, "cases/case_detail.html", context, status=422)


@require_POST
@requires(Action.WORK_ON_CASE, person_data=True)
def case_follow_up_done(request, case_id: int, follow_up_id: int):
    case = case_get(actor=request.user, case_id=case_id)
    if refused := _closed_refusal(request, case):
        return refused
    follow_up_done(
        actor=request.user, follow_up=get_object_or_404(FollowUp, pk=follow_up_id, case=case)
    )
    return redirect("web:case_detail", case_id=case.pk)


@require_POST
@requires(Action.WORK_ON_CASE, person_data=True)
def case_note(request, case_id: int):
    case = case_get(actor=request.user, case_id=case_id)
    if refused := _closed_refusal(request, case):
        return refused
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid_entry(request, case, note_form=form)
    try:
        note_add(actor=request.user, case=case, **form.cleaned_data)
    except ValidationError as exc:
        _to_form(form, exc)
        return _invalid_entry(request, case, note_form=form)
    messages.success(request, _("The note was saved."))
    return redirect("web:case_detail", case_id=case.pk)


@require_POST
@requires(Action.WORK_ON_CASE, person_data=True)
def case_close_view(request, case_id: int):
    case = case_get(actor=request.user, case_id=case_id)
    if refused := _closed_refusal(request, case):
        return refused
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _invalid_entry(request, case, close_form=form)
    try:
        case_close(actor=request.user, case=case, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        _to_form(form, exc)
        return _invalid_entry(request, case, close_form=form)
    messages.success(request, _("The case was closed."))
    return redirect("web:case_detail", case_id=case.pk)


@require_http_methods(["GET", "POST"])
@requires(Action.REASSIGN_CASES)
def case_reassign(request):
    filters = _caseload_filters(request)
    listing = paginate(
        request,
        caseload(actor=request.user, filters=filters),
        sorts=_case_sorts(),
        default="responsible",
        label=_("Pages of the cases to reassign"),
    )
    cases = cases_listed(actor=request.user, cases=listing.rows, purpose=Purpose.REASSIGNMENT)
    if request.method == "POST":
        # The chosen cases as the policy scopes them, whichever page they were chosen on.
        chosen_ids = [v for v in request.POST.getlist("cases") if v.isdigit()]
        scoped = caseload(actor=request.user, filters=CaseloadFilters())
        on_page = {c.pk for c in cases}
        cases += [c for c in scoped.filter(pk__in=chosen_ids) if c.pk not in on_page]
    choices = [(str(c.pk), f"{c.person} – {c.responsible or _('unassigned')}") for c in cases]
    form = ReassignForm(request.POST or None, office=request.user.office, case_choices=choices)
    if request.method == "POST" and form.is_valid():
        chosen = [c for c in cases if str(c.pk) in set(form.cleaned_data["cases"])]
        try:
            count = cases_reassign(
                actor=request.user, cases=chosen, responsible=form.cleaned_data["responsible"]
            )
            messages.success(request, _("%(count)s cases reassigned.") % {"count": count})
            return redirect("web:case_list")
        except ValidationError as exc:
            _to_form(form, exc)
    return render(
        request,
        "cases/reassign.html",
        {"form": form, "listing": listing, "filters": filters, "cases": cases},
        status=422 if form.is_bound and form.errors else 200,
    )


def _referral_sorts(other: str) -> dict[str, Sort]:
    return {
        "person": Sort(_("Person"), ("person_name",)),
        "office": Sort(
            _("From") if other == "from" else pgettext("recipient", "To"),
            (f"{other}_office__name",),
        ),
        "state": Sort(_("State"), ("state",)),
        "respond_by": Sort(_("Answer by"), ("respond_by",)),
        "updated": Sort(_("Last change"), ("updated_at",)),
    }


@require_safe
@requires(Action.HANDLE_REFERRAL, person_data=True)
def referral_index(request):
    incoming = paginate(
        request,
        referrals_incoming(actor=request.user),
        sorts=_referral_sorts("from"),
        default="respond_by",
        prefix="in_",
        label=_("Pages of the incoming requests"),
    )
    outgoing = paginate(
        request,
        referrals_outgoing(actor=request.user),
        sorts=_referral_sorts("to"),
        default="-updated",
        prefix="out_",
        label=_("Pages of the sent requests"),
    )
    return render(
        request,
        "cases/referral_list.html",
        {
            "incoming": referrals_listed(actor=request.user, referrals=incoming.rows),
            "incoming_listing": incoming,
            "outgoing": referrals_listed(actor=request.user, referrals=outgoing.rows),
            "outgoing_listing": outgoing,
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Action.WORK_ON_CASE, person_data=True)
def referral_new(request, case_id: int):
    case = case_get(actor=request.user, case_id=case_id)
    if refused := _closed_refusal(request, case):
        return refused
    offices = scope_offices(request.user).exclude(pk=case.office_id).order_by("name")
    form = ReferralForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_services.referral_request(
                actor=request.user, case=case, **form.cleaned_data
            )
            messages.success(request, _("The request was sent."))
            return redirect("web:referral_detail", referral_id=referral.pk)
        except ValidationError as exc:
            _to_form(form, exc)
    return render(
        request,
        "cases/referral_new.html",
        {"case": case, "form": form},
        status=422 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@requires(Action.HANDLE_REFERRAL, person_data=True)
def referral_detail(request, referral_id: int):
    referral = referral_get(actor=request.user, referral_id=referral_id)
    if request.method == "POST":
        form = ReasonForm(request.POST)
        # Never take the step without the reason or note that was meant to go with it; on a
        # refusal the page comes back with the text as typed (422).
        if form.is_valid():
            try:
                referral_services.referral_step(
                    actor=request.user,
                    referral=referral,
                    step=request.POST.get("step", ""),
                    text=form.cleaned_data.get("text", ""),
                )
            except ValidationError as exc:  # the step's only entry is its text
                form.add_error("text", exc.messages)
            else:
                messages.success(request, _("Saved."))
                return redirect("web:referral_detail", referral_id=referral.pk)
        return _referral_page(request, referral, form, status=422)
    return _referral_page(request, referral, ReasonForm())


def _referral_page(request, referral, reason_form, status=200):
    receiving = request.user.office_id == referral.to_office_id
    return render(
        request,
        "cases/referral_detail.html",
        {
            "referral": referral,
            # each category by its name, the basis in the reader's language (stored in English)
            "shared": [
                (CATEGORY_LABELS.get(category, category), basis)
                for category, basis in referral.shared.items()
            ],
            "events": referral.events.select_related("actor", "office"),
            "receiving": receiving,
            "sending": request.user.office_id == referral.from_office_id,
            "states": ReferralState,
            "reason_form": reason_form,
            "own_case_url_allowed": bool(
                referral.to_case and decide(request.user, Action.WORK_ON_CASE, referral.to_case)
            )
            if receiving
            else bool(
                referral.from_case and decide(request.user, Action.WORK_ON_CASE, referral.from_case)
            ),
        },
        status=status,
    )
