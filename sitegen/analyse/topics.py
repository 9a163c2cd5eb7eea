"""Topic classification: which topics of the taxonomy an article is really about.

Each topic is a list of keywords (data, `taxonomies/topics.toml`). An article's
score for a topic is the TF-IDF mass of its terms that match the topic's
keywords, per term of the article: a topic the article keeps returning to scores
high, one it names in passing scores low, and IDF from the corpus keeps a
keyword that every article uses from lifting every article into its topic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sitegen.analyse.keywords import CorpusIdf
from sitegen.model import TopicDef, TopicScore

# An article gets a topic when its score reaches MIN_SCORE and at least
# RELATIVE_SCORE of its best topic's score, from at least MIN_MENTIONS keyword
# occurrences (one passing mention never makes a topic), at most MAX_TOPICS.
MIN_SCORE = 0.15
RELATIVE_SCORE = 0.3
MIN_MENTIONS = 2
MAX_TOPICS = 5

_CJK = re.compile(r"[\u3400-\u9fff]")
_LONGEST_KEYWORD = 12


@dataclass(frozen=True)
class TopicMatcher:
    """Keyword -> topic ids, for matching terms against every topic at once.

    A Chinese keyword also matches a longer term that contains it (`人形机器人`
    for `机器人`), because jieba keeps dictionary compounds whole; a Latin
    keyword must equal the term (case-folded), or `AR` would match `SOLAR`,
    or its singular (`chips`, `subsidies`, `glasses` for `chip`, `subsidy`, `glass`).
    """

    keywords: Mapping[str, tuple[str, ...]]
    # Each term's topics, once found: matching tries every substring, and the
    # same vocabulary comes back for every article and every preview rebuild.
    known: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def topics_of(self, term: str) -> frozenset[str]:
        found = self.known.get(term)
        if found is None:
            found = self.known[term] = self._match(term)
        return found

    def matches(self, counts: Mapping[str, int]) -> list[tuple[str, int, frozenset[str]]]:
        """(term, count, topics) of each term of `counts` that matches a topic, in
        the order of `counts`. Most terms match none: the unseen ones are found
        with one set difference and the rest looked up without a call per term
        (4.7 million terms over 10,000 articles)."""
        known = self.known
        for term in set(counts).difference(known):  # set.difference walks `counts`, not all of `known`
            known[term] = self._match(term)
        found = known.__getitem__
        return [(term, count, topics) for term, count in counts.items() if (topics := found(term))]

    def _match(self, term: str) -> frozenset[str]:
        folded = term.casefold()
        found: set[str] = set(self.keywords.get(folded, ()))
        if not found and folded.isascii():
            for singular in _english_singulars(folded):
                found.update(self.keywords.get(singular, ()))
            for part in folded.split("-") if "-" in folded else ():  # `DeepSeek-R1` is about DeepSeek
                found.update(self.keywords.get(part, ()))
        if _CJK.search(folded):
            for start in range(len(folded)):
                for end in range(start + 2, min(len(folded), start + _LONGEST_KEYWORD) + 1):
                    piece = folded[start:end]
                    if piece != folded and _CJK.search(piece):
                        found.update(self.keywords.get(piece, ()))
        return frozenset(found)


def _english_singulars(word: str) -> list[str]:
    """What an English plural may be the plural of: `subsidies` -> subsidy,
    `glasses` -> glass, `chips` -> chip (a word of three letters or fewer, such
    as `GPS` or `bus`, is left as it is)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return []
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("es"):
        return [word[:-2], word[:-1]]
    return [word[:-1]]


def declared_topics(names: list[str], topics: Mapping[str, TopicDef]) -> list[str]:
    """The ids of the topics the source's metadata names (`topics: [算力与芯片]`,
    a tag or category that is a topic's name, id or English name)."""
    index = {key.casefold(): topic.id for topic in topics.values() for key in (topic.id, topic.name, topic.name_en) if key}
    found = [index[name.strip().casefold()] for name in names if name.strip().casefold() in index]
    return list(dict.fromkeys(found))


def with_declared(declared: list[str], classified: list[TopicScore]) -> list[TopicScore]:
    """The declared topics first (the source says so: the best score there is,
    or better), then the classified ones."""
    best = max((topic.score for topic in classified), default=0.0)
    first = [TopicScore(topic, max(best, 1.0)) for topic in declared]
    return [*first, *(topic for topic in classified if topic.topic not in declared)]


@lru_cache(maxsize=8)
def _matcher(topics: tuple[TopicDef, ...]) -> TopicMatcher:
    keywords: dict[str, list[str]] = {}
    for topic in topics:
        for keyword in topic.keywords:
            ids = keywords.setdefault(keyword.casefold(), [])
            if topic.id not in ids:
                ids.append(topic.id)
    return TopicMatcher({k: tuple(v) for k, v in keywords.items()})


def make_matcher(topics: Mapping[str, TopicDef]) -> TopicMatcher:
    """The matcher for a taxonomy's topics (cached: it is the same for every article)."""
    return _matcher(tuple(topics[key] for key in sorted(topics)))


def topic_scores(counts: Mapping[str, int], idf: CorpusIdf, matcher: TopicMatcher) -> dict[str, tuple[float, int]]:
    """Every topic the article touches: (score, keyword occurrences).

    The score is the sum over matching terms of a sublinear term frequency
    (1 + ln count: the tenth mention adds less than the second) times IDF
    divided by the corpus' largest IDF, over the square root of the article's
    term count: long articles touch more topics by chance, but a topic that runs
    through a long article is not diluted to nothing either.
    """
    total = sum(counts.values())
    if not total:
        return {}
    norm = math.sqrt(total) * idf.ceiling
    scores: dict[str, list[float]] = {}
    for term, count, topics in matcher.matches(counts):
        for topic in topics:
            entry = scores.setdefault(topic, [0.0, 0])
            entry[0] += (1 + math.log(count)) * idf(term) / norm
            entry[1] += count
    return {topic: (score, int(mentions)) for topic, (score, mentions) in scores.items()}


def classify(counts: Mapping[str, int], idf: CorpusIdf, matcher: TopicMatcher) -> list[TopicScore]:
    """The topics an article is about, best first, by the thresholds above.

    `matcher` is shared by every article of a corpus and remembers each term's
    topics (articles share most of their vocabulary).
    """
    scores = topic_scores(counts, idf, matcher)
    eligible = {t: s for t, (s, mentions) in scores.items() if mentions >= MIN_MENTIONS}
    if not eligible:
        return []
    best = max(eligible.values())
    chosen = [
        TopicScore(topic, round(score, 4))
        for topic, score in eligible.items()
        if score >= MIN_SCORE and score >= RELATIVE_SCORE * best
    ]
    chosen.sort(key=lambda t: (-t.score, t.topic))
    return chosen[:MAX_TOPICS]
