"""Body blocks -> clean, numbered paragraphs.

Two things happen here that need more than one block at a time: sentences that
PDF extraction broke across blank lines (or around a photo caption) are joined
again, and headers the source repeats (the title as the first body line, a
heading repeated as the line under it) are dropped.
"""

from __future__ import annotations

import re
from typing import Callable

from sitegen.model import Block, Paragraph
from sitegen.normalise.clean import CJK, SENTENCE_FINAL, clean_text, has_clause_punct, text_key
from sitegen.normalise.metadata import parse_credit_line, parse_dateline
from sitegen.read.text import item_number

# A paragraph that ends with one of these has ended (a colon introduces what follows).
_ENDED = set(SENTENCE_FINAL + "：:.")
_QUOTE_ENDED = re.compile(r"[.!?。！？][\"”’']$")  # `…stage of growth."`
_OPENERS = {"“": "”", "「": "」", "『": "』", "（": "）", "《": "》", "【": "】", "‘": "’"}
# The first character of a paragraph that carries on the previous one.
_CONTINUATION_START = re.compile(rf"[{CJK}A-Za-z0-9”’」』）》，。、；：！？%]")
_FIELD = re.compile(r"^(?:\*\*|__)?[\u4e00-\u9fffA-Za-z]{2,6}(?:\*\*|__)?[:：]")  # a label opening a line: `时间：`
# A schedule's field line (`**时间**：… **地点**：…`) is whole: what follows it is new.
_SCHEDULE_FIELD = re.compile(r"^(?:\*\*|__)?[\u4e00-\u9fff]{0,4}(?:时间|日期|地点|地址)(?:\*\*|__)?[:：]")
# A section's number (`一、`, `（二）`, `3、`): its `、` is no clause of prose, so
# `一、算力基础设施建设` is a section's title, which runs on into nothing.
_SECTION_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}、)")
_SKIPPED_BETWEEN = ("caption", "image")
_EMPHASIS_MARKS = "*_~ "  # Markdown emphasis closing a paragraph, after its last word


def join_broken_blocks(blocks: list[Block]) -> list[Block]:
    """Join paragraphs whose sentence runs on into the next paragraph.

    `…已培育 421 家国家` + `级智能制造示范工厂，…` is one sentence. The first must
    plainly continue (prose that does not end with sentence-final punctuation,
    or an unclosed quote) and the next must start like a continuation (not a
    heading, list item, byline, dateline, credit or opening quote). Captions and
    images between the two halves move after the joined paragraph, so
    `…核心要` / caption / `义。”小米集团…` reads `…核心要义。”小米集团…` with the
    caption kept as its own paragraph.
    """
    return [block for block, _ in _joined(blocks)]


def _joined(blocks: list[Block]) -> list[tuple[Block, tuple[str, list[str]] | None]]:
    """The joined blocks, each with its cleaned (text, citations) when it is an
    original block (so it is cleaned once), None for a joined one.

    Decisions look only at the last piece joined, so a long chain stays linear.
    """
    cache: dict[int, tuple[str, list[str]]] = {}

    def cleaned(position: int) -> tuple[str, list[str]]:
        if position not in cache:
            cache[position] = clean_text(blocks[position].text, blocks[position].kind)
        return cache[position]

    out: list[tuple[Block, tuple[str, list[str]] | None]] = []
    index = 0
    while index < len(blocks):
        start, block = index, blocks[index]
        index += 1
        if not _may_run_on(block, lambda: cleaned(start)[0]):
            out.append((block, None))
            continue
        pieces, held = [block.text], []
        last = cleaned(start)[0]
        prose = has_clause_punct(_SECTION_NUMBER.sub("", last, count=1))
        while True:
            nxt = index
            while nxt < len(blocks) and blocks[nxt].kind in _SKIPPED_BETWEEN:
                nxt += 1
            if nxt >= len(blocks) or not _continues(last, prose, blocks[nxt], lambda: cleaned(nxt)[0]):
                break
            held.extend((b, None) for b in blocks[index:nxt])
            pieces.append(blocks[nxt].text)
            last = cleaned(nxt)[0]
            prose = prose or has_clause_punct(last)
            index = nxt + 1
        if len(pieces) == 1:
            out.append((block, cleaned(start)))
        else:
            out.append((Block("paragraph", "\n".join(pieces), block.line, 0, block.meta), None))
        out.extend(held)
    return out


