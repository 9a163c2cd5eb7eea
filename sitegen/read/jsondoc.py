"""Articles exported as JSON: a scraper's list of records, JSON Lines, a JSON
Feed, an API dump.

The file is one record or a list of them, at the top or under a key such as
`items`, `articles` or `data`. A record is an article when it has a title and
a body; the key names people use for each part are listed in
`jsondoc.toml`, and where none of them is present a key made of a listed word
counts (`news_title`, `pubTime`; a Chinese key such as `新闻标题` counts when it
contains a listed word). Each article becomes a level-1 heading, a byline
(publisher, date, authors) and its body: HTML through the HTML reader's
extractor, plain text split into paragraphs at its line breaks. Line numbers
point at the record's title in the file.

`names_part` and `record_blocks` are shared with the table reader, so a CSV
row and a JSON record are recognised by the same key names and become
articles the same way.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from sitegen.chinese.dates import unix_time_text
from sitegen.model import Block
from sitegen.read import html
from sitegen.read.base import ReadResult, load_toml, warning
from sitegen.read.text import site_name_at_end, without_site_name

NAME = "json"

_OPENS = re.compile(r"^\s*[\[{]")
_KEY = re.compile(r'"([^"\\]{1,40})"\s*:')
_TAG_HINT = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|span|img|a|strong|em)[\s/>]", re.IGNORECASE)
MAX_DEPTH = 4


_KEY_WORDS = re.compile(r"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=1)
def _keys() -> dict[str, tuple[str, ...]]:
    return {part: tuple(names) for part, names in load_toml("jsondoc.toml")["keys"].items()}


@lru_cache(maxsize=None)
def _listed(part: str) -> frozenset[str]:
    return frozenset(name.lower() for name in _keys()[part])


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    return {part: frozenset(words) for part, words in load_toml("jsondoc.toml")["words"].items()}


def _worded(key: str, part: str) -> bool:
    """Whether a key such as `news_title`, `pubTime` or `新闻标题` names `part`
    by one of its words (Chinese words, unspaced, by being part of the key)."""
    words = {word.lower() for word in _KEY_WORDS.split(key) if word}
    table = _words()

    def named(listed: frozenset[str]) -> bool:
        return bool(words & listed) or any(word in key for word in listed if not word.isascii())

    return named(table[part]) and not named(table["ignored"])


def names_part(key: str, part: str) -> bool:
    """Whether a key or column header names `part` (`title`, `body`, `date` …)."""
    return key.strip().lower() in _listed(part) or _worded(key.strip(), part)


def sniff(text: str) -> float:
    """JSON whose keys name a title and a body."""
    if not _OPENS.match(text[:64]):
        return 0.0
    found = set(_KEY.findall(text[:8192]))

    def has(part: str) -> bool:
        return any(names_part(key, part) for key in found)

    return 0.96 if has("title") and has("body") else 0.0


def read(text: str) -> ReadResult:
    try:
        data = _load(text)
    except ValueError as error:
        return ReadResult([], {}, [warning(f"JSON cannot be parsed: {error}")])
    blocks: list[Block] = []
    position = 0
    for record in _records(data, 0):
        line, position = _line_of(text, _value(record, "title"), position)
        blocks.extend(record_blocks(record, line))
    if not blocks:
        return ReadResult([], {}, [warning("JSON has no record with a title and a body")])
    return ReadResult(blocks)


def _load(text: str) -> Any:
    """One JSON document, or JSON Lines (one record per line)."""
    try:
        return json.loads(text)
    except ValueError:
        lines = [line for line in text.split("\n") if line.strip()]
        if len(lines) < 2:
            raise
        return [json.loads(line) for line in lines]


def _records(data: Any, depth: int) -> list[dict[str, Any]]:
    """Article records: dicts with a title and a body, wherever lists hold them."""
    if depth > MAX_DEPTH:
        return []
    if isinstance(data, dict):
        if _value(data, "title") and _value(data, "body"):
            return [data]
        return [record for value in data.values() if isinstance(value, (list, dict)) for record in _records(value, depth + 1)]
    if isinstance(data, list):
        return [record for item in data for record in _records(item, depth + 1)]
    return []


def _value(record: dict[str, Any], part: str) -> str:
    """The record's text for one part (`title`, `body` …), by the first key present."""
    lowered = {str(key).lower(): value for key, value in record.items()}
    for name in _keys()[part]:
        text = _text(lowered.get(name.lower()))
        if text:
            return text
    for key, value in record.items():
        if _worded(str(key), part) and (text := _text(value)):
            return text
    return ""


def _text(value: Any) -> str:
    """Strings as they are; names of people or sources given as objects or lists."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("title") or "")
    if isinstance(value, list):
        return "、".join(t for t in (_text(item) for item in value) if t)
    return ""


def _line_of(text: str, title: str, position: int) -> tuple[int, int]:
    """Line of the record's title in the file, searched from `position` on."""
    for written in (json.dumps(title, ensure_ascii=False), json.dumps(title)):
        found = text.find(written, position)
        if found >= 0:
            return text.count("\n", 0, found) + 1, found + len(written)
    return text.count("\n", 0, position) + 1, position


def record_blocks(record: dict[str, Any], line: int) -> list[Block]:
    """One record as an article: its title as a level-1 heading, a byline,
    its body; no blocks for a record without a title or a body."""
    title, body = _value(record, "title"), _value(record, "body")
    if not title or not body:
        return []
    title, publisher = " ".join(title.split()), _value(record, "publisher")
    # A search result's title ends with its site's name (`标题 - 苏州日报`): the
    # publisher, when the record names no other.
    site = site_name_at_end(title)
    if site is not None and publisher in ("", site):
        title, publisher = without_site_name(title), site
    blocks = [Block("heading", title, line, 1)]
    byline = {"role": "source"}
    for part in ("publisher", "date", "authors", "regions", "topics"):
        value = publisher if part == "publisher" else _value(record, part)
        if part == "date":
            value = unix_time_text(value) or value  # a scraper's Unix time
        if value:
            byline[part] = value
    if len(byline) > 1:
        blocks.append(Block("byline", " ".join(v for k, v in byline.items() if k != "role"), line, meta=byline))
    return blocks + _body(body, line)


def _body(text: str, line: int) -> list[Block]:
    if _TAG_HINT.search(text):
        found = html.read(f"<html><body>{text}</body></html>").blocks
        return [Block(b.kind, b.text, line, b.level, b.meta) for b in found if b.kind != "heading" or b.level > 1]
    return [Block("paragraph", part.strip(), line) for part in text.split("\n") if part.strip()]
