"""The site model as the cache keeps it: without what only assembly and indexing read.

Rendering reads most of the model, but not each article's ranked sentences
(what region and topic summaries were picked from, in assembly) nor its term
counts (the search index's words). At 10,000 sources those are 155 MB of the
model's 550 (the term counts alone 124 MB), loaded by every warm build and
copied, page by page, by every rendering worker that touches an article's
facts. So the model is stored without them (`for_rendering`), and the term
counts in an entry of their own (`search_terms`), which a build reads only
when the search index cannot be taken from the cache and is made again.
"""

from __future__ import annotations

from dataclasses import replace

from sitegen.model import AnalysedArticle, Site

# Each article's term counts by slug, as `search_terms` gives them.
SearchTerms = dict[str, dict[str, int]]


def for_rendering(site: Site) -> Site:
    """A copy of `site` whose articles' facts hold no term counts and no ranked
    sentences; everything else is shared with `site`, not copied."""
    articles = {
        slug: AnalysedArticle(item.article, replace(item.facts, term_counts={}, ranked_sentences=[]))
        for slug, item in site.articles.items()
    }
    return replace(site, articles=articles)


def search_terms(site: Site) -> SearchTerms:
    """The term counts `for_rendering` leaves out, by article slug."""
    return {slug: item.facts.term_counts for slug, item in site.articles.items()}
