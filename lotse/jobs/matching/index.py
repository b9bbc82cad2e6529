"""The blocking index, one person's or one vacancy's matches, and brute force to check them.

Blocking is lossless: it leaves out only pairs that `score` would exclude anyway. A pair needs
an occupational relation (at least the same KldB Hauptgruppe, the two first digits) and the
vacancy within the person's largest distance, so the index files

- open vacancies by Gemeinde (their coordinates) and Hauptgruppe, the Gemeinden by grid cell
  of 0.1° latitude × 0.15° longitude (about 11 km): a person's Gemeinde gets the list of
  Gemeinden around it with their distances once (the cells within the spherical bounds of the
  circle, so none within reach is missed), and a person looks only into their Hauptgruppen at
  the Gemeinden within their own reach;
- persons who may work on some day (a person who may not work on any day is never indexed) by
  (reach class, Hauptgruppe, cell): a vacancy looks into the cells within the largest reach of
  each class, and `score` keeps only persons whose own reach covers it.

Ranking: score descending, then id ascending, so results are the same whichever way they were
found. `brute_force_vacancies` and `brute_force_candidates` score every pair without the index.
"""

import bisect
import heapq
import math
from collections.abc import Iterable, Iterator, Sequence

from lotse.jobs.matching.records import Candidate, Vacancy
from lotse.jobs.matching.score import (
    EARTH_KM,
    Match,
    PreparedCandidate,
    PreparedVacancy,
    explain,
    haversine,
    score,
    score_at,
)

LAT_STEP, LON_STEP = 0.1, 0.15
# Persons are filed by how far they can travel, so that a vacancy searches the cells of each
# class's largest reach rather than of the largest reach of all.
REACH_CLASSES = (5.0, 10.0, 15.0, 25.0, 40.0, 60.0, 100.0)

Cell = tuple[int, int]
VacanciesAt = dict[str, list[int]]
Near = tuple[float, list[float], list[tuple[float, VacanciesAt]]]


def cell_of(latitude: float, longitude: float) -> Cell:
    return math.floor(latitude / LAT_STEP), math.floor(longitude / LON_STEP)


def cells_within(latitude: float, longitude: float, km: float) -> Iterator[Cell]:
    """Every cell holding a point within `km` (great circle) of the place."""
    angle = km / EARTH_KM
    dlat = math.degrees(angle) + 1e-7
    sine = math.sin(angle) / max(1e-12, math.cos(math.radians(abs(latitude) + math.degrees(angle))))
    dlon = 180.0 if sine >= 1 else math.degrees(math.asin(sine)) + 1e-7
    low_i, high_i = (
        math.floor((latitude - dlat) / LAT_STEP),
        math.floor((latitude + dlat) / LAT_STEP),
    )
    low_j = math.floor((longitude - dlon) / LON_STEP)
    high_j = math.floor((longitude + dlon) / LON_STEP)
    for i in range(low_i, high_i + 1):
        for j in range(low_j, high_j + 1):
            yield i, j


def reach_class(km: float) -> int:
    for position, limit in enumerate(REACH_CLASSES):
        if km <= limit:
            return position
    return len(REACH_CLASSES)


