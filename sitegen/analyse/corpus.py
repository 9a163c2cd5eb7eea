"""The corpus-level steps of analysis: IDF, keywords and topics.

They need every article's term counts, so they run after the per-article
analysis and read nothing but its results (`ArticleFacts.term_counts`): a build
that takes per-article facts from a cache, or from a process pool, runs these
steps unchanged and never needs jieba for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from sitegen.analyse.keywords import corpus_idf, keywords
from sitegen.analyse.topics import classify, make_matcher
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
    return [
        replace(f, keywords=keywords(f.term_counts, idf), topics=classify(f.term_counts, idf, matcher))
        for f in facts
    ]
