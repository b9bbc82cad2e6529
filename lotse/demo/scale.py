"""A registry at state scale for the load benchmark (bench/load/): demo mode only.

On top of the demo region (`seed_demo`), `scale_region_load` adds caseworker logins at every
demo office (`<office prefix>-sb-01` …, the demo password and second factor) and generated
persons, each with what a caseworker's pages read: names, identifiers, nationality, address and
blocking keys (the bulk loader of lotse.demo.registry_load), one case at a demo office (open or
closed, with a responsible caseworker or in the team's pool), status events, and for a share of
them a referral to another office of the Kreis and a consent. Rows go in with the bulk loader's
executemany inserts, in batches, without the per-person services: so it refuses to run outside
the demo mode, and records one audit event for the whole import.

The shape is chosen to be hard rather than typical: every office holds tens of thousands of
cases at a million persons (docs/deployment.md, "Load benchmark").
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose as AuditPurpose
from lotse.cases.models import (
    Case,
    CaseStatus,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralState,
)
from lotse.cases.referrals import sharing_bases
from lotse.consent.models import Consent, GivenHow
from lotse.consent.models import Purpose as ConsentPurpose
from lotse.demo.region import demo_offices, demo_user_ensure
from lotse.demo.registry_load import BATCH, _insert, _objects
from lotse.identity.generate import Generator
from lotse.organisations.models import Office, Role, Team, User
from lotse.status.events import EventKind, Source
from lotse.status.models import StatusEvent

REFERRAL_PURPOSES = (
    "Beratung zur Arbeitsaufnahme",
    "Anmeldung zum Integrationskurs",
    "Übergabe nach Anerkennung",
    "Klärung der Wohnsitzauflage",
)


@dataclass(frozen=True)
class ScaleSummary:
    persons: int
    open_cases: int
    status_events: int
    referrals: int
    consents: int
    caseworkers: list[str]


def bench_caseworkers(per_office: int) -> dict[int, list[User]]:
    """Caseworker logins at every demo office (created once; running again adds none)."""
    result: dict[int, list[User]] = {}
    for prefix, office in demo_offices():
        team, _ = Team.objects.get_or_create(office=office, name="Team 1")
        users = []
        for number in range(1, per_office + 1):
            username = f"{prefix}-sb-{number:02d}"
            user = demo_user_ensure(
                username=username,
                office=office,
                role=Role.CASEWORKER,
                first_name="Sachbearbeitung",
                last_name=f"Last {prefix.upper()} {number:02d}",
                team=team,
            )
            users.append(user)
        result[office.pk] = users
    return result


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def scale_region_load(
    *,
    persons: int,
    seed: int = 1,
    caseworkers_per_office: int = 5,
    open_share: float = 0.25,
    referral_share: float = 0.05,
    consent_share: float = 0.1,
    progress: Callable[[int], None] | None = None,
) -> ScaleSummary:
    if not settings.LOTSE_DEMO:
        raise ImproperlyConfigured("The benchmark registry is loaded only in demo mode.")
    offices = [office for _, office in demo_offices()]
    if not offices:
        raise ImproperlyConfigured("Load the demo region first (manage.py seed_demo).")
    staff = bench_caseworkers(caseworkers_per_office)
    by_kreis: dict[int | None, list[Office]] = {}
    for office in offices:
        by_kreis.setdefault(office.kreis_id, []).append(office)
    rng = random.Random(seed)  # noqa: S311 - generated data, not security
    today = timezone.localdate()
    shared_cache: dict[tuple[int, int], dict] = {}
    counts = {"persons": 0, "open": 0, "events": 0, "referrals": 0, "consents": 0}
    ids = {model: _next_id(model) for model in (Case, Referral, Consent)}
    batch: list[tuple] = []

    def flush() -> None:
        _flush(batch, offices, by_kreis, staff, rng, today, shared_cache, counts, ids,
               open_share, referral_share, consent_share)  # fmt: skip
        batch.clear()
        if progress:
            progress(counts["persons"])

    for row in Generator(seed=seed, duplicates=0.05).rows(persons):
        batch.append(_objects(row, offices[0]))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    _reset_sequences()
    audit_record(
        event_type=EventType.PERSON_CREATED,
        actor=None,
        purpose=AuditPurpose.GENERATED_DATA,
        details={"imported": counts["persons"], "benchmark": True},
    )
    return ScaleSummary(
        persons=counts["persons"],
        open_cases=counts["open"],
        status_events=counts["events"],
        referrals=counts["referrals"],
        consents=counts["consents"],
        caseworkers=sorted(u.username for users in staff.values() for u in users),
    )


@transaction.atomic
def _flush(batch, offices, by_kreis, staff, rng, today, shared_cache, counts, ids,
           open_share, referral_share, consent_share) -> None:  # fmt: skip
    now = timezone.now()
    cases: list[Case] = []
    events: list[models.Model] = []
    referrals: list[models.Model] = []
    timeline: list[models.Model] = []
    consents: list[models.Model] = []
    recipients: list[models.Model] = []
    for objects in batch:
        person = objects[0]
        office = rng.choice(offices)
        person.created_by_office = office
        for group in objects[1:5]:
            for obj in group:
                obj.recorded_by = office
        caseworker = rng.choice(staff[office.pk])
        is_open = rng.random() < open_share
        opened = now - timedelta(days=rng.randrange(30, 3000))
        case = Case(
            id=ids[Case],
            person=person,
            office=office,
            status=CaseStatus.OPEN if is_open else CaseStatus.CLOSED,
            responsible=caseworker if rng.random() < 0.8 else None,
            team=caseworker.team,
            opened_at=opened,
            opened_reason="generated",
            closed_at=None if is_open else opened + timedelta(days=rng.randrange(10, 900)),
            closed_reason="" if is_open else "generated",
        )
        ids[Case] += 1
        cases.append(case)
        counts["open"] += is_open
        applied = opened.date() - timedelta(days=rng.randrange(0, 60))
        events.append(
            StatusEvent(
                person=person,
                kind=EventKind.ASYLUM_APPLICATION,
                date=applied,
                details={"kind": "first"},
                source=Source.AZR,
                recorded_by_office=office,
                recorded_by=caseworker,
            )
        )
        if rng.random() < 0.6:
            events.append(
                StatusEvent(
                    person=person,
                    kind=EventKind.HEARING,
                    date=applied + timedelta(days=rng.randrange(20, 200)),
                    details={},
                    source=Source.SELF,
                    recorded_by_office=office,
                    recorded_by=caseworker,
                )
            )
        if is_open and rng.random() < referral_share / open_share:
            others = [o for o in by_kreis[office.kreis_id] if o.pk != office.pk]
            if others:
                to_office = rng.choice(others)
                key = (office.pk, to_office.pk)
                if key not in shared_cache:
                    shared_cache[key] = sharing_bases(
                        person=person,
                        sender=office,
                        receiver=to_office,
                        categories=["identity"],
                        purpose=REFERRAL_PURPOSES[0],
                    )
                state = rng.choice([ReferralState.REQUESTED, ReferralState.ACCEPTED])
                referral = Referral(
                    id=ids[Referral],
                    person=person,
                    kind=rng.choice([ReferralKind.SERVICE, ReferralKind.TRANSFER]),
                    from_case=case,
                    from_office=office,
                    to_office=to_office,
                    purpose=rng.choice(REFERRAL_PURPOSES),
                    shared=shared_cache[key],
                    respond_by=today + timedelta(days=rng.randrange(1, 28)),
                    state=state,
                    requested_by=caseworker,
                )
                ids[Referral] += 1
                referrals.append(referral)
                timeline.append(
                    ReferralEvent(
                        referral=referral,
                        at=now,
                        state=ReferralState.REQUESTED,
                        actor=caseworker,
                        office=office,
                        note=referral.purpose,
                    )
                )
        if is_open and rng.random() < consent_share / open_share:
            others = [o for o in by_kreis[office.kreis_id] if o.pk != office.pk]
            given = today - timedelta(days=rng.randrange(0, 300))
            consent = Consent(
                id=ids[Consent],
                person=person,
                categories=["identity", "profile"],
                purposes=[ConsentPurpose.JOB_PLACEMENT],
                given_on=given,
                given_how=GivenHow.SIGNED_FORM,
                explained_language="de",
                valid_until=given + timedelta(days=730),
                recorded_by_office=office,
                recorded_by=caseworker,
                recorded_at=now,
            )
            ids[Consent] += 1
            consents.append(consent)
            recipients.extend(
                Consent.recipients.through(consent_id=consent.pk, office_id=o.pk)
                for o in others[:2]
            )
    _insert(type(batch[0][0]), [b[0] for b in batch])
    for position in range(1, 7):
        _insert(type_of(batch, position), [obj for b in batch for obj in b[position]])
    _insert(Case, cases)
    _insert(StatusEvent, events)
    _insert(Referral, referrals)
    _insert(ReferralEvent, timeline)
    _insert(Consent, consents)
    _insert(Consent.recipients.through, recipients)
    counts["persons"] += len(batch)
    counts["events"] += len(events)
    counts["referrals"] += len(referrals)
    counts["consents"] += len(consents)


def type_of(batch: list[tuple], position: int):
    for objects in batch:
        if objects[position]:
            return type(objects[position][0])
    return None


def _reset_sequences() -> None:
    """Explicit ids were given to cases, referrals and consents: move PostgreSQL's sequences
    past them (SQLite takes the next id after the largest by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Case, Referral, Consent])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
