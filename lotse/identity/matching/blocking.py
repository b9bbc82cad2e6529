"""Blocking: the indexed keys that decide which records are compared at all.

Two records are compared only when they share a key, so a registration check looks up a handful
of index entries instead of scanning the registry. The keys are chosen so that each kind of
error a duplicate may carry still leaves one key intact:

- `ny` phonetic first given name + phonetic family name, in either order, + birth year:
  transliteration variants and swapped names;
- `n`  the same without the year: a wrong or estimated birth year (used only for small blocks,
  since "Mohammed Ahmad" without a year would be thousands);
- `dn` full birth date + any phonetic name part, whatever field it stands in: a typing error
  or another spelling of the other names, swapped names;
- `dp` full birth date + postcode: every name mistyped or replaced (a 01.01. placeholder is no
  full date, so it never makes such a key);
- `an` address + any phonetic name part: a changed birth date, a mistyped family name;
- `id` an identifier: the same AZR number whatever the names say.
"""

from lotse.identity.matching.features import FAMILY, GIVEN, Prepared, name_skeletons
from lotse.identity.matching.records import Precision

# Blocks of a key kind larger than this are skipped for that kind only; the other kinds still
# reach the pairs inside them. Keys that include a birth year or date are never skipped.
SMALL_BLOCK_ONLY = {"n": 60, "an": 60, "dp": 60}


def blocking_keys(record: Prepared) -> set[str]:
    birth = record.birth
    year = str(birth.year) if birth.year else "?"
    keys = set()
    for pair in record.full_names:
        keys.add(f"ny:{pair}|{year}")
        keys.add(f"n:{pair}")
    parts = {key for unit in record.units for key in unit.token.skeletons}
    if birth.precision == Precision.DAY:
        full = str(birth)
        keys.update(f"dn:{full}|{part}" for part in parts)
        if record.postcode:
            keys.add(f"dp:{full}|{record.postcode}")
    if record.address:
        given = name_skeletons(record.units, GIVEN, record.first_given)
        family = name_skeletons(record.units, FAMILY, record.first_given)
        place = f"{record.postcode}|{record.address}"
        keys.update(f"an:{place}|{part}" for part in (given | family) - {""})
    for kind, values in record.identifiers.items():
        keys.update(f"id:{kind}:{value}" for value in values)
    return keys


def block_limit(key: str) -> int | None:
    """The largest block in which `key` still counts; None: any size."""
    return SMALL_BLOCK_ONLY.get(key.split(":", 1)[0])


def skipped(key: str, block_size: int) -> bool:
    limit = block_limit(key)
    return limit is not None and block_size > limit
