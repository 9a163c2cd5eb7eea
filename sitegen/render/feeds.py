"""The Atom feed, the sitemap and robots.txt.

Feeds and sitemaps want absolute URLs, which need the site's origin
(`settings.site_url`); without it they fall back to base-URL paths
(`/repo-name/articles/x/`), which feed readers resolve against the feed's own URL.
Timestamps come from the content (the newest article date), or from
`SOURCE_DATE_EPOCH` when the content has none: never from the clock, so two
builds of the same sources are byte-identical.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

from sitegen import __version__
from sitegen.config import Settings
from sitegen.model import AnalysedArticle, PartialDate, Site
from sitegen.render.pages import Paths

FEED_ENTRIES = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def public_url(settings: Settings, path: str) -> str:
    """`https://user.github.io/repo/articles/x/`, or `/repo/articles/x/` without `site_url`."""
    return settings.site_url.rstrip("/") + settings.base_url + path


def _date_time(date: PartialDate) -> datetime:
    """The first moment of a partial date (a month-only date starts on the 1st), UTC."""
    return datetime(date.year, date.month or 1, date.day or 1, tzinfo=timezone.utc)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def site_timestamp(site: Site) -> datetime:
    """The newest publication date of any article, else SOURCE_DATE_EPOCH, else 1970.
    Articles come newest first by their publication date (`assemble`), so that
    is the first one's that has one."""
    newest = next((item.article.published.start for item in site.articles.values() if item.article.published), None)
    if newest is not None:
        return _date_time(newest)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else 0
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def _entry_id(settings: Settings, path: str) -> str:
    """The absolute URL when known, else a name-based UUID: Atom ids must be absolute IRIs."""
    if settings.site_url:
        return public_url(settings, path)
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, settings.base_url + path)}"


def _summary(item: AnalysedArticle) -> str:
    return "".join(s.text for s in item.facts.summary) or item.article.description


def _entry(site: Site, settings: Settings, paths: Paths, item: AnalysedArticle, fallback: datetime) -> str:
    article = item.article
    path = paths.article(article.slug)
    updated = _stamp(_date_time(article.published.start)) if article.published else _stamp(fallback)
    author = article.publisher or (article.authors[0] if article.authors else site.title)
    categories = "".join(
        f"<category term={quoteattr(t.topic)} label={quoteattr(site.topics[t.topic].topic.name)}/>"
        for t in item.facts.topics
        if t.topic in site.topics
    )
    return (
        "<entry>"
        f"<title>{escape(article.title)}</title>"
        f"<id>{escape(_entry_id(settings, path))}</id>"
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(public_url(settings, path))}/>"
        f"<updated>{updated}</updated>"
        f"<author><name>{escape(author)}</name></author>"
        f"{categories}"
        f"<summary>{escape(_summary(item))}</summary>"
        "</entry>\n"
    )


def atom_feed(site: Site, settings: Settings, paths: Paths) -> str:
    """The newest articles as an Atom 1.0 feed."""
    updated = site_timestamp(site)
    entries = "".join(
        _entry(site, settings, paths, item, updated) for item in list(site.articles.values())[:FEED_ENTRIES]
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<feed xmlns=\"{ATOM_NS}\" xml:lang={quoteattr(settings.language)}>\n"
        f"<title>{escape(site.title)}</title>"
        f"<subtitle>{escape(settings.description)}</subtitle>"
        f"<id>{escape(_entry_id(settings, ''))}</id>"
        f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(public_url(settings, paths.feed))}/>"
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(public_url(settings, ''))}/>"
        f"<updated>{_stamp(updated)}</updated>"
        f"<generator version=\"{__version__}\">sitegen</generator>\n"
        f"{entries}</feed>\n"
    )


def sitemap(site: Site, settings: Settings, paths: Paths, page_paths: list[str]) -> str:
    """Every page; article pages carry their date at the precision the source gave."""
    lastmod = {
        paths.article(item.article.slug): item.article.published.start.iso()
        for item in site.articles.values()
        if item.article.published
    }
    rows = "".join(
        f"<url><loc>{escape(public_url(settings, path))}</loc>"
        + (f"<lastmod>{lastmod[path]}</lastmod>" if path in lastmod else "")
        + "</url>\n"
        for path in page_paths
    )
    return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{rows}</urlset>\n'


def robots(settings: Settings) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if settings.site_url:
        lines.append(f"Sitemap: {public_url(settings, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"
