"""Traditional and Simplified Chinese: which one a text is written in, and a
Simplified view of a Traditional text.

Sources from Hong Kong, Macao and Taiwan are written in Traditional characters
(`澳門舉辦人工智能論壇`), while the gazetteer, topic keywords, units and event
words are Simplified. Analysis therefore reads a Simplified view of such a
text. The view converts character by character (OpenCC's character table,
one character for one), so it has the length of the original and any span
found in it is the same span of the original: quotes stay verbatim.
Phrase-level conversion would read better but could change lengths.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# A text is Traditional when at least this share of its Han characters exist
# only in Traditional writing; Simplified text has almost none (a name like
# 乾隆 at most), Traditional text a fifth or more.
TRADITIONAL_SHARE = 0.05
SAMPLE_CHARS = 4000
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Traditional -> Simplified, single characters that change."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            table[source] = target
    return table


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(_table())) + "]")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    return frozenset(_table())


@lru_cache(maxsize=1)
def _maybe_traditional() -> re.Pattern[str]:
    """Any Traditional-only character of the Basic Multilingual Plane, or any
    character beyond it: one class the regex engine tests as a bitmap (the
    table's few characters beyond the plane would make it a list)."""
    basic = "".join(sorted(char for char in _table() if char <= "\uffff"))
    return re.compile(f"[{basic}\U00010000-\U0010ffff]")


def is_traditional(text: str) -> bool:
    """True when the text is written in Traditional characters.

    Every article is checked, and almost all are Simplified: one regex search
    finds that no Traditional-only character occurs at all, and only a text
    that may have some counts them against its Han characters.
    """
    sample = text[:SAMPLE_CHARS]
    if not _maybe_traditional().search(sample):
        return False
    present = _traditional_chars().intersection(sample)
    han = len(_HAN.findall(sample))
    return han > 0 and sum(map(sample.count, present)) >= TRADITIONAL_SHARE * han


def to_simplified(text: str) -> str:
    """The text with each Traditional character replaced by its Simplified
    form; same length, same offsets. A text without any (most texts) is
    returned after one bitmap search: the replacing class holds characters
    beyond the Basic Multilingual Plane and costs ~1 µs a character."""
    if not _maybe_traditional().search(text):
        return text
    table = _table()
    return _traditional().sub(lambda match: table[match.group(0)], text)
