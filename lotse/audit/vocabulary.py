"""The purposes and legal bases the audit trail records, as codes.

Until December 2026 the trail stored them as English free text ("party to the referral",
"consent #1 of 2026-11-03"). Events are append-only, so those rows keep their text; new events
store a code (`AuditEvent.purpose_code`) and structured bases (`AuditEvent.legal_bases`: a list of
{"code": …, and references such as the consent's number and date}) beside the text. Pages show
the codes' labels in the reader's language; an old row's text is read back into a code where it
is one of the texts lotse wrote (`parse_basis`, `purpose_of_text`), and shown as recorded
otherwise.

`LegalBasis` is a `str` (its value is the English text the trail has always stored), so that the
policy's decisions, the referrals' shared categories and older callers keep working with it as
text; its `code` and `refs` are what is stored as codes. Imports nothing of `access`: the policy
(same layer) imports this module.
"""

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, SupportsIndex

from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Purpose(models.TextChoices):
    """What a member of staff did something for (the purpose of an access)."""

    CASE_WORK = "case_work", gettext_lazy("case work")
    CASELOAD = "caseload", gettext_lazy("caseload")
    START_PAGE = "start_page", gettext_lazy("start page")
    SEARCH = "search", gettext_lazy("search in the register")
    REGISTRATION = "registration", gettext_lazy("registration")
    REASSIGNMENT = "reassignment", gettext_lazy("reassignment of cases")
    REFERRAL = "referral", gettext_lazy("referral or hand-over")
    REFERRALS = "referrals", gettext_lazy("list of hand-overs")
    TRANSFER_REQUEST = "transfer_request", gettext_lazy("request to take over a case")
    EMERGENCY_ACCESS = "emergency_access", gettext_lazy("emergency access")
    CONSENT = "consent", gettext_lazy("consent")
    CONSENT_FORM = "consent_form", gettext_lazy("consent form")
    HOUSEHOLD = "household", gettext_lazy("household (Bedarfsgemeinschaft)")
    STATUS = "status", gettext_lazy("residence and benefit status")
    BENEFIT_SWITCH = "benefit_switch", gettext_lazy("Rechtskreiswechsel")
    DUPLICATE_REVIEW = "duplicate_review", gettext_lazy("review of possible duplicates")
    MERGE = "merge", gettext_lazy("merge of duplicates")
    UNDO_MERGE = "undo_merge", gettext_lazy("undoing a merge")
    SUBJECT_REPORT = "subject_report", gettext_lazy("report for the person (Art. 15 GDPR)")
    CORRECTION_REQUEST = "correction_request", gettext_lazy("correction request (Art. 16 GDPR)")
    DATA_PROTECTION_CONTROL = "data_protection_control", gettext_lazy("data-protection control")
    GENERATED_DATA = "generated_data", gettext_lazy("generated demo or test data")
    # the purposes of a consent (consent.models.Purpose), which reads under a consent name
    INTEGRATION_COUNSELLING = "integration_counselling", gettext_lazy("integration counselling")
    JOB_PLACEMENT = "job_placement", gettext_lazy("job placement and vocational training")
    BENEFIT_APPLICATION = "benefit_application", gettext_lazy("application for benefits")
    LANGUAGE_COURSE = (
        "language_course",
        gettext_lazy("language course (integration or job-related)"),
    )
    RECOGNITION = "recognition", gettext_lazy("recognition of foreign qualifications")
    RESIDENCE = "residence", gettext_lazy("residence permit for training or employment")
    # the road into work
    PROFILE = "profile", gettext_lazy("profile (schooling, work, languages)")
    PLAN = "plan", gettext_lazy("integration plan")
    COURSES = "courses", gettext_lazy("courses and measures")
    ENROLMENT = "enrolment", gettext_lazy("enrolment in a course or measure")
    VACANCIES = "vacancies", gettext_lazy("employers and vacancies")
    MATCHING = "matching", gettext_lazy("suggestions of vacancies and candidates")
    PLACEMENT = "placement", gettext_lazy("placement into work or training and its follow-up")
    YOUTH_PATHWAY = "youth_pathway", gettext_lazy("Jugendberufsagentur (young people under 25)")
    CASE_CONFERENCE = "case_conference", gettext_lazy("case conference")
    DOCUMENTS = (
        "documents",
        gettext_lazy("documents of the person (certificates, decisions, papers)"),
    )
    LETTERS = "letters", gettext_lazy("letters and messages to the person")


