"""The reference data of Baden-Württemberg: 44 Kreise, their offices, Agenturen and Jobcenter."""

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from lotse.access.services import reference_data_load
from lotse.audit.models import AuditEvent, EventType
from lotse.organisations.models import Jurisdiction, Kreis, Office, OfficeKind
from lotse.organisations.reference import (
    AGENTUR_START,
    DEFAULT_CSV,
    LAND_OFFICE_CODE,
    REQUIRED_COLUMNS,
    SGB2_START,
    ReferenceDataError,
    agentur_periods,
    load_reference_data,
    read_rows,
)

pytestmark = pytest.mark.django_db

MERGER_DAY = date(2026, 1, 1)
ZKT_SINCE_2012 = {"08111", "08118", "08136", "08231", "08236", "08436"}
ZKT_SINCE_2005 = {"08317", "08327", "08337", "08426", "08435"}


def agenturen_serving(kreis_code: str, day: date) -> set[str]:
    served = Jurisdiction.objects.valid_on(day).filter(kreis__code=kreis_code)
    return set(
        Office.objects.filter(kind=OfficeKind.AGENTUR, jurisdictions__in=served).values_list(
            "code", flat=True
        )
    )


# --- what the migration loaded ---------------------------------------------------------------
def test_the_44_kreise_of_baden_wuerttemberg():
    assert Kreis.objects.count() == 44
    assert Kreis.objects.filter(kind="stadtkreis").count() == 9
    assert Kreis.objects.filter(kind="landkreis").count() == 35
    assert set(Kreis.objects.values_list("regierungsbezirk", flat=True)) == {
        "Stuttgart",
        "Karlsruhe",
        "Freiburg",
        "Tübingen",
    }
    tuebingen = Kreis.objects.get(code="08416")
    assert (tuebingen.name, tuebingen.ags, str(tuebingen)) == (
        "Tübingen",
        "08416000",
        "Landkreis Tübingen",
    )


def test_every_kreis_has_its_five_offices_today():
    today = timezone.localdate()
    for kreis in Kreis.objects.all():
        offices = Office.objects.valid_on(today).filter(kreis=kreis)
        assert sorted(offices.values_list("kind", flat=True)) == sorted(
            [
                OfficeKind.AUSLAENDERBEHOERDE,
                OfficeKind.SOZIALAMT,
                OfficeKind.INTEGRATIONSMANAGEMENT,
                OfficeKind.JOBCENTER,
                OfficeKind.JUGENDAMT,
            ]
        ), kreis
        for office in offices:
            assert set(office.kreise_served(today)) == {kreis}, office


@pytest.mark.parametrize("code", sorted(ZKT_SINCE_2012))
def test_a_zkt_since_2012_follows_its_ge(code):
    kreis = Kreis.objects.get(code=code)
    jobcenter = Office.objects.get(kreis=kreis, kind=OfficeKind.JOBCENTER, valid_to=None)
    assert (jobcenter.jobcenter_form, jobcenter.valid_from) == ("zkT", date(2012, 1, 1))
    (before,) = jobcenter.predecessors.all()
    assert before.jobcenter_form == "gE"
    assert (before.valid_from, before.valid_to) == (SGB2_START, date(2011, 12, 31))
    assert before.code == f"{jobcenter.code}-ge"
    # On any day exactly one Jobcenter serves the Kreis.
    for day in (date(2011, 12, 31), date(2012, 1, 1)):
        serving = Office.objects.filter(
            kind=OfficeKind.JOBCENTER,
            jurisdictions__in=Jurisdiction.objects.valid_on(day).filter(kreis=kreis),
        )
        assert serving.count() == 1, day


def test_the_other_jobcenter_have_no_predecessor():
    for jobcenter in Office.objects.filter(kind=OfficeKind.JOBCENTER, valid_to=None):
        code = jobcenter.kreis.code
        expected_form = "zkT" if code in ZKT_SINCE_2012 | ZKT_SINCE_2005 else "gE"
        assert jobcenter.jobcenter_form == expected_form, code
        if code not in ZKT_SINCE_2012:
            assert jobcenter.valid_from == SGB2_START
            assert not jobcenter.predecessors.exists(), code


