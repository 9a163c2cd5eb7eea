"""Markdown extracted from a PDF (newspaper pages, reports).

The converter turns large type into `##` headings and keeps the page's
line and page breaks: sentences run on across blank lines, captions sit in
the middle of a sentence that continues after them, spaces appear between
Chinese characters and digits (`11 月 21 日`). Headings at the shallowest
level are the titles of the dispatches bundled in the file (two `##` lines
in a row are one title); a title without `#` is recognised before its
dateline. Page numbers and running headers go first (see `pages`).
Everything else is read as news prose (see `prose`): captions and
datelines are marked, the blocks keep their breaks for normalise to join.
"""

from __future__ import annotations

import re

from sitegen.read.base import ReadResult
from sitegen.read.bylines import caption_credit, parse_dateline
from sitegen.read.frontmatter import has_front_matter
from sitegen.read.markdown import HEADING, heading_text, starts_block
from sitegen.read.pages import strip_page_furniture
from sitegen.read.prose import Item, classify
from sitegen.read.text import HAN, RawBlock, ends_sentence, split_blocks

NAME = "pdf-markdown"

_HEADINGS = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_SPACED_NUMBER = re.compile(rf"[{HAN}] \d|\d [{HAN}]")
_MARKDOWN_BODY = re.compile(r"^ {0,3}(?:[-*+] |\d{1,9}[.)] |> |```)|!\[[^\]\n]{0,500}\]\(|\[[^\]\n]{1,500}\]\([^)\s]{1,2000}\)", re.M)


def sniff(text: str) -> float:
    """`##` headings without front matter, plus the marks of a PDF conversion:
    spaces between CJK and digits, paragraphs that stop mid-sentence,
    captions and datelines; Markdown body syntax (lists, links) speaks against."""
    if has_front_matter(text) or not _HEADINGS.search(text):
        return 0.0
    blocks = split_blocks(text)
    broken = sum(1 for before, after in zip(blocks, blocks[1:]) if _runs_on(before, after))
    newsy = any(caption_credit(b.text) is not None or parse_dateline(b.lines[0]) for b in blocks)
    score = 0.35 + 0.25 * (len(_SPACED_NUMBER.findall(text)) >= 3) + 0.1 * min(broken, 2) + 0.1 * newsy
    return max(0.0, score - 0.2 * (len(_MARKDOWN_BODY.findall(text)) >= 3))


def _runs_on(before: RawBlock, after: RawBlock) -> bool:
    """A prose block that stops without punctuation and a next block that goes
    on; Markdown lists, quotes and headings never count."""
    last = before.lines[-1]
    if starts_block(before.lines[0]) or starts_block(after.lines[0]):
        return False
    return not ends_sentence(last) and last[-1].isalnum() and len(last) > 10


def read(text: str) -> ReadResult:
    pages = strip_page_furniture(text)
    items: list[Item] = []
    for raw in split_blocks(pages.text):
        items.extend(_split_headings(raw))
    depths = [item.level for item in items if item.fixed]
    top = min(depths, default=1)
    for item in items:
        if item.fixed:
            item.level = item.level - top + 1
    meta: dict[str, object] = pages.meta()
    return ReadResult(classify(items, standalone_headings=False), meta)


def _split_headings(raw: RawBlock) -> list[Item]:
    """A `##` line is a block of its own even when no blank line sets it apart."""
    items: list[Item] = []
    pending: list[str] = []
    start = raw.line
    for offset, line in enumerate(raw.lines):
        match = HEADING.match(line)
        if not match:
            if not pending:
                start = raw.line + offset
            pending.append(line)
            continue
        if pending:
            items.append(Item(start, pending))
            pending = []
        if heading_text(match):
            items.append(Item(raw.line + offset, [heading_text(match)], "heading", len(match.group(1)), fixed=True))
    if pending:
        items.append(Item(start, pending))
    return items
