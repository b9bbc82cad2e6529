"""Generated spelling variants of generated names (hypothesis): one person's registrations must
meet in a block and score at least `possible`; two persons who share only common names and a
placeholder birth date must never reach `likely`."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.identity.matching import (
    LIKELY,
    POSSIBLE,
    PersonRecord,
    blocking_keys,
    compare,
    parse_birth_date,
    prepare,
)
from lotse.identity.population import COUNTRIES

COUNTRY = st.sampled_from(COUNTRIES)


@st.composite
def registrations(draw):
    """The same person written down twice, by two offices."""
    country = draw(COUNTRY)
    sex = draw(st.sampled_from("mf"))
    first = draw(st.sampled_from(country.male if sex == "m" else country.female))
    family = draw(st.sampled_from(country.family))
    year = draw(st.integers(1960, 2015))

    def spell(name, script: bool) -> str:
        if script and name.script:
            return name.script
        return draw(st.sampled_from(name.spellings))

    script = draw(st.booleans())
    given_name, family_name = spell(first, script), spell(family, script)
    if draw(st.booleans()):
        given_name, family_name = family_name, given_name
    birth = draw(st.sampled_from([f"{year}-01-01", f"{year}", f"{year}-06-15", f"{year}-06"]))
    original = PersonRecord(
        "a", first.spellings[0], family.spellings[0], parse_birth_date(f"{year}-01-01"),
        sex=sex, nationality=country.code,
    )  # fmt: skip
    again = PersonRecord(
        "b", given_name, family_name, parse_birth_date(birth), sex=sex, nationality=country.code
    )
    return original, again


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(registrations())
def test_one_person_in_two_spellings_blocks_together_and_scores_possible(pair):
    a, b = (prepare(record) for record in pair)
    assert blocking_keys(a) & blocking_keys(b)
    result = compare(a, b)
    assert result.score >= POSSIBLE, (pair, result)


@st.composite
def namesakes(draw):
    """Two persons with the common names of their country and the same 01.01. birth date."""
    country = draw(COUNTRY)
    names = country.male[:6]
    first = draw(st.sampled_from(names))
    other = draw(st.sampled_from(names))
    family = draw(st.sampled_from(country.family[:4]))
    year = draw(st.integers(1960, 2015))

    def record(record_id, name, street):
        return PersonRecord(
            record_id, name.spellings[0], family.spellings[0],
            parse_birth_date(f"{year}-01-01"), sex="m", nationality=country.code,
            address=f"{street} 1",
        )  # fmt: skip

    return record("a", first, "Talstraße"), record("b", other, "Bergstraße")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(namesakes())
def test_namesakes_with_a_placeholder_birth_date_never_reach_likely(pair):
    result = compare(*(prepare(record) for record in pair))
    assert result.score < LIKELY, (pair, result)
