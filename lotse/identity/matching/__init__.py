"""The matching engine: pure Python, no database, shared by the registration check, the batch
duplicate finder, `manage.py match_persons` and the benchmarks."""

from lotse.identity.matching.batch import Index, Pair, find_duplicates, link
from lotse.identity.matching.blocking import blocking_keys
from lotse.identity.matching.compare import LIKELY, POSSIBLE, MatchResult, compare
from lotse.identity.matching.features import NameFrequencies, Prepared, prepare
from lotse.identity.matching.records import (
    BirthDate,
    BirthReading,
    DateProblem,
    Identifier,
    PersonRecord,
    Precision,
    parse_birth_date,
    read_birth_date,
)

__all__ = [
    "LIKELY",
    "POSSIBLE",
    "BirthDate",
    "BirthReading",
    "DateProblem",
    "Identifier",
    "Index",
    "MatchResult",
    "NameFrequencies",
    "Pair",
    "PersonRecord",
    "Precision",
    "Prepared",
    "blocking_keys",
    "compare",
    "find_duplicates",
    "link",
    "parse_birth_date",
    "prepare",
    "read_birth_date",
]
