"""The catalogue of courses and measures, from lotse/courses/data/catalogue.toml into the tables.

Used by migration courses.0002 (with historical models), by `manage.py load_reference_data` (the
reference-data load of `make install` and `make run`) and by tests, so it takes the app registry
instead of importing models. A row is found by its code: what the file says is what the table
holds (labels, units, modules, exams); rows no longer in the file stay, marked not offered.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_TOML = Path(__file__).parent / "data" / "catalogue.toml"


class CatalogueError(ValueError):
    pass


@dataclass
class CatalogueReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[model] = target.get(model, 0) + 1

    def summary(self) -> str:
        return "; ".join(
            f"{m}: {self.created.get(m, 0)} new, {self.updated.get(m, 0)} current"
            for m in sorted(set(self.created) | set(self.updated))
        )


def read_catalogue(path: Path = DEFAULT_TOML) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
    for key in ("level", "course_type"):
        if not data.get(key):
            raise CatalogueError(f"{path}: no [[{key}]] entries")
    return data


def _check_type(entry: dict[str, Any], levels: set[str], families: set[str]) -> None:
    code = entry.get("code", "?")
    for key in ("code", "family", "de", "en"):
        if not entry.get(key):
            raise CatalogueError(f"course type {code}: {key} is missing")
    if entry["family"] not in families:
        raise CatalogueError(f"course type {code}: unknown family {entry['family']!r}")
    target = entry.get("target_level", "")
    if target and target not in levels:
        raise CatalogueError(f"course type {code}: unknown target level {target!r}")


def load_catalogue(apps: Any, data: dict[str, Any] | None = None) -> CatalogueReport:
    """Write the catalogue into the tables (idempotent)."""
    from lotse.courses.models import CourseFamily

    data = read_catalogue() if data is None else data
    level_model = apps.get_model("courses", "Level")
    type_model = apps.get_model("courses", "CourseType")
    report = CatalogueReport()
    levels = {}
    for rank, entry in enumerate(data["level"]):
        level, created = level_model.objects.update_or_create(
            code=entry["code"],
            defaults={"label_de": entry["de"], "label_en": entry["en"], "rank": rank},
        )
        levels[level.code] = level
        report.count("levels", created)
    codes = []
    for rank, entry in enumerate(data["course_type"]):
        _check_type(entry, set(levels), set(CourseFamily.values))
        target = entry.get("target_level", "")
        _course_type, created = type_model.objects.update_or_create(
            code=entry["code"],
            defaults={
                "family": entry["family"],
                "label_de": entry["de"],
                "label_en": entry["en"],
                "teaching_units": entry.get("teaching_units"),
                "duration_weeks": entry.get("duration_weeks"),
                "modules": list(entry.get("modules", [])),
                "target_level": levels[target] if target else None,
                "final_exam": entry.get("final_exam", ""),
                "admission_question": entry.get("admission", ""),
                "description_de": entry.get("description_de", ""),
                "description_en": entry.get("description_en", ""),
                "source": entry.get("source", ""),
                "rank": rank,
                "active": True,
            },
        )
        codes.append(entry["code"])
        report.count("course types", created)
    type_model.objects.exclude(code__in=codes).update(active=False)
    return report
