"""Text that cannot be stored as it was meant, refused at the edge (forms and API schemas)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# NUL (PostgreSQL refuses it), lone surrogate halves (valid in JSON as "\ud800", but not UTF-8:
# no database stores them) and U+FFFD, which Django puts where a form sent bytes that are not
# UTF-8 (%ED%A0%80 is such a half): storing it would silently change the entry.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff\ufffd]")


def unstorable_text_message() -> str:
    return _("The text contains a character that cannot be stored. Retype the entry.")


def validate_storable_text(value: str) -> None:
    if isinstance(value, str) and _UNSTORABLE.search(value):
        raise ValidationError(unstorable_text_message(), code="unstorable")


def is_storable_text(value: str) -> bool:
    return not _UNSTORABLE.search(value)


def check_length(value: str, max_length: int, field: str) -> str:
    """`value` stripped, or a refusal naming `field` when it is longer than the column holds:
    an entry is never cut silently."""
    value = value.strip()
    if len(value) > max_length:
        raise ValidationError({field: _("At most %(count)s characters.") % {"count": max_length}})
    return value
