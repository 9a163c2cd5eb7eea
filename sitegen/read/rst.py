"""reStructuredText (docutils, Sphinx) -> Markdown, line for line, read by the Markdown reader.

Reports kept for Sphinx or docutils mark their title with an underline, their
author and date with a field list under it, and notes, figures and code with
directives. Read as plain text, `=====` lines, `:作者:` fields and
`.. note::` would be the article's words. So each line is translated into the
Markdown line that says the same, and a line that is only syntax becomes an
empty line: the Markdown reader then reads the result, and its line numbers
are the source's.

Titles become headings by the order in which their adornment styles first
appear; a unique title on top of the document is its title (`#`), otherwise
every title is a section (`##` and deeper). The field list before any body
text (docinfo) goes to meta. Directives give their text (an admonition's
content, a figure's caption as its image's alt, code as a fenced block) or
nothing (`contents`, `raw`, `toctree`, comments, link targets, footnotes).
Simple, grid and CSV tables become rows, as a pipe table's. Inline markup becomes its
Markdown or its bare text.

Not read as markup (the text stays): substitutions (`|name|`), letter and
Roman enumerators, option and definition lists, quoted literal blocks, doctest
blocks, cells spanning columns.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import zip_longest

from sitegen.model import Block
from sitegen.read.base import ReadResult
from sitegen.read.text import display_width
from sitegen.read.translated import code_fence, join_wrapped, read_translation, table_row, translate_spans

NAME = "rst"

# A line of one repeated punctuation character: a title's adornment or a transition.
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}[ \t]*$")
_EXPLICIT = re.compile(r"^([ \t]*)(?:\.\.(?:[ \t]+(.*))?|__[ \t].*)$")
_DIRECTIVE = re.compile(r"^(\w[\w.:+-]{0,60}?)::(?:[ \t]+(.*))?$")
_OPTION = re.compile(r"^[ \t]+:([\w-]{1,60}):(?:[ \t]+(.*))?$")
_FIELD = re.compile(r"^([ \t]*):((?:[^:\\\n`]|\\.){1,60}):(?:[ \t]+(.*))?$")
_BULLET = re.compile(r"^([ \t]*)[-*+•‣⁃][ \t]+")
_ENUMERATOR = re.compile(r"^([ \t]*)(?:#\.|\((\d{1,9})\)|(\d{1,9})[.)])[ \t]+")
_LINE_BLOCK = re.compile(r"^([ \t]*)\|(?:[ \t]+|$)")
_LITERAL_MARK = re.compile(r"(\s?)::[ \t]*$")
_SIMPLE_BORDER = re.compile(r"^[ \t]*=+(?:[ \t]+=+){1,100}[ \t]*$")
_SIMPLE_RULE = re.compile(r"^[ \t]*[-=]+(?:[ \t]+[-=]+){0,100}[ \t]*$")
_GRID_BORDER = re.compile(r"^[ \t]*\+(?:[-=]+\+){1,100}[ \t]*$")
_COLUMN = re.compile(r"=+")

# Inline: ``literal``, `text <url>`_, `reference`_, :role:`text`, `text`:role:, `interpreted`.
_INLINE = re.compile(
    r"``(?P<literal>[^`\s](?:[^\n]{0,2000}?[^\s])?)``"
    r"|(?::[\w.+:-]{1,40}:)?`(?P<text>[^`\n]{1,1000})`(?P<suffix>__?|:[\w.+:-]{1,40}:)?"
)
_EMBEDDED = re.compile(r"^(?P<label>[^\n]*?)\s*<(?P<target>[^<>\s]{1,2000})>$")
_FOOTNOTE_REFERENCE = re.compile(r"[ \t]?\[(?:\d{1,6}|#[\w-]{0,60}|\*|[A-Za-z][\w.-]{0,60})\]_")
_NAME_REFERENCE = re.compile(r"(?<=[\w|])__?(?!\w)")
_ESCAPED_WHITESPACE = re.compile(r"\\(?:[ \t]|$)")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{0,1000})\]\([^)\s]{0,2000}\)")

# Directives by what their content is.
_CODE = frozenset({"code", "code-block", "sourcecode", "literal", "parsed-literal", "math"})
_IMAGES = frozenset({"image", "figure"})
_ADMONITIONS = frozenset({
    "attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning", "seealso",
})
_TITLED = frozenset({"admonition", "topic", "sidebar", "rubric"})  # their argument is a title the author wrote
_DROPPED = frozenset({
    "contents", "raw", "meta", "include", "literalinclude", "toctree", "index", "only", "sectnum",
    "section-numbering", "header", "footer", "target-notes", "role", "default-role", "title", "highlight",
    "tabularcolumns", "ifconfig", "autosummary",
})

# Sniffing: explicit markup and embedded URIs are reST alone; the rest only in pairs.
_SNIFF_EXPLICIT = re.compile(r"^\.\. (?:\w[\w.:+-]{0,60}::|_[^:\n]{1,200}:|\|[^|\n]{1,200}\||\[[^\]\n]{1,60}\] )", re.M)
_SNIFF_EMBEDDED = re.compile(r"`[^`<\n]{0,500}<[^<>`\s]{1,2000}>`__?")
_SNIFF_WEAK = (
    re.compile(r":[\w.+-]{1,40}:`[^`\n]{1,500}`"),
    re.compile(r"``[^`\n]{1,500}``"),
    re.compile(r"::[ \t]*\n[ \t]*\n[ \t]+\S"),
    re.compile(r"\[(?:\d{1,6}|#[\w-]{0,60}|\*)\]_"),
)


@dataclass
class _Document:
    lines: list[str]
    out: list[str] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
    titles: list[tuple[int, str]] = field(default_factory=list)  # (line index, adornment style)
    rows: list[Block] = field(default_factory=list)  # table rows: a pipe table would need lines the source lacks
    body: bool = False  # body text seen: a field list is no docinfo after it
    title_on_top: bool = False  # the first title came before any body text
    table_ends: list[int | None] | None = None  # for each line, the next border that may end a simple table

    def __post_init__(self) -> None:
        self.out = [""] * len(self.lines)


def sniff(text: str) -> float:
    """Explicit markup, an overlined title, a docinfo under the title or an
    embedded URI decide; two weaker signs (roles, ``literals``, `::` blocks,
    footnote references, titles underlined in a way Markdown never does) too."""
    if _SNIFF_EXPLICIT.search(text) or _SNIFF_EMBEDDED.search(text):
        return 0.9
    lines = text.split("\n")
    strong, weak = _sniff_titles(lines)
    if strong:
        return 0.9
    weak += sum(1 for pattern in _SNIFF_WEAK if pattern.search(text))
    return 0.7 if weak >= 2 else 0.0


def _sniff_titles(lines: list[str]) -> tuple[bool, int]:
    """(an overlined title or a docinfo under the first title, 1 if a title is
    underlined with a character Markdown's setext headings do not use)."""
    first = True
    unusual = 0
    for index, line in enumerate(lines):
        if index and lines[index - 1].strip() or not line.strip():
            continue
        shape = _title_shape(lines, index)
        if shape is None:
            continue
        _, end, style = shape
        if style.endswith("/") or first and _FIELD.match(_next_line(lines, end)):
            return True, 0
        first = False
        unusual = unusual or int(style not in ("=", "-"))
    return False, unusual


def _next_line(lines: list[str], start: int) -> str:
    return next((line for line in lines[start : start + 5] if line.strip()), "")


def read(text: str) -> ReadResult:
    doc = translate(text)
    return read_translation(doc.out, doc.meta, doc.rows)


def translate(text: str) -> _Document:
    """The Markdown for `text` (`out`, one line for each of its lines), its
    docinfo (`meta`) and its tables' rows."""
    doc = _Document(text.split("\n"))
    index = 0
    while index < len(doc.lines):
        index = _block(doc, index)
    _number_titles(doc)
    return doc


def _block(doc: _Document, index: int) -> int:
    """Translate the block starting at `index`; the index after it."""
    if not doc.lines[index].strip():
        return index + 1
    for parse in (_explicit, _title, _grid_table, _simple_table, _field_list):
        end = parse(doc, index)
        if end is not None:
            return end
    return _paragraph(doc, index)


# --------------------------------------------------------------------------- titles


def _title_shape(lines: list[str], index: int) -> tuple[int, int, str] | None:
    """(the title's line, the line after its adornment, its style) for a title
    starting at `index`: text under an overline, or text over an underline at
    least as long as the text (in characters: lenient with CJK)."""
    over = _ADORNMENT.match(lines[index])
    if over and index + 2 < len(lines):
        text, under = lines[index + 1].strip(), _ADORNMENT.match(lines[index + 2])
        if text and under and under.group(1) == over.group(1) and not _ADORNMENT.match(lines[index + 1]):
            return (index + 1, index + 3, over.group(1) + "/") if len(over.group(0).strip()) >= len(text) else None
    if over or index + 1 >= len(lines) or lines[index][:1].isspace():
        return None
    under = _ADORNMENT.match(lines[index + 1])
    if under and len(under.group(0).strip()) >= len(lines[index].strip()):
        return index, index + 2, under.group(1)
    return None


def _title(doc: _Document, index: int) -> int | None:
    shape = _title_shape(doc.lines, index)
    if shape is None:
        return None
    if not doc.titles:
        doc.title_on_top = not doc.body
    doc.titles.append((shape[0], shape[2]))
    return shape[1]


def _number_titles(doc: _Document) -> None:
    """Levels by the order styles first appear; the first style is the
    document title (`#`) only when it is used once, on top of the document."""
    styles = list(dict.fromkeys(style for _, style in doc.titles))
    single = doc.title_on_top and sum(1 for _, style in doc.titles if style == styles[0]) == 1
    for index, style in doc.titles:
        level = min(6, styles.index(style) + (1 if single else 2))
        doc.out[index] = "#" * level + " " + _inline(doc.lines[index].strip())


# --------------------------------------------------------------------------- explicit markup


def _explicit(doc: _Document, index: int) -> int | None:
    """A directive, or what gives no text: a comment, a hyperlink target, a
    footnote or citation, a substitution definition."""
    match = _EXPLICIT.match(doc.lines[index])
    if not match:
        return None
    end = _indented_end(doc.lines, index + 1, len(match.group(1)))
    directive = _DIRECTIVE.match(match.group(2) or "")
    if directive:
        return _directive(doc, index, end, directive.group(1).lower(), (directive.group(2) or "").strip())
    return end


def _directive(doc: _Document, index: int, end: int, name: str, argument: str) -> int:
    content, options = _options(doc.lines, index + 1, end)
    if name in _DROPPED:
        return end
    doc.body = True
    if name in _CODE:
        _fence(doc, index, end, doc.lines[content:end], argument.split()[0] if argument else "")
        return end
    if name in _IMAGES:
        caption = _caption(doc.lines, content, end) if name == "figure" else []
        doc.out[index] = _image("".join(argument.split()), join_wrapped(caption) or options.get("alt", ""))
        return content + len(caption) if caption else end
    if name == "csv-table":
        _csv_table(doc, index, content, end, options.get("header", ""))
        return end
    if name in _ADMONITIONS or name in _TITLED:
        doc.out[index] = _inline(argument)
    return content  # the content is body text, read as such


def _options(lines: list[str], start: int, end: int) -> tuple[int, dict[str, str]]:
    """A directive's `:name: value` option lines: (the line after them, the options)."""
    options: dict[str, str] = {}
    index = start
    while index < end and (match := _OPTION.match(lines[index])):
        options[match.group(1).lower()] = (match.group(2) or "").strip()
        index += 1
    return index, options


def _caption(lines: list[str], start: int, end: int) -> list[str]:
    """A figure's caption: the first paragraph of its content, blank lines
    before it included; the legend after it stays body text."""
    first = next((n for n in range(start, end) if lines[n].strip()), end)
    stop = next((n for n in range(first, end) if not lines[n].strip()), end)
    return lines[start:stop]


def _image(path: str, alt: str) -> str:
    """`![alt](path)`: a figure's caption is its image's alt."""
    label = _plain(alt).replace("[", "").replace("]", "")
    return f"![{label}]({path})" if path else label


def _csv_table(doc: _Document, index: int, content: int, end: int, header: str) -> None:
    """A `csv-table`'s `:header:` option (at the directive's line) and content
    lines, a row each."""
    lines = [(index, header), *((n, doc.lines[n]) for n in range(content, end))]
    for number, line in lines:
        try:
            cells = next(csv.reader([line.strip()], skipinitialspace=True), [])
        except csv.Error:  # a field beyond the csv module's limit: the line is one cell
            cells = [line]
        _add_row(doc, number, cells)


def _indented_end(lines: list[str], start: int, indent: int) -> int:
    """The line after the block from `start` of lines indented deeper than
    `indent`, blank lines inside it included, trailing ones not."""
    end = start
    for number in range(start, len(lines)):
        line = lines[number]
        if line.strip():
            if _indent(line) <= indent:
                break
            end = number + 1
    return end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _fence(doc: _Document, start: int, end: int, code: list[str], lang: str) -> None:
    """`code`, the lines before `end`, dedented as a fenced block written over
    the lines from `start`, closed on the blank line after `end` when it has
    no line of its own; text lines where no line is left for the fences."""
    first = next((n for n, line in enumerate(code) if line.strip()), len(code))
    last = max((n for n, line in enumerate(code) if line.strip()), default=-1)
    code_start, code = end - len(code) + first, code[first : last + 1]
    if not code:
        return
    margin = min(_indent(line) for line in code if line.strip())
    code = [line[margin:].rstrip() for line in code]
    stop = end + 1 if end < len(doc.lines) and not doc.lines[end].strip() else end
    fences = 2 if stop < len(doc.lines) else 1
    if len(code) + fences > stop - start:
        _put(doc, code_start, stop, [line.strip() for line in code])
        return
    fence = code_fence(code)
    _put(doc, start, stop, [fence + lang, *code, fence])


def _put(doc: _Document, start: int, stop: int, lines: list[str]) -> None:
    """Write `lines` over the output from `start`, never past `stop`: the
    translation keeps the source's line count."""
    lines = lines[: stop - start]
    doc.out[start : start + len(lines)] = lines


# --------------------------------------------------------------------------- tables


def _simple_table(doc: _Document, index: int) -> int | None:
    """`=====  =====` borders: columns start where the border's runs start
    (in display columns: a CJK character takes two); a row whose first cell
    is empty continues the row above."""
    lines = doc.lines
    if not _SIMPLE_BORDER.match(lines[index]):
        return None
    end = _simple_table_end(doc, index + 1)
    if end is None:
        return None
    starts = [match.start() for match in _COLUMN.finditer(lines[index])]
    rows: list[tuple[int, list[str]]] = []
    for number in range(index + 1, end):
        if not lines[number].strip() or _SIMPLE_RULE.match(lines[number]):
            continue
        cells = _columns(lines[number], starts)
        if rows and not cells[0]:
            rows[-1] = (rows[-1][0], [join_wrapped([above, below]) for above, below in zip(rows[-1][1], cells)])
        else:
            rows.append((number, cells))
    for number, cells in rows:
        _add_row(doc, number, cells)
    return end + 1


def _simple_table_end(doc: _Document, index: int) -> int | None:
    """The first border from `index` on that is followed by a blank line or
    the end of the text: where a simple table ends. Found for every line in
    one pass, so a text of many borders is read in linear time."""
    if doc.table_ends is None:
        lines, following = doc.lines, None
        doc.table_ends = [None] * len(lines)
        for number in reversed(range(len(lines))):
            if _SIMPLE_BORDER.match(lines[number]) and (number + 1 == len(lines) or not lines[number + 1].strip()):
                following = number
            doc.table_ends[number] = following
    return doc.table_ends[index] if index < len(doc.lines) else None


def _columns(line: str, starts: list[int]) -> list[str]:
    cells = [""] * len(starts)
    column = 0
    for char in line:
        cells[max(0, bisect_right(starts, column) - 1)] += char
        column += display_width(char)
    return [cell.strip() for cell in cells]


def _grid_table(doc: _Document, index: int) -> int | None:
    """`+----+----+` borders around `| cell | cell |` lines; a row's lines are
    joined cell by cell."""
    lines = doc.lines
    if not _GRID_BORDER.match(lines[index]):
        return None
    end = index + 1
    while end < len(lines) and lines[end].lstrip(" \t")[:1] in ("+", "|"):
        end += 1
    first = 0
    cells: list[list[str]] = []
    for number in range(index + 1, end + 1):
        if number == end or lines[number].lstrip(" \t").startswith("+"):
            if cells:
                _add_row(doc, first, [join_wrapped(list(cell)) for cell in zip_longest(*cells, fillvalue="")])
            cells = []
        else:
            first = first if cells else number
            cells.append(lines[number].strip().strip("|").split("|"))
    return end


def _add_row(doc: _Document, index: int, cells: list[str]) -> None:
    """A table row standing at line `index`; its lines stay empty in the Markdown."""
    doc.body = True
    row = table_row([_inline(cell.strip()) for cell in cells], index + 1)
    if row is not None:
        doc.rows.append(row)


# --------------------------------------------------------------------------- fields, paragraphs


def _field_list(doc: _Document, index: int) -> int | None:
    """Fields before any body text are the docinfo (meta, Latin names in
    lower case); elsewhere each field is a `name：value` line."""
    lines = doc.lines
    if not _FIELD.match(lines[index]):
        return None
    end = index
    while end < len(lines) and (match := _FIELD.match(lines[end])):
        stop = end + 1
        while stop < len(lines) and lines[stop].strip() and _indent(lines[stop]) > len(match.group(1)):
            stop += 1
        name, value = match.group(2).strip(), (match.group(3) or "").strip()
        if doc.body:
            doc.out[end] = f"{match.group(1)}{_inline(name)}：{_inline(value)}"
            doc.out[end + 1 : stop] = [_line(line) for line in lines[end + 1 : stop]]
        elif value := join_wrapped([value, *lines[end + 1 : stop]]):
            doc.meta[name.lower() if name.isascii() else name] = _plain(value)
        end = stop
    return end


def _paragraph(doc: _Document, index: int) -> int:
    """Lines up to a blank line, each translated; a paragraph ending in `::`
    introduces the literal block indented under it."""
    lines = doc.lines
    end = index
    while end < len(lines) and lines[end].strip():
        doc.out[end] = _line(lines[end])
        end += 1
    doc.body = True
    mark = _LITERAL_MARK.search(lines[end - 1])
    if not mark:
        return end
    doc.out[end - 1] = _line(_without_literal_mark(lines[end - 1], mark))
    return _literal_block(doc, end, _content_indent(lines[index]))


def _without_literal_mark(line: str, mark: re.Match[str]) -> str:
    """`如下::` -> `如下:` and `如下：::` -> `如下：` (docutils keeps one colon
    after text), `如下 ::` and a lone `::` -> nothing."""
    before = line[: mark.start()]
    if mark.group(1) or not before.strip() or before.endswith(("：", ":")):
        return before.rstrip()
    return before + ":"


def _content_indent(line: str) -> int:
    """Where a line's text starts: after its indent and its list marker."""
    marker = _BULLET.match(line) or _ENUMERATOR.match(line)
    return marker.end() if marker else _indent(line)


def _literal_block(doc: _Document, start: int, indent: int) -> int:
    first = next((n for n in range(start, len(doc.lines)) if doc.lines[n].strip()), None)
    if first is None or _indent(doc.lines[first]) <= indent:
        return start
    end = _indented_end(doc.lines, first, indent)
    _fence(doc, first - 1, end, doc.lines[first:end], "")
    return end


def _line(line: str) -> str:
    """One line of body text: list markers as Markdown's, a line block's `|`
    gone, inline markup translated; an adornment line is no text."""
    if _ADORNMENT.match(line):
        return ""
    bullet, number, block = _BULLET.match(line), _ENUMERATOR.match(line), _LINE_BLOCK.match(line)
    if bullet:
        return f"{bullet.group(1)}- {_inline(line[bullet.end():])}"
    if number:
        return f"{number.group(1)}{number.group(2) or number.group(3) or 1}. {_inline(line[number.end():])}"
    if block:
        return block.group(1) + _inline(line[block.end() :])
    return _inline(line.rstrip())


# --------------------------------------------------------------------------- inline


def _inline(text: str) -> str:
    """``literal`` -> `literal`, `text <url>`_ -> [text](url), roles and
    references -> their text, footnote references and escaped spaces -> nothing."""
    return translate_spans(_INLINE, text, _markup, _outside_markup)


def _markup(match: re.Match[str]) -> str:
    if match.group("literal") is not None:
        return f"`{match.group('literal')}`"
    text = match.group("text")
    embedded = _EMBEDDED.match(text)
    if not embedded:
        return text
    label, target = embedded.group("label"), embedded.group("target")
    if match.group("suffix") in ("_", "__") and not target.endswith("_"):
        return f"[{label or target}]({target})"
    return label or target


def _outside_markup(text: str) -> str:
    return _NAME_REFERENCE.sub("", _FOOTNOTE_REFERENCE.sub("", _ESCAPED_WHITESPACE.sub("", text)))


def _plain(text: str) -> str:
    """Inline markup as bare text: a meta value or an image's alt links nowhere."""
    return _MARKDOWN_LINK.sub(r"\1", _inline(text)).strip()
