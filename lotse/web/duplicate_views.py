"""Possible duplicates: start the batch search, watch its progress, review pairs, undo merges."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.vocabulary import Purpose
from lotse.identity.selectors import (
    decided_pair_get,
    decided_pairs,
    explain_pairs,
    latest_run,
    merge_get,
    merge_list,
    pair_get,
    pair_queue,
    pairs_elsewhere_count,
    run_get,
)
from lotse.identity.services import (
    duplicate_run_start,
    match_decision_reset,
    pair_confirm,
    pair_reject,
    person_unmerge,
)
from lotse.people.selectors import person_get, person_page_data
from lotse.web.duplicate_forms import DecisionResetForm, PairRejectForm
from lotse.web.listing import Sort, paginate


@require_safe
@requires(Action.REVIEW_DUPLICATES)
def queue(request):
    pairs = paginate(
        request,
        pair_queue(actor=request.user),
        sorts={
            "score": Sort(_("Match"), ("score",)),
            "person": Sort(_("Record 1"), ("person_a_name",)),
        },
        default="-score",
        label=_("Pages of the pairs to review"),
    )
    explain_pairs(pairs.rows)
    decided = paginate(
        request,
        decided_pairs(actor=request.user),
        sorts={"reviewed": Sort(_("Decided"), ("reviewed_at",))},
        default="-reviewed",
        prefix="decided_",
        label=_("Pages of the pairs decided as different persons"),
    )
    merges = paginate(
        request,
        merge_list(actor=request.user),
        sorts={"merged": Sort(_("Merged"), ("merged_at",))},
        default="-merged",
        prefix="merges_",
        label=_("Pages of the merges"),
    )
    return render(
        request,
        "identity/queue.html",
        {
            "pairs": pairs,
            "elsewhere": pairs_elsewhere_count(actor=request.user),
            "run": latest_run(actor=request.user),
            "decided": decided,
            "merges": merges,
        },
    )


@require_POST
@requires(Action.REVIEW_DUPLICATES)
def run_start(request):
    try:
        duplicate_run_start(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The search for duplicates has started; progress is shown below.")
        )
    return redirect("web:duplicate_queue")


@require_safe
@requires(Action.REVIEW_DUPLICATES)
def run_progress(request, run_id: int):
    return render(
        request, "identity/_run_progress.html", {"run": run_get(actor=request.user, run_id=run_id)}
    )


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_http_methods(["GET", "POST"])
@requires(Action.REVIEW_DUPLICATES, person_data=True)
def pair_detail(request, pair_id: int):
    pair = pair_get(actor=request.user, pair_id=pair_id)
    reject_form = PairRejectForm()
    status = 200
    if request.method == "POST" and request.POST.get("decision") == "same":
        try:
            pair_confirm(actor=request.user, pair=pair, reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("web:duplicate_pair", pair_id=pair.pk)
        messages.success(request, _("The records were merged. The merge can be undone."))
        return redirect("web:duplicate_queue")
    if request.method == "POST":
        reject_form = PairRejectForm(request.POST)
        if reject_form.is_valid():
            try:
                pair_reject(
                    actor=request.user,
                    pair=pair,
                    kind=reject_form.cleaned_data["kind"],
                    note=reject_form.cleaned_data["note"],
                )
            except ValidationError as exc:
                _apply_errors(reject_form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Marked as different persons: the pair is not proposed again. The "
                        "decision can be taken back below the review queue."
                    ),
                )
                return redirect("web:duplicate_queue")
        status = 400
    sides = [
        person_page_data(
            actor=request.user,
            person=person_get(actor=request.user, person_id=pk, purpose=Purpose.DUPLICATE_REVIEW),
        )
        for pk in (pair.person_a_id, pair.person_b_id)
    ]
    explain_pairs([pair])
    context = {"pair": pair, "sides": sides, "reject_form": reject_form}
    return render(request, "identity/pair.html", context, status=status)


@require_POST
@requires(Action.REVIEW_DUPLICATES)
def decision_reset(request, pair_id: int):
    pair = decided_pair_get(actor=request.user, pair_id=pair_id)
    form = DecisionResetForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("web:duplicate_queue")
    try:
        match_decision_reset(actor=request.user, pair=pair, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The decision was taken back: the pair is in the review queue again.")
        )
    return redirect("web:duplicate_queue")


@require_POST
@requires(Action.REVIEW_DUPLICATES)
def merge_undo(request, merge_id: int):
    merge = merge_get(actor=request.user, merge_id=merge_id)
    try:
        person_unmerge(actor=request.user, merge=merge, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The merge was undone; both records are separate again."))
    return redirect("web:duplicate_queue")
