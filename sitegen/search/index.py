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

This module lays the files out; `invert.py` turns pages into the term lists.
"""

from __future__ import annotations

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
from itertools import accumulate, chain, repeat
from typing import TypeVar

from sitegen.memory import collector_paused
from sitegen.search.documents import SearchDocument
from sitegen.search.invert import (
    DIGITS,
    MAX_IMPACT,
    MIN_WORD_UNITS,
    POSITION_MARKS,
    Plan,
    Terms,
    hot_pairs,
    id_width,
    invert_range,
)
from sitegen.search.text import index_text, normalise, t2s_characters, t2s_phrases, units

__all__ = ["DIGITS", "POSITION_MARKS", "bucket_of", "build_search_files", "shard_name"]

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


def _average_length(documents: Sequence[SearchDocument]) -> float:
    return max(1.0, sum(len(d.title) + 1 + len(d.text) for d in documents) / max(1, len(documents)))


T = TypeVar("T")
_FORKED: Sequence[SearchDocument] = ()  # the documents, inherited by forked workers


def _invert_forked(start: int, stop: int, plan: Plan) -> list[Terms]:
    return invert_range(_FORKED, start, stop, plan)


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


def _invert(documents: Sequence[SearchDocument], plan: Plan, jobs: int, meanwhile: Callable[[], T]) -> tuple[Terms, T]:
    """Every document's terms appended to the inverted lists, in id order, and `meanwhile()`.

    With several jobs, contiguous id ranges are inverted in forked processes (the
    documents are inherited, not pickled) and concatenated in range order, which
    gives the same bytes as one process. This process inverts the last range
    itself, a little shorter than the others, then runs `meanwhile`, work that
    needs no index, while the workers finish.
    """
    if jobs <= 1:
        return _merge(invert_range(documents, 0, len(documents), plan)), meanwhile()
    global _FORKED
    bounds = _range_bounds(documents, jobs)
    _FORKED = documents
    try:
        with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            forked = pool.map(_invert_forked, bounds[:-2], bounds[1:-1], repeat(plan))
            own = invert_range(documents, bounds[-2], bounds[-1], plan)
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

    The collector is paused throughout (and in the forked workers): inverting
    makes hundreds of thousands of (postings, positions) pairs and no cycle,
    and every full collection it would trigger walks whatever of the site is
    not frozen, 2-3 s each at 10,000 sources.
    """
    with collector_paused():
        return _build_search_files(documents, jobs, hot_bytes)


def _build_search_files(documents: list[SearchDocument], jobs: int | None, hot_bytes: int) -> dict[str, bytes]:
    width = id_width(len(documents))
    fast = len(documents) >= FAST_NORMALISE_MIN_DOCUMENTS
    if fast:
        index_text("", fast=True)  # build the table once, before any worker inherits it
    hot = hot_pairs(documents, hot_bytes, fast)
    plan = Plan(width, _average_length(documents), fast, hot)
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
