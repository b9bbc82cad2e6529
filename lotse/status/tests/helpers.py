"""Building scenarios for the rules engine tests."""

from typing import Any

from lotse.status.rules import evaluate, parse_scenario

# The Jobcenter forms the command would look up: Tübingen gE, Ludwigsburg and Ortenau zkT,
# Reutlingen gE.
FORMS = {"08416": "gE", "08118": "zkT", "08317": "zkT", "08415": "gE"}

PERSON = {
    "nationality": "SYR",
    "birth_date": "1990-01-01",
    "entry_date": "2015-10-12",
    "in_reception_centre": False,
}


def ev(day: str, kind: str, **fields: Any) -> dict[str, Any]:
    return {"date": day, "type": kind, **fields}


def scenario(as_of, events, *, kreis="08416", household=None, **person) -> dict[str, Any]:
    data = {"as_of": as_of, "kreis": kreis, "person": {**PERSON, **person}, "events": events}
    if household is not None:
        data["household"] = household
    return data


def run(as_of, events, *, rules=None, **options) -> dict[str, Any]:
    return evaluate(parse_scenario(scenario(as_of, events, **options)), FORMS, rules)


def rule_ids(answers: dict[str, Any], question: str | None = None) -> list[str]:
    return [r["rule"] for r in answers["reasons"] if question in (None, r["question"])]


def member(relation, events, **person):
    return {"relation": relation, "person": {**PERSON, **person}, "events": events}


# The asylum seeker's procedure from Amal's journey (user-journeys.md).
AMAL = [
    ev("2015-10-12", "buema"),
    ev("2015-11-16", "asylum_application"),
    ev("2016-04-14", "decision", outcome="fluechtlingsschutz"),
    ev("2016-05-03", "finality"),
]
