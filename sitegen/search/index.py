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
`x/<bucket>.json` (term -> postings / positions; bucket = CRC-32 of the UTF-8
term modulo a power of two chosen by index size), `d/<n>.json` (pages).

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
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, repeat

from sitegen.search.documents import SearchDocument
from sitegen.search.text import (
    is_separator_term,
    normalise,
    t2s_characters,
    t2s_phrases,
    tokens,
    units,
)

FORMAT_VERSION = 1
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
SHARD_TARGET_BYTES = 16 * 1024
MAX_BUCKETS = 4096
DOC_SHARD_TARGET_BYTES = 8 * 1024
MAX_STORED_CHARS = 200_000  # text kept per page for snippets; matching uses all of it
FOLDER = "search/"
PARALLEL_MIN_DOCUMENTS = 2000  # below this, starting processes costs more than it saves
FAST_NORMALISE_MIN_DOCUMENTS = 500  # from here on, the normalisation table pays for itself
HOT_POSITION_BYTES = 16 * 1024  # pairs with more position data than this get n-gram terms
HOT_SAMPLE_DOCUMENTS = 1000  # pages sampled to find them
POSITION_BYTES = 2  # typical digits per stored position


def _fixed_width_codes(width: int) -> list[str]:
    """Every number below 64**width as `width` base-64 digits."""
    codes = [""]
    for _ in range(width):
        codes = [prefix + digit for prefix in codes for digit in DIGITS]
    return codes


def id_width(count: int) -> int:
    """Digits needed for document ids 0..count-1."""
    width = 1
    while 64**width < count:
        width += 1
    return width


POSITION_MARKS = ".,;:!"  # ends a posting's positions; its index + 1 = digits per position


class _FixedCodes(dict):
    """Number -> `width` base-64 digits, computed once per number."""

    def __init__(self, width: int, suffix: str = "") -> None:
        super().__init__()
        self.width, self.suffix = width, suffix

    def __missing__(self, number: int) -> str:
        digits = [DIGITS[(number >> (6 * i)) & 63] for i in reversed(range(self.width))]
        code = self[number] = "".join(digits) + self.suffix
        return code


@lru_cache(maxsize=None)
def _position_tables(width: int) -> tuple[_FixedCodes, _FixedCodes]:
    """(code, code + mark) tables for positions of `width` digits."""
    return _FixedCodes(width), _FixedCodes(width, POSITION_MARKS[width - 1])


def _impact_digits(length: int, average: float, top: int, kind_weight: float) -> list[str]:
    """Impact digit for each term frequency 0..top in a document of `length`.

    BM25's term-frequency part: saturating in tf, normalised by length, times the
    page kind's weight, scaled to 1..63 so the browser multiplies it by its idf.
    """
    norm = K1 * (1 - B + B * length / average)
    digits = [DIGITS[0]]
    for tf in range(1, top + 1):
        saturation = kind_weight * tf * (K1 + 1) / (tf + norm)
        digits.append(DIGITS[max(1, min(MAX_IMPACT, round(saturation / (K1 + 1) * MAX_IMPACT)))])
    return digits


class _TermIds(dict):
    """Term -> dense id; a new term gets the next id and empty postings/positions lists."""

    def __init__(self) -> None:
        super().__init__()
        self.terms: list[str] = []
        self.postings: list[bytearray] = []
        self.positions: list[bytearray] = []

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self.terms)
        self.terms.append(term)
        self.postings.append(bytearray())
        self.positions.append(bytearray())
        return number


class _IsUnit(dict):
    """Token -> False when it is a separator run, cached: tokens repeat endlessly."""

    def __missing__(self, token: str) -> bool:
        value = self[token] = not is_separator_term(token)
        return value


class _WordIds(dict):
    """jieba word -> id of its `w:` term, or -1 when the word is not indexed."""

    def __init__(self, ids: _TermIds) -> None:
        super().__init__()
        self.ids = ids

    def __missing__(self, word: str) -> int:
        term = _index_word(word)
        value = self[word] = -1 if term is None else self.ids[term]
        return value


