"""Checking an uploaded file at the edge, before anything is stored.

The type is decided by the content (filetype reads the first bytes), never by the name or the
type the browser claims: PDF, JPEG, PNG and TIFF are taken (HEIC is refused with a reason). The
size is counted while the file is read, in chunks, and reading stops as soon as it passes
DOCUMENTS_MAX_BYTES (a 2 GB file is never read into memory). A PDF is opened with pypdf and
refused when it is encrypted or unreadable, or holds JavaScript, an automatic action
(/OpenAction, /AA), a launch action or embedded files. A JPEG, PNG or TIFF is decoded and
written anew without its metadata (EXIF with the GPS position, text chunks:
lotse/documents/images.py), or refused when it cannot be decoded. The stored file's extension
comes from the detected type."""

import hashlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from lotse.documents.images import strip_metadata

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CHUNK = 64 * 1024
# How many PDF objects the check walks at most: a file with more is refused as unreadable.
MAX_PDF_OBJECTS = 200_000

# Detected MIME type → the extension the stored file gets.
ACCEPTED: dict[str, str] = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
}
# Recognised, but refused: a HEIC photo cannot be stored without its metadata (the position
# where it was taken) — Pillow cannot decode it, and the plugin that could (pillow-heif) ships
# an encoder under the GPL.
REFUSED_PHOTOS = {"image/heic", "image/heif", "image/avif"}
PROGRAMS = {"application/x-executable", "application/x-msdownload", "application/wasm"}

# PDF names that make a document run something: (key or action type, what the refusal says)
_ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/OpenAction": "automatic action",
    "/AA": "automatic action",
    "/Launch": "launch action",
    "/EmbeddedFiles": "embedded files",
    "/EmbeddedFile": "embedded files",
}


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: its content (a photo without its metadata), what it is,
    its size and fingerprint (of what is stored), and the fingerprint of the upload."""

    file: File
    content_type: str
    extension: str
    size: int
    sha256: str
    uploaded_sha256: str = ""
    metadata_removed: tuple[str, ...] = ()  # "exif", "gps", "text": what a photo carried


def max_bytes() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        {"file": _("The file is larger than %(size)s MB.") % {"size": _megabytes(limit)}},
        code="too_large",
    )


def _chunks(upload: Any) -> Iterator[bytes]:
    if hasattr(upload, "chunks"):
        yield from upload.chunks(CHUNK)
        return
    while chunk := upload.read(CHUNK):
        yield chunk


def _copy_limited(upload: Any, limit: int) -> tuple[IO[bytes], int, str]:
    """The upload copied into a temporary file, its size and SHA-256; refused as soon as more
    than `limit` bytes were read."""
    declared = getattr(upload, "size", None)
    if declared is not None and declared > limit:
        raise _too_large(limit)
    copy = tempfile.SpooledTemporaryFile(max_size=CHUNK * 16)  # noqa: SIM115 - returned open
    digest = hashlib.sha256()
    size = 0
    for chunk in _chunks(upload):
        size += len(chunk)
        if size > limit:
            copy.close()
            raise _too_large(limit)
        digest.update(chunk)
        copy.write(chunk)
    copy.seek(0)
    return copy, size, digest.hexdigest()


def _detected(head: bytes) -> str:
    """What the content is, for the refusal."""
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime in PROGRAMS:
            return _("a program, %(type)s") % {"type": kind.mime}
        return str(kind.mime)
    if head.startswith(b"#!"):
        return _("a script")
    if head.startswith(b"MZ"):
        return _("a program, %(type)s") % {"type": "application/x-msdownload"}
    if not head:
        return _("an empty file")
    return _("unknown content")


def _active_content(reader: Any) -> str:
    """What of _ACTIVE_KEYS the PDF holds anywhere in its objects (JavaScript first), or ""."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    found: set[str] = set()
    walked = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        walked += 1
        if walked > MAX_PDF_OBJECTS:
            raise ValueError("too many objects")
        if isinstance(node, DictionaryObject):
            for name, value in node.items():
                if name in _ACTIVE_KEYS:
                    found.add(_ACTIVE_KEYS[name])
                if name == "/S" and isinstance(value, NameObject) and value in _ACTIVE_KEYS:
                    found.add(_ACTIVE_KEYS[value])
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return next((what for what in _PRIORITY if what in found), "")


_PRIORITY = ("JavaScript", "launch action", "embedded files", "automatic action")


def _what(found: str) -> str:
    labels = {
        "JavaScript": "JavaScript",
        "automatic action": _("an automatic action"),
        "launch action": _("a program launch"),
        "embedded files": _("embedded files"),
    }
    return labels[found]


def _check_pdf(copy: IO[bytes]) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(copy, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                {"file": _("The PDF is encrypted or password-protected and is not accepted.")},
                code="encrypted",
            )
        found = _active_content(reader)
        if not reader.pages:
            raise ValueError("no pages")
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise ValidationError(
            {"file": _("The PDF cannot be read (it is damaged or not a valid PDF).")},
            code="unreadable",
        ) from exc
    finally:
        copy.seek(0)
    if found:
        raise ValidationError(
            {
                "file": _("The PDF contains executable content (%(what)s) and is not accepted.")
                % {"what": _what(found)}
            },
            code="active_content",
        )


def check_upload(upload: Any, *, limit: int | None = None) -> CheckedFile:
    """The upload checked: type by content, size while reading, a PDF's active content. A
    ValidationError on the field `file` says why it is refused; nothing is stored either way."""
    if upload is None:
        raise ValidationError({"file": _("Choose the file to upload.")}, code="required")
    limit = max_bytes() if limit is None else limit
    copy, size, sha256 = _copy_limited(upload, limit)
    try:
        head = copy.read(8192)
        copy.seek(0)
        kind = filetype.guess(head)
        mime = kind.mime if kind is not None else ""
        if mime in REFUSED_PHOTOS:
            raise ValidationError(
                {
                    "file": _(
                        "Photos in the HEIC format cannot be stored without the location where "
                        "they were taken. Please upload the photo as JPEG or PDF (on an iPhone: "
                        "Settings → Camera → Formats → Most Compatible)."
                    )
                },
                code="heic",
            )
        if mime not in ACCEPTED:
            raise ValidationError(
                {
                    "file": _("The file is not a PDF or an image (detected: %(found)s).")
                    % {"found": _detected(head)}
                },
                code="type",
            )
        if mime == "application/pdf":
            _check_pdf(copy)
        stripped = strip_metadata(copy, mime)
    except ValidationError:
        copy.close()
        raise
    extension = ACCEPTED[mime]
    if stripped is None:
        return CheckedFile(
            file=File(copy, name=f"document.{extension}"),
            content_type=mime,
            extension=extension,
            size=size,
            sha256=sha256,
            uploaded_sha256=sha256,
        )
    copy.close()
    return CheckedFile(
        file=File(stripped.file, name=f"document.{extension}"),
        content_type=mime,
        extension=extension,
        size=stripped.size,
        sha256=stripped.sha256,
        uploaded_sha256=sha256,
        metadata_removed=stripped.removed,
    )