def _unique(ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for identifier in ids:
        if identifier in seen:
            raise ValueError(f"{what} id {identifier!r} given twice")
        seen.add(identifier)


class MatchIndex:
    """Prepared open vacancies and persons who may work, filed for blocking."""

    def __init__(self, candidates: Iterable[Candidate] = (), vacancies: Iterable[Vacancy] = ()):
        vacancy_list = sorted(vacancies, key=lambda vacancy: vacancy.id)
        candidate_list = sorted(candidates, key=lambda candidate: candidate.id)
        _unique((vacancy.id for vacancy in vacancy_list), "vacancy")
        _unique((candidate.id for candidate in candidate_list), "candidate")
        self.vacancies = [PreparedVacancy(v) for v in vacancy_list]
        self.vacancies = [v for v in self.vacancies if v.open]
        # per Gemeinde (place) the open vacancies by Hauptgruppe; the places by grid cell
        self.vacancies_at: dict[int, dict[str, list[int]]] = {}
        self.place_cells: dict[Cell, list[PreparedVacancy]] = {}
        for position, v in enumerate(self.vacancies):
            at = self.vacancies_at.get(v.place)
            if at is None:
                at = self.vacancies_at[v.place] = {}
                cell = cell_of(v.latitude, v.longitude)
                self.place_cells.setdefault(cell, []).append(v)
            at.setdefault(v.p2, []).append(position)
        self._near: dict[int, Near] = {}
        prepared = (PreparedCandidate(candidate) for candidate in candidate_list)
        self.candidates = [c for c in prepared if not c.never and c.groups]
        self.candidate_cells: dict[tuple[int, str, int, int], list[int]] = {}
        self.class_reach = [0.0] * (len(REACH_CLASSES) + 1)
        for position, c in enumerate(self.candidates):
            reach = reach_class(c.max_km)
            self.class_reach[reach] = max(self.class_reach[reach], c.max_km)
            cell = cell_of(c.latitude, c.longitude)
            for group in c.groups:
                self.candidate_cells.setdefault((reach, group, *cell), []).append(position)

    def near(self, c: PreparedCandidate) -> tuple[list[float], list[tuple[float, VacanciesAt]]]:
        """The Gemeinden with open vacancies around the person's, nearest first, with their
        distance (the same haversine as `score`) and vacancies by Hauptgruppe; the person's
        own reach is a prefix of it (`bisect` on the distances)."""
        known = self._near.get(c.place)
        if known is not None and known[0] >= c.max_km:
            return known[1], known[2]
        radius = max(c.max_km, known[0] if known else 0.0)
        found = []
        for cell in cells_within(c.latitude, c.longitude, radius):
            for v in self.place_cells.get(cell, ()):
                km = haversine(c.rlat, c.rlon, c.cos_lat, v.rlat, v.rlon, v.cos_lat)
                if km <= radius:
                    found.append((km, v.place))
        found.sort()
        kms = [km for km, _ in found]
        entries = [(km, self.vacancies_at[place]) for km, place in found]
        self._near[c.place] = (radius, kms, entries)
        return kms, entries

    def vacancy_positions(self, c: PreparedCandidate) -> list[tuple[int, float]]:
        """(position, km) of the open vacancies the blocking lets through for this person."""
        found: list[tuple[int, float]] = []
        if c.never:
            return found
        kms, entries = self.near(c)
        for km, at in entries[: bisect.bisect_right(kms, c.max_km)]:
            for group in c.groups:
                block = at.get(group)
                if block:
                    found.extend((j, km) for j in block)
        return found

    def candidate_positions(self, v: PreparedVacancy) -> list[int]:
        """Positions of the persons the blocking lets through for this vacancy."""
        found: list[int] = []
        get = self.candidate_cells.get
        for reach, radius in enumerate(self.class_reach):
            if radius <= 0:
                continue
            for i, j in cells_within(v.latitude, v.longitude, radius):
                block = get((reach, v.p2, i, j))
                if block:
                    found.extend(block)
        return found


def _top(scored: Iterable[tuple[float, int]], k: int) -> list[tuple[float, int]]:
    """The k best (score, position): score descending, then position (= id order) ascending."""
    return heapq.nsmallest(k, ((-s, position) for s, position in scored))


def vacancies_for(candidate: Candidate, index: MatchIndex, k: int = 10) -> list[Match]:
    """The k best open vacancies for a person, with reasons (suggestions, not decisions)."""
    c = PreparedCandidate(candidate)
    vacancies = index.vacancies
    scored = ((score_at(c, vacancies[j], km), j) for j, km in index.vacancy_positions(c))
    best = _top(((s, j) for s, j in scored if s is not None), k)
    return [_explained(c, vacancies[j]) for _, j in best]


def candidates_for(vacancy: Vacancy, index: MatchIndex, k: int = 50) -> list[Match]:
    """The k best persons for an open vacancy, with reasons (suggestions, not decisions)."""
    v = PreparedVacancy(vacancy)
    if not v.open:
        return []
    candidates = index.candidates
    scored = ((score(candidates[i], v), i) for i in index.candidate_positions(v))
    best = _top(((s, i) for s, i in scored if s is not None), k)
    return [_explained(candidates[i], v) for _, i in best]


def _explained(c: PreparedCandidate, v: PreparedVacancy) -> Match:
    match = explain(c, v)
    assert match is not None  # scored before, so not excluded
    return match


def brute_force_vacancies(
    candidate: Candidate, vacancies: Sequence[Vacancy], k: int = 10
) -> list[Match]:
    """Every vacancy scored, no index: the reference the blocked search must equal."""
    c = PreparedCandidate(candidate)
    prepared = [PreparedVacancy(v) for v in vacancies]
    return brute_force_prepared_vacancies(c, prepared, k)


def brute_force_prepared_vacancies(
    c: PreparedCandidate, vacancies: Sequence[PreparedVacancy], k: int
) -> list[Match]:
    scored = [(s, v.id, v) for v in vacancies if (s := score(c, v)) is not None]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [_explained(c, v) for _, _, v in scored[:k]]


def brute_force_candidates(
    vacancy: Vacancy, candidates: Sequence[Candidate], k: int = 50
) -> list[Match]:
    v = PreparedVacancy(vacancy)
    prepared = [PreparedCandidate(c) for c in candidates]
    return brute_force_prepared_candidates(v, prepared, k)


def brute_force_prepared_candidates(
    v: PreparedVacancy, candidates: Sequence[PreparedCandidate], k: int
) -> list[Match]:
    scored = [(s, c.id, c) for c in candidates if (s := score(c, v)) is not None]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [_explained(c, v) for _, _, c in scored[:k]]
