# ruff: noqa: E501 - translated texts: a sentence is kept on one line for the translator
"""The fixed texts of the person's report (Art. 15 GDPR) and the labels of the choices it prints.

The report is printed in German *and* in the person's language at once (German, English, Arabic,
Persian (also for Dari), Ukrainian, Turkish, Tigrinya: `DOCUMENT_LANGUAGES` of
lotse.consent.form_texts), whatever the interface language of the member of staff. Its texts
are gettext messages (context "person report", English msgids) that `report_texts()` reads
under `translation.override(lang)`; the choices print the labels of their model enumerations
(`ENUMS`), so the report uses the interface's words, translated in the catalogues of the
document languages (lotse/locale/<lang>/LC_MESSAGES/django.po; docs/subject-rights.md says how
translators maintain them). Categories of data use the consent form's words
(lotse.consent.form_texts), so that both documents use the same words.

The translations are the project's own; they must be reviewed by a sworn translator before the
report is handed out (docs/subject-rights.md). German is authoritative; every translated part
says so. Data values (names, offices, reasons, free text) are printed as recorded, never
translated. Enumerations that are German administrative terms the person meets in German anyway
(identifier types, kinds of accommodation) are printed in German on every page (`GERMAN_ONLY`).
"""

from django.db import models
from django.utils import translation
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from lotse.cases.models import CaseStatus, ReferralKind, ReferralState
from lotse.consent.form_texts import RTL_LANGUAGES, category_label
from lotse.consent.models import Purpose
from lotse.people.models import (
    AccommodationKind,
    DatePrecision,
    IdentifierType,
    IdentityConfidence,
    NameKind,
    RelationKind,
    Sex,
    Source,
)
from lotse.subject_rights.models import CorrectionStatus, DataItem

__all__ = [
    "ACCESS_KINDS",
    "ENUMS",
    "GERMAN_ONLY",
    "RTL_LANGUAGES",
    "enum_label",
    "merged_text",
    "notes_summary",
    "report_texts",
]

# Choices translated on every page: {group: the model enumeration whose labels are printed}.
ENUMS: dict[str, type[models.TextChoices]] = {
    "sex": Sex,
    "precision": DatePrecision,
    "confidence": IdentityConfidence,
    "name_kind": NameKind,
    "source": Source,
    "relation": RelationKind,
    "case_status": CaseStatus,
    "referral_kind": ReferralKind,
    "referral_state": ReferralState,
    "correction_status": CorrectionStatus,
    "data_item": DataItem,
    "purpose": Purpose,
}

# Choices printed in German on every page: German administrative terms.
GERMAN_ONLY: dict[str, type[models.TextChoices]] = {
    "identifier": IdentifierType,
    "accommodation": AccommodationKind,
}

# The kinds of access the report's protocol summary names (selectors.ACCESS_KIND).
ACCESS_KINDS = {
    "read": pgettext_lazy("person report", "read"),
    "export": pgettext_lazy("person report", "exported (print-out, report)"),
    "emergency": pgettext_lazy("person report", "emergency access"),
    "referral": pgettext_lazy("person report", "passed on with a referral"),
    "consent": pgettext_lazy("person report", "consent recorded or withdrawn"),
    "change": pgettext_lazy("person report", "recorded or changed"),
    # the read of a list page (caseload, search results, start page) that showed the person
    "list": pgettext_lazy("person report", "your name appeared in a list (for example a caseload)"),
}


