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


def test_a_bad_field_is_reported_and_its_row_kept_a_row_without_id_skipped(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "record_id,given_names,family_name,birth_date\n"
        "1,Ali,Hassan,1990-13-01\n"
        ",Ali,Hassan,1990\n"
        "3,Ali,Hassan,03.05.1990\n"
        "4,Ali,Hassan,1990\n"
    )
    out = tmp_path / "pairs.csv"
    stdout, stderr = run(str(source), out=out, processes=1)
    assert (
        "in.csv, Zeile 2: Geburtsdatum „1990-13-01“ ist kein gültiges Datum; verwendet: Jahr 1990"
        in stderr
    )
    assert "in.csv, Zeile 3: record_id ist leer; Zeile übersprungen" in stderr
    assert "Zeile 4" not in stderr  # DD.MM.YYYY is a known form
    assert "in.csv: 1 Feld nicht vollständig verwendet" in stderr
    assert "in.csv: 1 Zeile ohne record_id übersprungen" in stderr
    assert "from 3 records" in stdout  # rows 2, 4 and 5


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


GOOD_ROWS = "record_id,given_names,family_name,birth_date\n1,Ali,Hassan,1990\n2,Ali,Hasan,1990\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            GOOD_ROWS + '3,"Omar,Khalil,1970\n4,Omar,Khalil,1970\n5,Sara,Ahmed,1991\n',
            r"line 4: a quote \(\"\) is opened and never closed",
            id="unbalanced quote",
        ),
        pytest.param(
            GOOD_ROWS + '3,"Omar"x,Khalil,1970\n4,Omar,Khalil,1970\n',
            "line 4: not readable as CSV",
            id="text after a closing quote",
        ),
        pytest.param(
            GOOD_ROWS + "3,Omar," + "K" * (128 * 1024 + 1) + ",1970\n4,Omar,Khalil,1970\n",
            "line 4: a field is longer than 128 KiB",
            id="field over 128 KiB",
        ),
    ],
)
def test_an_unreadable_row_stops_with_its_line_and_writes_nothing(tmp_path, content, message):
    source = tmp_path / "in.csv"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "pairs.csv"
    out.write_text("earlier pairs\n")
    with pytest.raises(CommandError, match=message):
        run(str(source), out=out, processes=1)
    assert out.read_text() == "earlier pairs\n"  # an earlier result is kept
    assert source.read_text(encoding="utf-8") == content
    assert {p.name for p in tmp_path.iterdir()} == {"in.csv", "pairs.csv"}  # no part file left


def test_the_command_exits_non_zero_without_a_traceback(tmp_path, capsys):
    from django.core.management import ManagementUtility

    source = tmp_path / "in.csv"
    source.write_text(GOOD_ROWS + "3,Omar," + "K" * 200_000 + ",1970\n")
    argv = ["manage.py", "match_persons", str(source), "--out", str(tmp_path / "p.csv")]
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(argv).execute()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "line 4: a field is longer than 128 KiB" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("which", ["input", "link", "input by another path", "hard link"])
def test_out_may_not_be_an_input_file(tmp_path, which):
    source, other = tmp_path / "in.csv", tmp_path / "other.csv"
    source.write_text(GOOD_ROWS)
    other.write_text(GOOD_ROWS)
    options = {"processes": 1}
    if which == "input":
        options["out"] = source
    elif which == "link":
        options.update(link=other, out=other)
    elif which == "input by another path":
        (tmp_path / "sub").mkdir()
        options["out"] = tmp_path / "sub" / ".." / "in.csv"
    else:
        (tmp_path / "alias.csv").hardlink_to(source)
        options["out"] = tmp_path / "alias.csv"
    with pytest.raises(CommandError, match="is the input file"):
        run(str(source), **options)
    assert source.read_text() == GOOD_ROWS
    assert other.read_text() == GOOD_ROWS


