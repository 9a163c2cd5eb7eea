"""Text normalisation and tokenisation shared by the index builder and the browser.

Everything here has a twin in `static/search.js`; both sides must cut text the
same way or a query would miss pages it should find. The rules, per code point:
NFKC (full-width `ＯｐｔｏＣｈａｔ` -> `OptoChat`), lower case, Traditional ->
Simplified Chinese by character (OpenCC tables), line separators -> `\\n`. Then
horizontal spaces next to a CJK character are dropped, because Chinese sources
put them there by accident of line-breaking (`AI 芯片` reads as `AI芯片`).

The normalised text is a sequence of *units*: one CJK character, or one run of
other letters/digits (`optochat`, `5000`); anything else separates units. A
query is split into *phrases* at separators; a page matches when every phrase
occurs in its normalised text with Latin words whole (`ai` does not match
`said`). Per-code-point normalisation keeps offsets mappable, so the browser
can highlight the match in the original text.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache
from itertools import chain
from pathlib import Path

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029"

# Starting with a character class lets the regex engine skip ahead with a tight loop.
LATIN_WORD = re.compile(f"([^\\W_{CJK}][^\\W_{CJK}]+)")
_UNIT = re.compile(f"[{CJK}]|[^\\W_{CJK}]+")
_PHRASE = re.compile(r"[^\W_]+")
_SEPARATOR = re.compile(r"[\W_]")
_SPACE_NEAR_CJK = re.compile(f"(?<=[{CJK}])[ \\t\\u1680]+|[ \\t\\u1680]+(?=[{CJK}])")
_LATIN_EDGE = re.compile(f"[^\\W_{CJK}]")


def _opencc_dictionary(name: str) -> dict[str, str]:
    """One OpenCC dictionary file as {source: first candidate}."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / name
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if source and targets:
            table[source] = targets.split(" ")[0]
    return table


@lru_cache(maxsize=1)
def t2s_characters() -> dict[str, str]:
    """Traditional (Taiwan/Hong Kong variants included) -> Simplified, one character each.

    The same chain as OpenCC's `tw2sp`/`hk2s` configurations, restricted to single
    characters so a conversion never changes the length of a text.
    """
    characters = {k: v for k, v in _opencc_dictionary("TSCharacters.txt").items() if len(k) == len(v) == 1}
    variants: dict[str, str] = {}
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        variants.update({k: v for k, v in _opencc_dictionary(name).items() if len(k) == len(v) == 1})
    table = dict(characters)
    for source, variant in variants.items():
        table[source] = characters.get(variant, variant)
    return {k: v for k, v in table.items() if k != v}


@lru_cache(maxsize=1)
def t2s_phrases() -> dict[str, str]:
    """Taiwan/Hong Kong vocabulary -> mainland vocabulary (`人工智慧` -> `人工智能`).

    Applied to queries only: in page text such a rewrite would change lengths and
    the wording the reader sees.
    """
    table: dict[str, str] = {}
    for name in ("TWVariantsRevPhrases.txt", "HKVariantsRevPhrases.txt", "TWPhrasesRev.txt"):
        table.update(_opencc_dictionary(name))
    return table


class _CharMap(dict):
    """`str.translate` table that computes each code point's normal form on first use."""

    def __missing__(self, code: int) -> str:
        value = normalise_char(chr(code))
        self[code] = value
        return value


@lru_cache(maxsize=65536)
def normalise_char(char: str) -> str:
    """One code point -> its normal form (zero, one or more characters)."""
    t2s = t2s_characters()
    folded = unicodedata.normalize("NFKC", char).lower()
    return "".join("\n" if c in LINE_BREAKS else t2s.get(c, c) for c in folded)


_CHAR_MAP = _CharMap()


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _bmp_table() -> list[int | str]:
    """Normal form of every Basic Multilingual Plane code point, as a `translate` list.

    Indexing a list is about twice as fast as the caching dict; building it takes
    ~0.1 s, which only a large corpus pays back (see `normaliser`).
    """
    table: list[int | str] = []
    for code in range(0x10000):
        char = chr(code)
        value = char if 0xD800 <= code < 0xE000 else normalise_char(char)
        table.append(code if value == char else value)
    return table


def normalise(text: str, fast: bool = False) -> str:
    """The normal form that both the index and the queries are matched in.

    `fast` uses the precomputed table (same result) unless the text has
    characters beyond the BMP, which the list cannot index.
    """
    table = _bmp_table() if fast and not _ASTRAL.search(text) else _CHAR_MAP
    return _SPACE_NEAR_CJK.sub("", text.translate(table))


