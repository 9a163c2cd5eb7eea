"""The search index of a preview, updated in place after an edit.

Building the index inverts every page: 15-20 s at 10,000 sources, most of a
preview rebuild once pages whose inputs did not change are no longer rendered
(`sitegen.render.reuse`). An edit changes a handful of pages (the article, its
regions, topics and people), and every term list is the concatenation of its
pages' entries in page order, each entry depending only on its own page and on
the corpus-wide plan (id width, average length, hot pairs). So while the plan
and the page order stay the same, the index is updated page by page: each
changed page is inverted alone, before and after, and its entries are cut out
of and spliced into the lists of the terms it has. Only the buckets, long lists
and page files holding those terms or pages are laid out again.

Anything else (pages added, removed or reordered, a new average length, other
hot pairs, another bucket count or long-list stride, many pages changed) builds
the index whole, the same way a clean build does; the result is byte-identical
either way (tested on random corpora and edits).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from sitegen.memory import collector_paused
from sitegen.search.documents import SearchDocument
from sitegen.search.index import (
    FOLDER,
    BuiltIndex,
    bucket_files,
    bucket_of,
    build_index,
    choose_buckets,
    docs_per_shard,
    document_length,
    document_file,
    document_files,
    document_row,
    file_digests,
    hot_limit,
    lay_out,
    long_lists,
    long_stride,
    manifest_file,
    mean_length,
    query_file,
    query_reads,
    term_shard_bytes,
    terms_by_bucket,
)
from sitegen.search.invert import (
    DIGITS,
    POSITION_MARKS,
    Plan,
    Terms,
    hot_in_sample,
    hot_sample,
    hot_sample_step,
    invert_range,
    sample_pair_counts,
)

# More changed pages than this share of all (or this many) and the index is built whole.
MAX_CHANGED_SHARE = 0.02
MAX_CHANGED_PAGES = 400
_DIGIT_VALUES = {digit: value for value, digit in enumerate(DIGITS)}
_IS_MARK = np.zeros(256, bool)
_IS_MARK[list(POSITION_MARKS.encode("ascii"))] = True
MANIFEST = f"{FOLDER}manifest.json"
QUERY = f"{FOLDER}query.json"


class _Rebuild(Exception):
    """The index cannot be updated in place: build it whole."""


@dataclass
class LiveIndex:
    """An index as last written, with what updating it needs; no file bytes are
    kept, only each file's digest (for the manifest's key)."""

    built: BuiltIndex  # its `files` emptied once written
    by_bucket: list[set[str]]  # the terms of each bucket
    long_counts: list[int]  # long lists of each bucket
    shard_bytes: int  # what picks the bucket count
    digests: dict[str, bytes]  # every file but the manifest
    paths: list[str]  # every file, sorted


def index_files(
    last: LiveIndex | None, documents: list[SearchDocument],
) -> tuple[LiveIndex, dict[str, bytes | None]]:
    """Every index file of `documents`, as bytes, or as None for a file that `last`
    wrote and that is unchanged (trusted to be still there as written: checking
    29,000 files was a tenth of an edit at 10,000 sources); and the index as now
    written, for the next call (keep it only once the files are written). `last`
    is used up: its term lists are updated in place."""
    with collector_paused():
        if last is not None:
            try:
                return _updated(last, documents)
            except _Rebuild:
                pass
        return _whole(build_index(documents))


def _whole(built: BuiltIndex) -> tuple[LiveIndex, dict[str, bytes | None]]:
    files = built.files
    by_bucket = [set(names) for names in terms_by_bucket(built.terms, built.buckets)]
    long_counts = [sum(long_lists(built.terms[term]) for term in names) for names in by_bucket]
    digests = file_digests({path: data for path, data in files.items() if path != MANIFEST})
    live = LiveIndex(
        replace(built, files={}), by_bucket, long_counts, sum(map(term_shard_bytes, built.terms.values())),
        digests, sorted(files),
    )
    return live, dict(files)


def _updated(
    last: LiveIndex, documents: list[SearchDocument],
) -> tuple[LiveIndex, dict[str, bytes | None]]:
    before = last.built
    changed = _changed_pages(before.documents, documents)
    length = before.length + sum(
        document_length(documents[number]) - document_length(before.documents[number]) for number in changed)
    plan, sample_counts = _plan_after(last, documents, changed, length)
    terms, previous, vocabulary_changes = _spliced(before, documents, changed, plan)
    touched = previous.keys()
    shard_bytes = last.shard_bytes + sum(
        term_shard_bytes(terms[term]) if term in terms else 0 for term in touched
    ) - sum(term_shard_bytes(pair) for pair in previous.values() if pair is not None)
    if choose_buckets(shard_bytes) != before.buckets:
        raise _Rebuild
    rows = list(before.rows)
    for number in changed:
        rows[number] = document_row(documents[number])
    by_bucket, long_counts = _regrouped(last, terms, previous)
    if long_stride(long_counts) != before.stride:
        return _whole(replace(lay_out(documents, plan, terms, rows, docs_per_shard(rows)), sample_counts=sample_counts))
    new: dict[str, bytes] = {}
    gone: set[str] = set()
    for bucket in sorted({bucket_of(term, before.buckets) for term in touched}):
        new.update(bucket_files(bucket, by_bucket[bucket], terms, before.stride))
        first = bucket * before.stride
        gone.update(f"{FOLDER}t/{n}.json" for n in range(first + long_counts[bucket], first + last.long_counts[bucket]))
    per_shard = docs_per_shard(rows)
    if per_shard != before.per_shard:
        gone.update(path for path in last.paths if path.startswith(f"{FOLDER}d/"))
        new.update(document_files(rows, per_shard))
    else:
        new.update(document_file(rows, shard, per_shard) for shard in sorted({n // per_shard for n in changed}))
    if any(map(query_reads, vocabulary_changes)):
        new[QUERY] = query_file(terms, plan)
    digests = {path: digest for path, digest in last.digests.items() if path not in gone}
    fresh = file_digests(new)
    digests.update(fresh)
    facets = before.facets
    facets.replace([before.documents[number] for number in changed], [documents[number] for number in changed])
    new[MANIFEST] = manifest_file(len(documents), plan, before.buckets, per_shard, digests, facets)
    built = BuiltIndex(
        documents, plan, terms, before.buckets, before.stride, rows, per_shard, {}, length, facets, sample_counts)
    paths = [path for path in last.paths if path not in gone]
    if not new.keys() <= set(paths):
        paths = sorted({*paths, *new})
    live = LiveIndex(built, by_bucket, long_counts, shard_bytes, digests, paths)
    # A bucket laid out again gives some of its files back byte for byte (its
    # postings, when only positions moved): known unchanged by their digests,
    # they are not compared with the files on disk (8,000 reads after an edit
    # at 10,000 sources).
    written = {path: data for path, data in new.items() if last.digests.get(path) != fresh.get(path, b"")}
    return live, {path: written.get(path) for path in paths}


def _changed_pages(old: Sequence[SearchDocument], new: Sequence[SearchDocument]) -> list[int]:
    """Ids of the pages whose document changed; the pages themselves must be the same, in order."""
    if len(old) != len(new) or any(a.url != b.url for a, b in zip(old, new)):
        raise _Rebuild
    changed = [n for n, (a, b) in enumerate(zip(old, new)) if a is not b and (a != b or a.words != b.words)]
    if len(changed) > min(MAX_CHANGED_PAGES, MAX_CHANGED_SHARE * len(new)) and len(changed) > 1:
        raise _Rebuild
    return changed


def _plan_after(
    last: LiveIndex, documents: list[SearchDocument], changed: list[int], length: int,
) -> tuple[Plan, Counter[str] | None]:
    """The plan of `documents` (of `length` in all), which must be that of the
    index being updated, and the pair counts of its hot-pair sample. Hot pairs
    come from a fixed sample of pages: unless a changed page is in it, they are
    the same; if one is, its pairs are counted out and in again (counting the
    whole sample took a third of an edit at 10,000 sources; a whole build keeps
    its counts, `index.counted_plan`)."""
    before = last.built
    plan = replace(before.plan, average=mean_length(length, len(documents)))
    step = hot_sample_step(len(documents))
    counts = before.sample_counts
    sampled = [number for number in changed if number % step == 0]
    if sampled:
        if counts is None:
            counts = sample_pair_counts(hot_sample(before.documents), plan.fast)
        touched: set[str] = set()
        for number in sampled:
            old = sample_pair_counts([before.documents[number]], plan.fast)
            new = sample_pair_counts([documents[number]], plan.fast)
            counts.subtract(old)
            counts.update(new)
            touched.update(old, new)
        hot = hot_in_sample(counts, len(documents), hot_limit(), touched)
        plan = replace(plan, hot=(before.plan.hot - touched) | hot)
    if plan != before.plan:
        raise _Rebuild
    return plan, counts


def _spliced(
    before: BuiltIndex, documents: list[SearchDocument], changed: list[int], plan: Plan,
) -> tuple[Terms, dict[str, tuple[str, str] | None], set[str]]:
    """The term lists with each changed page's entries replaced; the lists they
    replaced, by term (None for a new term); the terms that appeared or
    disappeared.

    The lists are replaced in `before.terms` itself: copying a million terms
    was a fifth of an edit at 10,000 sources. The last index is used up by an
    update, and a preview builder forgets it when a build fails.
    """
    terms = before.terms
    previous: dict[str, tuple[str, str] | None] = {}
    vocabulary_changes: set[str] = set()
    for number in changed:
        old = _page_terms(before.documents, number, plan)
        new = _page_terms(documents, number, plan)
        for term in old.keys() | new.keys():
            was, now = old.get(term), new.get(term)
            if was == now:
                continue
            if term not in previous:
                previous[term] = terms.get(term)
            pair = _splice(terms.get(term, ("", "")), number, was, now, plan.width)
            if pair == ("", ""):
                del terms[term]
                vocabulary_changes.add(term)
            else:
                if term not in terms:
                    vocabulary_changes.add(term)
                terms[term] = pair
    return terms, previous, vocabulary_changes


def _page_terms(documents: list[SearchDocument], number: int, plan: Plan) -> Terms:
    """One page's entries of each term, inverted alone with its id in the corpus."""
    return invert_range(documents, number, number + 1, plan)


