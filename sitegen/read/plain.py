"""Plain text: a title at the top, paragraphs between blank lines, speakers,
section headings and credits recognised by their shape (see `prose`). Text
extracted from paged documents loses its page numbers and running headers
first (see `pages`).

The fallback reader: any text can be read as plain text, so it sniffs low and
wins only when no other format recognises the content.
"""

from __future__ import annotations

from sitegen.read.base import ReadResult
from sitegen.read.pages import strip_page_furniture
from sitegen.read.prose import Item, classify
from sitegen.read.text import split_blocks

NAME = "plain"
FALLBACK_CONFIDENCE = 0.25


def sniff(text: str) -> float:
    return FALLBACK_CONFIDENCE


def read(text: str) -> ReadResult:
    pages = strip_page_furniture(text)
    items = [Item(raw.line, raw.lines) for raw in split_blocks(pages.text)]
    return ReadResult(classify(items), pages.meta())
