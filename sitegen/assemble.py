"""Assemble the analysed articles into the site model: regions, topics, entities, timeline.

This is the one corpus-wide step after analysis. It is pure (no I/O, no clock): the
same analysed articles always give the same `Site`, with every list in a stable
order, because render writes exactly what it finds here and two builds of the same
input must be byte-identical. Every step is linear in the corpus (postings lists,
not all pairs), so it stays cheap at 10,000 articles.
"""

from __future__ import annotations

import bisect
import heapq
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat

from pypinyin import lazy_pinyin

from sitegen.analyse.summary import combine_summaries
from sitegen.model import (
    AnalysedArticle,
    Entity,
    EntityPage,
    Event,
    Figure,
    RegionPage,
    SentenceRef,
    Site,
    Source,
    TopicPage,
)
from sitegen.taxonomy import Taxonomy

# Character budget of the cross-article summary of a region or a topic page.
PAGE_SUMMARY_CHARS = 320
# How many of the best-scored sentences a region or topic summary is chosen from.
SUMMARY_CANDIDATES = 200
# More articles of a region replaced than this and a preview sums the region up again.
MAX_REPLACED_ARTICLES = 8
# How many related articles an article page links to at most.
RELATED_LIMIT = 5
# A topic, keyword or place shared by more articles than this relates each article
# only to the ones nearest to it in date, so relating stays linear in the corpus.
RELATED_WINDOW = 200
# How many keywords a topic page shows.
TOPIC_KEYWORDS = 12
# Levels so broad that sharing them says nothing about two articles being related.
BROAD_LEVELS = frozenset({"world", "continent", "country"})
# Weights of what two articles share when ranking related articles.
RELATED_WEIGHTS = {"topic": 3, "place": 2, "area": 1, "keyword": 1}