def report_texts() -> dict[str, str]:
    """The report's fixed texts in the active language (call under `translation.override`)."""
    return {
        "title": pgettext("person report", "Information about the data stored about you"),
        "subtitle": pgettext(
            "person report",
            "under Art. 15 of the General Data Protection Regulation (GDPR) and § 83 SGB X",
        ),
        "translation_note": pgettext(
            "person report", "Translation. The German version is authoritative."
        ),
        "intro": pgettext(
            "person report",
            "You asked which data are stored about you. This document lists everything the offices involved (Ausländerbehörde, Sozialamt, Integrationsmanagement, Jobcenter, Agentur für Arbeit) have stored about you in lotse, and which office read or received your data, when, for what purpose and on which legal basis. The data are shown as they were recorded.",
        ),
        "request": pgettext("person report", "Your request"),
        "produced_by": pgettext("person report", "Produced by"),
        "produced_on": pgettext("person report", "Produced on"),
        "record_id": pgettext("person report", "Identifier of your record"),
        "identity": pgettext("person report", "Your basic data (shared by all offices involved)"),
        "names": pgettext("person report", "Names and spellings"),
        "name": pgettext("person report", "Name"),
        "kind": pgettext("person report", "Kind"),
        "script": pgettext("person report", "Script"),
        "source": pgettext("person report", "Source"),
        "recorded_by": pgettext("person report", "Recorded by"),
        "birth": pgettext("person report", "Birth"),
        "birth_date": pgettext("person report", "Date of birth"),
        "precision": pgettext("person report", "Precision"),
        "placeholder": pgettext("person report", "01.01. stands for an unknown day and month."),
        "birth_place": pgettext("person report", "Place and country of birth"),
        "sex": pgettext("person report", "Sex"),
        "identity_confidence": pgettext("person report", "Proof of identity"),
        "contact": pgettext("person report", "Contact and language"),
        "phone": pgettext("person report", "Phone"),
        "email": pgettext("person report", "E-mail"),
        "preferred_language": pgettext("person report", "Preferred language"),
        "interpreter": pgettext("person report", "Interpreter needed"),
        "unaccompanied": pgettext("person report", "Arrived as an unaccompanied minor"),
        "identifiers": pgettext("person report", "Numbers and documents"),
        "number": pgettext("person report", "Number"),
        "issuer": pgettext("person report", "Issued by"),
        "valid_until": pgettext("person report", "Valid until"),
        "nationalities": pgettext("person report", "Nationalities"),
        "addresses": pgettext("person report", "Addresses and accommodation"),
        "period": pgettext("person report", "Period"),
        "relations": pgettext("person report", "Family and household"),
        "relation": pgettext("person report", "Relation"),
        "household": pgettext("person report", "same household"),
        "languages": pgettext("person report", "Language skills"),
        "language": pgettext("person report", "Language"),
        "levels": pgettext("person report", "Listening / reading / speaking / writing"),
        "cases": pgettext("person report", "Your cases at the offices"),
        "office": pgettext("person report", "Office"),
        "status": pgettext("person report", "Status"),
        "opened": pgettext("person report", "Opened"),
        "closed": pgettext("person report", "Closed"),
        "reason": pgettext("person report", "Reason"),
        "notes": pgettext("person report", "Notes"),
        "notes_none": pgettext("person report", "no notes"),
        "notes_not_included": pgettext(
            "person report",
            "On request you receive a copy of the text of the notes (Art. 15(3) GDPR); the office then checks whether the rights of other people are affected (Art. 15(4) GDPR).",
        ),
        "follow_ups": pgettext("person report", "Follow-ups (dates for work on your case)"),
        "referrals": pgettext("person report", "Referrals and hand-overs between offices"),
        "from_to": pgettext("person report", "From → to"),
        "purpose": pgettext("person report", "Purpose"),
        "shared": pgettext("person report", "Data shared and legal basis"),
        "shared_identity_only": pgettext("person report", "basic data only"),
        "state": pgettext("person report", "State"),
        "outcome": pgettext("person report", "Outcome"),
        "timeline": pgettext("person report", "Timeline"),
        "consents": pgettext("person report", "Your consents"),
        "consent_no": pgettext("person report", "Consent no."),
        "recipients": pgettext("person report", "Receiving offices"),
        "disclosing": pgettext("person report", "From the offices"),
        "disclosing_all": pgettext("person report", "every office holding these data"),
        "categories": pgettext("person report", "Data"),
        "purposes": pgettext("person report", "Purposes"),
        "health_explicit": pgettext("person report", "health data expressly included"),
        "given": pgettext("person report", "Given"),
        "valid": pgettext("person report", "Valid"),
        "withdrawn": pgettext("person report", "Withdrawn on"),
        "corrections": pgettext("person report", "Your requests for correction"),
        "data_item": pgettext("person report", "Which data"),
        "current_value": pgettext("person report", "Stored so far"),
        "requested_value": pgettext("person report", "Correct according to you"),
        "received_on": pgettext("person report", "Received on"),
        "answer": pgettext("person report", "Answer"),
        "access": pgettext("person report", "Who read or received your data"),
        "access_intro": pgettext(
            "person report",
            "From the log of lotse: every office that read, received, passed on or changed your data, with purpose, legal basis and kinds of data, summarised with number and period.",
        ),
        "staff_not_named": pgettext(
            "person report",
            "The offices are named, not the individual members of staff: they act for their office and are not recipients of their own (Art. 4(9) GDPR; CJEU C-579/21). Where misuse is reasonably suspected, the office's data-protection officer checks the log with names.",
        ),
        "access_kind": pgettext("person report", "Kind of access"),
        "basis": pgettext("person report", "Legal basis"),
        "count": pgettext("person report, number of accesses", "Number"),
        "when": pgettext("person report", "When"),
        "basis_none": pgettext("person report", "not stated separately (the office's own task)"),
        "system": pgettext("person report", "lotse (automatic)"),
        "none": pgettext("person report", "none"),
        "yes": pgettext("person report", "yes"),
        "no": pgettext("person report", "no"),
        "rights_title": pgettext("person report", "Your rights"),
        "rights": pgettext(
            "person report",
            "If data are wrong, you can ask for them to be corrected (Art. 16 GDPR). You can also ask for erasure (Art. 17) or restriction of processing (Art. 18), or object to the processing (Art. 21), as far as the law allows. You can withdraw a consent at any time for the future. Please contact one of the offices named. You can also complain to a data-protection supervisory authority (Art. 77 GDPR): for the offices of the Kreis, the Data Protection Commissioner of Baden-Württemberg; for the Jobcenter (gemeinsame Einrichtung) and the Agentur für Arbeit, the Federal Commissioner for Data Protection (BfDI).",
        ),
        "page": pgettext("person report", "Page"),
        "profile": pgettext(
            "person report",
            "Your profile: schooling, training, work, qualifications and what you need",
        ),
        "entry": pgettext("person report", "Entry"),
        "recorded_on": pgettext("person report", "Recorded on"),
        "replaced_on": pgettext("person report", "earlier entry, replaced on"),
        "german_values": pgettext(
            "person report", "The entries are shown in German, as the offices recorded them."
        ),
        "documents": pgettext(
            "person report", "Your documents: certificates, decisions and papers"
        ),
        "issued_on": pgettext("person report", "Issued on"),
        "withdrawn_on": pgettext("person report", "withdrawn on"),
        "plan": pgettext("person report", "Your integration plan"),
        "goal": pgettext("person report", "Goal"),
        "owner": pgettext("person report", "Office responsible for the goal"),
        "target_date": pgettext("person report", "Target date"),
        "steps": pgettext("person report", "Steps"),
        "due_on": pgettext("person report", "Due on"),
        "responsible": pgettext("person report", "Responsible office"),
        "plan_changes": pgettext("person report", "Recorded changes to the plan"),
        "last_change": pgettext("person report", "last on"),
        "conferences": pgettext("person report", "Case conferences on your plan"),
        "conference_participants": pgettext("person report", "Offices and others taking part"),
        "agreed": pgettext("person report", "What was agreed"),
        "held_on": pgettext("person report", "Date of the conference"),
        "course": pgettext("person report", "Course"),
        "courses": pgettext("person report", "Courses and measures"),
        "weeks": pgettext("person report", "Weeks of attendance recorded"),
        "units": pgettext("person report", "Teaching units attended / planned"),
        "exams": pgettext("person report", "Exams"),
        "passed": pgettext("person report", "passed"),
        "not_passed": pgettext("person report", "not passed"),
        "appointments": pgettext("person report", "Appointments"),
        "appointment_at": pgettext("person report", "Date and time"),
        "appointment_kind": pgettext("person report", "Kind of appointment"),
        "appointment_offices": pgettext("person report", "Offices taking part"),
        "interpreter_language": pgettext("person report", "Interpreter for"),
        "appointment_outcome": pgettext("person report", "Outcome"),
        "letters": pgettext("person report", "Letters and messages to you"),
        "letter_kind": pgettext("person report", "Letter or message"),
        "channel": pgettext("person report", "How it was sent"),
        "contact_channels": pgettext(
            "person report", "Your consent to be contacted by e-mail or text message"
        ),
        "placements": pgettext("person report", "Placements in work or training"),
        "placement_vacancy": pgettext("person report", "Position and employer"),
        "placement_stage": pgettext("person report", "Where it stands"),
        "placement_start": pgettext("person report", "Start of work"),
        "match_decisions": pgettext(
            "person report",
            "Vacancies the platform suggested, and what a caseworker decided",
        ),
        "match_decisions_note": pgettext(
            "person report",
            "The platform only suggests vacancies. A caseworker decides whether one is proposed "
            "to you.",
        ),
        "decision": pgettext("person report", "Decision"),
    }


