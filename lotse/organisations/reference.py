"""Loading the offices and regions of Baden-Württemberg from the reference CSV.

Used by a data migration (with historical models) and by `manage.py load_reference_data`, so it
takes the app registry instead of importing models. It only creates what is missing: rows that
administrators have edited since are left as they are.
"""

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.utils.text import slugify

DEFAULT_CSV = Path(__file__).parent / "data" / "bw_kreise_agenturen_jobcenter.csv"

KREISREFORM_BW = date(1973, 1, 1)  # the present Kreise exist since the BW Kreisreform
SGB2_START = date(2005, 1, 1)  # Jobcenter (as ARGE or Optionskommune) since SGB II began
AGENTUR_START = date(2004, 1, 1)  # Arbeitsämter became Agenturen für Arbeit

_MERGER = re.compile(
    r"^(?P<old>.+?) \(ab (?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4}) (?P<new>.+)\)$"
)

REQUIRED_COLUMNS = {
    "kreisschluessel",
    "ags8",
    "name",
    "art",
    "regierungsbezirk",
    "agentur_fuer_arbeit",
    "jobcenter_typ",
    "zkt_seit",
    "gemeinden_2021_07_31",
    "hinweis",
}

# The Land's own administration of lotse (OfficeKind.LAND): it serves no Kreis; its
# administrators change the reference data, each change approved by a second one.
LAND_OFFICE_CODE = "land-bw"
LAND_OFFICE_NAME = "Land Baden-Württemberg – Landesadministration lotse"
LAND_OFFICE_START = date(2026, 1, 1)

KREIS_DEPARTMENTS = [
    ("auslaenderbehoerde", "abh", "Ausländerbehörde"),
    ("sozialamt", "sozialamt", "Sozialamt (AsylbLG)"),
    ("integrationsmanagement", "im", "Integrationsmanagement"),
    ("jugendamt", "jugendamt", "Jugendamt"),
]


class ReferenceDataError(ValueError):
    pass


# Reference data of the apps above (e.g. the course catalogue of lotse.courses), loaded by
# `manage.py load_reference_data` after the offices and regions: each app registers its loader
# in its AppConfig.ready(), so this layer imports nothing of theirs. (label, loader → summary)
_reference_loaders: dict[str, tuple[str, Callable[[], str]]] = {}


def register_reference_loader(label: str, loader: "Callable[[], str]", *, name: str) -> None:
    _reference_loaders[name] = (label, loader)


def reference_loaders() -> list[tuple[str, "Callable[[], str]"]]:
    """The loaders the apps registered, by name: (label, loader)."""
    return [_reference_loaders[name] for name in sorted(_reference_loaders)]


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, model: str, created: bool) -> None:
        target = self.created if created else self.existing
        target[model] = target.get(model, 0) + 1

    def summary(self) -> str:
        parts = [
            f"{m}: {self.created.get(m, 0)} new, {self.existing.get(m, 0)} kept"
            for m in sorted(set(self.created) | set(self.existing))
        ]
        return "; ".join(parts)


def read_rows(path: Path = DEFAULT_CSV) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
            if missing:
                raise ReferenceDataError(f"{path}: missing columns {sorted(missing)}")
            rows = list(reader)
    except OSError as exc:
        raise ReferenceDataError(f"{path}: {exc}") from exc
    for line, row in enumerate(rows, start=2):
        if not re.fullmatch(r"08\d{3}", row["kreisschluessel"]):
            raise ReferenceDataError(
                f"{path}, line {line}: bad Kreisschlüssel {row['kreisschluessel']!r}"
            )
        if row["jobcenter_typ"] not in {"gE", "zkT"}:
            raise ReferenceDataError(f"{path}, line {line}: Jobcenter form must be gE or zkT")
        if row["art"] not in {"Stadtkreis", "Landkreis"}:
            raise ReferenceDataError(f"{path}, line {line}: art must be Stadtkreis or Landkreis")
    return rows


def agentur_periods(value: str) -> list[tuple[str, date, date | None]]:
    """'Reutlingen (ab 01.01.2026 Balingen-Reutlingen)' → two dated Agentur names."""
    match = _MERGER.match(value.strip())
    if not match:
        return [(value.strip(), AGENTUR_START, None)]
    since = date(int(match["year"]), int(match["month"]), int(match["day"]))
    return [
        (match["old"].strip(), AGENTUR_START, since - timedelta(days=1)),
        (match["new"].strip(), since, None),
    ]


def _body_prefix(row: dict[str, str]) -> str:
    return f"Stadt {row['name']}" if row["art"] == "Stadtkreis" else f"Landratsamt {row['name']}"