class ListRead(models.TextChoices):
    """The reads of a list page (`audit_reads`): what the trail records as the action of the one
    event that names the persons a list showed."""

    PERSONS = "person.list", gettext_lazy("list of persons")
    CASES = "case.list", gettext_lazy("list of cases")
    REFERRALS = "referral.list", gettext_lazy("list of referrals")
    CORRECTIONS = "correction.list", gettext_lazy("list of correction requests")
    SWITCHES = "status.switch_list", gettext_lazy("list of Rechtskreiswechsel")
    SWITCH_WARNINGS = "status.switch_warning", gettext_lazy("warning of a Rechtskreiswechsel")
    PLAN_STEPS = "plan.step_list", gettext_lazy("list of next steps of integration plans")
    PARTICIPANTS = "enrolment.list", gettext_lazy("list of participants of a course")
    WAITING_LIST = "enrolment.waiting_list", gettext_lazy("waiting list of a course")
    MATCHES = "match.list", gettext_lazy("list of suggested candidates or vacancies")
    MESSAGES = "message.list", gettext_lazy("outbox of messages to persons")
    PLACEMENTS = "placement.list", gettext_lazy("placement board")
    YOUTH = "youth.list", gettext_lazy("list of young people (Jugendberufsagentur)")


# The texts callers pass (and the trail stored before the codes): text → code.
PURPOSE_TEXTS: dict[str, Purpose] = {
    "case work": Purpose.CASE_WORK,
    "caseload": Purpose.CASELOAD,
    "start page": Purpose.START_PAGE,
    "search": Purpose.SEARCH,
    "registration": Purpose.REGISTRATION,
    "reassignment": Purpose.REASSIGNMENT,
    "referral": Purpose.REFERRAL,
    "referrals": Purpose.REFERRALS,
    "transfer request": Purpose.TRANSFER_REQUEST,
    "emergency access": Purpose.EMERGENCY_ACCESS,
    "consent": Purpose.CONSENT,
    "consent form": Purpose.CONSENT_FORM,
    "household": Purpose.HOUSEHOLD,
    "status": Purpose.STATUS,
    "Rechtskreiswechsel": Purpose.BENEFIT_SWITCH,
    "review of duplicates": Purpose.DUPLICATE_REVIEW,
    "merge of duplicates": Purpose.MERGE,
    "undo a merge": Purpose.UNDO_MERGE,
    "Art. 15 GDPR report": Purpose.SUBJECT_REPORT,
    "Art. 16 GDPR correction request": Purpose.CORRECTION_REQUEST,
    "data-protection control": Purpose.DATA_PROTECTION_CONTROL,
    "generated demo or benchmark data": Purpose.GENERATED_DATA,
}


def purpose_of_text(text: str) -> Purpose | None:
    """The code of a purpose given (or recorded) as text, or None for a free text."""
    text = str(text)
    if text in Purpose.values:
        return Purpose(text)
    return PURPOSE_TEXTS.get(text)


def purpose_label(code: str, text: str = "") -> str:
    """A purpose for a page: the code's label in the active language, else the text as
    recorded (an old event's free text)."""
    purpose = purpose_of_text(code) if code else purpose_of_text(text)
    return str(purpose.label) if purpose is not None else text


class Basis(models.TextChoices):
    """Why an access was lawful (the legal basis the policy named)."""

    OWN_CASE = (
        "own_case",
        gettext_lazy(
            "own open case (§§ 67a–67c SGB X; for offices without social benefits the LDSG BW)"
        ),
    )
    REFERRAL_PARTY = "referral_party", gettext_lazy("party to the referral")
    CONSENT = "consent", gettext_lazy("consent of the person")
    SHARED_BY_REFERRAL = "shared_by_referral", gettext_lazy("shared with a referral")
    BREAK_GLASS = "break_glass", gettext_lazy("emergency access (break-the-glass)")
    SGB_X_69 = (
        "sgb_x_69",
        gettext_lazy("§ 69 Abs. 1 Nr. 1 SGB X (as far as necessary for the statutory task)"),
    )
    STATUS_BY_STATUTE = (
        "status_by_statute",
        gettext_lazy(
            "status decides benefits and work access (§ 87 AufenthG; § 8 AsylG; § 71 SGB X)"
        ),
    )
    SUBJECT_REQUEST = "subject_request", gettext_lazy("Art. 15 GDPR (request of the person)")
    DPO_SUBJECT_REQUEST = (
        "dpo_subject_request",
        gettext_lazy(
            "Art. 15 GDPR request; data-protection officer of a controller holding a case"
        ),
    )
    CORRECTION = "correction", gettext_lazy("Art. 16 GDPR; § 84 SGB X")
    CORRECTION_RECEIVED = (
        "correction_received",
        gettext_lazy("request received by the office (Art. 16 GDPR)"),
    )
    OFFICE_CORRECTION_RECEIVED = (
        "office_correction_received",
        gettext_lazy("request received by the office (§ 84 SGB X)"),
    )
    OWN_CLOSED_CASE = "own_closed_case", gettext_lazy("own closed case (handed over)")


