"""Blocks of running news text: what each blank-line separated block is.

Plain text, scraped web text and PDF-extracted Markdown share the same
conventions once their own syntax is handled: a title at the top or before a
dateline, section headings as short lines between paragraphs, speaker lines
before what a person said, credit lines at the end, captions between
paragraphs. This module decides those from the shape of the blocks alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sitegen.model import CELL_SEPARATOR, Block, BlockKind
from sitegen.read.bylines import (
    caption_credit,
    is_issuer,
    parse_byline,
    parse_issue,
    parse_dateline,
    parse_site_name,
    parse_speaker,
    split_end_dateline,
)
from sitegen.read.text import (
    HAN, RawBlock, ends_sentence, heading_like, leading_title, paragraph_lines, pipe_row_text, title_like,
)

# `一、…`, `（二）…`, `第三章 …`: numbered section headings. (`1. …` is left
# alone: in plain text it is as often a list item as a heading.)
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十\d]{1,3}[章节部分篇])\s*(?=\S)"
)
# A report's chart or table label (`图表1：…`, `表 2 …`, `Figure 3:`): the block it
# opens, with the data source under it, describes a picture, not the text.
_CHART_LABEL = re.compile(
    r"^\s*(?:图表|附图|附表|图|表|Figure|Fig\.|Table|Chart|Exhibit)\s*[0-9一二三四五六七八九十]{1,3}"
    r"(?:[-.．]\d{1,2})?\s*[：:．.、\s]",
    re.IGNORECASE,
)
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_DELIMITER = re.compile(r"^\s*\|(?:\s*:?-{2,}:?\s*\|)+\s*$")
_DATA_SOURCE = re.compile(r"^\s*(?:资料来源|数据来源|資料來源|數據來源|来源|來源|Source)\s*[:：]", re.IGNORECASE)
_NAME_LINE = re.compile(rf"^(?:[{HAN}]{{2,4}}|[{HAN}]{{1,8}}·[{HAN}·]{{1,16}})$")
# `【深圳】` in front of a digest item's headline.
_BRACKET_LABEL = re.compile(r"^【[^】\n]{1,12}】\s*(?=\S)")
# `新京报:`, `许志锰：` at the start of several blocks: an interview.
_TURN = re.compile(r"^([^\s:：，,。！？!?]{1,10})[:：]")


@dataclass
class Item:
    """A block while it is being classified; `fixed` items keep their kind."""

    line: int
    lines: list[str]
    kind: BlockKind = "paragraph"
    level: int = 0
    meta: dict[str, str] = field(default_factory=dict)
    fixed: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def raw(self) -> RawBlock:
        return RawBlock(self.line, self.lines)


def classify(items: list[Item], first_is_title: bool = True, standalone_headings: bool = True) -> list[Block]:
    """Decide the kind of every item that is not fixed, then return blocks.

    `standalone_headings` off: the format marks its headings itself, so a
    short line between paragraphs is a fragment, never a heading.
    """
    if first_is_title:
        items = _title_apart(items)
    items = [part for item in _bracketed_titles(items) for part in _base(item)]
    _data_sources(items)
    _name_lists(items)
    first = next((item for item in items if item.kind != "byline"), None)
    if first_is_title and first is not None and _free(first, "paragraph") and title_like(first.raw):
        _set_heading(first, 1)
        _site_name_over_title(items, items.index(first))
    _titles_before_datelines(items)
    _headings_before_speakers(items)
    if standalone_headings:
        _standalone_headings(items)
    return [Block(i.kind, i.text, i.line, i.level, i.meta) for i in items]


def _title_apart(items: list[Item]) -> list[Item]:
    """The text's first block with its title line apart (`leading_title`)."""
    if not items or not _free(items[0], "paragraph") or not leading_title(items[0].lines):
        return items
    first = items[0]
    return [Item(first.line, first.lines[:1]), Item(first.line + 1, first.lines[1:]), *items[1:]]


def _bracketed_titles(items: list[Item]) -> list[Item]:
    """`【深圳】深圳发布…` opening two or more items of a morning digest, each with
    its text on the lines under it: each is the title of an article of its own."""
    if sum(_is_bracketed_title(line) for item in items if not item.fixed for line in item.lines) < 2:
        return items
    split: list[Item] = []
    for item in items:
        if item.fixed:
            split.append(item)
            continue
        current: Item | None = None
        for offset, line in enumerate(item.lines):
            if _is_bracketed_title(line):
                split.append(Item(item.line + offset, [line], "heading", 1, fixed=True))
                current = None
            elif current is None:
                current = Item(item.line + offset, [line])
                split.append(current)
            else:
                current.lines.append(line)
    return split


