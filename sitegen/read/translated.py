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

from sitegen.model import Block
from sitegen.read.base import ReadResult
from sitegen.read.documents import read_markdown_lines

_MARKDOWN_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.M)


def in_markdown_code(text: str, position: int) -> bool:
    """A Markdown fence opens before `position`: the file is Markdown, and what
    stands there is an example of the other markup in a code block."""
    return bool(_MARKDOWN_FENCE.search(text, 0, position))


def table_row(cells: list[str], line: int) -> Block | None:
    """One table row as the Markdown reader reads a pipe table's row; None
    for a row without text (a rule, an empty row)."""
    cells = [" ".join(cell.split()) for cell in cells]
    return Block("paragraph", " | ".join(cells), line, meta={"table": "row"}) if any(cells) else None


def code_fence(code: list[str]) -> str:
    """A fence no line of `code` closes: longer than any run of backticks a line starts with."""
    longest = max((len(line.strip()) - len(line.strip().lstrip("`")) for line in code), default=0)
    return "`" * max(3, longest + 1)


def read_translation(lines: list[str], meta: dict[str, object], rows: list[Block]) -> ReadResult:
    """The Markdown `lines` read, with the table `rows` among the blocks in line order."""
    result = read_markdown_lines(lines, meta)
    result.blocks = sorted([*result.blocks, *rows], key=lambda block: block.line)
    return result
