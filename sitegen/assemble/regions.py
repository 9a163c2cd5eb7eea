"""Region pages: what happened in each place and every place above it."""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

from sitegen.analyse.summary import combine_summaries
from sitegen.assemble import shared
from sitegen.assemble.shared import (
    MAX_REPLACED_ARTICLES,
    PAGE_SUMMARY_CHARS,
    FigureIndex,
    candidates,
    ranked,
    reranked,
    replaced_at,
    slugs_of,
)
from sitegen.model import AnalysedArticle, EntityPage, Event, RegionPage, SentenceRef
from sitegen.taxonomy import Taxonomy

if TYPE_CHECKING:
    from sitegen.assemble.memo import AssembleMemo


@dataclass
class RegionSums:
    """What a region page sums up from its articles, with the counts and the
    candidate sentences it came from, so that a preview can bring it up to
    date when a few of the articles changed (`_updated_sums`)."""

    items: tuple[AnalysedArticle, ...]
    topic_counts: Counter[str]
    name_counts: Counter[str]  # people and organisations with pages
    sentences: int  # ranked sentences of all the articles
    chosen: frozenset[int]  # ids of the candidate sentences (all of them, up to SUMMARY_CANDIDATES)
    weakest: tuple[float, int, int]  # the last chosen (`_weakest`): a sentence sorting after it is not chosen
    summary: list[SentenceRef]
    figures: FigureIndex
    topics: list[tuple[str, int]]
    names: list[tuple[str, int]]  # `name_counts` ranked
    entities: list[str]  # their slugs


def _region_sums(own: list[AnalysedArticle], slug_of: dict[str, str], topic_order: list[str]) -> RegionSums:
    topic_counts = Counter(t.topic for item in own for t in item.facts.topics)
    name_counts = Counter(e.name for item in own for e in item.facts.entities if e.name in slug_of)
    sentences, chosen, weakest, summary = _summed_up(own)
    names = ranked(name_counts, ())
    return RegionSums(
        tuple(own), topic_counts, name_counts, sentences, frozenset(map(id, chosen)), weakest, summary,
        FigureIndex.of(own), ranked(topic_counts, topic_order), names, [slug_of[name] for name, _ in names],
    )


def _summed_up(
    own: list[AnalysedArticle],
) -> tuple[int, list[SentenceRef], tuple[float, int, int], list[SentenceRef]]:
    """The number of ranked sentences, the summary's candidates, where the weakest
    of them sorts (`_weakest`), and the summary."""
    sentences = [s for item in own for s in item.facts.ranked_sentences]
    chosen = candidates(sentences)
    summary = combine_summaries(chosen, PAGE_SUMMARY_CHARS) if chosen else []
    return len(sentences), chosen, _weakest(chosen, own), summary


def _weakest(chosen: list[SentenceRef], own: list[AnalysedArticle]) -> tuple[float, int, int]:
    """Where the last of the candidates sorts, as (-score, article index,
    sentence index): candidates are the best-scored sentences, the earlier on a
    tie, and each article's best scores 1.0, so in a region of thousands of
    articles they are the best sentences of its first few hundred. An article
    replaced further down can then change its sentences without changing them."""
    unknown = (float("inf"), 0, 0)  # every sentence sorts before it: any change sums up again
    if not chosen:
        return unknown
    floor = min(s.score for s in chosen)
    weakest = next(s for s in reversed(chosen) if s.score == floor)
    for index, item in enumerate(own):
        for place, sentence in enumerate(item.facts.ranked_sentences):
            if sentence is weakest:
                return (-floor, index, place)
    return unknown


def _updated_sums(
    last: RegionSums, own: list[AnalysedArticle], slug_of: dict[str, str], topic_order: list[str],
) -> RegionSums | None:
    """`_region_sums(own)` from `last` when a few articles were replaced in place:
    their topics, names and figures counted out and in again, and the summary
    kept when none of their old sentences was a candidate and none of their new
    ones sorts before the weakest candidate. None when that is not the case."""
    if len(last.items) != len(own):
        return None
    changed = replaced_at(last.items, own)
    if not changed:
        return last
    if len(changed) > MAX_REPLACED_ARTICLES:
        return None
    old = [last.items[index] for index in changed]
    new = [own[index] for index in changed]
    old_sentences = [s for item in old for s in item.facts.ranked_sentences]
    new_sentences = [s for item in new for s in item.facts.ranked_sentences]
    sentences = last.sentences - len(old_sentences) + len(new_sentences)
    if (sentences <= shared.SUMMARY_CANDIDATES or any(id(s) in last.chosen for s in old_sentences)
            or any((-s.score, index, place) < last.weakest
                   for index in changed for place, s in enumerate(own[index].facts.ranked_sentences))):
        sentences, chosen, weakest, summary = _summed_up(own)
        chosen_ids = frozenset(map(id, chosen))
    else:
        chosen_ids, weakest, summary = last.chosen, last.weakest, last.summary
    topic_counts, name_counts = last.topic_counts.copy(), last.name_counts.copy()
    topic_counts.subtract(t.topic for item in old for t in item.facts.topics)
    topic_counts.update(t.topic for item in new for t in item.facts.topics)
    old_names = [e.name for item in old for e in item.facts.entities if e.name in slug_of]
    new_names = [e.name for item in new for e in item.facts.entities if e.name in slug_of]
    name_counts.subtract(old_names)
    name_counts.update(new_names)
    names = reranked(last.names, name_counts, {*old_names, *new_names})
    return RegionSums(
        tuple(own), topic_counts, name_counts, sentences, chosen_ids, weakest, summary,
        last.figures.replaced(own, changed, last.items), ranked(topic_counts, topic_order), names,
        [slug_of[name] for name, _ in names],
    )


