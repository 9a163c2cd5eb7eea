"""What the search finds: one document per article, region, topic and entity page.

A document carries what a result shows (title, date, region), what the filters
need (region with its ancestors, topic names, year) and the text that is searched
and quoted in snippets. Text is plain: Markdown syntax is removed so a query never
has to match `**` or a link target.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from sitegen.model import AnalysedArticle, DateSpan, Entity, EntityPage, RegionPage, Site, TopicPage

Kind = Literal["article", "region", "topic", "entity"]

_MD_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_TAG = re.compile(r"<[^>]{1,200}>")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|`+|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)


class PagePaths(Protocol):
    """The site paths render gives pages; search links to the same places."""

    def article(self, slug: str) -> str: ...

    def region(self, region_id: str) -> str: ...

    def topic(self, topic_id: str) -> str: ...

    def entity(self, slug: str) -> str: ...


@dataclass(frozen=True)
class SearchDocument:
    """One searchable page. `url` is a site path relative to the site root."""

    url: str
    title: str
    kind: Kind
    text: str
    date: str = ""  # ISO 8601, reduced precision: `2026`, `2026-01`, `2026-01-25`
    region: str = ""  # display name of the primary region
    regions: tuple[str, ...] = ()  # region and its ancestors with pages, for the filter
    topics: tuple[str, ...] = ()  # topic display names
    year: int | None = None
    words: dict[str, int] = field(default_factory=dict, compare=False)  # jieba term counts


def plain_text(markdown: str) -> str:
    """Markdown inline syntax removed, the words kept."""
    text = _MD_IMAGE_OR_LINK.sub(r"\1", markdown)
    text = _MD_TAG.sub("", text)
    text = _MD_HEADING.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _MD_EMPHASIS.sub(r"\2", text)
    return text


def _region_chain(site: Site, region_id: str | None) -> tuple[str, ...]:
    """Names of the region and of its ancestors that have pages, nearest first."""
    names: list[str] = []
    seen: set[str] = set()
    while region_id and region_id in site.regions and region_id not in seen:
        seen.add(region_id)
        region = site.regions[region_id].region
        names.append(region.name)
        region_id = region.parent
    return tuple(names)


def _when(span: DateSpan | None) -> tuple[str, int | None]:
    if span is None:
        return "", None
    return span.start.iso(), span.start.year


def _article_document(
    site: Site, item: AnalysedArticle, paths: PagePaths, terms: Mapping[str, dict[str, int]] | None,
) -> SearchDocument:
    article, facts = item.article, item.facts
    published = article.published
    if published is None:
        published = next((e.when for e in facts.events if e.kind == "primary"), None)
    date, year = _when(published)
    chain = _region_chain(site, facts.primary_region)
    topics = tuple(site.topics[t.topic].topic.name for t in facts.topics if t.topic in site.topics)
    body = [article.description] if article.description else []
    body.extend(plain_text(p.text) for p in article.paragraphs)
    return SearchDocument(
        url=paths.article(article.slug),
        title=article.title,
        kind="article",
        text="\n".join(body),
        date=date,
        region=chain[0] if chain else "",
        regions=chain,
        topics=topics,
        year=year,
        words=dict(terms[article.slug] if terms is not None else facts.term_counts),
    )


def _region_document(site: Site, page: RegionPage, paths: PagePaths) -> SearchDocument:
    region = page.region
    lines = [" ".join(filter(None, [region.name_en, *region.aliases]))]
    lines.extend(plain_text(s.text) for s in page.summary)
    lines.extend(f.text + " " + f.measure for f in page.figures)
    chain = _region_chain(site, region.id)
    return SearchDocument(
        url=paths.region(region.id),
        title=region.name,
        kind="region",
        text="\n".join(lines),
        region=region.name,
        regions=chain,
    )


def _topic_document(page: TopicPage, paths: PagePaths) -> SearchDocument:
    topic = page.topic
    lines = [topic.name_en, " ".join(topic.keywords), " ".join(page.keywords)]
    lines.extend(plain_text(s.text) for s in page.summary)
    return SearchDocument(
        url=paths.topic(topic.id),
        title=topic.name,
        kind="topic",
        text="\n".join(lines),
        topics=(topic.name,),
    )


def _entity_document(slug: str, page: EntityPage, paths: PagePaths) -> SearchDocument:
    entity = page.entity
    lines = [" ".join(entity.titles), " ".join(entity.organisations)]
    lines.extend(dict.fromkeys(plain_text(m.text) for m in entity.mentions))
    return SearchDocument(
        url=paths.entity(slug),
        title=entity.name,
        kind="entity",
        text="\n".join(lines),
    )


class DocumentMemo:
    """The documents of a preview's last build, taken again by its next one.

    Making the documents (plain text of every paragraph) took 2 s of a preview
    rebuild at 10,000 sources, for pages that mostly did not change. An
    article's document is reused when the article is the very object of the
    last build (the builder keeps unchanged ones) and the regions and topics
    are named as before; a region's likewise; an entity's when its entity is
    equal.
    """

    def __init__(self) -> None:
        self.names: tuple = ()
        self.articles: dict[int, tuple[AnalysedArticle, SearchDocument]] = {}
        self.entities: dict[str, tuple[Entity, SearchDocument]] = {}
        self.regions: dict[str, tuple[RegionPage, SearchDocument]] = {}


def search_documents(
    site: Site, paths: PagePaths | None = None, memo: DocumentMemo | None = None,
    terms: Mapping[str, dict[str, int]] | None = None,
) -> list[SearchDocument]:
    """Every page worth finding, in a stable order: articles, regions, topics, entities.

    `paths` is render's path maker, so a result links exactly where the page was
    written; by default the renderer's own `Paths` is used. With a `memo`,
    unchanged pages' documents come from the last build's (and the memo then
    holds this build's). `terms` are the articles' words by slug, for a model
    stored without them (`sitegen.stored_model`).
    """
    if paths is None:
        from sitegen.render.pages import Paths

        paths = Paths(site)
    names = ([page.region for page in site.regions.values()], [page.topic for page in site.topics.values()])
    reuse = memo is not None and memo.names == names
    articles = memo.articles if reuse else {}
    entities = memo.entities if reuse else {}
    regions = memo.regions if reuse else {}
    made_articles: dict[int, tuple[AnalysedArticle, SearchDocument]] = {}
    for item in site.articles.values():
        known = articles.get(id(item))
        if known is None or known[0] is not item:
            known = (item, _article_document(site, item, paths, terms))
        made_articles[id(item)] = known
    made_entities: dict[str, tuple[Entity, SearchDocument]] = {}
    for slug in sorted(site.entities):
        entity = site.entities[slug].entity
        known = entities.get(slug)
        if known is None or (known[0] is not entity and known[0] != entity):
            known = (entity, _entity_document(slug, site.entities[slug], paths))
        made_entities[slug] = known
    made_regions: dict[str, tuple[RegionPage, SearchDocument]] = {}
    for region_id in sorted(site.regions):
        page = site.regions[region_id]
        known = regions.get(region_id)
        if known is None or known[0] is not page:
            known = (page, _region_document(site, page, paths))
        made_regions[region_id] = known
    if memo is not None:
        memo.names, memo.articles, memo.entities, memo.regions = names, made_articles, made_entities, made_regions
    documents = [document for _, document in made_articles.values()]
    documents.extend(document for _, document in made_regions.values())
    documents.extend(_topic_document(site.topics[k], paths) for k in sorted(site.topics))
    documents.extend(document for _, document in made_entities.values())
    return documents
