"""Markdown, with or without front matter: the author's structure is explicit.

Front matter goes to `Source.meta`. `#` headings are article titles (a file
with several `#` sections bundles several articles), `##` and deeper are
sections. Lists keep their Markdown syntax, a paragraph that is only an image
becomes an image block, `>` quotes and fenced code keep their kinds, a line
that only says where and when the piece appeared (`**来源：…** 2025-06-01`)
is a byline, a pipe table's rows are paragraphs of their cells. Inline
Markdown stays in the text; render turns it into sanitised HTML. Indented
code blocks are not recognised: Chinese prose is often indented by spaces.
"""

from __future__ import annotations

import re

from sitegen.model import Block
from sitegen.read.base import ReadResult
from sitegen.read.bylines import parse_byline, parse_issue, parse_source_line
from sitegen.read.frontmatter import has_front_matter, split_front_matter
from sitegen.read.text import pipe_row_text
from sitegen.read.webpage import is_furniture, is_hard_marker

NAME = "markdown"

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)")
_QUOTE = re.compile(r"^ {0,3}> ?")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]{1,20})\]:[ \t]*(?P<text>\S.*)$")
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
_LIST_MARKS = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)", re.M)
_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FIELD = re.compile(r"^(?:\*\*|__)?[\u4e00-\u9fffA-Za-z]{2,6}(?:\*\*|__)?\s*[:：]")  # `时间：`, `**地点**：`
# A pipe table: a header row, a delimiter row (`| --- | :---: |`), body rows.
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
# Bounded repeats keep every pattern linear on hostile input (`![` without `]`).
_IMAGE = re.compile(r'!\[(?P<alt>[^\]\n]{0,500})\]\(\s*(?P<src>[^\s)]{0,2000})(?:\s+["\'](?P<title>[^"\'\n]{0,500})["\'])?\s*\)')
_IMAGES_ONLY = re.compile(rf"(?:\s*(?:{_IMAGE.pattern}))+\s*")

_SYNTAX = {
    "list": re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.M),
    "image": re.compile(r"!\[[^\]\n]{0,500}\]\("),
    "link": re.compile(r"\[[^\]\n]{1,500}\]\([^)\s]{1,2000}\)"),
    "emphasis": re.compile(r"(\*\*|__)[^*_\n]+\1|`[^`\n]+`"),
    "fence": re.compile(r"^ {0,3}(?:```|~~~)", re.M),
    "quote": re.compile(r"^ {0,3}> ", re.M),
}
_HEADINGS = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_FIGURE = re.compile(r"\{\{[<%]\s*figure\b([^{}]{0,2000}?)[>%]\}\}")
_TEMPLATE_TAG = re.compile(r"\{\{[<%].{0,2000}?[>%]\}\}|\{%-?\s*[a-z]+\b.{0,500}?-?%\}")
_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*["“]([^"”]*)["”]""")
_LINK_TEXT = re.compile(r"\[([^\]\n]{1,40})\]\([^)\s]{0,2000}\)")
# Where one piece of furniture ends on a line of several: a sentence's end, a bar.
_PIECES = re.compile(r"(?<=[。！？!?])\s*|\s*[|｜]\s*")


def sniff(text: str) -> float:
    """Front matter is decisive; otherwise headings plus other Markdown syntax."""
    if has_front_matter(text):
        return 0.95
    kinds = sum(1 for pattern in _SYNTAX.values() if pattern.search(text))
    if _HEADINGS.search(text):
        return min(0.9, 0.5 + 0.1 * kinds)
    return min(0.6, 0.15 * kinds) if kinds >= 2 else 0.0


def read(text: str) -> ReadResult:
    lines = text.split("\n")
    front = split_front_matter(lines)
    blocks = _issuer_under_title(parse_blocks(_without_template_tags(lines), front.body_start))
    return ReadResult(_without_furniture(blocks), front.meta, front.diagnostics)


def _issuer_under_title(blocks: list[Block]) -> list[Block]:
    """A report's issuer and date as two paragraphs right under its title
    (`# 深圳人工智能产业发展报告` / `深圳市人工智能行业协会` / `2025年11月`, as a
    deck's title slide gives them): one byline naming the publisher and date."""
    for index in range(len(blocks) - 2):
        title, issuer, date = blocks[index : index + 3]
        if title.kind != "heading" or title.level != 1:
            continue
        if issuer.kind == date.kind == "paragraph" and "\n" not in issuer.text + date.text:
            meta = parse_issue(issuer.text, date.text)
            if meta is not None:
                byline = Block("byline", f"{issuer.text}\n{date.text}", issuer.line, meta=meta)
                return [*blocks[: index + 1], byline, *blocks[index + 3 :]]
        return blocks
    return blocks


