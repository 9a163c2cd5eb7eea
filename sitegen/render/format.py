"""Dates and numbers written the way a Chinese reader expects, no more precise than known.

A source that says `2026` must read `2026年`, never `2026年1月1日`; a range reads as
a range (`2024年11月19日至22日`); a date inferred from `近日` carries `约`. A corpus
has few distinct dates and every list shows them, so the results are cached.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from sitegen.model import DateSpan, PartialDate


def date_text(date: PartialDate) -> str:
    """`2026年`, `2026年1月` or `2026年1月25日`."""
    text = f"{date.year}年"
    if date.month is not None:
        text += f"{date.month}月"
        if date.day is not None:
            text += f"{date.day}日"
    return text


def _end_text(start: PartialDate, end: PartialDate) -> str:
    """The end of a range without what it shares with the start: `22日`, `12月2日`."""
    if end.year != start.year or start.month is None or end.month is None:
        return date_text(end)
    if end.month != start.month or start.day is None or end.day is None:
        return date_text(end)[len(f"{end.year}年"):]
    return f"{end.day}日"


def _has_end(span: DateSpan) -> bool:
    return span.end is not None and span.end != span.start


@lru_cache(maxsize=65536)
def span_text(span: DateSpan | None) -> str:
    """Plain text of a date or range, e.g. `约2026年1月` or `2024年11月19日至22日`."""
    if span is None:
        return "日期不详"
    text = date_text(span.start)
    if _has_end(span):
        text += "至" + _end_text(span.start, span.end)
    return ("约" + text) if span.approximate else text


@lru_cache(maxsize=65536)
def span_html(span: DateSpan | None) -> Markup:
    """A date or range as `<time>` elements, with its precision as a class."""
    if span is None:
        return Markup('<span class="date date-unknown">日期不详</span>')
    html = f'<time datetime="{escape(span.start.iso())}">{escape(date_text(span.start))}</time>'
    if _has_end(span):
        html += f'至<time datetime="{escape(span.end.iso())}">{escape(_end_text(span.start, span.end))}</time>'
    approx = '<abbr class="approx" title="大约：来源未给出确切日期">约</abbr>' if span.approximate else ""
    return Markup(f'<span class="date precision-{escape(span.precision)}">{approx}{html}</span>')


def html_text(text: str) -> str:
    """`text` escaped for HTML exactly as markupsafe's `escape` does it, as a plain
    str: for the short values of list entries, joined as strings and marked safe
    once, this is half the time of `escape` (a Markup made per value)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in `…` when cut (Chinese counts characters)."""
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def numbered_lines(lines: list[str]) -> Markup:
    """Each line of a source in a `<span id="L<n>">` (the targets of provenance links),
    one per line: a 10,000-line source would cost a template loop ~20 ms."""
    return Markup("".join(
        f'<span class="line" id="L{number}">{escape(line)}</span>\n' for number, line in enumerate(lines, 1)))


def keyword_tags(words: list[str]) -> Markup:
    """Keywords as the `<li>` tags of a tag list, one per line."""
    return Markup("".join(f'<li><span class="tag tag-keyword">{html_text(word)}</span></li>\n' for word in words))
