"""EPUB e-books (a collected issue of a newsletter, a report) -> Markdown.

An EPUB is a ZIP of XHTML chapters in the reading order its package file
(`*.opf`) lists. Each chapter's headings and paragraphs are taken as they are
marked; the shallowest heading level used in the book becomes `#`, so a
book whose chapters each open with an `<h1>` bundles one article per chapter,
as a Markdown file with several `#` sections does. The table of contents
(`nav`) and chapters marked as outside the reading order are left out. The
package's title, creator, publisher and date are the book's metadata.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from typing import Any
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from sitegen.read.documents import (
    DocumentBlock,
    DocumentError,
    Extracted,
    as_markdown,
    compiled_meta,
    document_meta,
    member_xml,
    read_member,
    zip_members,
)

NAME = "epub"
LABEL = "EPUB"

_CONTAINER = "META-INF/container.xml"
_ENCRYPTION = "META-INF/encryption.xml"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CHAPTER_TYPES = ("application/xhtml+xml", "text/html")
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Elements whose text is one block, unless they hold blocks of their own.
_BLOCKS = frozenset({"p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "div", "section", "article", "td", "th"})
_DECLARED_ENCODING = re.compile(rb"""\s*<\?xml[^>]{0,200}?encoding=["']([A-Za-z0-9._-]{1,40})["']""")
_SKIPPED = frozenset({"script", "style", "nav", "head", "aside"})


def matches(data: bytes) -> bool:
    members = zip_members(data)
    return members is not None and _CONTAINER in members and b"application/epub+zip" in data[:200]


def extract(data: bytes) -> Extracted:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        package_path = _package_path(archive)
        package = member_xml(archive, package_path, LABEL)
        blocks = [block for chapter in _chapters(archive, package, package_path) for block in chapter]
        protected = _ENCRYPTION in archive.namelist()
    if not any(block.text.strip() for block in blocks):
        # Fonts are often listed as encrypted in a readable book; with no text, the chapters are.
        raise DocumentError("EPUB is DRM-protected: its chapters are encrypted" if protected else "EPUB file with no text")
    meta = _meta(package)
    if any(block.heading for block in blocks):
        meta.pop("title", None)  # the chapters' own headings name the articles
    markdown = as_markdown(_shallowest_first(blocks))
    return Extracted(markdown, "EPUB", compiled_meta(meta, markdown), reader="markdown")


def _package_path(archive: zipfile.ZipFile) -> str:
    rootfile = member_xml(archive, _CONTAINER, LABEL).find(".//{*}rootfile")
    path = rootfile.get("full-path", "") if rootfile is not None else ""
    if not path:
        raise DocumentError("damaged EPUB: META-INF/container.xml names no package file")
    return path


def _chapters(archive: zipfile.ZipFile, package: Any, package_path: str) -> Iterator[list[DocumentBlock]]:
    """Each chapter of the reading order, as blocks."""
    manifest = {item.get("id"): item for item in package.iter(f"{_OPF}item")}
    folder = posixpath.dirname(package_path)
    for reference in package.iter(f"{_OPF}itemref"):
        item = manifest.get(reference.get("idref"))
        if item is None or reference.get("linear") == "no" or "nav" in (item.get("properties") or "").split():
            continue
        if item.get("media-type") not in _CHAPTER_TYPES:
            continue
        name = posixpath.normpath(posixpath.join(folder, unquote(item.get("href", ""))))
        if name in archive.namelist():
            yield list(_chapter_blocks(read_member(archive, name)))


def _chapter_blocks(data: bytes) -> Iterator[DocumentBlock]:
    """A chapter read leniently as HTML (not every EPUB's XHTML is well-formed),
    in the encoding its XML declaration names: UTF-8 unless it says otherwise;
    nothing from bytes that are no text in that encoding (an encrypted chapter)."""
    declared = _DECLARED_ENCODING.match(data)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        data.decode(encoding)  # encrypted bytes never decode: no markup to read
        document = lxml_html.fromstring(data, parser=lxml_html.HTMLParser(encoding=encoding))
    except (etree.ParserError, LookupError, ValueError):
        return
    body = document.find(".//body")
    yield from _blocks(body if body is not None else document)


def _blocks(element: Any) -> Iterator[DocumentBlock]:
    """Headings and the innermost block elements, in order; loose text
    between blocks is a paragraph of its own."""
    if element.text and element.text.strip():
        yield DocumentBlock(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _HEADINGS:
            yield DocumentBlock(child.text_content(), _HEADINGS[tag])
        elif tag in _SKIPPED:
            pass
        elif tag == "tr":
            yield DocumentBlock("", row=[cell.text_content() for cell in child if cell.tag in ("td", "th")])
        elif tag in _BLOCKS and not _holds_blocks(child):
            yield DocumentBlock(_inline_text(child), item=tag == "li")
        elif tag:
            yield from _blocks(child)
        if child.tail and child.tail.strip():
            yield DocumentBlock(child.tail)


def _holds_blocks(element: Any) -> bool:
    return any(isinstance(d.tag, str) and (d.tag in _BLOCKS or d.tag in _HEADINGS or d.tag == "tr") for d in element.iterdescendants())


def _inline_text(element: Any) -> str:
    """Text with `<br>` as a line break."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return element.text_content()


def _shallowest_first(blocks: list[DocumentBlock]) -> list[DocumentBlock]:
    """Heading levels moved up so the shallowest one used is level 1."""
    levels = [block.heading for block in blocks if block.heading > 0]
    shift = min(levels) - 1 if levels else 0
    return [DocumentBlock(b.text, b.heading - shift, b.item, b.row) if b.heading > 0 else b for b in blocks]


def _meta(package: Any) -> dict[str, object]:
    metadata = package.find(f"{_OPF}metadata")
    if metadata is None:
        return {}
    meta = document_meta(metadata.findtext(f"{_DC}title"), metadata.findtext(f"{_DC}creator"))
    for key in ("publisher", "date"):
        value = metadata.findtext(f"{_DC}{key}")
        if value and value.strip():
            meta[key] = value.strip()
    return meta
