"""HTML pages: the article's text, found with a real parser (lxml).

lxml rather than BeautifulSoup's lxml builder: it is the same parser, but it
keeps each element's source line (BeautifulSoup records lines only with the
slow pure-Python parser), and it reads a 10 MB page in a fraction of a second.

The title comes from `og:title`, the first `<h1>`, a JSON-LD `headline` or
`<title>` (without the site's name); the date from `article:published_time`,
similar `<meta>` tags, `<time datetime>` or JSON-LD. The
article is `<article>` (several of them make a bundle), else `<main>`, else
the element holding most paragraph text. Page chrome (nav, header, footer,
aside, scripts, forms, comments) is removed first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sitegen.chinese.dates import unix_time_text
from sitegen.model import CELL_SEPARATOR, Block
from sitegen.read.base import ReadResult, load_toml, warning
from sitegen.read.bylines import is_time_stamp, parse_byline, parse_source_line
from sitegen.read.text import SITE_NAME_CHARS, TITLE_PARTS, site_name_at_end, without_site_name
from sitegen.read.webpage import is_furniture, is_hard_marker

NAME = "html"

_DOCUMENT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|li|article|section|br|table|span)[\s/>]", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select", "input", "textarea", "object", "embed", "canvas")
_CHROME = ("nav", "footer", "aside", "menu", "dialog")
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "footer", "sidebar", "breadcrumb", "breadcrumbs", "comment", "comments",
    "share", "sharing", "social", "related", "recommend", "advert", "ads", "advertisement", "banner", "copyright",
    "subscribe", "login", "pagination", "pager", "toolbar", "popup", "modal", "cookie",
}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label",
    "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "big", "center",
}
_DATE_META = ("article:published_time", "og:published_time", "pubdate", "publishdate", "publish_date", "date", "dc.date", "dc.date.issued", "datepublished")
_BR = "\u2028"  # a <br> while text is gathered; source line breaks stay "\n"
_SPACE = re.compile(r"[^\S\n\u2028]+")
_BREAKS = re.compile(rf"\s*[\n{_BR}]\s*")
_PARAGRAPH_BREAK = re.compile(rf"{_BR}\s*(?:{_BR}\s*)+")


def sniff(text: str) -> float:
    """A doctype or `<html>` first is decisive; tag-rich text without one is likely."""
    if _DOCUMENT.match(text[:4096]):
        return 0.97
    if _BODY.search(text):
        return 0.85
    tags = len(_BLOCK_TAG.findall(text))
    return 0.6 if tags >= 5 and tags * 40 >= len(text.split("\n")) else 0.0


def read(text: str) -> ReadResult:
    from lxml import etree

    source = _XML_DECLARATION.sub("", text)
    try:
        document = etree.fromstring(source, etree.HTMLParser(huge_tree=True, remove_comments=True))
    except (etree.LxmlError, ValueError) as error:
        return ReadResult([], {}, [warning(f"HTML cannot be parsed: {error}")])
    if document is None:
        return ReadResult([])
    meta, title_line = _meta(document)
    _remove_chrome(document)
    blocks: list[Block] = []
    containers = _containers(document)
    for container in containers:
        part = _until_hard_marker(_Extractor().run(container))
        if len(containers) > 1 and part and part[0].kind == "heading":
            part[0].level = 1
        blocks.extend(part)
    blocks = [_byline_or_block(b) for b in blocks if b.kind not in ("paragraph", "list") or not is_furniture(b.text)]
    if len(containers) == 1 and not any(b.kind == "byline" for b in blocks):
        blocks[:0] = _source_lines_outside(document, containers[0])
    if not any(b.kind == "heading" and b.level == 1 for b in blocks) and meta.get("title"):
        blocks.insert(0, Block("heading", str(meta["title"]), title_line, 1))
    return ReadResult(blocks, meta)


def _until_hard_marker(blocks: list[Block]) -> list[Block]:
    """The blocks before a marker that only ever follows an article (`相关新闻`,
    `上一篇：…`): a site often puts its related links inside the article's element."""
    for index, block in enumerate(blocks):
        if block.kind in ("heading", "paragraph", "list") and "\n" not in block.text and is_hard_marker(block.text):
            return blocks[:index]
    return blocks


