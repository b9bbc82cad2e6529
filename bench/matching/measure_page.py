"""Times one person's matches page in this process (called by bench/matching/page.py with the
production environment): prints one JSON line with p50/p95 and SQL queries per page.

The same alternating turns as bench/plans/measure.py (whose sign-in and request helpers it
uses): each turn requests every page once, the bare Django view among them."""

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "plans"))

from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from measure import WARM_UP, login, persons_of, request  # noqa: E402  (bench/plans/measure.py)
from server import CEILING_PATH  # noqa: E402  (bench/load/server.py)

from lotse.access.policy import Action, scope  # noqa: E402
from lotse.cases.models import Case  # noqa: E402
from lotse.jobs.models import Vacancy  # noqa: E402
from lotse.organisations.models import OfficeKind, User  # noqa: E402
from lotse.organisations.tests.personas import force_sign_in  # noqa: E402
from lotse.profiles.models import EntryKind, ProfileEntry  # noqa: E402

PLACING_OFFICES = (OfficeKind.JOBCENTER, OfficeKind.AGENTUR)


def placing_login() -> tuple[User, int]:
    """The first caseworker login of the Jobcenter or Agentur with the most open cases: the
    offices that place people in work (a Sozialamt's persons mostly may not work yet)."""
    office = (
        Case.objects.filter(status="open", office__kind__in=PLACING_OFFICES)
        .values("office")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if office is None:
        return login()
    user = (
        User.objects.filter(office_id=office["office"], username__regex=r"-sb-[0-9]+$")
        .order_by("username")
        .first()
    )
    return (user, office["n"]) if user is not None else login()


def persons_with_occupations(user: User, limit: int = 50) -> list[str]:
    """Persons of the office's open cases with a recorded occupation (work experience or
    training) who live in a town with open vacancies the office sees: those the matching can
    explain a suggestion for (whether they get one is counted, not assumed)."""
    towns = (
        scope(user, Action.VIEW_VACANCIES, Vacancy.objects.filter(status="open"))
        .values("gemeinde__name")
        .distinct()
    )
    ids = (
        Case.objects.filter(office_id=user.office_id, status="open")
        .filter(
            person__in=ProfileEntry.objects.filter(
                kind__in=[EntryKind.WORK, EntryKind.TRAINING]
            ).values("person")
        )
        .filter(person__addresses__city__in=towns)
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()[:limit]
    )
    return [str(pid) for pid in ids] or persons_of(user, limit)


def main() -> None:
    turns = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    user, open_cases = placing_login()
    client = force_sign_in(Client(), user)
    cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    persons = persons_with_occupations(user)
    if not persons:
        raise SystemExit("no person with a profile in the office: run manage.py load_scale_plans")
    pages = {
        "bare Django view": lambda i: CEILING_PATH,
        "person page": lambda i: f"/persons/{persons[i % len(persons)]}/",
        "person's matches": lambda i: f"/persons/{persons[i % len(persons)]}/matches/",
    }
    times: dict[str, list[float]] = {name: [] for name in pages}
    queries: dict[str, list[int]] = {name: [] for name in pages}
    with_matches: set[str] = set()
    order = list(pages.items())
    for turn in range(WARM_UP + turns):
        for name, path in order if turn % 2 else reversed(order):
            elapsed, count, _status, body = request(cookies, path(turn), body=True)
            if turn >= WARM_UP:
                times[name].append(elapsed)
                queries[name].append(count)
            if name == "person's matches" and b'<li id="vacancy-' in body:
                with_matches.add(path(turn))
    result = {
        "login": user.username,
        "office": str(user.office),
        "open_cases": open_cases,
        "vacancies": Vacancy.objects.filter(status="open").count(),
        "turns": turns,
        "persons_timed": len(persons),
        "with_matches": len(with_matches),
        "pages": {
            name: {
                "p50": statistics.median(values),
                "p95": statistics.quantiles(values, n=20)[18],
                "queries": statistics.median(queries[name]),
                "queries_max": max(queries[name]),
            }
            for name, values in times.items()
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