# The text each code was stored as before the codes (and still is, beside them).
_TEXT = {
    Basis.OWN_CASE: "own open case (§§ 67a–67c SGB X; for non-benefit bodies the LDSG BW)",
    Basis.REFERRAL_PARTY: "party to the referral",
    Basis.CONSENT: "consent",
    Basis.SHARED_BY_REFERRAL: "shared with a referral",
    Basis.BREAK_GLASS: "break-the-glass",
    Basis.SGB_X_69: "§ 69 Abs. 1 Nr. 1 SGB X (as far as necessary for the statutory task)",
    Basis.STATUS_BY_STATUTE: (
        "status decides benefits and work access (§ 87 AufenthG; § 8 AsylG; § 71 SGB X)"
    ),
    Basis.SUBJECT_REQUEST: "Art. 15 GDPR (request of the person)",
    Basis.DPO_SUBJECT_REQUEST: (
        "Art. 15 GDPR request; data-protection officer of a controller holding a case"
    ),
    Basis.CORRECTION: "Art. 16 GDPR; § 84 SGB X",
    Basis.CORRECTION_RECEIVED: "request received by the office (Art. 16 GDPR)",
    Basis.OFFICE_CORRECTION_RECEIVED: "request received by the office (§ 84 SGB X)",
    Basis.OWN_CLOSED_CASE: "own closed case (handed over)",
}
# Other texts lotse wrote for the same bases.
_ALIASES = {"own case": Basis.OWN_CASE, "own open case": Basis.OWN_CASE}
_BY_TEXT = {text: code for code, text in _TEXT.items()} | _ALIASES
_CONSENT = re.compile(r"consent #(\d+) of (\d{4}-\d{2}-\d{2})")
_REFERRAL = re.compile(r"(.+) \(referral #(\d+)\)")
_BREAK_GLASS = re.compile(r"break-the-glass #(\d+) until (\d\d:\d\d): (.*)", re.DOTALL)


class LegalBasis(str):
    """A legal basis with its references: `code` (a Basis) and `refs`, e.g. {"consent": 1,
    "given_on": "2026-11-03"}, {"referral": 5, "via": {…the basis it was shared on…}},
    {"emergency": 3, "until": "14:30", "reason": "…"}. The string value is the English text the
    audit trail stores beside the codes."""

    code: Basis
    refs: dict

    def __new__(cls, code: Basis | str, **refs: Any) -> "LegalBasis":
        code = Basis(code)
        value = super().__new__(cls, _english(code, refs))
        value.code = code
        value.refs = refs
        return value

    @classmethod
    def consent(cls, *, number: int, given_on: date) -> "LegalBasis":
        return cls(Basis.CONSENT, consent=number, given_on=given_on.isoformat())

    @classmethod
    def shared_by_referral(cls, *, referral: int, via: str) -> "LegalBasis":
        inner = parse_basis(via)
        refs = {"via": inner.as_json()} if inner is not None else {"via_text": str(via)}
        return cls(Basis.SHARED_BY_REFERRAL, referral=referral, **refs)

    @classmethod
    def break_glass(cls, *, number: int, until: str, reason: str) -> "LegalBasis":
        return cls(Basis.BREAK_GLASS, emergency=number, until=until, reason=reason)

    def __reduce_ex__(
        self, protocol: SupportsIndex
    ) -> tuple[Any, ...]:  # copy and pickle rebuild it from code and refs
        return (_rebuild, (str(self.code), dict(self.refs)))

    def as_json(self) -> dict:
        return {"code": str(self.code), **self.refs}

    @classmethod
    def from_json(cls, data: dict) -> "LegalBasis | None":
        data = dict(data)
        try:
            return cls(data.pop("code"), **data)
        except (KeyError, ValueError, TypeError):
            return None

    def label(self) -> str:
        """The basis in the active language, with its references."""
        return _label(self.code, self.refs)


