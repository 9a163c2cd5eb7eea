"""Analyse: turn normalised articles into the facts a briefing needs.

Two layers, so a later build can cache and parallelise the expensive one:

- `analyse_article` is a pure function of one article (and the taxonomy): places,
  figures, events, people and organisations, term counts and the ranked
  sentences of its summary. It reads the article's single jieba tokenisation.
- `apply_corpus` needs all articles' term counts at once: corpus IDF, then
  TF-IDF keywords and topics.

The package's names are imported on first use: the main process of a build
needs only the corpus steps and the summaries' combining, and importing every
per-article step with them would put ~0.1 s more on a cold build's critical
path, while the workers analyse.
"""

from __future__ import annotations

import sitegen.analyse._jieba  # noqa: F401 - first: imports jieba without pkg_resources
from sitegen.lazy import lazy_names

_HOMES = {
    "analyse_article": "sitegen.analyse.article",
    "analyse_corpus": "sitegen.analyse.article",
    "apply_corpus": "sitegen.analyse.corpus",
    "publishers": "sitegen.analyse.article",
}

__all__ = sorted(_HOMES)

__getattr__ = lazy_names(__name__, _HOMES)
