"""One article's analysis (`analyse_article`), and a whole corpus's in one
process (`analyse_corpus`), as the package docstring describes."""

from __future__ import annotations

from collections.abc import Sequence

import jieba

from sitegen.analyse.corpus import apply_corpus
from sitegen.analyse.entities import extract_entities
from sitegen.analyse.events import extract_events
from sitegen.analyse.figures import extract_figures, rank_figures
from sitegen.analyse.keywords import content_tokens, dictionary_knows, term_counts
from sitegen.analyse.places import locate, place_events
from sitegen.analyse.summary import rank_sentences, summarise, top_sentences
from sitegen.analyse.tokens import TokenizedArticle, make_tokenizer, tokenize_article
from sitegen.analyse.topics import declared_topics
from sitegen.analyse.traditional import restore_quotes, simplified_view
from sitegen.model import AnalysedArticle, Article, ArticleFacts
from sitegen.taxonomy import Taxonomy


def publishers(article: Article) -> list[str]:
    """Names of whoever published the article or one of its merged copies."""
    return sorted({name for name in (article.publisher, *(s.publisher for s in article.sources)) if name})


def analyse_article(
    article: Article,
    tokens: TokenizedArticle,
    taxonomy: Taxonomy,
    tokenizer: jieba.Tokenizer,
    summary_chars: int = 160,
) -> ArticleFacts:
    """Everything that depends on this article alone; keywords and topics stay
    empty until `apply_corpus` has seen the whole corpus. An article in
    Traditional characters is analysed in its Simplified view (`traditional`)."""
    view = simplified_view(article)
    if view is not None:
        return restore_quotes(analyse_article(view, tokens, taxonomy, tokenizer, summary_chars), article, view)
    places = locate(article, tokens, taxonomy, tokenizer)
    ranked = rank_sentences(article, tokens, taxonomy.stopwords)
    return ArticleFacts(
        primary_region=places.primary_region,
        places=places.places,
        place_candidates=places.candidates,
        term_counts=term_counts(
            content_tokens(article, tokens), taxonomy.stopwords, dictionary_knows(tokenizer), publishers(article)
        ),
        declared_topics=declared_topics([*article.topics, *article.tags], taxonomy.topics),
        summary=summarise(ranked, summary_chars),
        ranked_sentences=top_sentences(ranked),
        figures=rank_figures(extract_figures(article), ranked),
        entities=extract_entities(article, tokens, taxonomy.organisations, [place.name for place in places.places]),
        events=place_events(extract_events(article, places.primary_region), article, places, taxonomy),
    )


def analyse_corpus(
    articles: Sequence[Article], taxonomy: Taxonomy, summary_chars: int = 160
) -> list[AnalysedArticle]:
    """Analyse every article (each tokenised once), then the corpus steps.

    The result is in the order of `articles`.
    """
    tokenizer = make_tokenizer(taxonomy)
    facts = [
        analyse_article(article, tokenize_article(article, tokenizer), taxonomy, tokenizer, summary_chars)
        for article in articles
    ]
    return [AnalysedArticle(a, f) for a, f in zip(articles, apply_corpus(facts, taxonomy))]
