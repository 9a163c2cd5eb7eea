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

A table whose header names a date column but no title and body columns is a
list of dated events (`日期,城市,事件,来源`): it is read as one article, a
chronology titled by its first and last date, each row a table row, so that
each becomes an event at the place its cells name (`analyse.events`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator

from sitegen.model import CELL_SEPARATOR, Block
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
CHRONOLOGY_TITLE = "大事记"  # the title of a table of dated events, which has none of its own
# Share of sniffed rows that must have as many cells as the header.
CONSISTENT_SHARE = 0.8
# Cells hold whole articles; the csv module's default limit (128 KiB) is too
# small for a long report, and sources are capped at 20 MB anyway.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))


def sniff(text: str) -> float:
    """A first line that is a delimited header naming a title and a body
    column (or a date column: a chronology), and rows after it with as many
    cells as the header."""
    for names, score in ((_names_article, 0.95), (_names_chronology, 0.9)):
        layout = _layout(text, names)
        if layout is not None and _consistent(text, *layout):
            return score
    return 0.0


def _consistent(text: str, start: int, delimiter: str) -> bool:
    try:
        widths = [len(cells) for _, cells in _records(text, start, delimiter, SNIFF_ROWS + 1)]
    except csv.Error:
        return False
    header, rows = widths[0], widths[1:]
    return bool(rows) and sum(width == header for width in rows) >= CONSISTENT_SHARE * len(rows)


def read(text: str) -> ReadResult:
    layout = _layout(text)
    if layout is None:
        chronology = _layout(text, _names_chronology)
        if chronology is not None:
            return _chronology(text, *chronology)
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


def _chronology(text: str, start: int, delimiter: str) -> ReadResult:
    """A table of dated events as one article: every row a table row, cells
    joined by ` | ` as every reader writes a row, the header first; each row is
    then one dated fact (`analyse.events`), placed where its cells say."""
    rows: list[Block] = []
    dates: list[str] = []
    diagnostics = []
    try:
        for line, cells in _records(text, start, delimiter):
            cells = [cell.strip() for cell in cells]
            if not rows:
                date_column = next(n for n, name in enumerate(cells) if names_part(name, "date"))
            elif date_column < len(cells) and cells[date_column]:
                dates.append(cells[date_column])
            rows.append(Block("paragraph", CELL_SEPARATOR.join(cells), line, meta={"table": "row"}))
    except csv.Error as error:
        diagnostics.append(warning(f"table cannot be read past this point: {error}"))
    if not dates:
        return ReadResult([], {}, [*diagnostics, warning("table of dates has no dated row")])
    span = dates[0] if len(dates) == 1 else f"{dates[0]}—{dates[-1]}"
    return ReadResult([Block("heading", f"{CHRONOLOGY_TITLE}（{span}）", rows[0].line, 1), *rows], {}, diagnostics)


def _layout(text: str, names: Callable[[list[str]], bool] | None = None) -> tuple[int, str] | None:
    """(index of the header line, delimiter), when the first line is a header
    whose column `names` say what the table holds (by default: articles)."""
    names = names or _names_article
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
        if len(cells) >= 2 and names(cells) and (best is None or len(cells) > best[0]):
            best = (len(cells), delimiter)
    return (start, best[1]) if best else None


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _names_article(cells: list[str]) -> bool:
    """Every cell a column name, and among them a title and a body column."""
    names = _column_names(cells)
    return any(names_part(name, "title") for name in names) and any(names_part(name, "body") for name in names)


def _names_chronology(cells: list[str]) -> bool:
    """Every cell a column name, among them a date column: asked only of a
    header that names no article (no title and body), a list of dated events
    (`日期,城市,事件,来源`), one table."""
    names = _column_names(cells)
    return len(names) >= 2 and any(names_part(name, "date") for name in names)


def _column_names(cells: list[str]) -> list[str]:
    """The header's names, or none when a cell is no column name."""
    names = [cell.strip() for cell in cells]
    if not all(len(name) <= MAX_NAME_CHARS and len(name.split()) <= MAX_NAME_WORDS and not _NOT_A_NAME.search(name) for name in names):
        return []
    return [name for name in names if name]


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
