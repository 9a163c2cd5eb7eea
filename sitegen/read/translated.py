"""What the readers share that translate another markup into Markdown (Org, LaTeX, reST, AsciiDoc).

Such a reader writes one Markdown line for each line of its source, so the
Markdown reader's line numbers are the source's, and hands the lines over.
Tables are the exception: a pipe table needs a blank line above it and a
delimiter row under its first row, lines the source does not have (an Org
table follows its paragraph directly, a LaTeX row is a line of `&`s). So
the translating reader leaves a table's lines empty and makes its rows
itself, as the Markdown reader would: each row a paragraph of its cells,
marked as a row, at the line where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitegen.model import CELL_SEPARATOR, Block
from sitegen.read import markdown
from sitegen.read.base import ReadResult
from sitegen.read.text import display_width

_MARKDOWN_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.M)


def in_markdown_code(text: str, position: int) -> bool:
    """A Markdown fence opens before `position`: the file is Markdown, and what
    stands there is an example of the other markup in a code block."""
    return bool(_MARKDOWN_FENCE.search(text, 0, position))


def table_row(cells: list[str], line: int) -> Block | None:
    """One table row as the Markdown reader reads a pipe table's row; None
    for a row without text (a rule, an empty row)."""
    cells = [" ".join(cell.split()) for cell in cells]
    return Block("paragraph", CELL_SEPARATOR.join(cells), line, meta={"table": "row"}) if any(cells) else None


def code_fence(code: list[str]) -> str:
    """A fence no line of `code` closes: longer than any run of backticks a line starts with."""
    longest = max((len(line.strip()) - len(line.strip().lstrip("`")) for line in code), default=0)
    return "`" * max(3, longest + 1)


def translate_spans(
    pattern: re.Pattern[str], text: str, markup: Callable[[re.Match[str]], str], prose: Callable[[str], str],
) -> str:
    """`text` with each match of an inline-markup `pattern` translated by `markup`
    and the text between matches by `prose`."""
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(prose(text[position : match.start()]))
        parts.append(markup(match))
        position = match.end()
    parts.append(prose(text[position:]))
    return "".join(parts)


def join_wrapped(lines: list[str]) -> str:
    """The lines of one table cell or field as one line: a wrap next to a
    wide (CJK) character is no space, a wrap between Latin words is one."""
    joined = ""
    for line in (line.strip() for line in lines):
        if joined and line and display_width(joined[-1] + line[0]) == 2:
            joined += " "
        joined += line
    return joined


def read_translation(lines: list[str], meta: dict[str, object], rows: list[Block]) -> ReadResult:
    """The Markdown `lines` read, with the table `rows` among the blocks in line
    order; the `meta` the markup declared (a docinfo's author, an attribute's
    date) wins over what the Markdown reader found."""
    result = markdown.read("\n".join(lines))
    blocks = sorted([*result.blocks, *rows], key=lambda block: block.line)
    return ReadResult(blocks, {**result.meta, **meta}, result.diagnostics)