_ENTRY = re.compile(rb"[^.,;:!]+[.,;:!]")


def _consume(iterator: Iterable[object]) -> None:
    deque(iterator, maxlen=0)


@dataclass(frozen=True)
class _Plan:
    """What every document's inversion needs to know about the whole corpus."""

    width: int  # digits of a document id
    average: float  # average page length, for BM25
    fast: bool  # normalise with the precomputed table
    hot: frozenset[str]  # pairs whose positions would be too big to download


def _hot_grams(stream: list[str], pairs: list[str], hot: frozenset[str]) -> Counter[str]:
    """3- and 4-unit strings whose covering pairs are both hot, with their counts.

    A phrase of three or four units made of hot pairs is then answered by its own
    postings, exact by construction, instead of by the large position lists of
    its pairs (`人工智能` where 人工 and 智能 are on every page).
    """
    if not hot:
        return Counter()
    flags = list(map(hot.__contains__, pairs))
    grams = Counter(compress(map(operator.add, pairs, stream[2:]), map(operator.and_, flags, flags[1:])))
    grams.update(compress(map(operator.add, pairs, pairs[2:]), map(operator.and_, flags, flags[2:])))
    return grams


def hot_pairs(documents: Sequence[SearchDocument], limit_bytes: int, fast: bool) -> frozenset[str]:
    """Pairs whose positions are estimated, from a fixed sample, to exceed `limit_bytes`.

    Any set gives exact results (the browser reads it from `query.json`); this one
    keeps the downloads of common three- and four-character queries small.
    """
    step = max(1, len(documents) // HOT_SAMPLE_DOCUMENTS)
    sample = documents[::step]
    counts: Counter[str] = Counter()
    for document in sample:
        stream = tokens(normalise(document.title + "\n" + document.text, fast))
        counts.update(map(operator.add, stream, stream[1:]))
    scale = len(documents) / max(1, len(sample))
    return frozenset(
        pair for pair, n in counts.items() if n * scale * POSITION_BYTES >= limit_bytes and not is_separator_term(pair)
    )


class _Inverter:
    """Appends each document's entries to per-term byte lists, document by document.

    Every step over tokens is a C-level `map`/`sorted`/`Counter` call: a Python
    loop per token or per term would cost seconds at 10,000 pages.
    """

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.ids = _TermIds()
        self.is_unit = _IsUnit()
        self.word_ids = _WordIds(self.ids)
        self.codes = _fixed_width_codes(plan.width)

    def add(self, number: int, document: SearchDocument) -> None:
        title = normalise(document.title, self.plan.fast)
        stream = tokens(title + "\n" + normalise(document.text, self.plan.fast))
        keep = list(map(self.is_unit.__getitem__, stream))
        both = list(map(operator.and_, keep, keep[1:]))
        pairs = list(map(operator.add, stream, stream[1:]))
        pair_ids = list(map(self.ids.__getitem__, compress(pairs, both)))
        unit_counts = Counter(compress(stream, keep))
        pair_counts = Counter(pair_ids)
        gram_counts = _hot_grams(stream, pairs, self.plan.hot)
        self._boost_title(title, unit_counts, pair_counts, gram_counts)
        word_ids, word_counts = self._words(document.words)
        top = max([1, *unit_counts.values(), *pair_counts.values(), *gram_counts.values(), *word_counts])
        length = len(document.title) + 1 + len(document.text)
        digits = _impact_digits(length, self.plan.average, top, KIND_WEIGHTS.get(document.kind, 1.0))
        prefixes = [(self.codes[number] + digit).encode("ascii") for digit in digits]
        postings = self.ids.postings
        unit_ids = map(self.ids.__getitem__, unit_counts)
        gram_ids = map(self.ids.__getitem__, gram_counts)
        for term_ids, counts in (
            (unit_ids, unit_counts.values()), (gram_ids, gram_counts.values()), (word_ids, word_counts)
        ):
            _consume(map(bytearray.extend, map(postings.__getitem__, term_ids), map(prefixes.__getitem__, counts)))
        for facet in _facets(document):
            postings[self.ids[facet]].extend(prefixes[1])
        if pair_ids:
            places = list(compress(count(), both))
            self._add_pairs(pair_ids, places, pair_counts, prefixes, id_width(len(stream)))

    def _add_pairs(
        self, pair_ids: list[int], places: list[int], counts: Counter[int], prefixes: list[bytes], width: int
    ) -> None:
        """Per pair term: a postings entry, and its positions with the closing mark."""
        order = sorted(range(len(pair_ids)), key=pair_ids.__getitem__)
        pair_ids = list(map(pair_ids.__getitem__, order))
        ends = [*map(operator.ne, pair_ids[1:], pair_ids[:-1]), True]
        tails = _position_tables(width)
        codes = map(operator.getitem, map(tails.__getitem__, ends), map(places.__getitem__, order))
        groups = _ENTRY.findall("".join(codes).encode("ascii"))
        distinct = list(dict.fromkeys(pair_ids))
        heads = map(prefixes.__getitem__, map(counts.__getitem__, distinct))
        _consume(map(bytearray.extend, map(self.ids.postings.__getitem__, distinct), heads))
        _consume(map(bytearray.extend, map(self.ids.positions.__getitem__, distinct), groups))

    def _boost_title(
        self, title: str, unit_counts: Counter[str], pair_counts: Counter[int], gram_counts: Counter[str]
    ) -> None:
        """An occurrence in the title counts TITLE_BOOST times."""
        stream = tokens(title)
        for term in stream:
            if term in unit_counts:
                unit_counts[term] += TITLE_BOOST - 1
        for gram, count_in_title in _hot_grams(stream, list(map(operator.add, stream, stream[1:])), self.plan.hot).items():
            if gram in gram_counts:
                gram_counts[gram] += (TITLE_BOOST - 1) * count_in_title
        for term in map(operator.add, stream, stream[1:]):
            number = self.ids.get(term)
            if number in pair_counts:
                pair_counts[number] += TITLE_BOOST - 1

    def _words(self, words: dict[str, int]) -> tuple[list[int], list[int]]:
        """Ids and counts of the jieba words that are index terms."""
        ids = list(map(self.word_ids.__getitem__, words))
        wanted = list(map(operator.and_, map(operator.ge, ids, repeat(0)), map(operator.gt, words.values(), repeat(0))))
        return list(compress(ids, wanted)), list(compress(words.values(), wanted))


_WORD_CACHE: dict[str, str | None] = {}


def _index_word(word: str) -> str | None:
    """`w:` term of a jieba word, or None when it is short or spans a separator."""
    if word not in _WORD_CACHE:
        normal = normalise(word)
        parts = units(normal)
        good = len(parts) >= MIN_WORD_UNITS and "".join(parts) == normal
        _WORD_CACHE[word] = "w:" + normal if good else None
    return _WORD_CACHE[word]


def _facets(document: SearchDocument) -> list[str]:
    facets = [f"k:{document.kind}"]
    facets.extend(f"r:{name}" for name in document.regions)
    facets.extend(f"t:{name}" for name in document.topics)
    if document.year is not None:
        facets.append(f"y:{document.year}")
    return facets


def _average_length(documents: Sequence[SearchDocument]) -> float:
    return max(1.0, sum(len(d.title) + 1 + len(d.text) for d in documents) / max(1, len(documents)))


def _invert_range(documents: Sequence[SearchDocument], start: int, stop: int, plan: _Plan) -> _Inverter:
    """Documents start..stop-1 inverted on their own, with their global ids."""
    inverter = _Inverter(plan)
    for number in range(start, stop):
        inverter.add(number, documents[number])
    return inverter


_FORKED: Sequence[SearchDocument] = ()  # the documents, inherited by forked workers


def _invert_forked(start: int, stop: int, plan: _Plan) -> tuple[list[str], list[bytearray], list[bytearray]]:
    ids = _invert_range(_FORKED, start, stop, plan).ids
    return ids.terms, ids.postings, ids.positions


def _merge(into: _Inverter, part: tuple[list[str], list[bytearray], list[bytearray]]) -> None:
    """Append a later range's lists: ids of one range all follow the previous range's."""
    ids = into.ids
    for term, posting, position in zip(*part):
        number = ids[term]
        ids.postings[number].extend(posting)
        ids.positions[number].extend(position)


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


def _invert(documents: Sequence[SearchDocument], plan: _Plan, jobs: int) -> _Inverter:
    """Every document's terms appended to the inverted lists, in id order.

    With several jobs, contiguous id ranges are inverted in forked processes (the
    documents are inherited, not pickled) and concatenated in range order, which
    gives the same bytes as one process.
    """
    if jobs <= 1:
        return _invert_range(documents, 0, len(documents), plan)
    global _FORKED
    bounds = [len(documents) * i // jobs for i in range(jobs + 1)]
    _FORKED = documents
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = pool.map(_invert_forked, bounds[:-1], bounds[1:], repeat(plan))
            inverter = _Inverter(plan)
            for part in parts:
                _merge(inverter, part)
    finally:
        _FORKED = ()
    return inverter


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


def _term_shards(ids: _TermIds, buckets: int) -> dict[str, bytes]:
    """Postings shards `p/` and, for pair terms, positions shards `x/` in the same buckets.

    Positions live apart so that a query needing no verification (one or two
    units, or a hot n-gram) never downloads them.
    """
    postings: list[dict[str, str]] = [{} for _ in range(buckets)]
    positions: list[dict[str, str]] = [{} for _ in range(buckets)]
    for term, posting, position in zip(ids.terms, ids.postings, ids.positions):
        bucket = bucket_of(term, buckets)
        postings[bucket][term] = posting.decode("ascii")
        if position:
            positions[bucket][term] = position.decode("ascii")
    files = {f"{FOLDER}p/{shard_name(i)}": _json(shard) for i, shard in enumerate(postings)}
    files.update({f"{FOLDER}x/{shard_name(i)}": _json(shard) for i, shard in enumerate(positions)})
    return files


def _document_shards(documents: Sequence[SearchDocument]) -> tuple[int, dict[str, bytes]]:
    """Pages grouped by id so one result costs about DOC_SHARD_TARGET_BYTES."""
    rows = [
        [d.url, d.title, d.kind, d.date, d.region, list(d.topics), d.text[:MAX_STORED_CHARS]]
        for d in documents
    ]
    average = sum(len(_json(row)) for row in rows) / max(1, len(rows))
    per_shard = max(1, round(DOC_SHARD_TARGET_BYTES / max(1.0, average)))
    files = {
        f"{FOLDER}d/{start // per_shard}.json": _json(rows[start : start + per_shard])
        for start in range(0, len(rows), per_shard)
    }
    return per_shard, files


def _conversion_table(characters: set[str], vocabulary: dict[str, int]) -> dict[str, object]:
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
        normalise("", fast=True)  # build the table once, before any worker inherits it
    hot = hot_pairs(documents, hot_bytes, fast)
    plan = _Plan(width, _average_length(documents), fast, hot)
    inverter = _invert(documents, plan, default_jobs(len(documents)) if jobs is None else jobs)
    terms = inverter.ids.terms
    total = sum(map(len, inverter.ids.postings)) + 8 * len(terms)  # entries + JSON key overhead
    buckets = choose_buckets(total)
    files = _term_shards(inverter.ids, buckets)
    per_shard, document_files = _document_shards(documents)
    files.update(document_files)
    characters = {t for t in terms if len(t) == 1}
    files[f"{FOLDER}query.json"] = _json({**_conversion_table(characters, inverter.ids), "hot": sorted(hot)})
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
