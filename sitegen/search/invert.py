"""Invert pages into term lists: for every term, the postings entries of the pages
that contain it in page order and, for pair terms, where in each page it occurs.

Why arrays: 10,000 pages hold ~20 million tokens, and any step taken per token in
Python costs seconds. Here a page's index text becomes code points in a numpy
array; one sort of packed (term, place) words brings each term's occurrences
together, page by page, and every list is cut from a few large encoded buffers.
Python loops run per page (preparing its text, words and facets) and per distinct
term (naming it), never per token.

Tokens: a CJK character or other unit is its own code point; a Latin word (and
any run of letters/digits) is one character from planes 4-16, which hold no letter
or digit (`_StandIns`). SEPARATOR is code point 0, and pages are joined with it,
so no pair spans a separator or two pages.

Pages are inverted in chunks of about CHUNK_TOKENS tokens, which bounds the
memory one chunk needs (~60 bytes a token); each chunk's lists are appended to
those of the chunks before it.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat

import numpy as np

from sitegen.search.documents import SearchDocument
from sitegen.search.text import LATIN_WORD, SEPARATOR, index_text, normalise, units

DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
POSITION_MARKS = ".,;:!"  # ends a posting's positions; its index + 1 = digits per position
MAX_IMPACT = 63
K1 = 1.2
B = 0.75
TITLE_BOOST = 3  # an occurrence in the title counts as three in the body
# Region, topic and entity pages are short digests of sentences quoted from the
# articles; BM25's length normalisation alone would rank them above the articles
# the words come from, so their matches weigh less (a title match still wins).
KIND_WEIGHTS = {"article": 1.0, "region": 0.8, "topic": 0.8, "entity": 0.6}
MIN_WORD_UNITS = 3  # shorter words are already single index terms
CHUNK_TOKENS = 1 << 21
POSITION_BYTES = 2  # typical digits per stored position
HOT_SAMPLE_DOCUMENTS = 1000  # pages sampled to find the hot pairs

Terms = dict[str, tuple[str, str]]  # term -> (postings, positions)

_STAND_IN_BASE = 0x40000  # planes 4-16 hold no letter or digit
_LAST_CODE = 0x10FFFF
_DIGIT_BYTES = np.frombuffer(DIGITS.encode("ascii"), np.uint8)
_MARK_BYTES = np.frombuffer(POSITION_MARKS.encode("ascii"), np.uint8)
_SEPARATOR_CODE = ord(SEPARATOR)
_FILL = 0x7F  # neither digit nor mark


def id_width(count: int) -> int:
    """Digits needed for numbers 0..count-1."""
    width = 1
    while 64**width < count:
        width += 1
    return width


@dataclass(frozen=True)
class Plan:
    """What every page's inversion needs to know about the whole corpus."""

    width: int  # digits of a document id
    average: float  # average page length, for BM25
    fast: bool  # normalise with the precomputed table
    hot: frozenset[str]  # pairs whose positions would be too big to download


class Full(Exception):
    """No stand-in is left for another Latin word."""


class StandIns(dict):
    """Latin word -> the one character that stands for it in index text, and back."""

    def __init__(self) -> None:
        super().__init__()
        self.back: dict[int, str] = {}  # code point -> word: a `str.translate` table

    def __missing__(self, word: str) -> str:
        code = _STAND_IN_BASE + len(self.back)
        if code > _LAST_CODE:
            raise Full
        self.back[code] = word
        char = self[word] = chr(code)
        return char

    def text(self, text: str, lookup: Callable[[str], str] | None = None) -> str:
        """Index text with each Latin word as its one character.

        `lookup` replaces assigning stand-ins, e.g. `lambda w: self.get(w, "")`
        to drop the words this table has not seen.
        """
        parts = LATIN_WORD.split(text)
        if len(parts) > 1:
            parts[1::2] = map(lookup or self.__getitem__, parts[1::2])
            text = "".join(parts)
        return text


