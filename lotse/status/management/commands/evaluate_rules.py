"""manage.py evaluate_rules SCENARIO.json (or - for stdin)

Prints the rules engine's answers for one scenario as JSON: benefit regime and office,
labour-market access, integration course, gute Bleibeperspektive, the Rechtskreiswechsel, and the
reasons. The JSON keys and codes stay as they are for machines; the reasons' `summary`, `facts`
and `note` are said in German, or in the language given with --language. The input and output
shapes are documented in docs/rules.md.

An answer that needs a fact the scenario does not give is null, and `open` names the missing fact
with a message in that language; the other answers are printed as usual (exit status 0). A
scenario that is malformed or contradicts itself (a decision without an application, finality
twice, an impossible date, an unknown Kreis) is not judged at all: a message on stderr and exit
status 1.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from lotse.people.countries import COUNTRY_NAMES
from lotse.status.kreise import jobcenter_forms, unknown_kreise
from lotse.status.reasons import say_all
from lotse.status.rules import ScenarioError, evaluate, parse_scenario, required_kreise

# A scenario is a few levels deep; anything much deeper is no scenario, and reading it further
# could exhaust Python's recursion limit.
_MAX_DEPTH = 20


def _depth(value, level: int = 0) -> int:
    """How deeply `value` nests, counted without recursion (stops past _MAX_DEPTH)."""
    deepest, todo = level, [(value, level)]
    while todo:
        item, at = todo.pop()
        deepest = max(deepest, at)
        if at > _MAX_DEPTH:
            break
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        todo.extend((child, at + 1) for child in children)
    return deepest


class Command(BaseCommand):
    help = (
        "Evaluate the dated rules for a scenario file (JSON; '-' reads stdin) and print the "
        "answers with their reasons as JSON. See docs/rules.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("scenario", help="path to SCENARIO.json, or - for stdin")
        parser.add_argument(
            "--language",
            default="de",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the reasons' texts (default: de)",
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            answers = self._evaluate(self._read(options["scenario"]))
            answers["reasons"] = say_all(answers["reasons"])
        self.stdout.write(json.dumps(answers, ensure_ascii=False, indent=2))

    def _evaluate(self, data):
        try:
            scenario = parse_scenario(data)
            self._check_nationality(scenario.person.nationality)
            kreise = required_kreise(scenario)
            missing = unknown_kreise(kreise, scenario.as_of)
            if missing:
                raise ScenarioError(
                    f"unknown Kreis {', '.join(missing)} on {scenario.as_of} (expected a "
                    "Kreisschlüssel of Baden-Württemberg, e.g. 08416 Tübingen)"
                )
            answers = evaluate(scenario, jobcenter_forms(kreise, scenario.as_of))
        except ScenarioError as exc:
            raise CommandError(f"cannot judge the scenario: {exc}") from exc
        return answers

    def _read(self, source: str):
        try:
            if source == "-":
                text = sys.stdin.read()
            else:
                with open(source, encoding="utf-8") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {source}: {exc}") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{source} is not valid JSON: {exc}") from exc
        except RecursionError:
            raise CommandError(
                f"{source}: the JSON is nested too deeply to be a scenario (see docs/rules.md)"
            ) from None
        if _depth(data) > _MAX_DEPTH:
            raise CommandError(
                f"{source}: the JSON is nested deeper than {_MAX_DEPTH} levels; a scenario "
                "needs at most a few (see docs/rules.md)"
            )
        return data

    @staticmethod
    def _check_nationality(code: str) -> None:
        if code not in COUNTRY_NAMES:
            raise ScenarioError(
                f"person.nationality: unknown country code {code!r} (ISO 3166-1 alpha-3 as "
                "listed in lotse/people/countries.py)"
            )
