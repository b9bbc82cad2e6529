"""Batch duplicate finding, the review queue, merging without loss and undoing a merge."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import translation

from conftest import english
from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case
from lotse.cases.selectors import CaseloadFilters, caseload
from lotse.identity.batch import duplicate_run_execute
from lotse.identity.models import DuplicatePair, DuplicateRun, Merge
from lotse.identity.services import duplicate_run_start, person_merge, person_unmerge
from lotse.people.models import Person, PersonIdentifier, PersonName
from lotse.people.tests.factories import register


@pytest.fixture
def planted(caseworker):
    """Amal registered twice by the same office (before lotse had a duplicate check), once
    with a variant spelling, plus an unrelated person."""
    first = register(caseworker, identifiers=(("ba", "123D456789"),))
    second = register(
        caseworker,
        family_name="Alhasan",
        given_names="Amel",
        original=None,
        birth=(1990, None, None),
        placeholder=False,
        identifiers=(("passport", "N0123456"),),
    )
    other = register(
        caseworker,
        family_name="Rahimi",
        given_names="Mohammad",
        original=None,
        nationality="AFG",
        sex="m",
        birth=(1985, 3, 4),
        placeholder=False,
    )
    return first, second, other


def _run(team_lead) -> DuplicateRun:
    run = duplicate_run_start(actor=team_lead)
    return duplicate_run_execute(run_id=run.pk, processes=1)


def test_batch_search_queues_the_planted_pair_only(team_lead, planted):
    first, second, other = planted
    run = _run(team_lead)
    assert run.status == "done"
    assert run.pairs_found == 1
    pair = DuplicatePair.objects.get()
    assert {pair.person_a_id, pair.person_b_id} == {first.pk, second.pk}
    assert pair.reasons  # every score explains itself


def test_a_second_search_does_not_ask_again(team_lead, planted):
    _run(team_lead)
    DuplicatePair.objects.update(status=DuplicatePair.Status.REJECTED)
    assert _run(team_lead).pairs_found == 0


def test_merge_keeps_everything_and_undo_restores_it(team_lead, planted):
    first, second, _ = planted
    names_before = {
        p: set(PersonName.objects.filter(person=p).values_list("pk", flat=True))
        for p in (first, second)
    }
    merge = person_merge(actor=team_lead, kept=first, merged=second, reason="same AZR at the BAMF")
    second.refresh_from_db()
    assert second.merged_into == first
    assert set(PersonName.objects.filter(person=first).values_list("pk", flat=True)) == (
        names_before[first] | names_before[second]
    )
    assert PersonIdentifier.objects.filter(person=first).count() == 2
    assert Person.objects.count() == 3  # nothing deleted
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_MERGED).count() == 2

    person_unmerge(actor=team_lead, merge=merge, reason="wrong decision")
    second.refresh_from_db()
    assert second.merged_into is None
    for person in (first, second):
        assert (
            set(PersonName.objects.filter(person=person).values_list("pk", flat=True))
            == names_before[person]
        )
    assert Merge.objects.get().undone_by == team_lead


def test_merged_record_page_leads_to_the_kept_one(team_lead, planted, client_for):
    first, second, _ = planted
    person_merge(actor=team_lead, kept=first, merged=second, reason="same person")
    page = client_for(team_lead).get(f"/persons/{second.pk}/")
    assert page.status_code == 200
    assert "Alhasan" in page.content.decode()


def test_merging_needs_a_team_lead_and_a_reason(caseworker, team_lead, planted):
    first, second, _ = planted
    with pytest.raises(PermissionDenied):
        person_merge(actor=caseworker, kept=first, merged=second, reason="same")
    with pytest.raises(ValidationError):
        person_merge(actor=team_lead, kept=first, merged=second, reason=" ")
    assert not Merge.objects.exists()


def test_a_reason_longer_than_its_column_is_refused_not_cut(team_lead, planted, client_for):
    first, second, _ = planted
    with pytest.raises(ValidationError, match="At most 300 characters"):
        person_merge(actor=team_lead, kept=first, merged=second, reason="x" * 301)
    assert not Merge.objects.exists()
    second.refresh_from_db()
    assert second.merged_into is None
    _run(team_lead)
    pair = DuplicatePair.objects.get()
    client = english(client_for(team_lead))
    client.post(f"/duplicates/{pair.pk}/", {"decision": "same", "reason": "y" * 301})
    assert not Merge.objects.exists()
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.OPEN
    page = client.get(f"/duplicates/{pair.pk}/").content.decode()
    assert "At most 300 characters." in page


def test_review_through_the_pages(team_lead, planted, client_for):
    first, second, _ = planted
    client = english(client_for(team_lead))
    _run(team_lead)
    pair = DuplicatePair.objects.get()
    queue = client.get("/duplicates/").content.decode()
    assert f"/duplicates/{pair.pk}/" in queue
    page = client.get(f"/duplicates/{pair.pk}/").content.decode()
    assert "Alhasan" in page
    assert "Al-Hassan" in page
    response = client.post(
        f"/duplicates/{pair.pk}/", {"decision": "same", "reason": "checked passport"}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == "merged"
    assert pair.reviewed_by == team_lead


def test_other_kreis_cannot_open_a_pair(team_lead, other_caseworker, planted, client_for):
    _run(team_lead)
    pair = DuplicatePair.objects.get()
    assert client_for(other_caseworker).get(f"/duplicates/{pair.pk}/").status_code == 403


# The worker closes its database connection after a batch, as a worker process should: on
# PostgreSQL that ends a test transaction, so this test commits (and is flushed after).
@pytest.mark.django_db(transaction=True)
def test_the_task_worker_runs_a_queued_search(
    team_lead, planted, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        run = duplicate_run_start(actor=team_lead)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == "done"
    assert run.pairs_found == 1


def test_only_one_search_at_a_time(team_lead, planted):
    duplicate_run_start(actor=team_lead)
    with pytest.raises(ValidationError):
        duplicate_run_start(actor=team_lead)


def test_a_merge_moves_cases_and_referrals_too_and_undo_brings_them_back(
    caseworker, team_lead, planted
):
    from lotse.cases.models import Case
    from lotse.cases.referrals import referral_request
    from lotse.organisations.tests.factories import reference_office

    first, second, _ = planted
    case = Case.objects.get(person=second)
    referral = referral_request(
        actor=caseworker,
        case=case,
        to_office=reference_office("jc-tubingen-08416"),
        kind="service",
        purpose="check",
        categories=[],
        respond_by=case.opened_at.date() + timedelta(days=30),
    )
    merge = person_merge(actor=team_lead, kept=first, merged=second, reason="same person")
    referral.refresh_from_db()
    assert referral.person == first
    # both records had an open case at the same office: the second stays with the merged record
    case.refresh_from_db()
    assert case.person == second
    person_unmerge(actor=team_lead, merge=merge, reason="wrong")
    referral.refresh_from_db()
    assert referral.person == second


def _unmerged_events() -> int:
    return AuditEvent.objects.filter(event_type=EventType.PERSON_UNMERGED).count()


def test_a_second_undo_of_one_merge_is_refused(team_lead, planted):
    first, second, _ = planted
    person_merge(actor=team_lead, kept=first, merged=second, reason="same person")
    # Two pages opened the merge before either undo went through.
    one, other = Merge.objects.get(), Merge.objects.get()
    person_unmerge(actor=team_lead, merge=one, reason="wrong")
    with pytest.raises(ValidationError, match="undone already"):
        person_unmerge(actor=team_lead, merge=other, reason="wrong as well")
    assert _unmerged_events() == 2  # one for each record, once
    assert Merge.objects.get().undo_reason == "wrong"


def test_a_second_undo_through_the_page_says_so(team_lead, planted, client_for):
    first, second, _ = planted
    merge = person_merge(actor=team_lead, kept=first, merged=second, reason="same person")
    client = english(client_for(team_lead))
    client.post(f"/duplicates/merges/{merge.pk}/undo/", {"reason": "wrong"})
    page = client.post(
        f"/duplicates/merges/{merge.pk}/undo/", {"reason": "wrong"}, follow=True
    ).content.decode()
    assert "This merge has been undone already." in page
    assert _unmerged_events() == 2


def test_a_record_merged_meanwhile_cannot_be_merged_again(team_lead, planted):
    first, second, other = planted
    stale_second = Person.objects.get(pk=second.pk)
    person_merge(actor=team_lead, kept=first, merged=second, reason="same person")
    with pytest.raises(ValidationError, match="unmerged records"):
        person_merge(actor=team_lead, kept=other, merged=stale_second, reason="same as well")
    assert Merge.objects.count() == 1


def test_a_pair_decided_meanwhile_cannot_be_decided_again(team_lead, planted):
    from lotse.identity.services import pair_confirm, pair_reject

    _run(team_lead)
    one, other = DuplicatePair.objects.get(), DuplicatePair.objects.get()
    pair_confirm(actor=team_lead, pair=one, reason="checked passport")
    with pytest.raises(ValidationError, match="reviewed already"):
        pair_reject(actor=team_lead, pair=other, kind="siblings")
    with pytest.raises(ValidationError, match="reviewed already"):
        pair_confirm(actor=team_lead, pair=other, reason="again")
    assert DuplicatePair.objects.get().status == DuplicatePair.Status.MERGED
    assert Merge.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writing transaction at a time"
)
@pytest.mark.django_db(transaction=True)
def test_parallel_undos_of_one_merge_write_the_events_once(team_lead, planted):
    import threading

    first, second, _ = planted
    person_merge(actor=team_lead, kept=first, merged=second, reason="same person")
    copies = [Merge.objects.get() for _ in range(3)]
    start = threading.Barrier(3)
    outcomes: list[str] = []

    def undo(merge: Merge) -> None:
        try:
            start.wait()
            with translation.override("en"):
                person_unmerge(actor=team_lead, merge=merge, reason="wrong")
            outcomes.append("undone")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=undo, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["This merge has been undone already."] * 2 + ["undone"]
    assert _unmerged_events() == 2


def test_a_case_left_on_a_merged_record_is_not_in_the_caseload(caseworker, team_lead, planted):
    first, second, other = planted
    listed = caseload(actor=caseworker, filters=CaseloadFilters())
    assert {case.person_id for case in listed} == {first.pk, second.pk, other.pk}
    person_merge(actor=team_lead, kept=first, merged=second, reason="same person")
    # The kept record has its own open case at the office: the merged one's stays where it was.
    assert Case.objects.filter(person=second, status="open").exists()
    listed = caseload(actor=caseworker, filters=CaseloadFilters())
    assert {case.person_id for case in listed} == {first.pk, other.pk}
    assert listed.count() == 2
