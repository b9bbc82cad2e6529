"""The matching engine's population-specific rules, without a database."""

import pytest

from lotse.identity.matching import (
    LIKELY,
    POSSIBLE,
    Identifier,
    Index,
    NameFrequencies,
    PersonRecord,
    Precision,
    blocking_keys,
    compare,
    find_duplicates,
    parse_birth_date,
    prepare,
)
from lotse.identity.matching.names import similarity, tokenize
from lotse.identity.matching.script import to_latin


def person(record_id="1", given="", family="", birth="", **fields):
    identifiers = tuple(Identifier.parse(i) for i in fields.pop("identifiers", ()))
    return PersonRecord(
        record_id, given, family, parse_birth_date(birth), identifiers=identifiers, **fields
    )


def score(a: PersonRecord, b: PersonRecord):
    return compare(prepare(a), prepare(b))


def texts(name: str) -> list[tuple[str, ...]]:
    return [token.texts for token in tokenize(name)]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Mohammed", "Muhammad"),
        ("Mhd", "Mohamad"),
        ("Muhamed", "محمد"),
        ("Hussein", "Hosseini".removesuffix("i")),
        ("Yusuf", "Josef"),
        ("Youssef", "يوسف"),
        ("Fatemeh", "فاطمة"),
        ("Zeynep", "Zainab"),
        ("Achmed", "Ahmad"),
        ("Tesfaye", "ተስፋይ"),
        ("Oleksandr", "Олександр"),
        ("Jekaterina", "Kateryna"),
        ("Müller", "Mueller"),
        ("Abdul Rahman", "Abdulrahman"),
        ("Abd al-Rahman", "Abdurrahman"),
        ("Nour Eddine", "Nureddin"),
    ],
)
def test_spellings_of_one_name_are_one_name(left, right):
    [a], [b] = tokenize(left), tokenize(right)
    assert similarity(a, b) >= 0.9


@pytest.mark.parametrize(
    ("left", "right"),
    [("Hassan", "Hussein"), ("Mohammed", "Mahmoud"), ("حسن", "حسين"), ("Omar", "Ahmad")],
)
def test_different_names_stay_different_however_alike_they_sound(left, right):
    [a], [b] = tokenize(left), tokenize(right)
    assert similarity(a, b) < 0.75


def test_articles_and_particles_bind_to_their_name():
    assert [forms[0] for forms in texts("Al-Hassan")] == ["hassan"]
    assert "hassan" in texts("Alhassan")[0]
    assert [forms[0] for forms in texts("Ahmed bin Khalid")] == ["ahmad", "khalid"]
    assert texts("Abu Bakr") == [("abubakr",)]
    # "Alizadeh" keeps its own form: no blind stripping of "al"
    assert texts("Alizadeh")[0][0] == "alizade"


def test_scripts_and_german_letters_fold_to_latin():
    assert to_latin("Straße Ölmühle") == "strasse oelmuehle"
    assert to_latin("Олександр") == "oleksandr"
    assert to_latin("გიორგი") == "giorgi"
    assert to_latin("محمد") == "mhmd"


def test_birth_dates_keep_their_precision_and_placeholder():
    assert parse_birth_date("1990-01-01").placeholder
    assert parse_birth_date("1990-01-01").precision == Precision.YEAR
    assert parse_birth_date("1990-05").precision == Precision.MONTH
    assert parse_birth_date("19900503").precision == Precision.DAY
    assert parse_birth_date("").precision == Precision.UNKNOWN
    assert parse_birth_date("03.05.1990").precision == Precision.DAY
    for bad in ("1990-13-01", "1990-02-30", "1850", "12"):
        with pytest.raises(ValueError, match="birth|month|day|range"):
            parse_birth_date(bad)


def test_placeholder_date_is_compatible_on_the_year_but_no_evidence_of_the_day():
    result = score(
        person("1", "Fatima", "Al-Hassan", "1990-01-01"),
        person("2", "Fatma", "Alhasan", "1990-05-03"),
    )
    assert any("same birth year (1990; 01.01. is a placeholder)" in r for r in result.reasons)
    assert not any("same birth date" in r for r in result.reasons)


