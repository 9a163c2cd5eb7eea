"""Events for the timeline: the article's own event, and dated facts inside it.

The primary event is what the article reports, dated by the lead: a date in the
same clause as an event verb (`11 月 19 日至 22 日，…峰会在浙江桐乡举行`), else
the dispatch dateline (`新华社杭州 11 月 21 日电`), else any date in the lead,
else the publication date marked approximate, else a dated event-name year
anywhere (`2026世界智能产业博览会`). A date far older than the publication is
background (`商汤科技于2014年落户`), not the article's event: such dated facts
become secondary events, titled by their verbatim clause. A deadline or target
(`到2027年`, `2030年前`) says when something should be done, not when anything
happened: it dates no event. A bare year in the lead that no event verb
ties (`今年新区将新增…`) says less than the publication date of that year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from sitegen.chinese.dates import FoundDate, event_words, find_dates, is_target, names_event_after
from sitegen.chinese.sentences import sentence_spans
from sitegen.model import CELL_SEPARATOR, Article, DateSpan, Event, PartialDate, SentenceRef, table_header

# The lead is prose: a digest's bullet list or a table's rows state facts, not the news of the day.
LEAD_KINDS = {"paragraph"}
ROW_FACT_MIN_HAN = 4  # a row's fact is told in words, not a figure (`2024年 | 38.2亿元`)
ROW_DESCRIPTION_MIN_HAN = 10  # a cell this long tells the row's fact by itself
NAMED_COLUMN_MIN_HAN = 2  # a cell under a header naming the event tells it in a word (`闭幕式`), not a figure
_HAN = re.compile("[\u4e00-\u9fff]")
LEAD_PARAGRAPHS = 2
LEAD_CHARS = 400
# A lead date this much older than the publication is background, not news.
BACKGROUND_DAYS = 90
TITLE_CHARS = 80
# A colon between digits is a time of day (`09:00-11:00`), no break.
_CLAUSE_BREAK = re.compile(r"[，,；;：。！？!?\n]|(?<!\d):|:(?!\d)")
# In digests clauses are separated by spaces only (`落户香港科学园 成为…`) and
# list items may run together (`…赴港- 商汤科技…`).
_SPACE_CLAUSE = re.compile(r"(?<=[\u4e00-\u9fff”’」』）)\]])\s+(?=[\u4e00-\u9fff])|(?<=\S)- (?=\S)")
_OPENING_BREAK = re.compile(rf"{_CLAUSE_BREAK.pattern}|{_SPACE_CLAUSE.pattern}|…+|——|^- ", re.MULTILINE)
_DATELINE = re.compile(r"\s*电")
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
_RELATIVE_YEARS = ("今年", "去年", "明年", "本年")
_TRIM = " \t\n，,；;：:、。"
# A labelled field line of a notice or schedule (`- 时间：2025年11月20日至23日`,
# `二、会议时间：…`, `地点：…`), optionally a list item.
# The label may be bold (`**时间**：`).
_FIELD_MARK = r"(?:[-*+]\s+|\d{1,2}[.、]\s*|[一二三四五六七八九十]{1,3}、\s*)?(?:\*\*|__)?"
_DATE_FIELD = re.compile(rf"{_FIELD_MARK}[\u4e00-\u9fff]{{0,4}}(?:时间|日期)(?:\*\*|__)?\s*[：:]\s*")
FIELD_LINE = re.compile(rf"{_FIELD_MARK}[\u4e00-\u9fff]{{1,6}}(?:\*\*|__)?\s*[：:]")
# A list item's mark (`- `, `1. `) and the bold marks of its label (`**北京**：`).
_ITEM_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.、)])\s+|\*\*|__")
# Words that tie a dated fact to the sentence before it, not part of what
# happened: `例如商汤科技于2014年落户香港科学园` is titled from 商汤科技.
_CONNECTIVE = re.compile(r"^(?:例如|比如|譬如|此外|另外|与此同时|同时|其中|而且|并且|不过|因此|所以)[，,]?")


@dataclass
class _Document:
    """The article body as one text (`Article.text`), with where each paragraph
    starts; sentences are split only for the paragraphs that are asked about."""

    text: str
    starts: tuple[int, ...]
    anchors: tuple[str, ...]
    kinds: tuple[str, ...]
    _sentences: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    _at: dict[int, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, article: Article) -> _Document:
        starts, offset = [], 0
        for paragraph in article.paragraphs:
            starts.append(offset)
            offset += len(paragraph.text) + 1
        return cls(
            article.text, tuple(starts), tuple(p.anchor for p in article.paragraphs),
            tuple("row" if CELL_SEPARATOR in p.text else p.kind for p in article.paragraphs),
        )

    def paragraph_at(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def span(self, number: int) -> tuple[int, int]:
        """(start, end) of paragraph `number` in the text."""
        end = self.starts[number + 1] - 1 if number + 1 < len(self.starts) else len(self.text)
        return self.starts[number], end

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence around `offset`; the whole paragraph if it falls between two.

        Remembered per offset: each date's sentence is asked for once per other date.
        """
        found = self._at.get(offset)
        if found is None:
            found = self._at[offset] = self._sentence_at(offset)
        return found

    def _sentence_at(self, offset: int) -> tuple[int, int]:
        number = self.paragraph_at(offset)
        start, end = self.span(number)
        if number not in self._sentences:
            self._sentences[number] = [(start + a, start + b) for a, b in sentence_spans(self.text[start:end])]
        for sentence_start, sentence_end in self._sentences[number]:
            if sentence_start <= offset < sentence_end:
                return sentence_start, sentence_end
        return start, end

    def ref(self, slug: str, offset: int) -> SentenceRef:
        start, end = self.sentence_at(offset)
        return SentenceRef(self.text[start:end], slug, self.anchors[self.paragraph_at(offset)])

    def lead_end(self) -> int:
        """Where the lead stops: after the first body paragraphs, within LEAD_CHARS."""
        body = [i for i, kind in enumerate(self.kinds) if kind in LEAD_KINDS][:LEAD_PARAGRAPHS]
        if not body:
            return 0
        return min(self.span(body[-1])[1], self.starts[body[0]] + LEAD_CHARS)

    def lead_start(self) -> int:
        body = [i for i, kind in enumerate(self.kinds) if kind in LEAD_KINDS]
        return self.starts[body[0]] if body else 0