def _rebuild(code: str, refs: dict) -> LegalBasis:
    return LegalBasis(code, **refs)


def _english(code: Basis, refs: dict) -> str:
    if code == Basis.CONSENT and "consent" in refs:
        return f"consent #{refs['consent']} of {refs.get('given_on', '')}"
    if code == Basis.SHARED_BY_REFERRAL and "referral" in refs:
        via = LegalBasis.from_json(refs["via"]) if "via" in refs else refs.get("via_text", "")
        return f"{via} (referral #{refs['referral']})"
    if code == Basis.BREAK_GLASS and "emergency" in refs:
        return (
            f"break-the-glass #{refs['emergency']} until {refs.get('until', '')}: "
            f"{refs.get('reason', '')}"
        )[:200]
    return _TEXT[code]


def _day(iso: str) -> str:
    try:
        return formats.date_format(date.fromisoformat(iso), "DATE_FORMAT")
    except (TypeError, ValueError):
        return str(iso)


def _label(code: Basis, refs: dict) -> str:
    if code == Basis.CONSENT and "consent" in refs:
        return _("consent no. %(number)s of %(date)s") % {
            "number": refs["consent"],
            "date": _day(refs.get("given_on", "")),
        }
    if code == Basis.SHARED_BY_REFERRAL and "referral" in refs:
        via = LegalBasis.from_json(refs["via"]) if "via" in refs else None
        return _("%(basis)s, shared with referral no. %(number)s") % {
            "basis": via.label() if via is not None else refs.get("via_text", ""),
            "number": refs["referral"],
        }
    if code == Basis.BREAK_GLASS and "emergency" in refs:
        return _("emergency access no. %(number)s until %(until)s: %(reason)s") % {
            "number": refs["emergency"],
            "until": refs.get("until", ""),
            "reason": refs.get("reason", ""),
        }
    return str(code.label)


def parse_basis(text: object) -> LegalBasis | None:
    """A basis given (or recorded) as text, as a LegalBasis; None for a free text."""
    if isinstance(text, LegalBasis):
        return text
    text = str(text or "")
    if text in _BY_TEXT:
        return LegalBasis(_BY_TEXT[text])
    if match := _CONSENT.fullmatch(text):
        return LegalBasis.consent(number=int(match[1]), given_on=date.fromisoformat(match[2]))
    if match := _REFERRAL.fullmatch(text):
        return LegalBasis.shared_by_referral(referral=int(match[2]), via=match[1])
    if match := _BREAK_GLASS.fullmatch(text):
        return LegalBasis.break_glass(number=int(match[1]), until=match[2], reason=match[3])
    return None


def legal_bases(value: str | Iterable[str] | None) -> list[LegalBasis] | None:
    """The bases of `value` (a LegalBasis, a text, or several), or None if any is a free text
    that names no known basis (then the text alone is stored, as before the codes)."""
    if value is None or value == "":
        return []
    items = [value] if isinstance(value, str) else list(value)
    parsed = [parse_basis(item) for item in items if str(item)]
    known = [item for item in parsed if item is not None]
    if len(known) != len(parsed):
        return None
    return list(dict.fromkeys(known))


def bases_text(value: str | Iterable[str] | None) -> str:
    """The text stored beside the codes: the bases, joined."""
    if value is None or isinstance(value, str):
        return str(value or "")
    return "; ".join(sorted(dict.fromkeys(str(item) for item in value if str(item))))


def basis_labels(stored: list | None, text: str = "") -> list[str]:
    """The bases of an event for a page, in the active language: from the stored codes, else
    read back from the text of an older event, else that text as recorded."""
    if stored:
        bases = [LegalBasis.from_json(item) for item in stored]
        known = [basis for basis in bases if basis is not None]
        if len(known) == len(bases):
            return [basis.label() for basis in known]
    if not text:
        return []
    parts = [parse_basis(part) for part in text.split("; ")]
    read = [part for part in parts if part is not None]
    if len(read) == len(parts):
        return [part.label() for part in read]
    whole = parse_basis(text)
    return [whole.label()] if whole is not None else [text]


def in_language[T](language: str, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`func(*args, **kwargs)` with `language` active (for the report's language parts)."""
    with translation.override(language):
        return func(*args, **kwargs)
