"""Key figures: numbers with their unit and what they measure, traced to a sentence.

A briefing quotes figures such as `5000 PFLOPS` of Hong Kong's compute or
`超2500家` AI companies in Beijing. A number counts as a figure when a unit from
`taxonomies/units.toml` follows it, or when it is a share (`40%`, `三成`) or a
large amount (`1.72亿`). Dates, ordinals (`第十六届`), citation markers (`[5]`)
and model names (`V11`, `5G`) are not figures. What a figure measures is read
from the words around it by simple, predictable rules (see units.toml).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from sitegen.chinese.dates import find_dates
from sitegen.chinese.numbers import (
    MAGNITUDES,
    QUALIFIERS_AFTER,
    Quantity,
    find_numbers,
    parse_quantity,
    written_with_magnitude,
)
from sitegen.chinese.sentences import sentence_spans
from sitegen.chinese.text import fold_width, is_cjk
from sitegen.model import CELL_SEPARATOR, Article, Figure, Paragraph, PartialDate, SentenceRef, row_cells

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

UNITS_FILE = Path(__file__).resolve().parents[1] / "taxonomies" / "units.toml"
SKIPPED_KINDS = {"code", "image", "byline"}
_UNIT_LABEL_MAGNITUDES = ("万", "亿", "萬", "億")
# A number without a unit is a figure only when it is large (`1.72亿` users).
UNITLESS_MINIMUM = 10_000
# How far (characters) from the number the words it measures are looked for.
MEASURE_REACH = 60
# How many characters (a verb: `达到`, `突破`) may stand between a figure and a
# next number of the same sentence that has no words of its own to measure.
CONTINUATION_CHARS = 4
# `10亿港元（约合1.28亿美元）`, `10 billion yuan (about $1.4 billion)`: what stands
# between a figure and the same amount in another currency
_CONVERSION_OPENING = re.compile(
    r"\s*[（(]\s*(?:about|around|approximately|roughly|nearly|some|约合|约|折合|合)?\s*", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?、（）()“”\"\[\]【】《》|｜\n…]|(?:^|\s)[-–—·•*](?=\s)|——")
_LIST_MARKS = "-–—·•* \t"
_SPACE_BETWEEN_WORDS = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# A label right before the number names what it measures.
_LABEL_END = re.compile(r"[：:|｜]\s*$")
# Position words end a noun (`平台上`) but begin others (`上市公司`, `中国企业`):
# at the start of the words after a counter they are no stop.
_POSITION_WORDS = ("中", "上", "里")
# The unit of a number that is no figure (`未来三年`, `两个月`): the words a
# later figure measures start after it, not inside it (`年阿里巴巴将投入`).
# A duration or count of times, with the word that makes it a time phrase
# (`三年内投入`, `五年来`): what a figure after it measures starts after both.
_TIME_UNIT = re.compile(r"(?:个)?(?:年|月|日|天|周|小时|分钟|岁|届|次|期)(?:内|以内|之内|来|以来|后|之后|间)?")
# A date written with a number (`2030年`), not a word (`今年已拨款`: the subject is before it).
_NUMBERED = re.compile(r"[0-9０-９〇零一二三四五六七八九十]")
# Words that end a time phrase after its date (`2030年前`, `2025年底`, `年内`).
_AFTER_DATE = re.compile(r"(?:以前|之前|以后|之后|以来|前|后|起|底|初|末|内|中|期间)?")
# A space next to Chinese ends a noun; between Latin words (`NVIDIA H100 GPU`) it does not.
# A sum given again in another currency right after it (`逾300亿令吉（约92亿新元）的…`):
# what follows the aside is what the first sum measures.
_ASIDE_AFTER = re.compile(r"[（(][^（()）\n]{1,30}[)）]")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s|\s(?=[\u4e00-\u9fff])|\s{2,}")


@dataclass(frozen=True)
class Unit:
    name: str
    category: str
    measure_after: bool  # the measured noun usually follows (`16所实验室`)
    nouns_after: tuple[str, ...] = ()  # a noun after the unit ending so is the measure (`50亿元产业基金`)


@dataclass(frozen=True)
class UnitTable:
    """units.toml, read once: units longest first, and the measure word lists."""

    units: tuple[Unit, ...]
    pattern: re.Pattern[str]  # any unit, longest first, at the start of a string
    trailing: tuple[str, ...]
    leading: tuple[str, ...]
    anywhere: tuple[str, ...]
    links: tuple[str, ...]
    noun_stops: tuple[str, ...]
    relative_openers: tuple[str, ...]
    max_chars: int
    unit_lookalikes: tuple[str, ...] = ()
    noun_words: tuple[str, ...] = ()
    words: tuple[tuple[str, str], ...] = ()  # English word after a number -> unit name (`yuan` -> 元)
    symbols: tuple[tuple[str, str], ...] = ()  # currency before a number -> unit name (`S$` -> 新加坡元)
    english_stops: frozenset[str] = frozenset()

    @cached_property
    def by_name(self) -> dict[str, Unit]:
        """Units by lower-cased name or English word; the first (longest-first
        order) wins. Made once per table: every number with a unit looks its unit up."""
        index: dict[str, Unit] = {}
        for unit in self.units:
            index.setdefault(unit.name.lower(), unit)
        for word, name in self.words:
            index.setdefault(word.lower(), index[name.lower()])
        return index

    @cached_property
    def symbol_before(self) -> re.Pattern[str] | None:
        """A currency symbol or code right before a number (`US$`, `RMB `), at
        the end of the text searched; a code is a whole word."""
        if not self.symbols:
            return None
        written = sorted((symbol for symbol, _ in self.symbols), key=len, reverse=True)
        pattern = "|".join(rf"(?<![A-Za-z]){re.escape(s)}" if s[0].isalpha() else re.escape(s) for s in written)
        return re.compile(rf"(?:{pattern})[ \t]?$")

    def symbol_unit(self, symbol: str) -> Unit:
        return self.by_name[dict(self.symbols)[symbol.strip()].lower()]


def _unit_pattern(name: str, exact: bool) -> str:
    """A Latin unit ends at a word boundary and, unless `exact`, matches in any case."""
    if not name.isascii():
        return re.escape(name)
    return rf"{re.escape(name)}(?![A-Za-z])" if exact else rf"(?i:{re.escape(name)})(?![A-Za-z])"


@lru_cache(maxsize=4)
def load_units(path: Path = UNITS_FILE) -> UnitTable:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    measure = data.pop("measure", {})
    units = [
        Unit(name, category, table.get("measure", "before") == "after", tuple(table.get("nouns_after", ())))
        for category, table in data.items()
        for name in (*table.get("units", ()), *table.get("exact_units", ()))
    ]
    units.sort(key=lambda unit: -len(unit.name))
    exact = {name for table in data.values() for name in table.get("exact_units", ())}
    english = _named_units(data, "words", units, path)
    names = sorted([u.name for u in units] + [word for word, _ in english], key=len, reverse=True)
    pattern = re.compile("|".join(_unit_pattern(name, name in exact) for name in names))

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted(measure.get(key, ()), key=len, reverse=True))

    return UnitTable(
        tuple(units), pattern, words("trailing"), words("leading"), words("anywhere"), words("links"),
        words("noun_stops"), words("relative_openers"), int(measure.get("max_chars", 20)),
        words("unit_lookalikes"), words("noun_words"), english, _named_units(data, "symbols", units, path),
        frozenset(word.lower() for word in measure.get("english_stops", ())),
    )


def _named_units(data: dict, key: str, units: list[Unit], path: Path) -> tuple[tuple[str, str], ...]:
    """The `[<category>.<key>]` tables: written form -> the unit it names, which
    must be one of the units listed (a typo would otherwise surface mid-build)."""
    known = {unit.name for unit in units}
    pairs = tuple((written, name) for table in data.values() for written, name in table.get(key, {}).items())
    for written, name in pairs:
        if name not in known:
            raise ValueError(f"{path}: {key} entry {written!r} names {name!r}, which is not a listed unit")
    return pairs


# --------------------------------------------------------------------------- extraction


def extract_figures(article: Article, units: UnitTable | None = None) -> list[Figure]:
    """The article's key figures in reading order, each with its verbatim sentence."""
    table = units or load_units()
    reference = article.published.start if article.published else None
    figures: dict[tuple[float, str, str], Figure] = {}
    headers = _table_headers(article.paragraphs)
    for paragraph in article.paragraphs:
        if paragraph.kind in SKIPPED_KINDS:
            continue
        header = headers.get(paragraph.anchor)
        in_row = _row_figures(article.slug, paragraph, header, table) if header else []
        for figure in [*in_row, *_paragraph_figures(article.slug, paragraph, table, reference)]:
            # a merged article tells a figure once per source: keep the first
            # telling, with the first measure that could be read
            key = (figure.value, figure.unit, figure.qualifier)
            if key not in figures:
                figures[key] = figure
            elif not figures[key].measure:
                figures[key].measure = figure.measure
    return list(figures.values())