def test_same_identifier_decides_and_a_different_one_speaks_against():
    same = score(
        person("1", "Abdul Rahman", "Al Khalil", identifiers=["AZR:123456789012"]),
        person("2", "Abdulrahman", "Khalil", identifiers=["AZR:123456789012"]),
    )
    assert same.score >= LIKELY
    assert same.reasons[0] == "same AZR number"
    base = {"given": "Omar", "family": "Hassan", "birth": "1984-03-02"}
    without = score(person("1", **base), person("2", **base))
    different = score(
        person("1", **base, identifiers=["AZR:111111111111"]),
        person("2", **base, identifiers=["AZR:999999999999"]),
    )
    assert different.score < without.score
    assert "different AZR number" in different.reasons


def test_name_and_birth_date_alone_never_reach_likely():
    result = score(
        person("1", "Gebremedhin", "Woldemichael", "1979-11-23", sex="m"),
        person("2", "Gebremedhin", "Woldemichael", "1979-11-23", sex="m"),
    )
    assert POSSIBLE <= result.score < LIKELY
    assert "only names and birth data agree: a person must confirm" in result.reasons
    with_address = score(
        person("1", "Gebremedhin", "Woldemichael", "1979-11-23", address="Hauptstraße 5"),
        person("2", "Gebremedhin", "Woldemichael", "1979-11-23", address="Hauptstr. 5"),
    )
    assert with_address.score >= LIKELY


def test_swapped_names_are_recognised_and_explained():
    result = score(
        person("1", "Fatima", "Hassan", "1990-01-01", nationality="SYR"),
        person("2", "Hassan", "Fatima", "1990-01-01", nationality="SYR"),
    )
    assert result.score >= POSSIBLE
    assert "given and family names swapped" in result.reasons


def test_siblings_with_one_address_and_birth_date_are_not_one_person():
    twins = score(
        person("1", "Omar", "Hassan", "2010-01-01", address="Talstraße 3", postcode="70173"),
        person("2", "Ahmad", "Hassan", "2010-01-01", address="Talstraße 3", postcode="70173"),
    )
    assert twins.score < POSSIBLE
    assert "different given name (Omar / Ahmad)" in twins.reasons


def test_blocking_puts_variants_and_swaps_in_one_block():
    keys = [
        blocking_keys(prepare(person("1", "Mohammed", "Al-Hassan", "1990-01-01"))),
        blocking_keys(prepare(person("2", "Hasan", "Muhammad", "1990"))),
        blocking_keys(prepare(person("3", "محمد", "الحسن", "1990-07-01"))),
    ]
    assert keys[0] & keys[1] & keys[2]


def test_index_candidates_come_from_blocks_not_a_scan():
    from lotse.identity.csvio import record_from_row
    from lotse.identity.generate import Generator

    rows = list(Generator(seed=3, duplicates=0.2).rows(5000))
    index = Index([record_from_row(row) for row in rows])
    sizes = [len(index.candidates(keys)) for keys in index.keys]
    assert sum(sizes) / len(sizes) < 25  # of 5,000 records


def test_find_duplicates_returns_explained_pairs():
    records = [
        person("a", "Fatima", "Al-Hassan", "1990-01-01", address="Hauptstraße 5"),
        person("b", "Fatma", "Alhasan", "1990", address="Hauptstr. 5"),
        person("c", "Yohannes", "Tesfay", "1985-04-02"),
    ]
    pairs = list(find_duplicates(records, processes=1))
    assert [(p.record_id_1, p.record_id_2) for p in pairs] == [("a", "b")]
    assert pairs[0].result.reasons


def test_common_names_weigh_less_in_a_population_where_they_are_common():
    common = [person(str(i), "Mohammed", "Ahmad", f"{1970 + i % 30}") for i in range(2000)]
    freq = NameFrequencies.from_prepared(prepare(r) for r in common)
    assert freq.bits("muhammad") < freq.bits("gebremedhin")