class AssembleMemo:
    """What a preview's last assembly worked out, for its next one.

    Relating articles and summing up each region took 4 s of a preview rebuild
    at 10,000 sources. After an edit, a region whose articles are the very
    objects of last time (the builder keeps unchanged ones) gets the same
    summary, figures, topics and people, a person or organisation named by the
    same articles the same page; and only articles sharing a feature
    (topic, place, keyword) that some article gained or lost can get other
    related articles, while the articles keep their order. The rest is taken
    from here; the result equals a fresh `assemble_site` (tested).
    """

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy.digest
        self.regions: dict[str, _RegionSums] = {}  # by region id
        self.slug_of: dict[str, str] = {}  # entity name -> slug, as the regions' people were found
        self.entities: dict[str, tuple[list[tuple[AnalysedArticle, Entity]], EntityPage]] = {}  # by name
        self.entity_slugs: dict[str, str] = {}  # by name, in the order of their pages
        self.named_items: list[AnalysedArticle] = []  # the articles those names were found in, in order
        self.order: list[str] = []  # article slugs in display order
        self.features: dict[str, list[tuple[str, str]]] = {}  # by slug
        self.items: dict[str, AnalysedArticle] = {}  # by slug, whose features those are
        self.related: dict[str, list[str]] = {}
        self.region_pages: dict[str, RegionPage] = {}  # by region id
        self.region_index: _RegionIndex | None = None  # which articles count towards each region
        self.indexed_items: list[AnalysedArticle] = []  # the articles of that index, in order
        self.timeline: list[Event] = []
        self.events_by_region: dict[str, list[Event]] = {}  # the timeline's events on each region page
        self.sources: dict[int, tuple[Source, Source]] = {}  # by id of the source read: it, and it without blocks
        self.events: dict[tuple, _MergedEvent] = {}  # the timeline, by what merges two reports


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
    ordered = sorted(analysed, key=_article_order)
    entities = _entity_pages(ordered, memo)
    timeline = merge_events(
        (event for item in ordered for event in item.facts.events), memo.events if memo is not None else None,
    )
    return Site(
        title=title,
        articles={item.article.slug: item for item in ordered},
        regions=_region_pages(ordered, timeline, taxonomy, entities, memo),
        topics=_topic_pages(ordered, taxonomy),
        entities=entities,
        timeline=timeline,
        sources=_without_blocks(sources, memo),
        related=_related(ordered, taxonomy) if memo is None else _related_again(ordered, taxonomy, memo),
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


# --------------------------------------------------------------------------- articles


def article_date_key(item: AnalysedArticle) -> tuple[int, int, int]:
    """When an article happened, for ordering: its publication date, else its first event."""
    if item.article.published is not None:
        return item.article.published.sort_key()
    dates = [event.when.sort_key() for event in item.facts.events if event.kind == "primary"]
    return min(dates) if dates else (0, 0, 0)


def _article_order(item: AnalysedArticle) -> tuple:
    """Newest first, undated last; title and slug break ties so the order is total."""
    year, month, day = article_date_key(item)
    return (-year, -month, -day, item.article.title, item.article.slug)


def _slugs(items: Iterable[AnalysedArticle]) -> list[str]:
    return [item.article.slug for item in items]


# --------------------------------------------------------------------------- shared pieces


def _summary(items: list[AnalysedArticle]) -> list[SentenceRef]:
    """The best sentences across the articles; analysis decides what is best and new.

    A budget of a few hundred characters is filled from the best-scored sentences,
    so only the SUMMARY_CANDIDATES best are handed on (in their given order): a
    country with 10,000 articles costs no more than a city with 30.
    """
    sentences = _candidates([s for item in items for s in item.facts.ranked_sentences])
    return combine_summaries(sentences, PAGE_SUMMARY_CHARS) if sentences else []


def _candidates(sentences: list[SentenceRef]) -> list[SentenceRef]:
    """The SUMMARY_CANDIDATES best-scored sentences (the earlier on a tie), in their order."""
    if len(sentences) <= SUMMARY_CANDIDATES:
        return sentences
    ranked = zip([-s.score for s in sentences], range(len(sentences)))  # best first, then in order
    best = heapq.nsmallest(SUMMARY_CANDIDATES, ranked)
    return [sentences[i] for i in sorted(i for _, i in best)]


@dataclass
class _RegionSums:
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
    figures: _FigureIndex
    topics: list[tuple[str, int]]
    names: list[tuple[str, int]]  # `name_counts` ranked
    entities: list[str]  # their slugs


def _region_sums(own: list[AnalysedArticle], slug_of: dict[str, str], topic_order: list[str]) -> _RegionSums:
    topic_counts = Counter(t.topic for item in own for t in item.facts.topics)
    name_counts = Counter(e.name for item in own for e in item.facts.entities if e.name in slug_of)
    sentences, chosen, weakest, summary = _summed_up(own)
    names = _ranked(name_counts, ())
    return _RegionSums(
        tuple(own), topic_counts, name_counts, sentences, frozenset(map(id, chosen)), weakest, summary,
        _FigureIndex.of(own), _ranked(topic_counts, topic_order), names, [slug_of[name] for name, _ in names],
    )


def _summed_up(
    own: list[AnalysedArticle],
) -> tuple[int, list[SentenceRef], tuple[float, int, int], list[SentenceRef]]:
    """The number of ranked sentences, the summary's candidates, where the weakest
    of them sorts (`_weakest`), and the summary."""
    sentences = [s for item in own for s in item.facts.ranked_sentences]
    chosen = _candidates(sentences)
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
    last: _RegionSums, own: list[AnalysedArticle], slug_of: dict[str, str], topic_order: list[str],
) -> _RegionSums | None:
    """`_region_sums(own)` from `last` when a few articles were replaced in place:
    their topics, names and figures counted out and in again, and the summary
    kept when none of their old sentences was a candidate and none of their new
    ones sorts before the weakest candidate. None when that is not the case."""
    if len(last.items) != len(own):
        return None
    changed = [index for index, (was, now) in enumerate(zip(last.items, own)) if was is not now]
    if not changed:
        return last
    if len(changed) > MAX_REPLACED_ARTICLES:
        return None
    old = [last.items[index] for index in changed]
    new = [own[index] for index in changed]
    old_sentences = [s for item in old for s in item.facts.ranked_sentences]
    new_sentences = [s for item in new for s in item.facts.ranked_sentences]
    sentences = last.sentences - len(old_sentences) + len(new_sentences)
    if (sentences <= SUMMARY_CANDIDATES or any(id(s) in last.chosen for s in old_sentences)
            or any((-s.score, index, place) < last.weakest
                   for index in changed for place, s in enumerate(own[index].facts.ranked_sentences))):
        sentences, chosen, weakest, summary = _summed_up(own)
        candidates = frozenset(map(id, chosen))
    else:
        candidates, weakest, summary = last.chosen, last.weakest, last.summary
    topic_counts, name_counts = last.topic_counts.copy(), last.name_counts.copy()
    topic_counts.subtract(t.topic for item in old for t in item.facts.topics)
    topic_counts.update(t.topic for item in new for t in item.facts.topics)
    old_names = [e.name for item in old for e in item.facts.entities if e.name in slug_of]
    new_names = [e.name for item in new for e in item.facts.entities if e.name in slug_of]
    name_counts.subtract(old_names)
    name_counts.update(new_names)
    names = _reranked(last.names, name_counts, {*old_names, *new_names})
    return _RegionSums(
        tuple(own), topic_counts, name_counts, sentences, candidates, weakest, summary,
        last.figures.replaced(own, changed, last.items), _ranked(topic_counts, topic_order), names,
        [slug_of[name] for name, _ in names],
    )