def test_out_in_a_missing_folder_is_named(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(GOOD_ROWS)
    with pytest.raises(CommandError, match="does not exist"):
        run(str(source), out=tmp_path / "nowhere" / "pairs.csv", processes=1)


def test_a_month_or_day_00_is_unknown_not_bad(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "record_id,given_names,family_name,birth_date\n"
        "1,Ali,Hassan,1990-00\n2,Ali,Hasan,1990-05-00\n3,Ali,Hassan,00.00.1990\n"
    )
    out = tmp_path / "pairs.csv"
    stdout, stderr = run(str(source), out=out, processes=1)
    assert stderr == ""
    assert "from 3 records" in stdout


IMPOSSIBLE = (
    "record_id,given_names,family_name,birth_date,address\n"
    "a1,Mohammed,Al-Hassan,1956-02-31,Hauptstraße 5\n"
    "a2,Muhammad,Alhassan,1956-02-12,Hauptstraße 5\n"
    "b1,Yohannes,Tesfay,19854502,Bahnhofstraße 1\n"
    "b2,Johannes,Tesfai,1985-03-02,Bahnhofstraße 1\n"
    "c1,Fatima,Rahimi,3.4.1979,Kirchweg 2\n"
    "c2,Fatma,Rahimi,19790403,Kirchweg 2\n"
    "d1,Omar,Khalil,ca. 1970,Lindenweg 9\n"
    "d2,Umar,Khalil,1970,Lindenweg 9\n"
    "e1,Samir,Haddad,1772-01-01,Am Markt 3\n"
)


def test_impossible_and_other_dates_keep_every_row_and_the_pairs(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(IMPOSSIBLE, encoding="utf-8")
    out = tmp_path / "pairs.csv"
    stdout, stderr = run(str(source), out=out, processes=1)
    assert "from 9 records" in stdout  # no row dropped
    found = {frozenset((r["record_id_1"], r["record_id_2"])) for r in pairs(out)}
    for pair in (("a1", "a2"), ("b1", "b2"), ("c1", "c2"), ("d1", "d2")):
        assert frozenset(pair) in found, pair
    lines = stderr.splitlines()
    assert (
        "in.csv, Zeile 2: Geburtsdatum „1956-02-31“ ist kein gültiges Datum; "
        "verwendet: Jahr 1956, Monat 02"
    ) in lines
    assert (
        "in.csv, Zeile 4: Geburtsdatum „19854502“ ist kein gültiges Datum; verwendet: Jahr 1985"
    ) in lines
    assert any(
        line.startswith("in.csv, Zeile 8: Geburtsdatum „ca. 1970“ hat keine bekannte Form")
        and line.endswith("verwendet: Jahr 1970")
        for line in lines
    )
    assert any(
        line.startswith("in.csv, Zeile 10: Geburtsjahr in „1772-01-01“ ist nicht plausibel")
        and line.endswith("verwendet: nichts (Geburtsdatum unbekannt)")
        for line in lines
    )
    assert not any("Zeile 6" in line or "Zeile 7" in line for line in lines)  # known forms
    assert "in.csv: 4 Felder nicht vollständig verwendet" in stderr


def test_other_forms_of_a_birth_date_are_read():
    from lotse.identity.matching import DateProblem, Precision, read_birth_date

    assert read_birth_date("3.2.1956").birth.precision == Precision.DAY
    assert read_birth_date("03.02.1956").birth == read_birth_date("19560203").birth
    assert read_birth_date("02.1956").birth.precision == Precision.MONTH
    assert read_birth_date("1956-00-00").birth.precision == Precision.YEAR
    assert read_birth_date("1956-02-31").problem is DateProblem.INVALID
    assert (
        read_birth_date("1956-02-31").birth.year,
        read_birth_date("1956-02-31").birth.month,
    ) == (
        1956,
        2,
    )
    assert read_birth_date("31/02/56").problem is DateProblem.FORM
    assert read_birth_date("03021956").birth == read_birth_date("1956-02-03").birth
    assert read_birth_date("31021956").problem is DateProblem.INVALID


def test_a_finished_run_replaces_the_earlier_result_and_leaves_no_part_file(tmp_path):
    source, out = tmp_path / "in.csv", tmp_path / "pairs.csv"
    source.write_text(GOOD_ROWS)
    out.write_text("earlier pairs\n")
    run(str(source), out=out, processes=1)
    assert out.read_text().splitlines()[0] == "record_id_1,record_id_2,score,reasons"
    assert {p.name for p in tmp_path.iterdir()} == {"in.csv", "pairs.csv"}


def test_the_bulk_loader_keeps_a_person_whose_date_is_no_date(db, settings):
    from lotse.audit.models import AuditEvent, EventType
    from lotse.demo.registry_load import load_rows
    from lotse.organisations.tests.factories import reference_office
    from lotse.people.models import Person

    settings.LOTSE_DEMO = True
    rows = [
        {
            "record_id": "1",
            "given_names": "Ali",
            "family_name": "Hassan",
            "birth_date": "1956-02-31",
        },
        {"record_id": "", "given_names": "Omar", "family_name": "Khalil", "birth_date": "19700000"},
    ]
    assert load_rows(rows, office=reference_office("sozialamt-tubingen-08416")) == 2
    births = set(Person.objects.values_list("birth_year", "birth_month", "birth_day"))
    assert births == {(1956, 2, None), (1970, None, None)}
    event = AuditEvent.objects.get(event_type=EventType.PERSON_CREATED)
    assert event.details["fields_not_used_in_full"] == 1