def notes_summary(*, count: int, shared: int, first: str, last: str) -> str:
    """'3 notes (1 of them shared …), 02.03.2026 – 05.04.2026' in the active language."""
    return npgettext(
        "person report",
        "%(count)s note (%(shared)s of them shared with the offices involved), %(first)s – %(last)s",
        "%(count)s notes (%(shared)s of them shared with the offices involved), %(first)s – %(last)s",
        count,
    ) % {"count": count, "shared": shared, "first": first, "last": last}


def merged_text(count: int) -> str:
    """That `count` duplicate records were merged into the person's, in the active language."""
    return npgettext(
        "person report",
        "%(count)s duplicate record was merged into this one; its data and log are included here.",
        "%(count)s duplicate records were merged into this one; their data and log are included here.",
        count,
    ) % {"count": count}


def _label(choices: type[models.TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def enum_label(group: str, value: str) -> str:
    """A choice's label in the active language (German for `GERMAN_ONLY`; the code if unknown)."""
    if group in GERMAN_ONLY:
        with translation.override("de"):
            return _label(GERMAN_ONLY[group], value)
    if group == "category":
        return category_label(value)
    if group == "access_kind":
        text = ACCESS_KINDS.get(value)
        return str(text) if text is not None else value
    return _label(ENUMS[group], value)
