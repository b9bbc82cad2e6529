"""The occupations: the subset shipped with the database, the import of the official files
(idempotent, every bad line named with its number, nothing half imported), the search."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lotse.audit.models import AuditEvent, EventType
from lotse.profiles.models import IscoGroup, Occupation
from lotse.profiles.selectors import occupation_search

pytestmark = pytest.mark.django_db

KLDB = """Schlüssel KldB 2010, V. 2020;Titel
2;Rohstoffgewinnung, Produktion und Fertigung
26;Mechatronik-, Energie- und Elektroberufe
262;Energietechnik
2621;Berufe in der Bauelektrik
26212;Berufe in der Bauelektrik – fachlich ausgerichtete Tätigkeiten
26213;Berufe in der Bauelektrik – komplexe Spezialistentätigkeiten
"""
ISCO = """ISCO 08 Code,Title EN
7,Craft and related trades workers
74,Electrical and electronic trades workers
741,Electrical equipment installers and repairers
7411,Building and related electricians
"""
MAPPING = """KldB 2010;ISCO-08
26212;7411
26213;7411
"""


def files(tmp_path, kldb=KLDB, isco=ISCO, mapping=MAPPING):
    paths = {}
    for name, text in (("kldb", kldb), ("isco", isco), ("mapping", mapping)):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    return paths


def test_the_subset_comes_with_the_database():
    electrician = Occupation.objects.get(kldb_code="26212")
    assert electrician.isco_code == "7411"
    assert electrician.skill_level == 2
    assert electrician.parent.kldb_code == "2621"
    assert IscoGroup.objects.get(code="7411").parent.code == "741"


def test_the_official_files_import_and_a_second_import_changes_nothing(tmp_path):
    paths = files(tmp_path)
    call_command(
        "import_occupations", kldb=paths["kldb"], isco=paths["isco"], mapping=paths["mapping"]
    )
    specialist = Occupation.objects.get(kldb_code="26213")
    assert specialist.isco_code == "7411"
    assert specialist.parent.kldb_code == "2621"
    count = Occupation.objects.count()
    call_command(
        "import_occupations", kldb=paths["kldb"], isco=paths["isco"], mapping=paths["mapping"]
    )
    assert Occupation.objects.count() == count
    assert AuditEvent.objects.filter(event_type=EventType.REFERENCE_DATA_LOADED).count() == 2


def test_every_bad_line_is_named_and_nothing_is_imported(tmp_path):
    bad = KLDB + "2621x;Kaputt\n26215;Fünfte Stelle falsch\n27;\n29301;Ohne Eltern\n"
    paths = files(tmp_path, kldb=bad)
    with pytest.raises(CommandError) as refused:
        call_command("import_occupations", kldb=paths["kldb"], isco=paths["isco"])
    message = str(refused.value)
    assert "line 8: '2621x' is not a KldB 2010 code" in message
    assert "line 9: 26215: the fifth digit" in message
    assert "line 10: 27: the title is empty" in message
    assert "line 11: 29301: the level above it (2930) is missing" in message
    assert not Occupation.objects.filter(kldb_code="26213").exists()


def test_a_mapping_to_an_unknown_group_loads_nothing(tmp_path):
    paths = files(tmp_path, mapping="KldB 2010;ISCO-08\n26213;9999\n")
    with pytest.raises(CommandError, match="line 2"):
        call_command(
            "import_occupations", kldb=paths["kldb"], isco=paths["isco"], mapping=paths["mapping"]
        )
    assert not Occupation.objects.filter(kldb_code="26213").exists()


def test_the_search_finds_occupations_by_a_part_of_their_german_name():
    codes = [o.kldb_code for o in occupation_search(query="Elektr", limit=20)]
    assert "26212" in codes  # "Elektroniker/in – Energie- und Gebäudetechnik" is a job title
    assert "26302" in codes
    pharmacy = [o.kldb_code for o in occupation_search(query="pharmazeutisch", limit=5)]
    assert pharmacy == ["818"]
    assert occupation_search(query="   ", limit=5) == []
