"""Related articles: the few each article shares the most with, by postings lists."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sitegen.assemble.shared import slugs_of
from sitegen.model import AnalysedArticle
from sitegen.taxonomy import Taxonomy

if TYPE_CHECKING:
    from sitegen.assemble.memo import AssembleMemo

# How many related articles an article page links to at most.
RELATED_LIMIT = 5
# A topic, keyword or place shared by more articles than this relates each article
# only to the ones nearest to it in date, so relating stays linear in the corpus.
RELATED_WINDOW = 200
# Levels so broad that sharing them says nothing about two articles being related.
BROAD_LEVELS = frozenset({"world", "continent", "country"})
# Weights of what two articles share when ranking related articles.
RELATED_WEIGHTS = {"topic": 3, "place": 2, "area": 1, "keyword": 1}


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


Postings = dict[tuple[str, str], list[int]]  # feature -> indices of the articles with it, ascending


def _postings(features: list[list[tuple[str, str]]]) -> Postings:
    postings: Postings = defaultdict(list)
    for index, item_features in enumerate(features):
        for feature in item_features:
            postings[feature].append(index)
    return dict(postings)


def related_articles(
    items: list[AnalysedArticle], taxonomy: Taxonomy, features: list[list[tuple[str, str]]] | None = None,
) -> dict[str, list[str]]:
    """Up to RELATED_LIMIT related articles each, by weighted shared features.

    Scores are summed over postings lists (articles per feature) instead of
    comparing all pairs; ties keep the display order.
    """
    if features is None:
        features = [_features(item, taxonomy) for item in items]
    return _related(items, features, _postings(features), range(len(items)))


def _related(
    items: list[AnalysedArticle], features: list[list[tuple[str, str]]], postings: Postings, wanted: Iterable[int],
) -> dict[str, list[str]]:
    """`related_articles` of the articles `wanted`, by index."""
    related: dict[str, list[str]] = {}
    for index in wanted:
        scores: Counter[int] = Counter()
        for feature in features[index]:
            scores.update(_window(postings[feature], index) * RELATED_WEIGHTS[feature[0]])
        del scores[index]
        best = sorted(scores, key=lambda other: (-scores[other], other))[:RELATED_LIMIT]
        related[items[index].article.slug] = [items[other].article.slug for other in best]
    return related


def related_again(items: list[AnalysedArticle], taxonomy: Taxonomy, memo: AssembleMemo) -> dict[str, list[str]]:
    """`related_articles`, redone only for the articles whose scores can have changed:
    those whose features changed, and those that share a feature some article
    gained or lost. Articles in another order (one added, removed, or moved by
    its date) relate all again. An article that is the very object of last
    time keeps its features, and the postings lists of last time are brought up
    to date for the changed ones (making them all again was a sixth of an edit
    at 10,000 sources)."""
    order = slugs_of(items)
    features = [
        memo.features[slug] if memo.items.get(slug) is item else _features(item, taxonomy)
        for slug, item in zip(order, items)
    ]
    if order != memo.order:
        postings = _postings(features)
        related = _related(items, features, postings, range(len(items)))
    else:
        postings = dict(memo.postings)  # the memo's lists are left as they were until this succeeds
        changed: set[tuple[str, str]] = set()
        wanted: set[int] = set()
        for index, (slug, item_features) in enumerate(zip(order, features)):
            last = memo.features[slug]
            if last != item_features:
                _move(postings, index, last, item_features)
                changed.update(set(last).symmetric_difference(item_features))
                wanted.add(index)
        wanted.update(index for index, item_features in enumerate(features) if not changed.isdisjoint(item_features))
        related = {**memo.related, **_related(items, features, postings, sorted(wanted))} if wanted else memo.related
    memo.order, memo.features, memo.related, memo.postings = order, dict(zip(order, features)), related, postings
    memo.items = dict(zip(order, items))
    return related


def _move(postings: Postings, index: int, last: list[tuple[str, str]], now: list[tuple[str, str]]) -> None:
    """Article `index` taken out of the lists of the features it lost and put into
    those it gained; each list changed is a new one, so the ones `postings` was
    copied from stay as they were."""
    kept = set(now)
    for feature in set(last) - kept:
        members = [member for member in postings[feature] if member != index]
        if members:
            postings[feature] = members
        else:
            del postings[feature]
    for feature in kept - set(last):
        members = list(postings.get(feature, ()))
        bisect.insort(members, index)
        postings[feature] = members
