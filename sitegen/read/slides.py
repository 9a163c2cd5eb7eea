"""PowerPoint (PPTX) decks -> Markdown the Markdown reader reads.

A briefing or an industry report often circulates as the deck it was presented
with. A PPTX is a ZIP of one XML file per slide, in the order the presentation
file lists them; each slide's shapes say which is its title (a `title` or
`ctrTitle` placeholder). The first slide's title is the deck's title and the
other slides' titles its sections, so a deck is one article; every other text
paragraph is a paragraph, a table's rows are rows. Speaker notes, hidden slides
and the slide masters' boilerplate (footers, slide numbers) are left out. The
deck's properties give title and author as a Word file's do
(`documents.core_properties_meta`).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from sitegen.read.documents import (
    DocumentBlock,
    DocumentError,
    Extracted,
    as_markdown,
    compiled_meta,
    core_properties_meta,
    member_xml,
    zip_members,
)

NAME = "slides"
LABEL = "PowerPoint"

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PRESENTATION = "ppt/presentation.xml"
_TITLE_PLACEHOLDERS = {"title", "ctrTitle"}
# Placeholders the slide master fills in on every slide: no part of the content.
_FURNITURE_PLACEHOLDERS = {"dt", "ftr", "sldNum", "hdr"}
_SLIDE_NUMBER = re.compile(r"slide(\d+)\.xml$")


def matches(data: bytes) -> bool:
    members = zip_members(data)
    return members is not None and _PRESENTATION in members


def extract(data: bytes) -> Extracted:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        paragraphs: list[DocumentBlock] = []
        for slide in _slide_names(archive):
            paragraphs.extend(_slide_blocks(member_xml(archive, slide, LABEL), first=not paragraphs))
        meta = core_properties_meta(archive, LABEL)
    if not any(p.text.strip() or p.row for p in paragraphs):
        raise DocumentError("PowerPoint (PPTX) file with no text on its slides")
    if any(p.heading for p in paragraphs):
        meta.pop("title", None)  # the first slide's title says better what the deck is
    markdown = as_markdown(paragraphs)
    return Extracted(markdown, "PowerPoint (PPTX)", compiled_meta(meta, markdown), reader="markdown")


def _slide_names(archive: zipfile.ZipFile) -> list[str]:
    """The slides in the order the presentation lists them, hidden ones left out;
    by their numbers when the list cannot be followed."""
    presentation = member_xml(archive, _PRESENTATION, LABEL)
    targets = _relationship_targets(archive, "ppt/_rels/presentation.xml.rels")
    listed = [targets.get(entry.get(f"{_R}id", "")) for entry in presentation.iter(f"{_P}sldId")]
    names = set(archive.namelist())
    if listed and all(name in names for name in listed):
        return [name for name in listed if not _hidden(member_xml(archive, name, LABEL))]
    found = [name for name in names if name.startswith("ppt/slides/") and _SLIDE_NUMBER.search(name)]
    return sorted(found, key=lambda name: int(_SLIDE_NUMBER.search(name).group(1)))


def _relationship_targets(archive: zipfile.ZipFile, rels: str) -> dict[str, str]:
    """Relationship id -> the member it points to, resolved against `ppt/`."""
    if rels not in archive.namelist():
        return {}
    return {
        rel.get("Id", ""): posixpath.normpath(posixpath.join("ppt", rel.get("Target", "")))
        for rel in member_xml(archive, rels, LABEL).iter(f"{_RELS}Relationship")
    }


def _hidden(slide: Any) -> bool:
    return slide.get("show") in ("0", "false")


def _slide_blocks(slide: Any, first: bool) -> Iterator[DocumentBlock]:
    """A slide's title (the deck's title on the first slide, else a section) and
    its other shapes' paragraphs and table rows, in the order they were drawn."""
    tree = slide.find(f"{_P}cSld/{_P}spTree")
    if tree is None:
        return
    for shape in tree.iter(f"{_P}sp", f"{_P}graphicFrame"):
        if shape.tag == f"{_P}graphicFrame":
            yield from _table_rows(shape)
            continue
        kind = _placeholder(shape)
        if kind in _FURNITURE_PLACEHOLDERS:
            continue
        texts = [text for text in map(_paragraph_text, shape.iter(f"{_A}p")) if text]
        if kind in _TITLE_PLACEHOLDERS and texts:
            yield DocumentBlock(" ".join(texts), -1 if first else 1)
            first = False
        else:
            yield from (DocumentBlock(text) for text in texts)


def _placeholder(shape: Any) -> str | None:
    placeholder = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
    return None if placeholder is None else placeholder.get("type", "body")


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's runs and fields; a line break inside it is a space."""
    parts = [" " if element.tag == f"{_A}br" else element.text or "" for element in paragraph.iter(f"{_A}t", f"{_A}br")]
    return "".join(parts).strip()


def _table_rows(frame: Any) -> Iterator[DocumentBlock]:
    for row in frame.iter(f"{_A}tr"):
        cells = [" ".join(filter(None, map(_paragraph_text, cell.iter(f"{_A}p")))) for cell in row.iter(f"{_A}tc")]
        if any(cells):
            yield DocumentBlock("", row=cells)
