"""What pages the site has, where each lives, and what its template receives.

Site paths (`regions/beijing/`, `articles/x/`) are made only here, from ids and
slugs passed through `segment()`, so nothing a source says can produce a path
outside the output folder. Templates turn site paths into links with `url()`.
"""

from __future__ import annotations

import hashlib
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import compress, groupby, islice
from typing import Any

from sitegen.assemble import ascii_slug, unique_slug
from sitegen.model import (
    AnalysedArticle, EntityPage, Event, Figure, RegionDef, RegionPage, Site, Source, TopicDef, TopicPage,
)

_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")
# How many items the home page shows of each list.
HOME_EVENTS = 8
HOME_ARTICLES = 10
HOME_FIGURES = 8
# Region, topic and entity pages show the newest this many articles and events
# (the full lists are on the articles index and the filterable timeline), so a
# country's page stays readable, and small, at 10,000 articles.
LIST_LIMIT = 150
FIGURE_LIMIT = 24
ENTITY_LIMIT = 60


@lru_cache(maxsize=65536)
def segment(value: str) -> str:
    """`value` if it is a plain URL segment, else readable ASCII plus a short hash.

    The hash keeps two different unsafe values apart; `.`/`..`, `/` and `\\` can
    never come out.
    """
    if _SAFE_SEGMENT.fullmatch(value) and value.strip(".") and ".." not in value:
        return value
    digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:8]
    return f"{ascii_slug(value, 'x')[:60]}-{digest}"


class Paths:
    """The site path of every page, for templates (`paths.region('beijing')`)."""

    def __init__(self, site: Site) -> None:
        self._site = site
        taken: set[str] = set()
        self._sources = {
            path: unique_slug(segment(path.rstrip("/").rsplit("/", 1)[-1]), taken) for path in sorted(site.sources)
        }

    home = ""
    articles_index = "articles/"
    regions_index = "regions/"
    topics_index = "topics/"
    timeline = "timeline/"
    people_index = "people/"
    orgs_index = "orgs/"
    search = "search/"
    feed = "feed.xml"

    @staticmethod
    def _with_anchor(path: str, anchor: str | None) -> str:
        return f"{path}#{anchor}" if anchor else path

    def article(self, slug: str, anchor: str | None = None) -> str:
        return self._with_anchor(f"articles/{segment(slug)}/", anchor)

    def region(self, region_id: str, anchor: str | None = None) -> str:
        return self._with_anchor(f"regions/{segment(region_id)}/", anchor)

    def topic(self, topic_id: str, anchor: str | None = None) -> str:
        return self._with_anchor(f"topics/{segment(topic_id)}/", anchor)

    def entity(self, slug: str) -> str:
        return self.entity_of(self._site.entities[slug])

    def entity_of(self, page: EntityPage) -> str:
        """The path of an entity page, of this build's model or another's."""
        return f"{self.entity_index(page.entity.kind)}{segment(page.slug)}/"

    def entity_index(self, kind: str) -> str:
        return self.people_index if kind == "person" else self.orgs_index

    def timeline_filtered(self, region: str | None = None, topic: str | None = None) -> str:
        """The timeline with its filter set (read by static/timeline.js)."""
        query = "&".join(f"{key}={segment(value)}" for key, value in (("region", region), ("topic", topic)) if value)
        return f"{self.timeline}?{query}" if query else self.timeline

    def source(self, path: str, line: int | None = None) -> str | None:
        """The provenance page of a source file, at a line; None for an unknown file."""
        name = self._sources.get(path)
        if name is None:
            return None
        return self._with_anchor(f"sources/{name}/", f"L{line}" if line else None)

    def source_names(self) -> dict[str, str]:
        """Each source file's folder under `sources/`, by the file's path."""
        return dict(self._sources)

    def sentence(self, sentence) -> str:
        """Where a quoted sentence sits: its article at its paragraph."""
        return self.article(sentence.article, sentence.paragraph)

    @staticmethod
    def static(name: str) -> str:
        return f"static/{name}"


def output_file(path: str) -> str:
    """The file a page at site path `path` is written to: `regions/beijing/index.html`."""
    return path + "index.html" if not path or path.endswith("/") else path


