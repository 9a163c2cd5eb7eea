"""Build the static search index: a small manifest, hashed postings shards,
positions shards for phrase verification, and document-store shards.

Why this shape: a browser on GitHub Pages can only fetch files, so the index is
cut into many small files and a query fetches just the shards of its own terms.
Terms are CJK characters, pairs of adjacent units (CJK bigrams, `ai芯`, `72亿`),
Latin words/numbers, jieba words of three or more units (for ranking) and
facets (`r:香港`, `t:智能制造`, `y:2025`, `k:article`). A phrase of three or more
units is confirmed with the positions of its pairs, so a page is returned only
when the phrase really occurs in it: no false hits, without downloading pages.

Encodings (all ASCII inside JSON strings, see `static/search.js`):
- postings of a term: for each document in id order, its id in `id_width`
  fixed base-64 digits, then one digit of term impact (BM25 term-frequency part
  with title boost and length normalisation, quantised to 1..63);
- positions of a pair term: for each of its postings, the token positions as
  base-32 varints (first absolute, then gaps), groups separated by `,`.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import zlib
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

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
MIN_WORD_UNITS = 3  # shorter words are already single index terms
SHARD_TARGET_BYTES = 16 * 1024
MAX_BUCKETS = 4096
DOC_SHARD_TARGET_BYTES = 8 * 1024
MAX_STORED_CHARS = 200_000  # text kept per page for snippets; matching uses all of it
FOLDER = "search/"


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


class _Varints(dict):
    """Base-32 varint of each number, computed once: low 5 bits per digit, bit 6 = more follows."""

    def __missing__(self, number: int) -> str:
        digits = []
        rest = number
        while rest >= 32:
            digits.append(DIGITS[(rest & 31) | 32])
            rest >>= 5
        digits.append(DIGITS[rest])
        self[number] = code = "".join(digits)
        return code


_VARINT = _Varints()


def encode_positions(positions: Sequence[int]) -> str:
    """One posting's positions: first absolute, then gaps, as varints."""
    gaps = [positions[0], *map(operator.sub, positions[1:], positions[:-1])]
    return "".join(map(_VARINT.__getitem__, gaps))


def _impact_digits(length: int, average: float, top: int) -> list[str]:
    """Impact digit for each term frequency 0..top in a document of `length`.

    BM25's term-frequency part: saturating in tf, normalised by length, scaled to
    1..63 so the browser multiplies it by its own idf.
    """
    norm = K1 * (1 - B + B * length / average)
    digits = [DIGITS[0]]
    for tf in range(1, top + 1):
        saturation = tf * (K1 + 1) / (tf + norm)
        digits.append(DIGITS[max(1, min(MAX_IMPACT, round(saturation / (K1 + 1) * MAX_IMPACT)))])
    return digits


@dataclass
class _Inverted:
    """Posting and position bytes per term, appended document by document."""

    postings: defaultdict[str, bytearray]
    positions: defaultdict[str, bytearray]
    vocabulary: set[str]


def _consume(iterator: Iterable[object]) -> None:
    deque(iterator, maxlen=0)


def _document_terms(document: SearchDocument, text: str) -> tuple[Counter[str], dict[str, str]]:
    """Term frequencies (title occurrences boosted) and pair positions of one page."""
    stream = tokens(text)
    counts = Counter(stream)
    for term in [t for t in counts if is_separator_term(t)]:
        del counts[term]
    pairs = list(map(operator.add, stream, stream[1:]))
    order = sorted(range(len(pairs)), key=pairs.__getitem__)
    positions: dict[str, str] = {}
    for term, group in groupby(order, key=pairs.__getitem__):
        if is_separator_term(term):
            continue
        found = list(group)
        counts[term] = len(found)
        positions[term] = encode_positions(found)
    title = normalise(document.title)
    title_stream = tokens(title)
    title_terms = [*title_stream, *map(operator.add, title_stream, title_stream[1:])]
    for term, count in Counter(title_terms).items():
        if term in counts:
            counts[term] += (TITLE_BOOST - 1) * count
    _add_words(counts, document.words, title)
    return counts, positions