def extract_events(article: Article, primary_region: str | None = None) -> list[Event]:
    """The primary event first (if the article can be dated at all), then dated
    facts. A chronology (`…大事记`) has no event of its own: each of its dated
    lines is one."""
    document = _Document.of(article)
    reference = article.published.start if article.published else _title_year(article.title)
    found = [f for f in find_dates(document.text, reference) if not is_target(document.text, f.start, f.end)]
    chronology = any(word in article.title for word in event_words().chronologies)
    primary = None if chronology else _primary(article, document, found, reference, primary_region)
    used = primary[1] if primary else None
    events = [primary[0]] if primary else []
    events.extend(_secondary(article, document, found, used, reference))
    return events


def _title_year(title: str) -> PartialDate | None:
    """The year a title names (`AI产业周报（2025年第47周）`): without a publication
    date, it gives `11月17日` in the text its year. A target's year (`到2027年核心产业
    规模超500亿元`) is when something should be done, not when the text was written."""
    dated = [found for found in find_dates(title) if not is_target(title, found.start, found.end)]
    return PartialDate(dated[0].span.start.year) if dated else None


# --------------------------------------------------------------------------- primary


def _primary(
    article: Article, document: _Document, found: list[FoundDate],
    reference: PartialDate | None, region: str | None,
) -> tuple[Event, FoundDate | None] | None:
    chosen = _lead_date(document, found, reference)
    if chosen is not None and _vaguer_than(chosen, document, article.published):
        chosen = None
    if chosen is None and article.published is not None:
        published = article.published
        when = DateSpan(published.start, published.end, True, published.text)
        sentence = document.ref(article.slug, document.lead_start()) if document.text.strip() else None
        return Event(_title(article, document), when, region, [article.slug], "primary", sentence), None
    if chosen is None:
        chosen = _named_event_date(document, found, reference)
    if chosen is None:
        return None
    sentence = document.ref(article.slug, chosen.start)
    when = _lasting(document, chosen)
    return Event(_title(article, document), when, region, [article.slug], "primary", sentence), chosen