@dataclass
class Page:
    """One HTML page: where it goes, which template renders it, with what.

    `variables` may be a function that makes them: the pages are listed in one
    process and rendered by several (`sitegen.parallel.fork_map`), and making
    every page's lists up front took ~1 s at 10,000 sources on the one core
    that has to list them. `context` makes them when the page is rendered, and
    keeps nothing, so a worker does not accumulate the lists of its pages.
    """

    path: str  # site path: `` for home, `regions/beijing/`, `404.html`
    template: str
    title: str
    variables: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)
    section: str = ""  # the navigation entry to mark as current
    absolute_links: bool = False  # 404.html: served at any depth
    output: str = field(init=False)  # the file the page is written to (looked up ~4 times a page a build)

    def __post_init__(self) -> None:
        self.output = output_file(self.path)

    @property
    def context(self) -> dict[str, Any]:
        """What the template receives besides the variables every page gets."""
        return self.variables() if callable(self.variables) else self.variables


@dataclass
class TreeNode:
    """A region in the region index, with the regions below it that have pages."""

    page: RegionPage
    children: list[TreeNode]


# --------------------------------------------------------------------------- helpers


def region_chain(site: Site, region_id: str | None) -> list[str]:
    """The region and every region above it that has a page, nearest first."""
    chain: list[str] = []
    while region_id in site.regions and region_id not in chain:
        chain.append(region_id)
        region_id = site.regions[region_id].region.parent
    return chain


def event_topics(site: Site, event: Event) -> list[str]:
    """Topics of the articles that report an event (those with pages), for the timeline filter."""
    return [topic for topic in event.topics if topic in site.topics]


def filter_regions(site: Site) -> list[tuple[RegionDef, int]]:
    """Regions a timeline entry can be filtered by, with their depth: each right
    under the region it lies in (its depth its indent), siblings in gazetteer
    order; the regions, not their pages (see `filter_topics`)."""
    used = {r for region in {event.region for event in site.timeline} for r in region_chain(site, region)}
    order = {region_id: index for index, region_id in enumerate(site.regions)}
    chains = {r: region_chain(site, r)[::-1] for r in used}  # outermost first
    return [(site.regions[r].region, len(chains[r]) - 1)
            for r in sorted(used, key=lambda r: [order[step] for step in chains[r]])]


def filter_topics(site: Site) -> list[TopicDef]:
    """Topics a timeline entry can be filtered by (`event_topics` of any event), in
    the taxonomy's order: the topics, not their pages, so that an edit changing
    a topic's page leaves the timeline as it was."""
    used = {topic for event in site.timeline for topic in event.topics}
    return [page.topic for topic_id, page in site.topics.items() if topic_id in used]


def leaf_places(site: Site) -> list[tuple[RegionPage, int]]:
    """Places that are some article's primary region, with their article counts."""
    counts = Counter(
        item.facts.primary_region for item in site.articles.values() if item.facts.primary_region in site.regions
    )
    order = {region_id: index for index, region_id in enumerate(site.regions)}
    return [
        (site.regions[r], n) for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))
    ]


def key_figures(site: Site, limit: int) -> list[Figure]:
    """The corpus's key figures: each article's most central figure in turn
    (analysis ranks them), newest article first; one fact (value, unit) once.
    Round by round, so the first few articles usually give them all."""
    figures: list[Figure] = []
    seen: set[tuple[float, str]] = set()
    depth, deeper = 0, True
    while deeper:
        deeper = False
        for item in site.articles.values():
            if len(item.facts.figures) > depth:
                deeper = True
                figure = item.facts.figures[depth]
                if (figure.value, figure.unit) not in seen:
                    seen.add((figure.value, figure.unit))
                    figures.append(figure)
                    if len(figures) == limit:
                        return figures
        depth += 1
    return figures


def latest_events(site: Site, limit: int) -> list[Event]:
    """The newest `limit` events that happened where reported (not recalled ones)."""
    return list(islice((event for event in reversed(site.timeline) if event.kind == "primary"), limit))


def region_tree(site: Site) -> list[TreeNode]:
    """Regions with pages as a forest: roots are those whose parent has no page."""

    def node(region_id: str) -> TreeNode:
        return TreeNode(site.regions[region_id], [node(c) for c in site.regions[region_id].children])

    return [node(r) for r, page in site.regions.items() if page.region.parent not in site.regions]


_YEAR = operator.attrgetter("when.start.year")
_MONTH = operator.attrgetter("when.start.month")


def timeline_groups(events: list[Event]) -> list[tuple[int, list[tuple[int | None, list[Event]]]]]:
    """Events grouped by year, then month (None: the source gave only the year);
    the events are in date order, so each group is a run of them."""
    return [(year, [(month, list(in_month)) for month, in_month in groupby(in_year, _MONTH)])
            for year, in_year in groupby(events, _YEAR)]


def _articles(site: Site, slugs: list[str]) -> list[AnalysedArticle]:
    return [site.articles[slug] for slug in slugs if slug in site.articles]


