"""Numbers in Chinese text as values that can be sorted and compared.

Chinese writes large numbers with magnitude characters (`4500亿`, `1.72亿`,
`千亿`), Chinese numerals (`一万二千`, `三成`, `百分之三十`), vague amounts
(`数十万`), bounds (`超2500`, `90%以上`, `1000 多万`) and ranges (`4至5天`).
Each becomes a `Quantity`: a float value, the bound or vagueness in words, and
its offsets. Shares (`40%`, `三成`) are fractions: 0.4, 0.3.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sitegen.chinese.numerals import BIG_UNITS, DIGITS, SMALL_UNITS, chinese_to_int
from sitegen.chinese.text import fold_width

MAGNITUDES = {**SMALL_UNITS, **BIG_UNITS}
# English sources write magnitudes as words after the digits (`S$1 billion`, `1.2 million users`,
# and as an adjective, `a 10-billion-yuan fund`).
ENGLISH_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_ENGLISH_MAG = "|".join(ENGLISH_MAGNITUDES)
_MAG = "".join(MAGNITUDES)
_CN = "".join(DIGITS) + _MAG
_SP = r"[ \t]{0,2}"
# Bounds written before the number (`超2500家`) and after it (`90%以上`).
QUALIFIERS_BEFORE = (
    "不超过", "不高于", "不多于", "超过", "超", "逾", "将近", "接近", "近", "大约", "约", "不到", "不足", "不少于",
    "不低于", "至少", "最多", "最高",
)
QUALIFIERS_AFTER = ("以上", "以下", "以内", "左右", "上下", "有余", "多", "余")


def _one(n: int) -> str:
    """Number `n` of a match: Arabic with magnitudes, vague (`数十万`), or Chinese."""
    return (
        rf"(?:(?P<ar{n}>(?<![\d.,A-Za-z])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)(?!\d)"
        rf"(?:{_SP}(?P<mid{n}>多|余))?(?:{_SP}(?P<mag{n}>[{_MAG}]+)|[ \t-]?(?P<emag{n}>(?i:{_ENGLISH_MAG}))(?![A-Za-z]))?"
        rf"|(?P<vague{n}>数|几|若干)(?P<vmag{n}>[{_MAG}]+)"
        rf"|(?P<cn{n}>(?<![{_CN}])[{_CN}]+)(?!次性))"  # `一次性奖励`: once, not a count
    )


_BEFORE = rf"(?:(?P<qb>{'|'.join(QUALIFIERS_BEFORE)}|上(?=[{_MAG}])){_SP})?"
_SHARE = r"(?P<pct>[ \t]{0,2}(?:%|‰|个百分点)|成(?![\u4e00-\u9fff])|成(?=以上|左右|多))?"
_AFTER = rf"(?:{_SP}(?P<qa>{'|'.join(QUALIFIERS_AFTER)}))?"
_RANGE = rf"(?:{_SP}(?:至|到|~|—|–|-){_SP}{_one(2)})"
_PERCENT_CN = rf"(?P<pcn>百分之(?P<pcnv>[{_CN}]+))"

# Every number starts with a digit, a numeral, a vague word (`数十`), `百分之` or
# a qualifier before it: checking that first lets the scan skip most positions
# without trying each alternative.
_FIRST_CHARS = "".join(sorted({word[0] for word in QUALIFIERS_BEFORE} | set("上百数几若" + _CN)))
_WITH_RANGE = re.compile(
    rf"(?=[0-9{_FIRST_CHARS}]){_BEFORE}(?:{_PERCENT_CN}|{_one(1)}{_RANGE}?{_SHARE}){_AFTER}", re.ASCII
)
_SINGLE = re.compile(rf"{_BEFORE}(?:{_PERCENT_CN}|{_one(1)}{_SHARE}){_AFTER}", re.ASCII)
_DIVISORS = {"%": 100, "‰": 1000, "个百分点": 100, "成": 10}


@dataclass(frozen=True)
class Quantity:
    """A number found in text; `value` has magnitudes applied (`10亿` -> 1e9)."""

    text: str  # as written, e.g. `超2500`, `1000 多万`, `90% 以上`
    start: int
    end: int
    value: float
    upper: float | None = None  # the end of a range: `4至5天` -> 4.0 .. 5.0
    qualifier: str = ""  # `超`, `近`, `以上`, `多`, `数` ...: the value is a bound
    share: bool = False  # a fraction of a whole: `40%` -> 0.4, `三成` -> 0.3
    approximate: bool = False  # vague amounts: `数十万`, `几百`
    chinese: bool = False  # written in Chinese numerals (`两款`, `三成`)


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a whole string stands for (`10亿`, `三成`, `1000 多万`), or None."""
    if not isinstance(text, str) or not text.strip():
        return None
    offset = len(text) - len(text.lstrip())
    stripped = text.strip()
    found = find_numbers(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        only = found[0]
        return Quantity(stripped, offset, offset + len(stripped), only.value, only.upper,
                        only.qualifier, only.share, only.approximate, only.chinese)
    return None


def written_with_magnitude(text: str) -> bool:
    """`1.72亿`, `千亿`, `2 billion`: a number whose size is written out, as a
    large amount is, unlike a code or a count of digits (`20251118`)."""
    return any(c in MAGNITUDES for c in text) or any(word in text.lower() for word in ENGLISH_MAGNITUDES)


def parse_number(text: str) -> float | None:
    """`10亿` -> 1e9, `4500亿` -> 4.5e11, `千亿` -> 1e11, `三成` -> 0.3, `40%` -> 0.4."""
    quantity = parse_quantity(text)
    return quantity.value if quantity else None


def find_numbers(text: str) -> list[Quantity]:
    """Every number in `text`, in order, with magnitude, bound, range and share.

    Malformed Chinese numerals (`十五五`, `万万`) are dropped; a lone numeral
    character (`统一`, `一带一路`) is still returned, marked `chinese`, because
    only the caller knows whether a counter follows it.
    """
    if not isinstance(text, str) or not text:
        return []
    folded = fold_width(text)
    found: list[Quantity] = []
    position = 0
    while position < len(folded):
        match = _WITH_RANGE.search(folded, position)
        if match is None:
            break
        quantity = _bare_number(match, text) or _quantity(match, text)
        if quantity is None and _has_range(match.groupdict()):
            single = _SINGLE.match(folded, match.start())
            quantity = _quantity(single, text) if single else None
        if quantity is not None:
            found.append(quantity)
        position = max(quantity.end if quantity else match.end(), match.start() + 1)
    return found


def _bare_number(match: re.Match[str], text: str) -> Quantity | None:
    """The commonest matches, a number with nothing around it: digits (`2025`,
    `11`) or a Chinese numeral (`统一`, `一些`), read without the dict of
    every group that `_quantity` looks at."""
    start, end = match.span()
    arabic, chinese = match.group("ar1", "cn1")
    if arabic is not None and len(arabic) == end - start:
        return Quantity(text[start:end], start, end, float(arabic.replace(",", "")))
    if chinese is not None and len(chinese) == end - start:
        value = chinese_to_int(chinese)
        return None if value is None else Quantity(text[start:end], start, end, float(value), chinese=True)
    return None


def _has_range(groups: dict[str, str | None]) -> bool:
    return groups.get("ar2") is not None or groups.get("vague2") is not None or groups.get("cn2") is not None


def _quantity(match: re.Match[str], text: str) -> Quantity | None:
    """A Quantity for one match, or None when it is no number (or a bad range)."""
    start, end = match.span()
    groups = match.groupdict()  # once: every helper below reads it
    if groups["pcn"]:
        value = chinese_to_int(groups["pcnv"])
        if value is None:
            return None
        return Quantity(text[start:end], start, end, value / 100,
                        qualifier=_qualifier(groups), share=True, chinese=True)
    value = _value(groups, _FIRST)
    if value is None:
        return None
    upper = None
    if _has_range(groups):
        upper = _value(groups, _SECOND)
        if upper is not None and groups["ar1"] and not (groups["mag1"] or groups["emag1"]) and groups["mag2"]:
            value *= _magnitude(groups["mag2"])  # `4至5万`: the magnitude is shared
        if upper is None or upper <= value:
            return None
    divisor = _DIVISORS.get((groups["pct"] or "").strip(), 1)
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        value=value / divisor,
        upper=upper / divisor if upper is not None else None,
        qualifier=_qualifier(groups),
        share=divisor > 1,
        approximate=bool(groups["vague1"]),
        chinese=bool(groups["cn1"]),
    )