def _source_lines_outside(document: Any, container: Any) -> list[Block]:
    """The page's `发布时间：… 来源：… 作者：…` line, or a publication's name with
    its date (`<span>Xinhua | Updated: 2025-07-08 10:21</span>`), when it sits
    outside the article's element (a sibling above the text, as many news sites
    lay it out). A bare date there may be another story's, so it is not taken."""
    inside = set(container.iter())
    body = document.find("body")
    for element in (body if body is not None else document).iter():
        if element in inside or not isinstance(element.tag, str):
            continue
        text = _flat(_content(element))
        if 4 <= len(text) <= 120:
            meta = parse_source_line(text) if element.tag not in _INLINE else None
            named = meta or parse_byline(text)
            if named and (meta or {"publisher", "date"} <= named.keys()):
                return [Block("byline", text, element.sourceline or 1, meta=named)]
    return []


def _byline_or_block(block: Block) -> Block:
    """`来源：新华网 2025-04-10` or `（责任编辑：李四）` inside the article is a byline,
    and so is a date over a time of day (`2025年4月15日（星期二）` / `香港時間15時30分`,
    a government press release's last lines)."""
    if block.kind != "paragraph":
        return block
    first, *rest = block.text.split("\n")
    meta = parse_byline(first) if all(map(is_time_stamp, rest)) else None
    return Block("byline", block.text, block.line, meta=meta) if meta else block


# --------------------------------------------------------------------------- metadata


def _meta(document: Any) -> tuple[dict[str, object], int]:
    """Title, date, author, description, publisher and tags from the page's
    head, plus the source line of the title."""
    tags: dict[str, Any] = {}
    for element in document.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        if key and element.get("content") and key not in tags:
            tags[key] = element
    meta: dict[str, object] = {}
    linked = _linked_data(document)
    title, title_line, page_title = _title(document, tags)
    if linked.get("title") and (not title or page_title):
        title = linked["title"]  # the article's own headline, without the site's name
    site = _site_name_in_front(title, document) if page_title and not linked.get("title") else None
    if site is not None:
        title = title[len(site) :].lstrip(" -–—|｜_")
    if title:
        meta["title"] = title
    date = next((tags[k].get("content").strip() for k in _DATE_META if k in tags), None)
    time = document.find(".//time[@datetime]")
    if date or time is not None:
        meta["date"] = date or time.get("datetime").strip()
    for key, names in (("author", ("author", "article:author", "byline")), ("description", ("description", "og:description")), ("publisher", ("og:site_name", "publisher"))):
        value = next((tags[n].get("content").strip() for n in names if n in tags), None)
        if value:
            meta[key] = value
    if site is not None:
        meta.setdefault("publisher", site)
    if "keywords" in tags:
        meta["tags"] = [t.strip() for t in re.split(r"[,，、;；]", tags["keywords"].get("content")) if t.strip()]
    for key, value in linked.items():
        meta.setdefault(key, value)
    if "publisher" not in meta and (site := _site_name_at_end(document) or _site_owner(document)) is not None:
        meta["publisher"] = site
    account, posted = _platform_post(document)
    if account and (meta.get("publisher") in _platforms() or "publisher" not in meta):
        meta["publisher"] = account  # the account that posted, not the platform it posted on
    if posted:
        meta.setdefault("date", posted)
    return meta, title_line


@lru_cache(maxsize=1)
def _platforms() -> frozenset[str]:
    return frozenset(load_toml("credits.toml")["platforms"]["names"])


_POST_TIME = re.compile(r"""\bpublish_time\s*=\s*["'](\d{4}-\d{1,2}-\d{1,2}(?: \d{1,2}:\d{2})?)["']""")
_POST_STAMP = re.compile(r"""\bvar\s+ct\s*=\s*["'](\d{10})["']""")


