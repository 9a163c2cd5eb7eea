"""Article bodies: Markdown (python-markdown) to HTML, sanitised with nh3.

Source text is untrusted: a scraped page or a Markdown file may carry `<script>`,
`onerror=` or `javascript:` links. Markdown passes raw HTML through, so every
fragment goes through nh3 (Ammonia) with a short list of tags, no `id`/`style`/event
attributes and only http(s)/mailto links. Images are never loaded from other
hosts (the site must work offline and leak no reads): they become links with
their alt text. Relative links in a source point at files that are not part of
the site, so they are dropped and their text kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from sitegen.model import CELL_SEPARATOR, Article, Paragraph, row_cells

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan", "scope"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
_ABSOLUTE = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
# Text with none of these characters, and not starting like a list, quote or
# heading, means the same in Markdown as in plain text: it is escaped instead of
# parsed, which is most Chinese prose and ~50x faster than python-markdown.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>!&|~#]|^\s*([-+>]|\d+[.)])\s|^[=-]+\s*$|\n\s*\n|  \n|^ {4}", re.MULTILINE)
# The same test for one line, in two cheap parts: a character scan, then the
# line-start patterns tried at the start only (~4x faster than the alternation
# above, which tries every pattern at every character).
_SYNTAX_CHARACTER = re.compile(r"[\\`*_\[\]<>!&|~#]")
_LINE_START_SYNTAX = re.compile(r"\s*([-+>]|\d+[.)])\s|[=-]+\s*$| {4}")


def has_markdown(text: str) -> bool:
    """Whether `text` may mean something else in Markdown than in plain text."""
    if "\n" in text:
        return _MARKDOWN_SYNTAX.search(text) is not None
    return _SYNTAX_CHARACTER.search(text) is not None or _LINE_START_SYNTAX.match(text) is not None


class _ImagesAsLinks(Treeprocessor):
    """`![alt](src)` -> `<a href="src">图片：alt</a>`: no request to another host."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    link = etree.Element("a", {"href": child.get("src", ""), "class": "external-image"})
                    link.text = "图片：" + (child.get("alt") or child.get("title") or "无说明")
                    link.tail = child.tail
                    parent[index] = link


class _ImagesAsLinksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - python-markdown API
        md.treeprocessors.register(_ImagesAsLinks(md), "images_as_links", 0)


def _keep_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    """Drop relative `href`s: they point at files of the source, not of this site."""
    if attribute == "href" and not _ABSOLUTE.match(value.strip()):
        return None
    return value


def sanitise(html: str) -> str:
    """Only harmless markup survives: no scripts, no handlers, no `javascript:`."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes={"a": {"external-image"}},
        attribute_filter=_keep_absolute_links,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


class MarkdownRenderer:
    """One python-markdown instance reused (reset) for every paragraph of a build."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[_ImagesAsLinksExtension()], output_format="html")

    def html(self, text: str) -> str:
        """Block-level sanitised HTML of a Markdown text."""
        if not has_markdown(text):
            return f"<p>{escape(text.strip())}</p>" if text.strip() else ""
        self._md.reset()
        return sanitise(self._md.convert(text))

    def text(self, text: str) -> Markup:
        """The words of a Markdown snippet without its markup (`*强调*` -> `强调`), escaped.

        For quoted sentences shown inside a link, where emphasis or a link of the
        source would be nested markup.
        """
        if not has_markdown(text):
            return escape(text.strip())
        return Markup(" ".join(nh3.clean(self.html(text), tags=set()).split()))

    def inline(self, text: str) -> str:
        """Sanitised HTML of a Markdown text without its wrapping `<p>`, for headings."""
        html = self.html(text).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return html


def _heading_levels(article: Article) -> dict[int, int]:
    """Map the source's heading levels onto h2…h6 in order: the page's h1 is the title."""
    levels = sorted({p.level for p in article.paragraphs if p.kind == "heading"})
    return {level: min(2 + rank, 6) for rank, level in enumerate(levels)}


def _block(renderer: MarkdownRenderer, paragraph: Paragraph, levels: dict[int, int]) -> str:
    kind = paragraph.kind
    if kind == "heading":
        tag = f"h{levels.get(paragraph.level, 2)}"
        return f"<{tag}>{renderer.inline(paragraph.text)}</{tag}>"
    if kind == "code":
        return f"<pre><code>{escape(paragraph.text)}</code></pre>"
    if kind in ("caption", "byline"):
        return f'<p class="{kind}">{renderer.inline(paragraph.text)}</p>'
    html = renderer.html(paragraph.text)
    if kind == "quote" and not html.lstrip().startswith("<blockquote"):
        html = f"<blockquote>{html}</blockquote>"
    return html


def render_body(article: Article, renderer: MarkdownRenderer) -> Markup:
    """The article body, each paragraph in a block whose id is its anchor (`p3`);
    a table's rows (paragraphs of ` | `-joined cells, as readers keep them) in
    one table, each row with its anchor."""
    levels = _heading_levels(article)
    blocks = []
    for run in _runs(article.paragraphs):
        if len(run) > 1:
            blocks.append(_table(renderer, run))
            continue
        paragraph = run[0]
        blocks.append(
            f'<div class="block block-{escape(paragraph.kind)}" id="{escape(paragraph.anchor)}">'
            f"{_block(renderer, paragraph, levels)}</div>"
        )
    return Markup("\n".join(blocks))


def _cells(paragraph: Paragraph) -> list[str]:
    """The cells of a table row (`营收 | 46.6亿元`, an empty cell `a | | c`); one
    cell for any other paragraph."""
    if paragraph.kind != "paragraph" or CELL_SEPARATOR not in paragraph.text:
        return [paragraph.text]
    return row_cells(paragraph.text)


def _runs(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Consecutive paragraphs grouped where two or more are rows of a table
    (two or more cells each); every other paragraph alone."""
    runs: list[list[Paragraph]] = []
    for paragraph in paragraphs:
        previous = runs[-1] if runs else []
        if len(_cells(paragraph)) >= 2 and previous and len(_cells(previous[-1])) >= 2:
            previous.append(paragraph)
        else:
            runs.append([paragraph])
    return runs


def _table(renderer: MarkdownRenderer, rows: list[Paragraph]) -> str:
    """The rows in one table, the first as its header (tables in news and
    reports have one), short rows padded; each row keeps its anchor."""
    width = max(len(_cells(row)) for row in rows)
    lines = []
    for number, row in enumerate(rows):
        tag = "th" if number == 0 else "td"
        cells = _cells(row) + [""] * (width - len(_cells(row)))
        html = "".join(f"<{tag}>{renderer.inline(cell.strip())}</{tag}>" for cell in cells)
        lines.append(f'<tr class="block" id="{escape(row.anchor)}">{html}</tr>')
    return f'<div class="block block-table table-scroll"><table>{"".join(lines)}</table></div>'