class _WordTerms(dict):
    """jieba word -> its `w:` term, or "" when the word is not indexed."""

    def __missing__(self, word: str) -> str:
        normal = normalise(word)
        parts = units(normal)
        good = len(parts) >= MIN_WORD_UNITS and "".join(parts) == normal
        term = self[word] = "w:" + normal if good else ""
        return term


class _Numbering(dict):
    """Key -> its number in order of first use."""

    def __missing__(self, key: object) -> int:
        number = self[key] = len(self)
        return number


def facets(document: SearchDocument) -> list[str]:
    """The page's facet terms: kind, regions, topics, year."""
    found = [f"k:{document.kind}"]
    found.extend(f"r:{name}" for name in document.regions)
    found.extend(f"t:{name}" for name in document.topics)
    if document.year is not None:
        found.append(f"y:{document.year}")
    return found


def _codes(texts: Sequence[str]) -> np.ndarray:
    """The code points of the texts, each followed by SEPARATOR."""
    joined = SEPARATOR.join(texts) + SEPARATOR
    return np.frombuffer(joined.encode("utf-32-le"), "<u4")


def _by_term(keys: np.ndarray, places: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Occurrences ordered by term key, then by place (`places` ascending for each key).

    When key and place fit in 64 bits together, one sort of packed words does
    it (numpy sorts integers with SIMD, ~20x faster than a stable argsort).
    """
    if not len(keys):
        return keys.astype(np.uint64), places
    place_bits = int(places.max()).bit_length()
    if int(keys.max()).bit_length() + place_bits > 64:
        order = np.argsort(keys, kind="stable")
        return keys[order], places[order]
    shift = np.uint64(place_bits)
    packed = (keys.astype(np.uint64) << shift) | places.astype(np.uint64)
    packed.sort()
    return packed >> shift, (packed & np.uint64((1 << place_bits) - 1)).astype(np.int64)


@dataclass(frozen=True)
class _Groups:
    """Occurrences in term order cut into groups, one per (term, page)."""

    keys: np.ndarray  # key of each term
    term_bounds: np.ndarray  # groups of term i: term_bounds[i] to term_bounds[i + 1]
    bounds: np.ndarray  # occurrences of group j: bounds[j] to bounds[j + 1]
    pages: np.ndarray  # page of each group
    tfs: np.ndarray  # weighted occurrences of each group


def _groups(keys: np.ndarray, pages: np.ndarray, weights: np.ndarray) -> _Groups:
    count = len(keys)
    new_term = np.ones(count, bool)
    np.not_equal(keys[1:], keys[:-1], out=new_term[1:])
    new_group = new_term.copy()
    new_group[1:] |= pages[1:] != pages[:-1]
    starts = np.flatnonzero(new_group)
    tfs = np.add.reduceat(weights, starts) if count else weights
    term_bounds = np.append(np.flatnonzero(new_term[starts]), len(starts))
    return _Groups(keys[starts[term_bounds[:-1]]], term_bounds, np.append(starts, count), pages[starts], tfs)


@dataclass
class _Chunk:
    """Pages gathered for one inversion: index texts, BM25 constants, words and facets."""

    plan: Plan
    words: _WordTerms
    stand_ins: StandIns = field(default_factory=StandIns)
    numbers: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    title_lengths: list[int] = field(default_factory=list)
    norms: list[float] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    other_terms: list[str] = field(default_factory=list)  # jieba words and facets, page by page
    other_pages: list[int] = field(default_factory=list)
    other_tfs: list[int] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)  # where each line of each page starts in it
    line_counts: list[int] = field(default_factory=list)  # lines of each page
    strides: list[int] = field(default_factory=list)  # each page's line stride (`_Inversion._positions`)
    tokens: int = 0

    def add(self, number: int, document: SearchDocument) -> None:
        """Take one page; raises Full, taking nothing, when its Latin words do not fit."""
        fast = self.plan.fast
        title = self.stand_ins.text(index_text(document.title, fast))
        lines = [self.stand_ins.text(index_text(line, fast)) for line in f"{document.title}\n{document.text}".split("\n")]
        text = SEPARATOR.join(lines)
        page = len(self.texts)
        self.numbers.append(number)
        self.texts.append(text)
        lengths = list(map(len, lines))
        stride = 1 << max(lengths).bit_length()
        if id_width(len(lengths) * stride) > len(POSITION_MARKS):  # thousands of lines and a huge one
            lengths, stride = [len(text)], max(1, len(text))  # places count from the top
        self.line_starts.extend(accumulate((length + 1 for length in lengths[:-1]), initial=0))
        self.line_counts.append(len(lengths))
        self.strides.append(stride)
        self.title_lengths.append(len(title))
        length = len(document.title) + 1 + len(document.text)
        self.norms.append(K1 * (1 - B + B * length / self.plan.average))
        self.weights.append(KIND_WEIGHTS.get(document.kind, 1.0) * (K1 + 1))
        self.tokens += len(text) + 1
        terms = list(map(self.words.__getitem__, document.words))
        counts = list(document.words.values())
        if not all(terms) or min(counts, default=1) < 1:
            kept = list(map(operator.and_, map(bool, terms), map(operator.gt, counts, repeat(0))))
            terms, counts = list(compress(terms, kept)), list(compress(counts, kept))
        terms.extend(facets(document))
        counts.extend(repeat(1, len(terms) - len(counts)))
        self.other_terms.extend(terms)
        self.other_tfs.extend(counts)
        self.other_pages.extend(repeat(page, len(terms)))

    def invert(self) -> Terms:
        """Term -> (postings, positions) of these pages."""
        return _Inversion(self).terms()


class _Inversion:
    """One chunk's token arrays and the term lists cut from them."""

    def __init__(self, chunk: _Chunk) -> None:
        self.chunk = chunk
        self.codes = _codes(chunk.texts)
        sizes = np.fromiter(map(len, chunk.texts), np.int64, len(chunk.texts)) + 1
        self.page_of = np.repeat(np.arange(len(sizes)), sizes)
        self.starts = np.cumsum(sizes) - sizes
        self.titles = np.array(chunk.title_lengths, np.int64)
        self.present = np.unique(self.codes)  # sorted: the dense id of a unit is its index here
        lookup = np.zeros(_LAST_CODE + 1, np.int32)
        lookup[self.present] = np.arange(len(self.present), dtype=np.int32)
        self.dense = lookup[self.codes].astype(np.uint64)
        self.back = chunk.stand_ins.back
        self.numbers = np.array(chunk.numbers, np.int64)
        self.norms = np.array(chunk.norms)
        self.weights = np.array(chunk.weights)
        line_counts = np.array(chunk.line_counts, np.int64)
        self.first_line = np.cumsum(line_counts) - line_counts
        self.line_starts = np.array(chunk.line_starts, np.int64) + np.repeat(self.starts, line_counts)
        self.strides = np.array(chunk.strides, np.int64)
        self.page_widths = np.array(
            [id_width(lines * stride) for lines, stride in zip(chunk.line_counts, chunk.strides)], np.int64,
        )

    def terms(self) -> Terms:
        found = self._units()
        pair_places = np.flatnonzero((self.codes[:-1] != _SEPARATOR_CODE) & (self.codes[1:] != _SEPARATOR_CODE))
        pair_keys = self.dense[pair_places] * np.uint64(len(self.present)) + self.dense[pair_places + 1]
        found.update(self._pairs(pair_places, pair_keys))
        found.update(self._grams(pair_places, pair_keys))
        found.update(self._others())
        return found

    def _postings(self, groups: _Groups) -> str:
        """Each group's entry: the page's id in `width` digits and its impact digit.

        The impact is BM25's term-frequency part: saturating in tf, normalised by
        length, times the page kind's weight, scaled to 1..63 so the browser
        multiplies it by its idf.
        """
        width = self.chunk.plan.width
        ids = self.numbers[groups.pages]
        tfs = groups.tfs.astype(np.float64)
        scaled = self.weights[groups.pages] * tfs / (tfs + self.norms[groups.pages]) / (K1 + 1) * MAX_IMPACT
        impacts = np.clip(np.rint(scaled), 1, MAX_IMPACT).astype(np.int64)
        table = np.empty((len(ids), width + 1), np.uint8)
        for k in range(width):
            table[:, k] = _DIGIT_BYTES[(ids >> (6 * (width - 1 - k))) & 63]
        table[:, width] = _DIGIT_BYTES[impacts]
        return table.tobytes().decode("ascii")

    def _lists(self, keys: np.ndarray, places: np.ndarray, span: int) -> tuple[_Groups, np.ndarray]:
        """Groups of the occurrences of `span` units at `places`, title occurrences
        boosted; and the places in group order."""
        keys, places = _by_term(keys, places)
        pages = self.page_of[places]
        inside = places - self.starts[pages] + span <= self.titles[pages]
        return _groups(keys, pages, np.where(inside, TITLE_BOOST, 1)), places

    def _named(self, names: list[str], groups: _Groups, positions: tuple[str, list[int]] | None = None) -> Terms:
        postings = self._postings(groups)
        entry = self.chunk.plan.width + 1
        bounds = groups.term_bounds.tolist()
        if positions is None:
            return {name: (postings[bounds[i] * entry : bounds[i + 1] * entry], "") for i, name in enumerate(names)}
        text, offsets = positions
        return {
            name: (postings[bounds[i] * entry : bounds[i + 1] * entry], text[offsets[bounds[i]] : offsets[bounds[i + 1]]])
            for i, name in enumerate(names)
        }

    def _units(self) -> Terms:
        places = np.flatnonzero(self.codes != _SEPARATOR_CODE)
        groups = self._lists(self.dense[places], places, 1)[0]
        return self._named(self._names(self.present[groups.keys.astype(np.int64)][:, None]), groups)

    def _pairs(self, places: np.ndarray, keys: np.ndarray) -> Terms:
        """Pair terms with their positions: the place in the page of each occurrence (`_positions`)."""
        groups, sorted_places = self._lists(keys, places, 2)
        count = np.uint64(len(self.present))
        dense = np.stack((groups.keys // count, groups.keys % count), axis=1).astype(np.int64)
        return self._named(self._names(self.present[dense]), groups, self._positions(groups, sorted_places))

    def _names(self, codes: np.ndarray) -> list[str]:
        """Terms from rows of code points, one row per term, stand-ins turned back into words."""
        rows, width = codes.shape
        text = codes.astype("<u4").tobytes().decode("utf-32-le")
        names = [text[start : start + width] for start in range(0, rows * width, width)]
        for row in np.flatnonzero((codes >= _STAND_IN_BASE).any(axis=1)).tolist():
            names[row] = names[row].translate(self.back)
        return names

    def _positions(self, groups: _Groups, places: np.ndarray) -> tuple[str, list[int]]:
        """Every occurrence's place in its page as digits (as many as the page needs),
        a mark after each group's last; and where each group's text begins.

        A place is its line's number in the page times the page's stride (a
        power of two longer than its longest line) plus its offset in the line.
        The browser only asks whether pairs follow each other, which this keeps
        (no pair spans lines, and a stride's gap after each line holds no
        place); and an edit that changes one line (a sentence of a region's
        summary) moves no other line's places, so a preview's index rewrites
        only the buckets of that line's terms, not of every term of the page.
        A page of short lines may need a digit more per place than counted
        from its top (the index of 10,000 articles is 7 % larger, a query's
        download 1 % at the median and 8 % at the 95th percentile, gzipped):
        the price of an edit at 10,000 sources taking 0.7 s instead of 3-4 s.
        A page whose places would need more digits than a position may have
        (thousands of lines and a huge one) counts them from its top.

        Laid out as a table with a column per digit the longest page needs and
        one for the mark; cells a page does not use hold a filler that one
        `bytes.translate` then deletes.
        """
        pages = self.page_of[places]
        lines = np.searchsorted(self.line_starts, places, side="right") - 1
        local = (lines - self.first_line[pages]) * self.strides[pages] + places - self.line_starts[lines]
        widths = self.page_widths[pages]
        last = np.zeros(len(places), bool)
        last[groups.bounds[1:] - 1] = True
        columns = int(widths.max(initial=1))
        table = np.empty((len(places), columns + 1), np.uint8)
        for column in range(columns):
            power = columns - 1 - column
            digits = _DIGIT_BYTES[(local >> (6 * power)) & 63]
            table[:, column] = digits if power == 0 else np.where(widths > power, digits, _FILL)
        table[:, columns] = np.where(last, _MARK_BYTES[widths - 1], _FILL)
        offsets = np.zeros(len(places) + 1, np.int64)
        np.cumsum(widths + last, out=offsets[1:])
        text = table.tobytes().translate(None, bytes([_FILL])).decode("ascii")
        return text, offsets[groups.bounds].tolist()

    def _grams(self, pair_places: np.ndarray, pair_keys: np.ndarray) -> Terms:
        """Hot n-grams: three units whose two pairs are hot, four whose first and last are.

        They are answered by their own exact postings instead of the large
        position lists of their pairs (`人工智能` where 人工 and 智能 are on
        every page). A gram is named by the ranks of its two hot pairs.
        """
        hot_codes, hot_keys = self._hot_pairs()
        if not len(hot_keys):
            return {}
        rank = np.searchsorted(hot_keys, pair_keys)
        is_hot = hot_keys[np.minimum(rank, len(hot_keys) - 1)] == pair_keys
        ranks = np.full(len(self.codes), -1, np.int64)
        ranks[pair_places[is_hot]] = rank[is_hot]
        count = len(hot_keys)
        threes = np.flatnonzero((ranks[:-1] >= 0) & (ranks[1:] >= 0))
        fours = np.flatnonzero((ranks[:-2] >= 0) & (ranks[2:] >= 0))
        keys = np.concatenate((ranks[threes] * count + ranks[threes + 1], count * count + ranks[fours] * count + ranks[fours + 2]))
        groups = self._lists(keys, np.concatenate((threes, fours)), 1)[0]  # boosted when it starts in the title
        names = []
        for key in groups.keys.tolist():
            first, second = divmod(key % (count * count), count)
            tail = hot_codes[second][1:] if key < count * count else hot_codes[second]
            names.append((hot_codes[first] + tail).translate(self.back))
        return self._named(names, groups)

    def _hot_pairs(self) -> tuple[list[str], np.ndarray]:
        """The plan's hot pairs that occur in this chunk: index texts and pair keys, by key."""
        known: dict[int, str] = {}
        count = len(self.present)
        for pair in self.chunk.plan.hot:
            text = self.chunk.stand_ins.text(pair, lambda word: self.chunk.stand_ins.get(word, ""))
            if len(text) != 2:
                continue
            codes = np.array([ord(text[0]), ord(text[1])], np.uint32)
            dense = np.searchsorted(self.present, codes)
            if (dense < count).all() and (self.present[np.minimum(dense, count - 1)] == codes).all():
                known[int(dense[0]) * count + int(dense[1])] = text
        keys = sorted(known)
        return [known[key] for key in keys], np.array(keys, np.uint64)

    def _others(self) -> Terms:
        """jieba words and facets: one entry per page, tf as given."""
        chunk = self.chunk
        numbering = _Numbering()
        keys = np.fromiter(map(numbering.__getitem__, chunk.other_terms), np.int64, len(chunk.other_terms))
        places = np.arange(len(keys))
        keys, places = _by_term(keys, places)
        pages = np.array(chunk.other_pages, np.int64)[places]
        groups = _groups(keys, pages, np.array(chunk.other_tfs, np.int64)[places])
        names = list(numbering)
        return self._named([names[key] for key in groups.keys.tolist()], groups)


def invert_range(documents: Sequence[SearchDocument], start: int, stop: int, plan: Plan) -> Terms:
    """Pages start..stop-1 inverted with their global ids.

    Pages are inverted a chunk at a time: a new chunk starts every CHUNK_TOKENS
    tokens, or when the Latin words run out of stand-ins (~835,000 in one
    chunk). Each chunk's lists are appended to the range's as soon as it is
    inverted: kept apart, the ten chunks of 10,000 pages held every common term
    ten times over, each with its own name, tuple and strings (~1 GB more).
    """
    terms: Terms = {}
    words = _WordTerms()
    chunk = _Chunk(plan, words)
    for number in range(start, stop):
        while True:
            try:
                chunk.add(number, documents[number])
                break
            except Full:
                if not chunk.texts:
                    raise ValueError(f"{documents[number].url}: too many distinct Latin words to index") from None
                terms = append_terms(terms, chunk.invert())
                chunk = _Chunk(plan, words)
        if chunk.tokens >= CHUNK_TOKENS:
            terms = append_terms(terms, chunk.invert())
            chunk = _Chunk(plan, words)
    if chunk.texts or not terms:
        terms = append_terms(terms, chunk.invert())
    return terms


def append_terms(terms: Terms, later: Terms) -> Terms:
    """`later`'s lists appended to those of `terms`, whose pages they follow; `terms`
    is updated in place, or `later` taken whole when `terms` is empty.

    One lookup per term of `later`, and no per-term list (building 300,000 small
    lists kept the garbage collector busy for seconds).
    """
    if not terms:
        return later
    found = terms.get
    for term, (postings, positions) in later.items():
        earlier = found(term)
        terms[term] = (postings, positions) if earlier is None else (earlier[0] + postings, earlier[1] + positions)
    return terms


def hot_sample(documents: Sequence[SearchDocument]) -> Sequence[SearchDocument]:
    """The fixed sample of pages hot pairs are estimated from: every n-th."""
    return documents[:: hot_sample_step(len(documents))]


def hot_sample_step(count: int) -> int:
    return max(1, count // HOT_SAMPLE_DOCUMENTS)


def hot_in_sample(counts: Counter[str], count: int, limit_bytes: int, pairs: Iterable[str] | None = None) -> frozenset[str]:
    """Pairs whose positions are estimated, from the pair `counts` of the fixed
    sample (`hot_sample`) of `count` pages, to exceed `limit_bytes`; of `pairs`
    only, when given.

    Any set gives exact results (the browser reads it from `query.json`); this one
    keeps the downloads of common three- and four-character queries small.
    """
    scale = count / max(1, len(hot_sample(range(count))))
    found = counts.items() if pairs is None else ((pair, counts[pair]) for pair in pairs)
    return frozenset(pair for pair, n in found if n * scale * POSITION_BYTES >= limit_bytes)


def sample_pair_counts(sample: Iterable[SearchDocument], fast: bool) -> Counter[str]:
    """Occurrences of each pair term in the pages: one page's counts add to another's
    (no pair spans two pages), so a preview updates them page by page."""
    counts: Counter[str] = Counter()
    stand_ins, texts = StandIns(), []
    for document in sample:
        text = index_text(document.title + "\n" + document.text, fast)
        try:
            texts.append(stand_ins.text(text))
        except Full:
            counts.update(_pair_counts(texts, stand_ins))
            stand_ins, texts = StandIns(), []
            with suppress(Full):  # a page with more words than stand-ins alone: the inversion names it
                texts.append(stand_ins.text(text))
    counts.update(_pair_counts(texts, stand_ins))
    return counts


def _pair_counts(texts: list[str], stand_ins: StandIns) -> dict[str, int]:
    """Occurrences of each pair term in the texts."""
    codes = _codes(texts).astype(np.uint64)
    real = (codes[:-1] != _SEPARATOR_CODE) & (codes[1:] != _SEPARATOR_CODE)
    keys, counts = np.unique((codes[:-1][real] << np.uint64(32)) | codes[1:][real], return_counts=True)
    names = ((chr(key >> 32) + chr(key & 0xFFFFFFFF)).translate(stand_ins.back) for key in keys.tolist())
    return dict(zip(names, counts.tolist()))
