"""Build the static search index: a small manifest, postings and positions shards
keyed by a hash of the term, and document-store shards.

Why this shape: a browser on GitHub Pages can only fetch files, so the index is
cut into many small files and a query fetches just the shards of its own terms.
Terms are units (a CJK character, a Latin word or number), pairs of adjacent
units (CJK bigrams, `ai芯`, `72亿`), jieba words of three or more units (`w:`,
for ranking), facets (`r:香港`, `t:智能制造`, `y:2025`, `k:article`), and the
3/4-unit strings made of two "hot" pairs (`人工智能`). A phrase of three or more
units is confirmed with the positions of its pairs, so a page is returned only
when the phrase really occurs in it: no false hits, without downloading pages.
Positions of very common pairs are large, so common 3/4-unit phrases are
answered by their own exact postings instead (`hot_pairs`, listed in
`query.json` so the browser knows when).

Files: `manifest.json` (sizes, facets, constants), `query.json` (Traditional ->
Simplified characters and vocabulary, hot pairs), `p/<bucket>.json` and
`x/<bucket>.json` (term -> postings / positions, or the number n of the file
`t/<n>.json` that holds a long list; bucket = CRC-32 of the UTF-8 term modulo a
power of two chosen by index size), `d/<n>.json` (pages).

Encodings (all ASCII inside JSON strings, see `static/search.js`):
- postings of a term: for each document in id order, its id in `id_width`
  fixed base-64 digits, then one digit of term impact (BM25 term-frequency part
  with title boost and length normalisation, quantised to 1..63);
- positions of a pair term (in `x/`, same bucket, same order as its postings):
  for each posting, the pair's token positions in the page, then a mark from
  `.,;:!` that ends them and says how many digits (1..5, by the page's length)
  each position has.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import operator
import os
import re
import zlib
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, product, repeat
from typing import TypeVar

from sitegen.search.documents import SearchDocument
from sitegen.search.text import (
    LATIN_WORD,
    SEPARATOR,
    has_astral,
    index_text,
    normalise,
    t2s_characters,
    t2s_phrases,
    units,
)

FORMAT_VERSION = 2
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
MAX_IMPACT = 63
K1 = 1.2
B = 0.75
TITLE_BOOST = 3  # an occurrence in the title counts as three in the body
WORD_BOOST = 2.0  # weight of a whole jieba word against its character pairs
# Region, topic and entity pages are short digests of sentences quoted from the
# articles; BM25's length normalisation alone would rank them above the articles
# the words come from, so their matches weigh less (a title match still wins).
KIND_WEIGHTS = {"article": 1.0, "region": 0.8, "topic": 0.8, "entity": 0.6}
MIN_WORD_UNITS = 3  # shorter words are already single index terms
SHARD_TARGET_BYTES = 4 * 1024
MAX_BUCKETS = 4096
OWN_FILE_CHARS = 2048  # a list longer than this is a file of its own, so it comes without its neighbours
DOC_SHARD_TARGET_BYTES = 8 * 1024
MAX_STORED_CHARS = 200_000  # text kept per page for snippets; matching uses all of it
FOLDER = "search/"
OWN_SHARE_LESS = 0.04  # this process's range is shorter: the pages' files and the merge follow
PARALLEL_MIN_DOCUMENTS = 2000  # below this, starting processes costs more than it saves
FAST_NORMALISE_MIN_DOCUMENTS = 500  # from here on, the normalisation table pays for itself
HOT_POSITION_BYTES = 16 * 1024  # pairs with more position data than this get n-gram terms
HOT_SAMPLE_DOCUMENTS = 1000  # pages sampled to find them
POSITION_BYTES = 2  # typical digits per stored position


def id_width(count: int) -> int:
    """Digits needed for numbers 0..count-1."""
    width = 1
    while 64**width < count:
        width += 1
    return width


POSITION_MARKS = ".,;:!"  # ends a posting's positions; its index + 1 = digits per position


def _code(number: int, width: int) -> str:
    """`number` as `width` base-64 digits, most significant first."""
    return "".join(DIGITS[(number >> (6 * i)) & 63] for i in reversed(range(width)))


@lru_cache(maxsize=3)
def _all_codes(width: int) -> list[str]:
    """Every number below 64**width as `width` digits (at most 262,144 strings)."""
    return list(map("".join, product(DIGITS, repeat=width)))


def _position_codes(width: int, count: int) -> list[str]:
    """Codes of positions 0..count-1; only pages of over 262,144 tokens get theirs made apart."""
    if width <= 3:
        return _all_codes(width)
    return list(islice(map("".join, product(DIGITS, repeat=width)), count))


def _impact_digits(length: int, average: float, tfs: Iterable[int], kind_weight: float) -> list[str]:
    """Impact digit for each term frequency in `tfs` (all positive) in a document of `length`.

    BM25's term-frequency part: saturating in tf, normalised by length, times the
    page kind's weight, scaled to 1..63 so the browser multiplies it by its idf.
    """
    norm = K1 * (1 - B + B * length / average)
    weight = kind_weight * (K1 + 1)
    return [DIGITS[max(1, min(MAX_IMPACT, round(weight * tf / (tf + norm) / (K1 + 1) * MAX_IMPACT)))] for tf in tfs]


# Index text has one character per token: a CJK or other BMP unit, SEPARATOR,
# or a stand-in for a Latin word or a unit beyond the BMP. Stand-ins are BMP code
# points that are no letter or digit, so never units themselves: about 15,800
# per `_Units`. A pair of adjacent tokens is then one 32-bit id,
# first | second << 16, read straight from the UTF-16 bytes.
_ASTRAL = re.compile("([\U00010000-\U0010ffff])")
_HALF = 0xFFFF
_FLOAT_WIDTH = 3  # pages up to 64**3 tokens sort their pairs as packed floats
_WIDE_BASE = 0x40000  # planes 4-16 hold no letter or digit either


@lru_cache(maxsize=1)
def _stand_ins() -> tuple[int, ...]:
    """BMP code points that never occur in index text (no letter or digit, not SEPARATOR)."""
    return tuple(code for code in range(1, 0x10000) if not chr(code).isalnum())


class _Full(Exception):
    """No stand-in is left for another Latin word or astral unit."""


class _Units(dict):
    """Latin word or astral unit -> the one character that stands for it in index text.

    Stand-ins are BMP code points (`_stand_ins`), so every token is one UTF-16
    unit and a pair id is first | second << 16. A page with more distinct
    Latin words than that gets a `wide` table of its own: stand-ins from planes
    4-16, pair ids first | second << 32, and the plain grouping.
    """

    def __init__(self, wide: bool = False) -> None:
        super().__init__()
        self.wide = wide
        self.bits = 32 if wide else 16
        self.half = (1 << self.bits) - 1
        self.back: dict[int, str] = {}  # code point -> what it stands for: a `translate` table

    def __missing__(self, token: str) -> str:
        if self.wide:
            code = _WIDE_BASE + len(self.back)
        elif len(self.back) < len(_stand_ins()):
            code = _stand_ins()[len(self.back)]
        else:
            raise _Full
        self.back[code] = token
        char = self[token] = chr(code)
        return char

    def text(self, text: str, lookup: Callable[[str], str] | None = None) -> str:
        """Index text with each Latin word and astral unit as its one character.

        `lookup` replaces assigning stand-ins (`self.__getitem__`), e.g. `self.get`
        to leave unknown tokens out.
        """
        parts = LATIN_WORD.split(text)
        if len(parts) > 1:
            parts[1::2] = map(lookup or self.__getitem__, parts[1::2])
            text = "".join(parts)
        if not self.wide and has_astral(text):
            parts = _ASTRAL.split(text)
            parts[1::2] = map(lookup or self.__getitem__, parts[1::2])
            text = "".join(parts)
        return text

    def known_pairs(self, pairs: Iterable[str]) -> tuple[set[int], list[str]]:
        """Ids of the pair terms whose tokens all have stand-ins, and the other terms."""
        ids, unknown = set(), []
        for pair in pairs:
            units = self.text(pair, lambda token: self.get(token, ""))
            if len(units) == 2:
                ids.add(self.pair_ids(units)[0])
            else:
                unknown.append(pair)
        return ids, unknown

    def pair_ids(self, units: str) -> list[int]:
        """Id of each adjacent pair, in text order: from the UTF-16 (wide: UTF-32) bytes,
        even pairs from offset 0, odd ones from one unit on."""
        count = len(units) - 1
        if count < 1:
            return []
        size = 4 if self.wide else 2
        data = memoryview(units.encode("utf-32-le" if self.wide else "utf-16-le", "surrogatepass"))
        ids = [0] * count
        ids[0::2] = data[: 2 * size * ((count + 1) // 2)].cast("Q" if self.wide else "I")
        ids[1::2] = data[size : size + 2 * size * (count // 2)].cast("Q" if self.wide else "I")
        return ids

    def is_term(self, pair: int) -> bool:
        """Whether a pair id is no SEPARATOR pair (SEPARATOR is code point 0)."""
        return pair > self.half and bool(pair & self.half)

    def pair(self, pair: int) -> str:
        """The index term a pair id stands for."""
        return (chr(pair & self.half) + chr(pair >> self.bits)).translate(self.back)


@lru_cache(maxsize=_FLOAT_WIDTH)
def _digit_planes(width: int) -> tuple[bytes, ...]:
    """Plane k: digit k (least significant first) of every number below 64**width."""
    return tuple(bytes((number >> (6 * k)) & 63 for number in range(64**width)) for k in range(width))


_DIGIT_BYTES = bytes.maketrans(bytes(range(64)), DIGITS.encode("ascii"))
_DIGIT_VALUES = bytes.maketrans(DIGITS.encode("ascii"), bytes(range(64)))
_ZERO_FLAGS = bytes([1]) + bytes(255)  # byte -> 1 if it is zero, else 0
_FILL = b"\x7f"  # deleted again; neither digit nor mark
_NEWLINE_OR_FILL = b"\x7f" + b"\n" * 255  # a group ends at a non-zero flag
_MARK_OR_FILL = {width: b"\x7f" + POSITION_MARKS[width - 1].encode("ascii") * 255 for width in range(1, _FLOAT_WIDTH + 1)}
_MARKS = POSITION_MARKS.encode("ascii")
_HIGH = bytes(range(128, 256)) * 2  # ASCII -> ASCII + 128, a `translate` table
_LOW = bytes(range(128)) * 2  # and back
_ASCII = bytes(range(128))
_NON_ASCII = bytes(range(128, 256))


def _last_flags(lanes: bytes | bytearray, size: int) -> bytes:
    """One byte per `size`-byte lane: non-zero where the next lane differs, or for the last lane.

    One pass of big-integer operations: XOR with the lanes shifted by one
    leaves a lane zero where it equals its successor; OR-ing a lane's bytes
    together leaves one byte per lane.
    """
    whole = int.from_bytes(lanes, "little")
    differences = (whole ^ (whole >> (8 * size))).to_bytes(len(lanes), "little")
    flags = int.from_bytes(differences[0::size], "little")
    for k in range(1, size):
        flags |= int.from_bytes(differences[k::size], "little")
    count = len(lanes) // size
    return (flags | 1 << (8 * count - 8)).to_bytes(count, "little") if count else b""


def _seconds(ordered: bytes, width: int) -> bytearray:
    """The second units (16 bits each) of sorted packed pair words."""
    seconds = bytearray(len(ordered) // 4)
    seconds[0::2] = ordered[width + 2 :: 8]
    seconds[1::2] = ordered[width + 3 :: 8]
    return seconds


def _runs(halves: bytes | bytearray) -> tuple[list[int], Iterator[int]]:
    """Value and length of each run of equal 16-bit little-endian numbers.

    The run ends come from `_last_flags`; turned into newlines among other
    bytes, one split measures every run at once.
    """
    last = _last_flags(halves, 2)
    values = list(compress(memoryview(halves).cast("H").tolist(), last))
    lengths = map(len, last.translate(_NEWLINE_OR_FILL).split(b"\n"))
    return values, map(operator.add, lengths, repeat(1))


class _Pairs:
    """A page's pairs of units, grouped by pair id, and its unit counts.

    Group i has pair id ids[i] (ascending) and `pieces[i]`: the positions of its
    occurrences as `width` ASCII digits each, ascending, then the mark that ends
    them, exactly as they go into the positions file. Pairs with a SEPARATOR
    are left out. `unit_counts`: code point -> occurrences.

    Pages of up to 64**3 tokens pack each pair occurrence into 8 bytes
    (position digits, pair id, a flag for separator pairs, top byte zero),
    which read as a double is a positive finite number ordered like the
    bytes: Python sorts floats without a key function, far faster than an
    argsort, and the flagged pairs sort last. The sorted bytes are then cut
    into groups with bulk bytes operations. Longer pages take `_plain`.
    """

    def __init__(self, units: str, tokens: _Units, packed: bool = True) -> None:
        self.width = id_width(len(units))
        self.mark = POSITION_MARKS[self.width - 1].encode("ascii")
        if packed and self.width <= _FLOAT_WIDTH and not tokens.wide:
            self._sort_packed(units)
        else:
            self._plain(units, tokens)
        first = ord(units[0])  # the first unit is no pair's second
        self.unit_counts[first] = self.unit_counts.get(first, 0) + 1
        self.unit_counts.pop(0, None)

    def _sort_packed(self, units: str) -> None:
        count, width = len(units) - 1, self.width
        encoded = units.encode("utf-16-le", "surrogatepass")
        separators = int.from_bytes(encoded[0::2].translate(_ZERO_FLAGS), "little")
        separators &= int.from_bytes(encoded[1::2].translate(_ZERO_FLAGS), "little")
        flags = (separators | separators >> 8).to_bytes(count + 1, "little")[:count]
        packed = bytearray(8 * count)
        for k, plane in enumerate(_digit_planes(width)):
            packed[k::8] = plane[:count]
        for k in range(4):
            packed[width + k :: 8] = encoded[k : 2 * count + k : 2]
        packed[width + 4 :: 8] = flags
        ordered = array("d", sorted(memoryview(packed).cast("d"))).tobytes()
        kept = 8 * (count - flags.count(1))
        ids = bytearray(kept // 2)
        for k in range(4):
            ids[k::4] = ordered[width + k : kept : 8]
        last = _last_flags(ids, 4)
        self.ids = list(compress(memoryview(ids).cast("I").tolist(), last))
        self.pieces = self._cut(ordered[:kept], last)
        self.unit_counts = dict(zip(*_runs(_seconds(ordered[:kept], width))))
        for unit, times in zip(*_runs(_seconds(ordered[kept:], width))):  # few: pairs with a separator
            self.unit_counts[unit] = self.unit_counts.get(unit, 0) + times

    def _cut(self, ordered: bytes, last: bytes) -> list[bytes]:
        """Each group's position digits and mark, from the sorted words and the group ends.

        After every occurrence go two bytes: the mark and a newline where a
        group ends, else two bytes that are then deleted; splitting at the
        newlines leaves one piece per group.
        """
        width = self.width
        step = width + 2
        laid = bytearray(step * len(last))
        for k in range(width):
            laid[width - 1 - k :: step] = ordered[k::8].translate(_DIGIT_BYTES)
        laid[width::step] = last.translate(_MARK_OR_FILL[width])
        laid[width + 1 :: step] = last.translate(_NEWLINE_OR_FILL)
        return laid.translate(None, _FILL).split(b"\n")[:-1]

    def _plain(self, units: str, tokens: _Units) -> None:
        """The same fields by plain Python: for pages too long to pack, and as the tests' reference."""
        ids = tokens.pair_ids(units)
        codes = _position_codes(self.width, len(units))
        groups: dict[int, list[str]] = {}
        for place, pair in enumerate(ids):
            if tokens.is_term(pair):
                groups.setdefault(pair, []).append(codes[place])
        self.ids = sorted(groups)
        self.pieces = [("".join(groups[pair]) + POSITION_MARKS[self.width - 1]).encode("ascii") for pair in self.ids]
        self.unit_counts = Counter(map(ord, units[1:]))

    def places(self, groups: Iterable[int]) -> Iterable[int]:
        """Positions of the occurrences of the given groups."""
        width = self.width
        values = b"".join(map(self.pieces.__getitem__, groups)).translate(_DIGIT_VALUES, _MARKS)
        numbers: Iterable[int] = values[0::width]
        for k in range(1, width):
            numbers = map(operator.add, map(operator.mul, numbers, repeat(64)), values[k::width])
        return numbers