def _with_ancestors(region_id: str, taxonomy: Taxonomy) -> list[str]:
    """The place itself and every place above it: all the pages it counts towards."""
    return [region_id, *taxonomy.ancestors(region_id)]


class RegionIndex:
    """Which articles happened in (or below) each place and which only mention it."""

    def __init__(self, items: list[AnalysedArticle], taxonomy: Taxonomy) -> None:
        self.happened: dict[str, list[AnalysedArticle]] = defaultdict(list)
        self.mentioned: dict[str, dict[str, None]] = defaultdict(dict)  # ordered set of slugs
        chains: dict[str, list[str]] = {}  # a place and the places above it, worked out once per place

        def chain(place: str) -> list[str]:
            if place not in chains:
                chains[place] = _with_ancestors(place, taxonomy)
            return chains[place]

        for item in items:
            primary = item.facts.primary_region
            if primary in taxonomy.regions:
                for region_id in chain(primary):
                    self.happened[region_id].append(item)
            for mention in item.facts.places:
                if mention.region in taxonomy.regions:
                    for region_id in chain(mention.region):
                        self.mentioned[region_id][item.article.slug] = None

    def replaced(self, last: list[AnalysedArticle], items: list[AnalysedArticle], taxonomy: Taxonomy) -> bool:
        """Update the index of `last` to `items`, in place, when a few articles were
        replaced by versions with the same slug and places; False (and nothing
        changed) when that is not what happened."""
        if len(last) != len(items):
            return False
        changed = replaced_at(last, items)
        if len(changed) > MAX_REPLACED_ARTICLES or not all(
                _same_places(last[index], items[index], taxonomy) for index in changed):
            return False
        for index in changed:
            old, new = last[index], items[index]
            if old.facts.primary_region in taxonomy.regions:
                for region_id in _with_ancestors(old.facts.primary_region, taxonomy):
                    listed = self.happened[region_id]
                    listed[list(map(operator.is_, listed, repeat(old))).index(True)] = new
        return True

    def mentioned_only(self, region_id: str) -> list[str]:
        own = set(slugs_of(self.happened.get(region_id, [])))
        return [slug for slug in self.mentioned.get(region_id, {}) if slug not in own]


def _same_places(old: AnalysedArticle, new: AnalysedArticle, taxonomy: Taxonomy) -> bool:
    """Whether two versions of an article count towards the same regions in the same way."""
    return (
        old.article.slug == new.article.slug and old.facts.primary_region == new.facts.primary_region
        and [m.region for m in old.facts.places if m.region in taxonomy.regions]
        == [m.region for m in new.facts.places if m.region in taxonomy.regions]
    )


def _events_by_region(timeline: list[Event], taxonomy: Taxonomy) -> dict[str, list[Event]]:
    """Each event on the page of its place and of every place above it, in date order."""
    by_region: dict[str, list[Event]] = defaultdict(list)
    for event in timeline:
        if event.region in taxonomy.regions:
            for region_id in _with_ancestors(event.region, taxonomy):
                by_region[region_id].append(event)
    return by_region


def region_pages(
    items: list[AnalysedArticle],
    timeline: list[Event],
    taxonomy: Taxonomy,
    entities: dict[str, EntityPage],
    memo: AssembleMemo | None = None,
) -> dict[str, RegionPage]:
    """A page for every place that has articles or events (with all places above it)
    and for every place an article mentions; in the gazetteer's order. With a
    `memo`, a region whose articles are those of last time keeps what was worked
    out from them."""
    index = memo.region_index if memo is not None else None
    patched = index is not None and index.replaced(memo.indexed_items, items, taxonomy)
    if not patched:
        index = RegionIndex(items, taxonomy)
    same_timeline = memo is not None and len(memo.timeline) == len(timeline) and all(
        map(operator.is_, memo.timeline, timeline))
    events = memo.events_by_region if same_timeline else _events_by_region(timeline, taxonomy)
    wanted = set(index.happened) | set(index.mentioned) | set(events)
    slug_of = {page.entity.name: slug for slug, page in entities.items()}
    topic_order = list(taxonomy.topics)
    children: dict[str, list[str]] = defaultdict(list)
    for region_id, region in taxonomy.regions.items():
        if region_id in wanted and region.parent is not None:
            children[region.parent].append(region_id)
    known = memo.regions if memo is not None and memo.slug_of == slug_of else {}
    made: dict[str, RegionSums] = {}
    pages: dict[str, RegionPage] = {}
    for region_id, region in taxonomy.regions.items():
        if region_id not in wanted:
            continue
        own = index.happened.get(region_id, [])
        last = known.get(region_id)
        sums = _updated_sums(last, own, slug_of, topic_order) if last is not None else None
        sums = made[region_id] = sums or _region_sums(own, slug_of, topic_order)
        before = memo.region_pages.get(region_id) if memo is not None else None
        listed = patched and before is not None  # the index lists the articles of last time, by the same slugs
        page = RegionPage(
            region=region,
            articles=before.articles if listed else slugs_of(own),
            mentioned_in=before.mentioned_in if listed else index.mentioned_only(region_id),
            children=children.get(region_id, []),
            summary=sums.summary,
            events=events.get(region_id, []),
            figures=sums.figures.figures,
            topics=sums.topics,
            entities=sums.entities,
        )
        pages[region_id] = before if before == page else page  # the same object: seen unchanged at a glance
    if memo is not None:
        memo.regions, memo.slug_of, memo.region_pages = made, slug_of, pages
        memo.region_index, memo.indexed_items = index, list(items)
        memo.timeline, memo.events_by_region = list(timeline), events
    return pages