def test_the_agentur_balingen_reutlingen_since_2026():
    merged = Office.objects.get(code="aa-balingen-reutlingen")
    assert (merged.valid_from, merged.valid_to) == (MERGER_DAY, None)
    assert set(merged.predecessors.values_list("code", flat=True)) == {
        "aa-balingen",
        "aa-reutlingen",
    }
    for code in ("aa-balingen", "aa-reutlingen"):
        old = Office.objects.get(code=code)
        assert (old.valid_from, old.valid_to) == (AGENTUR_START, MERGER_DAY - timedelta(days=1))
    served = set(merged.kreise_served(MERGER_DAY).values_list("name", flat=True))
    assert served == {"Reutlingen", "Tübingen", "Zollernalbkreis", "Sigmaringen"}


def test_reutlingen_changes_agentur_overnight():
    assert agenturen_serving("08415", date(2025, 12, 31)) == {"aa-reutlingen"}
    assert agenturen_serving("08415", MERGER_DAY) == {"aa-balingen-reutlingen"}
    assert agenturen_serving("08417", date(2025, 12, 31)) == {"aa-balingen"}
    assert agenturen_serving("08417", MERGER_DAY) == {"aa-balingen-reutlingen"}


@pytest.mark.parametrize("day", [date(2004, 1, 1), date(2025, 12, 31), MERGER_DAY, None])
def test_every_kreis_has_exactly_one_agentur_on_any_day(day):
    day = day or timezone.localdate()
    for code in Kreis.objects.values_list("code", flat=True):
        assert len(agenturen_serving(code, day)) == 1, (code, day)


# --- the loader ------------------------------------------------------------------------------
def _counts() -> tuple[int, int, int]:
    return Kreis.objects.count(), Office.objects.count(), Jurisdiction.objects.count()


def test_loading_again_changes_nothing():
    before = _counts()
    report = load_reference_data(django_apps)
    assert report.created == {}
    assert report.existing["kreis"] == 44
    assert _counts() == before


def test_loading_keeps_administrators_edits_and_adds_what_is_missing():
    office = Office.objects.get(code="sozialamt-tubingen-08416")
    office.name = "Landratsamt Tübingen – Abteilung Soziales"
    office.save()
    kreis = Kreis.objects.get(code="08416")
    kreis.source_note = "geprüft 2026"
    kreis.save()
    Jurisdiction.objects.filter(office__code="im-tubingen-08416").delete()

    report = load_reference_data(django_apps)

    assert report.created == {"jurisdiction": 1}
    office.refresh_from_db()
    kreis.refresh_from_db()
    assert office.name == "Landratsamt Tübingen – Abteilung Soziales"
    assert kreis.source_note == "geprüft 2026"
    assert Office.objects.get(code="im-tubingen-08416").kreise_served().get() == kreis


def test_the_command_loads_and_records_it(caseworker):
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "kreis: 0 new, 44 kept" in out.getvalue()
    event = AuditEvent.objects.get(event_type=EventType.REFERENCE_DATA_LOADED)
    assert event.details == {"file": DEFAULT_CSV.name, "created": {}}
    assert event.actor_label == "system"


def test_the_service_records_who_loaded(make_persona):
    land_admin = make_persona("land_admin")
    reference_data_load(actor=land_admin)
    event = AuditEvent.objects.get(event_type=EventType.REFERENCE_DATA_LOADED)
    assert event.actor == land_admin


def test_an_office_administrator_loads_no_reference_data(administrator):
    with pytest.raises(PermissionDenied):
        reference_data_load(actor=administrator)
    assert not AuditEvent.objects.filter(event_type=EventType.REFERENCE_DATA_LOADED).exists()


def test_the_land_administration_is_an_office_that_serves_no_kreis():
    land = Office.objects.get(code=LAND_OFFICE_CODE)
    assert land.kind == OfficeKind.LAND
    assert land.kreis is None
    assert not land.kreise_served().exists()


