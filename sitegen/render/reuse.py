"""Which pages a preview rebuild can leave as they are.

After one edit in a site of 10,000 sources, one article page and its source
page change, and the few region, topic and entity pages that list what changed;
the other 40,000 pages come out byte for byte as before. Rendering them all
again was a quarter of a rebuild. So the preview server's builder remembers,
for every page it rendered, what the page was rendered from, and the next
build renders only the pages whose inputs differ.

The search index is updated in place the same way (`sitegen.search.live`).

What a page is rendered from:
- its own variables (`Page.context`: the article, the lists it shows), compared
  by value with those of the last build; for the thousands of article, entity
  and source pages, what changed in the model (`pages.ModelChanges`) usually
  tells that they are the same without making them;
- the site's outline (`site_outline`): what the lookups every page may use read
  (the site's title, the regions and topics by name, article titles, the source
  files' pages, the build's errors), compared as a whole;
- the theme, settings, taxonomy and code (`theme_key`, from the builder): any
  change there renders every page.

A template may read more through `site` (`site.articles`, `site.timeline`):
the environment notices (`render.env.SiteEnvironment`), and such a page is
rendered on every build, as are pages that call the lookups reading the whole
model (`article_of`, the charts).

What is on disk: a page that is checked (listed by `site_pages`) and whose
file is missing or has another size than the one written is rendered again.
The pages an edit cannot touch, and the search index's unchanged files, are
trusted to be as the last build wrote them: checking all 68,559 files took a
fifth of an edit at 10,000 sources. A deleted output folder starts a fresh
build; a single file deleted by hand comes back at the next full build
(`sitegen serve` started again).
"""

from __future__ import annotations

import operator
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.model import AnalysedArticle, EntityPage, RegionPage, Site, Source, TopicPage
from sitegen.render.pages import ModelChanges, Page, Paths
from sitegen.search.documents import DocumentMemo
from sitegen.search.live import LiveIndex

# Model objects many pages share: each pair is compared once per build.
_SHARED_TYPES = frozenset({AnalysedArticle, RegionPage, TopicPage, EntityPage, Source})


@dataclass
class RenderedPage:
    """What one page was rendered from, and what came out."""

    path: str  # the page's site path (`Page.path`)
    frame: tuple  # template, title, section, absolute_links
    variables: dict[str, Any]
    size: int  # bytes written
    reads_site: bool  # the template read `site` beyond its outline: render every time


@dataclass
class RenderedPages:
    """The pages of one preview build, by output file, with the keys they were rendered under."""

    theme_key: str
    out_dir: Path
    outline: tuple
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    rendered: int = 0  # how many of them this build rendered; the others were left as they were
    reading_site: frozenset[str] = frozenset()  # the templates of the pages that read the whole model

    def listed_paths(self) -> list[str]:
        """The site paths of the pages a sitemap lists (all but 404.html), sorted."""
        return sorted(page.path for page in self.pages.values() if not page.frame[3])


@dataclass
class Written:
    """What a preview build wrote: its pages and its search index (`sitegen.search.live`)."""

    pages: RenderedPages
    index: LiveIndex
    documents: DocumentMemo  # the search documents of the pages
    entries: dict[tuple, tuple]  # the list entries built (`Entries.built`)
    site: Site  # the model the pages were rendered from
    sitemap: str  # sitemap.xml
    files: set[str] = field(default_factory=set)  # every file of the output folder


@dataclass
class Reuse:
    """A preview builder's side of one render: what the last build wrote (`last`,
    None for nothing), the key of everything besides the model that pages
    depend on, the folder written to; the renderer sets `made` to what this
    build writes."""

    last: Written | None
    theme_key: str
    out_dir: Path
    made: Written | None = None


def site_outline(site: Site, paths: Paths, errors: list) -> tuple:
    """What the lookups every page may use read from the model: `region_name`,
    `region_link` and `region_chain` (regions with pages, their names and
    parents), `topic_name`, a quoted sentence's article title, `paths.source`,
    the errors banner and the footer's source count."""
    return (
        site.title,
        len(site.sources),
        [page.region for page in site.regions.values()],
        [page.topic for page in site.topics.values()],
        {slug: item.article.title for slug, item in site.articles.items()},
        paths.source_names(),
        errors,
    )


