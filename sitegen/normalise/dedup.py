"""Near-duplicate articles: find them with MinHash + LSH, merge them losslessly.

The same story reaches a corpus several times: re-posted, re-worded, truncated
in a digest. Title equality misses the re-worded copies and merges different
stories that share a headline, so similarity is measured on the text itself:

- shingles: every 4 consecutive characters of the text with whitespace and
  punctuation removed (Chinese has no word spaces; characters are the unit);
- signature: one-permutation MinHash (one stable hash per shingle, spread over
  120 bins, empty bins filled by rotation), so hashing costs one pass over the
  text, done in C;
- candidates: LSH banding (60 bands of 2 rows): articles that agree on all rows
  of any band share a bucket; no all-pairs comparison, so 10,000 articles cost
  about as much as hashing them;
- verification: the estimated Jaccard (fraction of equal bins) as a cheap
  filter, then the exact Jaccard of the shingle sets, or the containment of the
  smaller in the larger (a digest's truncated excerpt of a full article).

Thresholds were measured on the seeds (see tests/normalise/test_dedup.py):
the two re-worded `中国基金报` pieces have Jaccard 0.457; different articles,
even two reports of the same Hong Kong conference, stay below 0.04.
"""

from __future__ import annotations

import hashlib
import operator
import re
from bisect import insort
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from itertools import chain, compress
from typing import TypeVar

from sitegen.chinese.sentences import split_sentences
from sitegen.model import Article, Paragraph
from sitegen.chinese.script import to_simplified
from sitegen.normalise.clean import normalise_unicode, text_key

SHINGLE_CHARS = 4
BINS = 120
ROWS = 2  # rows per band: 60 bands; a pair at Jaccard 0.3 becomes a candidate with p > 0.99
MAX_KEY_CHARS = 20_000  # a longer text is compared on its first 20,000 characters
# The signature (candidate search) reads the first 1,500 characters: news copies
# share their lead, and hashing stays cheap at 10,000 articles. Candidates are
# then verified on the whole (capped) text.
SIGNATURE_CHARS = 1_500
JACCARD_THRESHOLD = 0.30
CONTAINMENT_THRESHOLD = 0.70
MIN_CONTAINED_SHINGLES = 50  # containment alone only for texts with some substance
ESTIMATE_FLOOR = 0.12  # estimated Jaccard below this is not worth an exact check
SENTENCE_SHINGLE_CHARS = 2  # bigrams: a restatement with a few words changed still matches
SENTENCE_PRESENT = 0.75  # share of a sentence's bigrams already in the base version
FULL_BUCKET = 50  # larger buckets are checked against their first members only

_SHINGLE_BYTES = 2 * SHINGLE_CHARS  # UTF-16 code units of one shingle
_ROTATION = 1 << 64  # offset per bin a borrowed value travels; hashes are 64-bit
_EMPTY = 1 << 64  # above any hash: marks a bin no shingle fell into
# Sketches remembered across calls (oldest dropped first): a preview re-reading an
# edited file sketches its unchanged articles again. Sketches also travel with what
# a build reads, so remembering more only fills memory (50,000: 45 MB in each
# reading worker at 10,000 sources, never asked for again).
SKETCH_MEMO = 1_024
T = TypeVar("T")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


# --------------------------------------------------------------------------- similarity


def shingles(key: str, k: int = SHINGLE_CHARS) -> set[str]:
    """Character k-grams of a text key; a key shorter than k is its own shingle."""
    if len(key) <= k:
        return {key} if key else set()
    return {key[i : i + k] for i in range(len(key) - k + 1)}


def shingle_hashes(key: str) -> set[int]:
    """The 4-character shingles of a text key as 64-bit hashes, computed in C.

    In UTF-16 a shingle of 4 code units is 8 bytes: the four 8-byte views of the
    encoded key at offsets 0, 2, 4 and 6 bytes hold every shingle as one
    integer, and hashing each as a 1-tuple mixes its bits (xxHash). Tuple and
    int hashes do not depend on PYTHONHASHSEED, unlike str hashes, so every
    build finds the same candidates.
    """
    data = key.encode("utf-16-le")
    if len(data) <= _SHINGLE_BYTES:
        return {hash(tuple(data))} if data else set()
    hashes: set[int] = set()
    view = memoryview(data)
    for offset in range(0, _SHINGLE_BYTES, 2):
        end = offset + (len(data) - offset) // _SHINGLE_BYTES * _SHINGLE_BYTES
        hashes.update(map(hash, zip(view[offset:end].cast("Q").tolist())))
    return hashes