def _occurrences(lengths: Iterable[int], width: int) -> Iterator[int]:
    """Occurrences in a group from the length of its piece: `width` digits each, then a mark."""
    return map(operator.floordiv, map(operator.sub, lengths, repeat(1)), repeat(width))


class _WordTerms(dict):
    """jieba word -> its `w:` term, or "" when the word is not indexed."""

    def __missing__(self, word: str) -> str:
        normal = normalise(word)
        parts = units(normal)
        good = len(parts) >= MIN_WORD_UNITS and "".join(parts) == normal
        term = self[word] = "w:" + normal if good else ""
        return term


@dataclass(frozen=True)
class _Plan:
    """What every document's inversion needs to know about the whole corpus."""

    width: int  # digits of a document id
    average: float  # average page length, for BM25
    fast: bool  # normalise with the precomputed table
    hot: frozenset[str]  # pairs whose positions would be too big to download


def _gram_starts(hot: bytes, gap: int) -> list[int]:
    """Positions p where the pairs at p and at p + gap are both hot (`hot`: one 0/1 byte per pair).

    A phrase of three units whose two pairs are hot (gap 1), or of four whose
    first and last pairs are (gap 2), is answered by its own postings, exact by
    construction, instead of by the large position lists of its pairs
    (`人工智能` where 人工 and 智能 are on every page). Big-integer AND finds
    them all; one split measures the gaps between them.
    """
    whole = int.from_bytes(hot, "little")
    both = (whole & whole >> (8 * gap)).to_bytes(len(hot), "little")
    gaps = both.translate(_NEWLINE_OR_FILL).split(b"\n")[:-1]
    return list(accumulate(map(operator.add, map(len, gaps), repeat(1)), initial=-1))[1:]


