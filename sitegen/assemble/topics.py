"""Topic pages: the articles about each topic, summed up."""

from __future__ import annotations

from collections import Counter, defaultdict

from sitegen.assemble.events import merge_events
from sitegen.assemble.shared import counted, figures_of, page_summary, slugs_of
from sitegen.model import AnalysedArticle, TopicPage
from sitegen.taxonomy import Taxonomy

# How many keywords a topic page shows.
TOPIC_KEYWORDS = 12


def _keywords(items: list[AnalysedArticle]) -> list[str]:
    """Keywords shared by most of the articles; on ties, the better-ranked one first."""
    counts: Counter[str] = Counter()
    first_rank: dict[str, tuple[int, int]] = {}
    for index, item in enumerate(items):
        for rank, word in enumerate(item.facts.keywords):
            counts[word] += 1
            first_rank.setdefault(word, (rank, index))
    return sorted(counts, key=lambda w: (-counts[w], first_rank[w], w))[:TOPIC_KEYWORDS]


def topic_pages(items: list[AnalysedArticle], taxonomy: Taxonomy) -> dict[str, TopicPage]:
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
            articles=slugs_of(own),
            summary=page_summary(own),
            events=merge_events((event for item in own for event in item.facts.events),
                                {item.article.slug: item for item in own}),
            regions=counted(
                (i.facts.primary_region for i in own if i.facts.primary_region in taxonomy.regions),
                taxonomy.regions,
            ),
            figures=figures_of(own),
            keywords=_keywords(own),
        )
    return pages