def comparable_text(article: Article) -> str:
    """The words two articles are compared on: the body without image links."""
    return "\n".join(p.text for p in article.paragraphs if p.kind != "image")


def article_key(article: Article) -> str:
    """The comparable text, punctuation-free and capped."""
    return _key(comparable_text(article))[:MAX_KEY_CHARS]


def _key(text: str) -> str:
    """`text_key` in Simplified characters: a story and its repost in the other
    script (`數碼港…擴展` / `数码港…扩展`) are the same words."""
    return text_key(to_simplified(text))


def signature(hashes: set[int], bins: int = BINS) -> tuple[int, ...]:
    """One-permutation MinHash with rotation densification (Shrivastava & Li 2014):
    the smallest hash in each bin (hash mod bins), one pass over the hashes."""
    if not hashes:
        return ()
    mins = [_EMPTY] * bins
    for value in hashes:
        slot = value % bins
        if value < mins[slot]:
            mins[slot] = value
    return tuple(_densify(mins))


def _densify(mins: list[int]) -> list[int]:
    """An empty bin borrows the next filled bin's value, offset by the distance,
    so two similar short texts still agree bin by bin."""
    size = len(mins)
    filled: list[int] = []
    for slot in range(size):
        step = 0
        while mins[(slot + step) % size] == _EMPTY:
            step += 1
        filled.append(mins[(slot + step) % size] + step * _ROTATION)
    return filled


def estimated_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    return sum(map(operator.eq, a, b)) / len(a) if a and b else 0.0


