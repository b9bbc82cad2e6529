"""The person's residence status on a day, folded from the dated events.

The status has a *frame* (asylum seeker, protected, title holder, tolerated, obliged to leave,
departed) set by the latest frame-setting event, plus the procedure's state (application,
decision, appeal, finality). Events that cannot follow one another (a decision without an
application, finality twice, a document before the law that created it) raise a ScenarioError.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_noop

from lotse.status.rules.errors import ScenarioError, said
from lotse.status.rules.ruleset import RuleSet
from lotse.status.rules.scenario import PROTECTION, Event, Scenario


class Frame(StrEnum):
    NONE = "none"  # no status event yet
    ASYLUM_SEEKER = "asylum_seeker"  # asked for asylum, procedure not final (Gestattung)
    PROTECTED = "protected"  # protection granted, decision not yet final (still Gestattung)
    PROTECTED_FINAL = "protected_final"  # protection final, no residence document recorded since
    TITLE = "title"  # residence title or Fiktionsbescheinigung
    DULDUNG = "duldung"
    AUSREISEPFLICHTIG = "ausreisepflichtig"  # final rejection, no Duldung
    DEPARTED = "departed"


FRAME_EVENTS = (
    "buema",
    "ankunftsnachweis",
    "asylum_application",
    "decision",
    "finality",
    "residence_title",
    "fiktionsbescheinigung",
    "duldung",
    "departure",
)
REQUEST_EVENTS = ("buema", "ankunftsnachweis", "asylum_application")
STAY_EVENTS = (*REQUEST_EVENTS, "duldung", "residence_title", "fiktionsbescheinigung")

# Documents and events that exist only since a law created them: rule id per (type, value).
INTRODUCED_BY = {
    ("ankunftsnachweis", None): "document.ankunftsnachweis",
    ("duldung", "60a_ausbildung"): "document.duldung_60a_ausbildung",
    ("duldung", "60b"): "document.duldung_60b",
    ("duldung", "60c"): "document.duldung_60c_60d",
    ("duldung", "60d"): "document.duldung_60c_60d",
    ("residence_title", "104c"): "document.title_104c",
    ("fiktionsbescheinigung", "104c"): "document.title_104c",
    ("wohnsitzregelung", None): "document.wohnsitzregelung",
}


@dataclass(frozen=True)
class Procedure:
    application: Event | None = None
    decision: Event | None = None
    appeal: Event | None = None
    finality: Event | None = None

    @property
    def outcome(self) -> str | None:
        return self.decision["outcome"] if self.decision else None

    @property
    def positive(self) -> bool:
        return self.outcome in PROTECTION


@dataclass(frozen=True)
class Status:
    day: date
    frame: Frame
    event: Event | None  # the event that set the frame
    procedure: Procedure
    requested: date | None  # first asylum request (BüMA, Ankunftsnachweis or application)
    stay_start: date | None  # first day of a permitted, tolerated or gestattet stay

    @property
    def document(self) -> Event | None:
        return self.event if self.frame in (Frame.TITLE, Frame.DULDUNG) else None

    @property
    def title(self) -> str | None:
        """The title code of a residence title, or the one a Fiktionsbescheinigung is for."""
        if self.frame is not Frame.TITLE:
            return None
        assert self.event is not None  # a frame is set by an event
        title: str = (
            self.event["title"] if self.event.type == "residence_title" else self.event["for_title"]
        )
        return title


def check_introduced(events: tuple[Event, ...], rules: RuleSet) -> None:
    """A document dated before the law that created it is impossible."""
    for event in events:
        value = (
            event.fields.get("variant")
            or event.fields.get("title")
            or event.fields.get("for_title")
        )
        rule_id = INTRODUCED_BY.get((event.type, value)) or INTRODUCED_BY.get((event.type, None))
        if rule_id and rules.find(rule_id, event.date) is None:
            first = rules.change_dates(rule_id)[0]
            paragraph = rules.versions(rule_id)[0].paragraph
            raise ScenarioError(
                f"impossible: {event.describe()} lies before {first.isoformat()}, when "
                f"{paragraph} introduced it",
                reader=said(
                    gettext_noop(
                        "%(event)s is not possible: it lies before %(day)s, when %(paragraph)s "
                        "introduced it."
                    ),
                    event=event.describe(),
                    day=first,
                    paragraph=paragraph,
                ),
            )


def _apply(procedure: Procedure, event: Event) -> Procedure:
    """One procedure event; contradictions raise."""
    match event.type:
        case "asylum_application":
            if procedure.application and procedure.finality is None:
                raise ScenarioError(
                    f"contradictory: asylum_application on {event.date} while the procedure "
                    f"applied for on {procedure.application.date} is not final",
                    reader=said(
                        gettext_noop(
                            "An asylum application on %(day)s is not possible while the "
                            "procedure applied for on %(previous)s is not final."
                        ),
                        day=event.date,
                        previous=procedure.application.date,
                    ),
                )
            return Procedure(application=event)
        case "decision":
            return _decide(procedure, event)
        case "appeal":
            if procedure.decision is None or procedure.finality is not None:
                raise ScenarioError(
                    f"contradictory: appeal on {event.date} without a decision that is not final",
                    reader=said(
                        gettext_noop(
                            "An appeal on %(day)s needs a decision before it that is not yet final."
                        ),
                        day=event.date,
                    ),
                )
            return Procedure(procedure.application, procedure.decision, event)
        case "finality":
            if procedure.decision is None or procedure.finality is not None:
                raise ScenarioError(
                    f"contradictory: finality on {event.date} without a decision, or twice",
                    reader=said(
                        gettext_noop(
                            "The decision cannot become final on %(day)s: there is no decision "
                            "before it, or it is already final."
                        ),
                        day=event.date,
                    ),
                )
            return Procedure(procedure.application, procedure.decision, procedure.appeal, event)
    return procedure


def _decide(procedure: Procedure, event: Event) -> Procedure:
    if procedure.application is None:
        raise ScenarioError(
            f"contradictory: decision on {event.date} without asylum_application",
            reader=said(
                gettext_noop("A decision on %(day)s needs an asylum application before it."),
                day=event.date,
            ),
        )
    if procedure.finality is not None:
        raise ScenarioError(
            f"contradictory: decision on {event.date} after the decision became final; "
            "record a new asylum_application (kind follow_up) first",
            reader=said(
                gettext_noop(
                    "A decision on %(day)s cannot follow a decision that is already final: "
                    "record a follow-up application first."
                ),
                day=event.date,
            ),
        )
    if event["by"] not in ("bamf", "court"):
        raise ScenarioError(f"decision on {event.date}: 'by' must be bamf or court")
    if event["by"] == "court" and procedure.appeal is None:
        raise ScenarioError(
            f"contradictory: court decision on {event.date} without an appeal",
            reader=said(
                gettext_noop("A court decision on %(day)s needs an appeal before it."),
                day=event.date,
            ),
        )
    if event["by"] == "bamf" and procedure.decision is not None and procedure.appeal is None:
        raise ScenarioError(
            f"contradictory: a second BAMF decision on {event.date} on the application of "
            f"{procedure.application.date} (revocation is not modelled)",
            reader=said(
                gettext_noop(
                    "A second BAMF decision on %(day)s on the application of %(previous)s is "
                    "not possible (a revocation cannot be recorded here)."
                ),
                day=event.date,
                previous=procedure.application.date,
            ),
        )
    return Procedure(procedure.application, event)


def _frame_of(event: Event | None, procedure: Procedure) -> Frame:
    if event is None:
        return Frame.NONE
    match event.type:
        case "departure":
            return Frame.DEPARTED
        case "residence_title" | "fiktionsbescheinigung":
            return Frame.TITLE
        case "duldung":
            return Frame.DULDUNG
    if procedure.finality is not None:
        return Frame.PROTECTED_FINAL if procedure.positive else Frame.AUSREISEPFLICHTIG
    if procedure.positive:
        return Frame.PROTECTED
    return Frame.ASYLUM_SEEKER


def _check_valid(event: Event | None, day: date) -> None:
    if event is None or event.type not in ("residence_title", "fiktionsbescheinigung", "duldung"):
        return
    until = event["valid_until"]
    if until is not None and until < day:
        raise ScenarioError(
            f"{event.describe()} expired on {until} and no later status event is recorded "
            f"before {day}: record the extension, the new document or the departure",
            reader=said(
                gettext_noop(
                    "%(event)s expired on %(until)s and no later status event is recorded "
                    "before %(day)s: record the extension, the new document or the departure."
                ),
                event=event.describe(),
                until=until,
                day=day,
            ),
        )


def status_on(scenario: Scenario, day: date, events: tuple[Event, ...] | None = None) -> Status:
    """The status on `day` from the events up to and including that day."""
    events = scenario.events if events is None else events
    procedure = Procedure()
    frame_event = None
    for event in (e for e in events if e.date <= day):
        procedure = _apply(procedure, event)
        if event.type in FRAME_EVENTS:
            frame_event = event
    if procedure.application is None and any(
        e.type == "aufenthaltsgestattung" and e.date <= day for e in events
    ):
        raise ScenarioError(
            "an aufenthaltsgestattung is recorded without the asylum_application it follows "
            "from (§ 55 AsylG): record the application",
            reader=said(
                gettext_noop(
                    "An Aufenthaltsgestattung is recorded without the asylum application it "
                    "follows from (§ 55 AsylG): record the application."
                )
            ),
        )
    _check_valid(frame_event, day)
    return Status(
        day=day,
        frame=_frame_of(frame_event, procedure),
        event=frame_event,
        procedure=procedure,
        requested=_first(events, REQUEST_EVENTS, day),
        stay_start=_first(events, STAY_EVENTS, day),
    )


def _first(events: tuple[Event, ...], types: tuple[str, ...], day: date) -> date | None:
    dates = [e.date for e in events if e.type in types and e.date <= day]
    return min(dates) if dates else None