def _without_template_tags(lines: list[str]) -> list[str]:
    """A static-site generator's template tags are no text: Hugo shortcodes
    (`{{< figure src="…" caption="…" >}}` becomes the image it shows; other
    `{{< … >}}`, `{{% … %}}` go, their content stays) and Liquid tags
    (`{% raw %}`) go. Lines keep their numbers; code blocks keep their text."""
    kept: list[str] = []
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
        kept.append(line if fenced or "{" not in line else _TEMPLATE_TAG.sub("", _FIGURE.sub(_figure_image, line)))
    return kept


def _figure_image(match: re.Match[str]) -> str:
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    source = attributes.get("src", "")
    alt = attributes.get("caption") or attributes.get("alt") or attributes.get("title") or ""
    return f"![{alt}]({source})" if source else ""


def _without_furniture(blocks: list[Block]) -> list[Block]:
    """A post saved as Markdown from a web page keeps the page's furniture
    (`[阅读原文](…)`, `*点击关注…* [分享到微信](#) | [分享到微博](#)`): a paragraph
    whose every piece (sentence, or part between bars) is furniture goes, and
    after the text has begun, a hard marker written out (`相关推荐：`, not a lone
    link such as `[阅读原文](…)`) ends it, as on a page."""
    kept: list[Block] = []
    for block in blocks:
        if block.kind in ("paragraph", "heading"):
            plain = _EMPHASIS.sub("", _LINK_TEXT.sub(r"\1", block.text)).strip()
            lone_link = _LINK_TEXT.fullmatch(block.text.strip()) is not None
            if any(b.kind == "paragraph" for b in kept) and is_hard_marker(plain) and not lone_link:
                break
            if block.kind == "paragraph" and all(map(is_furniture, _PIECES.split(plain))):
                continue
        kept.append(block)
    return kept


def parse_blocks(lines: list[str], start: int = 0) -> list[Block]:
    """Markdown block structure of `lines[start:]`, line numbers 1-based."""
    blocks: list[Block] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if not line.strip() or _BREAK.match(line):
            index += 1
            continue
        parser = _FENCE.match(line) and _fenced or HEADING.match(line) and _heading
        parser = parser or _is_table(lines, index) and _table
        parser = parser or _FOOTNOTE.match(line) and _footnote
        parser = parser or _QUOTE.match(line) and _quote or _ITEM.match(line) and _list or _paragraph
        index = parser(lines, index, blocks)
    return blocks


def heading_text(match: re.Match[str]) -> str:
    """The words of an ATX heading, without an optional closing `###`."""
    text = (match.group(2) or "").strip()
    core = text.rstrip("#")
    if core != text and (not core or core[-1] in " \t"):
        text = core.strip()
    return text


def _heading(lines: list[str], index: int, blocks: list[Block]) -> int:
    match = HEADING.match(lines[index])
    text = heading_text(match)
    if text:
        blocks.append(Block("heading", text, index + 1, len(match.group(1))))
    return index + 1


def _fenced(lines: list[str], index: int, blocks: list[Block]) -> int:
    match = _FENCE.match(lines[index])
    fence = match.group(1)
    end = index + 1
    while end < len(lines) and not lines[end].strip().startswith(fence):
        end += 1
    meta = {"lang": match.group(2)} if match.group(2) else {}
    blocks.append(Block("code", "\n".join(lines[index + 1 : end]), index + 1, meta=meta))
    return end + 1


def _is_table(lines: list[str], index: int) -> bool:
    return "|" in lines[index] and index + 1 < len(lines) and bool(_TABLE_DELIMITER.match(lines[index + 1]))


def _table(lines: list[str], index: int, blocks: list[Block]) -> int:
    """A pipe table: each row a paragraph of its cells joined by ` | ` and marked
    as a row (never joined to the prose around it), as the HTML reader reads
    `<tr>`; the delimiter row is syntax, not text."""
    end = index
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        if end != index + 1:
            text = pipe_row_text(lines[end])
            if text:
                blocks.append(Block("paragraph", text, end + 1, meta={"table": "row"}))
        end += 1
    return end