def load_reference_data(apps, rows: list[dict[str, str]] | None = None) -> LoadReport:
    Kreis = apps.get_model("organisations", "Kreis")
    Office = apps.get_model("organisations", "Office")
    Jurisdiction = apps.get_model("organisations", "Jurisdiction")
    report = LoadReport()
    rows = read_rows() if rows is None else rows
    agenturen: dict[str, object] = {}

    def office(code: str, **fields):
        obj, created = Office.objects.get_or_create(code=code, defaults=fields)
        report.count("office", created)
        return obj

    def serve(obj, kreis, valid_from: date, valid_to: date | None) -> None:
        _, created = Jurisdiction.objects.get_or_create(
            office=obj, kreis=kreis, valid_from=valid_from, defaults={"valid_to": valid_to}
        )
        report.count("jurisdiction", created)

    for row in rows:
        kreis, created = Kreis.objects.get_or_create(
            code=row["kreisschluessel"],
            defaults={
                "ags": row["ags8"],
                "name": row["name"],
                "kind": row["art"].lower(),
                "regierungsbezirk": row["regierungsbezirk"],
                "gemeinden_count": int(row["gemeinden_2021_07_31"] or 0) or None,
                "source_note": row["hinweis"],
                "valid_from": KREISREFORM_BW,
            },
        )
        report.count("kreis", created)
        slug = f"{slugify(row['name'])}-{row['kreisschluessel']}"
        for kind, short, label in KREIS_DEPARTMENTS:
            dept = office(
                f"{short}-{slug}",
                kind=kind,
                name=f"{_body_prefix(row)} – {label}",
                kreis=kreis,
                valid_from=KREISREFORM_BW,
            )
            serve(dept, kreis, KREISREFORM_BW, None)
        _load_jobcenter(row, kreis, slug, office, serve)
        for name, valid_from, valid_to in agentur_periods(row["agentur_fuer_arbeit"]):
            if name not in agenturen:
                agenturen[name] = office(
                    f"aa-{slugify(name)}",
                    kind="agentur",
                    name=f"Agentur für Arbeit {name}",
                    valid_from=valid_from,
                    valid_to=valid_to,
                )
            serve(agenturen[name], kreis, valid_from, valid_to)
    _link_agentur_successors(agenturen)
    office(LAND_OFFICE_CODE, kind="land", name=LAND_OFFICE_NAME, valid_from=LAND_OFFICE_START)
    return report


def load_kreis_departments(apps, kinds: set[str], rows: list[dict[str, str]] | None = None) -> int:
    """Create the departments of `kinds` (KREIS_DEPARTMENTS) of every Kreis already loaded, as
    load_reference_data does, for a kind added after the first load (e.g. the Jugendamt).
    Running it again creates nothing; the number created is returned."""
    Kreis = apps.get_model("organisations", "Kreis")
    Office = apps.get_model("organisations", "Office")
    Jurisdiction = apps.get_model("organisations", "Jurisdiction")
    created_count = 0
    for row in read_rows() if rows is None else rows:
        kreis = Kreis.objects.filter(code=row["kreisschluessel"]).first()
        if kreis is None:
            continue  # not loaded: load_reference_data creates it with all its departments
        slug = f"{slugify(row['name'])}-{row['kreisschluessel']}"
        for kind, short, label in KREIS_DEPARTMENTS:
            if kind not in kinds:
                continue
            dept, created = Office.objects.get_or_create(
                code=f"{short}-{slug}",
                defaults={
                    "kind": kind,
                    "name": f"{_body_prefix(row)} – {label}",
                    "kreis": kreis,
                    "valid_from": KREISREFORM_BW,
                },
            )
            if created:
                created_count += 1
                Jurisdiction.objects.get_or_create(
                    office=dept, kreis=kreis, valid_from=KREISREFORM_BW, defaults={"valid_to": None}
                )
    return created_count


def _load_jobcenter(row, kreis, slug, office, serve) -> None:
    kind_of_kreis = "Stadt" if row["art"] == "Stadtkreis" else "Landkreis"
    if row["jobcenter_typ"] == "gE":
        jc = office(
            f"jc-{slug}",
            kind="jobcenter",
            jobcenter_form="gE",
            kreis=kreis,
            name=f"Jobcenter {kind_of_kreis} {row['name']}",
            valid_from=SGB2_START,
        )
        serve(jc, kreis, SGB2_START, None)
        return
    since = date(int(row["zkt_seit"] or SGB2_START.year), 1, 1)
    if since > SGB2_START:
        # Before it was approved as zkT, the Kreis ran its Jobcenter jointly with the BA.
        before = office(
            f"jc-{slug}-ge",
            kind="jobcenter",
            jobcenter_form="gE",
            kreis=kreis,
            name=f"Jobcenter {kind_of_kreis} {row['name']} (gE bis {since.year - 1})",
            valid_from=SGB2_START,
            valid_to=since - timedelta(days=1),
        )
        serve(before, kreis, SGB2_START, since - timedelta(days=1))
    jc = office(
        f"jc-{slug}",
        kind="jobcenter",
        jobcenter_form="zkT",
        kreis=kreis,
        name=f"Kommunales Jobcenter {kind_of_kreis} {row['name']}",
        valid_from=since,
    )
    serve(jc, kreis, since, None)
    if since > SGB2_START:
        jc.predecessors.add(before)


def _link_agentur_successors(agenturen: dict[str, object]) -> None:
    for agentur in agenturen.values():
        if agentur.valid_to is None:
            continue
        for other in agenturen.values():
            if other.valid_from == agentur.valid_to + timedelta(days=1) and other.pk != agentur.pk:
                served = set(agentur.jurisdictions.values_list("kreis", flat=True))
                if served & set(other.jurisdictions.values_list("kreis", flat=True)):
                    other.predecessors.add(agentur)