def _platform_post(document: Any) -> tuple[str, str]:
    """(account, publication time) of a post saved from WeChat: the account's
    name in `#js_name`, the time in `#publish_time` or, where a script fills
    that in, in the script's `publish_time` or `ct` (Unix seconds, Beijing
    time). Read before scripts go."""
    name = document.find(".//*[@id='js_name']")
    account = " ".join("".join(name.itertext()).split()) if name is not None else ""
    shown = document.find(".//*[@id='publish_time']")
    posted = " ".join("".join(shown.itertext()).split()) if shown is not None else ""
    for script in document.iter("script"):
        if posted or not script.text:
            break
        found = _POST_TIME.search(script.text)
        stamp = _POST_STAMP.search(script.text)
        if found:
            posted = found.group(1)
        elif stamp:
            posted = unix_time_text(stamp.group(1)) or ""
    return account, posted


_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "webpage"}


def _linked_data(document: Any) -> dict[str, str]:
    """Headline, date, author and publisher from schema.org JSON-LD
    (`NewsArticle`), which many news sites carry instead of `<meta>` tags. Read
    before scripts go."""
    import json

    found: dict[str, str] = {}
    for script in document.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            for key, names in (("title", ("headline",)), ("date", ("datePublished", "dateCreated")),
                               ("author", ("author",)), ("publisher", ("publisher",))):
                value = next((_ld_text(item.get(name)) for name in names if _ld_text(item.get(name))), "")
                if value:
                    found.setdefault(key, value)
    return found


def _ld_items(data: Any) -> list[dict[str, Any]]:
    """Article objects of a JSON-LD document (top level, a list or `@graph`)."""
    items = data if isinstance(data, list) else [data]
    items = [x for item in items if isinstance(item, dict) for x in [item, *_as_list(item.get("@graph"))] if isinstance(x, dict)]
    kinds = lambda item: {str(t).lower() for t in (item.get("@type") if isinstance(item.get("@type"), list) else [item.get("@type")])}  # noqa: E731
    return [item for item in items if kinds(item) & _ARTICLE_TYPES]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _ld_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    if isinstance(value, list):
        return "、".join(t for t in (_ld_text(v) for v in value) if t)
    return ""


def _title(document: Any, tags: dict[str, Any]) -> tuple[str, int, bool]:
    """`og:title` (the site's own clean title), else the first `<h1>`, else
    `<title>` (which often carries the site name too); its line; and whether it
    is the `<title>`."""
    for element in (tags.get("og:title"), document.find(".//h1"), document.find(".//title")):
        if element is None:
            continue
        value = _flat(element.get("content") if element.tag == "meta" else _content(element))
        if element.tag == "title":
            value = without_site_name(value)
        if value:
            return value, element.sourceline or 1, element.tag == "title"
    return "", 1, False


def _site_name_at_end(document: Any) -> str | None:
    """The site's name the `<title>` puts after the headline (`site_name_at_end`)."""
    element = document.find(".//title")
    return site_name_at_end(_flat(_content(element))) if element is not None else None


# Who runs the site, in its footer: `版权所有 © 南京市科学技术局`, `主办单位：合肥市人民政府办公室`,
# `Copyright © 2025 东方资讯网`, `南京日报社 版权所有`.
_OWNER_NAME = r"(?P<name>[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9（）()·]{1,29})"
_SITE_OWNER = re.compile(
    r"(?:版权所有|版權所有|主办单位|主辦單位|主办|主辦)\s*[：:©]?\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?" + _OWNER_NAME
    + r"|(?:Copyright|©)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?" + _OWNER_NAME.replace("name", "name2")
    + r"|" + _OWNER_NAME.replace("name", "name3") + r"\s*(?:版权所有|版權所有)"
)


