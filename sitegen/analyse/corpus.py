"""The corpus-level steps of analysis: IDF, keywords and topics.

They need every article's term counts, so they run after the per-article
analysis and read nothing but its results (`ArticleFacts.term_counts`): a build
that takes per-article facts from a cache, or from a process pool, runs these
steps unchanged and never needs jieba for them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from sitegen.analyse.entities_en import ORG_ENDINGS
from sitegen.analyse.keywords import CorpusIdf, corpus_idf, keywords
from sitegen.analyse.topics import TopicMatcher, classify, make_matcher, with_declared
from sitegen.model import ArticleFacts
from sitegen.taxonomy import Taxonomy


def apply_corpus(
    facts: Sequence[ArticleFacts],
    taxonomy: Taxonomy,
    other_counts: Iterable[Mapping[str, int]] = (),
) -> list[ArticleFacts]:
    """Copies of `facts` with keywords and topics weighted by the corpus' IDF.

    `other_counts` are term counts of articles that belong to the corpus but
    need no new facts (the rest of the site when one source is inspected).
    """
    idf = corpus_idf([*(f.term_counts for f in facts), *other_counts])
    matcher = make_matcher(taxonomy.topics)
    return [_weighted(f, idf, matcher) for f in facts]


# More new or changed articles than this share of the corpus and the corpus
# steps are simply done again for all.
MAX_CHANGED_SHARE = 0.05


class CorpusSteps:
    """`apply_corpus` kept up to date from build to build (the preview server's
    builder holds one), for one taxonomy.

    After an edit, one article's term counts differ: the document frequencies
    of the terms it gained or lost change, and only the articles that contain
    one of those terms can get other keywords or topics. Those and the new
    articles are weighted again; every other article keeps its last result.

    Identity works both ways: the builder hands the very same per-article facts
    for an article that did not change, and gets back the very same weighted
    facts for an article whose keywords and topics came out as before, so
    later steps recognise it as unchanged.
    """

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy
        self._frequencies: Counter[str] = Counter()
        self._documents = 0
        self._weights: dict[str, float] = {}
        self._results: dict[int, tuple[ArticleFacts, ArticleFacts]] = {}  # id(facts) -> (facts, weighted)

    def apply(self, facts: Sequence[ArticleFacts]) -> list[ArticleFacts]:
        """`apply_corpus(facts, taxonomy)`."""
        new = {id(f): f for f in facts}
        added = [f for key, f in new.items() if key not in self._results]
        removed = [old for key, (old, _) in self._results.items() if key not in new]
        if len(new) != len(facts) or len(new) != self._documents or len(added) > MAX_CHANGED_SHARE * len(new):
            return self._again(facts)
        changed = self._count(added, removed)
        idf = CorpusIdf(self._documents, self._frequencies, self._weights)
        matcher = make_matcher(self._taxonomy.topics)
        results: dict[int, tuple[ArticleFacts, ArticleFacts]] = {}
        for key, f in new.items():
            known = self._results.get(key)
            if known is None or not f.term_counts.keys().isdisjoint(changed):
                weighted = _weighted(f, idf, matcher)
                if known is None or (weighted.keywords, weighted.topics) != (known[1].keywords, known[1].topics):
                    known = (f, weighted)
            results[key] = known
        self._results = results
        return [results[id(f)][1] for f in facts]

    def _again(self, facts: Sequence[ArticleFacts]) -> list[ArticleFacts]:
        idf = corpus_idf(f.term_counts for f in facts)
        self._frequencies = Counter(idf.frequencies)
        self._documents = idf.documents
        self._weights = dict(idf.weights)
        matcher = make_matcher(self._taxonomy.topics)
        weighted = [_weighted(f, idf, matcher) for f in facts]
        self._results = {id(f): (f, w) for f, w in zip(facts, weighted)}
        return weighted

    def _count(self, added: list[ArticleFacts], removed: list[ArticleFacts]) -> set[str]:
        """Update the document frequencies; the terms whose frequency changed."""
        delta: Counter[str] = Counter()
        for f in added:
            delta.update(f.term_counts.keys())
        for f in removed:
            delta.subtract(f.term_counts.keys())
        changed = {term for term, change in delta.items() if change}
        for term in changed:
            frequency = self._frequencies[term] + delta[term]
            if frequency > 0:
                self._frequencies[term] = frequency
                self._weights[term] = math.log((1 + self._documents) / (1 + frequency)) + 1.0
            else:
                del self._frequencies[term]
                self._weights.pop(term, None)
        return changed


def _weighted(f: ArticleFacts, idf: CorpusIdf, matcher: TopicMatcher) -> ArticleFacts:
    topics = with_declared(f.declared_topics, classify(f.term_counts, idf, matcher))
    return replace(f, keywords=keywords(_without_name_parts(f), idf), topics=topics)


def _without_name_parts(f: ArticleFacts) -> dict[str, int]:
    """The term counts without the single words of people's and places' Latin
    names and of people's titles, and the kind word ending an organisation's
    (`Centre` of `National Supercomputing Centre`, `Holdings` of `Tencent
    Holdings`): `Eddie` of `Eddie Wu`, `Deputy` of `Deputy Prime Minister` or
    `Arab` of `United Arab Emirates` says nothing as a keyword (a Chinese name
    or title is one term, whole). A transliterated name (`阿卜杜拉·加姆迪`) is no
    term either: jieba cuts it into pieces (`加姆`), none of which is a keyword."""
    names = [entity.name.split() for entity in f.entities if entity.kind == "person"]
    names += [title.split() for entity in f.entities if entity.kind == "person" for title in entity.titles]
    names += [place.name.split() for place in f.places]
    parts = {word.casefold() for words in names if len(words) > 1 for word in words}
    parts.update(word.casefold() for entity in f.entities if entity.kind == "org"
                 for word in entity.name.split()[1:] if word in ORG_ENDINGS)
    dotted = [entity.name for entity in f.entities if entity.kind == "person" and "·" in entity.name]
    if not parts and not dotted:
        return f.term_counts
    return {
        term: count for term, count in f.term_counts.items()
        if term.casefold() not in parts and not any(term in name for name in dotted)
    }
