"""The list entries pages repeat most, written in Python instead of Jinja macros.

An article's entry appears on every page that lists it: its regions (a city,
its province, the country), its topics, the people and organisations it names,
its source files, the articles related to it; events, key figures and region
links repeat the same way, and a region page lists hundreds of them. Through a
Jinja macro called in a Jinja loop, each entry cost 15-40 µs (the macro call,
then a dozen context look-ups and calls, each escaped), which was most of the
time of a region or article page. Here an entry is one f-string with each value
escaped exactly as the template escaped it (`format.html_text`), and a list is
joined in Python.

An entry's HTML depends only on its arguments and on where the page's links
start from (`PageUrl.base`: the page's depth, or the base URL on 404.html), so
the entries shown on many pages are built once per build and link base and
then reused. A preview rebuild also reuses those of the last build
(`carry_over`) when the site's outline did not change (`render.reuse`): its
article index and timeline list every article and event, and after an edit
only a few entries are new.

The list macros of `macros.html` (`article_list`, `event_list`, …) keep the
list's frame and its empty message and call these globals for the entries; a
theme changes the entries by redefining those macros.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from itertools import chain, islice
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from sitegen.assemble import first_event_date
from sitegen.model import (
    CELL_SEPARATOR, AnalysedArticle, EntityPage, Event, Figure, PlaceMention, SentenceRef, Site, row_cells,
)
from sitegen.render.env import PageUrl
from sitegen.render.format import clip, html_text, span_html
from sitegen.render.pages import Paths

# Mentions shown under a figure are cut to this many characters.
FIGURE_SOURCE_CHARS = 48
# Quoted sentences on other articles' pages name their article, cut to this many.
SOURCE_TITLE_CHARS = 28
# An event reported by several articles links to at most this many of them.
EVENT_ARTICLE_LINKS = 5


def page_url(context: Context) -> PageUrl:
    """The `url()` of the page being rendered (`render_page` passes one), or one made
    from `page_path` for a template rendered some other way."""
    found = context.resolve_or_missing("url")
    if isinstance(found, PageUrl):
        return found
    return PageUrl(context["page_path"], context["base_url"], bool(context.get("absolute_links")))


class Entries:
    """The entry builders of one build, with the entries already built.

    The template globals (`globals()`) each take the page's `url()` from the
    template context: `region_link(id)`, `entity_link(page)`, and for lists
    `article_items(items)`, `event_items(events, show_region)`,
    `figure_items(figures)`, `summary_items(sentences, here)`,
    `entity_tags(entities)`, `entity_names(entities)`, `place_tags(places)`,
    `timeline_items(events)`.
    """

    def __init__(
        self, site: Site, paths: Paths, md_text: Callable[[str], Markup],
        event_filters: Callable[[Event], dict[str, str]],
    ) -> None:
        self._site = site
        self._paths = paths
        self._text = md_text
        self._filters = event_filters
        # (builder's name, link base, argument keys) -> (HTML, the arguments, kept
        # so no identity in a key is reused by another object while the entry is
        # kept; for `once`, whether the piece read the whole model).
        self.built: dict[tuple, tuple] = {}
        self._earlier: dict[tuple, tuple] = {}  # the last build's `built`, in a preview
        self._objects: dict[int, Any] | None = None  # the model objects entries may keep, by id (`adopt`)

    def carry_over(self, earlier: dict[tuple, tuple]) -> None:
        """Reuse the entries of the last build (its `built`), which the caller
        knows were made from the same site outline and theme. A `once` piece
        that read the whole model is made again."""
        self._earlier = {key: found for key, found in earlier.items() if not (key[0] == "once" and found[2])}

    def shareable(self, since: int) -> list[tuple[tuple, str, tuple]]:
        """The entries built after the first `since`, for the process that forked
        this one (`adopt`): each with the ids of the objects it keeps instead of
        the objects, which that process holds at the same ids."""
        return [(key, found[0], _portable(found[1:])) for key, found in islice(self.built.items(), since, None)]

    def adopt(self, shared: list[tuple[tuple, str, tuple]]) -> None:
        """Keep entries a forked render worker built (`shareable`), so the next
        preview build reuses them as if this process had built them: a first
        build or a large edit renders its pages in workers, and the edit after
        it drew its charts and entries again (a quarter of a second at 10,000
        sources). Each is kept with this process's objects of the ids it names
        (the site's articles, entity pages and timeline events); one naming
        another object is left out."""
        if self._objects is None:
            site = self._site
            self._objects = {id(o): o for o in chain(site.articles.values(), site.entities.values(), site.timeline)}
        objects = self._objects
        for key, html, kept in shared:
            if key not in self.built:
                try:
                    self.built[key] = (html, *_resolved(kept, objects))
                except KeyError:
                    continue

    def _found(self, key: tuple) -> tuple | None:
        found = self.built.get(key)
        if found is None:
            found = self._earlier.get(key)
            if found is not None:
                self.built[key] = found
        return found

    def globals(self) -> dict[str, Any]:
        def on_page(render: Callable[..., str]):
            @pass_context
            def call(context: Context, *args: Any, **kwargs: Any) -> Markup:
                return Markup(render(page_url(context), *args, **kwargs))

            return call

        @pass_context
        def once(context: Context, *key: Hashable, caller: Callable[[], str]) -> Markup:
            """`{% call once('nav', section) %}…{% endcall %}`: a piece of the page
            frame that depends only on `key` and the page's link base, rendered by
            the first page with that base and copied into the others. Whether
            the piece read the whole site model (`SiteEnvironment.reads_site`)
            is kept with it, so every page that shows it says so."""
            env = context.environment
            cache_key = ("once", page_url(context).base, *key)
            found = self._found(cache_key)
            if found is None:
                reads_before, env.reads_site = env.reads_site, False
                html = caller()
                found = self.built[cache_key] = (html, key, env.reads_site)
                env.reads_site = reads_before
            env.reads_site = env.reads_site or found[2]
            return Markup(found[0])

        return {
            "once": once,
            "region_link": on_page(lambda link, region_id: self._once(self.region_link, link, region_id)),
            "entity_link": on_page(lambda link, page, css="": self._once(self.entity_link, link, page, css)),
            "article_items": on_page(self.article_items),
            "event_items": on_page(self.event_items),
            "figure_items": on_page(self.figure_items),
            "summary_items": on_page(self.summary_items),
            "entity_tags": on_page(self.entity_tags),
            "entity_names": on_page(self.entity_names),
            "place_tags": on_page(self.place_tags),
            "timeline_items": on_page(self.timeline_items),
        }

    def _once(self, build: Callable[..., str], link: PageUrl, *args: Any) -> str:
        """`build(link, *args)`, built once per link base."""
        key = (build.__name__, link.base, *map(_key, args))
        found = self._found(key)
        if found is None:
            found = self.built[key] = (build(link, *args), args)
        return found[0]

    def _once_for(self, build: Callable[..., str], link: PageUrl, *objects: Any) -> str:
        """`_once` for arguments that are all model objects (or None), keyed by
        plain ids: the article index and the timeline list every article and
        event, and hashing `_once`'s nested keys was half of drawing them."""
        key = (build.__name__, link.base, *map(id, objects))
        found = self._found(key)
        if found is None:
            found = self.built[key] = (build(link, *objects), objects)
        return found[0]

    def events_chart(self, draw: Callable[..., str], link: PageUrl, events: list[Event], *args: Hashable) -> str:
        """`draw(link, events, *args)`, a chart of `events`, kept by the events'
        identities: a preview draws the timeline's chart of every event again
        only when one of them changed."""
        key = (draw.__name__, link.base, tuple(map(id, events)), *args)
        return self._drawn(key, lambda: draw(link, events, *args), tuple(events))

    def counts_chart(self, draw: Callable[..., str], link: PageUrl, counts: Counter[str], *args: Hashable) -> str:
        """`draw(link, counts, *args)`, a chart of counts by region or topic (their
        names are part of the site's outline), kept by the counts: a preview
        draws the map again only when an edit moved an article or event."""
        key = (draw.__name__, link.base, tuple(sorted(counts.items())), *args)
        return self._drawn(key, lambda: draw(link, counts, *args), None)

    def _drawn(self, key: tuple, draw: Callable[[], str], keep: Any) -> str:
        """A chart kept under `key`, with `keep`: the objects whose identities the key holds."""
        found = self._found(key)
        if found is None:
            found = self.built[key] = (draw(), keep)
        return found[0]

    # ------------------------------------------------------------------ lists
    # Each joins its entries the way the macro's loop did, so pages stay byte-identical.
    # Articles, region and entity links are kept once built: at 10,000 sources an
    # article's entry is shown ~9 times, a region link ~190 times; timeline
    # entries are kept for the next preview build. Other events, figures and
    # quoted sentences are shown 1.0-1.2 times each: kept, they would only hold
    # ~80 MB per process.

    def article_items(self, link: PageUrl, items: Iterable[AnalysedArticle]) -> str:
        return "\n".join(self._once_for(self.article_item, link, item) for item in items)

    def event_items(self, link: PageUrl, events: Iterable[Event], show_region: bool = True) -> str:
        return "\n".join(self.event_item(link, event, show_region) for event in events)

    def figure_items(self, link: PageUrl, figures: Iterable[Figure]) -> str:
        return "".join(self.figure_item(link, figure) for figure in figures)

    def summary_items(self, link: PageUrl, sentences: Iterable[SentenceRef], here: str | None = None) -> str:
        return "".join(self.summary_item(link, sentence, here) for sentence in sentences)

    def entity_tags(self, link: PageUrl, entities: Iterable[EntityPage]) -> str:
        return "".join(
            f"  <li>{self._once(self.entity_link, link, page, 'tag tag-' + page.entity.kind)}</li>\n"
            for page in entities)

    def entity_names(self, link: PageUrl, entities: Iterable[EntityPage]) -> str:
        """Names linked to their pages, separated by `、`."""
        return "、".join(self._once(self.entity_link, link, page, "") for page in entities)

    def place_tags(self, link: PageUrl, places: Iterable[PlaceMention]) -> str:
        """Places an article mentions, each a region tag with its count, one per line."""
        return "".join(
            f'<li>{self._once(self.region_link, link, place.region)} <span class="count">{place.count}</span></li>\n'
            for place in places)

    def timeline_items(self, link: PageUrl, events: Iterable[Event]) -> str:
        """Timeline entries carry their filter data: the event's place and the
        topics of the articles reporting it, which the event holds."""
        return "\n".join(self._once_for(self.timeline_item, link, event) for event in events)

    def timeline_item(self, link: PageUrl, event: Event) -> str:
        return self.event_item(link, event, True, self._filters(event))

    # ------------------------------------------------------------------ entries
    # f-strings with each value passed through `html_text` (Markup.format walks
    # string.Formatter in Python, several times slower).

    def region_link(self, link: PageUrl, region_id: str | None) -> str:
        """A region's tag linking to its page; nothing for a region without one."""
        page = self._site.regions.get(region_id) if region_id else None
        if page is None or not page.region.name:
            return ""
        href = html_text(link(self._paths.region(region_id)))
        return f'<a class="tag tag-region" href="{href}">{html_text(page.region.name)}</a>'

    def entity_link(self, link: PageUrl, page: EntityPage, css: str = "") -> str:
        """A person's or organisation's name linking to its page."""
        css_attribute = f' class="{html_text(css)}"' if css else ""
        href = html_text(link(self._paths.entity(page.slug)))
        return f'<a{css_attribute} href="{href}">{html_text(page.entity.name)}</a>'

    def article_item(self, link: PageUrl, item: AnalysedArticle) -> str:
        """An article in a list: title, then date (its publication's, else its
        first event's, marked so), publisher and place."""
        article = item.article
        meta: list[str] = []
        if article.published:
            meta.append(span_html(article.published))
        elif (reported := first_event_date(item)) is not None:
            # The list is in the order of this date: say whose date it is.
            meta.append(f'<span title="发布日期不详，此为文中所报事件的日期">事件 {span_html(reported)}</span>')
        if article.publisher:
            meta.append(html_text(article.publisher))
        place = self._once(self.region_link, link, item.facts.primary_region)
        if place:
            meta.append(place)
        href = html_text(link(self._paths.article(article.slug)))
        return (
            f'<li class="article-item">\n  <a class="article-title" href="{href}">{html_text(article.title)}</a>\n'
            f'  <span class="meta">{" · ".join(meta)}</span>\n</li>'
        )

    def event_item(
        self, link: PageUrl, event: Event, show_region: bool = True, filters: dict[str, str] | None = None,
    ) -> str:
        """A dated event: its date, its title linking to the sentence that reports
        it, its place, and the other articles that report it."""
        attributes = ""
        if filters:
            attributes = f' data-regions="{html_text(filters["regions"])}" data-topics="{html_text(filters["topics"])}"'
        body = ['<span class="event-kind">文中提及</span> '] if event.kind == "secondary" else []
        body.append(self._event_title(link, event))
        place = self._once(self.region_link, link, event.region) if show_region else ""
        if place:
            body.append(" " + place)
        if len(event.articles) > 1:
            body.append(self._event_reports(link, event.articles))
        return (
            f'<li class="event event-{html_text(event.kind)}"{attributes}>\n'
            f'  <span class="event-date">{span_html(event.when)}</span>\n'
            f'  <span class="event-body">{"".join(body)}  </span>\n</li>'
        )

    def _event_title(self, link: PageUrl, event: Event) -> str:
        title = self._text(event.title)
        if event.sentence is not None:
            target = self._paths.sentence(event.sentence)
        elif event.articles:
            target = self._paths.article(event.articles[0])
        else:
            return title
        return f'<a href="{html_text(link(target))}">{title}</a>'

    def _event_reports(self, link: PageUrl, slugs: list[str]) -> str:
        """`（3 篇报道：1、2、3）`, each number a link, ` 等` beyond the first few."""
        numbers = "、".join(
            f'<a href="{html_text(link(self._paths.article(slug)))}">{number}</a>'
            for number, slug in enumerate(slugs[:EVENT_ARTICLE_LINKS], 1))
        more = " 等" if len(slugs) > EVENT_ARTICLE_LINKS else ""
        return f' <span class="meta">（{len(slugs)} 篇报道：{numbers}{more}）</span>'

    def figure_item(self, link: PageUrl, figure: Figure) -> str:
        """A key figure: value, what it measures, and the sentence it comes from."""
        source = ""
        if figure.sentence:
            href = html_text(link(self._paths.sentence(figure.sentence)))
            quote = self._text(clip(figure.sentence.text, FIGURE_SOURCE_CHARS))
            source = f'<a class="figure-source" href="{href}">出处：{quote}</a>'
        return (
            f'  <li class="figure-card">\n    <span class="figure-value">{html_text(figure.text)}</span>\n'
            f'    <span class="figure-measure">{html_text(figure.measure or figure.unit)}</span>\n{source}  </li>\n'
        )

    def summary_item(self, link: PageUrl, sentence: SentenceRef, here: str | None = None) -> str:
        """A quoted sentence linking to its paragraph; named with its article's title
        when that is not the page's own article (`here`)."""
        href = html_text(link(self._paths.sentence(sentence)))
        source = ""
        item = self._site.articles.get(sentence.article)
        if here != sentence.article and item is not None:
            source = f' <span class="summary-source">——{html_text(clip(item.article.title, SOURCE_TITLE_CHARS))}</span>'
        text = "，".join(row_cells(sentence.text)) if CELL_SEPARATOR in sentence.text else sentence.text
        return f'  <li><a href="{href}">{self._text(text)}</a>{source}</li>\n'  # a table row quoted as its cells


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


class _Ref(int):
    """The id of a model object an entry keeps, as sent from a forked worker."""


def _portable(value: Any) -> Any:
    """`value` with each model object in it (in tuples) replaced by its `_Ref`."""
    if type(value) in _PLAIN_TYPES:
        return value
    if type(value) is tuple:
        return tuple(map(_portable, value))
    return _Ref(id(value))


def _resolved(value: Any, objects: dict[int, Any]) -> Any:
    """`_portable` undone with `objects` by id (KeyError for an id it lacks)."""
    if type(value) is _Ref:
        return objects[value]
    if type(value) is tuple:
        return tuple(_resolved(part, objects) for part in value)
    return value


def _key(value: Any) -> Hashable:
    """An argument in a cache key: plain values by value, model objects (articles,
    events, figures) by identity: each exists once per build."""
    return value if type(value) in _PLAIN_TYPES else ("id", id(value))