def _entities(site: Site, slugs: list[str]) -> list[EntityPage]:
    return [site.entities[slug] for slug in slugs if slug in site.entities]


def article_entities(site: Site, item: AnalysedArticle, slug_of: dict[str, str]) -> list[EntityPage]:
    """The entity pages of the people and organisations an article names (by name)."""
    return _entities(site, list(dict.fromkeys(slug_of[e.name] for e in item.facts.entities if e.name in slug_of)))


def source_lines(text: str) -> list[str]:
    """Lines numbered as the readers number them (LF only), without a last empty one."""
    lines = text.split("\n")
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def source_articles(site: Site, paths: Iterable[str] | None = None) -> dict[str, list[AnalysedArticle]]:
    """The articles made from each source file (of `paths`, or all), for the provenance pages."""
    made: dict[str, list[AnalysedArticle]] = {path: [] for path in (site.sources if paths is None else paths)}
    for item in site.articles.values():
        for ref in item.article.sources:
            found = made.get(ref.path)
            if found is not None and (not found or found[-1] is not item):  # once, if it cites a file twice
                found.append(item)
    return made


# --------------------------------------------------------------------------- the pages


def _home_variables(site: Site, places: Callable[[], list[tuple[RegionPage, int]]]) -> dict[str, Any]:
    return {
        "latest_events": latest_events(site, HOME_EVENTS),
        "places": places(),
        "topics": list(site.topics.values()),
        "figures": key_figures(site, HOME_FIGURES),
        "articles": list(islice(site.articles.values(), HOME_ARTICLES)),
    }


def _timeline_variables(site: Site) -> dict[str, Any]:
    return {
        "events": site.timeline,
        "groups": timeline_groups(site.timeline),
        "filter_regions": filter_regions(site),
        "filter_topics": filter_topics(site),
    }


def _entities_variables(site: Site, kind: str) -> dict[str, Any]:
    return {"kind": kind, "entities": [page for page in site.entities.values() if page.entity.kind == kind]}


def _index_pages(site: Site) -> list[Page]:
    places = cache(partial(leaf_places, site))  # the home page and the region index both list them
    pages = [
        Page("", "home.html", site.title, partial(_home_variables, site, places), section="home"),
        Page("articles/", "articles.html", "全部文章", lambda: {"articles": list(site.articles.values())}, "articles"),
        Page("regions/", "regions.html", "地区", lambda: {"tree": region_tree(site), "places": places()}, "regions"),
        Page("topics/", "topics.html", "主题", lambda: {"topics": list(site.topics.values())}, "topics"),
        Page("timeline/", "timeline.html", "时间线", partial(_timeline_variables, site), "timeline"),
        Page("search/", "search.html", "搜索", {}, "search"),
        Page("404.html", "404.html", "页面不存在", {}, absolute_links=True),
    ]
    for kind, path, title in (("person", "people/", "人物"), ("org", "orgs/", "机构")):
        pages.append(Page(path, "entities.html", title, partial(_entities_variables, site, kind), path.strip("/")))
    return pages


def _region_variables(site: Site, page: RegionPage) -> dict[str, Any]:
    return {
        "region": page,
        "parent": site.regions.get(page.region.parent) if page.region.parent else None,
        "children": [site.regions[c] for c in page.children if c in site.regions],
        "articles": _articles(site, page.articles[:LIST_LIMIT]),
        "mentioned_in": _articles(site, page.mentioned_in[:LIST_LIMIT]),
        "events": page.events[-LIST_LIMIT:],
        "figures": page.figures[:FIGURE_LIMIT],
        "entities": _entities(site, page.entities[:ENTITY_LIMIT]),
    }


def _topic_variables(site: Site, page: TopicPage) -> dict[str, Any]:
    return {
        "topic": page,
        "articles": _articles(site, page.articles[:LIST_LIMIT]),
        "events": page.events[-LIST_LIMIT:],
        "figures": page.figures[:FIGURE_LIMIT],
    }


def _article_variables(site: Site, item: AnalysedArticle, slug_of: dict[str, str]) -> dict[str, Any]:
    return {
        "item": item,
        "article": item.article,
        "facts": item.facts,
        "related": _articles(site, site.related.get(item.article.slug, [])),
        "entities": article_entities(site, item, slug_of),
        "places": [place for place in item.facts.places if place.region in site.regions],
    }


def _entity_variables(site: Site, page: EntityPage) -> dict[str, Any]:
    return {
        "entity_page": page,
        "entity": page.entity,
        "articles": _articles(site, page.articles[:LIST_LIMIT]),
        "mentions": page.entity.mentions[:LIST_LIMIT],
    }


