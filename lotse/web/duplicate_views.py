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
    latest_run,
    merge_get,
    merge_list,
    pair_get,
    pair_queue,
    pairs_elsewhere_count,
    run_get,
)
from lotse.identity.services import duplicate_run_start, pair_confirm, pair_reject, person_unmerge
from lotse.people.selectors import person_get, person_page_data
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


@require_http_methods(["GET", "POST"])
@requires(Action.REVIEW_DUPLICATES, person_data=True)
def pair_detail(request, pair_id: int):
    pair = pair_get(actor=request.user, pair_id=pair_id)
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            if request.POST.get("decision") == "same":
                pair_confirm(actor=request.user, pair=pair, reason=reason)
                messages.success(request, _("The records were merged. The merge can be undone."))
            else:
                pair_reject(actor=request.user, pair=pair, reason=reason)
                messages.success(request, _("Marked as different persons."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("web:duplicate_pair", pair_id=pair.pk)
        return redirect("web:duplicate_queue")
    sides = [
        person_page_data(
            actor=request.user,
            person=person_get(actor=request.user, person_id=pk, purpose=Purpose.DUPLICATE_REVIEW),
        )
        for pk in (pair.person_a_id, pair.person_b_id)
    ]
    return render(request, "identity/pair.html", {"pair": pair, "sides": sides})


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
