"""Binary document files (PDF, Word, OpenDocument, EPUB, Excel, PowerPoint) -> the text a reader reads.

Reports arrive as the PDF or Word file they were published in, not only as
text someone extracted. Each extractor module (`extractor_for`) recognises its
container by its bytes (`matches`), never by the file name, and turns it into
text the ordinary readers understand: Markdown headings and paragraphs for
documents that say which paragraph is a heading (Word, OpenDocument, EPUB,
PowerPoint), CSV for a workbook's first sheet, the page's lines with a form
feed between pages for PDF, whose page furniture and broken line-wraps the
plain reader and normalise already remove. What the container says about itself (title,
author) goes into `meta`, below what the text says.

An extractor raises `DocumentError` with a reason a person can act on
("encrypted", "no text layer: a scan?"); the build reports it against the file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from functools import lru_cache
from types import ModuleType
from typing import Any

from lxml import etree


_DC = "{http://purl.org/dc/elements/1.1/}"


class DocumentError(Exception):
    """The file is a document of a known kind, but no text can be taken from it."""


@dataclass(frozen=True)
class Extracted:
    text: str  # LF line ends; Markdown or plain text for the readers to sniff
    kind: str  # what the file was, for `sitegen inspect` and the source page: "PDF", "Word (DOCX)"
    meta: dict[str, object] = field(default_factory=dict)  # title, author ... from the container
    reader: str = ""  # the reader the text is written for (`markdown`); empty: sniff it


@dataclass(frozen=True)
class DocumentBlock:
    """A paragraph of a document as its format marks it."""

    text: str
    heading: int = 0  # 0: body text; 1..9: heading level; -1: the document's title
    item: bool = False
    row: list[str] | None = None  # the cells of a table row
    bold: bool = False  # every character set in bold: a heading, where no style says so


def extractor_for(data: bytes) -> ModuleType | None:
    """The extractor whose container `data` is, if any."""
    from sitegen.read import epub, office, pdf, slides, workbook

    for module in (pdf, office, epub, workbook, slides):
        if module.matches(data):
            return module
    return None


def extract_document(data: bytes) -> Extracted | DocumentError | None:
    """The text of a binary document, why it has none, or None when `data` is
    no document format (it is then decoded as text)."""
    module = extractor_for(data)
    if module is None:
        return None
    try:
        return module.extract(data)
    except DocumentError as error:
        return error
    except Exception as error:  # noqa: BLE001 - a damaged file must not stop the build
        return DocumentError(f"damaged {module.LABEL} file ({type(error).__name__}: {error})")


def zip_members(data: bytes) -> set[str] | None:
    """The names inside a ZIP container, or None when `data` is not one."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def member_xml(archive: zipfile.ZipFile, name: str, what: str) -> Any:
    """One member parsed as XML, without entities or network access (a document
    must not be able to reach beyond itself); a missing or broken member is a
    `DocumentError` naming `what` the file is (an extractor's LABEL: "EPUB")."""
    try:
        return etree.fromstring(read_member(archive, name), _xml_parser())
    except KeyError as error:
        raise DocumentError(f"damaged {what} file: {name} is missing") from error
    except etree.XMLSyntaxError as error:
        raise DocumentError(f"damaged {what} file: {name} is not well-formed XML ({error})") from error


@lru_cache(maxsize=1)
def _xml_parser() -> Any:
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def read_member(archive: zipfile.ZipFile, name: str, limit: int = 64 << 20) -> bytes:
    """One member's bytes, refusing a member that unpacks beyond `limit`: a
    small file must not be able to fill the memory (a ZIP bomb)."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise DocumentError(f"{name} unpacks to {info.file_size >> 20} MB, more than a document holds")
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise DocumentError(f"{name} unpacks to more than {limit >> 20} MB")
    return data


# What a word processor fills in by itself: a file name as the title, the
# machine's account as the author. Such values say nothing about the news.
_MACHINE_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|odt|pdf|wps|rtf|txt|html?)|untitled.*|无标题.*"
    r"|document\d*|文档\d*|新建.*文档.*|slide \d+|powerpoint presentation)$",
    re.IGNORECASE,
)
_MACHINE_AUTHOR = re.compile(
    r"^(?:administrator|admin|user|owner|microsoft office user|微软用户|windows 用户|walkingfish|"
    r"unknown|author|作者|dell|lenovo|hp|pc|acer|asus|china|中国)\d*$",
    re.IGNORECASE,
)


def plausible_title(title: str) -> bool:
    """A document property title a person wrote, not a file name or a template's."""
    title = title.strip()
    return 2 <= len(title) <= 200 and not _MACHINE_TITLE.match(title)


def plausible_author(author: str) -> bool:
    """A document property author that names someone, not the computer's account."""
    author = author.strip()
    return 2 <= len(author) <= 100 and not _MACHINE_AUTHOR.match(author)


def document_meta(title: str | None, author: str | None) -> dict[str, object]:
    """The title and author a document's properties give, where a person wrote them."""
    meta: dict[str, object] = {}
    if title and plausible_title(title):
        meta["title"] = title.strip()
    if author and plausible_author(author):
        meta["author"] = author.strip()
    return meta


def core_properties_meta(archive: zipfile.ZipFile, what: str) -> dict[str, object]:
    """Title and author from an Office Open XML file's `docProps/core.xml` (Word and
    PowerPoint alike), where a person wrote them; `what` names the file's kind."""
    if "docProps/core.xml" not in archive.namelist():
        return {}
    core = member_xml(archive, "docProps/core.xml", what)
    return document_meta(core.findtext(f"{_DC}title"), core.findtext(f"{_DC}creator"))


def compiled_meta(meta: dict[str, object], markdown: str) -> dict[str, object]:
    """A document of several articles (several `#` headings) was compiled by
    its author, not written: the author is nobody's byline then."""
    if len(re.findall(r"^# ", markdown, re.M)) > 1:
        return {key: value for key, value in meta.items() if key != "author"}
    return meta


def as_markdown(paragraphs: list[DocumentBlock]) -> str:
    """Blank-line separated blocks; a list's items and a table's rows stay
    together (a table under a delimiter row, as a pipe table needs)."""
    titled = any(p.heading == -1 for p in paragraphs)
    blocks: list[str] = []
    previous_item = False
    rows: list[list[str]] = []
    for paragraph in paragraphs:
        if paragraph.row is not None:
            rows.append(paragraph.row)
            continue
        if rows:
            blocks.append(_pipe_table(rows))
            rows, previous_item = [], False
        text = paragraph.text.strip()
        if text and paragraph.item and previous_item:
            blocks[-1] += "\n" + _block(paragraph, text, titled)
        elif text:
            blocks.append(_block(paragraph, text, titled))
        previous_item = paragraph.item and bool(text or previous_item)
    if rows:
        blocks.append(_pipe_table(rows))
    return "\n\n".join(blocks) + "\n"


def _block(paragraph: DocumentBlock, text: str, titled: bool) -> str:
    if paragraph.heading:
        level = 1 if paragraph.heading == -1 else min(6, paragraph.heading + titled)
        return "#" * level + " " + " ".join(text.split())
    if paragraph.item:
        return "- " + text.replace("\n", " ")
    return text


def _pipe_table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(_cell(c) for c in row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
