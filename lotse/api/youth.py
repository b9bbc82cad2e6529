"""GET /api/v1/youth: the Jugendberufsagentur's list of the young people under 25 (the selector of
the page /youth/, lotse/plans/youth.py), a page of it; the persons of the page are logged as read
(one list read)."""

from datetime import date
from typing import Annotated
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.cases import Limit, Offset
from lotse.api.schemas import errors
from lotse.plans.youth import Stage, YouthFilters, youth_kreise, youth_list, youth_rows

router = Router(tags=["youth"])
Code = Annotated[str, Field(max_length=20)]


class YouthOut(Schema):
    person: UUID
    name: str
    birth_date: str  # as far as known: YYYY, MM.YYYY or DD.MM.YYYY
    age_youngest: int | None
    age_oldest: int | None
    age_uncertain: bool
    unaccompanied_minor: bool
    stage: str
    duldung_paths: str | None  # the rules engine's answer where a Duldung is recorded
    duldung_paragraph: str | None
    last_conference: date | None


class YouthPageOut(Schema):
    count: int
    items: list[YouthOut]


def _item(row) -> dict:
    age = row.age
    return {
        "person": row.person.pk,
        "name": str(row.person),
        "birth_date": row.person.birth_date_display,
        "age_youngest": age.youngest if age else None,
        "age_oldest": age.oldest if age else None,
        "age_uncertain": bool(age and age.uncertain),
        "unaccompanied_minor": row.unaccompanied_minor,
        "stage": row.stage.value,
        "duldung_paths": row.duldung.value if row.duldung else None,
        "duldung_paragraph": row.duldung.paragraph if row.duldung else None,
        "last_conference": row.last_conference,
    }


@router.get("/youth", response={200: YouthPageOut, **errors()})
@requires(Action.VIEW_YOUTH, person_data=True)
def youth(
    request,
    stage: Code = "",
    kreis: Code = "",
    minors: bool = False,
    limit: int = Limit,
    offset: int = Offset,
):
    """The young people under 25 the office sees (or who may be, where only the year of birth is
    known), by name; `count`: all of the list."""
    if stage and stage not in Stage.values:
        raise ValidationError(
            {"stage": _("Choose one of: %(values)s.") % {"values": ", ".join(Stage.values)}}
        )
    chosen = None
    if kreis:
        chosen = youth_kreise(actor=request.user).filter(code=kreis).first()
        if chosen is None:
            raise ValidationError({"kreis": _("Choose a Kreis your office serves.")})
    filters = YouthFilters(stage=stage, kreis=chosen, minors_only=minors)
    listed = youth_list(actor=request.user, filters=filters).order_by(
        F("name").asc(nulls_last=True), "pk"
    )
    rows = youth_rows(actor=request.user, persons=listed[offset : offset + limit])
    return {"count": listed.count(), "items": [_item(row) for row in rows]}
