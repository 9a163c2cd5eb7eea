"""The timeline: each event once, in date order, citing every article that reports it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import chain
from typing import TYPE_CHECKING

from sitegen.assemble.shared import MAX_REPLACED_ARTICLES, replaced_at
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


def merge_events(events: Iterable[Event], articles: dict[str, AnalysedArticle]) -> list[Event]:
    """Each event once, in date order (`DateSpan.sort_key`, then title).

    Several articles reporting the same thing on the same date in the same place
    become one event that cites all of them, with their topics (`articles`, by
    slug: the timeline is filtered by them).
    """
    merged = [_merged(reports, articles) for reports in _reports_by_key(events).values()]
    return sorted(merged, key=_event_order)


def _reports_by_key(events: Iterable[Event]) -> dict[tuple, list[Event]]:
    reports: dict[tuple, list[Event]] = {}
    for event in events:
        reports.setdefault(_merge_key(event), []).append(event)
    return reports


def _cited(reports: list[Event]) -> list[str]:
    """The articles the reports cite, once each, in their order."""
    return list(dict.fromkeys(chain.from_iterable(report.articles for report in reports)))


def _merged(reports: list[Event], articles: dict[str, AnalysedArticle]) -> Event:
    slugs = _cited(reports)
    return replace(reports[0], articles=slugs, topics=_reported_topics(slugs, articles))


def site_timeline(items: list[AnalysedArticle], memo: AssembleMemo | None = None) -> list[Event]:
    """`merge_events` of every article's events, in the articles' order.

    With a `memo` (a preview's last timeline, updated here), an event first
    reported the same way (usually by the very same object) and cited by the
    same articles is the same object as last time, so its entry on the
    timeline and on region pages, and the timeline's chart, are seen to be
    unchanged. When the articles are last time's but a few replaced in place
    (an edit), only the events those few report or are cited by, before or
    after, are merged again: the others are 18,000 at 10,000 sources.
    """
    articles = {item.article.slug: item for item in items}
    if memo is None:
        return merge_events(chain.from_iterable(item.facts.events for item in items), articles)
    last = memo.event_items
    changed = replaced_at(last, items) if len(last) == len(items) else None
    if changed is not None and len(changed) <= MAX_REPLACED_ARTICLES and all(
            last[index].article.slug == items[index].article.slug for index in changed):
        touched = _reported_again(memo, items, changed)
        replaced = {items[index].article.slug for index in changed}
    else:
        touched = memo.reports = _indexed_reports(items)
        touched = {**dict.fromkeys(memo.events.keys() - touched.keys(), []), **touched}
        replaced = _replaced_articles(articles, memo)
    kept = _merge_again(memo, touched, replaced, articles)
    if not kept:
        memo.merged = [entry.event for entry in sorted(memo.events.values(), key=lambda entry: entry.order)]
    memo.event_items, memo.event_articles = list(items), articles
    return memo.merged


def _indexed_reports(items: list[AnalysedArticle]) -> dict[tuple, list[tuple[int, Event]]]:
    """Each merge key's reports with the index of the article reporting it, in article order."""
    reports: dict[tuple, list[tuple[int, Event]]] = {}
    for index, item in enumerate(items):
        for event in item.facts.events:
            reports.setdefault(_merge_key(event), []).append((index, event))
    return reports


def _reported_again(memo: AssembleMemo, items: list[AnalysedArticle], changed: list[int]) -> dict[tuple, list]:
    """The memo's reports with those of the articles at `changed` replaced by their
    replacements' (same slugs, same places); the keys whose merge may have
    changed, with their reports now ([] for a key no longer reported): those
    the replaced articles report before or after, and those citing them."""
    last, reports = memo.event_items, memo.reports
    at = set(changed)
    touched = {_merge_key(event) for index in changed for event in last[index].facts.events}
    for slug in {items[index].article.slug for index in changed}:
        touched.update(memo.citing.get(slug, ()))
    added = _indexed_reports([items[index] for index in changed])
    touched.update(added)
    found: dict[tuple, list] = {}
    for key in touched:
        kept = [(index, event) for index, event in reports.get(key, ()) if index not in at]
        fresh = [(changed[n], event) for n, event in added.get(key, ())]
        found[key] = sorted(kept + fresh, key=lambda pair: pair[0]) if fresh else kept
        if found[key]:
            reports[key] = found[key]
        else:
            reports.pop(key, None)
    return found


def _merge_again(
    memo: AssembleMemo, touched: dict[tuple, list[tuple[int, Event]]], replaced: set[str],
    articles: dict[str, AnalysedArticle],
) -> bool:
    """Merge each touched key's reports into the memo's events, keeping last
    time's entry when it comes out the same; whether all were kept."""
    kept = True
    for key, indexed in touched.items():
        before = memo.events.get(key)
        if before is not None:
            for slug in before.event.articles:
                memo.citing[slug].discard(key)  # every merged event's articles cite it (below)
        if not indexed:
            del memo.events[key]
            kept = False
            continue
        reports = [event for _, event in indexed]
        first, slugs = reports[0], _cited(reports)
        for slug in slugs:
            memo.citing.setdefault(slug, set()).add(key)
        if before is not None and before.first is first and replaced.isdisjoint(slugs) and before.event.articles == slugs:
            continue  # reported by the same articles as last time, none of them changed
        topics = _reported_topics(slugs, articles)
        if (before is None or before.event.articles != slugs or before.event.topics != topics
                or (before.first is not first and before.first != first)):
            event = replace(first, articles=slugs, topics=topics)
            memo.events[key] = MergedEvent(first, event, _event_order(event))
            kept = False
    return kept


def _replaced_articles(articles: dict[str, AnalysedArticle], memo: AssembleMemo | None) -> set[str]:
    """Slugs whose article is not the very object of the memo's last merge
    (all of them without a memo): only their events' topics can have changed."""
    if memo is None:
        return set(articles)
    last = memo.event_articles
    return {slug for slug, item in articles.items() if last.get(slug) is not item} | (last.keys() - articles.keys())
