"""Inline SVG charts: honest about date precision, linked, with text alternatives."""

from __future__ import annotations

import dataclasses
import re

from sitegen.model import DateSpan, Event, PartialDate, SentenceRef
from sitegen.render import charts
from sitegen.render.pages import Paths


def link(path: str) -> str:
    return "/r/" + path


def event(title: str, start: tuple, end: tuple | None = None, kind: str = "primary", region: str = "hongkong"):
    when = DateSpan(PartialDate(*start), PartialDate(*end) if end else None)
    return Event(title, when, region, ["hk-ai"], kind, SentenceRef("句。", "hk-ai", "p2"))


def test_timeline_draws_days_as_dots_and_years_months_ranges_as_bars(site):
    svg = charts.timeline_chart([
        event("日", (2025, 5, 8)), event("月", (2025, 9)), event("年", (2026,)),
        event("区间", (2024, 11, 19), (2024, 11, 22)), event("往事", (2014,), kind="secondary"),
    ], Paths(site), link, "t")
    assert svg.count("<circle") == 1 and svg.count("<rect") == 4
    assert "<title id=\"t-title\">" in svg and "<desc id=\"t-desc\">" in svg
    assert 'href="/r/articles/hk-ai/#p2"' in svg
    assert "文中提及的事件" in svg and "tl-secondary" in svg
    assert "2026年：年" in svg and "2024年11月19日至22日：区间" in svg


def test_a_year_only_bar_is_twelve_times_as_wide_as_a_month_bar(site):
    svg = charts.timeline_chart([event("月", (2025, 1)), event("年", (2026,))], Paths(site), link, "t")
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert max(widths) / min(widths) > 10


def test_compact_timeline_leaves_out_secondary_facts(site):
    svg = charts.timeline_chart([event("a", (2025, 1, 1)), event("b", (2014,), kind="secondary")],
                                Paths(site), link, "t", compact=True)
    assert "tl-secondary" not in svg


def test_many_events_are_counted_per_month_with_year_only_ones_apart(site):
    many = [event(f"e{i}", (2025, 1 + i % 12, 1)) for i in range(charts.TIMELINE_MAX_MARKS)]
    many += [event("y", (2026,))]
    svg = charts.timeline_chart(many, Paths(site), link, "t")
    assert "<circle" not in svg
    assert 'href="/r/timeline/#t2025-01"' in svg and 'href="/r/timeline/#t2026-00"' in svg
    assert "2026年（月份不详）：1 个事件" in svg and "tl-year-band" in svg


def test_map_places_regions_by_longitude_and_latitude(site):
    site.timeline.append(event("内罗毕论坛", (2025, 3), region="kenya"))
    svg = charts.map_chart(site, Paths(site), link, "m", charts.place_counts(site))
    dots = dict(re.findall(r'<a href="/r/regions/(\w+)/"[^>]*><title>[^<]*</title><circle cx="[\d.]+" cy="([\d.]+)"', svg))
    xs = dict(re.findall(r'<a href="/r/regions/(\w+)/"[^>]*><title>[^<]*</title><circle cx="([\d.]+)"', svg))
    assert float(dots["wuzhen"]) < float(dots["hongkong"])  # north is up
    assert float(xs["wuzhen"]) > float(xs["hongkong"])  # east is right
    assert "kenya" not in dots
    caption = svg.split("<figcaption>")[1].split("</figcaption>")[0]
    assert '图外：<a href="/r/regions/kenya/">肯尼亚</a>（1）' in caption  # outside the box: named under it
    assert "肯尼亚" in svg.split("</details>")[0].split("<details")[1]  # and in the text version


def test_matrix_counts_articles_per_topic_and_place_and_links_cells(site):
    svg = charts.matrix_chart(site, Paths(site), link, "x")
    assert 'href="/r/topics/compute/#r-hongkong"' in svg
    assert "<table>" in svg and "<th scope=\"row\">" in svg
    assert "算力与芯片 × 香港：1 篇" in svg


def test_the_map_widens_for_places_near_china_and_centres_on_places_far_from_it():
    china = charts._map_box([(31.2, 121.5)])
    assert (china.west, china.east, china.south, china.north) == (73.0, 135.5, 17.5, 54.0)
    with_singapore = charts._map_box([(31.2, 121.5), (1.35, 103.8), (-1.3, 36.8)])  # Nairobi is too far
    assert with_singapore.south == 1.35 - charts.MAP_MARGIN and with_singapore.west == 73.0
    assert not with_singapore.holds(-1.3, 36.8)
    europe = charts._map_box([(48.9, 2.35), (52.5, 13.4)])  # Paris, Berlin
    assert europe.holds(48.9, 2.35) and europe.holds(52.5, 13.4) and not europe.holds(31.2, 121.5)
    assert europe.east - europe.west >= charts.MAP_MIN_SPAN and europe.north - europe.south >= charts.MAP_MIN_SPAN
    assert charts._map_box([]) == charts.CHINA
    gulf = charts._map_box([(31.2, 121.5), (24.45, 54.37), (24.7, 46.7)])  # Abu Dhabi, Riyadh
    assert gulf.holds(24.45, 54.37) and gulf.holds(24.7, 46.7) and gulf.holds(31.2, 121.5)


def test_a_map_of_places_far_from_china_shows_them_with_western_longitudes(site):
    for number, page in enumerate(site.regions.values()):  # San Francisco and Paris: 125 degrees apart
        place = (48.9, 2.35) if number % 2 else (37.8, -122.4)
        page.region = dataclasses.replace(page.region, lat=place[0], lon=place[1])
    svg = charts.map_chart(site, Paths(site), link, "m", charts.place_counts(site))
    assert "<circle" in svg and "°W" in svg and "°E" not in svg and "°N" in svg
