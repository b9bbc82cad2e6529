"""Photos of documents lose their metadata before they are stored (docs/documents.md).

A phone's photo of an ID card or a certificate carries EXIF: the GPS position where it was
taken, the device, the time; a PNG can carry text chunks, a TIFF XMP or IPTC. None of it belongs
to the document. A JPEG, PNG or TIFF is decoded with Pillow, turned upright by its EXIF
orientation, and written anew from its pixels alone (only the colour profile is kept, it is
part of the picture). What was found is reported, so that the document can say that it was
removed. An image Pillow cannot decode is refused: it would be stored unread otherwise.

HEIC is refused at the upload (lotse/documents/validation.py): Pillow cannot decode it without
a plugin lotse does not ship (docs/documents.md, "Photos").
"""

import hashlib
import tempfile
import warnings
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

CHUNK = 64 * 1024
# The formats written anew, by detected type: Pillow's format name.
STRIPPED = {"image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF"}
JPEG_QUALITY = 95
GPS_IFD = 0x8825
ORIENTATION = 0x0112
# Metadata keys of Pillow's `info` that are no part of the picture.
_TEXT_KEYS = {"xmp", "XML:com.adobe.xmp", "photoshop", "comment", "iptc"}


@dataclass(frozen=True)
class Stripped:
    file: IO[bytes]
    size: int
    sha256: str
    removed: tuple[str, ...]  # what was found and dropped: "exif", "gps", "text"


def _unreadable() -> ValidationError:
    return ValidationError(
        {"file": _("The image cannot be read (it is damaged or not a valid image).")},
        code="unreadable_image",
    )


# A TIFF's own tags (size, compression, strips) are read as EXIF: only these are metadata in it.
_TIFF_METADATA = {0x010F, 0x0110, 0x0131, 0x0132, 0x013B, 0x8298, 0x8769, GPS_IFD}


def _found(image: Image.Image) -> list[str]:
    found = []
    exif = image.getexif()
    keys = set(exif) & _TIFF_METADATA if image.format == "TIFF" else set(exif)
    if keys or image.info.get("exif"):
        found.append("exif")
        if exif.get_ifd(GPS_IFD) or GPS_IFD in exif:
            found.append("gps")
    text = getattr(image, "text", None)  # PNG tEXt, zTXt, iTXt
    tags = getattr(image, "tag_v2", None)  # TIFF: XMP 700, IPTC 33723, Photoshop 34377
    if (
        text
        or _TEXT_KEYS & set(image.info)
        or (tags is not None and {700, 33723, 34377} & set(tags))
    ):
        found.append("text")
    return found


def _clean(frame: Image.Image) -> Image.Image:
    """A new image of the frame's pixels (and palette) only: nothing of its `info` travels."""
    clean = Image.frombytes(frame.mode, frame.size, frame.tobytes())
    if frame.mode in ("P", "PA") and frame.palette is not None:
        clean.putpalette(frame.getpalette() or [])
    if "transparency" in frame.info and frame.mode in ("P", "L", "RGB", "I"):
        clean.info["transparency"] = frame.info["transparency"]
    return clean


def _frames(image: Image.Image) -> list[Image.Image]:
    frames = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frames.append(_clean(ImageOps.exif_transpose(image) or image))
    image.seek(0)
    return frames


def _save(frames: list[Image.Image], mime: str, icc: bytes | None, out: IO[bytes]) -> None:
    first, rest = frames[0], frames[1:]
    options: dict = {"icc_profile": icc} if icc else {}
    if "transparency" in first.info:
        options["transparency"] = first.info["transparency"]
    if mime == "image/jpeg":
        first.save(out, "JPEG", quality=JPEG_QUALITY, **options)
    elif mime == "image/png":
        first.save(out, "PNG", optimize=False, **options)
    else:
        compression = "group4" if first.mode == "1" else "tiff_lzw"
        first.save(out, "TIFF", compression=compression, save_all=bool(rest), append_images=rest)


def strip_metadata(source: IO[bytes], mime: str) -> Stripped | None:
    """The image in `source` written anew without its metadata, or None for a type that is not
    written anew (PDF). Refused (ValidationError on `file`) when it cannot be decoded or
    is a decompression bomb (more pixels than Pillow's limit)."""
    if mime not in STRIPPED:
        return None
    out = tempfile.SpooledTemporaryFile(max_size=CHUNK * 16)  # noqa: SIM115 - returned open
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source, formats=[STRIPPED[mime]]) as image:
                image.load()
                found = _found(image)
                icc = image.info.get("icc_profile")
                frames = _frames(image)
        _save(frames, mime, icc, out)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ) as exc:
        out.close()
        raise _unreadable() from exc
    finally:
        source.seek(0)
    size = out.tell()
    out.seek(0)
    digest = hashlib.sha256()
    while chunk := out.read(CHUNK):
        digest.update(chunk)
    out.seek(0)
    return Stripped(file=out, size=size, sha256=digest.hexdigest(), removed=tuple(found))