def _quote(lines: list[str], index: int, blocks: list[Block]) -> int:
    """`>` lines, plus lazy continuation lines that start no other block."""
    end = index
    body: list[str] = []
    while end < len(lines) and lines[end].strip():
        marker = _QUOTE.match(lines[end])
        if not marker and (end == index or starts_block(lines[end])):
            break
        body.append(lines[end][marker.end() :] if marker else lines[end])
        end += 1
    inner = parse_blocks(body)
    text = "\n".join(b.text for b in inner) if inner else "\n".join(s.strip() for s in body)
    text = text.strip()
    credit = parse_byline(_EMPHASIS.sub("", text)) if "\n" not in text else None
    # `> 本文来源：齐鲁壹点　编辑：于洋`: a post's credit line set off as a quote
    blocks.append(Block("byline", text, index + 1, meta=credit) if credit else Block("quote", text, index + 1))
    return end


def _list(lines: list[str], index: int, blocks: list[Block]) -> int:
    """A list runs over its items, their indented continuation lines and
    blank lines between items; its text is the list's own Markdown."""
    end = index
    kept: list[str] = []
    while end < len(lines):
        line = lines[end]
        if not line.strip():
            following = next((n for n in range(end + 1, len(lines)) if lines[n].strip()), None)
            if following is None or not (_ITEM.match(lines[following]) or lines[following][:1] in " \t"):
                break
            end = following
            continue
        if kept and not (_ITEM.match(line) or line[:1] in " \t") and starts_block(line):
            break
        kept.append(line.rstrip())
        end += 1
    indent = len(kept[0]) - len(kept[0].lstrip())
    text = "\n".join(line[indent:] if not line[:indent].strip() else line.lstrip() for line in kept)
    if _LIST_MARKS.sub("", text).strip():
        blocks.append(Block("list", text, index + 1))
    return end


def _paragraph(lines: list[str], index: int, blocks: list[Block]) -> int:
    end = index
    while end < len(lines) and lines[end].strip():
        if end > index:
            setext = _SETEXT.match(lines[end])
            if setext:
                text = "\n".join(s.strip() for s in lines[index:end])
                blocks.append(Block("heading", text, index + 1, 1 if setext.group(1)[0] == "=" else 2))
                return end + 1
            if starts_block(lines[end]):
                break
        end += 1
    if end > index + 1 and all(_FIELD.match(line.strip()) for line in lines[index:end]):
        # `时间：…` / `地点：…`: a field a line, never joined; bylines when every
        # field is a source's (`发布单位：…` / `发布日期：…` under a notice's title)
        sources = all(parse_source_line(_EMPHASIS.sub("", line.strip())) for line in lines[index:end])
        for number in range(index, end):
            _add_paragraph(lines[number].strip(), number + 1, sources, blocks)
    else:
        _add_paragraph("\n".join(s.strip() for s in lines[index:end]), index + 1, end == index + 1, blocks)
    return end


def _add_paragraph(text: str, line: int, alone: bool, blocks: list[Block]) -> None:
    """A paragraph's text as images, a byline (a source line `alone`, not one of
    a list of fields) or a paragraph."""
    source = parse_byline(_EMPHASIS.sub("", text)) if alone else None
    if _IMAGES_ONLY.fullmatch(text):
        blocks.extend(_image(m, line) for m in _IMAGE.finditer(text))
    else:
        blocks.append(Block("byline", text, line, meta=source) if source else Block("paragraph", text, line))


def _image(match: re.Match[str], line: int) -> Block:
    meta = {"src": match.group("src")}
    if match.group("title"):
        meta["title"] = match.group("title")
    return Block("image", match.group("alt"), line, meta=meta)


def starts_block(line: str) -> bool:
    """A line that interrupts a paragraph: heading, fence, quote, list item, rule, footnote."""
    return bool(
        HEADING.match(line) or _FENCE.match(line) or _QUOTE.match(line) or _BREAK.match(line) or _ITEM.match(line)
        or _FOOTNOTE.match(line)
    )


def _footnote(lines: list[str], index: int, blocks: list[Block]) -> int:
    """A footnote's definition (`[^1]: 来源：火山引擎官网`, indented lines going on
    with it): a note of its own, marked with its label so that a digest's item
    citing it (`…下降63%。[^1]`) takes it along (`normalise.split`)."""
    match = _FOOTNOTE.match(lines[index])
    end = index + 1
    while end < len(lines) and lines[end].startswith(("    ", "\t")) and lines[end].strip():
        end += 1
    text = " ".join([match["text"].strip(), *(line.strip() for line in lines[index + 1 : end])])
    blocks.append(Block("caption", text, index + 1, meta={"footnote": match["label"]}))
    return end
