"""Character classes and line tests shared by the readers.

Readers decide what a block is from its shape (length, punctuation, what
follows), so these small tests are the vocabulary every reader speaks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sitegen.model import CELL_SEPARATOR

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A sentence ends at these marks, optionally followed by closing quotes/brackets.
SENTENCE_END = "。！？!?…"
CLOSERS = "\"'”’」』）)】》"
_ENDS_SENTENCE = re.compile(f"[{SENTENCE_END}][{re.escape(CLOSERS)}]*$")

# Punctuation that only appears inside running sentences, never in a heading.
_PROSE_PUNCT = re.compile("[，,、；;。]")

# Characters that cannot end a heading because they always want a
# continuation (`以及`, `对于…的`); a page break in the middle of a sentence
# often leaves exactly such a fragment. Kept short on purpose: many endings
# that look open (`能`, `会`, `了`) close common titles (`新动能`, `大会`, `来了`).
_CONTINUES = set("的和与及或对把被从向并但而且")


@dataclass
class RawBlock:
    """Consecutive non-blank lines of a text, with the 1-based line of the first."""

    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


_INDENT = "\u3000\u3000"  # two full-width spaces: the first line of a Chinese paragraph
_ASCII_INDENT = re.compile(r"(?: {2,}|\t)(?=[^\s])")


def _indents_paragraph(line: str) -> bool:
    """Two full-width spaces, or two plain spaces or a tab, before a line's text."""
    return line.lstrip(" \t").startswith(_INDENT) or bool(_ASCII_INDENT.match(line))


def split_blocks(text: str, first_line: int = 1) -> list[RawBlock]:
    """Blank-line separated blocks, each line stripped of surrounding spaces.

    Leading and trailing spaces carry no meaning in prose (Markdown hard
    breaks, stray indentation), so they go here once for all readers, with one
    exception: Chinese text marks a paragraph by indenting its first line (with
    full-width spaces, or with plain ones in text extracted from a PDF), so an
    indented line starts a new block even without a blank line (a PDF or a Word
    file keeps none) after a line that ends a sentence, or after a heading-like
    line flush with the margin: an item's headline over its indented text.
    """
    blocks: list[RawBlock] = []
    current: RawBlock | None = None
    flush = False  # whether the last line started at the margin
    for number, line in enumerate(text.split("\n"), start=first_line):
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        if _RULE.fullmatch(stripped):  # `------` between a digest's items: a block of its own
            blocks.append(RawBlock(number, [stripped]))
            current = None
            continue
        indented = _indents_paragraph(line)
        if current is not None and indented and (
            ends_sentence(current.lines[-1]) or flush and heading_like(current.lines[-1])
        ):
            current = None
        flush = not line[:1].isspace()
        if current is None:
            current = RawBlock(number, [])
            blocks.append(current)
        current.lines.append(stripped)
    return blocks


# A line drawn across the text (`------`, `* * *`, `＝＝＝＝`): it parts what is above from what is below.
_RULE = re.compile(r"([-=*_~—─━＊＝～·•])(?:\s*\1){2,}")


# A line that ends a sentence this much narrower than the block's widest line
# stopped short of the wrap width: the paragraph ended there.
SHORT_LINE_SHARE = 0.85


# A field's label at the start of a line: `本期嘉宾：`, `时间:`, `张鹏：`.
_FIELD_LABEL = re.compile(rf"[{HAN}A-Za-z]{{1,6}}\s*[：:]")


def paragraph_lines(lines: list[str]) -> list[list[str]]:
    """The paragraphs of a block written without blank lines between them.

    Text copied from a web page often has one paragraph per line, and text
    extracted from a PDF or typed with hard wraps has paragraphs that end on a
    short line; both reach the readers as one block. A line that ends a
    sentence ends a paragraph when it stops short of the block's widest line,
    or when no line of the block wraps at all (every line but the last ends a
    sentence). A wrapped line that happens to end a sentence at the full
    width stays joined. Lines that each open with a label (`本期嘉宾：…` /
    `采访人：…`, `时间：…` / `地点：…`) are fields, one per line, never wrapped;
    a line numbered next after an earlier line's number (`1. …` / `2. …`, a
    wrapped item's lines between them) or opening with a bullet (`● …`) opens a
    list item of its own.
    """
    if len(lines) < 2:
        return [lines]
    widths = [display_width(line) for line in lines]
    ends = [ends_sentence(line) for line in lines]
    headlines = [item_headline(line) for line in lines]
    fields = [bool(_FIELD_LABEL.match(line.lstrip())) for line in lines]
    one_per_line = all(ends[:-1])
    short = SHORT_LINE_SHARE * max(widths)
    paragraphs: list[list[str]] = [[]]
    last_number = None
    for index, line in enumerate(lines):
        paragraphs[-1].append(line)
        last_number = item_number(line) or last_number
        if index == len(lines) - 1:
            break
        headline = headlines[index] and not heading_like(lines[index + 1])
        stops_short = widths[index] < short and (ends[index] or headline)
        following = lines[index + 1]
        next_item = bool(_BULLET.match(following)) or (
            last_number is not None and item_number(following) == last_number + 1
        )
        if one_per_line or stops_short or (fields[index] and fields[index + 1]) or next_item:
            paragraphs.append([])
    return paragraphs