_WORD_CACHE: dict[str, str | None] = {}


def _index_word(word: str) -> str | None:
    """`w:` term of a jieba word, or None when it is short or spans a separator."""
    if word not in _WORD_CACHE:
        normal = normalise(word)
        parts = units(normal)
        good = len(parts) >= MIN_WORD_UNITS and "".join(parts) == normal
        _WORD_CACHE[word] = "w:" + normal if good else None
    return _WORD_CACHE[word]


def _add_words(counts: Counter[str], words: dict[str, int], title: str) -> None:
    for word, count in words.items():
        term = _index_word(word)
        if term is not None and count > 0:
            counts[term] += count + (TITLE_BOOST - 1) * title.count(term[2:])


def _facets(document: SearchDocument) -> list[str]:
    facets = [f"k:{document.kind}"]
    facets.extend(f"r:{name}" for name in document.regions)
    facets.extend(f"t:{name}" for name in document.topics)
    if document.year is not None:
        facets.append(f"y:{document.year}")
    return facets


def _invert(documents: Sequence[SearchDocument], width: int) -> tuple[_Inverted, set[str]]:
    """Every document's terms appended to the inverted lists, in id order."""
    inverted = _Inverted(defaultdict(bytearray), defaultdict(bytearray), set())
    codes = _fixed_width_codes(width)
    lengths = [len(d.title) + 1 + len(d.text) for d in documents]
    average = max(1.0, sum(lengths) / max(1, len(lengths)))
    characters: set[str] = set()
    for number, document in enumerate(documents):
        text = normalise(document.title + "\n" + document.text)
        characters.update(text)
        counts, positions = _document_terms(document, text)
        digits = _impact_digits(lengths[number], average, max(counts.values(), default=0))
        prefix = codes[number]
        entries = [(prefix + d).encode("ascii") for d in digits]
        _consume(map(bytearray.extend, map(inverted.postings.__getitem__, counts), map(entries.__getitem__, counts.values())))
        facet_entry = (prefix + DIGITS[1]).encode("ascii")
        for facet in _facets(document):
            inverted.postings[facet].extend(facet_entry)
        _consume(map(_append_group, map(inverted.positions.__getitem__, positions), positions.values()))
    return inverted, characters


def _append_group(target: bytearray, group: str) -> None:
    if target:
        target.extend(b",")
    target.extend(group.encode("ascii"))


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


def _term_shards(lists: dict[str, bytearray], buckets: int, folder: str) -> dict[str, bytes]:
    shards: list[dict[str, str]] = [{} for _ in range(buckets)]
    for term, data in lists.items():
        shards[bucket_of(term, buckets)][term] = data.decode("ascii")
    return {f"{FOLDER}{folder}/{shard_name(i)}": _json(shard) for i, shard in enumerate(shards)}


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


def _conversion_table(characters: set[str], vocabulary: set[str]) -> dict[str, object]:
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


def build_search_files(documents: list[SearchDocument]) -> dict[str, bytes]:
    """All index files, by path relative to the output folder (`search/manifest.json` ...).

    Deterministic: the same documents give byte-identical files.
    """
    width = id_width(len(documents))
    inverted, characters = _invert(documents, width)
    vocabulary = set(inverted.postings)
    total = sum(len(v) + len(k.encode("utf-8")) + 6 for k, v in inverted.postings.items())
    buckets = choose_buckets(total)
    files = _term_shards(inverted.postings, buckets, "p")
    files.update(_term_shards(inverted.positions, buckets, "x"))
    per_shard, document_files = _document_shards(documents)
    files.update(document_files)
    files[f"{FOLDER}t2s.json"] = _json(_conversion_table(characters, vocabulary))
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
            "wordBoost": WORD_BOOST,
            "facets": _facet_counts(documents),
        }
    )
    return dict(sorted(files.items()))
