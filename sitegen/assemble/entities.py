"""People and organisations: one page per name across all articles, with a readable slug."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from itertools import chain, compress
from operator import is_not, itemgetter
from typing import TYPE_CHECKING

from pypinyin import lazy_pinyin

from sitegen.assemble.shared import MAX_REPLACED_ARTICLES, replaced_at
from sitegen.model import AnalysedArticle, Entity, EntityPage

if TYPE_CHECKING:
    from sitegen.assemble.memo import AssembleMemo


@lru_cache(maxsize=1 << 16)
def ascii_slug(text: str, fallback: str) -> str:
    """Readable ASCII for a URL segment: pinyin for Chinese, `-` between words.

    Only `a-z`, `0-9` and `-` survive, so a slug can never be `..` or hold a `/`.
    Remembered: pinyin conversion (~0.1 ms a name) is most of assembling the
    entity pages, and the same names come back in every preview rebuild.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(text)).lower()).strip("-")
    return slug or fallback


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … whichever is free; records the one returned."""
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def entity_pages(items: list[AnalysedArticle], memo: AssembleMemo | None = None) -> dict[str, EntityPage]:
    """One page per name across all articles.

    Slugs are handed out in the order of the names' pinyin, so they depend only on
    the set of names, not on which article was read first. With a `memo`, a name
    named by the very articles of last time, or whose page comes out the same,
    keeps its page object; and when the articles are those of last time in the
    same order but a few, only the names those few name (before or after) are
    looked up again, and when those are all still named and none is new, only
    their pages are made again.
    """
    renamed = _named_again(items, memo) if memo is not None else None
    if renamed is not None and all(renamed.values()) and renamed.keys() <= memo.entities.keys():
        return _pages_renamed(items, renamed, memo)
    if renamed is not None:
        named = {name: mentions for name, (mentions, _) in memo.entities.items()}
        named.update(renamed)
        named = {name: mentions for name, mentions in named.items() if mentions}
    else:
        named = defaultdict(list)
        for item in items:
            for entity in item.facts.entities:
                named[entity.name].append((item, entity))
    known = memo.entities if memo is not None else {}
    if memo is not None and memo.entity_slugs.keys() == named.keys():
        slugs = memo.entity_slugs
    else:
        taken: set[str] = set()
        slugs = {name: unique_slug(base, taken) for base, name in sorted((ascii_slug(n, "entity"), n) for n in named)}
    pages: dict[str, EntityPage] = {}
    for name, slug in slugs.items():
        last = known.get(name)
        if last is not None and last[1].slug == slug and _same_mentions(last[0], named[name]):
            pages[slug] = last[1]
        else:
            pages[slug] = _page_again(name, slug, named[name], last[1] if last is not None else None)
    if memo is not None:
        memo.entities = {page.entity.name: (named[page.entity.name], page) for page in pages.values()}
        memo.entity_slugs, memo.named_items, memo.entity_pages = slugs, list(items), pages
    return pages


def _pages_renamed(
    items: list[AnalysedArticle], renamed: dict[str, list[tuple[AnalysedArticle, Entity]]], memo: AssembleMemo,
) -> dict[str, EntityPage]:
    """Last time's pages with those of the `renamed` names, all named before, made
    again: the names, and so the slugs, are those of last time."""
    pages = dict(memo.entity_pages)
    for name, mentions in renamed.items():
        last_mentions, last = memo.entities[name]
        page = last if _same_mentions(last_mentions, mentions) else _page_again(name, last.slug, mentions, last)
        pages[page.slug] = page
        memo.entities[name] = (mentions, page)
    memo.named_items, memo.entity_pages = list(items), pages
    return pages


def _page_again(
    name: str, slug: str, named: list[tuple[AnalysedArticle, Entity]], last: EntityPage | None,
) -> EntityPage:
    """The page of a name, as the `last` one when it comes out the same: an edited
    article still naming someone usually leaves their page as it was, and kept
    as the same object, the thousands of pages naming them are seen to be
    unchanged at a glance (`render.pages.ModelChanges`)."""
    page = _entity_page(name, slug, named)
    return last if last == page else page


def _named_again(
    items: list[AnalysedArticle], memo: AssembleMemo,
) -> dict[str, list[tuple[AnalysedArticle, Entity]]] | None:
    """The (article, mention) pairs, in article order, of each name that replaced
    articles name, before or after, from the memo's ([] for a name now named by
    none). None unless the articles are last time's, in the same order, but a few."""
    last = memo.named_items
    if len(last) != len(items):
        return None
    changed = replaced_at(last, items)
    if len(changed) > MAX_REPLACED_ARTICLES or any(  # moved, not replaced: its mentions would count twice
            last[index].article.slug != items[index].article.slug for index in changed):
        return None
    replacing = {id(last[index]): items[index] for index in changed}
    renamed: dict[str, list[tuple[AnalysedArticle, Entity]]] = {}
    for name in {e.name for index in changed for item in (last[index], items[index]) for e in item.facts.entities}:
        before = memo.entities[name][0] if name in memo.entities else []
        renamed[name] = _swapped_in_place(name, before, replacing) or _mentions_in_order(name, before, replacing, items)
    return renamed


