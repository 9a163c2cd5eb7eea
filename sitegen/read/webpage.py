"""Text scraped from a web page: the article, then the site around it.

Scrapers keep whatever was on the page: HTML comments and tag remnants,
`Source link`, reprint notices, comment forms, footer navigation, promo lines.
`furniture.toml` lists them: a `hard` marker ends the article (everything
after it is furniture), a `soft` line is dropped wherever it stands. What is
left is read like plain text, title first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitegen.chinese.script import to_simplified
from sitegen.chinese.text import DECORATION
from sitegen.read.base import ReadResult, compile_any, load_toml
from sitegen.read.bylines import ACCOUNT_NAME_CHARS, parse_masthead
from sitegen.read.prose import Item, classify
from sitegen.read.pages import strip_page_furniture
from sitegen.read.text import split_blocks

NAME = "webpage"

_TAG = r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>"
_TAGS_ONLY = re.compile(rf"(?:\s*{_TAG})+\s*")


def _tag_remnant(line: str) -> bool:
    """A line of nothing but tags, one of them closing or with attributes
    (`</div>`, `<div class="x">`): what a scraper leaves. A lone `<script>`
    may be somebody's title, so it does not count."""
    return ("</" in line or "=" in line) and bool(_TAGS_ONLY.fullmatch(line))


@lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[re.Pattern[str], ...]]:
    data = load_toml("furniture.toml")
    sites = tuple(re.compile(p, re.IGNORECASE) for p in data["site"])
    return compile_any(data["hard"], re.IGNORECASE), compile_any(data["soft"], re.IGNORECASE), sites


# Furniture is recognised without its decoration (`▼往期推荐▼`); a line of
# nothing but decoration (`👇👇👇`) is furniture.
_DECORATED = re.compile(rf"^[{DECORATION}\s]+|[{DECORATION}\s]+$")


def _undecorated(line: str) -> str:
    """The line without decoration, in Simplified characters (see furniture.toml)."""
    return to_simplified(_DECORATED.sub("", line.strip()))


def is_hard_marker(line: str) -> bool:
    return bool(_patterns()[0].fullmatch(_undecorated(line)))


def is_furniture(line: str) -> bool:
    """A line that belongs to the site, not to any article (soft or hard)."""
    stripped = line.strip()
    bare = _undecorated(stripped)
    hard, soft, _ = _patterns()
    return not bare or bool(hard.fullmatch(bare) or soft.fullmatch(bare) or _tag_remnant(stripped))


def sniff(text: str) -> float:
    """Scraped text shows itself by its furniture, usually at the end."""
    hard, soft, _ = _patterns()
    lines = [bare for line in text.split("\n") if (bare := _undecorated(line))]
    hard_hits = sum(1 for line in lines if hard.fullmatch(line))
    soft_hits = sum(1 for line in lines if soft.fullmatch(line))
    markup = len(_comments(text)) + sum(1 for line in lines if _tag_remnant(line))
    score = 0.5 * (hard_hits > 0) + min(0.3, 0.1 * soft_hits) + 0.3 * (markup > 0)
    return min(score, 0.9)


def read(text: str) -> ReadResult:
    pages = strip_page_furniture(_drop_comments(text))
    lines = pages.text.split("\n")
    meta = pages.meta()
    dropped = pages.dropped
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if is_hard_marker(stripped):
            end = _next_post(lines, index + 1) or len(lines)
            tail = lines[index:end]
            meta.update(_site(tail))
            dropped += sum(1 for rest in tail if rest.strip())
            lines[index:end] = [""] * len(tail)
            if end == len(lines):
                break
            continue
        if is_furniture(stripped):
            lines[index] = ""
            dropped += 1
    if dropped:
        meta["furniture_lines"] = dropped
    items = [Item(raw.line, raw.lines) for raw in split_blocks("\n".join(lines))]
    return ReadResult(classify(items), meta)


def _next_post(lines: list[str], start: int) -> int | None:
    """Where the next post of a page of several begins after `start`: the line
    of its stamp (`3月4日 21:05 来自 微博 weibo.com`), or of the account name
    right above it; None when no post follows. What ends one post (its
    counters, the comments under them) ends only that post; a comment's own
    stamp offers to reply (`3月5日 11:02 来自江苏 回复 赞`) and starts none."""
    for index in range(start, len(lines)):
        stamp = parse_masthead(lines[index])
        if stamp is not None and "client" in stamp and "回复" not in stamp["client"]:
            above = lines[index - 1].strip() if index > start else ""
            return index - 1 if above and len(above) <= ACCOUNT_NAME_CHARS and not is_furniture(above) else index
    return None


def _comments(text: str) -> list[tuple[int, int]]:
    """Spans of `<!-- … -->`, found with `str.find` so that a page full of
    unclosed `<!--` still costs one pass, unlike a lazy regex."""
    spans: list[tuple[int, int]] = []
    start = text.find("<!--")
    while start != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        spans.append((start, end + 3))
        start = text.find("<!--", end + 3)
    return spans


def _drop_comments(text: str) -> str:
    """HTML comments go, their line breaks stay, so line numbers still match."""
    parts: list[str] = []
    position = 0
    for start, end in _comments(text):
        parts.append(text[position:start])
        parts.append("\n" * text.count("\n", start, end))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _site(lines: list[str]) -> dict[str, str]:
    """The site named by a reprint notice (`未经允许不得转载:紫竹林-程序员中文网 » …`)."""
    for line in lines:
        for pattern in _patterns()[2]:
            match = pattern.fullmatch(line.strip())
            if match and match.group("site").strip():
                return {"reprint_site": match.group("site").strip()}
    return {}
