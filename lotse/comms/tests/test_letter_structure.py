"""The letter's PDF/UA-1 essentials, read back with a PDF library (pypdf): veraPDF is in no
registry we can install from, so the machine-checkable parts of the Matterhorn protocol that a
letter can fail are checked here — the document's language, marked and titled; the XMP
identification as PDF/UA-1; a structure tree of standard types in which the German passage and
the translation are each a section with its own heading and its own /Lang; the page's tab order
following the structure; every font embedded."""

import io

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from lotse.comms.letters import letter_render
from lotse.comms.tests.conftest import CONTEXT

pytestmark = pytest.mark.usefixtures("letter_templates")

# The standard structure types of ISO 32000-1, 14.8.4 (PDF/UA-1 needs others role-mapped).
STANDARD_TYPES = {
    "/Document", "/Part", "/Art", "/Sect", "/Div", "/BlockQuote", "/Caption", "/TOC", "/TOCI",
    "/Index", "/NonStruct", "/Private", "/P", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6",
    "/L", "/LI", "/Lbl", "/LBody", "/Table", "/TR", "/TH", "/TD", "/THead", "/TBody", "/TFoot",
    "/Span", "/Quote", "/Note", "/Reference", "/BibEntry", "/Code", "/Link", "/Annot", "/Ruby",
    "/RB", "/RT", "/RP", "/Warichu", "/WT", "/WP", "/Figure", "/Formula", "/Form",
}  # fmt: skip


def _elements(node, parent_lang: str = "") -> list[tuple[str, str, list]]:
    """Every structure element as (type, language in force, its child elements' types)."""
    node = node.get_object()
    if not isinstance(node, DictionaryObject):
        return []  # a marked-content id or a content item
    lang = str(node.get("/Lang", parent_lang))
    kids = node.get("/K")
    kids = [] if kids is None else kids if isinstance(kids, ArrayObject) else [kids]
    found: list[tuple[str, str, list]] = []
    child_types = []
    for kid in kids:
        below = _elements(kid, lang)
        if below:
            child_types.append(below[0][0])
        found += below
    if "/S" in node:
        found.insert(0, (str(node["/S"]), lang, child_types))
    return found


def _reader(language: str) -> PdfReader:
    pdf = letter_render(template_code="invitation", language=language, context=CONTEXT)
    return PdfReader(io.BytesIO(pdf))


@pytest.mark.parametrize("language", ["ar", "ti", "uk"])
def test_the_letter_meets_the_checkable_pdf_ua_rules(language):
    reader = _reader(language)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "de"  # the binding German text is the document's language
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfuaid:part="1"' in xmp
    assert "Einladung zu einem Termin" in xmp  # dc:title, shown as the window's title

    tree = catalog["/StructTreeRoot"]
    assert "/ParentTree" in tree
    elements = _elements(tree)
    assert elements, "no structure elements"
    unknown = {kind for kind, _lang, _kids in elements} - STANDARD_TYPES - {"/StructTreeRoot"}
    assert not unknown or all(kind in tree.get("/RoleMap", {}) for kind in unknown), unknown
    passages = [(kind, lang, kids) for kind, lang, kids in elements if kind in ("/Sect", "/Art")]
    languages = [lang for _kind, lang, _kids in passages]
    assert languages == ["de", language]  # German first, then the translation, each tagged
    for _kind, lang, kids in passages:
        assert "/H1" in kids, f"the {lang} passage has no heading"

    for page in reader.pages:
        assert page["/Tabs"] == "/S"  # the tab order follows the structure
        assert "/StructParents" in page
        fonts = page["/Resources"]["/Font"]
        for name in fonts:
            font = fonts[name].get_object()
            descendant = font.get("/DescendantFonts")
            described = descendant[0].get_object() if descendant else font
            descriptor = described["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (
                f"font {descriptor.get('/FontName')} is not embedded"
            )