# `…开幕，活动将持续至25日`: the day of the same month an event lasts until
_LASTS_UNTIL = re.compile(r"(?:持续|延续|延长|举办|举行|进行|开放|展出)(?:至|到)\s*(?P<day>\d{1,2})\s*[日号]")


def _lasting(document: _Document, chosen: FoundDate) -> DateSpan:
    """The chosen day, up to the day its sentence says the event lasts until
    (`4月21日…开幕，活动将持续至25日` is 21 to 25 April)."""
    span = chosen.span
    if span.precision != "day" or span.end is not None:
        return span
    until = _LASTS_UNTIL.search(document.text, chosen.end, document.sentence_at(chosen.start)[1])
    last = int(until["day"]) if until else 0
    if span.start.day is not None and span.start.day < last <= calendar.monthrange(span.start.year, span.start.month)[1]:
        return DateSpan(span.start, PartialDate(span.start.year, span.start.month, last), span.approximate, span.text)
    return span


def _lead_date(document: _Document, found: list[FoundDate], reference: PartialDate | None) -> FoundDate | None:
    """A date tied to an event verb in the lead, else the dateline, else any lead date."""
    start, end = document.lead_start(), document.lead_end()
    datelines = [f for f in found if _is_dateline(document.text, f)]
    lead = [
        f for f in found
        if start <= f.start < end and f not in datelines and not _background(f, reference)
        and not _own_fact(document, f, found) and not _forecast(document, f)
    ]
    tied = [f for f in lead if _fact_clause(document, f) is not None]
    if tied:
        first_sentence = document.sentence_at(tied[0].start)
        same = [f for f in tied if document.sentence_at(f.start) == first_sentence]
        return max(same, key=lambda f: (_PRECISION_RANK[f.span.precision], -same.index(f)))
    if datelines:
        return datelines[0]
    return _refined(document, lead[0], found, reference) if lead else None


def _refined(document: _Document, chosen: FoundDate, found: list[FoundDate], reference: PartialDate | None) -> FoundDate:
    """A bare lead year (`走进2024年世界互联网大会…`) gives way to a finer date of
    that year tied to an event elsewhere (a caption: `11月20日，…峰会开幕`). A
    year counted from the publication (`今年以来`) names no event's edition: it
    stays, and the publication date is the finer one."""
    if chosen.span.precision != "year" or chosen.span.text.startswith(_RELATIVE_YEARS):
        return chosen
    for candidate in found:
        finer = candidate.span.precision != "year" and candidate.span.start.year == chosen.span.start.year
        if finer and not candidate.span.approximate and not _is_dateline(document.text, candidate):
            if _fact_clause(document, candidate) is not None and not _background(candidate, reference):
                return candidate
    return chosen


def _named_event_date(document: _Document, found: list[FoundDate], reference: PartialDate | None) -> FoundDate | None:
    """Outside the lead, only a date tied to an event is the article's date."""
    for candidate in found:
        if candidate.span.approximate or _background(candidate, reference) or _forecast(document, candidate):
            continue
        if _own_fact(document, candidate, found):
            continue
        if _fact_clause(document, candidate) is not None or _is_edition(candidate):
            return candidate
    return None


def _vaguer_than(chosen: FoundDate, document: _Document, published: DateSpan | None) -> bool:
    """A year in the lead, tied to no event, of the year the article appeared in."""
    if published is None or chosen.span.precision != "year" or published.precision == "year":
        return False
    return chosen.span.start.year == published.start.year and _fact_clause(document, chosen) is None