_BULLET = re.compile(r"\s*[●•▪■◆◇▶►]\s*\S")
_ITEM_NUMBER = re.compile(r"(?:(?P<digits>\d{1,2})[.．、)）]|[（(](?P<bracketed>\d{1,2})[)）])\s*(?=[^\d\s])")


def item_number(line: str) -> int | None:
    """1 for `1. 贵安新区…`, `1、…`, `(1) …`: a list item's number (not for
    `1.5万`, `2. 5亿`: a number broken by a wrap)."""
    match = _ITEM_NUMBER.match(line.lstrip())
    return int(match["digits"] or match["bracketed"]) if match else None


# `1.`, `2、`, `一、`, `（三）`, `③`, `【杭州】`: what numbers or labels a digest's item.
_ITEM_MARK = re.compile(
    r"^(?:\d{1,2}(?:[.．](?!\d)|[、)）])|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[①-⑳]|【[^】\n]{1,12}】)\s*(?=\S)"
)


def item_headline(line: str) -> bool:
    """`1. 杭州：之江实验室发布类脑计算机`: a numbered or labelled line that reads
    like a heading."""
    mark = _ITEM_MARK.match(line)
    return mark is not None and heading_like(line[mark.end() :])


def leading_title(lines: list[str]) -> bool:
    """Whether the first of a text's first lines is its title, typed without a
    blank line under it: a heading-like line, narrower than the sentences
    under it (a wrapped line runs to the full width)."""
    if len(lines) < 2 or not heading_like(lines[0]) or ends_sentence(lines[0]):
        return False
    rest = lines[1:]
    return any(map(ends_sentence, rest)) and display_width(lines[0]) < SHORT_LINE_SHARE * max(map(display_width, rest))


def ends_sentence(text: str) -> bool:
    return bool(_ENDS_SENTENCE.search(text.rstrip()[-16:]))


def has_prose_punct(text: str) -> bool:
    return bool(_PROSE_PUNCT.search(text))


def heading_like(line: str, max_chars: int = 30) -> bool:
    """A short line that reads like a heading: no clause punctuation, no full
    stop, not ending in a word that wants a continuation, some letters in it."""
    s = line.strip()
    if not 2 <= len(s) <= max_chars or has_prose_punct(s):
        return False
    if s[-1] in _CONTINUES or s[-1] in ":：" or not balanced(s):
        return False
    return any(ch.isalpha() for ch in s)


_PAIRS = ("“”", "‘’", "（）", "()", "《》", "「」", "『』", "【】", "[]")


def balanced(text: str) -> bool:
    """Every opening quote or bracket is closed: a line that opens `“裸眼 3D 通话`
    and stops is a fragment of a sentence, not a heading."""
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def title_like(block: RawBlock, max_chars: int = 80) -> bool:
    """A block that can be an article title: at most three short lines, no full
    stop, not ending in a word that wants a continuation."""
    text = "".join(block.lines)
    if len(block.lines) > 3 or not 2 <= len(text) <= max_chars or "。" in text:
        return False
    return text[-1] not in _CONTINUES and any(ch.isalpha() for ch in text)


def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width layout: CJK counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --------------------------------------------------------------------------- page titles

# ` - `, `｜`, ` | `, `_` beside a Chinese word (not `Llama_3`), and a bare `-`
# between Chinese words (`标题-新闻中心-华龙网`)
TITLE_PARTS = re.compile(
    r"\s+[-–—|｜]\s+|(?<=[^\x00-\x7f])_|_(?=[^\x00-\x7f])|\s*｜\s*|\s+\|\s+|(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff])"
)
SITE_NAME_CHARS = 16
# A page title's last part that names a section or a page, not the site.
_NO_SITE_NAME = re.compile(r"(?:中心|频道|頻道|首页|首頁|栏目|欄目|专题|專題|正文|要闻|要聞)$|^第?\s*\d+\s*页?$|[，。！？,!?]")


def without_site_name(title: str) -> str:
    """`标题 - 栏目 - 网站` or `标题_栏目_网站` -> `标题`: a page's title (an HTML
    `<title>`, a search result's) carries the section and site names after the
    article's; they are short, the title before them is longer. A title that
    is itself in parts (`专访｜…`) keeps its long last part, so it is left whole."""
    parts = TITLE_PARTS.split(title)
    while len(parts) > 1 and len(parts[-1]) <= SITE_NAME_CHARS and len(parts[0]) > len(parts[-1]):
        parts.pop()
    if len(parts) == len(TITLE_PARTS.split(title)):
        return title
    return title[: title.find(parts[-1]) + len(parts[-1])] if parts else title


def site_name_at_end(title: str) -> str | None:
    """The site's name when a page's title puts it after the headline (`标题 -
    科技新報`, `标题_科技频道_东方资讯网`): the last of the short parts that
    `without_site_name` takes off, unless it names a section or a page."""
    if not title or without_site_name(title) == title:
        return None
    last = TITLE_PARTS.split(title)[-1].strip()
    return last if last and not _NO_SITE_NAME.search(last) else None


def pipe_row_text(line: str) -> str:
    """`| 上海 | 4500 |` -> `上海 | 4500`: a table row's cells as every reader gives
    them; "" for a row of empty cells (an empty cell among others keeps its column)."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return CELL_SEPARATOR.join(cells) if any(cells) else ""
