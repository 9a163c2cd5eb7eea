"""AsciiDoc (asciidoctor) -> Markdown, line for line, read by the Markdown reader.

Notes and reports written for asciidoctor open with a header (`= Title`, an
author line, a revision line, `:attribute:` entries) and mark their notes,
code and tables with labels and delimiter lines. Read as plain text, `:toc:`,
`NOTE:` and `|===` would be the article's words. So each line is translated
into the Markdown line that says the same, and a line that is only syntax
becomes an empty line: the Markdown reader then reads the result, and its line
numbers are the source's.

The header's title is the article's title (`#`), its author line and
revision date, and the attributes `author`, `revdate`, `description` and
`keywords`, go to meta. `==` sections are `##` sections. Admonition labels,
block attribute lines, block titles (captions), comments and other attribute
entries are no text. Listing and literal blocks are fenced code, quote blocks
are `>` quotes, sidebars and examples are their paragraphs, a table's
rows are read as a pipe table's. Inline markup becomes its Markdown; a footnote is no part of the
sentence it is attached to and goes.

Not read as markup (the text stays): `#marked#`, `^super^` and `~sub~` text,
index terms, inline passthroughs, conditional preprocessor directives,
cell specifiers in the middle of a table line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.model import Block
from sitegen.read.base import ReadResult
from sitegen.read.markdown import HEADING
from sitegen.read.translated import code_fence, join_wrapped, read_translation, table_row, translate_spans

NAME = "asciidoc"

_DOCUMENT_TITLE = re.compile(r"^=[ \t]+(\S.*)$")
_SECTION = re.compile(r"^(={1,6})[ \t]+(\S.*?)(?:[ \t]+=+)?[ \t]*$")
_ATTRIBUTE_ENTRY = re.compile(r"^:(!?\w[\w-]{0,60}!?):(?:[ \t]+(.*?))?[ \t]*$")
_BLOCK_ATTRIBUTES = re.compile(r"^\[\[?([^\[\]\n]{0,500})\]\]?[ \t]*$")
_BLOCK_TITLE = re.compile(r"^\.([^\s.].*)$")
_COMMENT = re.compile(r"^//(?!//)")
_DELIMITER = re.compile(r"^(-{4,}|\.{4,}|_{4,}|\*{4,}|={4,}|/{4,}|\+{4,}|--|`{3,}[\w+-]{0,40})[ \t]*$")
_TABLE = re.compile(r"^([|,:!])={3,}[ \t]*$")
_BLOCK_MACRO = re.compile(r"^(?P<name>[\w-]{1,40})::(?P<target>[^\s\[]{0,2000})\[(?P<attributes>[^\n]{0,1000})\][ \t]*$")
_BREAK = re.compile(r"^(?:'{3,}|<{3}|-{3}|\*{3}|_{3}|- - -|\* \* \*)[ \t]*$")
_ADMONITION = re.compile(r"^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+")
_LIST_ITEM = re.compile(r"^[ \t]*(\*{1,5}|-|\.{1,5}|\d{1,9}\.)[ \t]+(?=\S)")
_DESCRIPTION = re.compile(r"^(?P<term>[^\s:/][^\n]{0,300}?)(?::{2,4}|;;)(?:[ \t]+(?P<text>.*))?$")
_HARD_BREAK = re.compile(r"[ \t]\+[ \t]*$")
_AUTHOR = re.compile(r"^(?P<name>[^\W\d][\w'.-]{0,30}(?:[ \t]+\w[\w'.-]{0,30}){0,2})(?:[ \t]+<[^<>\n]{0,200}>)?$")
_VERSION = re.compile(r"^v?\d[\w.-]{0,40}$", re.I)
_REMARK = re.compile(r":(?!\d)")
_DIGIT = re.compile(r"\d")
_ATTRIBUTE_ITEM = re.compile(r"""[ \t]*((?:[\w-]{1,60}[ \t]*=[ \t]*)?(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'|[^,\n]{0,500}))[ \t]*(?:,|$)""")
_COLUMNS = re.compile(r"""^cols[ \t]*=[ \t]*["']?(?:(\d{1,3})\*|([^"']{0,500}))""")
_CELL_SPLIT = {separator: re.compile(rf"(?<!\\){re.escape(separator)}") for separator in "|!"}
_CELL_SPEC = re.compile(r"(?:\d{1,3}[*+]|\.\d{1,3}\+|\d{1,3}\.\d{1,3}\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?")
_ATTRIBUTE_REFERENCE = re.compile(r"\{([\w-]{1,60})\}")

# Inline markup whose inside is no prose: code, images, links, cross references, footnotes, URLs.
_INLINE = re.compile(
    r"`(?P<code>[^`\n]{1,2000})`"
    r"|image:(?!:)(?P<src>[^\s\[\]]{1,2000})\[(?P<alt>[^\]\n]{0,500})\]"
    r"|(?:link:(?P<target>[^\s\[\]]{1,2000})|(?P<url>(?:https?|ftp|irc|mailto):[^\s\[\]]{1,2000}))\[(?P<label>[^\]\n]{0,500})\]"
    r"|<<(?P<xref>[^<>,\n]{1,200})(?:,[ \t]*(?P<xref_text>[^<>\n]{0,500}))?>>"
    r"|xref:[^\s\[\]]{1,500}\[(?P<xref_label>[^\]\n]{0,500})\]"
    r"|footnote(?:ref)?:[\w-]{0,60}\[(?P<footnote>[^\]\n]{0,1000})\]"
    r"|(?P<bare>(?:https?|ftp)://[^\s\[\]<>]{1,2000})"
)
# Bold (`*text*`, `**text**`) and italic (`_text_`, `__text__`); a constrained
# pair only between non-Latin neighbours, so `snake_case` and `2*3*4` stay.
_EMPHASIS = re.compile(
    r"\*\*(?P<strong>[^\s*](?:[^\n]{0,1000}?[^\s*])?)\*\*"
    r"|(?<![A-Za-z0-9*])\*(?P<bold>[^\s*](?:[^*\n]{0,1000}?[^\s*])?)\*(?![A-Za-z0-9*])"
    r"|__(?P<underscores>[^\s_](?:[^\n]{0,1000}?[^\s_])?)__"
    r"|(?<![A-Za-z0-9_])_(?P<italic>[^\s_](?:[^_\n]{0,1000}?[^\s_])?)_(?![A-Za-z0-9_])"
)
_ANCHOR = re.compile(r"\[\[[^\[\]\n]{1,200}\]\]")
_MARKUP_CHARACTERS = re.compile(r"[\[\]*`]")

# Attribute entries that say what meta does, by meta key; the rest configure the rendering.
_META = {
    "author": "author", "authors": "author", "revdate": "date", "description": "description",
    "keywords": "tags", "作者": "author", "日期": "date", "来源": "source", "摘要": "description",
    "关键词": "tags",
}
# Built-in character replacement attributes.
_CHARACTERS = {
    "nbsp": " ", "sp": " ", "empty": "", "zwsp": "", "amp": "&", "lt": "<", "gt": ">", "plus": "+",
    "startsb": "[", "endsb": "]", "vbar": "|", "caret": "^", "asterisk": "*", "tilde": "~", "apos": "'",
    "quot": '"', "deg": "°", "backslash": "\\", "two-colons": "::", "two-semicolons": ";;",
}
_VERBATIM = frozenset({"source", "listing", "literal"})
_QUOTED = frozenset({"quote", "verse"})

_SNIFF_SECTIONS = re.compile(r"^={2,6}[ \t]+\S", re.M)
_SNIFF_SIGNS = (
    re.compile(r"^:[\w-]{1,60}:(?:[ \t]|$)", re.M),
    re.compile(r"^\|={3,}[ \t]*$", re.M),
    re.compile(r"^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION): ", re.M),
    re.compile(r"^(?:image|include|video)::\S{0,2000}\[", re.M),
    re.compile(r"^\[(?:source|quote|NOTE|TIP|IMPORTANT|WARNING|CAUTION|cols=)", re.M),
)
_SNIFF_DELIMITERS = re.compile(r"^(?:-{4,}|={4,}|\*{4,}|_{4,}|\.{4,}|/{4,})[ \t]*$", re.M)


@dataclass
class _Document:
    lines: list[str]
    out: list[str] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    style: list[str] = field(default_factory=list)  # the next block's attribute list: `source`, `python`
    style_line: int = -1  # where it was written
    caption: str = ""  # the next block's title
    rows: list[Block] = field(default_factory=list)  # table rows: a pipe table would need lines the source lacks

    def __post_init__(self) -> None:
        self.out = [""] * len(self.lines)


def sniff(text: str) -> float:
    """A `= Title` header with sections, attribute entries, delimited blocks
    or admonitions decides; without a header, sections and one sign that
    only AsciiDoc writes (an attribute entry, `|===`, an admonition, a block
    macro, a `[source]` line)."""
    lines = text.split("\n", 200)
    first = next((s for s in lines if s.strip() and not (_COMMENT.match(s) or _ATTRIBUTE_ENTRY.match(s))), "")
    signs = sum(1 for pattern in _SNIFF_SIGNS if pattern.search(text))
    sections = bool(_SNIFF_SECTIONS.search(text))
    if _DOCUMENT_TITLE.match(first) and (signs or sections or _SNIFF_DELIMITERS.search(text)):
        return 0.9
    return 0.8 if sections and signs else 0.0


def read(text: str) -> ReadResult:
    doc = translate(text)
    return read_translation(doc.out, doc.meta, doc.rows)


def translate(text: str) -> _Document:
    """The Markdown for `text` (`out`, one line for each of its lines), its
    meta and its tables' rows."""
    doc = _Document(text.split("\n"))
    index = _header(doc)
    while index < len(doc.lines):
        index = _block(doc, index)
    return doc


# --------------------------------------------------------------------------- header


def _header(doc: _Document) -> int:
    """`= Title` (attribute entries and comments may come first), then up to
    a blank line: the author line, the revision line and attribute entries.
    The index of the first body line."""
    lines = doc.lines
    index = 0
    while index < len(lines) and not _DOCUMENT_TITLE.match(lines[index]):
        if _ATTRIBUTE_ENTRY.match(lines[index]):
            _attribute(doc, _ATTRIBUTE_ENTRY.match(lines[index]))
        elif lines[index].strip() and not _COMMENT.match(lines[index]):
            return index
        index += 1
    if index == len(lines):
        return index
    doc.out[index] = "# " + _inline(doc, _DOCUMENT_TITLE.match(lines[index]).group(1).strip())
    people = 0  # the author line, then the revision line
    for index in range(index + 1, len(lines)):
        line = lines[index].strip()
        if not line:
            return index
        if entry := _ATTRIBUTE_ENTRY.match(line):
            _attribute(doc, entry)
        elif people == 0 and (names := _authors(line)):
            doc.meta["author"], people = names, 1
        elif people == 1 and (date := _revision_date(line)) is not None:
            if date:
                doc.meta["date"] = date
            people = 2
        elif not _COMMENT.match(line):
            return index
    return len(lines)


def _authors(line: str) -> list[str]:
    """`王强 <wang@example.com>; 李华` -> the names; none when the line is no author line."""
    names = [_AUTHOR.match(part.strip()) for part in line.split(";")]
    return [match.group("name") for match in names if match] if all(names) else []


def _revision_date(line: str) -> str | None:
    """The date of a revision line (`v1.0, 2025-05-06: 初稿`, `2025-05-06`),
    empty for a version alone (`v1.0`); None when the line is no revision line."""
    version, comma, rest = line.partition(",")
    if not comma:
        version, rest = (line, "") if line[:1] in "vV" and _VERSION.match(line) else ("", line)
    if version and not _VERSION.match(version.strip()):
        return None
    date = _REMARK.split(rest, maxsplit=1)[0].strip()
    return date if _DIGIT.search(date) or not date and version else None


def _attribute(doc: _Document, entry: re.Match[str]) -> None:
    name, value = entry.group(1), _substitute(doc, entry.group(2) or "")
    if name.startswith("!") or name.endswith("!"):
        doc.attributes.pop(name.strip("!"), None)
        return
    doc.attributes[name] = value
    if name.lower() in _META and value:
        doc.meta[_META[name.lower()]] = value


# --------------------------------------------------------------------------- blocks


def _block(doc: _Document, index: int) -> int:
    """Translate what starts at `index`; the index after it. Block
    attributes and titles apply to the block after them."""
    line = doc.lines[index]
    if not line.strip():
        return index + 1
    for parse in (_comment, _attribute_entry, _block_attributes, _block_title):
        end = parse(doc, index)
        if end is not None:
            return end
    for parse in (_delimited, _table, _macro, _heading, _break):
        end = parse(doc, index)
        if end is not None:
            break
    else:
        end = _paragraph(doc, index)
    doc.style, doc.style_line, doc.caption = [], -1, ""
    return end


def _comment(doc: _Document, index: int) -> int | None:
    line = doc.lines[index].rstrip()
    if line.startswith("////") and set(line) == {"/"}:
        return _closing(doc.lines, index) + 1
    return index + 1 if _COMMENT.match(line) else None


def _attribute_entry(doc: _Document, index: int) -> int | None:
    entry = _ATTRIBUTE_ENTRY.match(doc.lines[index])
    if entry:
        _attribute(doc, entry)
    return index + 1 if entry else None


def _block_attributes(doc: _Document, index: int) -> int | None:
    """`[source,python]`, `[quote, 作者]`, `[cols="1,2"]`, `[[anchor]]`: no text."""
    match = _BLOCK_ATTRIBUTES.match(doc.lines[index])
    if not match:
        return None
    if not doc.lines[index].startswith("[["):
        doc.style = [item.strip("\"'") for item in _ATTRIBUTE_ITEM.findall(match.group(1)) if item]
        doc.style_line = index
    return index + 1


def _block_title(doc: _Document, index: int) -> int | None:
    """`.标题` over a block is its caption: no body text (an image's alt at most)."""
    match = _BLOCK_TITLE.match(doc.lines[index])
    if match:
        doc.caption = match.group(1).strip()
    return index + 1 if match else None


def _closing(lines: list[str], index: int) -> int:
    """The line that closes the delimited block opened at `index` (the same
    delimiter; a Markdown fence's backticks without its language), or the end
    of the text."""
    delimiter = lines[index].rstrip()
    if delimiter.startswith("`"):
        delimiter = "`" * (len(delimiter) - len(delimiter.lstrip("`")))
    return next((n for n in range(index + 1, len(lines)) if lines[n].rstrip() == delimiter), len(lines))


def _delimited(doc: _Document, index: int) -> int | None:
    """Listing, literal and Markdown-fenced blocks are code; a quote block is
    `>` lines; a passthrough goes; the delimiters of sidebars, examples and
    open blocks go and their content is read as any other."""
    match = _DELIMITER.match(doc.lines[index])
    if not match:
        return None
    delimiter = match.group(1)
    style = doc.style[0] if doc.style else ""
    if delimiter[0] in ".`" or delimiter.startswith("----") or delimiter == "--" and style in _VERBATIM:
        return _code(doc, index)
    if delimiter[0] == "+":
        return _closing(doc.lines, index) + 1
    if delimiter[0] == "_" or style in _QUOTED:
        end = _closing(doc.lines, index)
        doc.out[index + 1 : end] = [f"> {_line(doc, line)}".rstrip() for line in doc.lines[index + 1 : end]]
        return end + 1
    return index + 1


def _code(doc: _Document, index: int) -> int:
    end = _closing(doc.lines, index)
    delimiter = doc.lines[index].strip()
    language = delimiter.lstrip("`") if delimiter.startswith("`") else _language(doc)
    fence = code_fence(doc.lines[index + 1 : end])
    doc.out[index] = fence + language
    doc.out[index + 1 : end] = doc.lines[index + 1 : end]
    if end < len(doc.lines):
        doc.out[end] = fence
    return end + 1


def _language(doc: _Document) -> str:
    """`[source,python]` -> `python`."""
    return doc.style[1] if len(doc.style) > 1 and doc.style[0] == "source" else ""


def _table(doc: _Document, index: int) -> int | None:
    """`|===` ... `|===`: cells start at `|` (on one line or each on its own);
    rows have as many cells as `cols` says or the first line holds. A CSV or
    DSV table (`,===`, `:===`) has a row per line. Each row stands at the line
    of its first cell."""
    match = _TABLE.match(doc.lines[index])
    if not match:
        return None
    end = _closing(doc.lines, index)
    separator = match.group(1)
    numbered = [(n, doc.lines[n]) for n in range(index + 1, end) if doc.lines[n].strip()]
    if separator in _CELL_SPLIT:
        cells, first_line = _cells(numbered, separator)
        width = _columns(doc.style) or first_line or 1
        rows = [(cells[n][0], [text for _, text in cells[n : n + width]]) for n in range(0, len(cells), width)]
    else:
        rows = [(number, line.split(separator)) for number, line in numbered]
    for number, row in rows:
        block = table_row([_inline(doc, cell.strip()) for cell in row], number + 1)
        if block is not None:
            doc.rows.append(block)
    return end + 1


def _cells(lines: list[tuple[int, str]], separator: str) -> tuple[list[tuple[int, str]], int]:
    """The cells of a table's lines, each with the line it starts on, and how
    many the first line holds; text before a line's first separator continues
    the cell above."""
    cells: list[tuple[int, str]] = []
    first_line = 0
    for number, line in lines:
        head, *rest = _CELL_SPLIT[separator].split(line)
        if head.strip() and not _CELL_SPEC.fullmatch(head.strip()) and cells:
            cells[-1] = (cells[-1][0], join_wrapped([cells[-1][1], head]))
        first_line = first_line or len(rest)
        cells.extend((number, cell.strip()) for cell in rest)
    return cells, first_line


def _columns(style: list[str]) -> int:
    """The column count of `cols="1,2,3"` or `cols=3*`, 0 when not given."""
    match = next((m for m in map(_COLUMNS.match, style) if m), None)
    if not match:
        return 0
    return int(match.group(1)) if match.group(1) else len([spec for spec in match.group(2).split(",") if spec.strip()])


def _macro(doc: _Document, index: int) -> int | None:
    """`image::path[alt]` is an image (its block title the alt when it has
    none); `include::`, `toc::` and other block macros give no text."""
    match = _BLOCK_MACRO.match(doc.lines[index])
    if not match:
        return None
    if match.group("name") == "image":
        alt = _first_attribute(match.group("attributes")) or doc.caption
        doc.out[index] = f"![{_bare(doc, alt)}]({match.group('target')})"
    return index + 1


def _first_attribute(attributes: str) -> str:
    """The first positional attribute: `"成都智算中心",600` -> `成都智算中心`."""
    first = attributes.split(",")[0].strip()
    return "" if "=" in first else first.strip('"')


def _heading(doc: _Document, index: int) -> int | None:
    """`== Section` -> `## Section`; Markdown's `##` headings, which asciidoctor
    also reads, stay."""
    line = doc.lines[index]
    section = _SECTION.match(line)
    if section:
        doc.out[index] = "#" * len(section.group(1)) + " " + _inline(doc, section.group(2))
    elif HEADING.match(line):
        doc.out[index] = _inline(doc, line)
    else:
        return None
    return index + 1


def _break(doc: _Document, index: int) -> int | None:
    """A thematic break (`'''`, `---`) or a page break (`<<<`): no text."""
    return index + 1 if _BREAK.match(doc.lines[index]) else None


def _paragraph(doc: _Document, index: int) -> int:
    """Lines up to a blank line or a line that starts a block. A `[source]`
    paragraph is code, a `[quote]` paragraph a quote."""
    lines = doc.lines
    end = index + 1
    while end < len(lines) and lines[end].strip() and not _starts_block(lines[end]):
        end += 1
    style = doc.style[0] if doc.style else ""
    closed = end == len(lines) or not lines[end].strip()
    if style in _VERBATIM and doc.style_line >= 0 and closed:
        fence = code_fence(lines[index:end])
        doc.out[doc.style_line] = fence + _language(doc)
        doc.out[index:end] = [line.rstrip() for line in lines[index:end]]
        if end < len(lines):
            doc.out[end] = fence
        return end
    prefix = "> " if style in _QUOTED else ""
    doc.out[index:end] = [(prefix + _line(doc, line)).rstrip() for line in lines[index:end]]
    return end


def _starts_block(line: str) -> bool:
    return bool(
        _DELIMITER.match(line) or _TABLE.match(line) or _BLOCK_ATTRIBUTES.match(line) or _SECTION.match(line)
        or _BLOCK_MACRO.match(line) or _ATTRIBUTE_ENTRY.match(line)
    )


def _line(doc: _Document, line: str) -> str:
    """One line of body text: a comment or a list continuation `+` goes, and
    so do an admonition's label and a hard break's trailing ` +`; list
    markers become Markdown's, a description list item `term：text`."""
    stripped = line.strip()
    if _COMMENT.match(stripped) or stripped == "+":
        return ""
    stripped = _HARD_BREAK.sub("", _ADMONITION.sub("", stripped))
    item = _LIST_ITEM.match(stripped)
    if item:
        return _item(item.group(1)) + _inline(doc, stripped[item.end() :])
    description = _DESCRIPTION.match(stripped)
    if description:
        return f"{_inline(doc, description.group('term'))}：{_inline(doc, description.group('text') or '')}"
    return _inline(doc, stripped)


def _item(marker: str) -> str:
    """`**` -> a nested `- `, `..` -> a nested `1. `, `3.` stays."""
    if marker[0] == "*":
        return "  " * (len(marker) - 1) + "- "
    if marker[0] == ".":
        return "   " * (len(marker) - 1) + "1. "
    return "- " if marker == "-" else marker + " "


# --------------------------------------------------------------------------- inline


def _substitute(doc: _Document, text: str) -> str:
    """`{name}` -> the attribute's value, or the character it names; unknown ones stay."""
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return doc.attributes.get(name, _CHARACTERS.get(name, match.group(0)))

    return _ATTRIBUTE_REFERENCE.sub(value, text) if "{" in text else text


def _inline(doc: _Document, text: str) -> str:
    """Bold and italic as Markdown's, links and images as Markdown's, cross
    references as their text, footnotes and anchors gone; code stays."""
    return translate_spans(_INLINE, _substitute(doc, text), _markup, _prose)


def _markup(match: re.Match[str]) -> str:
    if match.group("code") is not None:
        return match.group(0)
    if match.group("src") is not None:
        return f"![{_first_attribute(match.group('alt'))}]({match.group('src')})"
    target = match.group("target") or match.group("url")
    if target is not None:
        label = match.group("label")
        label = (_first_attribute(label) if "=" in label else label).strip().rstrip("^")
        return f"[{label}]({target})" if label else target
    if match.group("xref") is not None:
        return match.group("xref_text") or ""
    if match.group("xref_label") is not None:
        return match.group("xref_label")
    if match.group("footnote") is not None:
        return ""
    return match.group("bare")


def _prose(text: str) -> str:
    return _EMPHASIS.sub(_emphasis, _ANCHOR.sub("", text))


def _emphasis(match: re.Match[str]) -> str:
    strong = match.group("strong") or match.group("bold")
    return f"**{strong}**" if strong else f"*{match.group('underscores') or match.group('italic')}*"


def _bare(doc: _Document, text: str) -> str:
    """Inline text without its markup, for an image's alt."""
    return _MARKUP_CHARACTERS.sub("", _inline(doc, text))
