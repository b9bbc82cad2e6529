"""`manage.py match_persons` and `manage.py generate_persons` on files in tmp_path."""

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

HEADER = "record_id,given_names,family_name,birth_date,nationality,address,extra\n"


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command("match_persons", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def pairs(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_dedupe_writes_pairs_with_score_and_reasons(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        HEADER
        + "a,Fatima,Al-Hassan,1990-01-01,SYR,Hauptstraße 5,x\n"
        + "b,Fatma,Alhasan,1990,SYR,Hauptstr. 5,y\n"
        + "c,Yohannes,Tesfay,1985-04,ERI,,z\n",
        encoding="utf-8",
    )
    out = tmp_path / "pairs.csv"
    stdout, stderr = run(str(source), out=out, processes=1)
    rows = pairs(out)
    assert [(r["record_id_1"], r["record_id_2"]) for r in rows] == [("a", "b")]
    assert float(rows[0]["score"]) >= 0.5
    assert "same address" in rows[0]["reasons"]
    assert "1 pairs from 3 records" in stdout
    assert stderr == ""


def test_link_mode_pairs_records_across_two_files(tmp_path):
    left, right = tmp_path / "left.csv", tmp_path / "right.csv"
    left.write_text("record_id,given_names,family_name,birth_date\nL1,محمد,الحسن,1988\n")
    right.write_text(
        "record_id,given_names,family_name,birth_date\n"
        "R1,Mohamad,Al-Hasan,1988-03-02\nR2,Omar,Khalil,1970\n"
    )
    out = tmp_path / "pairs.csv"
    run(str(left), link=right, out=out, min_score=0.2, processes=1)
    assert [(r["record_id_1"], r["record_id_2"]) for r in pairs(out)] == [("L1", "R1")]


def test_bad_rows_are_reported_with_line_numbers_and_counted(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "record_id,given_names,family_name,birth_date\n"
        "1,Ali,Hassan,1990-13-01\n"
        ",Ali,Hassan,1990\n"
        "3,Ali,Hassan,03.05.1990\n"
        "4,Ali,Hassan,1990\n"
    )
    _stdout, stderr = run(str(source), out=tmp_path / "pairs.csv", processes=1)
    assert "in.csv line 2:" in stderr
    assert "in.csv line 3: record_id is empty" in stderr
    assert "in.csv line 4: birth date '03.05.1990'" in stderr
    assert "3 bad rows skipped" in stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("id,given_names\n1,Ali\n", "no record_id column"),
        ("record_id,given_names\n1,Ali\n1,Omar\n", "record_id '1' on line 3 is already on line 2"),
    ],
)
def test_unusable_files_stop_with_a_clear_message(tmp_path, content, message):
    source = tmp_path / "in.csv"
    if content is not None:
        source.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(str(source), out=tmp_path / "pairs.csv")


def test_generated_population_is_deterministic_and_has_the_truth(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        call_command(
            "generate_persons", count=500, seed=5, duplicates=0.2, out=path, stdout=StringIO()
        )
    assert first.read_bytes() == second.read_bytes()
    rows = pairs(first)
    assert len(rows) == 500
    assert {"record_id", "true_person_id", "given_names", "birth_date"} <= set(rows[0])
    persons = {row["true_person_id"] for row in rows}
    assert 350 < len(persons) < 480  # about a fifth of the rows are duplicates
    placeholders = sum(row["birth_date"].endswith("-01-01") for row in rows)
    assert placeholders > 50  # many 01.01. dates, as in the AZR
    assert any(not row["given_names"].isascii() for row in rows)  # original scripts
