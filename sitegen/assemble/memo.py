"""What a preview's last assembly worked out, for its next one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.model import AnalysedArticle, Entity, EntityPage, Event, RegionPage, Source, TopicPage
from sitegen.taxonomy import Taxonomy

if TYPE_CHECKING:
    from sitegen.assemble.events import MergedEvent
    from sitegen.assemble.regions import RegionIndex, RegionSums


class AssembleMemo:
    """What a preview's last assembly worked out, for its next one.

    Relating articles and summing up each region took 4 s of a preview rebuild
    at 10,000 sources. After an edit, a region whose articles are the very
    objects of last time (the builder keeps unchanged ones) gets the same
    summary, figures, topics and people, and one where a few were replaced is
    brought up to date from those few (`regions`); a person or organisation
    named by the same articles keeps its page (`entities`), and so does a topic
    about the same articles (`topics`); an event reported
    the same way stays the same object (`events`); and only articles sharing a
    feature (topic, place, keyword) that some article gained or lost can get
    other related articles (`related`). The result equals a fresh
    `assemble_site` (tested).
    """

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy.digest
        self.regions: dict[str, RegionSums] = {}  # by region id
        self.slug_of: dict[str, str] = {}  # entity name -> slug, as the regions' people were found
        self.entities: dict[str, tuple[list[tuple[AnalysedArticle, Entity]], EntityPage]] = {}  # by name
        self.entity_slugs: dict[str, str] = {}  # by name, in the order of their pages
        self.named_items: list[AnalysedArticle] = []  # the articles those names were found in, in order
        self.entity_pages: dict[str, EntityPage] = {}  # the pages made of them, by slug
        self.order: list[str] = []  # article slugs in display order
        self.inputs: list[AnalysedArticle] = []  # the articles as given
        self.ordered: list[AnalysedArticle] = []  # and in display order
        self.features: dict[str, list[tuple[str, str]]] = {}  # by slug
        self.items: dict[str, AnalysedArticle] = {}  # by slug, whose features those are
        self.related: dict[str, list[str]] = {}
        self.postings: dict[tuple[str, str], list[int]] = {}  # feature -> indices in `order` of the articles with it
        self.region_pages: dict[str, RegionPage] = {}  # by region id
        self.region_index: RegionIndex | None = None  # which articles count towards each region
        self.indexed_items: list[AnalysedArticle] = []  # the articles of that index, in order
        self.timeline: list[Event] = []
        self.events_by_region: dict[str, list[Event]] = {}  # the timeline's events on each region page
        self.sources: dict[int, tuple[Source, Source]] = {}  # by id of the source read: it, and it without blocks
        self.events: dict[tuple, MergedEvent] = {}  # the timeline, by what merges two reports
        self.reports: dict[tuple, list[tuple[int, Event]]] = {}  # by merge key: (article index, report)
        self.citing: dict[str, set[tuple]] = {}  # article slug -> merge keys of the events citing it
        self.merged: list[Event] = []  # the timeline as merged, in date order
        self.event_items: list[AnalysedArticle] = []  # the articles merged, in order
        self.event_articles: dict[str, AnalysedArticle] = {}  # by slug, whose topics the merged events have
        self.topics: dict[str, tuple[list[AnalysedArticle], TopicPage]] = {}  # by topic id: its articles and page
