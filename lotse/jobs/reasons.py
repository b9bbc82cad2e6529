"""The matching engine's reasons in words (docs/matching.md, "The reasons a caseworker reads").

The engine gives codes with values (`Reason(code, values, points)`); here they become sentences
in the reader's language, with every value as a word: occupations by their title, skills as
Hören / Lesen / Sprechen / Schreiben, levels as A1 … C2, means of transport as words. A reason
is stored with a decision as its code and values (`as_data`), so it can be said again later.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.jobs.matching import Access, Match, Reason
from lotse.profiles.models import Occupation

SKILL_NAMES = {
    "listening": gettext_lazy("listening"),
    "reading": gettext_lazy("reading"),
    "speaking": gettext_lazy("speaking"),
    "writing": gettext_lazy("writing"),
}
LEVEL_NAMES = {0: gettext_lazy("no German"), 1: "A1", 2: "A2", 3: "B1", 4: "B2", 5: "C1", 6: "C2"}
MEANS_NAMES = {
    "foot": gettext_lazy("on foot"),
    "bicycle": gettext_lazy("bicycle"),
    "public_transport": gettext_lazy("public transport"),
    "car": gettext_lazy("car"),
}
SOURCE_NAMES = {
    "work": gettext_lazy("work experience"),
    "training": gettext_lazy("vocational training"),
    "target": gettext_lazy("occupation aimed at"),
}
FIT_NAMES = {
    "same_code": gettext_lazy("the same occupation as"),
    "same_berufsuntergruppe": gettext_lazy("the same occupational subgroup as"),
    "same_berufsgruppe": gettext_lazy("the same occupational group as"),
    "same_hauptgruppe": gettext_lazy("the same occupational main group as"),
}
# KldB 2010 Anforderungsniveau (fifth digit).
NIVEAU_NAMES = {
    1: gettext_lazy("helper"),
    2: gettext_lazy("skilled worker"),
    3: gettext_lazy("specialist"),
    4: gettext_lazy("expert"),
}
ACCESS_NAMES = {
    Access.FREE: gettext_lazy("May work: access to the labour market without a permit."),
    Access.PERMIT_WITH_BA_CONSENT: gettext_lazy(
        "Permit of the Ausländerbehörde needed, with the consent of the Bundesagentur für Arbeit."
    ),
    Access.PERMIT_WITHOUT_BA_CONSENT: gettext_lazy(
        "Permit of the Ausländerbehörde needed, without the consent of the Bundesagentur für "
        "Arbeit."
    ),
    Access.NO_ACCESS: gettext_lazy("May not work."),
}
ACCESS_SHORT = {
    Access.FREE: gettext_lazy("free"),
    Access.PERMIT_WITH_BA_CONSENT: gettext_lazy("permit needed, with BA consent"),
    Access.PERMIT_WITHOUT_BA_CONSENT: gettext_lazy("permit needed, without BA consent"),
    Access.NO_ACCESS: gettext_lazy("no access"),
}


class Titles:
    """Occupation titles by KldB code, read once for all the reasons of a page."""

    def __init__(self, codes: Iterable[str] = ()) -> None:
        self.titles: dict[str, str] = {}
        self.load(codes)

    def load(self, codes: Iterable[str]) -> None:
        wanted = set()
        for code in codes:
            wanted |= {code[:depth] for depth in (5, 4, 3, 2) if len(code) >= depth}
        wanted -= set(self.titles)
        if wanted:
            for kldb, title in Occupation.objects.filter(kldb_code__in=wanted).values_list(
                "kldb_code", "title_de"
            ):
                self.titles[kldb] = title

    def of(self, code: str) -> str:
        """The title of the code, else of the nearest group above it (the profile's coarser
        codes stand for their group), else the code itself."""
        for depth in (5, 4, 3, 2):
            title = self.titles.get(code[:depth])
            if title:
                return title
        return code


def codes_of(reasons: Iterable[Reason]) -> set[str]:
    codes = set()
    for reason in reasons:
        for name, value in reason.values:
            if name in ("candidate", "vacancy", "berufsuntergruppe") and isinstance(value, str):
                codes.add(value)
    return codes


def _number(value: Any) -> str:
    number = float(value)
    return f"{number:.0f}" if number == int(number) else f"{number:.1f}".replace(".", ",")


def _niveau(value: Any) -> Any:
    return NIVEAU_NAMES.get(int(value), value)


def _level(value: Any) -> Any:
    return LEVEL_NAMES.get(int(value or 0), value)


def _permit(values: dict[str, Any], titles: Titles) -> str:
    consent = values.get("ba_consent")
    access = Access.PERMIT_WITH_BA_CONSENT if consent else Access.PERMIT_WITHOUT_BA_CONSENT
    return str(ACCESS_NAMES[access])


def _60d(values: dict[str, Any], titles: Titles) -> str:
    return _(
        "Duldung: a Beschäftigungsduldung (§ 60d AufenthG) may come into question (from "
        "%(hours)s hours a week) – check the conditions."
    ) % {"hours": values.get("hours_at_least", 20)}


def _occupation(values: dict[str, Any], titles: Titles) -> str:
    return _("Occupation: %(candidate)s (%(source)s) – %(fit)s %(vacancy)s.") % {
        "candidate": titles.of(str(values["candidate"])),
        "source": SOURCE_NAMES.get(str(values.get("source")), values.get("source")),
        "fit": FIT_NAMES.get(str(values.get("fit")), values.get("fit")),
        "vacancy": titles.of(str(values["vacancy"])),
    }


def _level_higher(values: dict[str, Any], titles: Titles) -> str:
    return _(
        "The vacancy asks for a higher level of requirement (%(vacancy)s) than the person "
        "brings (%(candidate)s)."
    ) % {"vacancy": _niveau(values["vacancy"]), "candidate": _niveau(values["candidate"])}


def _level_lower(values: dict[str, Any], titles: Titles) -> str:
    return _(
        "The vacancy is below the person's level of requirement (%(candidate)s instead of "
        "%(vacancy)s)."
    ) % {"vacancy": _niveau(values["vacancy"]), "candidate": _niveau(values["candidate"])}


def _experience(values: dict[str, Any], titles: Titles) -> str:
    return _("%(years)s years of work experience in the matching occupation.") % {
        "years": _number(values.get("years", 0))
    }


def _language_params(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "skill": SKILL_NAMES.get(str(values.get("skill")), values.get("skill")),
        "level": _level(values.get("level")),
        "required": _level(values.get("required")),
    }


def _language_meets(values: dict[str, Any], titles: Titles) -> str:
    return _("German %(skill)s: %(level)s, asked for %(required)s – met.") % _language_params(
        values
    )


def _language_below(values: dict[str, Any], titles: Titles) -> str:
    return _("German %(skill)s: %(level)s, wished for %(required)s – below.") % _language_params(
        values
    )


def _distance(values: dict[str, Any], titles: Titles) -> str:
    return _("%(km)s km away; reachable up to %(max_km)s km (%(means)s).") % {
        "km": _number(values.get("km", 0)),
        "max_km": _number(values.get("max_km", 0)),
        "means": MEANS_NAMES.get(str(values.get("means")), values.get("means")),
    }


def _hours_exceed(values: dict[str, Any], titles: Titles) -> str:
    if values.get("childcare"):
        return (
            _("%(hours)s hours a week asked for, possible %(max_hours)s (because of childcare).")
            % values
        )
    return _("%(hours)s hours a week asked for, possible %(max_hours)s.") % values


def _shifts_not_possible(values: dict[str, Any], titles: Titles) -> str:
    if values.get("childcare"):
        return _("Shift work not possible (because of childcare).")
    return _("Shift work not possible.")


def _recognition_full(values: dict[str, Any], titles: Titles) -> str:
    return _("Vocational qualification recognised as equivalent (%(group)s).") % {
        "group": titles.of(str(values.get("berufsuntergruppe", "")))
    }


def _fixed(text: Any) -> Any:
    return lambda values, titles: str(text)


_SAY = {
    "access_free": _fixed(ACCESS_NAMES[Access.FREE]),
    "permit_needed": _permit,
    "training_without_ba_consent": lambda values, titles: _(
        "A state-recognised vocational training needs no consent of the BA (§ 32 Abs. 2 "
        "Nr. 2 BeschV), but the permit of the Ausländerbehörde for the training place."
    ),
    "ausbildungsduldung_60c": lambda values, titles: _(
        "Duldung: an Ausbildungsduldung (§ 60c AufenthG) may come into question – check "
        "the conditions."
    ),
    "beschaeftigungsduldung_60d": _60d,
    "occupation": _occupation,
    "level_higher": _level_higher,
    "level_lower": _level_lower,
    "experience": _experience,
    "language_no_requirement": lambda values, titles: _("No requirement on German."),
    "language_meets": _language_meets,
    "language_below": _language_below,
    "distance": _distance,
    "hours_fit": lambda values, titles: (
        _("%(hours)s hours a week fit (possible up to %(max_hours)s).") % values
    ),
    "hours_exceed": _hours_exceed,
    "no_shift_work": lambda values, titles: _("No shift work."),
    "shifts_possible": lambda values, titles: _("Shift work possible."),
    "shifts_not_possible": _shifts_not_possible,
    "licence_not_required": lambda values, titles: _("No driving licence asked for."),
    "licence_held": lambda values, titles: _("Driving licence %(licence)s held.") % values,
    "licence_missing": lambda values, titles: _("Driving licence %(licence)s missing.") % values,
    "recognition_not_required": lambda values, titles: _("No recognised qualification asked for."),
    "recognition_full": _recognition_full,
}


def say(code: str, values: dict[str, Any], titles: Titles) -> str:
    """One reason as a sentence in the active language (an unknown code: the code)."""
    speaker = _SAY.get(code)
    return str(speaker(values, titles)) if speaker else code


ACCESS_CODES = frozenset(
    {
        "access_free",
        "permit_needed",
        "training_without_ba_consent",
        "ausbildungsduldung_60c",
        "beschaeftigungsduldung_60d",
    }
)


@dataclass(frozen=True)
class SaidReason:
    code: str
    text: str
    points: float
    access: bool  # a reason of the work-access mark (adds no points)


def as_data(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """The reasons as stored with a decision: code, values, points."""
    return [
        {
            "code": reason.code,
            "values": {k: list(v) if isinstance(v, tuple) else v for k, v in reason.values},
            "points": reason.points,
        }
        for reason in reasons
    ]


def said(match: Match, titles: Titles) -> list[SaidReason]:
    return [
        SaidReason(r.code, say(r.code, r.params, titles), r.points, r.code in ACCESS_CODES)
        for r in match.reasons
    ]


def said_stored(reasons: list[dict[str, Any]], titles: Titles) -> list[str]:
    """Stored reasons (`as_data`) as sentences in the active language."""
    return [say(str(r.get("code", "")), dict(r.get("values", {})), titles) for r in reasons]
