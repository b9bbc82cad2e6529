"""Asking the rules engine whether a person may attend a course (brief §6.1).

The course type names the question that decides (`CourseType.admission_question`, data from the
catalogue: `integration_course` for the Integrationskurs family, none otherwise). The engine is
asked on the course's start date with the status entries the enrolling office may see; its
answer comes with its reasons in German, which the enrolment keeps.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from lotse.audit.vocabulary import Purpose
from lotse.courses.models import Admission, Course
from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.status import facts as status_facts
from lotse.status.reasons import ANSWER_LABELS, cannot_judge_text, say_all
from lotse.status.rules import ScenarioError
from lotse.status.selectors import visible_entries

ADMITTED = (Admission.ENTITLED, Admission.OBLIGED, Admission.ADMISSIBLE)
# The rules whose facts say since when a person is entitled or obliged.
SINCE_RULES = {"course.entitlement", "course.obligation"}


@dataclass
class AdmissionCheck:
    question: str  # "" when no rule decides admission to this course type
    answer: str = ""  # the engine's answer ("" when none was given)
    answer_label: str = ""
    reasons: list[dict] = field(default_factory=list)  # summary, facts, note, paragraph
    german_reasons: list[dict] = field(default_factory=list)  # the same, said in German
    problem: str = ""  # why no answer could be given
    entitled_since: date | None = None

    @property
    def admitted(self) -> bool:
        return not self.question or (not self.problem and self.answer in ADMITTED)

    def refusal_text(self) -> str:
        if self.problem:
            return self.problem
        return _("The rules do not admit the person to this course: %(answer)s.") % {
            "answer": self.answer_label
        }

    def stored_reasons(self) -> list[dict]:
        keys = ("rule", "paragraph", "summary", "facts", "note", "status")
        return [{key: reason.get(key, "") for key in keys} for reason in self.german_reasons]


def _since(reasons: list[dict], answer: str) -> date | None:
    if answer not in (Admission.ENTITLED, Admission.OBLIGED):
        return None
    for reason in reasons:
        if reason.get("rule") not in SINCE_RULES:
            continue
        for item in reason.get("data", []):
            if item.get("code") == "event" and item.get("day"):
                return date.fromisoformat(str(item["day"]))
    return None


def admission_check(*, actor: User, person: Person, course: Course) -> AdmissionCheck:
    """The engine's answer for `person` and `course` on the course's start date, with its
    reasons in the reader's language and in German (the language of the record, which the
    enrolment keeps); reading the status entries is logged."""
    question = course.course_type.admission_question
    check = AdmissionCheck(question=question)
    if not question:
        return check
    entries, hidden = visible_entries(actor=actor, person=person, purpose=Purpose.ENROLMENT)
    if hidden:
        check.problem = _(
            "Status entries of %(offices)s are not open to your office, so the rules cannot "
            "decide on the admission."
        ) % {"offices": ", ".join(hidden)}
        return check
    if not entries:
        check.problem = _(
            "No residence status is recorded for this person, so the rules cannot decide on "
            "the admission. Record the status first."
        )
        return check
    try:
        facts = status_facts.gather(person, entries)
        answers = status_facts.answers_on(facts, course.starts_on)
    except ScenarioError as exc:
        check.problem = exc.for_reader()
        return check
    left_open = answers.get("open", {}).get(question)
    if left_open:
        check.problem = cannot_judge_text(left_open["missing"])
        return check
    check.answer = str(answers.get(question) or "")
    check.answer_label = str(ANSWER_LABELS.get(check.answer, check.answer))
    raw = [r for r in answers["reasons"] if r["question"] == question]
    check.reasons = say_all(raw)  # in the reader's language, for the page
    with translation.override("de"):
        check.german_reasons = say_all(raw)  # in the language of the record, to keep
    check.entitled_since = _since(check.reasons, check.answer)
    return check