def _reranked(ranked: list[tuple[str, int]], counts: Counter[str], recounted: set[str]) -> list[tuple[str, int]]:
    """`_ranked(counts, ())` from the last ranking, where only `recounted` changed their counts."""
    kept = [pair for pair in ranked if pair[0] not in recounted]
    for name in recounted:
        if counts[name] > 0:
            bisect.insort(kept, (name, counts[name]), key=lambda pair: (-pair[1], pair[0]))
    return kept


def _figures(items: list[AnalysedArticle]) -> list[Figure]:
    """Figures of the articles in article order, each fact once.

    Two reports of one place that both state `10亿港元` describe the same money
    in other words, so a figure counts as the same fact by value and unit.
    """
    return _FigureIndex.of(items).figures


def _figure_key(figure: Figure) -> tuple[float, str]:
    return (figure.value, figure.unit)


@dataclass
class _FigureIndex:
    """`_figures` of some articles, with where each was found, so that a preview
    can replace a few articles without going through all the others' figures."""

    figures: list[Figure]
    places: list[tuple[int, int]]  # (article index, figure index) of each figure, ascending
    postings: dict[tuple[float, str], list[int]]  # the articles stating each fact, ascending

    @classmethod
    def of(cls, items: list[AnalysedArticle]) -> _FigureIndex:
        figures: list[Figure] = []
        places: list[tuple[int, int]] = []
        postings: dict[tuple[float, str], list[int]] = {}
        for index, item in enumerate(items):
            for place, figure in enumerate(item.facts.figures):
                stating = postings.get(_figure_key(figure))
                if stating is None:
                    postings[_figure_key(figure)] = [index]
                    figures.append(figure)
                    places.append((index, place))
                elif stating[-1] != index:
                    stating.append(index)
        return cls(figures, places, postings)

    def replaced(
        self, items: list[AnalysedArticle], changed: list[int], last: tuple[AnalysedArticle, ...],
    ) -> _FigureIndex:
        """The index of `items`: this one's articles (`last`) with those at `changed`
        replaced. Only the facts those state, before or after, are placed again."""
        postings = dict(self.postings)
        facts: set[tuple[float, str]] = set()
        for index in changed:
            stated = {_figure_key(f) for f in items[index].facts.figures}
            for key in {_figure_key(f) for f in last[index].facts.figures} | stated:
                facts.add(key)
                stating = [n for n in postings.get(key, []) if n != index]
                if key in stated:
                    bisect.insort(stating, index)
                if stating:
                    postings[key] = stating
                else:
                    postings.pop(key, None)
        figures, places = list(self.figures), list(self.places)
        gone = sorted((bisect.bisect_left(places, _first_place(last, self.postings[key][0], key))
                       for key in facts if key in self.postings), reverse=True)
        for position in gone:
            del figures[position], places[position]
        for key in facts & postings.keys():
            place = _first_place(items, postings[key][0], key)
            position = bisect.bisect_left(places, place)
            places.insert(position, place)
            figures.insert(position, items[place[0]].facts.figures[place[1]])
        return _FigureIndex(figures, places, postings)


def _first_place(items: Sequence[AnalysedArticle], index: int, key: tuple[float, str]) -> tuple[int, int]:
    """(article index, figure index) of the first figure stating `key` in article `index`."""
    return index, next(n for n, figure in enumerate(items[index].facts.figures) if _figure_key(figure) == key)


@dataclass
class _MergedEvent:
    """An event of the timeline, the first report it was merged from, and its place in date order."""

    first: Event
    event: Event
    order: tuple