def hot_pairs(documents: Sequence[SearchDocument], limit_bytes: int, fast: bool) -> frozenset[str]:
    """Pairs whose positions are estimated, from a fixed sample, to exceed `limit_bytes`.

    Any set gives exact results (the browser reads it from `query.json`); this one
    keeps the downloads of common three- and four-character queries small.
    """
    step = max(1, len(documents) // HOT_SAMPLE_DOCUMENTS)
    sample = documents[::step]
    counts: Counter[str] = Counter()
    tokens, ids = _Units(), Counter()
    for document in sample:
        text = index_text(document.title + "\n" + document.text, fast)
        try:
            ids.update(tokens.pair_ids(tokens.text(text)))
        except _Full:
            counts.update(_pair_terms(tokens, ids))
            tokens, ids = _Units(), Counter()
            try:
                ids.update(tokens.pair_ids(tokens.text(text)))
            except _Full:
                wide = _Units(wide=True)
                counts.update(_pair_terms(wide, Counter(wide.pair_ids(wide.text(text)))))
    counts.update(_pair_terms(tokens, ids))
    scale = len(documents) / max(1, len(sample))
    return frozenset(pair for pair, n in counts.items() if n * scale * POSITION_BYTES >= limit_bytes)


def _pair_terms(tokens: _Units, ids: Counter[int]) -> dict[str, int]:
    """Pair id counts as pair term counts, separator pairs left out."""
    return {tokens.pair(pair): n for pair, n in ids.items() if tokens.is_term(pair)}


class _Inverter:
    """Appends each document's entries to per-term byte lists, document by document.

    Every step over characters is a C-level call (`translate`, `sorted`, `map`,
    big-integer and bytes operations): a Python loop per token or per term
    would cost seconds at 10,000 pages. Appending to a term's list is the one
    random memory access per entry, so the lists are compact bytes, and a pair
    term has one list: postings entries shifted above ASCII, interleaved with
    its positions, split apart at the end by deleting either half.
    """

    def __init__(self, plan: _Plan, wide: bool = False) -> None:
        self.plan = plan
        self.tokens = _Units(wide)
        self.words = _WordTerms()
        self.hot, self.pending = self.tokens.known_pairs(plan.hot)  # pending: hot pairs of unseen words
        self.seen = 0  # stand-ins given when `pending` was last looked at
        self.pairs: defaultdict[int, bytearray] = defaultdict(bytearray)  # pair id -> entry, positions, mark, ...
        self.units: defaultdict[int, bytearray] = defaultdict(bytearray)  # code point -> entries
        self.grams: defaultdict[str, bytearray] = defaultdict(bytearray)  # n-gram in index text -> entries
        self.others: defaultdict[str, bytearray] = defaultdict(bytearray)  # words and facets

    def add(self, number: int, document: SearchDocument) -> None:
        fast = self.plan.fast
        title = self.tokens.text(index_text(document.title, fast))
        text = self.tokens.text(index_text(document.title + "\n" + document.text, fast))
        if self.pending and len(self.tokens.back) > self.seen:
            known, self.pending = self.tokens.known_pairs(self.pending)
            self.hot |= known
            self.seen = len(self.tokens.back)
        word_terms, word_counts = self._words(document.words)
        if len(text) < 2:  # an empty page: only its words and facets
            prefixes = self._prefixes(number, document, set(word_counts))
            self._add_common(document, word_terms, word_counts, prefixes)
            return
        pairs = _Pairs(text, self.tokens)
        lengths = list(map(len, pairs.pieces))  # width * occurrences + 1
        unit_counts = pairs.unit_counts
        self._boost_title(title, pairs, lengths, unit_counts)
        grams = self._grams(text, pairs, len(title))
        tfs = {*_occurrences(set(lengths), pairs.width), *set(unit_counts.values()), *grams.values(), *word_counts}
        prefixes = self._prefixes(number, document, tfs)
        _append(self.units, unit_counts, map(prefixes.__getitem__, unit_counts.values()))
        _append(self.grams, grams, map(prefixes.__getitem__, grams.values()))
        self._add_common(document, word_terms, word_counts, prefixes)
        self._add_pairs(pairs, lengths, prefixes)

    def _boost_title(self, title: str, pairs: _Pairs, lengths: list[int], unit_counts: dict[int, int]) -> None:
        """Occurrences in the title count TITLE_BOOST times (`lengths` grow by `width` per occurrence)."""
        extra = TITLE_BOOST - 1
        for char, times in Counter(title).items():
            if char != SEPARATOR:
                unit_counts[ord(char)] += extra * times
        for pair, times in Counter(self.tokens.pair_ids(title)).items():
            if self.tokens.is_term(pair):
                lengths[bisect_left(pairs.ids, pair)] += extra * times * pairs.width

    def _add_common(self, document: SearchDocument, terms: list[str], counts: list[int], prefixes: dict[int, bytes]) -> None:
        _append(self.others, terms, map(prefixes.__getitem__, counts))
        _append(self.others, _facets(document), repeat(prefixes[1]))

    def _prefixes(self, number: int, document: SearchDocument, tfs: set[int]) -> dict[int, bytes]:
        """Postings entry (id and impact digit) for each term frequency in `tfs` (and 1)."""
        tfs.add(1)
        ordered = sorted(tfs)
        length = len(document.title) + 1 + len(document.text)
        digits = _impact_digits(length, self.plan.average, ordered, KIND_WEIGHTS.get(document.kind, 1.0))
        code = _code(number, self.plan.width)
        return dict(zip(ordered, map(str.encode, map(operator.add, repeat(code), digits))))

    def _add_pairs(self, pairs: _Pairs, lengths: list[int], prefixes: dict[int, bytes]) -> None:
        """Per pair term: its postings entry (shifted above ASCII), then its positions and mark."""
        width = pairs.width
        shifted = {width * tf + 1: entry.translate(_HIGH) for tf, entry in prefixes.items()}
        entries = map(operator.add, map(shifted.__getitem__, lengths), pairs.pieces)
        deque(map(operator.iadd, map(self.pairs.__getitem__, pairs.ids), entries), maxlen=0)

    def _grams(self, text: str, pairs: _Pairs, title: int) -> Counter[str]:
        """Counts of the hot n-grams (see `_gram_starts`), title occurrences boosted."""
        present = self.hot.intersection(pairs.ids)
        if not present:
            return Counter()
        hot = bytearray(len(text))
        deque(map(hot.__setitem__, pairs.places(map(bisect_left, repeat(pairs.ids), present)), repeat(1)), maxlen=0)
        threes, fours = _gram_starts(hot, 1), _gram_starts(hot, 2)
        grams = [*map(text.__getitem__, map(slice, threes, map(operator.add, threes, repeat(3)))),
                 *map(text.__getitem__, map(slice, fours, map(operator.add, fours, repeat(4))))]
        counted = Counter(grams)
        in_title = grams[: bisect_left(threes, title)] + grams[len(threes) : len(threes) + bisect_left(fours, title)]
        counted.update(in_title * (TITLE_BOOST - 1))
        return counted

    def _words(self, words: dict[str, int]) -> tuple[list[str], list[int]]:
        """Terms and counts of the jieba words that are index terms."""
        terms = list(map(self.words.__getitem__, words))
        counts = words.values()
        wanted = terms if min(counts, default=1) > 0 else list(map(operator.and_, map(bool, terms), map(operator.gt, counts, repeat(0))))
        return list(compress(terms, wanted)), list(compress(counts, wanted))

    def terms(self) -> Terms:
        """Term -> (postings, positions), with stand-ins turned back into what they stand for."""
        found: Terms = {}
        for pair, entries in self.pairs.items():
            postings = entries.translate(_LOW, _ASCII).decode("ascii")
            found[self.tokens.pair(pair)] = (postings, entries.translate(None, _NON_ASCII).decode("ascii"))
        back = self.tokens.back
        for code, postings in self.units.items():
            found[back.get(code) or chr(code)] = (postings.decode("ascii"), "")
        for gram, postings in self.grams.items():
            found[gram.translate(back)] = (postings.decode("ascii"), "")
        for term, postings in self.others.items():
            found[term] = (postings.decode("ascii"), "")
        return found


def _append(lists: defaultdict[object, bytearray], terms: Iterable[object], entries: Iterable[bytes]) -> None:
    """Each term's list extended by its entry, in one C-level pass."""
    deque(map(operator.iadd, map(lists.__getitem__, terms), entries), maxlen=0)


def _facets(document: SearchDocument) -> list[str]:
    facets = [f"k:{document.kind}"]
    facets.extend(f"r:{name}" for name in document.regions)
    facets.extend(f"t:{name}" for name in document.topics)
    if document.year is not None:
        facets.append(f"y:{document.year}")
    return facets


def _average_length(documents: Sequence[SearchDocument]) -> float:
    return max(1.0, sum(len(d.title) + 1 + len(d.text) for d in documents) / max(1, len(documents)))


Terms = dict[str, tuple[str, str]]  # term -> (postings, positions)


def _invert_range(documents: Sequence[SearchDocument], start: int, stop: int, plan: _Plan) -> list[Terms]:
    """Documents start..stop-1 inverted with their global ids, as one or more parts in id order.

    A new part starts when the Latin words and astral units run out of
    stand-ins (about 15,800 in one part); a page that has more than that
    alone is a wide part of its own.
    """
    parts = []
    inverter = _Inverter(plan)
    for number in range(start, stop):
        document = documents[number]
        try:
            inverter.add(number, document)
        except _Full:
            parts.append(inverter.terms())
            inverter = _Inverter(plan)
            try:
                inverter.add(number, document)
            except _Full:
                wide = _Inverter(plan, wide=True)
                wide.add(number, document)
                parts.append(wide.terms())
    parts.append(inverter.terms())
    return parts


T = TypeVar("T")
_FORKED: Sequence[SearchDocument] = ()  # the documents, inherited by forked workers


def _invert_forked(start: int, stop: int, plan: _Plan) -> list[Terms]:
    return _invert_range(_FORKED, start, stop, plan)


def _merge(parts: Iterable[Terms]) -> Terms:
    """Later parts' lists appended to earlier ones: each part's ids follow the previous part's.

    The first part is taken whole and the others folded into it: one lookup per
    term of the later parts, and no per-term list (building 300,000 small lists
    kept the garbage collector busy for seconds).
    """
    parts = iter(parts)
    merged = dict(next(parts, {}))
    found = merged.get
    for part in parts:
        for term, (posting, position) in part.items():
            earlier = found(term)
            merged[term] = (posting, position) if earlier is None else (earlier[0] + posting, earlier[1] + position)
    return merged


def default_jobs(documents: int) -> int:
    """Worker processes worth starting: one per core for corpora where it pays off.

    None inside a daemonic pool worker (it may not start children) or where
    processes cannot be forked.
    """
    if (
        documents < PARALLEL_MIN_DOCUMENTS
        or multiprocessing.current_process().daemon
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _range_bounds(documents: Sequence[SearchDocument], jobs: int) -> list[int]:
    """Where each process's id range starts (and the end), splitting the text evenly:
    pages differ in length by kind (region digests are long, entity pages short),
    so equal numbers of pages would leave one process waiting for the other. This
    process's own, last range is OWN_SHARE_LESS shorter."""
    ends = list(accumulate(len(d.title) + len(d.text) + 1 for d in documents))
    total = ends[-1] if ends else 0
    share = total / jobs * (1 - OWN_SHARE_LESS)
    others = total - share
    starts = [bisect_left(ends, others * i / (jobs - 1)) for i in range(1, jobs)]
    return [0, *starts, len(documents)]


def _invert(documents: Sequence[SearchDocument], plan: _Plan, jobs: int, meanwhile: Callable[[], T]) -> tuple[Terms, T]:
    """Every document's terms appended to the inverted lists, in id order, and `meanwhile()`.

    With several jobs, contiguous id ranges are inverted in forked processes (the
    documents are inherited, not pickled) and concatenated in range order, which
    gives the same bytes as one process. This process inverts the last range
    itself, a little shorter than the others, then runs `meanwhile`, work that
    needs no index, while the workers finish.
    """
    if jobs <= 1:
        return _merge(_invert_range(documents, 0, len(documents), plan)), meanwhile()
    global _FORKED
    bounds = _range_bounds(documents, jobs)
    _FORKED = documents
    try:
        with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            forked = pool.map(_invert_forked, bounds[:-2], bounds[1:-1], repeat(plan))
            own = _invert_range(documents, bounds[-2], bounds[-1], plan)
            extra = meanwhile()
            return _merge(chain(chain.from_iterable(forked), own)), extra
    finally:
        _FORKED = ()


def bucket_of(term: str, buckets: int) -> int:
    """CRC-32 of the UTF-8 term; `buckets` is a power of two."""
    return zlib.crc32(term.encode("utf-8")) & (buckets - 1)


def choose_buckets(total_bytes: int) -> int:
    """Enough buckets that a shard holds about SHARD_TARGET_BYTES."""
    buckets = 1
    while buckets < MAX_BUCKETS and total_bytes / buckets > SHARD_TARGET_BYTES:
        buckets *= 2
    return buckets


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def shard_name(bucket: int) -> str:
    return f"{bucket:03x}.json"


def _shard_bytes(terms: Terms) -> int:
    """What the shards hold: short lists and the JSON around them (long ones are only a number)."""
    short = [len(value) for pair in terms.values() for value in pair if len(value) <= OWN_FILE_CHARS]
    return sum(short) + 8 * len(terms)


def _term_shards(terms: Terms, buckets: int) -> dict[str, bytes]:
    """Postings shards `p/` and, for pair terms, positions shards `x/` in the same buckets.

    Positions live apart so that a query needing no verification (one or two
    units, or a hot n-gram) never downloads them. A list longer than
    OWN_FILE_CHARS is the file `t/<n>.json` and its shard holds n: common
    terms carry most of the bytes, and a query fetching one then gets no
    other term's list with it.
    """
    postings: list[dict[str, str | int]] = [{} for _ in range(buckets)]
    positions: list[dict[str, str | int]] = [{} for _ in range(buckets)]
    for term, (posting, position) in terms.items():
        bucket = bucket_of(term, buckets)
        postings[bucket][term] = posting
        if position:
            positions[bucket][term] = position
    files: dict[str, bytes] = {}
    long = sorted(term for term, pair in terms.items() if max(map(len, pair)) > OWN_FILE_CHARS)
    for term in long:  # numbered in term order, whatever the order the terms were found in
        bucket = bucket_of(term, buckets)
        for shard in (postings[bucket], positions[bucket]):
            if len(shard.get(term, "")) > OWN_FILE_CHARS:
                files[f"{FOLDER}t/{len(files)}.json"] = _json(shard[term])
                shard[term] = len(files) - 1
    files.update({f"{FOLDER}p/{shard_name(i)}": _json(shard) for i, shard in enumerate(postings)})
    files.update({f"{FOLDER}x/{shard_name(i)}": _json(shard) for i, shard in enumerate(positions)})
    return files


def _document_shards(documents: Sequence[SearchDocument]) -> tuple[int, dict[str, bytes]]:
    """Pages grouped by id so one result costs about DOC_SHARD_TARGET_BYTES."""
    rows = [_json([d.url, d.title, d.kind, d.date, d.region, list(d.topics), d.text[:MAX_STORED_CHARS]]) for d in documents]
    average = sum(map(len, rows)) / max(1, len(rows))
    per_shard = max(1, round(DOC_SHARD_TARGET_BYTES / max(1.0, average)))
    files = {
        f"{FOLDER}d/{start // per_shard}.json": b"[" + b",".join(rows[start : start + per_shard]) + b"]"
        for start in range(0, len(rows), per_shard)
    }
    return per_shard, files


def _conversion_table(characters: set[str], vocabulary: Terms) -> dict[str, object]:
    """The Traditional -> Simplified mappings a query against this corpus can need.

    Characters whose simplified form occurs in the corpus, and vocabulary pairs
    (`人工智慧` -> `人工智能`) whose mainland form's pairs all occur.
    """
    chars = "".join(t + s for t, s in sorted(t2s_characters().items()) if s in characters)
    phrases: dict[str, str] = {}
    for source, target in t2s_phrases().items():
        key, value = normalise(source), normalise(target)
        parts = units(value)
        pairs = map(operator.add, parts, parts[1:])
        if key != value and "".join(units(key)) == key and all(p in vocabulary for p in pairs):
            phrases[key] = value
    return {"chars": chars, "phrases": phrases}


def _facet_counts(documents: Sequence[SearchDocument]) -> dict[str, list[list[object]]]:
    regions = Counter(name for d in documents for name in d.regions)
    topics = Counter(name for d in documents for name in d.topics)
    years = Counter(d.year for d in documents if d.year is not None)
    kinds = Counter(d.kind for d in documents)
    return {
        "region": [[k, v] for k, v in sorted(regions.items(), key=lambda kv: (-kv[1], kv[0]))],
        "topic": [[k, v] for k, v in sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))],
        "year": [[k, v] for k, v in sorted(years.items(), reverse=True)],
        "kind": [[k, v] for k, v in sorted(kinds.items())],
    }


