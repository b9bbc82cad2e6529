"""Reading query parameters that people type or cut off: never a server error."""

import re

from django.http import HttpRequest

# Control characters (NUL among them, which PostgreSQL refuses in any text) mean nothing in a
# search; they are dropped rather than passed to the database.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def search_text(request: HttpRequest, name: str = "q", *, limit: int = 100) -> str:
    """The parameter as typed, without control characters, trimmed and at most `limit` long."""
    return _CONTROL.sub("", request.GET.get(name, "")).strip()[:limit]
