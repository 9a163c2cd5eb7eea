"""Articles exported as XML records: a CMS or scraper's `<articles><article>
<title>…</title><content>…</content></article>…`, a database dump.

Such a file is neither a feed nor a web page, and read as HTML it would be one
article of all its records run together. Its records are the elements, at any
depth, whose children name a title and a body by the same key names a JSON
record uses (`jsondoc.toml`: `title`/`标题`, `content`/`正文`, `pubDate`,
`source` …, a name made of a listed word such as `news_title`), or the same
names as attributes; each becomes an article exactly as a JSON record does
(`jsondoc.record_blocks`), at the line of its element. A body in CDATA or
escaped HTML is read by the HTML reader's extractor.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from sitegen.model import Block
from sitegen.read.base import ReadResult, warning
from sitegen.read.jsondoc import names_part, record_blocks

NAME = "xml"

_XML_START = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?P<root>[^\W\d][\w.:-]*)", re.S)
_NOT_RECORDS = frozenset({"html", "rss", "feed", "rdf:rdf", "svg", "urlset", "sitemapindex", "opml"})
_ELEMENT = re.compile(r"<([^\W\d][\w.:-]*)[\s>/]")  # names may be Chinese: `<标题>`
_ATTRIBUTE = re.compile(r"\s([^\W\d][\w.:-]*)=[\"']")
_DECLARATION = re.compile(r"<\?xml[^>]*\?>")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
SNIFF_CHARS = 1 << 16


def sniff(text: str) -> float:
    """XML (not HTML, a feed or a sitemap) whose first records name a title and a body."""
    start = _XML_START.match(text[:4096])
    if start is None or start.group("root").lower() in _NOT_RECORDS:
        return 0.0
    names = set(_ELEMENT.findall(text[:SNIFF_CHARS])) | set(_ATTRIBUTE.findall(text[:SNIFF_CHARS]))
    has_title = any(names_part(_local(name), "title") for name in names)
    has_body = any(names_part(_local(name), "body") for name in names)
    return 0.97 if has_title and has_body else 0.0


def read(text: str) -> ReadResult:
    # lxml takes no declared encoding on decoded text; blanking the declaration keeps the lines.
    body = _DECLARATION.sub(lambda match: " " * len(match.group()), text, count=1)
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        return ReadResult([], {}, [warning(f"not well-formed XML: {error}", getattr(error, "lineno", None))])
    blocks: list[Block] = []
    for element in _records(root):
        blocks.extend(record_blocks(_record(element), element.sourceline or 1))
    return ReadResult(blocks, {}, [] if blocks else [warning("no XML element holds both a title and a body")])


def _records(element: Any) -> list[Any]:
    """The outermost elements whose children or attributes name a title and a
    body: a record's own parts are not looked into."""
    parts = [_local(child.tag) for child in element if isinstance(child.tag, str)] + [_local(a) for a in element.attrib]
    if any(names_part(p, "title") for p in parts) and any(names_part(p, "body") for p in parts):
        return [element]
    return [record for child in element if isinstance(child.tag, str) for record in _records(child)]


def _record(element: Any) -> dict[str, str]:
    """Part name -> text; a child holding markup keeps it as HTML for the body."""
    record: dict[str, str] = {_local(name): value for name, value in element.attrib.items()}
    for child in element:
        if isinstance(child.tag, str):
            record.setdefault(_local(child.tag), _content(child))
    return record


def _content(element: Any) -> str:
    """The element's text; child elements (XHTML inside `<content>`) as markup."""
    if len(element) == 0:
        return element.text or ""
    return (element.text or "") + "".join(etree.tostring(child, encoding="unicode") for child in element)


def _local(name: str) -> str:
    """`dc:title`, `{namespace}title` -> `title`."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
