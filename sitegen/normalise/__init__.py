"""normalise: Source -> Articles (split, clean, metadata), then corpus-wide
near-duplicate merging and unique slugs.

`normalise_source` is pure and per source (cacheable, re-runnable for one
changed file); `merge_duplicates` and `assign_slugs` need the whole corpus.
"""

from __future__ import annotations

from sitegen.model import Article, Diagnostic, Source
from sitegen.normalise.articles import normalise_source
from sitegen.normalise.dedup import merge_duplicates
from sitegen.normalise.slug import assign_slugs

__all__ = ["assign_slugs", "merge_duplicates", "normalise_source", "normalise_sources"]


def normalise_sources(sources: list[Source]) -> tuple[list[Article], list[Diagnostic]]:
    """All articles of all sources, merged and slugged, in source-path then
    position order, with every warning found on the way."""
    articles: list[Article] = []
    diagnostics: list[Diagnostic] = []
    for source in sorted(sources, key=lambda s: s.path):
        found, problems = normalise_source(source)
        articles.extend(found)
        diagnostics.extend(problems)
    return assign_slugs(merge_duplicates(articles)), diagnostics
