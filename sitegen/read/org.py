"""Emacs Org-mode notes (`.org`) -> Markdown, read by the Markdown reader.

Read as plain text, an Org file's `#+TITLE:`, `#+AUTHOR:` and `#+DATE:` lines
were its title and its property drawers body text. Each line is translated
into its Markdown equivalent instead: the in-buffer keywords become meta and
`#+TITLE:` the `#` title line; headlines are sections under that title, or
the articles themselves when the file has none (a file of several top-level
headlines bundles several items, as a Markdown file of several `#` headings
does); TODO keywords, priorities, tags and progress cookies leave the
headlines; drawers, planning lines, comments and footnotes go (a footnote is
not part of the sentence it hangs from); blocks, lists, tables and Org's
inline markup become Markdown's. A dropped line becomes an empty one, so the
Markdown reader's line numbers are the Org file's.

Emphasis follows Org's rule: a marker counts only between whitespace or
punctuation and the text, so `a/b/c` and URLs stay as they are. CJK
characters border bold text too (`乌鲁木齐*300余名*代表`), but not the other
markers, where Chinese text has `/` and `+` of its own (`算力/存力`,
`“人工智能+”`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from sitegen.model import Block
from sitegen.read.base import ReadResult
from sitegen.read.text import HAN
from sitegen.read.translated import code_fence, in_markdown_code, read_translation, table_row, translate_spans

NAME = "org"

_KEYWORD = re.compile(r"^[ \t]*#\+([A-Za-z][\w-]{0,40}):[ \t]*(.*)$")
_BLOCK = re.compile(r"^[ \t]*#\+(begin|end)_(\w{1,40})[ \t]*(.*)$", re.I)
_HEADLINE = re.compile(r"^(\*+)[ \t]+(.*)$")
_COMMENT = re.compile(r"^[ \t]*#(?:[ \t]|$)")
_DRAWER = re.compile(r"^[ \t]*:([\w-]{1,40}):[ \t]*$")
_PLANNING = re.compile(r"^[ \t]*(?:SCHEDULED|DEADLINE|CLOSED):")
_HRULE = re.compile(r"^[ \t]*-{5,}[ \t]*$")
_TABLE = re.compile(r"^[ \t]*\|")
_TABLE_RULE = re.compile(r"^[ \t]*\|-")
_FOOTNOTE_DEFINITION = re.compile(r"^\[fn:[\w-]{1,100}\]")
_ITEM = re.compile(r"^([ \t]*)([-+*]|\d{1,9}[.)])[ \t]+(.*)$")
_ITEM_COOKIES = re.compile(r"^(?:\[@\d{1,9}\][ \t]*)?(?:\[[ xX-]\](?:[ \t]+|$))?")
_DESCRIPTION = re.compile(r"^(.{1,200}?)[ \t]+::(?:[ \t]+|$)")

_TODO = re.compile(r"^(?:TODO|DONE)(?:[ \t]+|$)")
_PRIORITY = re.compile(r"^\[#[A-Za-z0-9]\][ \t]*")
_TAGS = re.compile(r"[ \t]+:[\w@#%:]{1,200}:[ \t]*$")
_PROGRESS = re.compile(r"[ \t]*\[\d{0,9}(?:/\d{0,9}|%)\]")
_CODE_ESCAPE = re.compile(r"^([ \t]*),(?=\*|#\+|,)")

_TIMESTAMP = re.compile(
    r"[<\[](\d{4}-\d{2}-\d{2})(?:[ \t]+[^\s\d\]>]{1,12})?(?:[ \t]+(\d{1,2}:\d{2}(?:-\d{1,2}:\d{2})?))?"
    r"(?:[ \t]+[^\]>\n]{0,30})?[>\]]"
)
_FOOTNOTE_REFERENCE = re.compile(r"\[fn:[\w-]{0,100}(?::[^\[\]\n]{0,500})?\]")
_PUNCTUATION = "、，。；：！？“”‘’（）【】《》「」『』"
_PRE = rf"\s\-('\"{{{_PUNCTUATION}"
_POST = rf"\s\-.,:;!?'\")}}\\\[{_PUNCTUATION}"
_LINK = r"\[\[(?P<target>[^\[\]\n]{1,2000})\](?:\[(?P<label>[^\[\]\n]{0,500})\])?\]"
_CODE = rf"(?<![^{_PRE}])(?P<mark>[=~])(?P<code>[^\s=~]|\S[^\n]{{0,500}}?\S)(?P=mark)(?![^{_POST}])"
_SPANS = re.compile(f"{_LINK}|{_CODE}")
_IMAGE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)$", re.I)


def _emphasis(marker: str, borders: str = "") -> re.Pattern[str]:
    """`marker`text`marker` between Org's border characters (plus `borders`)."""
    mark = re.escape(marker)
    return re.compile(
        rf"(?<![^{_PRE}{borders}]){mark}(?=[^\s{mark}])([^\n]{{0,500}}?\S){mark}(?![^{_POST}{borders}])"
    )


