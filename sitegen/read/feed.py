"""News feeds: RSS 2.0, RSS 1.0 (RDF) and Atom, saved as a file.

A feed bundles many articles: each `<item>`/`<entry>` becomes a level-1
heading (its title), a byline (its date, author and the channel's title as
publisher) and its body. The body is the fullest text the feed carries
(`content:encoded`, Atom `content`, then `description`/`summary`), usually
escaped HTML, so it is read by the HTML reader's extractor; plain text is
split into paragraphs at its line breaks. RFC 822 dates (`Mon, 02 Jun 2025
08:00:00 +0800`) become ISO dates in the feed's own time zone.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from typing import Any

from sitegen.model import Block
from sitegen.read import html
from sitegen.read.base import ReadResult, warning
from sitegen.read.text import TITLE_PARTS

NAME = "feed"

_ROOT = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_TAG_HINT = re.compile(r"<[a-zA-Z][^>]*>")
# Local names of the elements a feed keeps its parts in, most specific first.
_TITLE = ("title",)
_DATE = ("published", "pubDate", "date", "issued", "updated", "modified")
_AUTHOR = ("author", "creator")
_BODY = ("encoded", "content", "description", "summary")


def sniff(text: str) -> float:
    """An `<rss>`, Atom `<feed>` or RDF root element is decisive."""
    return 0.98 if _ROOT.match(text[:4096]) else 0.0


def read(text: str) -> ReadResult:
    from lxml import etree

    data = re.sub(r"^\s*<\?xml[^>]*\?>", "", text).encode("utf-8")
    try:
        root = etree.fromstring(data, etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False, no_network=True))
    except (etree.LxmlError, ValueError) as error:
        return ReadResult([], {}, [warning(f"feed cannot be parsed: {error}")])
    if root is None:
        return ReadResult([], {}, [warning("feed cannot be parsed")])
    channel = _child(root, "channel")
    feed_title = _text(_child(channel if channel is not None else root, *_TITLE))
    publisher = _feed_publisher(feed_title)
    meta: dict[str, object] = {"feed_title": feed_title} if feed_title else {}
    blocks: list[Block] = []
    for item in root.iter():
        if isinstance(item.tag, str) and _local(item.tag) in ("item", "entry"):
            blocks.extend(_item(item, publisher))
    return ReadResult(blocks, meta)


def _feed_publisher(title: str) -> str:
    """`环球科技观察 - 国际AI`, `IT之家 - 数码之家`: a channel's title names the site
    first, then a section of it or a motto; the site is the publisher."""
    return TITLE_PARTS.split(title, maxsplit=1)[0].strip() or title


def _item(item: Any, publisher: str) -> list[Block]:
    title_element = _child(item, *_TITLE)
    line = (title_element if title_element is not None else item).sourceline or 1
    title = _text(title_element)
    byline: dict[str, str] = {"role": "source"}
    if publisher:
        byline["publisher"] = publisher
    date = _date(_text(_child(item, *_DATE)))
    if date:
        byline["date"] = date
    author = _author(_child(item, *_AUTHOR))
    if author:
        byline["authors"] = author
    blocks = [Block("heading", title or "", line, 1)] if title else []
    if len(byline) > 1:
        blocks.append(Block("byline", " ".join(v for k, v in byline.items() if k != "role"), line, meta=byline))
    return blocks + _body(_child(item, *_BODY), line)


def _body(element: Any, line: int) -> list[Block]:
    """The item's text as blocks: HTML through the HTML reader, plain text by lines."""
    if element is None:
        return []
    inner = element.text or ""
    if element.get("type") in ("xhtml",) or len(element):
        from lxml import etree

        inner = "".join(etree.tostring(child, encoding="unicode") for child in element)
    if _TAG_HINT.search(inner):
        blocks = [b for b in html.read(f"<html><body>{inner}</body></html>").blocks if b.kind != "heading" or b.level > 1]
    else:
        blocks = [Block("paragraph", part.strip(), 1) for part in re.split(r"\n\s*\n|\n", inner) if part.strip()]
    return [Block(b.kind, b.text, line + b.line - 1, b.level, b.meta) for b in blocks]


def _date(value: str) -> str:
    """RFC 822 dates as `YYYY-MM-DD HH:MM` in their own zone; ISO dates as given."""
    if not value or value[:4].isdigit():
        return value
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value
    return moment.strftime("%Y-%m-%d %H:%M")


def _author(element: Any) -> str:
    if element is None:
        return ""
    name = _child(element, "name")
    return _text(name if name is not None else element)


def _child(element: Any, *names: str) -> Any:
    """The first child whose local name is one of `names`, by the order of `names`."""
    if element is None:
        return None
    children = [child for child in element if isinstance(child.tag, str)]
    for name in names:
        for child in children:
            if _local(child.tag) == name:
                return child
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""