# A header cell naming what its column counts in: `营收（亿元）`, `增速(%)`.
_HEADER_UNIT = re.compile(r"^(?P<name>[^（()）]*?)\s*[（(](?P<unit>[^（()）]{1,8})[)）]$")


def _table_headers(paragraphs: list[Paragraph]) -> dict[str, list[str]]:
    """The header's cells over each data row of a table, by the row's anchor: a
    table's first row is its header when none of its cells is a number."""
    headers: dict[str, list[str]] = {}
    header: list[str] | None = None
    in_table = False
    for paragraph in paragraphs:
        if CELL_SEPARATOR not in paragraph.text:
            header, in_table = None, False
            continue
        cells = [cell.strip() for cell in row_cells(paragraph.text.strip())]
        if not in_table:
            header = None if any(parse_quantity(cell) for cell in cells) else cells
        elif header is not None and len(cells) == len(header):
            headers[paragraph.anchor] = header
        in_table = True
    return headers


def _row_figures(slug: str, paragraph: Paragraph, header: list[str], table: UnitTable) -> list[Figure]:
    """A table row's numbers alone in their cells, counted in what their column's
    header says (`营收（亿元）` over `680`: 6.8e10 元), measuring the row's label (its
    first cell that is no number) and the column's name (`滨江区营收（亿元）`,
    `滨江区增速`). A column without a unit the table knows (a rank, a code) gives
    no figure."""
    cells = [cell.strip() for cell in row_cells(paragraph.text.strip())]
    label = next((cell for cell in cells if parse_quantity(cell) is None), "")  # `上海`, not the rank before it
    figures: list[Figure] = []
    for cell, head in zip(cells, header):
        quantity = parse_quantity(cell)
        named = _HEADER_UNIT.match(head)
        name, written = (named["name"].strip(), named["unit"].strip()) if named else (head, "")
        counted = _counted(quantity, written, table) if quantity and not quantity.chinese else None
        if counted is None:
            continue
        value, unit = counted
        measure = f"{label}{name}" + (f"（{written}）" if written and unit != "%" else "")
        figures.append(Figure(cell, value, unit, measure, quantity.qualifier, SentenceRef(paragraph.text, slug, paragraph.anchor)))
    return figures


