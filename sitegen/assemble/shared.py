"""Pieces several pages are summed up with: article slugs, a summary across
articles, their figures each fact once, counts ranked."""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import is_not

from sitegen.analyse.summary import combine_summaries
from sitegen.model import AnalysedArticle, Figure, SentenceRef

# Character budget of the cross-article summary of a region or a topic page.
PAGE_SUMMARY_CHARS = 320
# How many of the best-scored sentences a region or topic summary is chosen from.
SUMMARY_CANDIDATES = 200
# More articles replaced than this and a preview works a page out again whole.
MAX_REPLACED_ARTICLES = 8


def replaced_at(last: Sequence[AnalysedArticle], items: Sequence[AnalysedArticle]) -> list[int]:
    """The indices where `items` (as long as `last`) hold other objects than `last`:
    a preview keeps unchanged articles as the very objects of its last build.
    Found in C: this runs over every article several times a rebuild."""
    return list(compress(range(len(items)), map(is_not, last, items)))


def slugs_of(items: Iterable[AnalysedArticle]) -> list[str]:
    return [item.article.slug for item in items]


def page_summary(items: list[AnalysedArticle]) -> list[SentenceRef]:
    """The best sentences across the articles; analysis decides what is best and new.

    A budget of a few hundred characters is filled from the best-scored sentences,
    so only the SUMMARY_CANDIDATES best are handed on (in their given order): a
    country with 10,000 articles costs no more than a city with 30.
    """
    sentences = candidates([s for item in items for s in item.facts.ranked_sentences])
    return combine_summaries(sentences, PAGE_SUMMARY_CHARS) if sentences else []


def candidates(sentences: list[SentenceRef]) -> list[SentenceRef]:
    """The SUMMARY_CANDIDATES best-scored sentences (the earlier on a tie), in their order."""
    if len(sentences) <= SUMMARY_CANDIDATES:
        return sentences
    ranked = zip([-s.score for s in sentences], range(len(sentences)))  # best first, then in order
    best = heapq.nsmallest(SUMMARY_CANDIDATES, ranked)
    return [sentences[i] for i in sorted(i for _, i in best)]


def figures_of(items: list[AnalysedArticle]) -> list[Figure]:
    """Figures of the articles in article order, each fact once.

    Two reports of one place that both state `10亿港元` describe the same money
    in other words, so a figure counts as the same fact by value and unit.
    """
    return FigureIndex.of(items).figures


def _figure_key(figure: Figure) -> tuple[float, str]:
    return (figure.value, figure.unit)


@dataclass
class FigureIndex:
    """`figures_of` of some articles, with where each was found, so that a preview
    can replace a few articles without going through all the others' figures."""

    figures: list[Figure]
    places: list[tuple[int, int]]  # (article index, figure index) of each figure, ascending
    postings: dict[tuple[float, str], list[int]]  # the articles stating each fact, ascending

    @classmethod
    def of(cls, items: list[AnalysedArticle]) -> FigureIndex:
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
    ) -> FigureIndex:
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
        return FigureIndex(figures, places, postings)


def _first_place(items: Sequence[AnalysedArticle], index: int, key: tuple[float, str]) -> tuple[int, int]:
    """(article index, figure index) of the first figure stating `key` in article `index`."""
    return index, next(n for n, figure in enumerate(items[index].facts.figures) if _figure_key(figure) == key)


def counted(values: Iterable[str], order: Iterable[str]) -> list[tuple[str, int]]:
    """(value, count), most frequent first; ties in the taxonomy's order, then by value."""
    return ranked(Counter(values), order)


def ranked(counts: Counter[str], order: Iterable[str]) -> list[tuple[str, int]]:
    """`counted` of values already counted (values counted zero times left out)."""
    rank = {value: index for index, value in enumerate(order)}
    counted = [(value, count) for value, count in counts.items() if count > 0]
    return sorted(counted, key=lambda kv: (-kv[1], rank.get(kv[0], len(rank)), kv[0]))


def reranked(ranked: list[tuple[str, int]], counts: Counter[str], recounted: set[str]) -> list[tuple[str, int]]:
    """`ranked(counts, ())` from the last ranking, where only `recounted` changed their counts."""
    kept = [pair for pair in ranked if pair[0] not in recounted]
    for name in recounted:
        if counts[name] > 0:
            bisect.insort(kept, (name, counts[name]), key=lambda pair: (-pair[1], pair[0]))
    return kept
