"""The person page's history: each change with what changed, read in a few queries however long
the history is."""

import pytest

from lotse.identity.services import person_merge, person_unmerge
from lotse.people.selectors import HISTORY_SHOWN, person_history
from lotse.people.services import NameInput, person_name_add
from lotse.people.tests.factories import register

pytestmark = pytest.mark.django_db


def _as_simple_history_says(person) -> list[tuple]:
    """The changes of each record, with simple-history's own prev_record (a query each)."""
    records = [
        *person.history.all(),
        *(
            record
            for model in (
                person.names.model,
                person.identifiers.model,
                person.nationalities.model,
                person.addresses.model,
            )
            for record in model.history.filter(person_id=person.pk)
        ),
    ]
    out = []
    for record in sorted(records, key=lambda r: r.history_date, reverse=True):
        previous = record.prev_record
        changes = []
        if previous is not None and record.history_type == "~":
            changes = [
                (c.field, c.old, c.new)
                for c in record.diff_against(previous).changes
                if c.field != "updated_at"
            ]
        out.append((record.history_date, changes))
    return out


def test_the_history_after_a_merge_and_its_undo_names_each_change(
    caseworker, team_lead, django_assert_max_num_queries
):
    kept = register(caseworker, identifiers=(("ba", "123D456789"),))
    merged = register(
        caseworker,
        family_name="Alhasan",
        given_names="Amel",
        original=None,
        identifiers=(("passport", "N0123456"),),
    )
    for number in range(5):
        person_name_add(
            actor=caseworker,
            person=kept,
            name=NameInput(given_names="Amal", family_name=f"Al Hasan {number}", source="self"),
        )
    merge = person_merge(actor=team_lead, kept=kept, merged=merged, reason="same person")
    person_unmerge(actor=team_lead, merge=merge, reason="not the same after all")
    person_merge(actor=team_lead, kept=kept, merged=merged, reason="the same after all")

    with django_assert_max_num_queries(12):
        history = person_history(person=kept)
    expected = _as_simple_history_says(kept)
    assert [
        (e["when"], [(c["field"], c["old"], c["new"]) for c in e["changes"]]) for e in history
    ] == expected
    assert any(e["changes"] for e in history)  # the moved names and identifiers say so


def test_the_page_says_when_older_changes_are_not_shown(caseworker, client_for):
    person = register(caseworker, family_name="Vielgeändert")
    client = client_for(caseworker)
    assert "es gibt ältere" not in client.get(f"/persons/{person.pk}/").content.decode()
    for number in range(HISTORY_SHOWN):
        person.phone = f"0151 {number:07d}"
        person.save()  # a history row each (the test's shortcut to a long history)
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert f"Gezeigt werden die letzten {HISTORY_SHOWN} Änderungen; es gibt ältere." in page
    history = page.split('id="history"', 1)[1].split("</section>", 1)[0]
    assert history.count("<li>") - history.count("<li>phone") == HISTORY_SHOWN
    assert f"0151 {HISTORY_SHOWN - 1:07d}" in history  # the newest change is among them