def _is_bracketed_title(line: str) -> bool:
    label = _BRACKET_LABEL.match(line)
    return label is not None and heading_like(line[label.end() :])


def _free(item: Item, kind: str) -> bool:
    return not item.fixed and item.kind == kind


def _set_heading(item: Item, level: int) -> None:
    item.kind, item.level, item.fixed = "heading", level, True


def _base(item: Item) -> list[Item]:
    """Kind of one block by its own text: credit, speaker, dateline, caption.

    Credit and source lines are bylines even inside a block (a title with
    `来源：… 2025-04-10` right under it), so they are split out first.
    """
    if item.fixed:
        return [item]
    if _is_pipe_table(item.lines):
        return _table_rows(item)
    if _is_spaced_table(item.lines):
        return _spaced_rows(item)
    parts: list[Item] = []
    open_paragraph = False  # whether the next line may continue the last part
    for offset, line in enumerate(item.lines):
        meta = parse_byline(line)
        issued = None if meta else _issued_above(parts, line)  # its issuer's line is part of it
        meta = meta or issued
        if not meta and parts and _issuer_below_date(parts[-1], line):
            parts[-1].lines.append(line)
            parts[-1].meta["publisher"] = line.strip()
            open_paragraph = False
        elif meta and parts and (issued or _names_publisher_above(parts[-1], meta)):
            parts[-1] = Item(parts[-1].line, [*parts[-1].lines, line], "byline", meta=meta)
            open_paragraph = False
        elif meta:
            parts.append(Item(item.line + offset, [line], "byline", meta=meta))
            open_paragraph = False
        elif _numbered_heading(line) and not (open_paragraph and not ends_sentence(parts[-1].lines[-1])):
            parts.append(Item(item.line + offset, [line]))  # a block of its own: `_standalone_headings`
            open_paragraph = False
        elif open_paragraph:
            parts[-1].lines.append(line)
        else:
            parts.append(Item(item.line + offset, [line]))
            open_paragraph = True
    return [result for part in parts for result in (_paragraphs(part) if part.kind == "paragraph" else [part])]


def _is_pipe_table(lines: list[str]) -> bool:
    """Two or more lines each between pipes (`| 上海 | 4500 | 18% |`): a table typed as text."""
    return len(lines) >= 2 and all(_PIPE_ROW.match(line) for line in lines)


def _table_rows(item: Item) -> list[Item]:
    """Each row of a text table a paragraph of its own, as the Markdown reader
    gives a pipe table's rows; a delimiter row (`|---|---|`) is no row."""
    return [
        Item(item.line + offset, [pipe_row_text(line)], meta={"table": "row"}, fixed=True)
        for offset, line in enumerate(item.lines)
        if not _PIPE_DELIMITER.match(line) and pipe_row_text(line)
    ]


# A column gap of a table laid out with spaces, as text extracted from a PDF has it.
_COLUMN_GAP = re.compile(r"[ \t\u3000]{2,}")
_CELL_MAX_CHARS = 24
MIN_SPACED_COLUMNS = 3


def _spaced_cells(line: str) -> list[str]:
    return _COLUMN_GAP.split(line.strip())


def _is_spaced_table(lines: list[str]) -> bool:
    """A header and two rows or more whose cells are set apart by runs of spaces,
    as many on every line (`城市        核心产业规模（亿元）    企业数量（家）` over
    `长沙        280.5                   1420`), each cell short and no sentence."""
    if len(lines) < 3:
        return False
    rows = [_spaced_cells(line) for line in lines]
    columns = len(rows[0])
    return columns >= MIN_SPACED_COLUMNS and all(
        len(cells) == columns and all(len(cell) <= _CELL_MAX_CHARS and not ends_sentence(cell) for cell in cells)
        for cells in rows
    )


def _spaced_rows(item: Item) -> list[Item]:
    """Each line of a spaced table a row of cells, as a pipe table's."""
    return [
        Item(item.line + offset, [CELL_SEPARATOR.join(_spaced_cells(line))], meta={"table": "row"}, fixed=True)
        for offset, line in enumerate(item.lines)
    ]