def _may_run_on(block: Block, clean: Callable[[], str]) -> bool:
    """Paragraphs may run on; so may a "heading" with an unclosed quote, which is
    really the first line of a broken sentence (`走进腾讯展台的“裸眼 3D 通话`)."""
    if block.kind == "paragraph":
        return "table" not in block.meta  # a table's row is not prose
    return block.kind == "heading" and block.level != 1 and _unclosed_quote(clean())


def _continues(left: str, left_is_prose: bool, right: Block, clean: Callable[[], str]) -> bool:
    """True when `right` carries on `left` (see `join_broken_blocks`)."""
    left = left.rstrip(_EMPHASIS_MARKS)  # `**第一财经：进展如何？**` has ended with its `？`
    if (right.kind != "paragraph" or "table" in right.meta or not left or left[-1] in _ENDED or left.endswith("...")
            or _QUOTE_ENDED.search(left)):
        return False
    if not (left_is_prose or _unclosed_quote(left)):
        return False
    first = clean()
    number = item_number(first)
    if number is not None and (number == 1 or item_number(left) == number - 1):
        return False  # a list's first item, or the item after the one before
    return (
        bool(first)
        and bool(_CONTINUATION_START.match(first))
        and not (_FIELD.match(left) and _FIELD.match(first))  # `时间：…` over `地点：…`: two fields
        and not _SCHEDULE_FIELD.match(left)
        and not parse_dateline(right.text)
        and parse_credit_line(right.text) is None
    )


def _unclosed_quote(text: str) -> bool:
    return any(text.count(opener) > text.count(closer) for opener, closer in _OPENERS.items())


def build_paragraphs(blocks: list[Block], source_path: str, title: str) -> list[Paragraph]:
    """Clean the body blocks into paragraphs with anchors `p1`, `p2`, … in order."""
    paragraphs: list[Paragraph] = []
    for block, cleaned in _joined(blocks):
        text, citations = cleaned or clean_text(block.text, block.kind)
        if block.kind == "image":
            text = image_markdown(text, block.meta)
        if not text:
            continue
        level = max(block.level, 2) if block.kind == "heading" else 0
        paragraphs.append(Paragraph("", block.kind, text, source_path, block.line, level, citations))
    paragraphs = drop_repeated_headers(paragraphs, title)
    for number, paragraph in enumerate(paragraphs, start=1):
        paragraph.anchor = f"p{number}"
    return paragraphs


def image_markdown(alt: str, meta: dict[str, str]) -> str:
    """An image block as Markdown (`![alt](src "title")`), so the page can show
    or link the picture; without a `src` the alt text alone remains."""
    src = (meta.get("src") or "").strip()
    if not src:
        return alt
    alt = alt.replace("[", "\\[").replace("]", "\\]")
    target = re.sub(r"[\s()<>\"]", lambda m: f"%{ord(m.group(0)):02X}", src)
    title = (meta.get("title") or "").replace('"', "&quot;").strip()
    return f'![{alt}]({target} "{title}")' if title else f"![{alt}]({target})"


def drop_repeated_headers(paragraphs: list[Paragraph], title: str) -> list[Paragraph]:
    """Drop the title repeated as a body line before the text starts, a
    report's running header left in the text (`running_header`), and a heading
    repeated as the line under it."""
    kept: list[Paragraph] = []
    started = False
    for paragraph in paragraphs:
        if paragraph.kind in ("paragraph", "heading"):
            if not started and _same_text(paragraph.text, title):
                continue
            if started and paragraph.kind == "heading" and running_header(paragraph.text, title):
                continue
            if kept and kept[-1].kind == "heading" and _same_text(paragraph.text, kept[-1].text):
                continue
        started = started or paragraph.kind not in ("heading", "image", "caption")
        kept.append(paragraph)
    return kept


_DIGITS = re.compile(r"\d+")
MIN_HEADER_CHARS = 6


def running_header(heading: str, title: str) -> bool:
    """A heading inside the text that is the report's title again, or a short
    form of it with the title's year (`大湾区人工智能发展报告 2025` in
    `2025年粤港澳大湾区人工智能发展报告`): a page's running header, which the
    page-furniture rules drop only where it repeats on several pages."""
    if _same_text(heading, title):
        return True
    key, title_key = text_key(heading), text_key(title)
    numbers = _DIGITS.findall(key)
    words = _DIGITS.sub("", key)
    return (
        bool(numbers) and all(number in title_key for number in numbers)
        and len(words) >= MIN_HEADER_CHARS and words in _DIGITS.sub("", title_key)
    )


def _same_text(text: str, other: str) -> bool:
    """Equal up to spacing and punctuation; long texts are not keyed at all."""
    if len(text) > 2 * len(other) + 20:
        return False
    key = text_key(text)
    return bool(key) and key == text_key(other)
