"""The browser's query algorithm in Python, reading the same files.

`static/search.js` is the product; this twin exists so the index format and the
matching rules can be tested exhaustively (recall and precision against a plain
substring scan) and so the benchmark can count the bytes a query downloads.
Keep the two in step: same phrases, same terms, same scores, same order.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.search.index import DIGITS, FOLDER, POSITION_MARKS, bucket_of, shard_name
from sitegen.search.text import phrase_terms, phrases, units

_VALUE = {digit: value for value, digit in enumerate(DIGITS)}
_ENTRY = re.compile(f"[^{re.escape(POSITION_MARKS)}]+[{re.escape(POSITION_MARKS)}]")


def _number(digits: str) -> int:
    number = 0
    for digit in digits:
        number = number * 64 + _VALUE[digit]
    return number


def decode_postings(data: str, width: int) -> dict[int, int]:
    """{document id: impact} from a term's postings."""
    step = width + 1
    return {_number(data[i : i + width]): _VALUE[data[i + width]] for i in range(0, len(data), step)}


def decode_positions(data: str) -> list[list[int]]:
    """Positions of each posting of a pair term, in postings order."""
    result = []
    for group in _ENTRY.findall(data):
        size = POSITION_MARKS.index(group[-1]) + 1
        result.append([_number(group[i : i + size]) for i in range(0, len(group) - 1, size)])
    return result


def cover(count: int) -> list[int]:
    """Indices of the pairs whose positions prove a phrase of `count` units."""
    indices = list(range(0, count - 1, 2))
    if indices[-1] != count - 2:
        indices.append(count - 2)
    return indices


def replace_phrases(phrase: str, table: dict[str, str]) -> str:
    """Longest-match, left-to-right vocabulary replacement (`人工智慧` -> `人工智能`)."""
    longest = max(map(len, table), default=0)
    out: list[str] = []
    start = 0
    while start < len(phrase):
        for size in range(min(longest, len(phrase) - start), 0, -1):
            target = table.get(phrase[start : start + size])
            if target is not None:
                out.append(target)
                start += size
                break
        else:
            out.append(phrase[start])
            start += 1
    return "".join(out)


@dataclass
class Result:
    """Matching document ids, best first, and what was searched for."""

    documents: list[int]
    scores: dict[int, float]
    phrases: list[str]
    replaced: bool = False  # the Traditional vocabulary fallback was used
    fetched: list[str] = field(default_factory=list)


class StaticIndex:
    """Answers queries from the index files, fetching (and counting) only what it needs."""

    def __init__(self, fetch: Callable[[str], bytes]) -> None:
        self._fetch = fetch
        self._cache: dict[str, object] = {}
        self.fetched: list[str] = []
        self.manifest: dict = self._load(f"{FOLDER}manifest.json")

    def _load(self, path: str):
        if path not in self._cache:
            self.fetched.append(path)
            self._cache[path] = json.loads(self._fetch(path))
        return self._cache[path]

    def _list(self, folder: str, term: str) -> str:
        """A term's postings (`p`) or positions (`x`): in its shard, or in the file the shard names."""
        found = self._load(f"{FOLDER}{folder}/{shard_name(bucket_of(term, self.manifest['buckets']))}").get(term, "")
        return self._load(f"{FOLDER}t/{found}.json") if isinstance(found, int) else found

    def postings(self, term: str) -> dict[int, int]:
        return decode_postings(self._list("p", term), self.manifest["idWidth"])

    def positions(self, term: str) -> dict[int, list[int]]:
        groups = decode_positions(self._list("x", term))
        return dict(zip(self.postings(term), groups))

    def document(self, number: int) -> list:
        """[url, title, kind, date, region, topics, text] of one page."""
        per_shard = self.manifest["docsPerShard"]
        return self._load(f"{FOLDER}d/{number // per_shard}.json")[number % per_shard]

    def _idf(self, df: int) -> float:
        total = self.manifest["documents"]
        return math.log(1 + (total - df + 0.5) / (df + 0.5))

    def _weight(self, term: str) -> tuple[dict[int, int], float]:
        found = self.postings(term)
        return found, self._idf(len(found)) / self.manifest["maxImpact"]

    def _terms(self, phrase: str) -> list[str]:
        """The phrase's pairs, or the phrase itself when it has its own n-gram postings."""
        terms = phrase_terms(phrase)
        hot = self._load(f"{FOLDER}query.json")["hot"]
        if len(terms) in (2, 3) and all(terms[i] in hot for i in cover(len(terms) + 1)):
            return [phrase]
        return terms

    def match_phrase(self, phrase: str) -> dict[int, float]:
        """{document: score} of pages where `phrase` occurs, verified by positions."""
        terms = self._terms(phrase)
        lists = [self._weight(t) for t in terms]
        candidates = set.intersection(*(set(found) for found, _ in lists))
        if len(terms) >= 2 and candidates:
            candidates = self._verify(terms, candidates)
        scores = {d: sum(found[d] * weight for found, weight in lists) for d in candidates}
        if len(units(phrase)) >= self.manifest["minWordUnits"] and scores:
            found, weight = self._weight("w:" + phrase)
            for document in scores.keys() & found.keys():
                scores[document] += self.manifest["wordBoost"] * found[document] * weight
        return scores

    def _verify(self, terms: list[str], candidates: set[int]) -> set[int]:
        """Candidates where pair i sits at p + i along a chain covering every unit."""
        indices = cover(len(terms) + 1)
        located = {i: self.positions(terms[i]) for i in indices}
        verified = set()
        for document in candidates:
            later = [(i, set(located[i][document])) for i in indices[1:]]
            if any(all(p + i in found for i, found in later) for p in located[0][document]):
                verified.add(document)
        return verified

    def _match(self, query_phrases: list[str]) -> dict[int, float]:
        scores: dict[int, float] | None = None
        for phrase in query_phrases:
            found = self.match_phrase(phrase)
            scores = found if scores is None else {d: scores[d] + s for d, s in found.items() if d in scores}
            if not scores:
                return {}
        return scores or {}

    def search(self, query: str, **filters: str | int) -> Result:
        """Pages containing every phrase of `query`, best first.

        `filters`: region=, topic=, year=, kind= (facet values as in the manifest).
        """
        start = len(self.fetched)
        wanted = phrases(query)
        scores = self._match(wanted) if wanted else {}
        replaced = False
        if not scores and wanted:
            table = self._load(f"{FOLDER}query.json")["phrases"]
            alternative = [replace_phrases(p, table) for p in wanted]
            if alternative != wanted:
                scores, wanted, replaced = self._match(alternative), alternative, True
        for name, value in sorted(filters.items()):
            allowed = self.postings(f"{name[0]}:{value}")
            scores = {d: s for d, s in scores.items() if d in allowed}
        ranked = sorted(scores, key=lambda d: (-scores[d], d))
        return Result(ranked, scores, wanted, replaced, self.fetched[start:])