# `预计2026年产能达到1万台`, `有望明年实现`: a year or month forecast, which the
# timeline shows as a fact the article mentions, never as the date of what it reports.
_FORECAST_BEFORE = re.compile(r"(?:预计|預計|预期|預期|有望)[ \t]*$")


def _forecast(document: _Document, found: FoundDate) -> bool:
    return found.span.precision != "day" and bool(
        _FORECAST_BEFORE.search(document.text, max(0, found.start - 3), found.start))


def _is_edition(found: FoundDate) -> bool:
    """`2026世界智能产业博览会`: a bare year (no `年`) that names an event's edition."""
    return found.span.precision == "year" and found.span.text.strip().isdigit()


def _is_dateline(text: str, found: FoundDate) -> bool:
    return found.span.precision == "day" and bool(_DATELINE.match(text, found.end))


def _background(found: FoundDate, reference: PartialDate | None) -> bool:
    """True when even the last day the date can mean is long before publication."""
    if reference is None:
        return False
    latest = _last_day(found.span.end or found.span.start)
    return (_first_day(reference) - latest).days > BACKGROUND_DAYS


def _first_day(date: PartialDate) -> dt.date:
    return dt.date(date.year, date.month or 1, date.day or 1)


def _last_day(date: PartialDate) -> dt.date:
    if date.day is not None:
        return dt.date(date.year, date.month or 1, date.day)
    if date.month is not None:
        following = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(date.year, 12, 31)


def _title(article: Article, document: _Document) -> str:
    """The article title; without one, the lead sentence."""
    if article.title.strip():
        return article.title.strip()
    start, end = document.sentence_at(document.lead_start())
    return _shorten(document.text[start:end])


# --------------------------------------------------------------------------- secondary


_PART_OF_MONTH = re.compile(r"[\s\u3000]*(?:(?:上旬|中旬|下旬|月初|月中|月底|月末|初|底|末)[\s\u3000]*)?")


def _secondary(
    article: Article, document: _Document, found: list[FoundDate],
    used: FoundDate | None, reference: PartialDate | None,
) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple[str, str]] = set()  # (date, verb): one fact told twice is one event
    for candidate in found:
        if candidate is used or candidate.span.approximate or _is_dateline(document.text, candidate):
            continue
        items = _dated_items(document, candidate)
        if items:
            events.extend(_item_events(article, document, candidate, items))
            continue
        if _inside_items(document, candidate, found):
            continue
        if used is not None and _same_clause(document, candidate, used) or _covered(document, candidate, found):
            continue
        if candidate.span.precision == "year" and names_event_after(document.text, candidate.end):
            continue  # `2026年大会举办地发布`: the year names the edition, not when the news happened
        clause = _fact_clause(document, candidate)
        if clause is None:
            continue
        # the timeline shows the date beside the title: a clause opening with it starts after it
        start = _PART_OF_MONTH.match(document.text, candidate.end).end() if clause[0] == candidate.start else clause[0]
        title = _shorten(document.text[start : clause[1]].replace(CELL_SEPARATOR, "，"))
        row = document.kinds[document.paragraph_at(candidate.start)] == "row"
        # one fact told twice is one event; a table's rows of one day are as many
        key = (candidate.span.iso(), title if row else _verb(document.text, candidate.start, clause[1]))
        if title and key not in seen:
            seen.add(key)
            # a field's event is told by its heading, which names it (and often its place)
            told = clause[0] if _field_heading(document, candidate) is not None else candidate.start
            events.append(Event(title, candidate.span, None, [article.slug], "secondary",
                                document.ref(article.slug, told)))
    return events


def _item_events(
    article: Article, document: _Document, found: FoundDate, items: list[tuple[int, int]],
) -> list[Event]:
    """One event of the heading's day per item, titled by the item without its marks."""
    events = []
    for start, end in items:
        title = _shorten(_ITEM_MARK.sub("", document.text[start:end]))
        if title:
            events.append(Event(title, found.span, None, [article.slug], "secondary", document.ref(article.slug, start)))
    return events


def _same_clause(document: _Document, one: FoundDate, other: FoundDate) -> bool:
    clause = _fact_clause(document, other)
    return clause is not None and clause[0] <= one.start < clause[1]