def _source_variables(source: Source, made: list[AnalysedArticle]) -> dict[str, Any]:
    return {"source": source, "articles": made, "lines": source_lines(source.text)}


# --------------------------------------------------------------------------- what a preview can skip


class ModelChanges:
    """What differs between the last build's model (`last`) and this one's, told by
    identity: a preview builder keeps unchanged articles, entity pages and
    sources as the very objects of its last build.

    At 10,000 sources, listing, making and comparing the variables of 39,000
    pages was most of a rebuild after one edit. For the pages there are
    thousands of (articles, people and organisations, source files), these
    changes tell which may differ from last time (`to_list`): `site_pages`
    lists only those, and the others are left as they were. Of the listed
    ones, `same_variables` tells from the changes alone that a page's
    variables are those of last time; each rule sits here, beside the
    function that makes those variables, and reads what it reads. Other pages,
    and any page a rule is unsure of, have their variables made and compared.

    Only a build with the site outline of the last one (`render.reuse`) can
    use this: then the articles and sources, and so their pages' paths and
    titles, are those of last time. A template that read the whole model last
    time (`reading_site`) has all its pages listed.
    """

    def __init__(self, site: Site, last: Site, paths: Paths, reading_site: frozenset[str] = frozenset()) -> None:
        self.articles = _changed_keys(site.articles, last.articles)
        # Entity pages made again, new or gone, by slug. A name is one page, so the
        # current page of any name whose page changed is among them.
        self.entities = _changed_keys(site.entities, last.entities)
        # Articles naming one of those names: an entity page lists every article
        # naming it, and an unchanged article names what it named (a name gone is
        # named by no unchanged article).
        self.naming: set[str] = set()
        for slug in self.entities & site.entities.keys():
            self.naming.update(site.entities[slug].articles)
        self.to_list: dict[str, set[str] | None] = {
            "article.html": self._article_pages(site, last),
            "entity.html": self._entity_pages(site, self.entities),
            "source.html": self._source_pages(site, last),
        }
        for template in reading_site & self.to_list.keys():
            self.to_list[template] = None
        self.gone = {  # the output files of last build's entity pages that this build has not
            output_file(paths.entity_of(last.entities[slug])) for slug in self.entities & last.entities.keys()
            if slug not in site.entities or site.entities[slug].entity.kind != last.entities[slug].entity.kind
        }

    def _article_pages(self, site: Site, last: Site) -> set[str]:
        """Articles that changed, that name a changed name, or whose related
        articles changed (`_same_article_variables`)."""
        related = {
            slug for slug, slugs in site.related.items()
            if slugs != last.related.get(slug) or not self.articles.isdisjoint(slugs)
        }
        related.update(last.related.keys() - site.related.keys())
        return (self.articles | self.naming | related) & site.articles.keys()

    def _entity_pages(self, site: Site, changed: set[str]) -> set[str]:
        """Entity pages made again, or listing a changed article (`_same_entity_variables`):
        a page lists the articles naming it, so those a changed article names."""
        slug_of = {page.entity.name: slug for slug, page in site.entities.items()}
        pages = changed & site.entities.keys()
        for slug in self.articles & site.articles.keys():
            for entity in site.articles[slug].facts.entities:
                page_slug = slug_of.get(entity.name)
                if page_slug is not None and slug in site.entities[page_slug].articles[:LIST_LIMIT]:
                    pages.add(page_slug)
        return pages

    def _source_pages(self, site: Site, last: Site) -> set[str]:
        """Sources read again, or from which a changed article was made, now or
        last time (`_same_source_variables`)."""
        paths = {path for path, source in site.sources.items() if source is not last.sources.get(path)}
        for slug in self.articles:
            for item in (site.articles.get(slug), last.articles.get(slug)):
                if item is not None:
                    paths.update(ref.path for ref in item.article.sources)
        return paths & site.sources.keys()

    def same_variables(self, page: Page, before: dict[str, Any]) -> bool:
        """True when `page`'s variables are certainly `before`, those of the last
        build; False when not known."""
        rule = _SAME_VARIABLES.get(getattr(page.variables, "func", None))
        return rule is not None and rule(self, before, *page.variables.args)


def _changed_keys(now: dict[str, Any], before: dict[str, Any]) -> set[str]:
    """Keys whose value is not the very object of `before`, or that are gone."""
    keys = list(now)
    changed = set(compress(keys, map(operator.is_not, map(before.get, keys), now.values())))  # in C: 18,000 pages
    changed.update(before.keys() - now.keys())
    return changed