def _data_sources(items: list[Item]) -> None:
    """`资料来源：IDC` right under a table or a chart names where its numbers came
    from, not who published the text: it goes with them as a caption."""
    for above, item in zip(items, items[1:]):
        if (
            item.kind == "byline" and _DATA_SOURCE.match(item.text)
            and (above.kind == "caption" or above.meta.get("table") == "row")
        ):
            item.kind, item.meta, item.fixed = "caption", {}, True


_ACCOUNT_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9_·-]{2,20}")


def _issued_above(parts: list[Item], line: str) -> dict[str, str] | None:
    """The meta of an issuer's line right above this date line, if it is one."""
    above = parts[-1] if parts else None
    if above is None or above.kind != "paragraph" or len(above.lines) != 1:
        return None
    return parse_issue(above.lines[0], line)


def _issuer_below_date(above: Item, line: str) -> bool:
    """An issuer's name alone on the line under a date line (`2025-11-18 15:42` /
    `新聞局`, as a government's press releases put them): the date's publisher."""
    return (
        above.kind == "byline" and above.meta.get("role") == "source" and "date" in above.meta
        and "publisher" not in above.meta and is_issuer(line)
    )


def _names_publisher_above(above: Item, meta: dict[str, str]) -> bool:
    """A line with just the publisher's name right above its source line (a
    platform post's account name over `2025-04-18 10:21·深圳商报官方账号`), or
    a post's account over the stamp that names only the client it was sent
    from (Weibo's `新华社` / `2025-3-8 10:21 来自 微博`): one byline. The
    account, found this way, becomes the publisher in `meta`."""
    if above.kind != "paragraph" or len(above.lines) != 1:
        return False
    name = above.lines[0].strip()
    if "client" in meta and "publisher" not in meta and _ACCOUNT_NAME.fullmatch(name):
        meta["publisher"] = name
    return name == meta.get("publisher")


def _paragraphs(item: Item) -> list[Item]:
    """The paragraphs of a block of lines (`paragraph_lines`), each of its kind."""
    found: list[Item] = []
    line = item.line
    for lines in paragraph_lines(item.lines):
        found.extend(_prose_kind(Item(line, lines)))
        line += len(lines)
    return found


def _numbered_heading(line: str) -> bool:
    """`二、重点事件`: a numbered section heading, on a line of its own in a
    report extracted from a PDF, with no blank line around it. After a line that
    ends mid-sentence it is a wrapped line instead (`…包括` / `一、二线城市`)."""
    numbered = _NUMBERED.match(line)
    return numbered is not None and heading_like(line[numbered.end() :])


def _prose_kind(item: Item) -> list[Item]:
    """A block without bylines: speaker, dateline, caption or paragraph."""
    text = "".join(item.lines)
    if len(item.lines) == 1:
        speaker = parse_speaker(text)
        if speaker:
            return [Item(item.line, item.lines, "byline", meta=speaker)]
    dateline = parse_dateline(text)
    if dateline and dateline[1] == len(text):
        return [Item(item.line, item.lines, "byline", meta=dateline[0])]
    if len(item.lines) <= 4 and _CHART_LABEL.match(item.lines[0]) and not ends_sentence(item.lines[0]):
        return [Item(item.line + offset, [line], "caption") for offset, line in enumerate(item.lines)]
    credit = caption_credit(item.text) if len(item.lines) <= 4 else None
    if credit is not None:
        return [Item(item.line, item.lines, "caption", meta={"credit": credit} if credit else {})]
    if dateline:
        item.meta = {k: v for k, v in dateline[0].items() if k != "role"}
    return _split_end_dateline(item)


def _split_end_dateline(item: Item) -> list[Item]:
    """`…李军华说。新华社杭州 11 月 21 日电` closes a dispatch: the dateline
    becomes a byline of its own, so the paragraph ends with the quote."""
    split = split_end_dateline(item.lines[-1])
    if not split:
        return [item]
    head, dateline = split
    last = item.line + len(item.lines) - 1
    meta = parse_dateline(dateline)
    item.lines = item.lines[:-1] + [head]
    return [item, Item(last, [dateline], "byline", meta=meta[0] if meta else {})]


