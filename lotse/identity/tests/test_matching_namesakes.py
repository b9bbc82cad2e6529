"""Namesakes, siblings and twins are not proposed as one person; a true duplicate still is."""

from lotse.identity.matching import (
    POSSIBLE,
    NameFrequencies,
    PersonRecord,
    compare,
    find_duplicates,
    parse_birth_date,
    prepare,
)


def person(record_id, given, family, birth, **fields) -> PersonRecord:
    return PersonRecord(record_id, given, family, parse_birth_date(birth), **fields)


HOME = {"address": "Talstraße 3, Stuttgart", "postcode": "70173", "nationality": "SYR"}
PARENTS = {"father_name": "Ahmad", "mother_name": "Fatima"}


def score(a: PersonRecord, b: PersonRecord):
    return compare(prepare(a), prepare(b))


def test_namesakes_with_other_parents_and_place_of_birth_are_not_proposed():
    a = person("1", "Mohammed", "Al-Hassan", "1990", father_name="Ahmad",
               mother_name="Fatima", birth_place="Aleppo", sex="m")  # fmt: skip
    b = person("2", "Muhammad", "Alhassan", "1990", father_name="Khaled",
               mother_name="Zainab", birth_place="Homs", sex="m")  # fmt: skip
    result = score(a, b)
    assert result.score < POSSIBLE
    assert "different father's name (Ahmad / Khaled)" in result.reasons
    assert "different mother's name (Fatima / Zainab)" in result.reasons


def test_a_transliterated_duplicate_with_the_same_parents_is_still_proposed():
    a = person("1", "Mohammed", "Al-Hassan", "1990-03-04", father_name="Ahmad", sex="m")
    b = person("2", "محمد", "الحسن", "1990-03-04", father_name="Ahmed", sex="m")
    result = score(a, b)
    assert result.score >= POSSIBLE
    assert "same father's name (Ahmad)" in result.reasons


def test_siblings_with_the_same_parents_and_address_are_not_proposed():
    result = score(
        person("1", "Omar", "Hassan", "2010-05-17", sex="m", **HOME, **PARENTS),
        person("2", "Yasin", "Hassan", "2012-09-02", sex="m", **HOME, **PARENTS),
    )
    assert result.score < POSSIBLE
    assert "another given name, same parents: siblings or twins?" in result.reasons


def test_twins_with_the_same_birth_date_parents_and_address_are_not_proposed():
    result = score(
        person(
            "1", "Omar", "Hassan", "2010-05-17", sex="m", birth_place="Aleppo", **HOME, **PARENTS
        ),  # fmt: skip
        person(
            "2", "Ali", "Hassan", "2010-05-17", sex="m", birth_place="Aleppo", **HOME, **PARENTS
        ),  # fmt: skip
    )
    assert result.score < POSSIBLE
    assert "same birth date (2010-05-17)" in result.reasons
    assert "another given name, same parents: siblings or twins?" in result.reasons


def test_twins_without_parents_are_told_by_family_name_and_address():
    result = score(
        person("1", "Huda", "Al-Khalil", "2007-05-07", sex="f", **HOME),
        person("2", "Rania", "Al-Khalil", "2007-05-07", sex="f", **HOME),
    )
    assert result.score < POSSIBLE
    assert "another given name, same family name and address: siblings or twins?" in (
        result.reasons
    )


def test_a_common_full_name_weighs_less_where_many_persons_bear_it():
    namesakes = [person(str(i), "Mohammed", "Ahmad", f"{1960 + i % 40}") for i in range(40)]
    rare = [person("r1", "Gebremedhin", "Tesfamariam", "1985"),
            person("r2", "Gebremedhin", "Tesfamariam", "1985")]  # fmt: skip
    prepared = [prepare(r) for r in namesakes + rare]
    freq = NameFrequencies.from_prepared(prepared)
    common = freq.full_name_bits(prepared[0], prepared[1])
    assert common is not None
    assert common < 10
    assert freq.full_name_bits(prepared[-2], prepared[-1]) is None  # one person's records


def test_batch_search_proposes_the_duplicate_but_not_the_namesakes():
    records = [
        person(
            "dup1",
            "Khaled",
            "Haddad",
            "1985-02-11",
            father_name="Mahmoud",
            birth_place="Homs",
            sex="m",
        ),  # fmt: skip
        person(
            "dup2",
            "Khalid",
            "Hadad",
            "1985-02-11",
            father_name="Mahmud",
            birth_place="Hims",
            sex="m",
        ),  # fmt: skip
        *(
            person(
                f"n{i}",
                "Khaled",
                "Haddad",
                f"{1984 + i % 3}-0{1 + i % 9}-1{i % 9}",
                father_name=father,
                birth_place=place,
                sex="m",
            )  # fmt: skip
            for i, (father, place) in enumerate(
                [("Omar", "Aleppo"), ("Samir", "Idlib"), ("Walid", "Daraa"), ("Bilal", "Raqqa")]
            )
        ),
    ]
    pairs = {(p.record_id_1, p.record_id_2) for p in find_duplicates(records, processes=1)}
    assert pairs == {("dup1", "dup2")}
