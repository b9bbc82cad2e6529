"""What the printed documents share: the base stylesheet, given to WeasyPrint before each
document's own."""

from pathlib import Path

BASE_STYLESHEET = Path(__file__).parent / "base.css"


def stylesheets(own: Path) -> list:
    import weasyprint  # imported here: loading Pango costs time that only an export needs

    return [weasyprint.CSS(filename=str(BASE_STYLESHEET)), weasyprint.CSS(filename=str(own))]