def _site_owner(document: Any) -> str | None:
    """The organisation a page's footer names as its owner or sponsor, for a page
    that names no publisher otherwise (a government bureau's list of news)."""
    for element in document.iter("footer", "div"):
        if element.tag == "footer" or "footer" in _class_words(element):
            match = _SITE_OWNER.search(_flat(_content(element)))
            if match:
                return match["name"] or match["name2"] or match["name3"]
    return None


def _site_name_in_front(title: str, document: Any) -> str | None:
    """The site's name when a `<title>` puts it before the headline (`政府新聞公報 -
    數字政策辦公室推出…`): a short first part, and the rest written in the page."""
    parts = TITLE_PARTS.split(title, maxsplit=1)
    if len(parts) != 2 or not parts[0] or len(parts[0]) > SITE_NAME_CHARS or len(parts[1]) <= len(parts[0]):
        return None
    body = document.find(".//body")
    text = _flat("".join(body.itertext())) if body is not None else ""
    return parts[0] if parts[1].strip() in text else None


# --------------------------------------------------------------------------- main content


def _remove_chrome(document: Any) -> None:
    """Scripts, forms and page chrome out; a <header> inside the article stays
    (it holds the headline), the page's own header goes."""
    for element in list(document.iter(*_DROP, *_CHROME, "header")):
        if element.tag == "header" and _inside(element, ("article", "main")):
            continue
        _drop(element)
    for element in document.xpath("//*[@class or @id or @role]"):
        if element.tag in ("html", "body", "article", "main"):
            continue
        role = (element.get("role") or "").lower()
        if role in _CHROME_ROLES or _class_words(element) & _CHROME_WORDS:
            _drop(element)


def _class_words(element: Any) -> set[str]:
    """The words of an element's class and id (`site-footer` -> site, footer)."""
    return set(re.split(r"[\s_-]+", f"{element.get('class') or ''} {element.get('id') or ''}".lower()))


def _inside(element: Any, tags: tuple[str, ...]) -> bool:
    return any(parent.tag in tags for parent in element.iterancestors())


def _drop(element: Any) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _containers(document: Any) -> list[Any]:
    articles = [a for a in document.iter("article") if not _inside(a, ("article",))]
    if len(articles) > 1:
        sizes = [len(_flat(_content(a))) for a in articles]
        big = max(sizes)
        articles = [a for a, size in zip(articles, sizes) if size >= big / 5]
    if articles:
        return articles
    main = document.find(".//main")
    if main is None:
        main = next(iter(document.xpath(".//*[@role='main']")), None)
    chosen = main if main is not None else _densest(document)
    return _list_entries(chosen) or [chosen]


LIST_SHARE = 0.6  # of the container's text the entries hold, on a list page


def _list_entries(container: Any) -> list[Any]:
    """On a news list page, the entries: two or more sibling elements of one
    tag, in or around the chosen container, each a linked headline over its
    own text (`<li><h3><a href>…</a></h3><p>…</p>`). Each is then read as an
    article; an article's sections have headings that link nowhere."""
    whole = len(_flat(_content(container)))
    for parent in (container, container.getparent(), *container.iterdescendants()):
        if parent is None or not isinstance(parent.tag, str):
            continue
        entries = [child for child in parent if isinstance(child.tag, str) and _is_entry(child)]
        if len(entries) >= 2 and len({entry.tag for entry in entries}) == 1:
            # A page's own text with a list of related links under it is an article.
            covered = sum(len(_flat(_content(entry))) for entry in entries)
            return entries if covered >= LIST_SHARE * whole else []
    return []


def _is_entry(element: Any) -> bool:
    headline = next(iter(element.xpath(".//*[self::h2 or self::h3 or self::h4]")), None)
    return headline is not None and headline.find(".//a[@href]") is not None and element.find(".//p") is not None


