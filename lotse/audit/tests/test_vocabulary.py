"""Purposes and legal bases stored as codes, shown in the reader's language; older events
(text only, append-only) shown from their text."""

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Basis, LegalBasis, Purpose, parse_basis

CONSENT = LegalBasis.consent(number=1, given_on=date(2026, 11, 3))


def _read(actor, **fields) -> AuditEvent:
    return audit_record(event_type=EventType.PERSON_DATA_READ, actor=actor, **fields)


def test_a_consent_basis_is_stored_as_codes_and_text(caseworker):
    event = _read(caseworker, purpose="case work", basis=CONSENT)
    event.refresh_from_db()
    assert event.legal_bases == [{"code": "consent", "consent": 1, "given_on": "2026-11-03"}]
    assert event.basis == "consent #1 of 2026-11-03"  # the text, as the trail always held it
    assert event.purpose_code == Purpose.CASE_WORK
    assert event.purpose == "case work"
    with translation.override("de"):
        assert event.basis_display == ["Einwilligung Nr. 1 vom 3. November 2026"]
        assert event.purpose_display == "Fallbearbeitung"
    with translation.override("en"):
        assert event.basis_display == ["consent no. 1 of 3 November 2026"]


def test_a_referral_basis_in_german(caseworker):
    event = _read(caseworker, purpose=Purpose.REFERRAL, basis=LegalBasis(Basis.REFERRAL_PARTY))
    assert event.legal_bases == [{"code": "referral_party"}]
    assert event.basis == "party to the referral"
    assert event.purpose == "referral"
    with translation.override("de"):
        assert event.basis_display == ["Beteiligt an der Weiterleitung"]


def test_shared_by_referral_names_the_basis_it_was_shared_on(caseworker):
    basis = LegalBasis.shared_by_referral(referral=7, via=str(CONSENT))
    assert str(basis) == "consent #1 of 2026-11-03 (referral #7)"
    event = _read(caseworker, basis=[basis, LegalBasis(Basis.SGB_X_69)])
    assert [item["code"] for item in event.legal_bases] == ["shared_by_referral", "sgb_x_69"]
    with translation.override("de"):
        assert event.basis_display == [
            "Einwilligung Nr. 1 vom 3. November 2026, übermittelt mit der Weiterleitung Nr. 7",
            "§ 69 Abs. 1 Nr. 1 SGB X (soweit für die gesetzliche Aufgabe erforderlich)",
        ]


def test_texts_lotse_wrote_are_read_back_into_codes():
    assert parse_basis("own case").code == Basis.OWN_CASE
    assert parse_basis("party to the referral").code == Basis.REFERRAL_PARTY
    assert parse_basis("consent #4 of 2026-01-31").refs == {"consent": 4, "given_on": "2026-01-31"}
    glass = parse_basis("break-the-glass #3 until 14:30: Notfall beim Amt")
    assert glass.refs == {"emergency": 3, "until": "14:30", "reason": "Notfall beim Amt"}
    assert parse_basis("something else entirely") is None


def test_a_free_text_is_stored_and_shown_as_it_is(caseworker):
    event = _read(caseworker, purpose="a purpose of its own", basis="a basis of its own")
    assert event.legal_bases is None
    assert event.purpose_code is None
    with translation.override("de"):
        assert event.basis_display == ["a basis of its own"]
        assert event.purpose_display == "a purpose of its own"


def test_an_older_event_without_codes_is_shown_from_its_text(caseworker):
    # Events before the codes: the text columns only (created as then, with NULL codes).
    older = AuditEvent.objects.create(
        occurred_at=timezone.now(),
        event_type=EventType.PERSON_DATA_READ,
        actor=caseworker,
        purpose="case work",
        basis="consent #1 of 2026-11-03; party to the referral",
    )
    assert older.legal_bases is None
    assert older.purpose_code is None
    with translation.override("de"):
        assert older.basis_display == [
            "Einwilligung Nr. 1 vom 3. November 2026",
            "Beteiligt an der Weiterleitung",
        ]
        assert older.purpose_display == "Fallbearbeitung"


def test_the_new_columns_are_append_only_too(caseworker):
    event = _read(caseworker, basis=CONSENT)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET legal_bases = NULL, purpose_code = NULL")
    event.refresh_from_db()
    assert event.legal_bases[0]["code"] == "consent"


def test_a_basis_survives_copy_and_pickle():
    import copy
    import pickle

    for basis in (CONSENT, copy.deepcopy(CONSENT), pickle.loads(pickle.dumps(CONSENT))):  # noqa: S301
        assert basis == "consent #1 of 2026-11-03"
        assert basis.code == Basis.CONSENT
        assert basis.refs == {"consent": 1, "given_on": "2026-11-03"}