def _counted(quantity: Quantity, written: str, table: UnitTable) -> tuple[float, str] | None:
    """The value and unit of a cell's number in the unit its header writes (`亿元`, `%`)."""
    if quantity.share:
        return quantity.value, "%"
    if written in ("%", "％"):
        return quantity.value / 100, "%"
    bare = written.lstrip("".join(MAGNITUDES))
    scale = parse_quantity("1" + written[: len(written) - len(bare)]) if bare != written else None
    unit = table.by_name.get(bare.lower()) if bare else None
    if unit is None:
        return None
    return quantity.value * (scale.value if scale else 1.0), unit.name


def rank_figures(figures: list[Figure], ranked: list[SentenceRef]) -> list[Figure]:
    """Key figures first: a number stated in a central sentence of the article
    (high TextRank score) matters more than one in an aside. Each figure's
    sentence takes the score of the ranked sentence that contains it; the sort is
    stable, so figures of equal weight keep their order in the text."""
    scores: dict[str, list[tuple[str, float]]] = {}
    for sentence in ranked:
        scores.setdefault(sentence.paragraph, []).append((sentence.text, sentence.score))

    def score(figure: Figure) -> float:
        if figure.sentence is None:
            return 0.0
        candidates = scores.get(figure.sentence.paragraph, [])
        return max((s for text, s in candidates if text in figure.sentence.text or figure.sentence.text in text), default=0.0)

    for figure in figures:
        if figure.sentence is not None:
            figure.sentence = replace(figure.sentence, score=score(figure))
    return sorted(figures, key=lambda f: -(f.sentence.score if f.sentence else 0.0))


