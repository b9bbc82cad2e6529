"""The Jugendberufsagentur's list of the young people under 25 (lotse/plans/youth.py,
docs/youth.md): filters, sorting and pages in the URL, one list read per page in the trail."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.plans.youth import Stage, YouthFilters, youth_kreise, youth_list, youth_rows
from lotse.web.listing import Sort, paginate


def _filters(request) -> YouthFilters:
    params = request.GET
    stage = params.get("stage", "")
    return YouthFilters(
        stage=stage if stage in Stage.values else "",
        kreis=youth_kreise(actor=request.user).filter(code=params.get("kreis", "")).first(),
        minors_only=params.get("minors", "") == "1",
    )


def _sorts() -> dict[str, Sort]:
    return {
        "name": Sort(_("Name"), ("name",)),
        "born": Sort(_("Year of birth"), ("birth_year", "birth_month", "birth_day")),
    }


@require_safe
@requires(Action.VIEW_YOUTH, person_data=True)
def youth_index(request):
    filters = _filters(request)
    listing = paginate(
        request,
        youth_list(actor=request.user, filters=filters),
        sorts=_sorts(),
        default="name",
        label=_("Pages of the list of young people"),
    )
    rows = youth_rows(actor=request.user, persons=listing.rows)
    return render(
        request,
        "plans/youth_list.html",
        {
            "listing": listing,
            "rows": rows,
            "filters": filters,
            "stages": Stage.choices,
            "kreise": youth_kreise(actor=request.user),
        },
    )
