"""Terms of an article, corpus IDF, and TF-IDF keywords for tags and related links.

jieba's own `extract_tags` re-tokenises the text and weighs words by an IDF table
learnt from a general corpus, so the words that every article of a briefing shares
(`大会`, `发展`) look as telling as the ones that set one article apart. Here the
counts come from the article's single tokenisation, and IDF from the corpus being
built: a word is a keyword where this article uses it more than the others do.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, filterfalse

from sitegen.analyse.tokens import (
    Memo,
    ParagraphTokens,
    TokenizedArticle,
    is_number,
    is_word,
)
from sitegen.chinese.numerals import NUMERAL_CHARS, chinese_to_int
from sitegen.model import Article

# A title states what the article is about in a dozen words, so each title
# word counts as much as this many mentions in the body.
TITLE_WEIGHT = 3
KEYWORD_LIMIT = 8
HEAD_FACTOR = 4  # keywords ranks this many times KEYWORD_LIMIT best terms first

NON_TEXT_KINDS = frozenset({"image", "code"})

_CJK = re.compile(r"[\u3400-\u9fff]")
# Link and image targets in Markdown, and bare web addresses.
_URL = re.compile(r"\]\([^)]*\)|https?://[^\s<>()\]]+|www\.[^\s<>()\]]+")
_LATIN = re.compile(r"[A-Za-z]")
# Counted and dated quantities are figures, not topics: `2024年`, `10亿`, `80核`, `第一`, `数十万`.
_QUANTITY = re.compile(
    r"^第?(?P<number>[\d.,%％]+|[零〇一二两三四五六七八九十百千万亿]+|[几数半][十百千万亿]*)"
    r"(?:年|月|日|号|时|点|分|秒|个|家|款|项|位|名|次|倍|成|亿|万|千|百|核|余|多|周)?$"
)


def is_quantity(token: str) -> bool:
    """A number with or without its unit; `十五五` (a plan's name) is not one.
    The tail jieba cuts off a number (`5|万平方米`, `40|余款`, `254|万辆`) is one
    too: a magnitude or `余`/`多` and a unit of `units.toml`."""
    match = _QUANTITY.match(token)
    if match is None:
        return _number_tail(token)
    number = match["number"]
    return not number[0] in NUMERAL_CHARS or chinese_to_int(number) is not None


@lru_cache(maxsize=1)
def _tail_pattern() -> re.Pattern[str]:
    from sitegen.analyse.figures import load_units

    units = "|".join(re.escape(unit.name) for unit in load_units().units)
    return re.compile(rf"(?:[万亿千百]+|余|多)(?:{units})")


def _number_tail(token: str) -> bool:
    return token[:1] in "万亿千百余多" and bool(_tail_pattern().fullmatch(token))


@lru_cache(maxsize=1 << 16)
def is_term(token: str, stopwords: frozenset[str]) -> bool:
    """A token that can name what an article is about.

    Single Chinese characters are mostly particles or fragments of names jieba
    did not know, numbers are figures, and stop words say nothing on their own.
    Cached: a corpus repeats the same few thousand tokens in every article.
    """
    if not is_word(token) or is_number(token) or is_quantity(token):
        return False
    if token in stopwords or token.casefold() in stopwords:
        return False
    if _CJK.search(token):
        return len(token) >= 2
    return bool(_LATIN.search(token)) and len(token) >= 2


@lru_cache(maxsize=8)
def term_forms(stopwords: frozenset[str]) -> Mapping[str, str | None]:
    """token -> its case-folded form when it is a term (`is_term`), else None;
    shared by every article of a stop-word list."""
    return Memo(lambda token: token.casefold() if is_term(token, stopwords) else None)


@lru_cache(maxsize=8)
def _countable(stopwords: frozenset[str], known_word: Callable[[str], bool]) -> Mapping[str, bool]:
    """token -> whether `term_counts` counts it (a term, and no guess)."""
    forms = term_forms(stopwords)
    return Memo(lambda token: forms[token] is not None and not is_guess(token, known_word))


def is_guess(token: str, known_word: Callable[[str], bool]) -> bool:
    """A two-character Chinese token that no dictionary knows.

    jieba's HMM glues unknown characters into new words; the long ones are
    mostly names (`杰思衡`, `洪曜庄`), but the two-character ones are mostly
    fragments of a name or phrase it cut wrongly (`许志|锰`, `风好|正是`).
    """
    return len(token) == 2 and bool(_CJK.match(token)) and not known_word(token)


def _outside_urls(text: str, tokens: ParagraphTokens) -> tuple[str, ...]:
    """The words without those that are pieces of a web address in `text`."""
    spans = [match.span() for match in _URL.finditer(text)]
    if not spans:
        return tokens.words
    return tuple(
        word
        for word, offset in zip(tokens.words, tokens.positions(text))
        if not (offset >= 0 and any(start <= offset < end for start, end in spans))
    )


def content_tokens(article: Article, tokens: TokenizedArticle) -> TokenizedArticle:
    """The tokens that say what the article is about: no image or code blocks,
    no pieces of link targets (`https`, `coze`, `bLRnLQTkA84`)."""
    paragraphs = {p.anchor: p for p in article.paragraphs}
    kept = tuple(
        ParagraphTokens(t.anchor, _outside_urls(paragraphs[t.anchor].text, t))
        for t in tokens.paragraphs
        if t.anchor in paragraphs and paragraphs[t.anchor].kind not in NON_TEXT_KINDS
    )
    return TokenizedArticle(tokens.title, kept)


@lru_cache(maxsize=4)
def dictionary_knows(tokenizer) -> Callable[[str], bool]:
    """`known_word` for `term_counts`: whether jieba's dictionary (with the
    taxonomy's user words) has the word. One per tokenizer, so `term_counts`
    can remember its answers (a tokenizer's words never change once made)."""
    frequencies = tokenizer.FREQ
    return lambda word: frequencies.get(word, 0) > 0


def term_counts(
    tokens: TokenizedArticle,
    stopwords: frozenset[str],
    known_word: Callable[[str], bool] = lambda token: True,
    publishers: Iterable[str] = (),
) -> dict[str, int]:
    """How often each term occurs in the article, title words weighted up.

    This is the only per-article input of the corpus steps (IDF, keywords,
    topics), so it is what a cache keeps of the tokenisation. `known_word`
    tells whether the tokenizer's dictionary has a word (see `is_guess`; a
    function, remembered with its answers across calls).
    Words of the publishers' names are left out: a paper's name in its own
    datelines and interview labels (`新京报：`) says nothing about the story.
    """
    names = [name for name in publishers if name]
    counts: Counter[str] = Counter()
    for paragraph in tokens.paragraphs:
        counts.update(paragraph.words)
    for token in tokens.title:
        counts[token] += TITLE_WEIGHT
    # every token is counted, then each distinct one is judged once
    terms = list(compress(counts, map(_countable(stopwords, known_word).__getitem__, counts)))
    if names and terms:
        terms = list(filterfalse(_pieces(names, max(map(len, terms))).__contains__, terms))
    terms.sort()
    return dict(zip(terms, map(counts.__getitem__, terms)))


def _pieces(names: list[str], longest: int) -> set[str]:
    """Every piece of the names up to `longest` characters long: a token is
    part of a name exactly when it is one of them."""
    return {
        name[start : start + length]
        for name in names
        for length in range(1, min(longest, len(name)) + 1)
        for start in range(len(name) - length + 1)
    }


@dataclass(frozen=True)
class CorpusIdf:
    """Smoothed inverse document frequency over the articles being built.

    `ln((1 + N) / (1 + df)) + 1`: the +1 inside keeps a term that is in every
    article from weighing zero (in a corpus of three articles most terms are),
    the +1 outside is the floor, so IDF only ever sharpens term frequency. With a
    single article every IDF is 1 and keywords fall back to plain frequency.
    """

    documents: int
    frequencies: Mapping[str, int]
    # The IDF of every term of the corpus, worked out once: keywords and topics
    # look up each term of each article.
    weights: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, term: str) -> float:
        weight = self.weights.get(term)
        if weight is None:
            weight = math.log((1 + self.documents) / (1 + self.frequencies.get(term, 0))) + 1.0
        return weight

    @property
    def ceiling(self) -> float:
        """IDF of a term found in one article only: the largest any term gets."""
        return math.log((1 + self.documents) / 2) + 1.0


def corpus_idf(all_counts: Iterable[Mapping[str, int]]) -> CorpusIdf:
    """Document frequency of every term over the corpus."""
    frequencies: Counter[str] = Counter()
    documents = 0
    for counts in all_counts:
        documents += 1
        frequencies.update(counts.keys())
    weights = {term: math.log((1 + documents) / (1 + df)) + 1.0 for term, df in frequencies.items()}
    return CorpusIdf(documents, dict(frequencies), weights)


def tfidf(counts: Mapping[str, int], idf: CorpusIdf) -> dict[str, float]:
    """TF-IDF of each term, TF as the share of the article's terms."""
    total = sum(counts.values()) or 1
    known = idf.weights.get  # every IDF is >= 1, so `or` only falls back for unknown terms
    return {term: count / total * (known(term) or idf(term)) for term, count in counts.items()}


def keywords(counts: Mapping[str, int], idf: CorpusIdf, limit: int = KEYWORD_LIMIT) -> list[str]:
    """The article's `limit` best terms by TF-IDF, best first.

    A term inside a better keyword (`模型` after `大模型`) adds nothing as a tag
    and is skipped; ties go to the more frequent, then the alphabetically first
    term, so the result is the same on every build.
    """
    scores = tfidf(counts, idf)
    head = heapq.nlargest(limit * HEAD_FACTOR, scores.values())
    if len(head) == limit * HEAD_FACTOR:
        chosen = _choose({t: s for t, s in scores.items() if s >= head[-1]}, counts, limit)
        if len(chosen) == limit:
            return chosen
    return _choose(scores, counts, limit)


def _choose(scores: Mapping[str, float], counts: Mapping[str, int], limit: int) -> list[str]:
    """The first `limit` terms of `scores` in rank order that do not overlap a
    better one. `keywords` passes only the best-scored terms first (ties at the
    cut included, so they are a prefix of the full ranking): sorting all of an
    article's terms was most of the corpus step."""
    ranked = sorted(scores, key=lambda t: (-scores[t], -counts[t], t))
    chosen: list[str] = []
    for term in ranked:
        folded = term.casefold()
        if any(folded in kept.casefold() or kept.casefold() in folded for kept in chosen):
            continue
        chosen.append(term)
        if len(chosen) == limit:
            break
    return chosen
