"""The database session, renewed at most once a minute (SESSION_ENGINE).

The idle timeout (LOTSE_SESSION_IDLE_MINUTES) is renewed by saving the session — with
SESSION_SAVE_EVERY_REQUEST an UPDATE and a COMMIT on every request, though nothing in it
changed. This store skips that write while the stored expiry is less than a minute old: a
session ends at most a minute *earlier* than the idle timeout says, never later. A session
whose data changed is saved at once, as before."""

from datetime import datetime, timedelta

from django.contrib.sessions.backends import db
from django.utils import timezone

# How long an unchanged session's stored expiry may stay as it is.
RENEWAL_INTERVAL = timedelta(minutes=1)


class SessionStore(db.SessionStore):
    _stored_expiry: datetime | None = None

    def _get_session_from_db(self):  # type: ignore[no-untyped-def]
        session = super()._get_session_from_db()  # type: ignore[misc]  # not in django-stubs
        self._stored_expiry = session.expire_date if session is not None else None
        return session

    def renewal_due(self) -> bool:
        """Whether saving the unchanged session would move its expiry by a minute or more."""
        if self._stored_expiry is None:
            return True
        renewed = timezone.now() + timedelta(seconds=self.get_expiry_age())
        return renewed - self._stored_expiry >= RENEWAL_INTERVAL

    def save(self, must_create: bool = False) -> None:
        if must_create or self.modified or self.renewal_due():
            super().save(must_create=must_create)
            self._stored_expiry = self.get_expiry_date()
