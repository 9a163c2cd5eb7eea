"""The site model: plain dataclasses that are the contract between pipeline stages.

read -> Source, normalise -> Article, analyse -> ArticleFacts, assemble -> Site.
Each stage takes the previous stage's objects and returns new ones; nothing here
does any work beyond small derived properties, so every stage can be tested with
hand-made instances.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
Severity = Literal["error", "warning"]
BlockKind = Literal["heading", "paragraph", "list", "quote", "code", "caption", "image", "byline"]


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    A source that says only `2026` or `2025年9月` must never gain a day it did not
    give, so month and day stay None when unknown.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """`2026`, `2026-01` or `2026-01-25`: ISO 8601 reduced precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class DateSpan:
    """When something happened: one partial date, or a range, as the source put it."""

    start: PartialDate
    end: PartialDate | None = None
    approximate: bool = False  # e.g. `近日` resolved to the publication date
    text: str = ""  # the words of the source, e.g. `11 月 19 日至 22 日`

    @property
    def precision(self) -> Precision:
        return self.start.precision

    def iso(self) -> str:
        """`2024-11-19/2024-11-22` for ranges (ISO 8601 interval), else the start."""
        if self.end is None or self.end == self.start:
            return self.start.iso()
        return f"{self.start.iso()}/{self.end.iso()}"

    def sort_key(self) -> tuple[int, int, int]:
        return self.start.sort_key()


# --------------------------------------------------------------------------- diagnostics


@dataclass(frozen=True)
class Diagnostic:
    """A problem with one source, carried to the end of the build instead of raised."""

    path: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


# --------------------------------------------------------------------------- read


@dataclass
class Block:
    """One paragraph-level unit of a source as its reader found it.

    `text` is the block's text with the source's line-wraps still in it
    (normalise joins them); `line` is the 1-based line where it starts, so any
    sentence can be traced back to the source file.
    """

    kind: BlockKind
    text: str
    line: int
    level: int = 0  # heading level: 1 = article title, 2+ = sections
    meta: dict[str, str] = field(default_factory=dict)  # e.g. byline: publisher, date


@dataclass
class Source:
    """One source file, decoded and split into blocks by the reader of its format."""

    path: str  # as given to the build, relative to the site root where possible
    format: str  # name of the reader that read it, e.g. "markdown", "digest"
    encoding: str
    text: str  # decoded text with LF line ends, BOM removed
    digest: str  # sha256 of the raw bytes: the cache key of everything derived
    blocks: list[Block]
    meta: dict[str, object] = field(default_factory=dict)  # front matter, <meta> tags
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings while reading


# A table's row is a block (and a paragraph) of its cells joined by this (`上海 | 4500 | 18%`),
# whatever format the table came from: readers join the cells so, analysis splits them so.
CELL_SEPARATOR = " | "
_ROW_CELLS = re.compile(r" ?\| ?")  # cleaning may take the space next to a full-width bracket


def row_cells(text: str) -> list[str]:
    """The cells of a table row's text (`营收（亿元）| 增速`), an empty cell kept (`a | | c`)."""
    return _ROW_CELLS.split(text)


def table_header(texts: Sequence[str], index: int) -> list[str]:
    """The cells of the header of the table whose row `texts[index]` is: the first
    of the rows right above it (`日期 | 城市 | 事件`); [] for a row with no row
    above, or a paragraph that is no row."""
    if CELL_SEPARATOR not in texts[index]:
        return []
    first = index
    while first > 0 and CELL_SEPARATOR in texts[first - 1]:
        first -= 1
    return row_cells(texts[first]) if first < index else []


# --------------------------------------------------------------------------- normalise


@dataclass
class Paragraph:
    """A cleaned paragraph of an article; `anchor` is the target of summary links."""

    anchor: str  # "p1", "p2", ... unique within the article
    kind: BlockKind
    text: str  # cleaned text; Markdown inline syntax allowed, rendered and sanitised later
    source_path: str
    source_line: int
    level: int = 0
    citations: list[str] = field(default_factory=list)  # removed markers, e.g. ["5"]


@dataclass
class SourceRef:
    """Where an article came from; merged near-duplicates carry several."""

    path: str
    line: int
    title: str
    publisher: str | None = None
    published: DateSpan | None = None


@dataclass
class Article:
    slug: str
    title: str
    paragraphs: list[Paragraph]
    sources: list[SourceRef]
    publisher: str | None = None
    published: DateSpan | None = None  # publication date from metadata or byline
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    description: str = ""
    format: str = ""
    # what the source's own metadata says it is about (`region: 深圳`, `topics: [算力]`),
    # names or ids as written: analysis takes them over what it finds in the text
    regions: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