def _swapped_in_place(
    name: str, before: list[tuple[AnalysedArticle, Entity]], replacing: dict[int, AnalysedArticle],
) -> list[tuple[AnalysedArticle, Entity]] | None:
    """A name's (article, mention) pairs with each replaced article (`replacing`:
    by the old one's id) swapped where it stands for its replacement, when the
    replacements name it exactly where the articles they replace did, once
    each (an edit usually leaves the names alone); else None. No sort of a
    much-named company's thousands of mentions."""
    mention_in: dict[int, Entity] = {}
    for item in replacing.values():
        for entity in item.facts.entities:
            if entity.name == name:
                if id(item) in mention_in:
                    return None
                mention_in[id(item)] = entity
    article_ids = list(map(id, map(itemgetter(0), before)))  # searched in C below
    mentions = list(before)
    for old, new in replacing.items():
        entity = mention_in.get(id(new))
        count = article_ids.count(old)
        if count != (entity is not None):
            return None
        if entity is not None:
            mentions[article_ids.index(old)] = (new, entity)
    return mentions


def _mentions_in_order(
    name: str, before: list[tuple[AnalysedArticle, Entity]], replacing: dict[int, AnalysedArticle],
    items: list[AnalysedArticle],
) -> list[tuple[AnalysedArticle, Entity]]:
    """A name's (article, mention) pairs without the replaced articles' and with
    their replacements', sorted into the order of `items`."""
    mentions = [(item, e) for item, e in before if id(item) not in replacing]
    mentions += [(item, e) for item in replacing.values() for e in item.facts.entities if e.name == name]
    position = {id(item): index for index, item in enumerate(items)}
    mentions.sort(key=lambda pair: position[id(pair[0])])
    return mentions


def _same_mentions(last: list[tuple[AnalysedArticle, Entity]], now: list[tuple[AnalysedArticle, Entity]]) -> bool:
    """Whether a name's page made from `now` is the one made from `last`: the same
    articles (by slug) naming it the same way. An edited article is a new
    object, usually with equal mentions; the others are the very objects."""
    if last is now:
        return True
    if len(last) != len(now):
        return False
    differing = compress(zip(last, now), map(is_not, last, now))  # the unchanged pairs skipped in C
    return all(a.article.slug == c.article.slug and (b is d or b == d) for (a, b), (c, d) in differing)


def _entity_page(name: str, slug: str, named: list[tuple[AnalysedArticle, Entity]]) -> EntityPage:
    """The page of one name, from each (article, mention of the name in it).

    Titles, organisations and quoted sentences are ordered sets, each made in
    one pass over all mentions: a much-named company has thousands."""
    mentioned = [entity for _, entity in named]
    titles = dict.fromkeys(chain.from_iterable(entity.titles for entity in mentioned))
    organisations = dict.fromkeys(chain.from_iterable(entity.organisations for entity in mentioned))
    mentions = dict.fromkeys(chain.from_iterable(entity.mentions for entity in mentioned))
    articles = dict.fromkeys(item.article.slug for item, _ in named)
    entity = Entity(name, mentioned[0].kind, list(titles), list(organisations), list(mentions))
    return EntityPage(entity=entity, slug=slug, articles=list(articles))
