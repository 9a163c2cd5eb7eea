"""Slugs: readable, ASCII, unique across the site, and safe as a folder name.

An ASCII slugify of a Chinese title is empty, and equal titles collide
(mkdocs-material #5997, Zola #2338). Here a title becomes toneless pinyin, one
syllable per word (`ai-fu-neng-zhi-neng-zhi-zao`), Latin words kept; an empty
result falls back to a hash of where the article starts in its source, and a
collision is resolved by a hash of the same, so a slug never depends on the
order the build happened to see the articles in. Only `[a-z0-9-]` survives, so
no slug can hold `..`, `/` or anything else that could leave the output folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from sitegen.model import Article

MAX_CHARS = 60
HASH_CHARS = 6
_UNSAFE = re.compile(r"[^a-z0-9]+")


def slugify(title: str, max_chars: int = MAX_CHARS) -> str:
    """`AI赋能智能制造产业大会在深圳开幕` -> `ai-fu-neng-zhi-neng-zhi-zao-chan-ye-da-hui-zai-shen-zhen`.

    Cut at a `-` so no word is broken; may be empty (no letters or digits).
    """
    from pypinyin import lazy_pinyin  # imported here: ~0.1 s, only needed for slugs

    # `丨` is a radical by its code point but a separator in headlines (`计划报告丨许志锰`).
    title = unicodedata.normalize("NFKC", title).replace("丨", " ")
    words = lazy_pinyin(title, errors="default")
    ascii_words = (_ascii(word) for word in words)
    return _cut(_UNSAFE.sub("-", "-".join(ascii_words).lower()).strip("-"), max_chars)


def _cut(slug: str, max_chars: int) -> str:
    """At most `max_chars`, cut at a `-` when there is one to cut at."""
    if len(slug) <= max_chars:
        return slug
    cut = slug.rfind("-", 0, max_chars + 1)
    return slug[: cut if cut > 0 else max_chars].strip("-")


def _ascii(word: str) -> str:
    """Latin letters without accents (`café` -> `cafe`); anything else a separator."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch if ch.isascii() and ch.isalnum() else ("" if unicodedata.combining(ch) else " ")
                   for ch in decomposed)


def location_hash(path: str, line: int, chars: int = HASH_CHARS) -> str:
    """A short, stable hex digest of where an article starts."""
    return hashlib.blake2b(f"{path}:{line}".encode("utf-8"), digest_size=16).hexdigest()[:chars]


def base_slug(article: Article) -> str:
    """The slug an article would like: from its title, or `article-<hash>`."""
    ref = article.sources[0] if article.sources else None
    slug = slugify(article.title)
    if slug:
        return slug
    return "article-" + location_hash(ref.path if ref else "", ref.line if ref else 0)


def assign_slugs(articles: list[Article]) -> list[Article]:
    """Unique slugs for all articles, in the given order.

    Articles that want the same slug are ranked by their source location; the
    first keeps the plain slug, the others get `-<hash of path:line>`. The
    result does not depend on the order of `articles`.

    The slug an article wants is the one `normalise_source` gave it (pinyin
    is slow, ~0.3 ms a title, and there it runs per source, in parallel and
    cached); only an article without one has it worked out here.
    """
    wanted = [article.slug or base_slug(article) for article in articles]
    claims: dict[str, list[int]] = {}
    for index, slug in enumerate(wanted):
        claims.setdefault(slug, []).append(index)
    taken = set(claims)
    slugs = list(wanted)
    for slug, indices in claims.items():
        if len(indices) > 1:
            ranked = sorted(indices, key=lambda i: _location(articles[i]))
            for index in ranked[1:]:
                slugs[index] = _suffixed(slug, articles[index], taken)
    # An article keeps its object when its slug stands: a preview recognises it as unchanged.
    return [article if article.slug == slug else replace(article, slug=slug)
            for article, slug in zip(articles, slugs)]


def _location(article: Article) -> tuple[str, int]:
    ref = article.sources[0] if article.sources else None
    return (ref.path, ref.line) if ref else ("", 0)


def _suffixed(slug: str, article: Article, taken: set[str]) -> str:
    """`slug-<hash>`; the hash grows only in the unlikely case it is taken too.

    Only articles at the very same `path:line` (duplicates in all but name) can
    exhaust the hash; they are then told apart by a counter.
    """
    path, line = _location(article)
    for chars in range(HASH_CHARS, 33):
        candidate = f"{_cut(slug, MAX_CHARS - chars - 1)}-{location_hash(path, line, chars)}".lstrip("-")
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    taken.add(f"{candidate}-{number}")
    return f"{candidate}-{number}"