def _paragraph_figures(
    slug: str, paragraph: Paragraph, table: UnitTable, reference: PartialDate | None
) -> list[Figure]:
    text = paragraph.text
    folded = fold_width(text)
    quantities = find_numbers(text)
    readings = [_reading(folded, quantity, table) for quantity in quantities]
    if not any(readings):
        return []  # dates only ever rule figures out: no need to look for them
    dates = [(found.start, found.end) for found in find_dates(text, reference)]
    spans: list[tuple[int, int]] = []
    figures: list[Figure] = []
    starts: list[int] = []  # where each figure's number starts
    floor = 0
    for quantity, reading in zip(quantities, readings):
        if _overlaps(quantity, dates):
            continue  # `2025年`, `11 月 19 日`: a date, not a figure
        previous_end = floor
        if (reading is None and quantity.chinese and _unit_after(folded, quantity, table)[0] is None
                and not _TIME_UNIT.match(text, quantity.end)):
            continue  # `两江新区`, `三亚`: a numeral inside a name, which the measure before a figure may hold
        if reading is None:
            # no figure, but what follows starts after its unit too: `一座规模达1吉瓦` -> 规模
            time_unit = _TIME_UNIT.match(text, quantity.end)
            floor = time_unit.end() if time_unit else _unit_after(folded, quantity, table)[1]
            continue
        figure = _figure(text, folded, quantity, reading, table, dates, previous_end)
        floor = reading[1] + len(figure.text)
        spans = spans or sentence_spans(text)  # split only paragraphs that have figures
        figure.sentence = SentenceRef(_sentence(text, spans, quantity.start), slug, paragraph.anchor)
        if figures and figures[-1].sentence == figure.sentence:
            if _CONVERSION_OPENING.fullmatch(text, previous_end, reading[1]):
                figure.measure = figures[-1].measure  # the same amount in another currency
            elif not figure.measure:
                figure.measure = _continued_measure(text, figures[-1], previous_end, quantity.start)
        figures.append(figure)
        starts.append(quantity.start)
    if "分别" in text:
        _respective_measures(text, figures, starts, table)
    return figures


# `余杭区、滨江区分别实现营收520亿元和680亿元`: names listed before `分别`, then as many figures.
_RESPECTIVELY = "分别"
_LISTED = re.compile(r"[、和与及]")
_CLAUSE_START = re.compile(r"[，。；：！？,;:!?\n]")


def _respective_measures(text: str, figures: list[Figure], starts: list[int], table: UnitTable) -> None:
    """Figures after `分别` (respectively) that follow as many names listed before
    it measure those names in order (`余杭区实现营收`, `滨江区实现营收`), not all the
    last name of the list; what the last name's `的` adds is said of each
    (`北京和上海的算力规模分别达到…`: 北京的算力规模, 上海的算力规模)."""
    index = 0
    while index < len(figures):
        at = text.rfind(_RESPECTIVELY, 0, starts[index])
        if at < 0 or _CLAUSE_START.search(text, at, starts[index]):
            index += 1
            continue
        clause = max((m.end() for m in _CLAUSE_START.finditer(text, 0, at)), default=0)
        names = [name.strip() for name in _LISTED.split(text[clause:at]) if name.strip()]
        run = [i for i in range(index, len(figures)) if text.rfind(_RESPECTIVELY, 0, starts[i]) == at
               and not _CLAUSE_START.search(text, starts[index], starts[i])]
        if len(names) == len(run) >= 2:
            names[-1], of, shared = names[-1].partition("的")
            action = text[at + len(_RESPECTIVELY) : starts[index]].strip()
            for name, i in zip(names, run):
                figures[i].measure = _shorten(_strip_edges(f"{name}{of}{shared}{action}", table), table)
        index = run[-1] + 1 if run else index + 1


