"""News items exported as a spreadsheet: CSV or TSV, one article a row.

Scrapers, monitoring services and hand-kept lists save their news as a table
with columns such as `标题,发布时间,来源,正文,链接` or `title,date,source,
content,url`. The header names the columns; the names count as they do for
JSON records (`jsondoc.toml`: `标题`/`title`, `正文`/`content`, a column made of
a listed word such as `新闻标题` or `pub_time`), and each row becomes an
article exactly as a JSON record does (`jsondoc.record_blocks`): a level-1
heading, a byline, the body, at the line where the row starts. Cells may be
quoted and span lines; the delimiter is a comma, a tab or a semicolon, or what
Excel's `sep=` first line says.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from sitegen.model import Block
from sitegen.read.base import ReadResult, warning
from sitegen.read.jsondoc import names_part, record_blocks

NAME = "table"

DELIMITERS = (",", "\t", ";")
_EXCEL_SEPARATOR = re.compile(r"^sep=(.)$")
# A header cell is a column name: short, no sentence punctuation, no JSON.
_NOT_A_NAME = re.compile(r"[。，！？；、：“”\"'{}\[\]<>:]")
MAX_NAME_CHARS = 40
MAX_NAME_WORDS = 5
SNIFF_ROWS = 20
# Share of sniffed rows that must have as many cells as the header.
CONSISTENT_SHARE = 0.8
# Cells hold whole articles; the csv module's default limit (128 KiB) is too
# small for a long report, and sources are capped at 20 MB anyway.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))


def sniff(text: str) -> float:
    """A first line that is a delimited header naming a title and a body
    column, and rows after it with as many cells as the header."""
    layout = _layout(text)
    if layout is None:
        return 0.0
    start, delimiter = layout
    try:
        widths = [len(cells) for _, cells in _records(text, start, delimiter, SNIFF_ROWS + 1)]
    except csv.Error:
        return 0.0
    header, rows = widths[0], widths[1:]
    if not rows:
        return 0.0
    return 0.95 if sum(width == header for width in rows) >= CONSISTENT_SHARE * len(rows) else 0.0


def read(text: str) -> ReadResult:
    layout = _layout(text)
    if layout is None:
        return ReadResult([], {}, [warning("table has no header row naming a title and a body column")])
    start, delimiter = layout
    blocks: list[Block] = []
    skipped: list[int] = []
    header: list[str] = []
    try:
        for line, cells in _records(text, start, delimiter):
            if not header:
                header = [cell.strip() for cell in cells]
                continue
            found = record_blocks(_record(header, cells), line)
            blocks.extend(found)
            if not found:
                skipped.append(line)
    except csv.Error as error:
        diagnostics = [warning(f"table cannot be read past this point: {error}")]
    else:
        diagnostics = []
    if skipped:
        where = ", ".join(map(str, skipped[:5])) + (" …" if len(skipped) > 5 else "")
        diagnostics.append(warning(f"{len(skipped)} row(s) without a title or a body skipped (lines {where})", skipped[0]))
    return ReadResult(blocks, {}, diagnostics)


def _layout(text: str) -> tuple[int, str] | None:
    """(index of the header line, delimiter), when the first line is a header
    naming a title and a body column."""
    lines = text.split("\n", 64)
    start = next((n for n, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return None
    excel = _EXCEL_SEPARATOR.match(lines[start].strip())
    if excel and start + 1 < len(lines):
        start += 1
    candidates = (excel.group(1),) if excel else DELIMITERS
    best: tuple[int, str] | None = None
    for delimiter in candidates:
        cells = _cells(lines[start], delimiter)
        if len(cells) >= 2 and _names_article(cells) and (best is None or len(cells) > best[0]):
            best = (len(cells), delimiter)
    return (start, best[1]) if best else None


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _names_article(cells: list[str]) -> bool:
    """Every cell a column name, and among them a title and a body column."""
    names = [cell.strip() for cell in cells]
    if not all(len(name) <= MAX_NAME_CHARS and len(name.split()) <= MAX_NAME_WORDS and not _NOT_A_NAME.search(name) for name in names):
        return False
    return any(names_part(name, "title") for name in names if name) and any(names_part(name, "body") for name in names if name)


def _records(text: str, start: int, delimiter: str, limit: int | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line where it starts, cells) of the header and each non-empty row."""
    source = io.StringIO(text)
    for _ in range(start):
        source.readline()
    rows = csv.reader(source, delimiter=delimiter)
    consumed = 0
    count = 0
    for cells in rows:
        line = start + consumed + 1
        consumed = rows.line_num
        if any(cell.strip() for cell in cells):
            yield line, cells
            count += 1
            if limit is not None and count >= limit:
                return


def _record(header: list[str], cells: list[str]) -> dict[str, str]:
    """A row as a record keyed by column name; the first of two same-named
    columns wins, cells beyond the header are dropped."""
    record: dict[str, str] = {}
    for name, cell in zip(header, cells):
        if name:
            record.setdefault(name, cell)
    return record