def _event_order(event: Event) -> tuple:
    return (event.when.sort_key(), event.title, event.when.iso(), event.region or "", event.kind)


def merge_events(events: Iterable[Event], known: dict[tuple, _MergedEvent] | None = None) -> list[Event]:
    """Each event once, in date order (`DateSpan.sort_key`, then title).

    Several articles reporting the same thing on the same date in the same place
    become one event that cites all of them. With `known` (a preview's last
    merge, updated here), an event first reported the same way (usually by
    the very same object) and cited by the same articles is the same object as
    last time, so its entry on the timeline and on region pages, and the
    timeline's chart, are seen to be unchanged.
    """
    reported: dict[tuple, tuple[Event, list[str]]] = {}
    for event in events:
        key = (event.when.iso(), event.title, event.region or "", event.kind)
        found = reported.get(key)
        if found is None:
            reported[key] = (event, list(event.articles))
        else:
            found[1].extend(a for a in event.articles if a not in found[1])
    last = known if known is not None else {}
    merged: dict[tuple, _MergedEvent] = {}
    for key, (first, articles) in reported.items():
        before = last.get(key)
        if before is None or before.event.articles != articles or (before.first is not first and before.first != first):
            event = replace(first, articles=articles)
            before = _MergedEvent(first, event, _event_order(event))
        merged[key] = before
    if known is not None:
        known.clear()
        known.update(merged)
    return [entry.event for entry in sorted(merged.values(), key=lambda entry: entry.order)]


def _counted(values: Iterable[str], order: Iterable[str]) -> list[tuple[str, int]]:
    """(value, count), most frequent first; ties in the taxonomy's order, then by value."""
    return _ranked(Counter(values), order)


def _ranked(counts: Counter[str], order: Iterable[str]) -> list[tuple[str, int]]:
    """`_counted` of values already counted (values counted zero times left out)."""
    rank = {value: index for index, value in enumerate(order)}
    counted = [(value, count) for value, count in counts.items() if count > 0]
    return sorted(counted, key=lambda kv: (-kv[1], rank.get(kv[0], len(rank)), kv[0]))


# --------------------------------------------------------------------------- regions


def _with_ancestors(region_id: str, taxonomy: Taxonomy) -> list[str]:
    """The place itself and every place above it: all the pages it counts towards."""
    return [region_id, *taxonomy.ancestors(region_id)]


class _RegionIndex:
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
        changed = [index for index, (was, now) in enumerate(zip(last, items)) if was is not now]
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
        own = set(_slugs(self.happened.get(region_id, [])))
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