class SameInputs:
    """Value comparison of two builds' page variables, remembering the model objects
    it compared: an article is listed on ~9 pages, a region on hundreds."""

    def __init__(self) -> None:
        self._compared: dict[tuple[int, int], bool] = {}

    def same(self, old: Any, new: Any) -> bool:
        if old is new:
            return True
        kind = type(old)
        if kind is not type(new):
            return False
        if kind is list or kind is tuple:
            if len(old) != len(new):
                return False
            # The builder keeps unchanged articles and pages as the same objects:
            # most lists hold exactly last build's items, checked here in C, and
            # lists of text (a source's lines) are compared in C too.
            if all(map(operator.is_, old, new)):
                return True
            if type(old[0]) is str:
                return bool(old == new)
            return all(map(self.same, old, new))
        if kind is dict:
            if old and type(next(iter(old.values()))) is str:  # the outline's article titles: compared in C
                return bool(old == new)
            return old.keys() == new.keys() and all(map(self.same, old.values(), map(new.__getitem__, old)))
        if kind in _SHARED_TYPES:
            key = (id(old), id(new))
            found = self._compared.get(key)
            if found is None:
                found = self._compared[key] = bool(old == new)
            return found
        return bool(old == new)


def still_written(out_dir: Path, relative: str, size: int) -> bool:
    """Whether the file an earlier build wrote at `relative` is still there with
    its size (joined as strings: this runs for every page checked)."""
    try:
        return os.stat(f"{out_dir}/{relative}").st_size == size
    except OSError:
        return False


def page_frame(page: Page) -> tuple:
    return (page.template, page.title, page.section, page.absolute_links)


def same_outline(last: RenderedPages | None, theme_key: str, outline: tuple, out_dir: Path) -> bool:
    """Whether the last build (`last`) rendered into the same folder with the same
    theme and site outline: only then can any of its pages, or the list entries
    it built (`Entries.carry_over`), be taken as they are."""
    return (
        last is not None and last.theme_key == theme_key and last.out_dir == out_dir
        and SameInputs().same(last.outline, outline)
    )


def unchanged_pages(
    last: RenderedPages | None, pages: list[Page], out_dir: Path, changes: ModelChanges | None = None,
) -> set[str]:
    """The output files of `pages` that the last build (`last`, of the same
    outline: `same_outline`) rendered from the same variables and that are
    still on disk as written. Each page's variables are kept on the page, for
    rendering or for the next build: made here, or, when `changes` (from the
    last build's model to this one's) show they are those of last time, taken
    from the last build. With `changes`, `pages` are those `site_pages` listed
    for them, and the last build's pages left out are unchanged too.
    """
    if last is None:
        for page in pages:
            page.variables = page.context
        return set()
    compare = SameInputs()
    unchanged: set[str] = set()
    if changes is not None:
        unchanged.update(last.pages.keys() - {page.output for page in pages} - changes.gone)
    for page in pages:
        before = last.pages.get(page.output)
        if before is None or before.reads_site or before.frame != page_frame(page):
            page.variables = page.context
            continue
        if changes is not None and changes.same_variables(page, before.variables):
            page.variables = before.variables
        else:
            page.variables = page.context
            if not compare.same(before.variables, page.variables):
                continue
        if still_written(out_dir, page.output, before.size):
            unchanged.add(page.output)
    return unchanged


def remember_pages(
    last: RenderedPages | None, theme_key: str, out_dir: Path, outline: tuple, pages: list[Page],
    rendered: dict[str, tuple[int, bool]], changes: ModelChanges | None = None,
) -> RenderedPages:
    """This build's pages: those rendered, with their size and whether they read
    the whole model (`rendered`), and those left from `last`; with `changes`,
    also the pages of `last` that `site_pages` did not list. Each keeps this
    build's variables, so the last build's model can be let go."""
    made = RenderedPages(theme_key, out_dir, outline, rendered=len(rendered))
    if changes is not None:
        made.pages = {output: page for output, page in last.pages.items() if output not in changes.gone}
    reading_site: set[str] = set()
    for page in pages:
        if page.output in rendered:
            size, reads_site = rendered[page.output]
            made.pages[page.output] = RenderedPage(page.path, page_frame(page), page.variables, size, reads_site)
            if reads_site:
                reading_site.add(page.template)
        else:
            kept = made.pages[page.output] = last.pages[page.output]
            kept.variables = page.variables
    made.reading_site = frozenset(reading_site)
    return made


def same_sitemap(last: Written, made: RenderedPages, changes: ModelChanges, site: Site) -> bool:
    """Whether the last build's sitemap is this one's: it lists every page, with
    each article's date. With `changes` (so the same outline and settings), the
    pages are the same when none went and none came, and only the articles an
    edit changed can have another date."""
    return (
        not changes.gone and len(made.pages) == len(last.pages.pages)
        and all(site.articles[slug].article.published == last.site.articles[slug].article.published
                for slug in changes.articles & site.articles.keys())
    )
