"""Limits that pages and the API tell the user about."""

from django.conf import settings


def upload_limit_mb() -> str:
    """DATA_UPLOAD_MAX_MEMORY_SIZE in MB for a message, e.g. "2.5" (Django's default)."""
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024:.1f}".removesuffix(".0")