def _same_objects(a: list, b: list) -> bool:
    return len(a) == len(b) and all(map(operator.is_, a, b))


def _same_article_variables(
    changes: ModelChanges, before: dict[str, Any], site: Site, item: AnalysedArticle, slug_of: dict[str, str],
) -> bool:
    """`_article_variables`: the article, its related articles, and the pages of the
    names it names (its places depend on the regions, part of the site outline)."""
    return (
        before["item"] is item
        and _same_objects(before["related"], _articles(site, site.related.get(item.article.slug, [])))
        and item.article.slug not in changes.naming
    )


def _same_entity_variables(changes: ModelChanges, before: dict[str, Any], site: Site, page: EntityPage) -> bool:
    """`_entity_variables`: the entity page and the articles it lists."""
    return before["entity_page"] is page and changes.articles.isdisjoint(page.articles[:LIST_LIMIT])


def _same_source_variables(
    changes: ModelChanges, before: dict[str, Any], source: Source, made: list[AnalysedArticle],
) -> bool:
    """`_source_variables`: the source and the articles made from it."""
    return before["source"] is source and _same_objects(before["articles"], made)


def _same_region_variables(changes: ModelChanges, before: dict[str, Any], site: Site, page: RegionPage) -> bool:
    """`_region_variables`: the region page, its parent and children pages, and
    the articles and entity pages it lists."""
    parent = site.regions.get(page.region.parent) if page.region.parent else None
    return (
        before["region"] is page and before["parent"] is parent
        and _same_objects(before["children"], [site.regions[c] for c in page.children if c in site.regions])
        and changes.articles.isdisjoint(page.articles[:LIST_LIMIT])
        and changes.articles.isdisjoint(page.mentioned_in[:LIST_LIMIT])
        and changes.entities.isdisjoint(page.entities[:ENTITY_LIMIT])
    )


def _same_timeline_variables(changes: ModelChanges, before: dict[str, Any], site: Site) -> bool:
    """`_timeline_variables`: the timeline, kept as the same list when no event
    changed (`assemble.events.site_timeline`); its filter reads the regions and
    topics only as the site outline has them."""
    return before["events"] is site.timeline


def _same_entities_variables(changes: ModelChanges, before: dict[str, Any], site: Site, kind: str) -> bool:
    """`_entities_variables`: every entity page, when none came, went or changed."""
    return not changes.entities


_SAME_VARIABLES: dict[Callable[..., dict[str, Any]], Callable[..., bool]] = {
    _article_variables: _same_article_variables,
    _entity_variables: _same_entity_variables,
    _source_variables: _same_source_variables,
    _entities_variables: _same_entities_variables,
    _region_variables: _same_region_variables,
    _timeline_variables: _same_timeline_variables,
}


def _listed(items: dict[str, Any], keys: set[str] | None) -> Iterable[tuple[str, Any]]:
    """The items of `items` whose key is in `keys` (all of them for None), in their order."""
    return items.items() if keys is None else ((key, item) for key, item in items.items() if key in keys)


def site_pages(site: Site, paths: Paths, changes: ModelChanges | None = None) -> list[Page]:
    """Every HTML page of the site, in a fixed order; each page's variables are
    made when it is rendered. With `changes` (a preview's rebuild), only the
    article, entity and source pages that may differ from last time
    (`ModelChanges.to_list`); the others are as the last build left them."""
    to_list = changes.to_list if changes is not None else {}
    pages = _index_pages(site)
    pages += [Page(paths.region(page.region.id), "region.html", page.region.name,
                   partial(_region_variables, site, page), section="regions") for page in site.regions.values()]
    pages += [Page(paths.topic(page.topic.id), "topic.html", page.topic.name,
                   partial(_topic_variables, site, page), section="topics") for page in site.topics.values()]
    slug_of = {page.entity.name: slug for slug, page in site.entities.items()}
    pages += [Page(paths.article(slug), "article.html", item.article.title,
                   partial(_article_variables, site, item, slug_of), section="articles")
              for slug, item in _listed(site.articles, to_list.get("article.html"))]
    pages += [Page(paths.entity_of(page), "entity.html", page.entity.name, partial(_entity_variables, site, page),
                   section="people" if page.entity.kind == "person" else "orgs")
              for _, page in _listed(site.entities, to_list.get("entity.html"))]
    sources = list(_listed(site.sources, to_list.get("source.html")))
    made = source_articles(site, [path for path, _ in sources])
    pages += [Page(paths.source(path), "source.html", f"原文：{path}", partial(_source_variables, source, made[path]))
              for path, source in sources]
    return pages