def _densest(document: Any) -> Any:
    """The element that holds the most prose (grandparents count half).

    A paragraph's text counts for its parent; so does text an element holds
    itself between `<br>`s and inline tags (`<div class="content">…<br><br>…`),
    which many Chinese news sites use instead of `<p>`. Link text does not
    count: a list of headlines is navigation, not an article.
    """
    scores: dict[Any, float] = {}

    def add(element: Any, size: float) -> None:
        if element is None or size <= 0:
            return
        scores[element] = scores.get(element, 0) + size
        grand = element.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + size / 2

    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "p":
            add(element.getparent(), _prose_size(_content(element)) - _link_size(element))
        elif element.tag not in _INLINE and element.tag not in ("a", "html", "head"):
            own = (element.text or "") + "".join(child.tail or "" for child in element)
            add(element, _prose_size(own))
    body = document.find("body")
    fallback = body if body is not None else document
    return max(scores, key=scores.get) if scores else fallback


def _prose_size(text: str) -> int:
    """Characters of running text: what is between sentence punctuation counts."""
    flat = _flat(text)
    return len(flat) if re.search(r"[，。；！？,.;!?]", flat) else len(flat) // 4


def _link_size(element: Any) -> int:
    return sum(len(_flat(_content(link))) for link in element.iter("a"))


# --------------------------------------------------------------------------- blocks


class _Extractor:
    """Walks the content in document order and emits blocks; loose text and
    inline elements between blocks gather into paragraphs, `<br>` kept as a
    line break. Iterative (lxml's `iterwalk`), so deeply nested markup cannot
    exhaust Python's recursion limit."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pending: list[str] = []
        self.pending_line = 1

    def run(self, container: Any) -> list[Block]:
        from lxml import etree

        walker = etree.iterwalk(container, events=("start", "end"))
        for event, node in walker:
            if node is container:
                if event == "start":
                    self._loose(node.text, node)
                continue
            if event == "end":
                if isinstance(node.tag, str) and _is_container(node):
                    self._flush()
                self._loose(node.tail, node)
            elif not isinstance(node.tag, str) or not _is_container(node):
                if isinstance(node.tag, str):
                    self._element(node)
                walker.skip_subtree()
            else:
                self._flush()
                self._loose(node.text, node)
        self._flush()
        return self.blocks

    def _element(self, element: Any) -> None:
        tag = element.tag.lower()
        line = element.sourceline or self.pending_line
        if tag == "br":
            self.pending.append(_BR)
        elif tag == "time" and _stamp_lead(before := _tidy("".join(self.pending)), element):
            self._time(element, before, line)
        elif tag in _INLINE:
            self._loose(_inline_text(element), element)
        elif tag in _HEADINGS:
            self._emit("heading", _text(element), line, _HEADINGS[tag])
        elif tag in ("ul", "ol"):
            self._emit("list", _list_text(element), line)
        elif tag == "li":
            self._emit("list", f"- {_flat(_text(element))}", line)
        elif tag == "img":
            self._image(element, line)
        elif tag == "pre":
            self._emit("code", _content(element).strip("\n"), line)
        elif tag == "tr":
            cells = CELL_SEPARATOR.join(_text(cell) for cell in element if isinstance(cell.tag, str))
            self._emit("paragraph", cells, line, meta={"table": "row"})
        else:
            self._emit(_BLOCKS[tag], _text(element), line)
            for image in element.iter("img"):  # `<p><img …></p>`: the picture is content too
                self._image(image, image.sourceline or line)

    def _time(self, element: Any, before: str, line: int) -> None:
        """`<time>` alone, or after the few words that lead to it (`<span>凤凰网广东</span>
        <time>2025-09-03 08:15</time>`, `发布时间：<time>…`): the piece's date
        line, the words before it a label or the publication's name."""
        self.pending = []
        text = f"{before} {_text(element)}".strip()
        meta = parse_byline(text) or {}
        meta["date"] = (element.get("datetime") or meta.get("date") or _text(element)).strip()
        if before and "publisher" not in meta and _NAME_BEFORE_TIME.fullmatch(before):
            meta["publisher"] = before
        self._emit("byline", text, line, meta=meta)

    def _loose(self, text: str | None, element: Any) -> None:
        if text and text.strip():
            if not "".join(self.pending).strip():
                self.pending_line = element.sourceline or self.pending_line
            self.pending.append(text)

    def _image(self, element: Any, line: int) -> None:
        alt, src = (element.get("alt") or "").strip(), (element.get("src") or "").strip()
        if alt or src:
            meta = {"src": src}
            if element.get("title"):
                meta["title"] = element.get("title").strip()
            self._flush()
            self.blocks.append(Block("image", alt, line, meta=meta))

    def _emit(self, kind: str, text: str, line: int, level: int = 0, meta: dict[str, str] | None = None) -> None:
        self._flush()
        if text.strip():
            self.blocks.append(Block(kind, text.strip(), line, level, meta or {}))  # type: ignore[arg-type]

    def _flush(self) -> None:
        """Loose text so far: paragraphs split where `<br><br>` left a gap,
        each with the source line it starts on."""
        raw = "".join(self.pending)
        self.pending = []
        start = 0
        for gap in [*_PARAGRAPH_BREAK.finditer(raw), None]:
            end = gap.start() if gap else len(raw)
            paragraph = raw[start:end]
            text = _tidy(paragraph)
            if text:
                leading = len(paragraph) - len(paragraph.lstrip())
                line = self.pending_line + raw.count("\n", 0, start + leading)
                self.blocks.append(Block("paragraph", text, line))
            start = gap.end() if gap else end


