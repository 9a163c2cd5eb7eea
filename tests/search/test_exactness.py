"""Recall 100% and no false hits: the index agrees with a plain substring scan.

Small alphabets make pairs collide across documents, so candidate pages whose
pairs all occur but not side by side are common and must be rejected.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.search import SearchDocument, build_search_files
from sitegen.search.index import HOT_POSITION_BYTES
from sitegen.search.reference import StaticIndex
from sitegen.search.text import contains_phrase, normalise, phrases

ALPHABET = "智能制造算力區区数數ａAb1１2 ，、\n"
texts = st.text(alphabet=ALPHABET, max_size=30)


def scan(documents: list[SearchDocument], query: str) -> set[int]:
    """Pages whose normal form contains every phrase of the query, whole Latin words."""
    wanted = phrases(query)
    return {
        number
        for number, d in enumerate(documents)
        if wanted and all(contains_phrase(normalise(d.title + "\n" + d.text), p) for p in wanted)
    }


@st.composite
def corpus_and_queries(draw):
    bodies = draw(st.lists(texts, min_size=1, max_size=8))
    documents = [SearchDocument(url=f"p/{i}/", title=draw(texts), kind="article", text=b) for i, b in enumerate(bodies)]
    queries = draw(st.lists(texts, max_size=4))
    for _ in range(6):
        source = draw(st.sampled_from(documents)).text
        start = draw(st.integers(0, len(source)))
        queries.append(source[start : start + draw(st.integers(1, 6))])
    return documents, queries


@pytest.mark.parametrize("hot_bytes", [HOT_POSITION_BYTES, 1], ids=["positions", "n-grams"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=corpus_and_queries())
def test_results_equal_a_substring_scan(case, hot_bytes):
    """With hot_bytes=1 every pair is hot: 3/4-unit phrases use their own n-gram postings."""
    documents, queries = case
    files = build_search_files(documents, jobs=1, hot_bytes=hot_bytes)
    index = StaticIndex(files.__getitem__)
    for query in queries:
        expected = scan(documents, query)
        result = index.search(query)
        if result.replaced:
            assert expected == set()
        else:
            assert set(result.documents) == expected, query