# --------------------------------------------------------------------------- analyse


@dataclass(frozen=True)
class SentenceRef:
    """A sentence quoted verbatim from an article, with the paragraph it sits in."""

    text: str
    article: str  # article slug
    paragraph: str  # paragraph anchor
    score: float = 0.0


@dataclass
class Figure:
    """A key number: `10亿港元` -> value 1e9, unit `港元`, measure what it counts."""

    text: str  # as written, e.g. "5000 PFLOPS"
    value: float
    unit: str
    measure: str  # what the number measures, e.g. "香港总算力"
    qualifier: str = ""  # `超`, `近`, `以上` ...: the number is a bound, not exact
    sentence: SentenceRef | None = None


@dataclass
class Entity:
    """A person or organisation; the same name across articles is one entity."""

    name: str
    kind: Literal["person", "org"]
    titles: list[str] = field(default_factory=list)  # e.g. "联合国驻华协调员"
    organisations: list[str] = field(default_factory=list)
    mentions: list[SentenceRef] = field(default_factory=list)


@dataclass
class Event:
    """Something that happened, when and where, with the articles that report it."""

    title: str
    when: DateSpan
    region: str | None  # region id from the gazetteer, None for national/unknown scope
    articles: list[str]  # article slugs
    kind: Literal["primary", "secondary"] = "primary"  # secondary: dated fact in a text
    sentence: SentenceRef | None = None
    topics: list[str] = field(default_factory=list)  # on the timeline: topic ids of the reporting articles


@dataclass
class PlaceMention:
    region: str  # region id
    name: str  # as written in the text
    count: int
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class TopicScore:
    topic: str  # topic id
    score: float


@dataclass
class ArticleFacts:
    """Everything analysis found in one article: a pure function of its content."""

    primary_region: str | None = None
    places: list[PlaceMention] = field(default_factory=list)
    place_candidates: list[str] = field(default_factory=list)  # jieba `ns` not in gazetteer
    term_counts: dict[str, int] = field(default_factory=dict)  # for corpus TF-IDF
    keywords: list[str] = field(default_factory=list)
    topics: list[TopicScore] = field(default_factory=list)
    declared_topics: list[str] = field(default_factory=list)  # topic ids the source's metadata names
    summary: list[SentenceRef] = field(default_factory=list)
    ranked_sentences: list[SentenceRef] = field(default_factory=list)  # for region/topic summaries
    figures: list[Figure] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


# --------------------------------------------------------------------------- taxonomies


@dataclass(frozen=True)
class RegionDef:
    """A gazetteer entry: one place with its aliases and its parent in the hierarchy."""

    id: str  # stable ASCII id, also the URL slug, e.g. "hangzhou"
    name: str  # Chinese name, e.g. "杭州"
    level: Literal["world", "continent", "country", "province", "city", "district", "venue"]
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    name_en: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class TopicDef:
    id: str
    name: str  # Chinese label
    name_en: str
    keywords: tuple[str, ...]


# --------------------------------------------------------------------------- assemble


@dataclass
class AnalysedArticle:
    article: Article
    facts: ArticleFacts


@dataclass
class RegionPage:
    region: RegionDef
    articles: list[str]  # slugs of articles whose primary region is here or below
    mentioned_in: list[str]  # slugs of articles that only mention it
    children: list[str]  # child region ids that have pages
    summary: list[SentenceRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    topics: list[tuple[str, int]] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)


@dataclass
class TopicPage:
    topic: TopicDef
    articles: list[str]
    summary: list[SentenceRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    regions: list[tuple[str, int]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


@dataclass
class EntityPage:
    entity: Entity
    slug: str
    articles: list[str]


@dataclass
class Site:
    """Everything render needs; render reads it and writes files, nothing else."""

    title: str
    articles: dict[str, AnalysedArticle]  # by slug, in display order
    regions: dict[str, RegionPage] = field(default_factory=dict)
    topics: dict[str, TopicPage] = field(default_factory=dict)
    entities: dict[str, EntityPage] = field(default_factory=dict)
    timeline: list[Event] = field(default_factory=list)
    # by path, for provenance pages; without their blocks, which normalising has
    # turned into articles (they would double the text the model holds)
    sources: dict[str, Source] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    related: dict[str, list[str]] = field(default_factory=dict)  # article slug -> related slugs
