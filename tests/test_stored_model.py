"""The site model as the cache keeps it for rendering."""

from __future__ import annotations

from sitegen.model import AnalysedArticle, Article, ArticleFacts, Paragraph, SentenceRef, Site
from sitegen.stored_model import for_rendering, search_terms


def a_site() -> Site:
    article = Article("a", "标题", [Paragraph("p1", "paragraph", "南京发布算力计划。", "s.md", 1)], [])
    sentence = SentenceRef("南京发布算力计划。", "a", "p1", 1.0)
    facts = ArticleFacts(term_counts={"南京": 1, "算力": 1}, keywords=["算力"], summary=[sentence],
                         ranked_sentences=[sentence])
    return Site("简报", {"a": AnalysedArticle(article, facts)})


def test_the_model_for_rendering_leaves_out_term_counts_and_ranked_sentences_only():
    site = a_site()
    lean = for_rendering(site)
    kept, full = lean.articles["a"], site.articles["a"]
    assert kept.facts.term_counts == {} and kept.facts.ranked_sentences == []
    assert kept.article is full.article and kept.facts.summary is full.facts.summary
    assert kept.facts.keywords is full.facts.keywords and lean.title == site.title
    assert full.facts.term_counts == {"南京": 1, "算力": 1} and full.facts.ranked_sentences  # the model made is untouched


def test_the_term_counts_left_out_are_kept_by_article_slug():
    assert search_terms(a_site()) == {"a": {"南京": 1, "算力": 1}}