def _qualifier(groups: dict[str, str | None]) -> str:
    return groups.get("qb") or groups.get("vague1") or groups.get("mid1") or groups.get("qa") or ""


def _magnitude(chars: str) -> float:
    """`亿` -> 1e8, `万亿` -> 1e12, `千万` -> 1e7: the characters multiply;
    `billion` -> 1e9."""
    english = ENGLISH_MAGNITUDES.get(chars.lower())
    if english is not None:
        return english
    return float(math.prod(MAGNITUDES[c] for c in chars))


# The groups of the first and of the second number of a match (`_one`).
_FIRST = ("ar1", "mag1", "vague1", "vmag1", "cn1")
_SECOND = ("ar2", "mag2", "vague2", "vmag2", "cn2")


def _value(groups: dict[str, str | None], names: tuple[str, str, str, str, str]) -> float | None:
    """The value of one number of a match, magnitudes applied; None if malformed."""
    arabic, magnitude, vague, vague_magnitude, chinese = names
    if groups.get(arabic):
        written = groups[magnitude] or groups.get("e" + magnitude) or ""
        return float(groups[arabic].replace(",", "")) * _magnitude(written)
    if groups.get(vague):
        return _magnitude(groups[vague_magnitude])
    if groups.get(chinese):
        value = chinese_to_int(groups[chinese])
        return float(value) if value is not None else None
    return None