# Marker -> what Markdown writes around the text ("" for underline and
# strike-through, which Markdown has not).
_EMPHASES = ((_emphasis("*", HAN), "**"), (_emphasis("/"), "*"), (_emphasis("+"), ""), (_emphasis("_"), ""))

_META_KEYS = {"title": "title", "author": "author", "date": "date", "description": "description",
              "keywords": "tags", "filetags": "tags"}
_CODE_BLOCKS = {"src", "example"}
_DROPPED_BLOCKS = {"comment", "export"}

_SIGNS = re.compile(r"^#\+(?:[A-Za-z][\w-]{0,40}:|begin_\w)", re.M | re.I)
_HEADLINES = re.compile(r"^\*+[ \t]+\S", re.M)
_ORG_ONLY = re.compile(
    r"^[ \t]*:(?:PROPERTIES|LOGBOOK):[ \t]*$|^[ \t]*(?:SCHEDULED|DEADLINE|CLOSED):[ \t]|^\*+[ \t]+(?:TODO|DONE)[ \t]"
    r"|\[\[[^\[\]\n]{1,2000}\]\[[^\[\]\n]{1,500}\]\]",
    re.M,
)


def sniff(text: str) -> float:
    """An in-buffer keyword (`#+TITLE:`) or block line is decisive (unless it
    stands in a Markdown file's code block); otherwise headlines with drawers,
    planning lines, TODO keywords or Org links. A Markdown file's `* ` bullets
    alone are no sign."""
    sign = _SIGNS.search(text)
    if sign:
        return 0.0 if in_markdown_code(text, sign.start()) else 0.92
    return 0.85 if _HEADLINES.search(text) and _ORG_ONLY.search(text) else 0.0


def read(text: str) -> ReadResult:
    lines, meta, rows = translate(text)
    return read_translation(lines, meta, rows)


@dataclass
class _Org:
    lines: list[str]
    title: str
    out: list[str] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
    rows: list[Block] = field(default_factory=list)
    quotes: int = 0  # `#+BEGIN_QUOTE` blocks open
    headed: bool = False  # the `# title` line is written
    tags: list[str] = field(default_factory=list)
    ends: dict[str, list[int]] = field(default_factory=dict)  # where each `#+END_x` (and `:END:`) stands

    def emit(self, line: str) -> None:
        self.out.append(("> " + line if line else ">") if self.quotes else line)


def translate(text: str) -> tuple[list[str], dict[str, object], list[Block]]:
    """The Markdown lines (as many as `text` has), the keywords' meta and the tables' rows."""
    lines = text.split("\n")
    org = _Org(lines, _title(lines), ends=_ends(lines))
    if org.title:
        org.meta["title"] = org.title
    index = 0
    while index < len(lines):
        index = _translate_at(org, index)
    if org.tags:
        org.meta["tags"] = org.tags
    return org.out, org.meta, org.rows


def _title(lines: list[str]) -> str:
    """The `#+TITLE:` lines' words: Org joins several of them."""
    found = (_KEYWORD.match(line) for line in lines if "#+" in line[:64])
    return " ".join(m.group(2).strip() for m in found if m and m.group(1).lower() == "title" and m.group(2).strip())


def _ends(lines: list[str]) -> dict[str, list[int]]:
    """The indexes of the lines that close a block (by its lowercase name) or a drawer (`:end:`)."""
    ends: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        block = _BLOCK.match(line) if "#+" in line[:64] else None
        if block and block.group(1).lower() == "end":
            ends.setdefault(block.group(2).lower(), []).append(index)
        elif line.strip().lower() == ":end:":
            ends.setdefault(":end:", []).append(index)
    return ends


def _end_after(org: _Org, name: str, index: int) -> int | None:
    found = org.ends.get(name, [])
    position = bisect_right(found, index)
    return found[position] if position < len(found) else None


def _translate_at(org: _Org, index: int) -> int:
    """Translate the construct starting at `index`; the index after it."""
    line = org.lines[index]
    block = _BLOCK.match(line)
    if block:
        return _block(org, index, block)
    drawer = _DRAWER.match(line)
    end = _end_after(org, ":end:", index) if drawer else None
    if end is not None:
        org.out.extend([""] * (end + 1 - index))
        return end + 1
    if _TABLE.match(line):
        return _table(org, index)
    if _FOOTNOTE_DEFINITION.match(line):
        return _footnote(org, index)
    org.emit(_line(org, line))
    return index + 1


def _block(org: _Org, index: int, block: re.Match[str]) -> int:
    """A `#+BEGIN_x` ... `#+END_x` block: source and examples fenced,
    comments and exports dropped, quotes quoted, the others' text kept. A
    block without its end line is no block (Org reads it as text)."""
    name = block.group(2).lower()
    if block.group(1).lower() == "end":
        if name == "quote" and org.quotes:
            org.quotes -= 1
        org.emit("")
        return index + 1
    end = _end_after(org, name, index)
    if end is None or name not in _CODE_BLOCKS | _DROPPED_BLOCKS:
        org.emit("")
        org.quotes += name == "quote" and end is not None
        return index + 1
    inner = org.lines[index + 1 : end]
    if name in _DROPPED_BLOCKS:
        translated = [""] * (len(inner) + 2)
    else:
        code = [_CODE_ESCAPE.sub(r"\1", line) for line in inner]
        fence = code_fence(code)
        language = block.group(3).split()[:1] if name == "src" else []
        translated = [fence + "".join(language), *code, fence]
    for line in translated:
        org.emit(line)
    return end + 1