def jaccard(a: set, b: set) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def containment(a: set, b: set) -> float:
    """How much of the smaller set lies in the larger."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def is_near_duplicate(a: set, b: set) -> bool:
    if jaccard(a, b) >= JACCARD_THRESHOLD:
        return True
    return min(len(a), len(b)) >= MIN_CONTAINED_SHINGLES and containment(a, b) >= CONTAINMENT_THRESHOLD


@dataclass(frozen=True)
class Sketch:
    """What candidate search needs of one article, computed once per text."""

    size: int  # about how many shingles the whole text has
    signature: tuple[int, ...]  # MinHash of its first SIGNATURE_CHARS
    bands: tuple[int, ...]  # one bucket key per LSH band
    numbers: frozenset[str] = frozenset()  # the runs of digits it writes (`100`, `2025`)


def sketch(text: str) -> Sketch:
    """The Sketch of an article text, remembered by the text's digest: a rebuild
    after one edit hashes only the articles that changed."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    known = _SKETCHES.get(digest)
    if known is None:
        key = _key(text)[:MAX_KEY_CHARS]
        sig = signature(shingle_hashes(key[:SIGNATURE_CHARS]))
        bands = tuple(hash((band, *sig[band * ROWS : (band + 1) * ROWS])) for band in range(len(sig) // ROWS))
        known = Sketch(max(len(key) - SHINGLE_CHARS + 1, 0), sig, bands, _numbers(text))
        if len(_SKETCHES) >= SKETCH_MEMO:
            _SKETCHES.pop(next(iter(_SKETCHES)))
        _SKETCHES[digest] = known
    return known


def candidate_pairs(sketches: list[Sketch]) -> set[tuple[int, int]]:
    """Pairs (i < j) that share at least one LSH band bucket."""
    buckets: dict[int, list[int]] = {}
    for index, item in enumerate(sketches):
        for key in item.bands:
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [index]
            else:
                bucket.append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        pairs.update(bucket_pairs(members))
    return pairs


def bucket_pairs(members: list[T]) -> Iterable[tuple[T, T]]:
    """The candidate pairs of one bucket's members (in corpus order): all of them,
    or in a bucket larger than FULL_BUCKET, each with the first and the next."""
    if len(members) < 2:
        return ()
    if len(members) <= FULL_BUCKET:
        return [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
    return chain(((members[0], b) for b in members[1:]), zip(members, members[1:]))


def article_sketch(article: Article) -> Sketch:
    """What candidate search needs of an article; a build makes it per source,
    in parallel and cached, and passes it to `merge_duplicates`."""
    return sketch(comparable_text(article))


def duplicate_clusters(articles: list[Article], sketches: list[Sketch] | None = None) -> list[list[int]]:
    """Groups of article indices (size >= 2) that are near-duplicates of each other.

    Only sketches are kept for the whole corpus; shingle sets are built for the
    few candidate pairs, so memory stays small at 10,000 articles.
    """
    if sketches is None:
        sketches = [article_sketch(article) for article in articles]
    parent = list(range(len(articles)))
    shingle_sets: dict[int, set[int]] = {}

    def hashes(index: int) -> set[int]:
        if index not in shingle_sets:
            shingle_sets[index] = shingle_hashes(article_key(articles[index]))
        return shingle_sets[index]

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for a, b in sorted(candidate_pairs(sketches)):
        if root(a) == root(b):
            continue
        if _near(sketches[a], sketches[b], lambda: hashes(a), lambda: hashes(b)):
            parent[max(root(a), root(b))] = min(root(a), root(b))
    clusters: dict[int, list[int]] = {}
    for index in range(len(articles)):
        clusters.setdefault(root(index), []).append(index)
    return [members for members in clusters.values() if len(members) > 1]


def _numbers(text: str) -> frozenset[str]:
    """The runs of digits a text writes, without leading zeros (`03` in a date is `3`)."""
    return frozenset(digits.lstrip("0") or "0" for digits in _DIGITS.findall(normalise_unicode(text)))


def other_figures(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two texts' numbers (`Sketch.numbers`) say they report different
    things: each writes two or more, and fewer than half of the fewer are in
    both. Two cities announcing funds in the same official phrasing share most
    of their shingles but not their dates and sums; a re-post or an excerpt
    of one story keeps its numbers."""
    fewer = min(len(a), len(b))
    return fewer >= 2 and 2 * len(a & b) < fewer


def _near(a: Sketch, b: Sketch, hashes_a: Callable[[], set[int]], hashes_b: Callable[[], set[int]]) -> bool:
    """Whether two candidates are near-duplicates: their numbers and the estimate
    from their signatures first, the shingle sets (made only when needed) to
    decide."""
    if other_figures(a.numbers, b.numbers):
        return False
    estimate = estimated_jaccard(a.signature, b.signature)
    if estimate < ESTIMATE_FLOOR and not _contained_candidate(a.size, b.size, estimate):
        return False
    return is_near_duplicate(hashes_a(), hashes_b())


class DuplicateIndex:
    """The near-duplicate clusters of a corpus kept up to date from build to build
    (the preview server's builder holds one).

    `duplicate_clusters` checks every candidate pair of the corpus on each call,
    3-4 s at 10,000 articles, though after an edit only the pairs of the changed
    articles' LSH buckets can have changed. Here each bucket keeps its members
    and the pairs among them found to be near-duplicates; a build re-checks
    only the buckets that a new, changed or removed article was or is in, and
    the clusters are the connected groups of all pairs found, the same as
    `duplicate_clusters` gives (tested on random corpora and edits).

    Articles are named by a key stable across builds (`(source file, n)`); one
    counts as changed unless its paragraphs are the very objects of the last
    build and its sketch is equal. With the keys of the last call, only the
    articles that are not its very objects are looked at, and when no
    bucket's pairs changed the clusters are the last call's: an edit costs
    passes in C over the corpus, not Python loops. Clusters whose versions are
    equal to last time's keep their merged article too (`merge`).
    """

    def __init__(self) -> None:
        self._merged: dict[tuple, tuple[list[Article], Article]] = {}  # last build's merges
        self._merging: dict[tuple, tuple[list[Article], Article]] = {}  # this build's
        self._items: dict[Hashable, tuple[list[Paragraph], Sketch]] = {}
        self._buckets: dict[int, list[Hashable]] = {}  # band key -> members, in key order
        self._found: dict[int, set[tuple[Hashable, Hashable]]] = {}  # band key -> near-duplicate pairs
        self._corpus: tuple[list[Hashable], list[Article]] = ([], [])  # the last call's keys and articles
        self._clusters: list[list[int]] | None = None  # and what it returned

    def clusters(self, keys: list[Hashable], articles: list[Article], sketches: list[Sketch]) -> list[list[int]]:
        """`duplicate_clusters(articles, sketches)`; `keys` name the articles and
        sort in their order (a bucket's pairs depend on its members' order)."""
        if not all(map(operator.lt, keys, keys[1:])):
            raise ValueError("article keys must be unique and in corpus order")
        self._merged, self._merging = self._merging, {}
        touched: set[int] = set()
        last_keys, last_articles = self._corpus
        if keys == last_keys:  # an edit: the unchanged articles are the very objects of last time
            changed = [keys[index] for index in compress(range(len(keys)), map(operator.is_not, last_articles, articles))]
        else:
            changed = keys
            for key in self._items.keys() - set(keys):
                touched.update(self._leave(key))
        position = dict(zip(keys, range(len(keys))))
        for key in changed:
            index = position[key]
            paragraphs, item = articles[index].paragraphs, sketches[index]
            known = self._items.get(key)
            if known is not None and (known[1] is item or known[1] == item) and _same_objects(known[0], paragraphs):
                continue
            if known is not None:
                touched.update(self._leave(key))
            self._items[key] = (paragraphs, item)
            for band in item.bands:
                insort(self._buckets.setdefault(band, []), key)
            touched.update(item.bands)
        self._corpus = (list(keys), list(articles))  # the caller may change its lists
        if self._check(touched, dict(zip(keys, articles))) or self._clusters is None or changed is keys:
            self._clusters = _components(
                [(position[a], position[b]) for pairs in self._found.values() for a, b in pairs], len(keys))
        return [list(members) for members in self._clusters]

    def merge(self, versions: list[Article]) -> Article:
        """`merge_versions`, or the article it made last build from equal versions
        (merging re-reads every sentence of every version: 0.7 s a rebuild at
        10,000 sources)."""
        key = tuple((version.title, len(version.paragraphs)) for version in versions)
        known = self._merged.get(key)
        if known is None or known[0] != versions:
            known = (versions, merge_versions(versions))
        self._merging[key] = known
        return known[1]

    def _leave(self, key: Hashable) -> tuple[int, ...]:
        """Take an article out of its buckets; the buckets it was in."""
        _, item = self._items.pop(key)
        for band in item.bands:
            members = self._buckets[band]
            members.remove(key)
            if not members:
                del self._buckets[band]
                self._found.pop(band, None)
        return item.bands

    def _check(self, bands: set[int], articles: dict[Hashable, Article]) -> bool:
        """Find the near-duplicate pairs of each bucket in `bands` again; whether
        any bucket's pairs changed."""
        verdicts: dict[tuple[Hashable, Hashable], bool] = {}
        shingle_sets: dict[Hashable, set[int]] = {}

        def hashes(key: Hashable) -> set[int]:
            if key not in shingle_sets:
                shingle_sets[key] = shingle_hashes(article_key(articles[key]))
            return shingle_sets[key]

        changed = False
        for band in bands:
            found: set[tuple[Hashable, Hashable]] = set()
            for a, b in bucket_pairs(self._buckets.get(band, [])):
                verdict = verdicts.get((a, b))
                if verdict is None:
                    sketch_a, sketch_b = self._items[a][1], self._items[b][1]
                    verdict = verdicts[a, b] = _near(sketch_a, sketch_b, lambda: hashes(a), lambda: hashes(b))
                if verdict:
                    found.add((a, b))
            changed = changed or found != self._found.get(band, set())
            if found:
                self._found[band] = found
            else:
                self._found.pop(band, None)
        return changed


def _same_objects(a: list, b: list) -> bool:
    return len(a) == len(b) and all(map(operator.is_, a, b))


def _components(pairs: list[tuple[int, int]], count: int) -> list[list[int]]:
    """Groups (size >= 2) of indices connected by `pairs`, each in index order,
    ordered by their first index."""
    parent = list(range(count))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for index in range(count):
        groups.setdefault(root(index), []).append(index)
    return [members for members in groups.values() if len(members) > 1]


def _contained_candidate(size_a: int, size_b: int, estimate: float) -> bool:
    """A short excerpt of a long text has a low Jaccard estimate: check it exactly
    when the sizes differ a lot and the estimate leaves room for containment
    (|A∩B| = J/(1+J)·(|A|+|B|) on the signature's first characters)."""
    small, large = sorted((size_a, size_b))
    if small < MIN_CONTAINED_SHINGLES or small * 2 >= large:
        return False
    head_small, head_large = min(small, SIGNATURE_CHARS), min(large, SIGNATURE_CHARS)
    shared = estimate / (1 + estimate) * (head_small + head_large)
    return shared / head_small >= CONTAINMENT_THRESHOLD / 2


_SKETCHES: dict[bytes, Sketch] = {}
_DIGITS = re.compile(r"\d+")


# --------------------------------------------------------------------------- merging


def merge_duplicates(
    articles: list[Article], sketches: list[Sketch] | None = None, clusters: list[list[int]] | None = None,
    merge: Callable[[list[Article]], Article] | None = None,
) -> list[Article]:
    """Merge each cluster of near-duplicates into one article, in input order
    (a merged article takes the place of its first member). `sketches`, one
    per article (`article_sketch`), saves hashing the texts here; `clusters`
    and `merge` (a `DuplicateIndex`'s), finding and merging them again.
    """
    merge = merge or merge_versions
    replaced: dict[int, Article | None] = {}
    for members in duplicate_clusters(articles, sketches) if clusters is None else clusters:
        first = min(members)
        replaced[first] = merge([articles[index] for index in sorted(members)])
        replaced.update({index: None for index in members if index != first})
    out: list[Article] = []
    for index, article in enumerate(articles):
        result = replaced.get(index, article)
        if result is not None:
            out.append(result)
    return out


def merge_versions(versions: list[Article]) -> Article:
    """One article from the versions of a story (in corpus order).

    The base is the earliest-published version (by date, then time of day in
    the date text), then the longest; it cites every source, and gains each
    sentence of the other versions that it does not already (nearly) contain.
    """
    ordered = sorted(range(len(versions)), key=lambda i: _base_rank(versions[i], i))
    merged = versions[ordered[0]]
    for other in ordered[1:]:
        merged = merge_pair(merged, versions[other])
    return merged


def _base_rank(article: Article, index: int) -> tuple:
    date = article.published
    day = date.sort_key() if date else (9999, 99, 99)
    clock = _TIME.search(date.text) if date else None
    minutes = int(clock.group(1)) * 60 + int(clock.group(2)) if clock else 24 * 60
    return (day, minutes, -len(article.text), index)


def merge_pair(base: Article, other: Article) -> Article:
    """`base` plus what only `other` says, citing the sources of both.

    Other's sentences that the base already (nearly) contains are left out;
    the rest are appended with their own source lines. A heading of `other` is
    kept only above new text it introduces, never alone.
    """
    base_key = _key(base.text)
    present = shingles(base_key, SENTENCE_SHINGLE_CHARS)
    added: list[Paragraph] = []
    pending_heading: Paragraph | None = None
    for paragraph in other.paragraphs:
        if paragraph.kind == "heading":
            pending_heading = paragraph
            continue
        new_text = _new_text(paragraph.text, present, base_key)
        if not new_text:
            continue
        if pending_heading is not None and _key(pending_heading.text) not in base_key:
            added.append(pending_heading)
        pending_heading = None
        added.append(replace(paragraph, text=new_text))
    paragraphs = [replace(p, anchor=f"p{n}") for n, p in enumerate([*base.paragraphs, *added], start=1)]
    return replace(
        base,
        paragraphs=paragraphs,
        sources=[*base.sources, *(s for s in other.sources if s not in base.sources)],
        authors=[*base.authors, *(a for a in other.authors if a not in base.authors)],
        tags=[*base.tags, *(t for t in other.tags if t not in base.tags)],
        regions=base.regions or other.regions,
        topics=[*base.topics, *(t for t in other.topics if t not in base.topics)],
        description=base.description or other.description,
    )


def _new_text(text: str, present: set[str], base_key: str) -> str:
    """The text reduced to the sentences the base lacks ('' if none), line by
    line so list items keep their markers and lines."""
    lines: list[str] = []
    for line in text.split("\n"):
        marker = _LIST_MARKER.match(line)
        prefix = marker.group(0) if marker else ""
        sentences = split_sentences(line[len(prefix):])
        new = [s for s in sentences if not _is_present(s, present, base_key)]
        if new:
            lines.append(prefix + _join(new))
    return "\n".join(lines)


def _is_present(sentence: str, present: set[str], base_key: str) -> bool:
    """True when most of the sentence's character bigrams are in the base: a
    restatement with a few words changed is present, a new fact is not."""
    key = _key(sentence)
    if len(key) < 4:
        return key in base_key
    own = shingles(key, SENTENCE_SHINGLE_CHARS)
    return len(own & present) / len(own) >= SENTENCE_PRESENT


def _join(sentences: list[str]) -> str:
    out = ""
    for sentence in sentences:
        if out and out[-1].isascii() and out[-1].isalnum() and sentence[0].isascii() and sentence[0].isalnum():
            out += " "
        out += sentence
    return out
