"""Matching persons and vacancies (issue 15): pure Python, imports nothing of the project or of
Django, so the jobs app, its pages, the API and `bench/matching/` build on one engine.

**A score is a suggestion, never a decision** (Art. 22 GDPR: no one may be subject to a
decision based solely on automated processing that significantly affects them). The engine
ranks vacancies for a person and persons for a vacancy and says why, reason by reason, so that
a caseworker can check a suggestion, explain it to the person and the employer, and overrule
it; the app records what the caseworker did with each suggestion (proposed to the person, set
aside with a reason). Nothing here places, refuses or sanctions anyone. A person missing from a
list has not been judged unsuitable: the lists are the best few, and the hard filters below
only keep out work the person may not or cannot take.

Hard filters (a pair they exclude is never a result, in either direction):

- **work access** on the vacancy's start date, from the rules engine: `no_access` is
  excluded; `permit_with_ba_consent` and `permit_without_ba_consent` are kept and marked (reason
  `permit_needed` with `ba_consent`), `free` is marked `access_free`; the rules engine's reason
  codes travel with them. A person holding a Duldung gets `ausbildungsduldung_60c` on an
  apprenticeship and `beschaeftigungsduldung_60d` on a job of 20 hours or more as an
  opportunity to look at (the rules engine checks the conditions). Residence status adds no
  points: it filters and marks, it never ranks;
- **recognition**: a vacancy requiring a recognised qualification takes only persons with *full*
  equivalence (volle Gleichwertigkeit) for a reference occupation of the same Berufsuntergruppe
  at the vacancy's Anforderungsniveau or above. Partial equivalence, even with an adaptation
  measure under way, is not enough: in a regulated profession a partial notice does not allow
  the work, and the employer asked for the recognised qualification. Such persons still see
  the vacancies that do not require recognition;
- **German**: a hard requirement excludes a person below it in that skill; a desirable one
  costs points;
- **open** vacancies only (not filled, not withdrawn);
- **reach**: the vacancy's Gemeinde lies within the person's largest distance (haversine
  between the Gemeinden' coordinates);
- **occupational relation**: the vacancy's KldB code shares at least the Hauptgruppe (two
  digits) with an occupation of the person (work experience, training or a Zielberuf). Without
  it there is nothing to explain the suggestion with.

The points and their reasons are in `score.py`; blocking and ranking in `index.py`; the batch
in `batch.py`. Reasons are codes with values, never prose: the app translates them.
"""

from lotse.jobs.matching.batch import BatchResult, match_all
from lotse.jobs.matching.index import (
    MatchIndex,
    brute_force_candidates,
    brute_force_vacancies,
    candidates_for,
    vacancies_for,
)
from lotse.jobs.matching.records import (
    Access,
    AccessAnswer,
    Availability,
    Candidate,
    Kind,
    LanguageRequirement,
    Level,
    Means,
    Mobility,
    Occupation,
    Place,
    Recognition,
    RecognitionState,
    Skill,
    Source,
    Status,
    Vacancy,
)
from lotse.jobs.matching.score import (
    Match,
    PreparedCandidate,
    PreparedVacancy,
    Reason,
    distance_km,
    explain,
    score,
)

__all__ = [
    "Access",
    "AccessAnswer",
    "Availability",
    "BatchResult",
    "Candidate",
    "Kind",
    "LanguageRequirement",
    "Level",
    "Match",
    "MatchIndex",
    "Means",
    "Mobility",
    "Occupation",
    "Place",
    "PreparedCandidate",
    "PreparedVacancy",
    "Reason",
    "Recognition",
    "RecognitionState",
    "Skill",
    "Source",
    "Status",
    "Vacancy",
    "brute_force_candidates",
    "brute_force_vacancies",
    "candidates_for",
    "distance_km",
    "explain",
    "match_all",
    "score",
    "vacancies_for",
]