def _overlaps(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(start < quantity.end and quantity.start < end for start, end in spans)


def _is_figure_position(folded: str, quantity: Quantity) -> bool:
    """Ordinals, citation markers and numbers glued to Latin names are not figures."""
    before = folded[quantity.start - 1] if quantity.start > 0 else ""
    after = folded[quantity.end] if quantity.end < len(folded) else ""
    if before == "第" or (before == "[" and after == "]"):
        return False
    return not (before.isascii() and before.isalpha())


_BARE_MAGNITUDES = frozenset("百千万亿兆")

# The unit of a number (None without one), where the figure starts (before
# the number when a currency symbol opens it: `US$5 billion`) and where it ends.
_Reading = tuple[Unit | None, int, int]


def _reading(folded: str, quantity: Quantity, table: UnitTable) -> _Reading | None:
    """How a number reads as a figure, or None when it is none: the parts of
    the decision that do not depend on the dates around it."""
    if quantity.chinese and not quantity.share and quantity.value < 10:
        return None  # `两款芯片`, `一项成果`: counting words, not key figures
    if quantity.chinese and not quantity.qualifier and quantity.text.strip() in _UNIT_LABEL_MAGNITUDES:
        return None  # `规模（亿元）`, `单位：万元`: what a table's numbers count in, not a number
    unit, unit_end = _unit_after(folded, quantity, table)
    start = quantity.start
    if not quantity.share and (symbol := _symbol_before(folded, quantity, table)) is not None:
        start, unit = symbol.start(), unit or table.symbol_unit(symbol.group())
    elif not _is_figure_position(folded, quantity):
        return None
    if unit is None and not _unitless_figure(quantity):
        return None
    if folded.startswith("级", unit_end) and all(char in _BARE_MAGNITUDES for char in quantity.text.strip()):
        return None  # `千卡级智算中心`, `百亿级`: a class of thing, not a count (`千亿产业基金` is one)
    if unit is None and quantity.end < len(folded) and folded[quantity.end].isascii() and folded[quantity.end].isalpha():
        return None  # `5G`, `3D`: part of a name
    return unit, start, unit_end


def _symbol_before(folded: str, quantity: Quantity, table: UnitTable) -> re.Match[str] | None:
    """A currency symbol or code written right before the number (`S$1 billion`)."""
    if table.symbol_before is None:
        return None
    return table.symbol_before.search(folded, max(0, quantity.start - 5), quantity.start)


def _figure(
    text: str, folded: str, quantity: Quantity, reading: _Reading, table: UnitTable,
    dates: list[tuple[int, int]], floor: int,
) -> Figure:
    unit, start, unit_end = reading
    end, qualifier = _trailing_qualifier(folded, unit_end, quantity.qualifier)
    if not qualifier and (bound := _english_bound(folded, start, end)) is not None:
        start, qualifier = bound.start(), " ".join(bound.group("bound").lower().split())
    measure = _measure(text, start, quantity, end, unit, table, dates, floor)
    return Figure(
        text=text[start:end],
        value=quantity.value,
        unit="%" if quantity.share else (unit.name if unit else ""),
        measure=measure,
        qualifier=qualifier,
    )


def _continued_measure(text: str, previous: Figure, previous_end: int, start: int) -> str:
    """`规模同比增长两成以上，达到5600亿元`: a number that only a verb separates from
    the figure before it, in the same sentence, measures the same thing."""
    between = text[previous_end:start].strip("，, ")
    return previous.measure if len(between) <= CONTINUATION_CHARS else ""


def _unitless_figure(quantity: Quantity) -> bool:
    """A share, or a large amount written with a magnitude (`1.72亿`, `千亿`): a
    plain run of digits without a unit is more likely a code than a figure."""
    large = quantity.value >= UNITLESS_MINIMUM and written_with_magnitude(quantity.text)
    return quantity.share or large


def _unit_after(folded: str, quantity: Quantity, table: UnitTable) -> tuple[Unit | None, int]:
    """The unit written right after the number (spaces allowed, or the hyphen of
    an English adjective), and where it ends."""
    if quantity.share:
        return None, quantity.end
    start = quantity.end
    if folded[start : start + 1] == "-" and folded[start - 1 : start].isalpha():
        start += 1  # `a 10-billion-yuan fund`: the sum as an adjective
    while start < len(folded) and start - quantity.end < 2 and folded[start] in " \t":
        start += 1
    match = table.pattern.match(folded, start)
    if match is None or folded.startswith(table.unit_lookalikes, start):
        return None, quantity.end
    return table.by_name[match.group().lower()], match.end()


def _trailing_qualifier(folded: str, end: int, qualifier: str) -> tuple[int, str]:
    """`2000家以上`: a bound written after the unit belongs to the figure."""
    rest = folded[end : end + 8]
    stripped = rest.lstrip(" \t")
    for word in QUALIFIERS_AFTER:
        if len(word) > 1 and stripped.startswith(word) and not qualifier:
            return end + (len(rest) - len(stripped)) + len(word), word
    return end, qualifier


# An English bound right before a figure (`more than S$1 billion`), as `超` is in Chinese.
_ENGLISH_BOUND_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<bound>(?i:more\s+than|less\s+than|fewer\s+than|upwards\s+of|up\s+to|at\s+least|at\s+most"
    r"|close\s+to|nearly|almost|about|around|approximately|roughly|over|under))[ \t]+$"
)


def _english_bound(folded: str, start: int, end: int) -> re.Match[str] | None:
    """The bound an English figure is written with, right before it."""
    if not _is_english(folded, start, end):
        return None
    return _ENGLISH_BOUND_BEFORE.search(folded, max(0, start - 24), start)


def _sentence(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    for start, end in spans:
        if start <= offset < end:
            return text[start:end]
    return text.strip()


# --------------------------------------------------------------------------- measure


def _measure(
    text: str, start: int, quantity: Quantity, end: int, unit: Unit | None, table: UnitTable,
    dates: list[tuple[int, int]], floor: int,
) -> str:
    """What the figure from `start` to `end` measures: the noun after a counter,
    else the clause subject (which never reaches back past the previous number,
    at `floor`)."""
    if _is_english(text, start, end):
        return _english_measure(text, start, end, floor, unit is None, table)
    after = _noun_after(text, end, table)
    if unit is not None and unit.nouns_after and after.endswith(unit.nouns_after):
        return after  # `完成数亿元B轮融资`: what the sum is for
    before = _subject_before(text, floor, start, table, dates)
    measure_after = quantity.share or (unit is not None and unit.measure_after)
    first, second = (after, before) if measure_after else (before, after)
    return first or second


def _is_english(text: str, start: int, end: int) -> bool:
    """No Chinese within reach of the number: English rules read its measure."""
    return not any(map(is_cjk, text[max(0, start - MEASURE_REACH) : end + MEASURE_REACH]))


_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ENGLISH_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”!?]|\.(?:\s|$)|\s[-–—]\s")
_ENGLISH_NOUN_WORDS = 4
# `revenue in China reached EUR 2.1 billion`: the verbs that link a subject to its figure
_ENGLISH_LINKS = frozenset(("reached", "hit", "totaled", "totalled", "topped", "exceeded", "was", "were", "is", "are",
                            "stood", "amounted", "rose", "grew", "fell", "climbed", "surpassed"))
_ENGLISH_INNER = frozenset(("in", "of", "for"))  # words inside a subject: `revenue in China`
# `will invest S$500 million over five years`: a sum a verb of spending puts
# down, with nothing after it saying what for, is that spending
_ENGLISH_SPENDING = {
    "invest": "investment", "invests": "investment", "invested": "investment", "investing": "investment",
    "spend": "spending", "spends": "spending", "spent": "spending", "spending": "spending",
    "allocate": "allocation", "allocates": "allocation", "allocated": "allocation",
    "commit": "commitment", "commits": "commitment", "committed": "commitment",
    "pledge": "pledge", "pledges": "pledge", "pledged": "pledge",
    "inject": "injection", "injects": "injection", "injected": "injection",
}
# `10 billion yuan ($1.4 billion) in AI`: a conversion or note in brackets between
# a sum and what it is for
_ENGLISH_ASIDE = re.compile(r"\s*\([^()]{1,60}\)")
_ENGLISH_BOUNDS = frozenset(("about", "around", "nearly", "almost", "approximately", "roughly", "some", "over",
                             "than", "more", "less", "up", "to", "at", "least"))


def _english_measure(text: str, start: int, end: int, floor: int, counted: bool, table: UnitTable) -> str:
    """`quarterly revenue of US$35.1 billion` -> quarterly revenue; `S$1 billion
    in AI compute` -> AI compute; `3,000 PFLOPS of capacity` -> capacity: the
    noun before an `of` that leads to the figure, else the one after the
    preposition that follows it (past a bracketed aside), else, for a number without unit (`counted`)
    or a sum after `a` (`a €20 billion fund`), the noun right after it (`1.2
    million users`), else the spending a verb before it names (`will invest
    S$500 million over five years` -> investment), else nothing (the unit stands for it)."""
    before = _ENGLISH_CLAUSE_BREAK.split(text[max(floor, start - MEASURE_REACH) : start])[-1].split()
    while before and before[-1].lower() in _ENGLISH_BOUNDS:
        before.pop()  # `capacity of about 500 PFLOPS`
    if len(before) >= 2 and before[-1].lower() == "of":
        noun = _noun_words(reversed(before[:-1]), table)
        if noun:
            return " ".join(reversed(noun))
    if len(before) >= 2 and before[-1].lower() in _ENGLISH_LINKS:
        subject = _subject_words(reversed(before[:-1]), table)
        if subject:
            return " ".join(reversed(subject))
    aside = _ENGLISH_ASIDE.match(text, end)
    if aside:
        end = aside.end()
    after = _ENGLISH_CLAUSE_BREAK.split(text[end : end + MEASURE_REACH])[0].split()
    if len(after) >= 2 and after[0].lower() in ("of", "in", "for", "on"):
        words = after[1:]
        if words[0].lower() in ("a", "an", "the", "its", "their", "new"):
            words = words[1:]
        return " ".join(_noun_words(iter(words), table))
    if counted or before and before[-1].lower() in ("a", "an"):  # `a €20 billion fund`: the sum names a fund
        return " ".join(_noun_words(iter(after), table))
    return _ENGLISH_SPENDING.get(before[-1].lower(), "") if before else ""


def _subject_words(words: Iterator[str], table: UnitTable) -> list[str]:
    """`Siemens Healthineers' revenue in China` read back from its verb: the noun
    and the place or kind it is of (`in`, `of`, `for` inside it), up to the
    owner's name (`…'`, `…'s`) or another stop word."""
    subject: list[str] = []
    for word in words:
        lower = word.lower()
        if (len(subject) == _ENGLISH_NOUN_WORDS or not _ENGLISH_WORD.fullmatch(word) or lower.endswith(("'", "'s", "’s"))
                or (lower in table.english_stops and lower not in _ENGLISH_INNER)):
            break
        subject.append(word)
    while subject and subject[-1].lower() in _ENGLISH_INNER:
        subject.pop()  # `in China` without its noun says nothing
    return subject


def _noun_words(words: Iterator[str], table: UnitTable) -> list[str]:
    """Words up to the first English stop word or non-word, at most a few."""
    noun: list[str] = []
    for word in words:
        if len(noun) == _ENGLISH_NOUN_WORDS or word.lower() in table.english_stops or not _ENGLISH_WORD.fullmatch(word):
            break
        noun.append(word)
    return noun


def _noun_after(text: str, end: int, table: UnitTable) -> str:
    """`16所相关研发实验室，` -> 相关研发实验室; `90% 以上的示范工厂得到应用` -> 示范工厂."""
    rest = text[end : end + MEASURE_REACH]
    aside = _ASIDE_AFTER.match(rest)
    if aside:
        rest = rest[aside.end() :]
    if rest.startswith("的"):
        rest = rest[1:]
    if not rest or not (is_cjk(rest[0]) or rest[0].isalpha()):
        return ""
    clause = _CLAUSE_BREAK.split(rest, maxsplit=1)[0]
    clause = _CJK_SPACE.split(clause, maxsplit=1)[0]
    if clause.startswith(table.noun_stops) and not clause.startswith(_POSITION_WORDS):
        return ""  # `近万家已建成的…`: a verb, not a noun, follows
    stop = _first_stop(clause, table)
    noun = clause[:stop]
    if clause[stop : stop + 1] == "的" and noun.startswith(table.relative_openers):
        tail = clause[stop + 1 :]
        noun = f"{noun}的{tail[: _first_stop(tail, table)]}"
    return _shorten(noun, table)


def _first_stop(clause: str, table: UnitTable) -> int:
    """Where the first stop word cuts the noun; a position word not right after
    its first character (`规上工业企业`, `线上平台` are one word), and none inside
    a noun that holds one (`智算中心`)."""
    for word in table.noun_words:
        clause = clause.replace(word, "\0" * len(word))
    positions = [clause.find(word, 2 if word in _POSITION_WORDS else 1) for word in table.noun_stops]
    return min((p for p in positions if p > 0), default=len(clause))


def _subject_before(text: str, floor: int, start: int, table: UnitTable, dates: list[tuple[int, int]]) -> str:
    """`香港总算力目前已达` -> 香港总算力; `人数占全国` -> 人数."""
    window = _whole_word(text, max(floor, start - MEASURE_REACH))
    for date_start, date_end in dates:
        if window <= date_end <= start and _NUMBERED.search(text, date_start, date_end):
            # a date is never part of a measure, and what it times starts after it:
            # `计划在2030年前建设总容量达6吉瓦` -> 建设总容量
            window = date_end + len(_AFTER_DATE.match(text, date_end)[0])
    head = list(text[window:start])
    for date_start, date_end in dates:
        for index in range(max(date_start, window), min(date_end, start)):
            head[index - window] = ""
    clause = _SPACE_BETWEEN_WORDS.sub("，", "".join(head))
    pieces = _CLAUSE_BREAK.split(clause)
    last = pieces[-1].strip()
    if not last and len(pieces) > 1 and _LABEL_END.search(clause):
        last = pieces[-2].strip()  # `算力券：500万元`, a table's `算力券 | 500万元`
    clause = last.lstrip(_LIST_MARKS)
    for word in table.anywhere:
        clause = clause.replace(word, "")
    clause = _cut_at_link(clause, table)
    clause = _strip_edges(clause, table)
    return _shorten(clause, table)


def _cut_at_link(clause: str, table: UnitTable) -> str:
    """Drop a short object after a link verb: `人数占全国` -> `人数`."""
    trimmed = clause.rstrip("的")
    for word in table.links:
        index = trimmed.rfind(word)
        if index > 0 and 0 < len(trimmed) - index - len(word) <= 4:
            return trimmed[:index]
    return clause


def _strip_edges(clause: str, table: UnitTable) -> str:
    """Trailing and leading filler words off, longest first, until none is left
    (one `endswith`/`startswith` over all of them says whether to look)."""
    changed = True
    while changed and clause:
        changed = False
        if clause.endswith(table.trailing):
            for word in table.trailing:
                if clause.endswith(word):
                    clause, changed = clause[: -len(word)], True
                    break
        if clause.startswith(table.leading):
            for word in table.leading:
                if clause.startswith(word) and len(clause) > len(word):
                    clause, changed = clause[len(word) :], True
                    break
    return clause.strip()


def _shorten(words: str, table: UnitTable) -> str:
    """At most `max_chars`, cut after a `的` rather than inside a word."""
    words = words.strip()
    if len(words) <= table.max_chars:
        return words
    cut_at = _whole_word(words, len(words) - table.max_chars)
    tail = words[cut_at:].strip()
    cut = tail.find("的")
    return tail[cut + 1 :] if 0 <= cut < len(tail) - 1 else tail


def _whole_word(text: str, index: int) -> int:
    """`index`, or past the rest of the Latin word it falls inside (`…wi|th capacity`
    -> `capacity`): a label never opens with half a word."""
    while 0 < index < len(text) and _is_latin_letter(text[index - 1]) and _is_latin_letter(text[index]):
        index += 1
    return index


def _is_latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()
