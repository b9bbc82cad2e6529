"""Rules as versioned data: one TOML entry per rule version, loaded and checked once.

Every entry has an `id`, the `paragraph` it rests on, `valid_from` / `valid_to` (both inclusive;
no `valid_to` means open-ended), a `status` (`in_force`, or `pending` for law announced but not in
force) and a `summary`; `params` carries the numbers and lists the rule needs (waiting months,
countries, titles); `verified = false` marks a version that could not be checked against a
source of its period (default true). `summary`, `note` (readings, disputes, open checks) and
`source` are for developers; what a caseworker reads is the text named by `text` (default: the
id) in lotse/status/reasons.py, translated in the .po. The engine asks for "the version of rule X
in force on day D" and never holds a date of its own.
"""

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_noop

from lotse.status.rules.errors import ScenarioError, said

DATA_DIR = Path(__file__).parent / "data"
STATUSES = ("in_force", "pending")


class RuleDataError(ValueError):
    """The rule files themselves are inconsistent (a programming error, not a scenario's)."""


@dataclass(frozen=True)
class Rule:
    id: str
    paragraph: str
    valid_from: date
    valid_to: date | None
    status: str
    summary: str
    params: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    source: str = ""
    text: str = ""  # the code of its reader's text in lotse/status/reasons.py (default: id)
    # False when this version could not be checked against the statute or an official source
    # of its period: its reasons then tell the reader so (lotse/status/reasons.py).
    verified: bool = True

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def version(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else ""
        return f"{self.valid_from.isoformat()}..{end}"


class RuleSet:
    """All versions of all rules, indexed by id."""

    def __init__(self, rules: list[Rule]):
        self._by_id: dict[str, list[Rule]] = defaultdict(list)
        for rule in sorted(rules, key=lambda r: (r.id, r.valid_from)):
            self._by_id[rule.id].append(rule)
        for versions in self._by_id.values():
            _check_versions(versions)

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def versions(self, rule_id: str) -> list[Rule]:
        if rule_id not in self._by_id:
            raise RuleDataError(f"no rule {rule_id!r} in {DATA_DIR}")
        return list(self._by_id[rule_id])

    def in_force(self, rule_id: str, day: date) -> Rule:
        """The version in force on `day`; a ScenarioError when there is none (the day lies
        before the first version or in a gap), because then the engine cannot judge."""
        rule = self.find(rule_id, day)
        if rule is None:
            first = min(r.valid_from for r in self.versions(rule_id))
            raise ScenarioError(
                f"no version of rule {rule_id!r} is in force on {day.isoformat()} "
                f"(the rules cover this question from {first.isoformat()})",
                reader=said(
                    gettext_noop(
                        "lotse's rules answer this question only from %(first)s on; %(day)s lies "
                        "before."
                    ),
                    first=first,
                    day=day,
                ),
            )
        return rule

    def find(self, rule_id: str, day: date) -> Rule | None:
        """The version in force on `day`, or None."""
        for rule in self.versions(rule_id):
            if rule.status == "in_force" and rule.covers(day):
                return rule
        return None

    def pending(self, rule_id: str, day: date) -> Rule | None:
        """A version announced for `day` but not (yet) in force."""
        for rule in self.versions(rule_id):
            if rule.status == "pending" and rule.covers(day):
                return rule
        return None

    def change_dates(self, rule_id: str) -> list[date]:
        """The days on which an in-force version of the rule begins."""
        return [r.valid_from for r in self.versions(rule_id) if r.status == "in_force"]

    def with_status(self, rule_id: str, valid_from: date, status: str) -> "RuleSet":
        """A copy in which one version has another status, e.g. a pending law that passed."""
        changed = [
            replace(r, status=status) if (r.id, r.valid_from) == (rule_id, valid_from) else r
            for versions in self._by_id.values()
            for r in versions
        ]
        return RuleSet(changed)


def _check_versions(versions: list[Rule]) -> None:
    """In-force versions of one rule must not overlap; pending ones may lie over them."""
    in_force = [r for r in versions if r.status == "in_force"]
    for earlier, later in zip(in_force, in_force[1:], strict=False):
        if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
            raise RuleDataError(f"versions of {earlier.id!r} overlap at {later.valid_from}")


def _rule_from(entry: dict[str, Any], source: Path) -> Rule:
    missing = {"id", "paragraph", "valid_from", "status", "summary"} - entry.keys()
    if missing:
        raise RuleDataError(f"{source.name}: rule {entry.get('id')!r} lacks {sorted(missing)}")
    if entry["status"] not in STATUSES:
        raise RuleDataError(f"{source.name}: {entry['id']}: status must be one of {STATUSES}")
    verified = entry.get("verified", True)
    if not isinstance(verified, bool):
        raise RuleDataError(f"{source.name}: {entry['id']}: verified must be true or false")
    valid_to = entry.get("valid_to")
    if valid_to is not None and valid_to < entry["valid_from"]:
        raise RuleDataError(f"{source.name}: {entry['id']}: valid_to before valid_from")
    return Rule(
        id=entry["id"],
        paragraph=entry["paragraph"],
        valid_from=entry["valid_from"],
        valid_to=valid_to,
        status=entry["status"],
        summary=entry["summary"],
        params=dict(entry.get("params", {})),
        note=entry.get("note", ""),
        source=entry.get("source", ""),
        text=entry.get("text", entry["id"]),
        verified=verified,
    )


def load_rules(directory: Path = DATA_DIR) -> RuleSet:
    rules: list[Rule] = []
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        rules.extend(_rule_from(entry, path) for entry in data.get("rule", []))
    return RuleSet(rules)


@cache
def default_rules() -> RuleSet:
    return load_rules()
