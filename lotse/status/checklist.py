"""The checklists of what an application at the office taking over needs, as data
(`data/checklists.toml`), filled from the record: what lotse holds is ticked, what is missing
is named, so that nothing is collected twice."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import timezone

from lotse.people.models import PersonAddress, PersonIdentifier, PersonRelation

DATA = Path(__file__).parent / "data" / "checklists.toml"
CHECK_KINDS = {
    "name", "birth_date", "birth_place", "sex", "nationality", "entry", "address", "relations",
    "identifier", "status", "manual",
}  # fmt: skip


@dataclass(frozen=True)
class Item:
    id: str
    group: str
    label: str
    check: str
    source: str


@dataclass(frozen=True)
class Checked:
    item: Item
    present: bool
    manual: bool
    found: str  # what the record holds, e.g. "AZR number 123…", "AE § 25 Abs. 2 … 2016-06-01"


@cache
def checklists() -> dict[str, tuple[str, tuple[Item, ...]]]:
    with DATA.open("rb") as handle:
        data = tomllib.load(handle)
    lists = {}
    for entry in data["checklist"]:
        items = tuple(Item(**item) for item in entry["item"])
        for item in items:
            if item.check.split(":")[0] not in CHECK_KINDS:
                raise ValueError(f"checklist {entry['id']}/{item.id}: unknown check {item.check}")
        lists[entry["id"]] = (entry["title"], items)
    return lists


def fill(checklist_id: str, person, entries) -> list[Checked]:
    """The items of the checklist with what the record holds. `entries` are the status entries
    in force that the reader may see."""
    _title, items = checklists()[checklist_id]
    return [_check(item, person, entries) for item in items]


def _check(item: Item, person, entries) -> Checked:
    kind, _sep, arg = item.check.partition(":")
    if kind == "manual":
        return Checked(item, False, True, "")
    found = _find(kind, arg, person, entries)
    return Checked(item, bool(found), False, found)


def _current_address(person, entries) -> str:
    today = timezone.localdate()
    address = (
        PersonAddress.objects.filter(person=person, valid_from__lte=today)
        .exclude(valid_to__lt=today)
        .order_by("-valid_from")
        .first()
    )
    return str(address) if address else ""


def _entry(person, entries) -> str:
    dates = [e.date for e in entries if e.kind == "entry"]
    return dates[-1].isoformat() if dates else ""


def _relations(person, entries) -> str:
    count = PersonRelation.objects.filter(person=person, same_household=True).count()
    return str(count) if count else ""


FINDERS = {
    "name": lambda person, entries: str(person.primary_name or ""),
    "birth_date": lambda person, entries: person.birth_date_display if person.birth_year else "",
    "birth_place": lambda person, entries: " ".join(
        p for p in (person.birth_place, person.birth_country) if p
    ),
    "sex": lambda person, entries: "" if person.sex == "u" else str(person.get_sex_display()),
    "nationality": lambda person, entries: ", ".join(
        person.nationalities.values_list("country", flat=True)
    ),
    "entry": _entry,
    "address": _current_address,
    "relations": _relations,
}


def _find(kind: str, arg: str, person, entries) -> str:
    if kind == "identifier":
        identifiers = PersonIdentifier.objects.filter(person=person, type__in=arg.split("|"))
        return "; ".join(str(i) for i in identifiers)
    if kind == "status":
        matching = [e for e in entries if e.kind in arg.split("|")]
        return "; ".join(f"{e.get_kind_display()} {e.date:%d.%m.%Y}" for e in matching[-2:])
    return FINDERS[kind](person, entries)