def _covered(document: _Document, candidate: FoundDate, found: list[FoundDate]) -> bool:
    """`2024 年` next to `11 月 19 日至 22 日` in the same sentence adds nothing."""
    sentence = document.sentence_at(candidate.start)
    rank = _PRECISION_RANK[candidate.span.precision]
    for other in found:
        if other is candidate or document.sentence_at(other.start) != sentence:
            continue
        if _PRECISION_RANK[other.span.precision] > rank and other.span.start.year == candidate.span.start.year:
            return True
    return False


def _fact_clause(document: _Document, found: FoundDate) -> tuple[int, int] | None:
    """(start, end) of the clause that says what happened on this date, or None.

    The clause runs from the break before the date to the break after an event
    verb; a date that is a clause of its own (`1月25日，…开幕`) takes the next
    clause. Without an event verb there is no dated fact, except in a table
    whose date is a cell of its own: its row is one dated fact (a chronology's
    `2025年6月 | 合肥先进计算中心二期投入运行`), told by its longest other cell
    in words.
    """
    cell = _row_fact(document, found)
    if cell is not None:
        return cell
    heading = _field_heading(document, found)
    if heading is not None:
        return document.span(heading)
    sentence_start, sentence_end = document.sentence_at(found.start)
    text = document.text
    before = [m.end() for m in _OPENING_BREAK.finditer(text, sentence_start, found.start)]
    start = before[-1] if before else sentence_start
    position = found.end
    for _ in range(2):
        brk = _CLAUSE_BREAK.search(text, position, sentence_end)
        end = brk.start() if brk else sentence_end
        verb_end = _verb_end(text, found.start, end)
        if verb_end is not None:
            space = _SPACE_CLAUSE.search(text, verb_end, end)
            return start, space.start() if space else end
        if text[found.end : end].strip() or brk is None:
            return None
        position = brk.end()
    return None


def _row_fact(document: _Document, found: FoundDate) -> tuple[int, int] | None:
    """(start, end) of the fact a table row whose cell `found` fills tells: its
    longest other cell when that is a description (`合肥先进计算中心二期投入运行`);
    when no cell describes it (a list of deals: `星海智算 | 北京 | B轮 | 5亿元 |
    红杉中国`), every cell after the date, whose words together tell it."""
    number = document.paragraph_at(found.start)
    if document.kinds[number] != "row":
        return None
    start, end = document.span(number)
    cells, offset = [], start
    for cell in document.text[start:end].split(CELL_SEPARATOR):
        cells.append((offset, offset + len(cell)))
        offset += len(cell) + len(CELL_SEPARATOR)
    own = next(((a, b) for a, b in cells if a <= found.start < b), None)
    if own is None or document.text[own[0] : own[1]].strip() != document.text[found.start : found.end]:
        return None
    column = _event_column(document, number)
    if column is not None and column < len(cells) and cells[column] != own and _told_in_words(document, cells[column]):
        return cells[column]  # an agenda's `环节`, a chronology's `事件`: the column that names it
    others = [(a, b) for a, b in cells if (a, b) != own and len(_HAN.findall(document.text, a, b)) >= ROW_FACT_MIN_HAN]
    longest = max(others, key=lambda cell: cell[1] - cell[0], default=None)
    if longest is None or len(_HAN.findall(document.text, *longest)) >= ROW_DESCRIPTION_MIN_HAN or own != cells[0]:
        return longest
    return cells[1][0], cells[-1][1]


def _told_in_words(document: _Document, cell: tuple[int, int]) -> bool:
    """A cell that says something in words (`闭幕式`), not a figure (`38.2亿元`)."""
    text = document.text[cell[0] : cell[1]].strip()
    return len(_HAN.findall(text)) >= NAMED_COLUMN_MIN_HAN and not text[:1].isdigit()


# A table's header cell over the column that says what happened in each row.
_EVENT_HEADER = re.compile(r"事件|事项|环节|活动|议题|议程|主题|内容|名称|标题|项目|动态|Event|Session|Title", re.IGNORECASE)