def _name_lists(items: list[Item]) -> None:
    """Three or more bare names in a row (a guest list) become one list block."""
    start = 0
    while start < len(items):
        end = start
        while end < len(items) and _free(items[end], "paragraph") and all(_NAME_LINE.match(line) for line in items[end].lines):
            end += 1
        names = [line for item in items[start:end] for line in item.lines]
        if len(names) >= 3:
            first = items[start]
            first.kind, first.fixed = "list", True
            first.lines = [f"- {name}" for name in names]
            del items[start + 1 : end]
        start += 1


MAX_CRUMBS = 2  # short lines a page may put between its name and the headline (`财经 > 企业`)


def _site_name_over_title(items: list[Item], first: int) -> None:
    """`中央社 CNA` over `鴻海攜手輝達…` over `2024/10/08 14:32`: the first line of a
    scraped page names the site when a headline stands between it and the date
    line; the headline is the title and the site the publisher. A section's
    breadcrumb between the name and the headline (`财经 > 企业`) goes."""
    meta = parse_site_name(items[first].lines[0]) if len(items[first].lines) == 1 else None
    if meta is None:
        return
    dated = next((index for index in range(first + 2, min(len(items), first + 3 + MAX_CRUMBS))
                  if items[index].kind == "byline" and "date" in items[index].meta), None)
    if dated is None:
        return
    headline, crumbs = items[dated - 1], items[first + 1 : dated - 1]
    if not (_free(headline, "paragraph") and len(headline.lines) == 1 and title_like(headline.raw)):
        return
    if not all(_free(crumb, "paragraph") and len(crumb.lines) == 1 and heading_like(crumb.lines[0]) for crumb in crumbs):
        return
    site = items[first]
    site.kind, site.level, site.meta = "byline", 0, meta
    _set_heading(headline, 1)
    for crumb in crumbs:
        items.remove(crumb)


def _titles_before_datelines(items: list[Item]) -> None:
    """A short block right before a dateline (`新华社杭州 11 月 21 日电（记者…）…`)
    is the title of a new dispatch, however many lines it was broken into."""
    for index, item in enumerate(items):
        if item.kind != "paragraph" or "dateline" not in item.meta:
            continue
        title = index - 1
        while title >= 0 and index - title <= 3 and _free(items[title], "paragraph") and title_like(items[title].raw):
            _set_heading(items[title], 1)
            title -= 1


def _headings_before_speakers(items: list[Item]) -> None:
    """Up to two short blocks before a speaker line are that section's heading
    (`Token(词元)` / `统一了算力和算法的度量衡` / `海光信息… 杜夏威`)."""
    for index, item in enumerate(items):
        if item.meta.get("role") != "speaker":
            continue
        for back in (index - 1, index - 2):
            if back < 0 or not _free(items[back], "paragraph") or not _one_heading_line(items[back]):
                break
            _set_heading(items[back], 2)


def _standalone_headings(items: list[Item]) -> None:
    """A short line between a finished paragraph (or a byline: the first
    section under a bulletin's masthead) and the next paragraph is a
    section heading, unless it is a turn of an interview (`新京报:…?`) or
    numbered like one (`一、…`), which is a heading wherever it stands."""
    turns = Counter(m.group(1) for m in (_TURN.match(i.lines[0]) for i in items if i.kind == "paragraph") if m)
    for index, item in enumerate(items):
        if not _free(item, "paragraph") or len(item.lines) > 1:
            continue
        if _numbered_heading(item.lines[0]):
            _set_heading(item, 2)
            continue
        turn = _TURN.match(item.lines[0])
        if not _one_heading_line(item) or (turn and turns[turn.group(1)] >= 2):
            continue
        if _after_sentence(items, index) and _before_paragraph(items, index):
            _set_heading(item, 2)


def _one_heading_line(item: Item) -> bool:
    return len(item.lines) == 1 and heading_like(item.lines[0])


def _after_sentence(items: list[Item], index: int) -> bool:
    if index == 0:
        return False
    before = items[index - 1]
    if before.kind == "byline":  # a body's name under a date line is its issuer's, not a section's
        return not is_issuer(items[index].lines[0])
    return before.kind in ("paragraph", "quote", "list") and ends_sentence(before.lines[-1])


def _before_paragraph(items: list[Item], index: int) -> bool:
    if index + 1 >= len(items):
        return False
    after = items[index + 1]
    return after.kind == "paragraph" and not _one_heading_line(after)
