"""Dates in Chinese text: whole date strings and date expressions in running text.

Sources write dates many ways: `2026-01-23 06:36`, `2025年5月8日`, PDF-extracted
`11 月 19 日至 22 日`, `1月25日` whose year is only implied, `近日`, or a year inside
an event name (`2026世界智能产业博览会`). Every result keeps the precision the
source gave (day, month or year): a day is never invented, and a date whose
year cannot be inferred is skipped rather than guessed.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitegen.chinese.numerals import chinese_to_int
from sitegen.chinese.text import fold_width, is_cjk
from sitegen.model import DateSpan, PartialDate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA_FILE = Path(__file__).resolve().parents[1] / "taxonomies" / "events.toml"

# A full date (with month) is unambiguous in a wide range; a year on its own is
# only a year when it is plausible for news (`5000 PFLOPS` is not a year).
FULL_YEARS = range(1000, 3000)
TEXT_YEARS = range(1900, 2101)
# How far (characters) a year-less date may look ahead for a year to borrow, and
# a bare day (`21日`) back for its month.
YEAR_LOOKAHEAD = 400
MONTH_LOOKBACK = 400

_SP = r"[ \t]{0,2}"
_CN_DIGIT = "〇○零一二三四五六七八九"
# Taiwan counts years from 1912 (民國114年 = 2025). A year written with 民國 is
# one; a bare three-digit year 100-149 only in front of a month (`114年3月5日`),
# since `114年` alone may be a span of years.
ROC_OFFSET = 1911
_ROC_YEAR = rf"民[國国]{_SP}\d{{2,3}}(?!\d)|(?<![\d.])1[0-4]\d(?={_SP}年{_SP}\d{{1,2}}{_SP}月)"
_YEAR = rf"(?:(?<![\d.])\d{{4}}(?!\d)|(?<![{_CN_DIGIT}十])[{_CN_DIGIT}]{{4}}|{_ROC_YEAR})"
_MONTH = r"(?:(?<![\d.])\d{1,2}|十[一二]?|(?<![十〇○零一二三四五六七八九])[一二三四五六七八九])"
_DAY = r"(?:\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_TO = rf"{_SP}(?:至|到|~|——|—|–|-|－){_SP}"
_YEAR_PART = rf"(?:(?P<y>{_YEAR}){_SP}年|(?P<ry>今|(?<!过)去|明)年|(?P<cy>次|翌|同)年){_SP}"

EN_MONTH = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)

_DATE_PATTERNS = [
    # 2025-05-08, 2025/5/8, 2025.5.8 (an optional time is left to the caller), and a
    # week's or an event's span in that form: 2025.03.03—03.09, 2025-03-03至2025-03-09,
    # 2025-11-20至22日, 2025/11/20-22 (not 2025-03-03-05, a serial number as likely)
    r"(?P<iso>(?<![\d.])(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})(?!\d)"
    rf"(?:{_TO}(?:(?:(?P<iy2>\d{{4}})(?P=sep))?(?P<im2>\d{{1,2}})(?P=sep)(?P<id2>\d{{1,2}})(?![\d.:])"
    rf"|(?P<idd>\d{{1,2}}){_SP}[日号])|(?!{_SP}(?P=sep)){_TO}(?P<ido>\d{{1,2}})(?![\d.:]))?)",
    # 2023-06, 2023/06: a month, as tables and chronologies write it (two-digit
    # month), and months from one to another (2023-06至2023-09)
    r"(?P<ism>(?<![\d.\-/])(?P<ismy>\d{4})[-/](?P<ismm>0[1-9]|1[0-2])(?![\d\-/.])"
    rf"(?:{_TO}(?P<ismy2>\d{{4}})[-/](?P<ismm2>0[1-9]|1[0-2])(?![\d\-/.]))?)",
    # [2024年]11月[19日][至[12月]22日], 7月26-28日, and month ranges 2025年9月至12月
    # and 1—5月 (a statistics period: January to May)
    rf"(?P<md>(?:{_YEAR_PART})?(?P<m>{_MONTH})(?:{_TO}(?P<mt>{_MONTH}))?{_SP}月(?:{_SP}(?P<ds>{_DAY}){_TO}(?P<de>{_DAY}){_SP}[日号]"
    rf"|{_SP}(?P<d>{_DAY}){_SP}[日号]"
    rf"(?:{_TO}(?:(?P<y2>{_YEAR}){_SP}年{_SP})?(?:(?P<m2>{_MONTH}){_SP}月{_SP})?(?P<d2>{_DAY}){_SP}[日号])?"
    rf"|(?:{_TO}(?:(?P<y3>{_YEAR}){_SP}年{_SP})?(?P<m3>{_MONTH}){_SP}月)?))",
    # 2024—2026年, 2024年至2026年
    rf"(?P<yr>(?P<ya>{_YEAR}){_SP}(?:年)?{_TO}(?P<yb>{_YEAR}){_SP}年)",
    # 2014年, 二〇二四年, 今年, 次年 (not `2020年代`); a quarter or half of it
    # (2025年第二季度, Hong Kong's 2026年第一季, 2025年Q3, 今年前三季度, 今年上半年) is the
    # range of its months
    rf"(?P<yo>(?:(?P<yy>{_YEAR}){_SP}年|(?P<ryy>今|(?<!过)去|明)年|(?P<cyy>次|翌|同)年)(?!代)"
    rf"(?:{_SP}(?:第?(?P<q>[一二三四1-4]){_SP}季度?|[Qq](?P<qq>[1-4])(?![0-9A-Za-z])|前(?P<qn>[二两三2-3])个?季度|(?P<half>[上下])半年))?)",
    # 今（16）日 / 昨(15)日: Taiwan's press gives the day of the month with the day
    # counted from the reference date
    r"(?P<rdn>(?P<rdw>今|昨|明|前)[（(](?P<rdd>\d{1,2})[)）][日天])",
    # 昨日 / 今天 / 前天: a day counted from the reference date (not `今日头条`,
    # not `前天津市长`)
    r"(?P<rd>(?:昨天|昨日|前天|今天|今日|明天|明日)(?!头条|之星|方舟|说法|视点|津))",
    # 上周三 / 本星期一 / 下週五: a weekday of the reference date's week or a
    # week next to it (a bare `周三` names no week and is left alone)
    r"(?P<rw>(?P<wk>上|本|这|這|下)个?(?:周|週|星期|礼拜|禮拜)(?P<wd>[一二三四五六日天]))",
    # 本月 / 上月 / 下个月 [20日]: a month counted from the reference date
    rf"(?P<rm>(?:本|上个?|下个?)月)(?:{_SP}(?P<rmd>{_DAY}){_SP}[日号](?:{_TO}(?P<rmd2>{_DAY}){_SP}[日号])?)?",
    # 近日 / 日前 / 近期: "lately", resolved to the reference date, approximate
    r"(?P<recent>(?<![接靠临贴附邻将最])近日(?![本落出])|(?<![\d节生假期念今明昨前每数几个两十])日前|近期)",
    # November 20, 2025 / Nov. 20 / 20 November 2025 / March 2024 in English text,
    # and days from one to another (February 10-11, 2025 / 19–22 November)
    # (capitalised month names only: `may` is a verb)
    rf"(?P<en>(?<![A-Za-z])(?:(?P<em>{EN_MONTH})\.?[ \t]+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:[ \t]*[-–][ \t]*(?P<ede>\d{{1,2}})(?:st|nd|rd|th)?)?(?![\d:])"
    rf"(?:,?[ \t]+(?P<ey>\d{{4}})(?!\d))?"
    rf"|(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?(?:[ \t]*[-–][ \t]*(?P<ed2e>\d{{1,2}})(?:st|nd|rd|th)?)?"
    rf"[ \t]+(?P<em2>{EN_MONTH})\.?(?:,?[ \t]+(?P<ey2>\d{{4}})(?!\d))?"
    rf"|(?P<em3>{EN_MONTH})\.?,?[ \t]+(?P<ey3>\d{{4}})(?!\d))(?![A-Za-z]))",
    # on Monday / last Friday in English news: a weekday counted back from the
    # reference date (`will … on Monday` forward)
    r"(?P<ewd>(?<![A-Za-z])(?P<ewo>[Oo]n|[Ll]ast)[ \t]+(?P<ewn>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z]))",
    # 21日 / 21日至22日 with the month of the surrounding text
    rf"(?P<bare>(?<![\d月.\-/])(?P<bd>\d{{1,2}}){_SP}日(?:{_TO}(?P<bd2>\d{{1,2}}){_SP}日)?"
    rf"(?!{_SP}(?:内|以内|以上|之内|左右|以来|之后)))",
]
# Every pattern starts with one of these characters: checking it first lets the
# scan skip most positions without trying each alternative.
_FIRST_CHARS = rf"(?=[0-9{_CN_DIGIT}十今去明次翌同近日昨前本上下民这這ADFJMNOSLol])"
_DATE_RE = re.compile(_FIRST_CHARS + "(?:" + "|".join(_DATE_PATTERNS) + ")", re.ASCII)
_RELATIVE_YEAR = {"今": 0, "去": -1, "明": 1}
# `次年1月25日`, `同年`: counted from the year the text was last at, not from
# the publication (`2024年…12月20日…次年1月25日` is January 2025).
_CONTEXT_YEAR = {"次": 1, "翌": 1, "同": 0}
_RELATIVE_DAY = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1}
_RELATIVE_MONTH = {"本": 0, "上": -1, "下": 1}
_RELATIVE_WEEK = {"本": 0, "这": 0, "這": 0, "上": -1, "下": 1}
_WEEKDAYS = "一二三四五六日"  # Monday first, as `datetime.date.weekday` counts
_SENTENCE_END = re.compile(r"[。!?;！？；\n]")
# `到2027年`, `力争在2030年前`, `预计将于2025年下半年`: a date that is a deadline,
# a target or a forecast. (`将于11月19日举行` alone is a scheduled event's date.)
_TARGET_BEFORE = re.compile(
    r"(?:到|至|要在|力[争爭][在于於]?|[争爭]取[在于於]?|力求|确保|確保|[计計][划劃][将將]?[在于於]|[预預][计計][将將]?[在于於]"
    r"|[拟擬][于於]|有望[在于於])[ \t]*$"
)
_TARGET_AFTER = re.compile(r"[ \t]*(?:年底|年末|底)?(?:前|以前|之前)(?![一二三四五六七八九十两\d])")


def is_target(text: str, start: int, end: int) -> bool:
    """True when text[start:end], a date, is a deadline, target or forecast
    (`到2027年`, `2030年前`, `预计于明年`): it says when something should be
    done, not when anything happened, and lends its year to no other date."""
    return bool(_TARGET_BEFORE.search(text, max(0, start - 6), start)) or bool(_TARGET_AFTER.match(text, end))


@dataclass(frozen=True)
class FoundDate:
    """A date expression found in running text, with its character offsets."""

    span: DateSpan
    start: int
    end: int


@dataclass
class _Raw:
    """A date match before its missing year or month is inferred from context."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year2: int | None = None
    month2: int | None = None
    day2: int | None = None
    relative_year: int | None = None
    context_year: int | None = None  # years after the last date before it (`次年`, `同年`)
    relative: int = 0  # days (kind `day`) or months (kind `month`) from the reference
    # full | recent (近日) | bare (21日) | edition (2026…博览会) | day (昨日; 今（16）日 with
    # `day` 16) | month (上月) | week (上周三: `relative` weeks from the reference's, `day`
    # the weekday, Monday 0) | weekday (on Monday: `day` the weekday, `relative` -1 for the
    # last one on or before the reference, -2 for one strictly before, 1 for the next)
    kind: str = "full"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class EventWords:
    """`taxonomies/events.toml`: data, so a user can teach new kinds of event."""

    name_suffixes: tuple[str, ...]  # `博览会`: a year right before names an edition
    name_prefixes: tuple[str, ...]  # `EXPO`: a year right after names an edition
    verbs: tuple[str, ...]  # `举行`, `开幕`: something happened on that date
    chronologies: tuple[str, ...] = ()  # `大事记`: a title whose text is a list of dated events