_BLOCKS = {"p": "paragraph", "blockquote": "quote", "figcaption": "caption", "dt": "paragraph", "dd": "paragraph"}
_NAME_BEFORE_TIME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,16}")
_LABEL_BEFORE_TIME = re.compile(r"[^。！？!?，,]{1,16}[:：]")


def _stamp_lead(before: str, element: Any) -> bool:
    """Whether a `<time>` ends a date line: nothing after it, and before it
    nothing, a label (`发布时间：`) or a name (`凤凰网广东`), not a sentence
    (`会议于<time>…</time>举行`)."""
    if (element.tail or "").strip():
        return False
    return not before or bool(_NAME_BEFORE_TIME.fullmatch(before) or _LABEL_BEFORE_TIME.fullmatch(before))
_LEAVES = {"br", "time", "img", "pre", "tr", "ul", "ol", "li", *_INLINE, *_HEADINGS, *_BLOCKS}


def _is_container(element: Any) -> bool:
    """An element whose children are walked (div, section …) rather than one
    read whole as a block or as inline text."""
    return element.tag.lower() not in _LEAVES


def _inline_text(element: Any) -> str:
    """Text of an element in document order, `<br>`s as line breaks."""
    from lxml import etree

    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start" and isinstance(node.tag, str):
            parts.append(_BR if node.tag.lower() == "br" else node.text or "")
        elif event == "end" and node is not element:
            parts.append(node.tail or "")
    return "".join(parts)


def _text(element: Any) -> str:
    """Whitespace as HTML renders it, except that a line break in the source
    stays a line break: CJK text wrapped in the HTML file must not gain
    spaces, and normalise joins wrapped lines the same way for every format."""
    return _tidy(_inline_text(element))


def _tidy(text: str) -> str:
    return _BREAKS.sub("\n", _SPACE.sub(" ", text)).strip()


def _content(element: Any) -> str:
    return "".join(element.itertext())


def _flat(text: str) -> str:
    return " ".join(text.split())


def _list_text(element: Any) -> str:
    numbered = element.tag.lower() == "ol"
    items = [item for item in element if isinstance(item.tag, str) and item.tag.lower() == "li"]
    lines = [f"{n}. {_flat(_text(item))}" if numbered else f"- {_flat(_text(item))}" for n, item in enumerate(items, start=1)]
    return "\n".join(line for line in lines if line.rstrip(" -.0123456789"))
