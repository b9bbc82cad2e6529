"""Reading a rendered PDF with poppler-utils (pdftotext, pdftoppm) and zlib."""

import re
import shutil
import subprocess
import zlib
from html.parser import HTMLParser

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - a fixed binary reading bytes we made
        [_tool("pdftotext"), "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def page_png(pdf: bytes, page: int = 1, dpi: int = 100) -> bytes:
    result = subprocess.run(  # noqa: S603
        [_tool("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[list[tuple[float, float, float, float, str]]] = []
        self._word: tuple[float, float, float, float] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag == "line":
            self.lines.append([])
        elif tag == "word":
            self._word = tuple(float(values[key]) for key in ("xmin", "ymin", "xmax", "ymax"))  # type: ignore[assignment]

    def handle_data(self, data: str) -> None:
        if self._word is not None and data.strip():
            self.lines[-1].append((*self._word, data.strip()))
            self._word = None


def word_boxes(pdf: bytes) -> list[list[tuple[float, float, float, float, str]]]:
    """The words of page 1, line by line in reading order, as (xmin, ymin, xmax, ymax, word)
    in points from the top left corner of the page."""
    result = subprocess.run(  # noqa: S603
        [_tool("pdftotext"), "-f", "1", "-l", "1", "-bbox-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    parser = _Words()
    parser.feed(result.stdout.decode())
    return [line for line in parser.lines if line]


def word_lines(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """The words of page 1, line by line in reading order, as (xmin, xmax, word)."""
    return [[(x0, x1, word) for x0, _y0, x1, _y1, word in line] for line in word_boxes(pdf)]


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with every Flate stream decompressed (object streams hold the structure tree)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)