SEPARATOR = "\x00"  # what every separator becomes in index text
_CJK_SEPARATOR = "\u30fb"  # stands in for separators inside the CJK ranges until spaces are dropped
_CJK_CHAR = re.compile(f"[{CJK}]")


def _index_form(char: str) -> str:
    """`normalise_char`, with separators made SEPARATOR and spaces made `' '`.

    Separators in the CJK ranges (`・`) stay CJK until the spaces next to CJK
    are dropped, so that step removes exactly what `normalise` removes.
    """
    out = []
    for c in normalise_char(char):
        if c in " \t\u1680":
            out.append(" ")
        elif _SEPARATOR.match(c):
            out.append(_CJK_SEPARATOR if _CJK_CHAR.match(c) else SEPARATOR)
        else:
            out.append(c)
    return "".join(out)


class _IndexCharMap(dict):
    """`str.translate` table of `_index_form`, computed per code point on first use."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _index_form(chr(code))
        return value


_INDEX_MAP = _IndexCharMap()


@lru_cache(maxsize=1)
def _bmp_index_table() -> list[int | str]:
    """`_index_form` of every BMP code point as a `translate` list (see `_bmp_table`)."""
    table: list[int | str] = []
    for code, normal in enumerate(_bmp_table()):
        char = chr(code)
        if 0xD800 <= code < 0xE000:
            table.append(SEPARATOR)
        elif normal == code and _SEPARATOR.match(char) is None:
            table.append(code)
        else:
            table.append(_index_form(char))
    return table


# `_SPACE_NEAR_CJK` for index text, where every space is " ": starting with a
# literal lets the regex engine skip to the spaces instead of trying each character.
_INDEX_SPACE_NEAR_CJK = re.compile(f" (?<=[{CJK}] ) *| +(?=[{CJK}])")


def has_astral(text: str) -> bool:
    """Whether `text` has characters beyond the BMP (cheaper than a regex scan)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def index_text(text: str, fast: bool = False) -> str:
    """`normalise(text)` with every separator replaced by SEPARATOR.

    Same length and same units at the same offsets as the normal form, so the
    index can treat each character as one position and test separators by one
    code point. `fast` uses the BMP table; the list cannot index characters
    beyond the BMP, which `translate` then leaves alone, so such text is redone.
    """
    spaced = text.translate(_bmp_index_table() if fast else _INDEX_MAP)
    if fast and has_astral(spaced):
        spaced = text.translate(_INDEX_MAP)
    spaced = _INDEX_SPACE_NEAR_CJK.sub("", spaced)
    return spaced.replace(" ", SEPARATOR).replace(_CJK_SEPARATOR, SEPARATOR)


def tokens(normalised: str) -> list[str]:
    """Units and separator characters in order, one position each.

    Every character is a token except runs of Latin letters/digits, which are one
    word. Built from `re.split` and C-level iteration: this runs over every
    character of the corpus.
    """
    parts = LATIN_WORD.split(normalised)
    between = chain.from_iterable(zip(parts[0:-1:2], zip(parts[1::2])))
    return [*chain.from_iterable(between), *parts[-1]]


def units(phrase: str) -> list[str]:
    """The units of a phrase (a run without separators)."""
    return _UNIT.findall(phrase)


def is_separator_term(term: str) -> bool:
    """True when a token pair spans a separator, so it is no index term."""
    return bool(_SEPARATOR.search(term))


def phrases(query: str) -> list[str]:
    """A query's phrases: runs of letters/digits in its normal form, first occurrence order.

    Spaces in a query always separate phrases (`AI 芯片` asks for both words), unlike
    spaces next to CJK in page text, which are line-breaking accidents.
    """
    seen: dict[str, None] = {}
    for phrase in _PHRASE.findall(query.translate(_CHAR_MAP)):
        seen.setdefault(phrase, None)
    return list(seen)


def phrase_terms(phrase: str) -> list[str]:
    """The index terms a phrase needs: its one unit, or each pair of adjacent units."""
    parts = units(phrase)
    if len(parts) == 1:
        return parts
    return list(map(operator.add, parts, parts[1:]))


def contains_phrase(normalised: str, phrase: str) -> bool:
    """Plain substring scan with whole Latin words: the definition of a literal match."""
    start = normalised.find(phrase)
    latin_start = bool(_LATIN_EDGE.match(phrase[0]))
    latin_end = bool(_LATIN_EDGE.match(phrase[-1]))
    while start >= 0:
        end = start + len(phrase)
        before_ok = not (latin_start and start > 0 and _LATIN_EDGE.match(normalised[start - 1]))
        after_ok = not (latin_end and end < len(normalised) and _LATIN_EDGE.match(normalised[end]))
        if before_ok and after_ok:
            return True
        start = normalised.find(phrase, start + 1)
    return False
