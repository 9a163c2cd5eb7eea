"""The model's dataclasses: what they do beyond holding values."""

from __future__ import annotations

import pickle
import sys

from sitegen.model import ArticleFacts, TopicScore


def test_unpickled_facts_share_one_string_per_term():
    """Each pickle is unpickled on its own, so without interning every article
    would hold its own copy of every term it shares with the others."""
    made = [ArticleFacts(term_counts={"算" + "力": 3, "人工" + "智能": 1}, topics=[TopicScore("ai", 0.5)])
            for _ in range(2)]
    loaded = [pickle.loads(pickle.dumps(facts)) for facts in made]
    assert loaded == made
    first, second = (list(facts.term_counts) for facts in loaded)
    assert all(a is b for a, b in zip(first, second))
    assert first[0] is sys.intern("算力")


def test_facts_pickled_together_store_each_shared_term_once():
    """As the cached model does: facts of separate cache entries, pickled together."""
    entries = [pickle.dumps(ArticleFacts(term_counts={"具身" + "智能": 2})) for _ in range(50)]
    again = pickle.dumps([pickle.loads(entry) for entry in entries])
    assert again.count("具身智能".encode("utf-8")) == 1
