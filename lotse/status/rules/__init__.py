"""The dated rules engine: pure Python over plain data (see docs/rules.md).

scenario = parse_scenario(json.loads(text))
answers = evaluate(scenario, {"08416": "gE"})
"""

from lotse.status.rules.engine import evaluate, required_kreise
from lotse.status.rules.errors import MissingFact, ScenarioError
from lotse.status.rules.ruleset import RuleSet, default_rules, load_rules
from lotse.status.rules.scenario import parse_scenario

__all__ = [
    "MissingFact",
    "RuleSet",
    "ScenarioError",
    "default_rules",
    "evaluate",
    "load_rules",
    "parse_scenario",
    "required_kreise",
]