@lru_cache(maxsize=1)
def event_words() -> EventWords:
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    names = data.get("event_names", {})
    return EventWords(
        tuple(names.get("suffixes", ())),
        tuple(names.get("prefixes", ())),
        tuple(data.get("event_verbs", {}).get("verbs", ())),
        tuple(data.get("chronology", {}).get("titles", ())),
    )


# --------------------------------------------------------------------------- numbers


def _num(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    return int(text) if text.isdigit() else chinese_to_int(text)


def _year(text: str | None) -> int | None:
    """A year as the Gregorian year, whether written `2025`, `二〇二五` or in
    Taiwan's count (`民國114`, a bare `114` in front of a month)."""
    if text and text[0] == "民":
        return int(text[2:].strip()) + ROC_OFFSET
    if text and len(text) == 3 and text.isdigit():
        return int(text) + ROC_OFFSET
    return _num(text)


def _valid(year: int, month: int | None = None, day: int | None = None) -> bool:
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def _partial(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if not _valid(year, month, day):
        return None
    return PartialDate(year, month, day)


# --------------------------------------------------------------------------- parse_date

# The part of the day a text may give after a date (`12月1日下午消息`), optional.
DAY_PART = "(?:上午|下午|中午|晚间|晚上|早间|早上|凌晨|傍晚)?"

_TIME_TAIL = re.compile(
    r"(?:[ T]|\s+)(?:上午|下午|晚上|凌晨)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}|\s?[AaPp]\.?[Mm]\.?)?$"
)
_REPUBLIC = re.compile("^中[華华](?=民[國国])")  # `中華民國114年…`: the year is 民國114
_WEEKDAY_TAIL = re.compile(r"\s*[(（]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][)）]?$")
_ISO_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")


# Dates in English, as English-language meta tags and mail headers write them:
# `June 3, 2025`, `3 Jun 2025`, `Tue, 03 Jun 2025 09:30:00 +0800`, `June 2025`.
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_ENGLISH_DATE = re.compile(
    r"(?:[A-Za-z]{3,9}\.?,?\s+)??"
    r"(?:(?P<d1>\d{1,2})\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<m3>[A-Za-z]{3,9})\.?,?\s+(?P<y3>\d{4}))"
    r"(?:[\sT,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[AaPp][Mm]|GMT|UTC|Z|[+-]\d{2}:?\d{2}|\([A-Z]{2,5}\)|[A-Z]{2,5}))*)?"
)


def _english_month(name: str | None) -> int | None:
    """`Jun`, `June`, `Sept` -> 6, 6, 9; None for a word that is no month."""
    lowered = {"sept": "sep"}.get((name or "").lower(), (name or "").lower())
    return next((n for n, month in enumerate(_MONTH_NAMES, 1) if len(lowered) >= 3 and month.startswith(lowered)), None)


def _english_date(text: str) -> PartialDate | None:
    match = _ENGLISH_DATE.fullmatch(text)
    if match is None:
        return None
    month = _english_month(match["m1"] or match["m2"] or match["m3"])
    year = int(match["y1"] or match["y2"] or match["y3"])
    day = match["d1"] or match["d2"]
    if month is None or year not in FULL_YEARS:
        return None
    return _partial(year, month, int(day) if day else None)


# Scrapers and page scripts give times as Unix seconds (`1748916000`) or
# milliseconds (`1748916000000`); Chinese sources mean Beijing time.
BEIJING_TIME = _dt.timezone(_dt.timedelta(hours=8))
_UNIX_SECONDS = range(946_684_800, 4_102_444_800)  # 2000 to 2100: a number here is a time


def unix_time_text(value: str) -> str | None:
    """`1748916000` or `1748916000000` -> `2025-06-03 10:00` (Beijing time);
    None for any other text."""
    digits = value.strip()
    if not digits.isdigit() or len(digits) not in (10, 13):
        return None
    seconds = int(digits) // (1000 if len(digits) == 13 else 1)
    if seconds not in _UNIX_SECONDS:
        return None
    return _dt.datetime.fromtimestamp(seconds, BEIJING_TIME).strftime("%Y-%m-%d %H:%M")


def parse_date(text: str) -> DateSpan | None:
    """The date a whole string stands for, or None when it is not a real date.

    `2026-01-23 06:36`, `2025-05-08T09:00:00+08:00` (the local date as written,
    not converted), `2025/5/8`, `2025年5月8日`, `2026年1月`, `2026-01`, `2026`,
    `二〇二四年十一月`, `2024年11月19日至22日`, `June 3, 2025`, `Tue, 03 Jun 2025
    09:30:00 +0800`. Impossible dates (`2025-13-45`) and
    dates that need context for their year (`1月25日`) give None.
    """
    if not isinstance(text, str):
        return None
    original = text.strip()
    folded = _WEEKDAY_TAIL.sub("", _TIME_TAIL.sub("", fold_width(original).strip())).strip()
    folded = _REPUBLIC.sub("", folded)
    if re.fullmatch(r"\d{4}", folded):
        year = int(folded)
        return DateSpan(PartialDate(year), text=original) if year in FULL_YEARS else None
    english = _english_date(folded)
    if english is not None:
        return DateSpan(english, text=original)
    month_only = _ISO_MONTH.fullmatch(folded)
    if month_only:
        start = _partial(int(month_only[1]), int(month_only[2]), None)
        return DateSpan(start, text=original) if start and start.year in FULL_YEARS else None
    found = find_dates(folded)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(folded):
        span = found[0].span
        return DateSpan(span.start, span.end, span.approximate, original)
    return None


# --------------------------------------------------------------------------- find_dates


def find_dates(text: str, reference: PartialDate | None = None) -> list[FoundDate]:
    """Every date expression in `text`, in order, with offsets into `text`.

    `reference` is the publication date: it gives `近日` its value and the year
    of `1月25日` when the text itself names no year close by. Matches whose year
    or month cannot be known are left out.
    """
    if not isinstance(text, str) or not text:
        return []
    folded = fold_width(text)
    raws = [raw for raw in (_raw(m, folded) for m in _DATE_RE.finditer(folded)) if raw]
    raws = sorted(raws + _event_years(folded, raws), key=lambda raw: raw.start)
    years = _Years.of([raw for raw in raws if not is_target(folded, raw.start, raw.end)])
    found: list[FoundDate] = []
    for raw in raws:
        span = _resolve(raw, years, found, folded, reference)
        if span is not None:
            words = text[raw.start : raw.end]
            found.append(FoundDate(DateSpan(span.start, span.end, span.approximate, words), raw.start, raw.end))
    return found


def _raw(match: re.Match[str], text: str) -> _Raw | None:
    """Turn one regex match into numbers; None when it is not a date after all."""
    start, end = match.span()
    if match["iso"]:
        return _Raw(
            start, end, int(match["iy"]), int(match["im"]), int(match["id"]),
            _num(match["iy2"]), _num(match["im2"]), _num(match["id2"] or match["idd"] or match["ido"]),
        )
    if match["ism"]:
        return _Raw(start, end, int(match["ismy"]), int(match["ismm"]), year2=_num(match["ismy2"]), month2=_num(match["ismm2"]))
    if match["md"]:
        return _month_day(match, start, end)
    if match["yr"]:
        return _Raw(start, end, _year(match["ya"]), year2=_year(match["yb"]))
    if match["yo"]:
        first, last = _period_months(match)
        if match["ryy"]:
            return _Raw(start, end, relative_year=_RELATIVE_YEAR[match["ryy"]], month=first, month2=last)
        if match["cyy"]:
            return _Raw(start, end, context_year=_CONTEXT_YEAR[match["cyy"]], month=first, month2=last)
        return _Raw(start, end, _year(match["yy"]), month=first, month2=last)
    if match["en"]:
        return _english_raw(match, start, end)
    if match["recent"]:
        return _Raw(start, end, kind="recent")
    if match["rdn"]:
        relative = _RELATIVE_DAY["前天" if match["rdw"] == "前" else match["rdw"] + "日"]
        return _Raw(start, end, day=_num(match["rdd"]), relative=relative, kind="day")
    if match["rd"]:
        return _Raw(start, end, relative=_RELATIVE_DAY[match["rd"]], kind="day")
    if match["rm"]:
        return _Raw(start, end, day=_num(match["rmd"]), day2=_num(match["rmd2"]), relative=_RELATIVE_MONTH[match["rm"][0]],
                    kind="month")
    if match["rw"]:
        weekday = _WEEKDAYS.index(match["wd"].replace("天", "日"))
        return _Raw(start, end, day=weekday, relative=_RELATIVE_WEEK[match["wk"]], kind="week")
    if match["ewd"]:
        return _english_weekday(match, start, end, text)
    return _bare_day(match, start, end, text)


def _english_raw(match: re.Match[str], start: int, end: int) -> _Raw:
    """`Nov. 20, 2025`, `20 November`, `March 2024`, `February 10-11, 2025`: a
    year left out comes from the context, as for `11月20日`."""
    month = _english_month(match["em"] or match["em2"] or match["em3"])
    day, last = match["ed"] or match["ed2"], match["ede"] or match["ed2e"]
    year = match["ey"] or match["ey2"] or match["ey3"]
    return _Raw(
        start, end, int(year) if year else None, month, int(day) if day else None, day2=int(last) if last else None,
    )


_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# What puts a weekday ahead of the report (`will meet on Monday`, `is due on Friday`).
_EN_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|due|scheduled|expected|set to|plans? to)\b[^.;!?]*$", re.IGNORECASE)


def _english_weekday(match: re.Match[str], start: int, end: int, text: str) -> _Raw:
    """`on Monday`: in a news report, the Monday of the week it reports, the last
    one on or before the publication day (`last Monday`: before it), or the next
    one when the clause speaks of what will happen."""
    ahead = _EN_FUTURE.search(text[max(0, start - 80) : start])
    relative = 1 if ahead else (-1 if match["ewo"].lower() == "on" else -2)
    return _Raw(start, end, day=_EN_WEEKDAYS.index(match["ewn"]), relative=relative, kind="weekday")


def _period_months(match: re.Match[str]) -> tuple[int | None, int | None]:
    """The first and last month of `第二季度`, `Q3`, `前三季度` or `上半年`; (None, None) for a whole year."""
    if match["q"] or match["qq"]:
        quarter = _num(match["q"] or match["qq"]) or 1
        return 3 * quarter - 2, 3 * quarter
    if match["qn"]:  # 前三季度: the first quarters, together
        return 1, 3 * (_num(match["qn"]) or 1)
    if match["half"]:
        return (1, 6) if match["half"] == "上" else (7, 12)
    return None, None


def _month_day(match: re.Match[str], start: int, end: int) -> _Raw | None:
    has_year = bool(match["y"] or match["ry"] or match["cy"])
    day = match["d"] or match["ds"]
    if not match["m"][0].isdigit() and not has_year and not day:
        return None  # a lone `三月` is too often not a date
    if match["mt"]:
        raw = _months_to(match, start, end, day)
    else:
        raw = _Raw(
            start, end, _year(match["y"]), _num(match["m"]), _num(day),
            _year(match["y2"] or match["y3"]), _num(match["m2"] or match["m3"]), _num(match["d2"] or match["de"]),
        )
    if raw is not None and match["ry"]:
        raw.relative_year = _RELATIVE_YEAR[match["ry"]]
    if raw is not None and match["cy"]:
        raw.context_year = _CONTEXT_YEAR[match["cy"]]
    return raw


def _months_to(match: re.Match[str], start: int, end: int, day: str | None) -> _Raw | None:
    """`1—5月`, `2025年1至5月`: from the first month to the last; not a date when
    a day follows (`1—5月8日` says nothing sure) or the months run backwards."""
    first, last = _num(match["m"]), _num(match["mt"])
    if day or match["m3"] or first is None or last is None or last <= first:
        return None
    return _Raw(start, end, _year(match["y"]), first, month2=last)


def _bare_day(match: re.Match[str], start: int, end: int, text: str) -> _Raw | None:
    """`21日` is a day of the month; `第21日`, `每21日`, `数日` are counts, not dates."""
    if start > 0 and text[start - 1] in "第每近数":
        return None
    return _Raw(start, end, day=_num(match["bd"]), day2=_num(match["bd2"]), kind="bare")


# --------------------------------------------------------------------------- event-name years

# Four digits alone. The digit comes before the look back (`[\d.]` before it
# and the digit itself), so the scan can skip to digits without trying a match.
_FOUR_DIGITS = re.compile(r"\d(?<![\d.]\d)\d{3}(?![\d.])", re.ASCII)
_NAME_OPENERS = " \t\"'“”‘’「『《"
_NAME_END = re.compile(r"[，。；！？、,;!?\n()（）]")
_COUNTERS = set("多余万亿千百个家款项所份人名次件台套座条位元年月日号")
NAME_REACH = 25
# `2025"AI+"赋能…大会`: a Latin word glued to the Chinese name, unlike a unit
# such as `2000 PFLOPS 在大会上`.
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*[\"'“”‘’]?[\u4e00-\u9fff]")


def _event_years(text: str, taken: list[_Raw]) -> list[_Raw]:
    """Bare years that are the edition of a named event: `2026世界智能产业博览会`,
    `EXPO 2026`. Any other four digits (`5000 PFLOPS`, `2000家`) are not years."""
    covered = sorted((raw.start, raw.end) for raw in taken)
    starts = [start for start, _ in covered]
    years = []
    for match in _FOUR_DIGITS.finditer(text):
        start, end = match.span()
        index = bisect_right(starts, start) - 1  # matches never overlap each other
        inside = index >= 0 and covered[index][1] > start
        if int(match[0]) not in TEXT_YEARS or inside:
            continue
        if names_event_after(text, end) or _names_event_before(text, start):
            years.append(_Raw(start, end, int(match[0]), kind="edition"))
    return years


def names_event_after(text: str, end: int) -> bool:
    """A year ending at `end` names the edition of the event after it
    (`2026世界智能产业博览会`, `2026年大会`)."""
    rest = text[end : end + NAME_REACH + 4].lstrip(_NAME_OPENERS)
    if not rest or rest[0] in _COUNTERS or not (is_cjk(rest[0]) or _LATIN_NAME.match(rest)):
        return False
    name = _NAME_END.split(rest, maxsplit=1)[0][:NAME_REACH]
    return any(word in name for word in event_words().name_suffixes)


def _names_event_before(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].rstrip().lower()
    words = event_words()
    return any(before.endswith(word.lower()) for word in words.name_prefixes + words.name_suffixes)


# --------------------------------------------------------------------------- resolution


def _resolve(
    raw: _Raw, years: _Years, found: list[FoundDate], text: str, reference: PartialDate | None
) -> DateSpan | None:
    """Fill in what the match leaves implicit; None when it cannot be known."""
    if raw.kind == "recent":
        return DateSpan(reference, approximate=True) if reference else None
    if raw.kind in ("day", "week", "month", "weekday"):
        return _resolve_relative(raw, reference)
    if raw.kind == "bare":
        return _resolve_bare(raw, found, reference)
    year = raw.year
    if raw.context_year is not None:
        if not found:
            return None
        year = found[-1].span.start.year + raw.context_year
    elif raw.relative_year is not None:
        if reference is None:
            return None
        year = reference.year + raw.relative_year
    if year is None:
        year = _infer_year(raw, years, text, reference)
    if year is None:
        return None
    return _span(year, raw.month, raw.day, raw.year2, raw.month2, raw.day2)


def _resolve_relative(raw: _Raw, reference: PartialDate | None) -> DateSpan | None:
    """`昨日` and `上周三` need the reference's day, `上月` its month; without
    them the date is unknown, never guessed."""
    if reference is None or reference.month is None:
        return None
    if raw.kind == "day" and raw.day is not None:
        return _numbered_day(raw, reference)
    if raw.kind in ("day", "week", "weekday"):
        if reference.day is None:
            return None
        known = _dt.date(reference.year, reference.month, reference.day)
        if raw.kind == "weekday":
            day = _weekday_near(known, raw.day or 0, raw.relative)
        elif raw.kind == "week":
            monday = known - _dt.timedelta(days=known.weekday())
            day = monday + _dt.timedelta(weeks=raw.relative, days=raw.day or 0)
        else:
            day = known + _dt.timedelta(days=raw.relative)
        return DateSpan(PartialDate(day.year, day.month, day.day))
    months = reference.year * 12 + reference.month - 1 + raw.relative
    year, month = months // 12, months % 12 + 1
    return _span(year, month, raw.day, None, None, raw.day2)  # `本月18日至19日`: a range of days


def _weekday_near(known: _dt.date, weekday: int, relative: int) -> _dt.date:
    """The date of `weekday` next to `known`: the next one on or after it
    (`relative` 1), the last one on or before it (-1), or strictly before it (-2)."""
    if relative == 1:
        return known + _dt.timedelta(days=(weekday - known.weekday()) % 7)
    back = (known.weekday() - weekday) % 7
    return known - _dt.timedelta(days=back or (7 if relative == -2 else 0))


def _numbered_day(raw: _Raw, reference: PartialDate) -> DateSpan | None:
    """`昨（15）日`: the day given, in the reference's month, or in the month before
    when the reference's day is earlier and the day is not ahead of it (`昨（31）日`
    on the 1st)."""
    back = reference.day is not None and raw.day > reference.day and raw.relative <= 0
    months = reference.year * 12 + reference.month - 1 - back
    start = _partial(months // 12, months % 12 + 1, raw.day)
    return DateSpan(start) if start else None


def _span(
    year: int, month: int | None, day: int | None,
    year2: int | None, month2: int | None, day2: int | None,
) -> DateSpan | None:
    """A checked DateSpan; a range end that is impossible or earlier is dropped."""
    if year not in (FULL_YEARS if month else TEXT_YEARS):
        return None
    start = _partial(year, month, day)
    if start is None:
        return None
    if year2 is None and month2 is None and day2 is None:
        return DateSpan(start)
    end_year = year2 or year
    if year2 is None and month2 is not None and month is not None and month2 < month:
        end_year = year + 1  # `12月30日至1月2日`
    end = _partial(end_year, (month2 or month) if month else None, day2)
    if end is None or end.precision != start.precision or end.sort_key() <= start.sort_key():
        return DateSpan(start)
    return DateSpan(start, end)


@dataclass(frozen=True)
class _Years:
    """The matches that name their year, in text order, searchable by offset."""

    raws: tuple[_Raw, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, raws: list[_Raw]) -> _Years:
        named = tuple(raw for raw in raws if raw.year is not None)
        return cls(named, tuple(raw.start for raw in named), tuple(raw.end for raw in named))

    def count_before(self, offset: int) -> int:
        """How many of them end at or before `offset`."""
        return bisect_right(self.ends, offset)

    def first_after(self, offset: int) -> _Raw | None:
        index = bisect_left(self.starts, offset)
        return self.raws[index] if index < len(self.raws) else None


def _infer_year(raw: _Raw, years: _Years, text: str, reference: PartialDate | None) -> int | None:
    """The year of `1月25日`, from the closest honest source, in this order:

    1. a year earlier in the same sentence, or a dated month earlier in the same
       paragraph (`2025年12月28日…12月30日`);
    2. the publication date (a month more than half a year after it is read as
       the previous year: a January article about `8月` looks back);
    3. the closest year earlier in the text;
    4. the nearest year after it, close by (a dateline `11 月 21 日电` followed by
       `2024 年世界互联网大会`).
    """
    count = years.count_before(raw.start)
    paragraph_start = text.rfind("\n", 0, raw.start) + 1
    for index in range(count - 1, -1, -1):
        other = years.raws[index]
        if other.start < paragraph_start:
            break
        if other.month is not None or not _SENTENCE_END.search(text, other.end, raw.start):
            return other.year
    if reference is not None:
        if reference.month is not None and raw.month is not None and raw.month - reference.month > 6:
            return reference.year - 1
        return reference.year
    if count:
        return years.raws[count - 1].year
    after = years.first_after(raw.end)
    if after is not None and after.start - raw.end <= YEAR_LOOKAHEAD:
        return after.year
    return None


def _resolve_bare(raw: _Raw, found: list[FoundDate], reference: PartialDate | None) -> DateSpan | None:
    """`21日`: the day of the month named last before it (a dateline, an earlier
    date), if that was close; else, as a news report counts days, of the
    publication month when it is not after the publication day (`北京亦庄19日宣布`
    in a report of the 20th); otherwise the month is unknown and it is skipped
    (`25日` after the 20th may be next week or last month)."""
    for previous in reversed(found):
        if raw.start - previous.end > MONTH_LOOKBACK:
            break
        anchor = previous.span.end or previous.span.start
        if anchor.month is not None and not previous.span.approximate:
            return _span(anchor.year, anchor.month, raw.day, None, None if raw.day2 is None else anchor.month, raw.day2)
    if reference is None or reference.day is None or raw.day is None or raw.day > reference.day:
        return None
    if raw.day2 is not None and raw.day2 > reference.day:
        return None
    month = reference.month
    return _span(reference.year, month, raw.day, None, None if raw.day2 is None else month, raw.day2)
