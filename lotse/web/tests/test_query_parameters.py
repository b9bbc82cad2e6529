"""Query parameters typed by hand or cut off in a link: a clear 404 or the page without the
filter, never a server error (the test client raises on one). Runs on both databases: PostgreSQL
refuses a NUL character in a query value that SQLite accepts."""

import pytest

from lotse.people.tests.factories import register

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.fixture
def person(caseworker):
    return register(caseworker)


def _pages(person) -> list[tuple[str, dict]]:
    p = f"/persons/{person.pk}"
    bad = ["abc", "1.5", "-1", "١", "9" * 30, NUL, f"1{NUL}"]
    pages = [(f"{p}/status/switch/", {"switch": v}) for v in bad]
    pages += [(f"{p}/status/change/", {"entry": v}) for v in bad]
    pages += [(f"{p}/status/change/", {"entry": v, "do": "retract"}) for v in bad]
    pages += [(f"{p}/status/new/", {"kind": v}) for v in bad]
    pages += [(f"{p}/corrections/", {"request": v}) for v in bad]
    pages += [(f"{p}/consents/form.pdf", {"consent": v}) for v in bad]
    for text in [NUL, f"Amal{NUL}", "x" * 5000, "%", "_", "'\""]:
        pages += [
            ("/persons/", {"q": text}),
            ("/cases/", {"q": text, "mine": text}),
            ("/kreise/", {"q": text}),
            ("/offices/", {"q": text, "kind": text}),
            ("/corrections/", {"status": text}),
            ("/referrals/", {"state": text}),
        ]
    return pages


def test_bad_query_parameters_give_a_404_or_the_plain_page(caseworker, client_for, person):
    from django.urls import Resolver404, resolve

    client = client_for(caseworker)
    failed = []
    for path, params in _pages(person):
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"{path} is no page")
        try:
            status = client.get(path, params).status_code
        except Exception as exc:
            status = type(exc).__name__
        if status not in {200, 404}:
            failed.append((path, params, status))
    assert failed == [], "\n".join(map(repr, failed))


def test_switch_abc_is_not_found(caseworker, client_for, person):
    response = client_for(caseworker).get(f"/persons/{person.pk}/status/switch/", {"switch": "abc"})
    assert response.status_code == 404


def test_the_audit_search_takes_any_text(dpo, client_for):
    client = client_for(dpo)
    for text in [NUL, f"Amal{NUL}", "x" * 5000, "%"]:
        params = {"q": text, "person": text, "from": text, "to": text, "page": text}
        params |= {"event_type": text, "outcome": text}
        assert client.get("/audit/", params).status_code == 200, repr(text)
