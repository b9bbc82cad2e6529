"""Evidence weights that depend on the field and on the data at hand; blocking keys."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lotse.identity.matching import (
    POSSIBLE,
    Identifier,
    NameFrequencies,
    PersonRecord,
    compare,
    parse_birth_date,
    prepare,
)
from lotse.identity.matching.calibrate import calibrate
from lotse.identity.matching.compare import DEFAULT_WEIGHTS, cost


def person(record_id, given, family, birth="", **fields):
    identifiers = tuple(Identifier.parse(i) for i in fields.pop("identifiers", ()))
    return prepare(
        PersonRecord(
            record_id, given, family, parse_birth_date(birth), identifiers=identifiers, **fields
        )
    )


def test_cost_is_the_hand_cost_without_data_and_never_more():
    assert cost(0, 0, -8.0) == -8.0
    assert cost(0, 100_000, -8.0) == -8.0
    assert -4.0 < cost(100, 1000, -8.0) < -3.0  # one in ten: about 3.3 bits
    assert cost(1000, 1000, -8.0) == -1.0


def test_a_household_number_is_a_shared_home_not_one_person():
    a = person("1", "Omar", "Hassan", "2010-03-04", identifiers=["JC_BG:12345"])
    b = person("2", "Ahmad", "Hassan", "2012-05-06", identifiers=["JC_BG:12345"])
    result = compare(a, b)
    assert result.score < 0.5
    assert "same Jobcenter BG number (one household)" in result.reasons


def test_documents_are_renewed_so_a_different_passport_costs_less_than_a_different_azr():
    base = {"given": "Omar", "family": "Hassan", "birth": "1984-03-02"}
    passport = compare(
        person("1", **base, identifiers=["PASSPORT:N1234567"]),
        person("2", **base, identifiers=["PASSPORT:P7654321"]),
    )
    azr = compare(
        person("1", **base, identifiers=["AZR:111111111111"]),
        person("2", **base, identifiers=["AZR:999999999999"]),
    )
    assert azr.score < passport.score


def test_a_generation_apart_is_a_parent_and_a_child_not_one_person():
    home = {"address": "Talstraße 3", "postcode": "70173", "birth_place": "Aleppo", "sex": "m"}
    result = compare(
        person("1", "Omar", "Hassan", "1971-05-02", **home),
        person("2", "Omar", "Hassan", "2004-09-12", **home),
    )
    assert result.score < 0.5
    assert "born a generation apart (1971 / 2004)" in result.reasons


def test_swapped_digits_of_a_birth_date_are_one_typing_error():
    result = compare(
        person("1", "Bianca", "Matthews", "1941-01-28"),
        person("2", "Bianca", "Matthews", "1914-01-28"),
    )
    assert "birth dates differ in one digit (1941-01-28 / 1914-01-28)" in result.reasons


def _file(replaced_given_names: int):
    """60 persons, each twice with one AZR number; some copies with another given name."""
    records = []
    for i in range(60):
        azr = f"AZR:{100000000000 + i}"
        family = f"Family{chr(65 + i % 26)}{chr(65 + i // 26)}"
        records.append(person(f"{i}a", "Gebremedhin", family, "1980-02-03", identifiers=[azr]))
        other = "Tesfaye" if i < replaced_given_names else "Gebremedhin"
        records.append(person(f"{i}b", other, family, "1980-02-03", identifiers=[azr]))
    return records


def test_calibration_keeps_the_hand_costs_where_the_data_agree():
    weights = calibrate(_file(0))
    assert weights.given == DEFAULT_WEIGHTS.given
    assert not weights.notes


def test_calibration_lowers_a_cost_the_data_show_to_be_unreliable_and_says_so():
    weights = calibrate(_file(30))
    assert DEFAULT_WEIGHTS.given < weights.given < -1.0
    assert (
        weights.notes["given"] == "in this data 30 of 60 pairs that share an identifier differ here"
    )
    a = person("x", "Fatima", "Rahimi", "1990-04-05", address="Talstraße 3")
    b = person("y", "Zahra", "Rahimi", "1990-04-05", address="Talstraße 3")
    calibrated = compare(a, b, weights=weights)
    assert calibrated.score > compare(a, b).score
    assert any("in this data 30 of 60" in reason for reason in calibrated.reasons)


def test_blocking_survives_swapped_names_and_every_name_mistyped():
    from lotse.identity.matching import blocking_keys

    swapped = blocking_keys(person("1", "Atnas", "Sabag", "1988-08-16"))
    other = blocking_keys(person("2", "Sabbagh", "Anas", "1988-08-16"))
    assert {k for k in swapped & other if k.startswith("dn:")}
    mistyped = blocking_keys(person("1", "Zainb", "Naser", "1961-06-14", postcode="73033"))
    retyped = blocking_keys(person("2", "Nasehr", "Zahinab", "1961-06-14", postcode="73033"))
    assert "dp:1961-06-14|73033" in mistyped & retyped
    placeholder = blocking_keys(person("3", "Zainab", "Naser", "1961-01-01", postcode="73033"))
    assert not any(k.startswith("dp:") for k in placeholder)


def test_an_address_many_share_weighs_less_than_a_flat():
    from lotse.identity.matching import NameFrequencies

    centre = [person(str(i), "A", "B", address="Zur Erstaufnahme 1") for i in range(500)]
    flat = person("f", "C", "D", address="Talstraße 3")
    freq = NameFrequencies.from_prepared([*centre, flat])
    assert freq.address_bits(centre[0].address_key) < freq.address_bits(flat.address_key)
    assert NameFrequencies().address_bits("any") == pytest.approx(5.0, abs=0.01)


# --- a shared address that no household explains ------------------------------------------------
def _town(*pair):
    """The pair among 2,000 residents of one address each, all called Thomas: the given name
    says next to nothing here, and an address shared by two records is rare."""
    others = [
        person(str(i), "Thomas", f"Family{i}", address=f"Weg {i}", postcode="70173")
        for i in range(2000)
    ]
    return NameFrequencies.from_prepared([*others, *pair])


def _address_bits(a, b, freq):
    from lotse.identity.matching.compare import evidence_for

    return max(bits for bits, reason in evidence_for(a, b, freq).items if "address" in reason)


def test_another_family_name_with_the_same_birth_date_and_address_is_not_a_household():
    a = person("a", "Thomas", "Green", "1916-12-30", address="Talstraße 3", postcode="70173")
    b = person("b", "Thomas", "McCarthy", "1916-12-30", address="Talstr. 3", postcode="70173")
    freq = _town(a, b)
    result = compare(a, b, freq)
    assert result.score >= POSSIBLE
    assert (
        "same address (another family name but the same birth date: not a household's)"
        in result.reasons
    )
    assert _address_bits(a, b, freq) > 5.0 + 1.0  # more than the household cap and postcode


def test_household_members_share_address_and_family_name_and_stay_below_possible():
    head = person("a", "Omar", "Hassan", "1980-03-02", address="Talstraße 3", postcode="70173")
    child = person("b", "Ahmad", "Hassan", "2012-07-19", address="Talstraße 3", postcode="70173")
    twin = person("c", "Ali", "Hassan", "2012-07-19", address="Talstraße 3", postcode="70173")
    spouse = person("d", "Amina", "Khalil", "1982-05-11", address="Talstraße 3", postcode="70173")
    freq = _town(head, child, twin, spouse)
    for a, b in ((head, child), (head, spouse), (child, twin)):
        result = compare(a, b, freq)
        assert "same address" in result.reasons  # the household cap, no note
        assert _address_bits(a, b, freq) <= 5.0 + 1.0
    # Twins share the birth date too; the rule leaves them to the given-name cost.
    assert compare(head, child, freq).score < POSSIBLE
    assert compare(head, spouse, freq).score < POSSIBLE


@pytest.mark.parametrize(
    ("birth_a", "birth_b"),
    [
        ("1990-01-01", "1990-01-01"),  # a placeholder: the year, nothing more
        ("1990-05", "1990-05"),
        ("1990", "1990"),
        ("1990-05-03", "1990-05-04"),
        ("", ""),
    ],
)
def test_without_one_full_birth_date_a_shared_address_keeps_the_household_cap(birth_a, birth_b):
    a = person("a", "Fatima", "Hassan", birth_a, address="Talstraße 3", postcode="70173")
    b = person("b", "Fatima", "Karimi", birth_b, address="Talstraße 3", postcode="70173")
    freq = _town(a, b)
    assert _address_bits(a, b, freq) <= 5.0 + 1.0
    assert not any("not a household" in reason for reason in compare(a, b, freq).reasons)


@settings(max_examples=60, deadline=None)
@example(family="Karimi", year=1990, month=5, day=3, other="same")
@example(family="Hasan", year=1990, month=5, day=3, other="same")
@given(
    family=st.sampled_from(["Hassan", "Hasan", "Al-Hassan", "حسن", "Karimi", ""]),
    year=st.integers(1940, 2020),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    other=st.sampled_from(["same", "day", "year", "placeholder", "month only"]),
)
def test_the_address_weighs_more_than_the_household_cap_only_with_another_family_name_and_date(
    family, year, month, day, other
):
    birth = f"{year:04d}-{month:02d}-{day:02d}"
    other_birth = {
        "same": birth,
        "day": f"{year:04d}-{month:02d}-{day % 28 + 1:02d}",
        "year": f"{year - 5:04d}-{month:02d}-{day:02d}",
        "placeholder": f"{year:04d}-01-01",
        "month only": f"{year:04d}-{month:02d}",
    }[other]
    a = person("a", "Fatima", "Hassan", birth, address="Talstraße 3", postcode="70173")
    b = person("b", "Leila", family, other_birth, address="Talstraße 3", postcode="70173")
    freq = _town(a, b)
    outside = other == "same" and family == "Karimi" and birth != f"{year:04d}-01-01"
    assert (_address_bits(a, b, freq) > 6.0) is outside


def _single_persons(count=400):
    """Each person twice at a flat of their own, the second record with another given name
    now and then (as FEBRL's clerks replace them): no households."""
    records = []
    for i in range(count):
        birth = f"{1940 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        address = {"address": f"Weg {i}", "postcode": "70173"}
        records.append(person(f"{i}a", f"Given{i}", f"Family{i}", birth, **address))
        other = f"Other{i}" if i % 10 == 0 else f"Given{i}"
        records.append(person(f"{i}b", other, f"Family{i}", birth, **address))
    return records


def test_where_no_households_share_addresses_an_address_weighs_more_and_says_why():
    records = _single_persons()
    freq = NameFrequencies.from_prepared(records)
    weights = calibrate(records, None, freq)
    assert weights.address > 5.5
    assert weights.notes["address"] == (
        "in this data only 0 of 400 pairs that share an address look like two members of one"
        " household"
    )
    result = compare(records[0], records[1], freq, weights)
    assert any(r.startswith("same address (in this data only 0 of 400") for r in result.reasons)


def test_where_households_share_addresses_the_hand_cap_stays():
    from lotse.identity.csvio import record_from_row
    from lotse.identity.generate import Generator

    rows = Generator(seed=5, duplicates=0.2).rows(3000)
    records = [prepare(record_from_row(row)) for row in rows]
    freq = NameFrequencies.from_prepared(records)
    weights = calibrate(records, None, freq)
    assert weights.address == DEFAULT_WEIGHTS.address == 5.0
    assert "address" not in weights.notes
