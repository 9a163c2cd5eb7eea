"""PDF files: the text layer, page by page, for the text readers.

A PDF keeps no paragraphs, only glyphs placed on pages. pypdf gives the
page's visual lines in the order they were drawn (column by column, which
its layout mode does not keep) but no blank line between paragraphs, and
the readers take a block without blank lines for one paragraph: a whole
page would become one. So a blank line goes where the lines' positions show
a paragraph starting: an indented first line, a larger gap, a change of
type size (a heading), a jump up the page (the next column). A break too
many costs nothing: normalise joins a sentence that runs on into the next
block, as it does across the form feed line put between pages, which is
what `pages.strip_page_furniture` takes for a page break when it drops the
page numbers and running headers.

Two artefacts of Chinese PDFs are undone because no later step can tell
them from text: Kangxi radicals (`⼈⼯智能`) that some fonts' Unicode maps
give for ordinary characters, and control characters from fonts without one.

The document information dictionary is written by whatever program made the
file: its Title and Author are kept only when they look like a person typed
them (`documents.document_meta`, shared with Word and EPUB); a file name or
the account of the PC that saved the file says nothing about the report. The
Title must also be printed on the first page, or it names a series.
Its CreationDate is when the file was made, not when the report appeared,
and is not used.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from sitegen.read.documents import DocumentError, Extracted, document_meta

if TYPE_CHECKING:  # pypdf takes ~0.1 s to import: only a build that reads a PDF pays it
    from pypdf import PageObject, PdfReader

NAME = "pdf"
LABEL = "PDF"

# The PDF spec lets a reader find the header anywhere in the first 1024 bytes.
HEADER_WITHIN = 1024
# The file's end mark; a download cut short has none near the end.
END_MARK, END_WITHIN = b"%%EOF", 1024
PAGE_BREAK = "\n\f\n"
# A line starts a paragraph when it stands this many ems right of the line
# before (a first-line indent), this many ems left of it (after a centred
# title), or this many line pitches below it (space between paragraphs).
INDENT_EMS = 0.5
OUTDENT_EMS = 3.0
GAP_PITCHES = 1.4
SIZE_CHANGE = 0.15  # a type size this much larger or smaller

_HEADER = re.compile(rb"%PDF-\d\.\d")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TRAILING_SPACE = re.compile(r"[ \t\u3000]+$", re.MULTILINE)
# Kangxi radicals -> the ideographs they stand for (⼈ U+2F08 -> 人 U+4EBA).
_RADICALS = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)}

# pypdf logs each repair it makes to a damaged file; the build reports the
# file's one reason instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def matches(data: bytes) -> bool:
    """The header near the start and PDF objects after it: a text that
    quotes `%PDF-1.7` in its first lines is still a text."""
    header = _HEADER.search(data[:HEADER_WITHIN])
    return header is not None and b"obj" in data[header.end() : header.end() + (1 << 20)]


def extract(data: bytes) -> Extracted:
    from pypdf.errors import PdfReadError

    try:
        reader = _open(data)
        pages = [_page_text(page) for page in reader.pages]
        meta = _meta(reader, pages[0] if pages else "")
    except PdfReadError as error:
        raise _damaged(data, error) from error
    text = PAGE_BREAK.join(pages)
    if not any(ch.isalnum() for ch in text):
        raise DocumentError("PDF has no text layer (a scanned image?); run OCR first")
    return Extracted(text, LABEL, meta)


def _open(data: bytes) -> PdfReader:
    """The reader, decrypted when only an owner password restricts the file
    (no copying or printing, but anyone may open it)."""
    from pypdf import PdfReader

    header = _HEADER.search(data[:HEADER_WITHIN])
    reader = PdfReader(BytesIO(data[header.start() if header else 0 :]))
    if reader.is_encrypted and not reader.decrypt(""):
        raise DocumentError("encrypted PDF: needs a password")
    return reader


def _damaged(data: bytes, error: Exception) -> DocumentError:
    if END_MARK not in data[-END_WITHIN:]:
        return DocumentError("PDF file is cut short (no %%EOF at its end); download or copy it again")
    return DocumentError(f"damaged PDF file ({error}); open and save it again, or get a new copy")


@dataclass
class _Line:
    text: str = ""
    x: float | None = None  # where its first glyph stands on the page, None while blank
    y: float = 0.0
    size: float = 0.0  # its type size on the page


def _page_text(page: PageObject) -> str:
    lines = _lines(page)
    pitch = _pitch(lines)
    parts = []
    for before, line in zip([_Line(), *lines], lines):
        if _starts_paragraph(before, line, pitch):
            parts.append("")
        parts.append(line.text)
    text = _CONTROLS.sub("", "\n".join(parts)).translate(_RADICALS)
    return _TRAILING_SPACE.sub("", text).strip("\n")


def _lines(page: PageObject) -> list[_Line]:
    """The page's lines as pypdf extracts them, each with where it starts."""
    lines = [_Line()]

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        first, *rest = text.split("\n")
        _add(lines[-1], first, cm, tm, size)
        for part in rest:
            lines.append(_Line())
            _add(lines[-1], part, cm, tm, size)

    page.extract_text(visitor_text=visit)
    return lines


def _add(line: _Line, text: str, cm: list[float], tm: list[float], size: float) -> None:
    if line.x is None and text.strip():
        a, b, c, d, e, f = cm
        line.x, line.y = tm[4] * a + tm[5] * c + e, tm[4] * b + tm[5] * d + f
        line.size = size * math.hypot(tm[2] * a + tm[3] * c, tm[2] * b + tm[3] * d)
    line.text += text


def _pitch(lines: list[_Line]) -> float:
    """The usual distance from one line down to the next on this page."""
    placed = [line for line in lines if line.x is not None]
    drops = [above.y - below.y for above, below in zip(placed, placed[1:]) if above.y > below.y]
    return statistics.median(drops) if drops else 0.0


def _starts_paragraph(before: _Line, line: _Line, pitch: float) -> bool:
    if before.x is None or line.x is None:
        return False
    em = max(line.size, before.size, 1e-6)
    drop = before.y - line.y
    return (
        abs(line.size - before.size) > SIZE_CHANGE * em
        or line.x - before.x > INDENT_EMS * em
        or before.x - line.x > OUTDENT_EMS * em
        or drop < 0
        or (pitch > 0 and drop > GAP_PITCHES * pitch)
    )


def _meta(reader: PdfReader, first_page: str) -> dict[str, object]:
    """Author, and the Title only where the first page prints it: a Title the
    page does not show is most often the name of a series or a template."""
    info = reader.metadata
    if info is None:
        return {}
    meta = document_meta(_text(info.title), _text(info.author))
    if "title" in meta and _squeezed(str(meta["title"])) not in _squeezed(first_page):
        del meta["title"]
    return meta


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _text(value: object) -> str | None:
    """A text value in one line; a damaged dictionary may hold a number or an array."""
    return " ".join(value.split()) if isinstance(value, str) else None