def build_search_files(
    documents: list[SearchDocument], jobs: int | None = None, hot_bytes: int = HOT_POSITION_BYTES
) -> dict[str, bytes]:
    """All index files, by path relative to the output folder (`search/manifest.json` ...).

    Deterministic: the same documents give byte-identical files, whatever `jobs`
    (worker processes; default: one per core for large corpora, else none).
    `hot_bytes`: pairs whose positions would exceed this get 3/4-unit n-gram terms.
    """
    width = id_width(len(documents))
    fast = len(documents) >= FAST_NORMALISE_MIN_DOCUMENTS
    if fast:
        index_text("", fast=True)  # build the table once, before any worker inherits it
    hot = hot_pairs(documents, hot_bytes, fast)
    plan = _Plan(width, _average_length(documents), fast, hot)
    jobs = default_jobs(len(documents)) if jobs is None else jobs
    terms, (per_shard, document_files) = _invert(documents, plan, jobs, lambda: _document_shards(documents))
    buckets = choose_buckets(_shard_bytes(terms))
    files = _term_shards(terms, buckets)
    files.update(document_files)
    characters = {t for t in terms if len(t) == 1}
    files[f"{FOLDER}query.json"] = _json({**_conversion_table(characters, terms), "hot": sorted(hot)})
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + files[path])
    files[f"{FOLDER}manifest.json"] = _json(
        {
            "version": FORMAT_VERSION,
            "key": digest.hexdigest()[:16],
            "documents": len(documents),
            "buckets": buckets,
            "idWidth": width,
            "docsPerShard": per_shard,
            "maxImpact": MAX_IMPACT,
            "minWordUnits": MIN_WORD_UNITS,
            "wordBoost": WORD_BOOST,
            "facets": _facet_counts(documents),
        }
    )
    return dict(sorted(files.items()))
