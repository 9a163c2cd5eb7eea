"""The timeline: each event once, in date order, citing every article that reports it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sitegen.model import Event


@dataclass
class MergedEvent:
    """An event of the timeline, the first report it was merged from, and its place in date order."""

    first: Event
    event: Event
    order: tuple


def _event_order(event: Event) -> tuple:
    return (event.when.sort_key(), event.title, event.when.iso(), event.region or "", event.kind)


def merge_events(events: Iterable[Event], known: dict[tuple, MergedEvent] | None = None) -> list[Event]:
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
    merged: dict[tuple, MergedEvent] = {}
    for key, (first, articles) in reported.items():
        before = last.get(key)
        if before is None or before.event.articles != articles or (before.first is not first and before.first != first):
            event = replace(first, articles=articles)
            before = MergedEvent(first, event, _event_order(event))
        merged[key] = before
    if known is not None:
        known.clear()
        known.update(merged)
    return [entry.event for entry in sorted(merged.values(), key=lambda entry: entry.order)]