def _region_pages(
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
    if index is None or not index.replaced(memo.indexed_items, items, taxonomy):
        index = _RegionIndex(items, taxonomy)
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
    made: dict[str, _RegionSums] = {}
    pages: dict[str, RegionPage] = {}
    for region_id, region in taxonomy.regions.items():
        if region_id not in wanted:
            continue
        own = index.happened.get(region_id, [])
        last = known.get(region_id)
        sums = _updated_sums(last, own, slug_of, topic_order) if last is not None else None
        sums = made[region_id] = sums or _region_sums(own, slug_of, topic_order)
        page = RegionPage(
            region=region,
            articles=_slugs(own),
            mentioned_in=index.mentioned_only(region_id),
            children=children.get(region_id, []),
            summary=sums.summary,
            events=events.get(region_id, []),
            figures=sums.figures.figures,
            topics=sums.topics,
            entities=sums.entities,
        )
        before = memo.region_pages.get(region_id) if memo is not None else None
        pages[region_id] = before if before == page else page  # the same object: seen unchanged at a glance
    if memo is not None:
        memo.regions, memo.slug_of, memo.region_pages = made, slug_of, pages
        memo.region_index, memo.indexed_items = index, list(items)
        memo.timeline, memo.events_by_region = list(timeline), events
    return pages


# --------------------------------------------------------------------------- topics


def _keywords(items: list[AnalysedArticle]) -> list[str]:
    """Keywords shared by most of the articles; on ties, the better-ranked one first."""
    counts: Counter[str] = Counter()
    first_rank: dict[str, tuple[int, int]] = {}
    for index, item in enumerate(items):
        for rank, word in enumerate(item.facts.keywords):
            counts[word] += 1
            first_rank.setdefault(word, (rank, index))
    return sorted(counts, key=lambda w: (-counts[w], first_rank[w], w))[:TOPIC_KEYWORDS]


def _topic_pages(items: list[AnalysedArticle], taxonomy: Taxonomy) -> dict[str, TopicPage]:
    """A page for every topic at least one article is about, in the taxonomy's order."""
    by_topic: dict[str, list[AnalysedArticle]] = defaultdict(list)
    for item in items:
        for topic_id in dict.fromkeys(t.topic for t in item.facts.topics):
            by_topic[topic_id].append(item)
    pages: dict[str, TopicPage] = {}
    for topic_id, topic in taxonomy.topics.items():
        own = by_topic.get(topic_id)
        if not own:
            continue
        pages[topic_id] = TopicPage(
            topic=topic,
            articles=_slugs(own),
            summary=_summary(own),
            events=merge_events(event for item in own for event in item.facts.events),
            regions=_counted(
                (i.facts.primary_region for i in own if i.facts.primary_region in taxonomy.regions),
                taxonomy.regions,
            ),
            figures=_figures(own),
            keywords=_keywords(own),
        )
    return pages


# --------------------------------------------------------------------------- entities


@lru_cache(maxsize=1 << 16)
def ascii_slug(text: str, fallback: str) -> str:
    """Readable ASCII for a URL segment: pinyin for Chinese, `-` between words.

    Only `a-z`, `0-9` and `-` survive, so a slug can never be `..` or hold a `/`.
    Remembered: pinyin conversion (~0.1 ms a name) is most of assembling the
    entity pages, and the same names come back in every preview rebuild.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(text)).lower()).strip("-")
    return slug or fallback


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … whichever is free; records the one returned."""
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _entity_pages(items: list[AnalysedArticle], memo: AssembleMemo | None = None) -> dict[str, EntityPage]:
    """One page per name across all articles.

    Slugs are handed out in the order of the names' pinyin, so they depend only on
    the set of names, not on which article was read first. With a `memo`, a name
    named by the very articles of last time keeps its page object, and when the
    articles are those of last time in the same order but a few, only the names
    those few name (before or after) are looked up again.
    """
    named = _named_again(items, memo) if memo is not None else None
    if named is None:
        named = defaultdict(list)
        for item in items:
            for entity in item.facts.entities:
                named[entity.name].append((item, entity))
    known = memo.entities if memo is not None else {}
    if memo is not None and memo.entity_slugs.keys() == named.keys():
        slugs = memo.entity_slugs
    else:
        taken: set[str] = set()
        slugs = {name: unique_slug(base, taken) for base, name in sorted((ascii_slug(n, "entity"), n) for n in named)}
    pages: dict[str, EntityPage] = {}
    for name, slug in slugs.items():
        last = known.get(name)
        if last is not None and last[1].slug == slug and _same_mentions(last[0], named[name]):
            pages[slug] = last[1]
        else:
            pages[slug] = _entity_page(name, slug, named[name])
    if memo is not None:
        memo.entities = {page.entity.name: (named[page.entity.name], page) for page in pages.values()}
        memo.entity_slugs, memo.named_items = slugs, list(items)
    return pages


def _named_again(
    items: list[AnalysedArticle], memo: AssembleMemo,
) -> dict[str, list[tuple[AnalysedArticle, Entity]]] | None:
    """Each name's (article, mention) pairs, in article order, from the memo's:
    only the names that replaced articles name, before or after, are looked up
    again. None unless the articles are last time's, in the same order, but a few."""
    last = memo.named_items
    if len(last) != len(items):
        return None
    changed = [index for index, (was, now) in enumerate(zip(last, items)) if was is not now]
    if len(changed) > MAX_REPLACED_ARTICLES or any(  # moved, not replaced: its mentions would count twice
            last[index].article.slug != items[index].article.slug for index in changed):
        return None
    named = {name: mentions for name, (mentions, _) in memo.entities.items()}
    position = {id(item): index for index, item in enumerate(items)}
    for index in changed:
        old, new = last[index], items[index]
        for name in {e.name for e in old.facts.entities} | {e.name for e in new.facts.entities}:
            mentions = [(item, e) for item, e in named.get(name, []) if item is not old]
            mentions += [(new, e) for e in new.facts.entities if e.name == name]
            mentions.sort(key=lambda pair: position[id(pair[0])])
            if mentions:
                named[name] = mentions
            else:
                named.pop(name, None)
    return named


def _same_mentions(last: list[tuple[AnalysedArticle, Entity]], now: list[tuple[AnalysedArticle, Entity]]) -> bool:
    return last is now or len(last) == len(now) and all(a is c and b is d for (a, b), (c, d) in zip(last, now))


def _entity_page(name: str, slug: str, named: list[tuple[AnalysedArticle, Entity]]) -> EntityPage:
    """The page of one name, from each (article, mention of the name in it)."""
    titles: dict[str, None] = {}  # ordered sets
    organisations: dict[str, None] = {}
    mentions: dict[SentenceRef, None] = {}
    articles: dict[str, None] = {}
    for item, entity in named:
        titles.update(dict.fromkeys(entity.titles))
        organisations.update(dict.fromkeys(entity.organisations))
        mentions.update(dict.fromkeys(entity.mentions))
        articles[item.article.slug] = None
    entity = Entity(name, named[0][1].kind, list(titles), list(organisations), list(mentions))
    return EntityPage(entity=entity, slug=slug, articles=list(articles))


# --------------------------------------------------------------------------- related articles


def _features(item: AnalysedArticle, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """What an article may share with another: topics, its place, its area, keywords."""
    features = [("topic", t.topic) for t in item.facts.topics]
    primary = item.facts.primary_region
    if primary in taxonomy.regions:
        features.append(("place", primary))
        features.extend(
            ("area", r)
            for r in taxonomy.ancestors(primary)
            if taxonomy.regions[r].level not in BROAD_LEVELS
        )
    features.extend(("keyword", k) for k in item.facts.keywords)
    return list(dict.fromkeys(features))


def _window(members: list[int], index: int) -> list[int]:
    """The part of a postings list an article relates to: all of a short list, and the
    RELATED_WINDOW articles nearest in date of a long one (lists are in date order)."""
    if len(members) <= RELATED_WINDOW:
        return members
    position = bisect.bisect_left(members, index)
    low = min(max(position - RELATED_WINDOW // 2, 0), len(members) - RELATED_WINDOW)
    return members[low : low + RELATED_WINDOW]


def _related(
    items: list[AnalysedArticle], taxonomy: Taxonomy, features: list[list[tuple[str, str]]] | None = None,
    wanted: set[int] | None = None,
) -> dict[str, list[str]]:
    """Up to RELATED_LIMIT related articles each, by weighted shared features
    (of the articles `wanted`, by index, or all).

    Scores are summed over postings lists (articles per feature) instead of
    comparing all pairs; ties keep the display order.
    """
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    if features is None:
        features = [_features(item, taxonomy) for item in items]
    for index, item_features in enumerate(features):
        for feature in item_features:
            postings[feature].append(index)
    related: dict[str, list[str]] = {}
    for index, item in enumerate(items):
        if wanted is not None and index not in wanted:
            continue
        scores: Counter[int] = Counter()
        for feature in features[index]:
            scores.update(_window(postings[feature], index) * RELATED_WEIGHTS[feature[0]])
        del scores[index]
        best = sorted(scores, key=lambda other: (-scores[other], other))[:RELATED_LIMIT]
        related[item.article.slug] = [items[other].article.slug for other in best]
    return related


def _related_again(items: list[AnalysedArticle], taxonomy: Taxonomy, memo: AssembleMemo) -> dict[str, list[str]]:
    """`_related`, redone only for the articles whose scores can have changed:
    those whose features changed, and those that share a feature some article
    gained or lost. Articles in another order (one added, removed, or moved by
    its date) relate all again. An article that is the very object of last
    time keeps its features."""
    order = _slugs(items)
    features = [
        memo.features[slug] if memo.items.get(slug) is item else _features(item, taxonomy)
        for slug, item in zip(order, items)
    ]
    if order != memo.order:
        related = _related(items, taxonomy, features)
    else:
        changed: set[tuple[str, str]] = set()
        wanted: set[int] = set()
        for index, (slug, item_features) in enumerate(zip(order, features)):
            last = memo.features[slug]
            if last != item_features:
                changed.update(set(last).symmetric_difference(item_features))
                wanted.add(index)
        wanted.update(index for index, item_features in enumerate(features) if not changed.isdisjoint(item_features))
        related = {**memo.related, **_related(items, taxonomy, features, wanted)} if wanted else memo.related
    memo.order, memo.features, memo.related = order, dict(zip(order, features)), related
    memo.items = dict(zip(order, items))
    return related