def _splice(
    pair: tuple[str, str], number: int, was: tuple[str, str] | None, now: tuple[str, str] | None, width: int,
) -> tuple[str, str]:
    """A term's (postings, positions) with page `number`'s entry `was` replaced by `now`."""
    postings, positions = pair
    entry = width + 1
    count = len(postings) // entry
    index = bisect_left(range(count), number, key=lambda k: _id_at(postings, k, width))
    present = index < count and _id_at(postings, index, width) == number
    if present != (was is not None):
        raise _Rebuild  # the lists are not what the last build left
    cut = index * entry
    postings = postings[:cut] + (now[0] if now else "") + postings[cut + (entry if present else 0):]
    if (was and was[1]) or (now and now[1]):
        start, end = _position_span(positions, index, present)
        positions = positions[:start] + (now[1] if now else "") + positions[end:]
    return postings, positions


def _id_at(postings: str, index: int, width: int) -> int:
    value = 0
    for digit in postings[index * (width + 1) : index * (width + 1) + width]:
        value = value * 64 + _DIGIT_VALUES[digit]
    return value


def _position_span(positions: str, index: int, present: bool) -> tuple[int, int]:
    """Where the positions of posting `index` begin, and end (begin, if it has none yet)."""
    if index == 0 and not present:
        return 0, 0
    marks = np.flatnonzero(_IS_MARK[np.frombuffer(positions.encode("ascii"), np.uint8)])
    start = int(marks[index - 1]) + 1 if index else 0
    return start, (int(marks[index]) + 1 if present else start)


def _regrouped(
    last: LiveIndex, terms: Terms, previous: dict[str, tuple[str, str] | None],
) -> tuple[list[set[str]], list[int]]:
    """Each bucket's terms and long-list count after the terms of `previous`
    changed from those lists (the sets of untouched buckets are shared with `last`)."""
    buckets = last.built.buckets
    by_bucket, long_counts = list(last.by_bucket), list(last.long_counts)
    copied: set[int] = set()
    for term, old in previous.items():
        bucket = bucket_of(term, buckets)
        if bucket not in copied:
            by_bucket[bucket] = set(by_bucket[bucket])
            copied.add(bucket)
        long_counts[bucket] -= long_lists(old) if old else 0
        if term in terms:
            by_bucket[bucket].add(term)
            long_counts[bucket] += long_lists(terms[term])
        else:
            by_bucket[bucket].discard(term)
    return by_bucket, long_counts