def _table(org: _Org, index: int) -> int:
    """A table's rows (its rule lines are no text); its lines stay empty."""
    end = index
    while end < len(org.lines) and _TABLE.match(org.lines[end]):
        line = org.lines[end]
        row = None if _TABLE_RULE.match(line) else table_row([_inline(cell) for cell in _cells(line)], end + 1)
        if row:
            org.rows.append(row)
        org.emit("")
        end += 1
    return end


def _cells(line: str) -> list[str]:
    row = line.strip()[1:]
    return (row[:-1] if row.endswith("|") else row).split("|")


def _footnote(org: _Org, index: int) -> int:
    """A footnote's definition: its paragraph goes, up to a blank line, a headline or the next definition."""
    end = index + 1
    while end < len(org.lines) and org.lines[end].strip() and not (
        _HEADLINE.match(org.lines[end]) or _FOOTNOTE_DEFINITION.match(org.lines[end])
    ):
        end += 1
    org.out.extend([""] * (end - index))
    return end


def _line(org: _Org, line: str) -> str:
    keyword = _KEYWORD.match(line)
    if keyword:
        return _keyword(org, keyword.group(1).lower(), keyword.group(2).strip())
    if _COMMENT.match(line) or _PLANNING.match(line) or _HRULE.match(line) or _DRAWER.match(line):
        return ""
    headline = _HEADLINE.match(line)
    if headline:
        return _headline(org, len(headline.group(1)), headline.group(2))
    item = _ITEM.match(line)
    return _item(*item.groups()) if item else _inline(line)


def _keyword(org: _Org, key: str, value: str) -> str:
    """`#+TITLE:` becomes the title line (once); the other keywords meta or nothing."""
    if key == "title":
        line = "" if org.headed or not org.title else f"# {_inline(org.title)}"
        org.headed = True
        return line
    name = _META_KEYS.get(key)
    if not name or not value:
        return ""
    if name == "tags":
        org.tags.extend(_tags(value))
    elif name == "date":
        timestamp = _TIMESTAMP.search(value)
        org.meta.setdefault("date", timestamp.group(1) if timestamp else value)
    else:
        org.meta[name] = f"{org.meta[name]} {value}" if name in org.meta else value
    return ""


def _tags(value: str) -> list[str]:
    """`:人工智能:算力:` (file tags) or `人工智能, 算力` or `人工智能 算力` (keywords)."""
    parts = re.split(r"[:,，、;；]", value)
    return [part.strip() for part in (parts if len(parts) > 1 else value.split()) if part.strip()]


def _headline(org: _Org, stars: int, text: str) -> str:
    """A section heading (an article's title without `#+TITLE:`), without
    TODO keyword, priority, tags and progress cookie. Org's footnote section
    goes with the footnotes."""
    text = _PRIORITY.sub("", _TODO.sub("", text.strip()))
    text = _PROGRESS.sub("", _TAGS.sub("", text)).strip()
    if text == "Footnotes":
        return ""
    return "#" * min(6, stars + bool(org.title)) + " " + _inline(text)


def _item(indent: str, bullet: str, text: str) -> str:
    """A list item without its checkbox; `term :: text` becomes `term：text`."""
    text = _ITEM_COOKIES.sub("", text, count=1)
    description = _DESCRIPTION.match(text)
    if description:
        text = f"{description.group(1)}：{text[description.end():]}"
    return f"{indent}{bullet} {_inline(text)}"


def _inline(text: str) -> str:
    """Org's inline markup as Markdown's; links and code are left as they are inside."""
    return translate_spans(_SPANS, _TIMESTAMP.sub(_timestamp, _FOOTNOTE_REFERENCE.sub("", text)), _span, _emphasise)


def _timestamp(match: re.Match[str]) -> str:
    """`<2025-08-21 Thu 10:00>` -> `2025-08-21 10:00`."""
    return " ".join(filter(None, match.group(1, 2)))


def _span(span: re.Match[str]) -> str:
    code = span.group("code")
    if code is not None:
        return f"`` {code} ``" if "`" in code else f"`{code}`"
    return _link(span.group("target"), span.group("label"))


def _link(target: str, label: str | None) -> str:
    """`[[url][text]]` -> `[text](url)`, `[[url]]` -> url, an image file alone
    -> the image, a link inside the file (`[[*headline]]`) -> its words."""
    target = target.removeprefix("file:")
    internal = target.startswith(("*", "#"))
    if label:
        return _emphasise(label) if internal else f"[{_emphasise(label)}]({target})"
    if internal:
        return target[1:]
    return f"![]({target})" if _IMAGE.search(target) else target


def _emphasise(text: str) -> str:
    for pattern, markdown in _EMPHASES:
        text = pattern.sub(lambda match: f"{markdown}{match.group(1)}{markdown}", text)
    return text