def _event_column(document: _Document, number: int) -> int | None:
    """Which column of the table that row `number` is in names each row's event,
    by its header (`日期 | 时间 | 环节 | 演讲嘉宾`); None without a header naming one."""
    rows = [document.text[slice(*document.span(index))] for index in range(number + 1)]
    return next((index for index, cell in enumerate(table_header(rows, number)) if _EVENT_HEADER.search(cell)), None)


def _own_fact(document: _Document, date: FoundDate, found: list[FoundDate]) -> bool:
    """A date that tells a fact of its own, never the article's: a table row's
    (a chronology), a schedule section's, a digest's day heading, or a date
    inside one of that day's items (`2025天府人工智能大会` names the item's event)."""
    if _row_fact(document, date) is not None or _field_heading(document, date) is not None:
        return True
    return bool(_dated_items(document, date)) or _inside_items(document, date, found)


def _inside_items(document: _Document, date: FoundDate, found: list[FoundDate]) -> bool:
    """Whether `date` is written inside an item under a day heading: the item is
    dated by its heading already."""
    return any(start <= date.start < end for day in found for start, end in _dated_items(document, day))


def _dated_items(document: _Document, found: FoundDate) -> list[tuple[int, int]]:
    """(start, end) of each item under a heading that is nothing but this date
    (`## 11月17日` over `- **北京**：…` / `- **上海**：…`): a digest's items of that
    day, each a dated fact; none for any other date."""
    number = document.paragraph_at(found.start)
    start, end = document.span(number)
    if document.kinds[number] != "heading" or document.text[start:end].strip(_TRIM + "#* ") != found.span.text:
        return []
    items: list[tuple[int, int]] = []
    for below in range(number + 1, len(document.starts)):
        if document.kinds[below] == "heading":
            break
        offset, stop = document.span(below)
        for line in document.text[offset:stop].split("\n"):
            if line.strip():
                items.append((offset, offset + len(line)))
            offset += len(line) + 1
    return items


def _field_heading(document: _Document, found: FoundDate) -> int | None:
    """The heading over a date given as a labelled field, or None.

    A schedule or notice states each event's date on a line of its own
    (`- 时间：2025年11月20日至23日`) under the event's name, among other fields
    (`- 地点：…`), with no verb to tie them: the date is the event the heading
    names. Only field lines may stand between the date and the heading.
    """
    text = document.text
    number = document.paragraph_at(found.start)
    line_start = max(text.rfind("\n", document.starts[number], found.start) + 1, document.starts[number])
    label = _DATE_FIELD.match(text, line_start)
    if label is None or label.end() != found.start:
        return None
    above = text[document.starts[number] : line_start]
    while True:
        if not all(FIELD_LINE.match(line) for line in above.split("\n") if line.strip()):
            return None
        number -= 1
        if number < 0:
            return None
        if document.kinds[number] == "heading":
            return number
        above = text[slice(*document.span(number))]


def _verb_end(text: str, start: int, end: int) -> int | None:
    verb = _verb(text, start, end)
    return text.find(verb, start) + len(verb) if verb else None


def _verb(text: str, start: int, end: int) -> str:
    """The first event verb in text[start:end], or ''; of verbs starting at the
    same place, the first in code-point order (the pattern's order)."""
    match = _verbs(event_words().verbs).search(text, start, end)
    return match.group() if match else ""


@lru_cache(maxsize=4)
def _verbs(verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(verbs))))


def _shorten(text: str) -> str:
    """Trimmed, without a leading connective, and at most TITLE_CHARS, cut at a
    clause break when it is too long."""
    text = _CONNECTIVE.sub("", text.strip(_TRIM)).strip(_TRIM)
    if len(text) <= TITLE_CHARS:
        return text
    head = text[:TITLE_CHARS]
    cut = max(head.rfind(mark) for mark in "，,、；;")
    return (head[:cut] if cut > TITLE_CHARS // 2 else head).strip(_TRIM)
