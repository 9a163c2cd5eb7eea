"""Word (DOCX) and OpenDocument (ODT) files -> Markdown the Markdown reader reads.

Both are ZIP archives of XML in which every paragraph says what it is: a
heading of some level (a style such as `Heading 1` / `标题 1`, or an outline
level), a list item, a table cell, body text. That structure is worth more
than any guess from the text, so it is written out as Markdown: headings as
`#` lines (a document with a `Title` paragraph keeps it as the only level-1
heading, its `Heading 1`s become sections; without one, each `Heading 1`
starts an article, as `#` does in Markdown), list items as `- ` lines and
tables as pipe tables. Many documents mark nothing and set their headings
in bold by hand: then short all-bold lines are the headings, and a document
with neither is left to the plain reader's rules for titles and sections.
The document's own properties give title and author when they look like a
person wrote them (`documents.plausible_*`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from sitegen.read.documents import (
    DocumentBlock,
    DocumentError,
    Extracted,
    as_markdown,
    compiled_meta,
    core_properties_meta,
    document_meta,
    member_xml,
    zip_members,
)

NAME = "office"
LABEL = "Word or OpenDocument"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Heading styles by name, in English and as Chinese Word names them.
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
BOLD_HEADING_CHARS = 60  # a bold line longer than this is emphasised text, not a heading
_SENTENCE_END = re.compile(r"[。！？!?；;]$")


def matches(data: bytes) -> bool:
    members = zip_members(data)
    return members is not None and ("word/document.xml" in members or _is_odt(data, members))


def _is_odt(data: bytes, members: set[str]) -> bool:
    return "content.xml" in members and _ODT_MIMETYPE in data[:200]


def extract(data: bytes) -> Extracted:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        if "word/document.xml" in archive.namelist():
            paragraphs, meta = list(_docx_paragraphs(archive)), core_properties_meta(archive, LABEL)
            kind = "Word (DOCX)"
        else:
            paragraphs, meta = list(_odt_paragraphs(archive)), _odt_meta(archive)
            kind = "OpenDocument (ODT)"
    if not any(p.text.strip() or p.row for p in paragraphs):
        raise DocumentError(f"{kind} file with no text")
    paragraphs = _bold_headings(paragraphs)
    if not any(p.heading for p in paragraphs):
        # Nothing marked: the plain reader's rules find the title, bylines and sections.
        return Extracted(as_markdown(paragraphs), kind, meta)
    meta.pop("title", None)  # the document's own headings say better which is its title
    markdown = as_markdown(paragraphs)
    return Extracted(markdown, kind, compiled_meta(meta, markdown), reader="markdown")


def _bold_headings(paragraphs: list[DocumentBlock]) -> list[DocumentBlock]:
    """Where no paragraph has a heading style, short all-bold lines are the
    headings people make by hand: the first the title, the others sections."""
    if any(p.heading for p in paragraphs):
        return paragraphs
    promoted: list[DocumentBlock] = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if paragraph.bold and not paragraph.item and 0 < len(text) <= BOLD_HEADING_CHARS and not _SENTENCE_END.search(text):
            level = 1 if any(p.heading for p in promoted) else -1
            paragraph = DocumentBlock(paragraph.text, level)
        promoted.append(paragraph)
    return promoted


# --------------------------------------------------------------------------- DOCX


def _docx_paragraphs(archive: zipfile.ZipFile) -> Iterator[DocumentBlock]:
    styles = _docx_styles(archive) if "word/styles.xml" in archive.namelist() else _Styles()
    body = member_xml(archive, "word/document.xml", LABEL).find(f"{_W}body")
    if body is None:
        raise DocumentError("damaged document: word/document.xml has no body")
    yield from _docx_blocks(body, styles)


def _docx_blocks(parent: Any, styles: _Styles) -> Iterator[DocumentBlock]:
    """Paragraphs and tables in document order; content controls (`w:sdt`)
    hold more of them."""
    for child in parent:
        if child.tag == f"{_W}p":
            yield _docx_paragraph(child, styles)
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                yield DocumentBlock("", row=[_docx_text(cell) for cell in row.findall(f"{_W}tc")])
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent"):
            yield from _docx_blocks(child, styles)


def _docx_paragraph(paragraph: Any, styles: _Styles) -> DocumentBlock:
    properties = paragraph.find(f"{_W}pPr")
    heading, item = 0, False
    if properties is not None:
        style = properties.find(f"{_W}pStyle")
        style_id = style.get(f"{_W}val", "") if style is not None else ""
        heading = styles.headings.get(style_id, 0) or _outline_level(properties)
        item = properties.find(f"{_W}numPr") is not None or style_id in styles.lists
    return DocumentBlock(_docx_text(paragraph), heading, item and not heading, bold=_all_bold(paragraph))


def _all_bold(paragraph: Any) -> bool:
    """Every run with text is bold by its own formatting (`<w:b/>`, not `w:val="0"`)."""
    runs = [run for run in paragraph.iter(f"{_W}r") if "".join(t.text or "" for t in run.iter(f"{_W}t")).strip()]
    return bool(runs) and all(_bold_run(run) for run in runs)


def _bold_run(run: Any) -> bool:
    bold = run.find(f"{_W}rPr/{_W}b")
    return bold is not None and bold.get(f"{_W}val", "true") not in ("0", "false", "off")


def _outline_level(properties: Any) -> int:
    level = properties.find(f"{_W}outlineLvl")
    value = level.get(f"{_W}val", "") if level is not None else ""
    return int(value) + 1 if value.isdigit() and int(value) < 9 else 0


def _docx_text(element: Any) -> str:
    """The visible text: runs' text, tabs and breaks; not deleted revisions,
    field codes or text boxes anchored in the paragraph."""
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}p"):
        if any(a.tag == f"{_W}txbxContent" for a in node.iterancestors()):
            continue
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag != f"{_W}p" or node is not element:
            parts.append("\n")
    return "".join(parts).strip("\n")


@dataclass(frozen=True)
class _Styles:
    headings: dict[str, int] = field(default_factory=dict)  # style id -> heading level, -1 the title
    lists: frozenset[str] = frozenset()  # ids of numbered or bulleted paragraph styles


def _docx_styles(archive: zipfile.ZipFile) -> _Styles:
    """Which paragraph styles are headings (by name or outline level) and which
    are list items (numbered in the style), following `basedOn` to the style
    each inherits from."""
    found: dict[str, int] = {}
    parents: dict[str, str] = {}
    lists: set[str] = set()
    for style in member_xml(archive, "word/styles.xml", LABEL).iter(f"{_W}style"):
        style_id = style.get(f"{_W}styleId", "")
        name = style.find(f"{_W}name")
        found[style_id] = _style_level(name.get(f"{_W}val", "") if name is not None else "", style)
        if style.find(f"{_W}pPr/{_W}numPr") is not None:
            lists.add(style_id)
        based = style.find(f"{_W}basedOn")
        if based is not None:
            parents[style_id] = based.get(f"{_W}val", "")
    return _Styles({style_id: _inherited(style_id, found, parents) for style_id in found}, frozenset(lists))


def _style_level(name: str, style: Any) -> int:
    heading = _HEADING_STYLE.match(name.strip())
    if heading:
        return int(heading.group(1))
    if _TITLE_STYLE.match(name.strip()):
        return -1
    properties = style.find(f"{_W}pPr")
    return _outline_level(properties) if properties is not None else 0


def _inherited(style_id: str, found: dict[str, int], parents: dict[str, str]) -> int:
    seen: set[str] = set()
    while style_id and style_id not in seen:
        if found.get(style_id):
            return found[style_id]
        seen.add(style_id)
        style_id = parents.get(style_id, "")
    return 0


# --------------------------------------------------------------------------- ODT


def _odt_paragraphs(archive: zipfile.ZipFile) -> Iterator[DocumentBlock]:
    body = member_xml(archive, "content.xml", LABEL).find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise DocumentError("damaged document: content.xml has no text body")
    yield from _odt_blocks(body, item=False)


def _odt_blocks(parent: Any, item: bool) -> Iterator[DocumentBlock]:
    for child in parent:
        if child.tag == f"{_TEXT}h":
            level = child.get(f"{_TEXT}outline-level", "1")
            yield DocumentBlock(_odt_text(child), int(level) if level.isdigit() else 1)
        elif child.tag == f"{_TEXT}p":
            yield DocumentBlock(_odt_text(child), item=item)
        elif child.tag in (f"{_TEXT}list", f"{_TEXT}list-item", f"{_TEXT}section"):
            yield from _odt_blocks(child, item or child.tag != f"{_TEXT}section")
        elif child.tag == f"{_TABLE}table":
            for row in child.iter(f"{_TABLE}table-row"):
                cells = row.findall(f"{_TABLE}table-cell")
                yield DocumentBlock("", row=["\n".join(_odt_text(p) for p in cell.iter(f"{_TEXT}p")) for cell in cells])


def _odt_text(element: Any) -> str:
    """Text with `text:s` (runs of spaces), tabs and line breaks spelled out;
    notes (`text:note`) are left out of the sentence they hang on."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag != f"{_TEXT}note":
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odt_meta(archive: zipfile.ZipFile) -> dict[str, object]:
    if "meta.xml" not in archive.namelist():
        return {}
    meta = member_xml(archive, "meta.xml", LABEL)
    title = meta.findtext(f".//{_DC}title")
    author = meta.findtext(f".//{_META}initial-creator") or meta.findtext(f".//{_DC}creator")
    return document_meta(title, author)
