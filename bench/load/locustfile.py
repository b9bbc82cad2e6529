"""What caseworkers do, for Locust (headless; bench/load/run.py starts it).

Each simulated caseworker signs in like a person does (password, then the six-digit code of
the second factor, computed from the demo secret) with a login of their own, then works: the
start page, their caseload and the office's, a page further on, a search in the registry, a
person's page and status, a case page, a note on a case, the hand-overs. Pages are named by
what they are, not by URL, so the figures are per page.

`BENCH_PLAN` names a JSON file written by run.py: logins, the password, the TOTP secret,
surnames to search for, and where to write the per-page query and audit-row counts.
"""

import json
import os
import random
import re
import sys
from collections import defaultdict
from itertools import count

from locust import FastHttpUser, between, constant, events, task

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from totp import totp  # noqa: E402  (bench/load/totp.py, shared with alone.py)

PLAN = json.loads(open(os.environ["BENCH_PLAN"], encoding="utf-8").read())  # noqa: SIM115
WAIT = PLAN.get("wait", [0.5, 2.0])
_next_login = count(PLAN.get("first_login", 0))
PERSON_LINK = re.compile(r'href="/persons/([0-9a-f-]{36})/"')
CASE_LINK = re.compile(r'href="/cases/(\d+)/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# name -> [requests, queries, audit rows, requests without the headers]
COUNTS: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])


@events.request.add_listener
def _count(name, response, exception, **kwargs):
    if response is None:
        return
    row = COUNTS[name]
    row[0] += 1
    queries = response.headers.get("X-Bench-Queries")
    audit = response.headers.get("X-Bench-Audit-Rows")
    if queries is None or audit is None:
        row[3] += 1
        return
    row[1] += int(queries)
    row[2] += int(audit)


@events.quitting.add_listener
def _write_counts(environment, **kwargs):
    out = PLAN.get("counts_file")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(COUNTS, handle)


class CeilingUser(FastHttpUser):
    """The bare Django view, as fast as the server answers it."""

    wait_time = constant(0)

    @task
    def bare(self):
        self.client.get("/bench/ceiling/", name="bare Django view (ceiling)")


class CaseworkerUser(FastHttpUser):
    wait_time = between(*WAIT)

    def __init__(self, environment):
        logins = PLAN["logins"]
        number = next(_next_login)
        self.username = logins[number % len(logins)]
        # Caseworkers sit at machines of their own: each user comes from an address of its own,
        # as the reverse proxy reports it (the server runs with LOTSE_PROXY_COUNT=1), so that the
        # sign-in's per-address rate limit sees offices, not one load generator.
        self.default_headers = {"X-Forwarded-For": f"10.{number // 256 % 256}.{number % 256}.1"}
        super().__init__(environment)

    def on_start(self):
        self.persons: list[str] = []
        self.cases: list[str] = []
        page = self.client.get("/accounts/login/", name="sign-in")
        self.client.post(
            "/accounts/login/",
            data={
                "login": self.username,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self._csrf(page.text),
            },
            name="sign-in",
        )
        page = self.client.get("/accounts/2fa/authenticate/", name="sign-in")
        with self.client.post(
            "/accounts/2fa/authenticate/",
            data={"code": totp(PLAN["totp_secret"]), "csrfmiddlewaretoken": self._csrf(page.text)},
            name="sign-in",
            catch_response=True,
        ) as answer:
            if not answer.url or "/accounts/" in answer.url:
                answer.failure(f"{self.username}: the second factor was not accepted")
        self._remember(self.client.get("/cases/?mine=1", name="caseload (mine)").text)

    @staticmethod
    def _csrf(html: str) -> str:
        found = CSRF.search(html or "")
        return found.group(1) if found else ""

    def _remember(self, html: str) -> None:
        self.persons = (PERSON_LINK.findall(html or "") or self.persons)[:50]
        self.cases = (CASE_LINK.findall(html or "") or self.cases)[:50]

    @task(2)
    def start_page(self):
        self.client.get("/", name="start page")

    @task(4)
    def my_caseload(self):
        self._remember(self.client.get("/cases/?mine=1", name="caseload (mine)").text)

    @task(2)
    def office_caseload(self):
        self._remember(self.client.get("/cases/", name="caseload (office)").text)

    @task(1)
    def caseload_page(self):
        page = random.randint(2, 10)  # noqa: S311
        self.client.get(f"/cases/?page={page}&sort=-opened", name="caseload (page 2-10, sorted)")

    @task(3)
    def search(self):
        name = random.choice(PLAN["surnames"])  # noqa: S311
        self._remember(self.client.get(f"/persons/?q={name}", name="person search").text)

    @task(3)
    def person_page(self):
        if self.persons:
            person = random.choice(self.persons)  # noqa: S311
            self.client.get(f"/persons/{person}/", name="person page")

    @task(1)
    def status_page(self):
        if self.persons:
            person = random.choice(self.persons)  # noqa: S311
            self.client.get(f"/persons/{person}/status/", name="status timeline")

    @task(3)
    def case_page(self):
        if self.cases:
            case = random.choice(self.cases)  # noqa: S311
            self.client.get(f"/cases/{case}/", name="case page")

    @task(1)
    def note(self):
        if not self.cases:
            return
        case = random.choice(self.cases)  # noqa: S311
        page = self.client.get(f"/cases/{case}/", name="case page")
        with self.client.post(
            f"/cases/{case}/notes/",
            data={
                "text": "Termin zur Beratung vereinbart.",
                "visibility": "office",
                "csrfmiddlewaretoken": self._csrf(page.text),
            },
            name="record a note",
            catch_response=True,
        ) as answer:
            # A closed case refuses notes with a message: that is an answer, not an error.
            if answer.status_code >= 400 and answer.status_code != 409:
                answer.failure(f"note refused with {answer.status_code}")

    @task(1)
    def handovers(self):
        self.client.get("/referrals/", name="hand-overs")
