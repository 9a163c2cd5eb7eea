"""The timeline: each event once, in date order, citing every article that reports it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitegen.model import AnalysedArticle, Event

if TYPE_CHECKING:
    from sitegen.assemble.memo import AssembleMemo


@dataclass
class MergedEvent:
    """An event of the timeline, the first report it was merged from, and its place in date order."""

    first: Event
    event: Event
    order: tuple


def _event_order(event: Event) -> tuple:
    return (event.when.sort_key(), event.title, event.when.iso(), event.region or "", event.kind)


def _merge_key(event: Event) -> tuple:
    """What two reports of one event share: date, title, place and kind."""
    return (event.when.iso(), event.title, event.region or "", event.kind)


def _reported_topics(slugs: list[str], articles: dict[str, AnalysedArticle]) -> list[str]:
    """The topics of the articles reporting an event, once each, in their order."""
    return list(dict.fromkeys(t.topic for slug in slugs if slug in articles for t in articles[slug].facts.topics))


def merge_events(
    events: Iterable[Event], articles: dict[str, AnalysedArticle], memo: AssembleMemo | None = None,
) -> list[Event]:
    """Each event once, in date order (`DateSpan.sort_key`, then title).

    Several articles reporting the same thing on the same date in the same place
    become one event that cites all of them, with their topics (`articles`, by
    slug: the timeline is filtered by them). With a `memo` (a preview's last
    merge, updated here), an event first reported the same way (usually by
    the very same object) and cited by the same articles is the same object as
    last time, so its entry on the timeline and on region pages, and the
    timeline's chart, are seen to be unchanged; and a report seen last time
    has its merge key remembered by identity.
    """
    last_keys = memo.event_keys if memo is not None else {}
    keys: dict[int, tuple[Event, tuple]] = {}
    reported: dict[tuple, tuple[Event, list[str]]] = {}
    for event in events:
        # The memo holds each report it keys, so no other object can have its id.
        seen = last_keys.get(id(event))
        key = seen[1] if seen is not None else _merge_key(event)
        keys[id(event)] = (event, key)
        found = reported.get(key)
        if found is None:
            reported[key] = (event, list(event.articles))
        else:
            found[1].extend(a for a in event.articles if a not in found[1])
    last = memo.events if memo is not None else {}
    replaced = _replaced_articles(articles, memo)
    merged: dict[tuple, MergedEvent] = {}
    all_kept = len(reported) == len(last)
    for key, (first, slugs) in reported.items():
        before = last.get(key)
        if before is not None and before.first is first and replaced.isdisjoint(slugs) and before.event.articles == slugs:
            merged[key] = before  # reported by the same articles as last time, none of them changed
            continue
        topics = _reported_topics(slugs, articles)
        if (before is None or before.event.articles != slugs or before.event.topics != topics
                or (before.first is not first and before.first != first)):
            event = replace(first, articles=slugs, topics=topics)
            before = MergedEvent(first, event, _event_order(event))
            all_kept = False
        merged[key] = before
    # The same events as last time are in the same order (keys are distinct, so
    # the order is total): no need to sort 12,000 of them again.
    timeline = list(memo.merged) if memo is not None and all_kept else [
        entry.event for entry in sorted(merged.values(), key=lambda entry: entry.order)]
    if memo is not None:
        memo.events, memo.event_keys, memo.merged = merged, keys, timeline
        memo.event_articles = articles
    return timeline


def _replaced_articles(articles: dict[str, AnalysedArticle], memo: AssembleMemo | None) -> set[str]:
    """Slugs whose article is not the very object of the memo's last merge
    (all of them without a memo): only their events' topics can have changed."""
    if memo is None:
        return set(articles)
    last = memo.event_articles
    return {slug for slug, item in articles.items() if last.get(slug) is not item} | (last.keys() - articles.keys())
