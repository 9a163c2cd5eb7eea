"""Assemble the analysed articles into the site model: regions, topics, entities, timeline.

This is the one corpus-wide step after analysis. It is pure (no I/O, no clock): the
same analysed articles always give the same `Site`, with every list in a stable
order, because render writes exactly what it finds here and two builds of the same
input must be byte-identical. Every step is linear in the corpus (postings lists,
not all pairs), so it stays cheap at 10,000 articles. One module per part of the
model: `regions`, `topics`, `entities`, `events` (the timeline), `related`; the
pieces they share in `shared`; and `memo`, what a preview keeps for its next build.
"""

from __future__ import annotations

import operator
from dataclasses import replace
from itertools import repeat

from sitegen.assemble.entities import ascii_slug, entity_pages, unique_slug
from sitegen.assemble.events import merge_events, site_timeline
from sitegen.assemble.memo import AssembleMemo
from sitegen.assemble.regions import region_pages
from sitegen.assemble.related import related_again, related_articles
from sitegen.assemble.shared import MAX_REPLACED_ARTICLES, replaced_at
from sitegen.assemble.topics import topic_pages
from sitegen.model import AnalysedArticle, DateSpan, Site, Source
from sitegen.taxonomy import Taxonomy

__all__ = [
    "AssembleMemo", "article_date_key", "ascii_slug", "assemble_site", "first_event_date", "merge_events", "unique_slug",
]


def assemble_site(
    analysed: list[AnalysedArticle],
    sources: list[Source],
    taxonomy: Taxonomy,
    title: str,
    memo: AssembleMemo | None = None,
) -> Site:
    """The whole site model, from per-article facts and the taxonomies (a preview
    passes the `memo` of its last assembly, and the memo then holds this one)."""
    if memo is not None and memo.taxonomy != taxonomy.digest:
        memo.__init__(taxonomy)
    ordered = _in_order(analysed, memo)
    entities = entity_pages(ordered, memo)
    articles = {item.article.slug: item for item in ordered}
    timeline = site_timeline(ordered, memo)
    return Site(
        title=title,
        articles=articles,
        regions=region_pages(ordered, timeline, taxonomy, entities, memo),
        topics=topic_pages(ordered, taxonomy, memo),
        entities=entities,
        timeline=timeline,
        sources=_without_blocks(sources, memo),
        related=related_articles(ordered, taxonomy) if memo is None else related_again(ordered, taxonomy, memo),
    )


def _without_blocks(sources: list[Source], memo: AssembleMemo | None) -> dict[str, Source]:
    """The sources by path, without their blocks (the model keeps only the text);
    with a `memo`, a source read before is the same object as last time, so its
    provenance page is seen to be unchanged at a glance."""
    known = memo.sources if memo is not None else {}
    stripped: dict[int, tuple[Source, Source]] = {}
    for source in sources:
        found = known.get(id(source))
        if found is None or found[0] is not source:
            found = (source, replace(source, blocks=[]))
        stripped[id(source)] = found
    if memo is not None:
        memo.sources = stripped
    return {source.path: stripped[id(source)][1] for source in sorted(sources, key=lambda s: s.path)}


def article_date_key(item: AnalysedArticle) -> tuple[int, int, int]:
    """When an article happened, for ordering: its publication date, else its first event."""
    if item.article.published is not None:
        return item.article.published.sort_key()
    reported = first_event_date(item)
    return reported.sort_key() if reported is not None else (0, 0, 0)


def first_event_date(item: AnalysedArticle) -> DateSpan | None:
    """The date of the first event the article reports, if any; of one that
    reports none of its own (a chronology, an agenda), its first dated line's."""
    dates = [event.when for event in item.facts.events if event.kind == "primary"]
    dates = dates or [event.when for event in item.facts.events]
    return min(dates, key=DateSpan.sort_key) if dates else None


def _in_order(analysed: list[AnalysedArticle], memo: AssembleMemo | None) -> list[AnalysedArticle]:
    """The articles in display order (`_article_order`, a total order). With a
    `memo`, when the articles are last time's but a few replaced by versions
    that sort the same, last time's order with those few replaced: the same
    list sorting would give, without sorting 10,000 articles per edit."""
    ordered = None
    if memo is not None and len(memo.inputs) == len(analysed):
        changed = replaced_at(memo.inputs, analysed)
        if len(changed) <= MAX_REPLACED_ARTICLES and all(
                _article_order(memo.inputs[index]) == _article_order(analysed[index]) for index in changed):
            ordered = list(memo.ordered)
            for index in changed:
                ordered[list(map(operator.is_, ordered, repeat(memo.inputs[index]))).index(True)] = analysed[index]
    if ordered is None:
        ordered = sorted(analysed, key=_article_order)
    if memo is not None:
        memo.inputs, memo.ordered = list(analysed), ordered
    return ordered


def _article_order(item: AnalysedArticle) -> tuple:
    """Newest first, undated last; title and slug break ties so the order is total."""
    year, month, day = article_date_key(item)
    return (-year, -month, -day, item.article.title, item.article.slug)