# --- a bad file ------------------------------------------------------------------------------
def _rows() -> list[dict[str, str]]:
    with DEFAULT_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    columns = columns or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("kreisschluessel", "09162", "bad Kreisschlüssel '09162'"),
        ("kreisschluessel", "8416", "bad Kreisschlüssel '8416'"),
        ("jobcenter_typ", "ARGE", "Jobcenter form must be gE or zkT"),
        ("art", "Bezirk", "art must be Stadtkreis or Landkreis"),
    ],
)
def test_a_bad_row_is_reported_with_its_line(tmp_path, column, value, message):
    rows = _rows()
    rows[9][column] = value  # the 10th data row: line 11 of the file
    path = _write(tmp_path / "bad.csv", rows)
    with pytest.raises(ReferenceDataError) as error:
        read_rows(path)
    assert str(error.value) == f"{path}, line 11: {message}"


def test_missing_columns_are_named(tmp_path):
    columns = [c for c in _rows()[0] if c not in ("zkt_seit", "hinweis")]
    path = _write(tmp_path / "short.csv", _rows(), columns)
    with pytest.raises(ReferenceDataError, match=r"missing columns \['hinweis', 'zkt_seit'\]"):
        read_rows(path)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(ReferenceDataError, match="No such file"):
        read_rows(tmp_path / "nowhere.csv")


def test_the_command_fails_with_the_message_and_loads_nothing(tmp_path):
    rows = _rows()
    rows[0]["jobcenter_typ"] = "?"
    path = _write(tmp_path / "bad.csv", rows)
    before = _counts()
    with pytest.raises(CommandError, match="line 2: Jobcenter form must be gE or zkT"):
        call_command("load_reference_data", csv=path)
    assert _counts() == before
    assert not AuditEvent.objects.filter(event_type=EventType.REFERENCE_DATA_LOADED).exists()


# --- the Agentur column ----------------------------------------------------------------------
# Names as in the file: letters, spaces, hyphens; no parentheses.
agentur_names = st.from_regex(r"[A-ZÄÖÜ][a-zäöüß]+([ -][A-ZÄÖÜ][a-zäöüß]+){0,2}", fullmatch=True)
merger_days = st.dates(min_value=date(2004, 1, 2), max_value=date(2099, 12, 31))


@given(name=agentur_names)
def test_a_plain_agentur_serves_since_2004(name):
    assert agentur_periods(name) == [(name, AGENTUR_START, None)]
    assert agentur_periods(f"  {name} ") == [(name, AGENTUR_START, None)]


@given(old=agentur_names, new=agentur_names, day=merger_days)
def test_a_merger_gives_two_periods_that_meet(old, new, day):
    value = f"{old} (ab {day:%d.%m.%Y} {new})"
    (first, first_from, first_to), (second, second_from, second_to) = agentur_periods(value)
    assert (first, second) == (old, new)
    assert first_from == AGENTUR_START
    assert first_to + timedelta(days=1) == second_from == day
    assert second_to is None


def test_the_file_says_what_the_merger_parser_reads():
    periods = agentur_periods("Reutlingen (ab 01.01.2026 Balingen-Reutlingen)")
    assert periods == [
        ("Reutlingen", AGENTUR_START, date(2025, 12, 31)),
        ("Balingen-Reutlingen", MERGER_DAY, None),
    ]


@given(line=st.integers(min_value=0, max_value=43), code=st.from_regex(r"\d{0,6}", fullmatch=True))
def test_any_bad_code_names_its_line(tmp_path_factory, line, code):
    if len(code) == 5 and code.startswith("08"):
        return  # a good code
    rows = _rows()
    rows[line]["kreisschluessel"] = code
    path = _write(tmp_path_factory.mktemp("csv") / "bad.csv", rows)
    with pytest.raises(ReferenceDataError, match=rf", line {line + 2}: bad Kreisschlüssel"):
        read_rows(path)


def test_the_shipped_file_has_every_required_column():
    rows = read_rows()
    assert len(rows) == 44
    assert REQUIRED_COLUMNS <= set(rows[0])


def test_the_jugendamt_is_added_to_kreise_loaded_before_it_existed():
    from lotse.organisations.reference import load_kreis_departments

    jugendamt = Office.objects.get(code="jugendamt-tubingen-08416")
    assert jugendamt.kind == OfficeKind.JUGENDAMT
    assert jugendamt.name == "Landratsamt Tübingen – Jugendamt"
    assert set(jugendamt.kreise_served()) == {jugendamt.kreis}
    before = _counts()
    assert load_kreis_departments(django_apps, {"jugendamt"}) == 0
    assert _counts() == before
