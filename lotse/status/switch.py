"""The Rechtskreiswechsel as a guided hand-over.

After every change of a person's status entries the engine is asked for today. When it computes
a switch, lotse records it (`BenefitSwitch`), sets a follow-up on the case of the office handing
over ("Rechtskreiswechsel: last AsylbLG month 05/2016 …") and proposes to that office a transfer
referral to the office taking over, pre-filled with purpose, the data categories to share and the
checklist of what the application there needs. Until the office taking over has accepted, both
offices are warned once the last month of the old regime has begun.

The kinds of switch are data (`KINDS`): which keys of the engine's `switch` answer they read,
which kind of office hands over and which takes over, what is shared and which checklist
applies. The planned reverse switch of § 24 holders (SGB II → AsylbLG) is one of them.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import Category
from lotse.cases.models import Case, CaseStatus, ReferralState
from lotse.organisations.models import Office, OfficeKind
from lotse.status.models import BenefitSwitch, SwitchState


@dataclass(frozen=True)
class SwitchKind:
    key: str
    last_key: str  # key of the engine's switch answer
    first_key: str
    old_regime: str
    new_regime: str
    from_kind: str  # kind of office handing over
    to_kind: str  # kind of office taking over
    categories: tuple[str, ...]
    checklist: str
    label: str


KINDS: dict[str, SwitchKind] = {
    k.key: k
    for k in [
        SwitchKind(
            "asylblg_sgb2",
            "last_asylblg_month",
            "first_sgb2_month",
            "AsylbLG",
            "SGB II",
            OfficeKind.SOZIALAMT,
            OfficeKind.JOBCENTER,
            (Category.STATUS, Category.BENEFITS, Category.PROFILE),
            "sgb2_application",
            _("AsylbLG → SGB II (Sozialamt → Jobcenter)"),
        ),
        SwitchKind(
            "asylblg_sgb12",
            "last_asylblg_month",
            "first_sgb12_month",
            "AsylbLG",
            "SGB XII",
            OfficeKind.SOZIALAMT,
            OfficeKind.SOZIALAMT,
            (),
            "",
            _("AsylbLG → SGB XII (within the Sozialamt)"),
        ),
        SwitchKind(
            "sgb2_asylblg",
            "last_sgb2_month",
            "first_asylblg_month",
            "SGB II",
            "AsylbLG",
            OfficeKind.JOBCENTER,
            OfficeKind.SOZIALAMT,
            (Category.STATUS, Category.BENEFITS, Category.PROFILE),
            "asylblg_application",
            _("SGB II → AsylbLG (Jobcenter → Sozialamt, planned for § 24 holders)"),
        ),
    ]
}

COVERING_STATES = (
    ReferralState.ACCEPTED,
    ReferralState.IN_PROGRESS,
    ReferralState.RETURNED,
    ReferralState.CLOSED,
)


def kind_of(answer: dict) -> SwitchKind | None:
    for kind in KINDS.values():
        if kind.last_key in answer and kind.first_key in answer:
            return kind
    return None


def month(value: str) -> date:
    return date.fromisoformat(value + "-01")


def wohnsitz_kreis(events: list[dict], day: date) -> str | None:
    """The Kreis of the § 12a Wohnsitzregelung in effect on `day`, if one names a Kreis."""
    current = None
    for event in sorted(events, key=lambda e: e["date"]):
        if event["date"] > day.isoformat():
            break
        if event["type"] == "wohnsitzregelung":
            until = event.get("valid_until")
            if until is None:
                start = date.fromisoformat(event["date"])
                until = start.replace(year=start.year + 3).isoformat()
            current = (event.get("kreis"), until)
        elif event["type"] == "wohnsitzregelung_lifted":
            current = None
    if current and current[0] and current[1] >= day.isoformat():
        return current[0]
    return None


def office_of(kind: str, kreis_code: str, day: date) -> Office | None:
    """The office of `kind` for the Kreis on `day` (reference data); if it no longer exists
    today, its successor that does."""
    office = (
        Office.objects.valid_on(day)
        .filter(kind=kind, kreis__code=kreis_code)
        .order_by("pk")
        .first()
    )
    today = timezone.localdate()
    seen = set()
    while office is not None and not office.is_valid_on(today) and office.pk not in seen:
        seen.add(office.pk)
        office = office.successors.order_by("-valid_from").first()
    return office


def is_covered(switch: BenefitSwitch) -> bool:
    """The first month in the new regime is covered once the office taking over has accepted
    the hand-over (or has an open case for the person anyway)."""
    if switch.state == SwitchState.CANCELLED:
        return True
    if switch.to_office_id is None or switch.to_office_id == switch.from_office_id:
        return True
    if switch.referral_id and switch.referral.state in COVERING_STATES:
        return True
    return Case.objects.filter(
        person=switch.person_id, office=switch.to_office_id, status=CaseStatus.OPEN
    ).exists()


def needs_warning(switch: BenefitSwitch, today: date | None = None) -> bool:
    """While the first month in the new regime is not covered and the last month of the old one
    has begun, a month without benefits threatens."""
    today = today or timezone.localdate()
    return today >= switch.last_month and not is_covered(switch)


def open_switches(person) -> list[BenefitSwitch]:
    return list(
        BenefitSwitch.objects.filter(person=person)
        .exclude(state=SwitchState.CANCELLED)
        .select_related("from_office", "to_office", "referral", "from_case", "follow_up")
    )


def switches_to_warn(office) -> list[BenefitSwitch]:
    """Switches the office hands over, or takes over once the referral was sent to it, whose
    first month is not yet covered."""
    candidates = (
        BenefitSwitch.objects.exclude(state=SwitchState.CANCELLED)
        .filter(
            Q(from_office=office)
            | Q(to_office=office, referral__isnull=False, referral__to_office=office)
        )
        .filter(last_month__lte=timezone.localdate())
        .select_related("from_office", "to_office", "referral", "person")
        .prefetch_related("person__names")
    )
    return [s for s in candidates if needs_warning(s)]
