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
answered by their own exact postings instead (`invert.hot_in_sample`, listed in
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
  `.,;:!` that ends them and says how many digits (1..5, by the page's size)
  each position has. A position is the line's number times the page's line
  stride plus the offset in the line (`invert._Inversion._positions`): pairs
  that follow each other have positions that do, as the browser checks.

This module lays the files out; `invert.py` turns pages into the term lists.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import operator
import os
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import accumulate, repeat
from typing import TypeVar

from sitegen.memory import collector_paused
from sitegen.parallel import can_fork
from sitegen.search.documents import SearchDocument
from sitegen.search.invert import (
    DIGITS,
    MAX_IMPACT,
    MIN_WORD_UNITS,
    POSITION_MARKS,
    Plan,
    Terms,
    append_terms,
    hot_in_sample,
    hot_sample,
    id_width,
    invert_range,
    sample_pair_counts,
)
from sitegen.search.text import index_text, normalise, t2s_characters, t2s_phrases, units

__all__ = ["DIGITS", "POSITION_MARKS", "BuiltIndex", "bucket_of", "build_index", "build_search_files", "shard_name"]

FORMAT_VERSION = 2
WORD_BOOST = 2.0  # weight of a whole jieba word against its character pairs
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


def document_length(document: SearchDocument) -> int:
    return len(document.title) + 1 + len(document.text)


def average_length(documents: Sequence[SearchDocument]) -> float:
    """The average page length for BM25, in whole characters: every page's impacts
    depend on it, and rounded, an edit of one page almost never changes it, so a
    preview can update the index in place (`sitegen.search.live`)."""
    return mean_length(sum(map(document_length, documents)), len(documents))


def mean_length(total: int, count: int) -> float:
    """`average_length` of `count` pages of `total` length."""
    return float(max(1, round(total / max(1, count))))


def hot_limit(hot_bytes: int | None = None) -> int:
    """`hot_bytes`, by default HOT_POSITION_BYTES (looked up when called)."""
    return HOT_POSITION_BYTES if hot_bytes is None else hot_bytes


def counted_plan(documents: Sequence[SearchDocument], hot_bytes: int | None = None) -> tuple[Plan, Counter[str]]:
    """What inverting any page of `documents` needs to know about all of them
    (`hot_bytes`: see `build_search_files`; by default HOT_POSITION_BYTES), and
    the pair counts of the sample its hot pairs come from (a preview keeps them
    to update the hot pairs after an edit, `live`)."""
    fast = len(documents) >= FAST_NORMALISE_MIN_DOCUMENTS
    if fast:
        index_text("", fast=True)  # build the table once, before any worker inherits it
    counts = sample_pair_counts(hot_sample(documents), fast)
    hot = hot_in_sample(counts, len(documents), hot_limit(hot_bytes))
    return Plan(id_width(len(documents)), average_length(documents), fast, hot), counts


T = TypeVar("T")
_FORKED: Sequence[SearchDocument] = ()  # the documents, inherited by forked workers


def _invert_forked(start: int, stop: int, plan: Plan) -> Terms:
    return invert_range(_FORKED, start, stop, plan)


def default_jobs(documents: int) -> int:
    """Worker processes worth starting: one per core for corpora where it pays off.

    None inside a daemonic pool worker (it may not start children) or where
    processes cannot be forked (no fork, or another thread running: the preview
    server's, the thread writing a site's files).
    """
    if documents < PARALLEL_MIN_DOCUMENTS or multiprocessing.current_process().daemon or not can_fork():
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


def _invert(documents: Sequence[SearchDocument], plan: Plan, jobs: int, meanwhile: Callable[[], T]) -> tuple[Terms, T]:
    """Every document's terms appended to the inverted lists, in id order, and `meanwhile()`.

    With several jobs, contiguous id ranges are inverted in forked processes (the
    documents are inherited, not pickled) and concatenated in range order, which
    gives the same bytes as one process. This process inverts the last range
    itself, a little shorter than the others, then runs `meanwhile`, work that
    needs no index, while the workers finish.
    """
    if jobs <= 1:
        return invert_range(documents, 0, len(documents), plan), meanwhile()
    global _FORKED
    bounds = _range_bounds(documents, jobs)
    _FORKED = documents
    try:
        with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            forked = pool.map(_invert_forked, bounds[:-2], bounds[1:-1], repeat(plan))
            own = invert_range(documents, bounds[-2], bounds[-1], plan)
            extra = meanwhile()
            return functools.reduce(append_terms, (*forked, own)), extra
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


def term_shard_bytes(pair: tuple[str, str]) -> int:
    """What one term adds to the shards: its short lists and the JSON around them
    (a long one is only a number there)."""
    return sum(len(value) for value in pair if len(value) <= OWN_FILE_CHARS) + 8


def long_lists(pair: tuple[str, str]) -> int:
    """How many of a term's lists are files of their own (`t/<n>.json`)."""
    return sum(len(value) > OWN_FILE_CHARS for value in pair)


def long_stride(long_counts: Iterable[int]) -> int:
    """Numbers of long-list files reserved per bucket: a power of two at least the
    most any bucket has, so a list becoming long renumbers only its own bucket."""
    stride = 1
    most = max(long_counts, default=0)
    while stride < most:
        stride *= 2
    return stride


def terms_by_bucket(terms: Iterable[str], buckets: int) -> list[list[str]]:
    grouped: list[list[str]] = [[] for _ in range(buckets)]
    for term in terms:
        grouped[bucket_of(term, buckets)].append(term)
    return grouped


def bucket_files(bucket: int, names: Iterable[str], terms: Terms, stride: int) -> dict[str, bytes]:
    """The postings shard `p/`, the positions shard `x/` (pair terms) and the long-list
    files of one bucket.

    Positions live apart so that a query needing no verification (one or two
    units, or a hot n-gram) never downloads them. A list longer than
    OWN_FILE_CHARS is the file `t/<n>.json` and its shard holds n: common
    terms carry most of the bytes, and a query fetching one then gets no
    other term's list with it. n is `bucket * stride` plus the list's rank
    in the bucket, in term order (postings before positions).
    """
    ordered = sorted(names)
    pairs = list(map(terms.__getitem__, ordered))
    # Most terms have short lists: the shards are made in C, then the few long
    # lists are numbered and put in files of their own (a preview rewrites
    # hundreds of buckets after an edit that moves an article's positions).
    postings: dict[str, str | int] = dict(zip(ordered, map(operator.itemgetter(0), pairs)))
    positions: dict[str, str | int] = {term: pair[1] for term, pair in zip(ordered, pairs) if pair[1]}
    files: dict[str, bytes] = {}
    number = bucket * stride
    for term, pair in zip(ordered, pairs):
        if len(pair[0]) > OWN_FILE_CHARS or len(pair[1]) > OWN_FILE_CHARS:
            for shard, value in zip((postings, positions), pair):
                if len(value) > OWN_FILE_CHARS:
                    files[f"{FOLDER}t/{number}.json"] = _json(value)
                    shard[term], number = number, number + 1
    files[f"{FOLDER}p/{shard_name(bucket)}"] = _json(postings)
    files[f"{FOLDER}x/{shard_name(bucket)}"] = _json(positions)
    return files


def term_files(terms: Terms, buckets: int) -> tuple[int, dict[str, bytes]]:
    """Every bucket's files, and the long-list stride they were numbered with."""
    grouped = terms_by_bucket(terms, buckets)
    stride = long_stride(sum(long_lists(terms[term]) for term in names) for names in grouped)
    files: dict[str, bytes] = {}
    for bucket, names in enumerate(grouped):
        files.update(bucket_files(bucket, names, terms, stride))
    return stride, files


def document_row(document: SearchDocument) -> bytes:
    """What a result shows of a page, as stored in `d/`."""
    return _json([document.url, document.title, document.kind, document.date, document.region,
                  list(document.topics), document.text[:MAX_STORED_CHARS]])


def docs_per_shard(rows: Sequence[bytes]) -> int:
    """Pages per `d/` file, so that one result costs about DOC_SHARD_TARGET_BYTES."""
    average = sum(map(len, rows)) / max(1, len(rows))
    return max(1, round(DOC_SHARD_TARGET_BYTES / max(1.0, average)))


def document_files(rows: Sequence[bytes], per_shard: int) -> dict[str, bytes]:
    """Every `d/` file of the pages' stored rows."""
    return dict(document_file(rows, number, per_shard) for number in range(-(-len(rows) // per_shard)))


def document_file(rows: Sequence[bytes], number: int, per_shard: int) -> tuple[str, bytes]:
    start = number * per_shard
    return f"{FOLDER}d/{number}.json", b"[" + b",".join(rows[start : start + per_shard]) + b"]"


def _document_shards(documents: Sequence[SearchDocument]) -> tuple[list[bytes], int, dict[str, bytes]]:
    """Pages grouped by id so one result costs about DOC_SHARD_TARGET_BYTES."""
    rows = [document_row(d) for d in documents]
    per_shard = docs_per_shard(rows)
    return rows, per_shard, document_files(rows, per_shard)


def query_reads(term: str) -> bool:
    """Whether `query.json` depends on `term` being in the vocabulary: one
    character, or a pair of a vocabulary conversion's mainland form."""
    return len(term) == 1 or term in _conversion_pairs()


@functools.cache
def _conversion_pairs() -> frozenset[str]:
    """Every pair `_conversion_table` may look up."""
    pairs: set[str] = set()
    for target in t2s_phrases().values():
        parts = units(normalise(target))
        pairs.update(map(operator.add, parts, parts[1:]))
    return frozenset(pairs)


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


@dataclass
class Facets:
    """How many pages have each region, topic, year and kind (the search page's filters)."""

    regions: Counter[str]
    topics: Counter[str]
    years: Counter[int]
    kinds: Counter[str]

    @classmethod
    def of(cls, documents: Sequence[SearchDocument]) -> Facets:
        facets = cls(Counter(), Counter(), Counter(), Counter())
        facets.replace((), documents)
        return facets

    def replace(self, old: Iterable[SearchDocument], new: Iterable[SearchDocument]) -> None:
        """Count the pages `new` instead of `old` (a preview's edit)."""
        for documents, count in ((old, Counter.subtract), (new, Counter.update)):
            for document in documents:
                count(self.regions, document.regions)
                count(self.topics, document.topics)
                count(self.years, () if document.year is None else (document.year,))
                count(self.kinds, (document.kind,))
        for counter in (self.regions, self.topics, self.years, self.kinds):
            for value in [value for value, number in counter.items() if number <= 0]:
                del counter[value]

    def lists(self) -> dict[str, list[list[object]]]:
        return {
            "region": [[k, v] for k, v in sorted(self.regions.items(), key=lambda kv: (-kv[1], kv[0]))],
            "topic": [[k, v] for k, v in sorted(self.topics.items(), key=lambda kv: (-kv[1], kv[0]))],
            "year": [[k, v] for k, v in sorted(self.years.items(), reverse=True)],
            "kind": [[k, v] for k, v in sorted(self.kinds.items())],
        }


@dataclass
class BuiltIndex:
    """An index as built: its files, and what a preview needs to update it in
    place after an edit (`sitegen.search.live`)."""

    documents: list[SearchDocument]
    plan: Plan
    terms: Terms
    buckets: int
    stride: int
    rows: list[bytes]  # each page as stored in `d/`
    per_shard: int  # pages per `d/` file
    files: dict[str, bytes]
    length: int  # of all pages (`document_length`), for their average
    facets: Facets
    sample_counts: Counter[str] | None = None  # the pairs in the plan's hot-pair sample (`counted_plan`)


def build_search_files(
    documents: list[SearchDocument], jobs: int | None = None, hot_bytes: int | None = None
) -> dict[str, bytes]:
    """All index files, by path relative to the output folder (`search/manifest.json` ...).

    Deterministic: the same documents give byte-identical files, whatever `jobs`
    (worker processes; default: one per core for large corpora, else none).
    `hot_bytes`: pairs whose positions would exceed this get 3/4-unit n-gram terms
    (default HOT_POSITION_BYTES).
    """
    return build_index(documents, jobs, hot_bytes).files


def build_index(
    documents: list[SearchDocument], jobs: int | None = None, hot_bytes: int | None = None
) -> BuiltIndex:
    """`build_search_files`, with what was built on the way.

    The collector is paused throughout (and in the forked workers): inverting
    makes hundreds of thousands of (postings, positions) pairs and no cycle,
    and every full collection it would trigger walks whatever of the site is
    not frozen, 2-3 s each at 10,000 sources.
    """
    with collector_paused():
        plan, sample_counts = counted_plan(documents, hot_bytes)
        jobs = default_jobs(len(documents)) if jobs is None else jobs
        terms, (rows, per_shard, page_files) = _invert(documents, plan, jobs, lambda: _document_shards(documents))
        return replace(lay_out(documents, plan, terms, rows, per_shard, page_files), sample_counts=sample_counts)


def lay_out(
    documents: list[SearchDocument], plan: Plan, terms: Terms, rows: list[bytes], per_shard: int,
    page_files: dict[str, bytes] | None = None,
) -> BuiltIndex:
    """The files of an inverted index: term shards, long lists, pages, `query.json`
    and the manifest (`page_files`, when given, are the `d/` files already made)."""
    buckets = choose_buckets(sum(map(term_shard_bytes, terms.values())))
    stride, files = term_files(terms, buckets)
    if page_files is None:
        page_files = document_files(rows, per_shard)
    files.update(page_files)
    files[f"{FOLDER}query.json"] = query_file(terms, plan)
    facets = Facets.of(documents)
    digests = file_digests(files)
    files[f"{FOLDER}manifest.json"] = manifest_file(len(documents), plan, buckets, per_shard, digests, facets)
    return BuiltIndex(documents, plan, terms, buckets, stride, rows, per_shard, dict(sorted(files.items())),
                      sum(map(document_length, documents)), facets)


def query_file(terms: Terms, plan: Plan) -> bytes:
    """`query.json`: Traditional -> Simplified conversions and the hot pairs."""
    characters = {t for t in terms if len(t) == 1}
    return _json({**_conversion_table(characters, terms), "hot": sorted(plan.hot)})


def file_digests(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: hashlib.sha256(data).digest() for path, data in files.items()}


def manifest_file(
    documents: int, plan: Plan, buckets: int, per_shard: int, digests: dict[str, bytes], facets: Facets,
) -> bytes:
    """`manifest.json`, whose `key` changes whenever any other index file does
    (the browser fetches every file with `?v=key`): a digest of each file's digest."""
    digest = hashlib.sha256()
    for path in sorted(digests):
        digest.update(path.encode("utf-8") + b"\0" + digests[path])
    return _json(
        {
            "version": FORMAT_VERSION,
            "key": digest.hexdigest()[:16],
            "documents": documents,
            "buckets": buckets,
            "idWidth": plan.width,
            "docsPerShard": per_shard,
            "maxImpact": MAX_IMPACT,
            "minWordUnits": MIN_WORD_UNITS,
            "wordBoost": WORD_BOOST,
            "facets": facets.lists(),
        }
    )
