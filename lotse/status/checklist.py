"""The checklists of what an application at the office taking over needs, as data
(`data/checklists.toml`), filled from the record: what lotse holds is ticked, what is missing
is named, so that nothing is collected twice."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.people.countries import COUNTRY_NAMES
from lotse.people.models import PersonAddress, PersonIdentifier, PersonRelation

DATA = Path(__file__).parent / "data" / "checklists.toml"
CHECK_KINDS = {
    "name", "birth_date", "birth_place", "sex", "nationality", "entry", "address", "relations",
    "identifier", "status", "manual",
}  # fmt: skip


MAIN_FORM = _("Hauptantrag (HA)")
AE_FORM = _("AsylbLG application")
STATUS_PROOF = _("proof of residence status")
TITLES = {
    "sgb2_application": _("Application for Bürgergeld (SGB II) at the Jobcenter"),
    "asylblg_application": _("Application for AsylbLG benefits at the Sozialamt"),
}
# (list, item) → (what, the form or document it goes into)
TEXTS = {
    ("sgb2_application", "name"): (_("Family name, given names, birth name"), MAIN_FORM),
    ("sgb2_application", "birth"): (_("Date of birth"), MAIN_FORM),
    ("sgb2_application", "birth_place"): (_("Place and country of birth"), MAIN_FORM),
    ("sgb2_application", "sex"): (_("Sex"), MAIN_FORM),
    ("sgb2_application", "nationality"): (_("Nationality"), MAIN_FORM),
    ("sgb2_application", "entry"): (_("Date of entry"), MAIN_FORM),
    ("sgb2_application", "id_document"): (
        _("Identity document: type, number, validity"),
        MAIN_FORM,
    ),
    ("sgb2_application", "azr"): (_("AZR number"), MAIN_FORM),
    ("sgb2_application", "pension_number"): (
        _("Pension insurance number (or: applied for)"),
        MAIN_FORM,
    ),
    ("sgb2_application", "address"): (
        _("Address"),
        _("Hauptantrag (HA), certificate of registration (Meldebescheinigung)"),
    ),
    ("sgb2_application", "title"): (
        _("Residence title (AE § 25) or Fiktionsbescheinigung"),
        STATUS_PROOF,
    ),
    ("sgb2_application", "bescheid"): (_("Decision of the BAMF (Bescheid)"), STATUS_PROOF),
    ("sgb2_application", "wohnsitz"): (
        _("Wohnsitzregelung or allocation document"),
        _("allocation documents accepted by the Bundesagentur für Arbeit"),
    ),
    ("sgb2_application", "household"): (
        _("Bedarfsgemeinschaft: form WEP for each further person from 15, form KI for each child"),
        _("forms WEP and KI"),
    ),
    ("sgb2_application", "housing"): (
        _("Rental contract, rent and heating costs"),
        _("form KDU"),
    ),
    ("sgb2_application", "income"): (_("Income and assets"), _("forms EK and VM")),
    ("sgb2_application", "health_insurance"): (
        _("Health insurance: membership, card"),
        _("certificate of the health insurance fund"),
    ),
    ("sgb2_application", "asylblg_end"): (
        _(
            "Sozialamt: end of the AsylbLG payments, amounts paid for the month of the switch, "
            "end of health coverage"
        ),
        _("notice from the Sozialamt"),
    ),
    ("asylblg_application", "name"): (
        _("Names as on the Ankunftsnachweis or residence document"),
        AE_FORM,
    ),
    ("asylblg_application", "birth"): (_("Date of birth"), AE_FORM),
    ("asylblg_application", "nationality"): (_("Nationality"), AE_FORM),
    ("asylblg_application", "status_proof"): (
        _("Proof of status: Ankunftsnachweis, Gestattung, Duldung or kind of residence permit"),
        STATUS_PROOF,
    ),
    ("asylblg_application", "household"): (
        _("Household members (spouse, minor children)"),
        AE_FORM,
    ),
    ("asylblg_application", "income"): (
        _("Income and assets (to be used first; 200 € per person are protected)"),
        AE_FORM,
    ),
    ("asylblg_application", "address"): (_("Address or accommodation"), AE_FORM),
    ("asylblg_application", "sgb2_end"): (
        _("Jobcenter: end of the Bürgergeld award, amounts paid for the month of the switch"),
        _("notice from the Jobcenter"),
    ),
}


@dataclass(frozen=True)
class Item:
    id: str
    group: str
    check: str
    source: str  # for developers: where the item comes from (brief, form)
    label: str = ""
    form: str = ""
    documents: tuple[str, ...] = ()  # kinds of document that prove the item (documents app)


@dataclass(frozen=True)
class Checked:
    item: Item
    present: bool
    manual: bool
    found: str  # what the record holds, e.g. "AZR number 123…", "Residence title 01.06.2016"
    # Documents of the item's kinds on the platform (lotse.documents.selectors.OnRecord: office,
    # uploaded_at, visible, document), given by the caller: status does not read documents.
    on_platform: tuple = ()

    @property
    def document_seen(self) -> bool:
        return any(record.visible for record in self.on_platform)


@cache
def checklists() -> dict[str, tuple[str, tuple[Item, ...]]]:
    with DATA.open("rb") as handle:
        data = tomllib.load(handle)
    lists = {}
    for entry in data["checklist"]:
        items = tuple(
            Item(
                **{**item, "documents": tuple(item.get("documents", ()))},
                label=TEXTS[entry["id"], item["id"]][0],
                form=TEXTS[entry["id"], item["id"]][1],
            )
            for item in entry["item"]
        )
        for item in items:
            if item.check.split(":")[0] not in CHECK_KINDS:
                raise ValueError(f"checklist {entry['id']}/{item.id}: unknown check {item.check}")
        lists[entry["id"]] = (TITLES[entry["id"]], items)
    return lists


def document_kinds(checklist_id: str) -> set[str]:
    """The kinds of document the items of the checklist name."""
    _title, items = checklists()[checklist_id]
    return {kind for item in items for kind in item.documents}


def fill(checklist_id: str, person, entries, documents=None) -> list[Checked]:
    """The items of the checklist with what the record holds. `entries` are the status entries
    in force that the reader may see; `documents` ({kind: [OnRecord]}, from the documents app)
    the documents of the items' kinds on the platform, those the reader may not see among
    them. An item whose document the reader may open counts as present."""
    _title, items = checklists()[checklist_id]
    return [_check(item, person, entries, documents or {}) for item in items]


def _check(item: Item, person, entries, documents) -> Checked:
    kind, _sep, arg = item.check.partition(":")
    on_platform = tuple(record for k in item.documents for record in documents.get(k, ()))
    if kind == "manual":
        return Checked(item, False, True, "", on_platform)
    found = _find(kind, arg, person, entries)
    seen = any(record.visible for record in on_platform)
    return Checked(item, bool(found) or seen, False, found, on_platform)


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
    return date_format(dates[-1], "SHORT_DATE_FORMAT") if dates else ""


def _relations(person, entries) -> str:
    count = PersonRelation.objects.filter(person=person, same_household=True).count()
    if not count:
        return ""
    return ngettext(
        "%(count)s person in the household recorded",
        "%(count)s persons in the household recorded",
        count,
    ) % {"count": count}


def _country(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))


def _birth_place(person, entries) -> str:
    country = _country(person.birth_country) if person.birth_country else ""
    return ", ".join(p for p in (person.birth_place, country) if p)


FINDERS = {
    "name": lambda person, entries: str(person.primary_name or ""),
    "birth_date": lambda person, entries: person.birth_date_display if person.birth_year else "",
    "birth_place": _birth_place,
    "sex": lambda person, entries: "" if person.sex == "u" else str(person.get_sex_display()),
    "nationality": lambda person, entries: ", ".join(
        _country(code) for code in person.nationalities.values_list("country", flat=True)
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
        return "; ".join(
            f"{e.get_kind_display()} {date_format(e.date, 'SHORT_DATE_FORMAT')}"
            for e in matching[-2:]
        )
    return FINDERS[kind](person, entries)
