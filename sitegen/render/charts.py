"""Pictures drawn at build time as inline SVG: a timeline, a map of China, a topic matrix.

No chart library and no request to another host: each chart is a few hundred
lines of SVG text, styled by the theme's CSS classes (so dark mode and print
apply), with a `<title>`/`<desc>`, a text version next to it, and every mark a
link to the page it stands for. `link` turns a site path into an href for the
page the chart is drawn on.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from sitegen.model import DateSpan, Event, PartialDate, Site
from sitegen.render.format import span_text
from sitegen.render.pages import Paths

Link = Callable[[str], str]

MATRIX_MAX_REGIONS = 12
# Above this many events the timeline chart counts events per month (or per year)
# instead of drawing each one: a mark per event would make a page of megabytes.
TIMELINE_MAX_MARKS = 300
# Spans longer than this many years are counted per year rather than per month.
MONTHLY_MAX_YEARS = 6


def _attrs(attributes: dict[str, object]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in attributes.items() if value is not None)


def _el(name: str, attributes: dict[str, object], content: Markup | str = "") -> Markup:
    """An element; f-strings with `escape` (a chart has thousands of elements, and
    Markup.format walks string.Formatter in Python)."""
    return Markup(f"<{name}{_attrs(attributes)}>{escape(content)}</{name}>")


def _num(value: float) -> str:
    """Coordinates rounded to 0.1 px: smaller files, identical across platforms."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _linked(href: str | None, label: str, mark: Markup) -> Markup:
    """A mark wrapped in a link whose `<title>` names it (tooltip and accessible name)."""
    title = _el("title", {}, label)
    if href is None:
        return _el("g", {}, title + mark)
    return _el("a", {"href": href, "aria-label": label}, title + mark)


def _svg(chart_id: str, width: float, height: float, title: str, desc: str, body: Markup) -> Markup:
    head = _el("title", {"id": f"{chart_id}-title"}, title) + _el("desc", {"id": f"{chart_id}-desc"}, desc)
    return _el("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {_num(width)} {_num(height)}",
        "width": _num(width),
        "height": _num(height),
        "class": "chart",
        "role": "group",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
    }, head + body)


def _figure(chart_id: str, caption: str | Markup, svg: Markup, text_version: Markup) -> Markup:
    details = _el("details", {"class": "chart-text"}, _el("summary", {}, "文字版") + text_version)
    return _el("figure", {"class": "chart-figure", "id": chart_id},
               svg + _el("figcaption", {}, caption) + details)


def _event_href(event: Event, paths: Paths, link: Link) -> str | None:
    if event.sentence is not None:
        return link(paths.sentence(event.sentence))
    return link(paths.article(event.articles[0])) if event.articles else None


# --------------------------------------------------------------------------- timeline


def _month_index(date: PartialDate) -> float:
    return date.year * 12 + ((date.month or 1) - 1)


def _date_extent(date: PartialDate) -> tuple[float, float]:
    """The stretch of time a partial date covers, in months: a year-only date is a year."""
    start = _month_index(date)
    if date.month is None:
        return start, start + 12
    if date.day is None:
        return start, start + 1
    return start + (date.day - 1) / 31, start + date.day / 31


def _extent(span: DateSpan) -> tuple[float, float]:
    start, end = _date_extent(span.start)
    if span.end is not None:
        end = max(end, _date_extent(span.end)[1])
    return start, end


@dataclass
class _Mark:
    event: Event
    x0: float
    x1: float
    row: int = 0


def _pack(marks: list[_Mark], gap: float) -> int:
    """Put marks in rows so that none overlap; returns the number of rows."""
    row_ends: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.x0, m.x1)):
        for row, end in enumerate(row_ends):
            if end + gap <= mark.x0:
                mark.row, row_ends[row] = row, mark.x1
                break
        else:
            mark.row = len(row_ends)
            row_ends.append(mark.x1)
    return len(row_ends)


def _axis(first_year: int, last_year: int, x: Callable[[float], float], y: float) -> Markup:
    parts = [_el("line", {"x1": _num(x(first_year * 12)), "x2": _num(x((last_year + 1) * 12)),
                          "y1": _num(y), "y2": _num(y), "class": "chart-axis"})]
    step = max(1, math.ceil((last_year - first_year + 1) / 12))
    for year in range(first_year, last_year + 2):
        tick = _num(x(year * 12))
        parts.append(_el("line", {"x1": tick, "x2": tick, "y1": _num(y), "y2": _num(y + 5), "class": "chart-axis"}))
        if year <= last_year and (year - first_year) % step == 0:
            parts.append(_el("text", {"x": _num(x(year * 12 + 6)), "y": _num(y + 17),
                                      "class": "chart-label", "text-anchor": "middle"}, str(year)))
    return Markup("").join(parts)


def _time_axis(extents: list[tuple[float, float]], width: float) -> tuple[int, int, Callable[[float], float]]:
    """First and last whole year covered, and month index -> x."""
    first_year = int(min(s for s, _ in extents) // 12)
    last_year = int((max(e for _, e in extents) - 1e-9) // 12)
    months = (last_year + 1 - first_year) * 12
    left, right = 10.0, 10.0
    return first_year, last_year, lambda m: left + (m - first_year * 12) / months * (width - left - right)


def timeline_chart(events: list[Event], paths: Paths, link: Link, chart_id: str, compact: bool = False) -> Markup:
    """Events on a time axis: a dot for a day, a bar for a month, a year or a range.

    Primary events in one lane, dated facts mentioned in texts in another; the
    compact form (home page) shows the primary lane only. Many events are drawn
    as counts per month or year instead (`_histogram`).
    """
    shown = [e for e in events if e.kind == "primary" or not compact]
    if not shown:
        return Markup("")
    if len(shown) > TIMELINE_MAX_MARKS:
        return _histogram(shown, paths, link, chart_id, compact)
    extents = [_extent(e.when) for e in shown]
    width = 600.0 if compact else 760.0
    first_year, last_year, x = _time_axis(extents, width)
    row_height, top = (12.0, 6.0) if compact else (16.0, 22.0)
    body: list[Markup] = []
    y = top
    for kind, label in (("primary", "现场事件"), ("secondary", "文中提及的事件")):
        lane = [_Mark(e, x(s), max(x(t), x(s) + 8)) for e, (s, t) in zip(shown, extents) if e.kind == kind]
        if not lane:
            continue
        if not compact:
            body.append(_el("text", {"x": "10", "y": _num(y - 6), "class": "chart-lane"}, label))
        rows = _pack(lane, 3)
        body.extend(_timeline_mark(mark, y, row_height, kind, paths, link) for mark in lane)
        y += rows * row_height + (8 if compact else 26)
    axis_y = y - (4 if compact else 16)
    body.append(_axis(first_year, last_year, x, axis_y))
    desc = (f"{len(shown)} 个事件，{first_year}年至{last_year}年；"
            "圆点为精确到日的事件，横条为只知月份、年份或持续数日的事件。")
    return _svg(chart_id, width, axis_y + 24, "事件时间图", desc, Markup("").join(body))


def _histogram(events: list[Event], paths: Paths, link: Link, chart_id: str, compact: bool) -> Markup:
    """Events counted per month (per year over long spans), each bar linking to its
    part of the timeline page. Year-only dates are counted in a band over their year,
    never in a month the source did not give."""
    extents = [_extent(e.when) for e in events]
    width, height = (600.0, 70.0) if compact else (760.0, 150.0)
    first_year, last_year, x = _time_axis(extents, width)
    monthly = last_year - first_year < MONTHLY_MAX_YEARS
    buckets: Counter[tuple[int, int]] = Counter()
    for event in events:
        start = event.when.start
        buckets[(start.year, (start.month or 0) if monthly else 0)] += 1
    most = max(buckets.values())
    base = height - 24
    body: list[Markup] = []
    for (year, month), count in sorted(buckets.items()):
        left = x(year * 12 + (month - 1 if month else 0))
        right = x(year * 12 + (month if month else 12))
        bar_height = max(2.0, (base - 6) * count / most)
        css = "tl-bar" if month or not monthly else "tl-bar tl-year-band"
        label = f"{year}年{month}月：{count} 个事件" if month else f"{year}年{'（月份不详）' if monthly else ''}：{count} 个事件"
        rect = _el("rect", {"x": _num(left + 0.5), "y": _num(base - bar_height), "width": _num(max(right - left - 1, 1)),
                            "height": _num(bar_height), "class": css})
        body.append(_linked(link(f"{paths.timeline}#t{year}-{month:02d}" if monthly else f"{paths.timeline}#y{year}"),
                            label, rect))
    body.append(_axis(first_year, last_year, x, base))
    unit = "月" if monthly else "年"
    desc = f"{len(events)} 个事件，{first_year}年至{last_year}年，按{unit}统计；柱越高事件越多。"
    return _svg(chart_id, width, height, "事件时间分布图", desc, Markup("").join(body))


def _timeline_mark(mark: _Mark, top: float, row_height: float, kind: str, paths: Paths, link: Link) -> Markup:
    event = mark.event
    cy = top + mark.row * row_height + row_height / 2
    css = f"tl-mark tl-{kind} precision-{event.when.precision}"
    if event.when.precision == "day" and (event.when.end is None or event.when.end == event.when.start):
        shape = _el("circle", {"cx": _num((mark.x0 + mark.x1) / 2), "cy": _num(cy), "r": "4.5", "class": css})
    else:
        shape = _el("rect", {"x": _num(mark.x0), "y": _num(cy - 4.5), "width": _num(mark.x1 - mark.x0),
                             "height": "9", "rx": "3", "class": css})
    return _linked(_event_href(event, paths, link), f"{span_text(event.when)}：{event.title}", shape)


# --------------------------------------------------------------------------- map


def place_counts(site: Site) -> Counter[str]:
    """Events per place, plus articles per primary place: what the map shows."""
    counts: Counter[str] = Counter(e.region for e in site.timeline if e.region in site.regions)
    counts.update(i.facts.primary_region for i in site.articles.values() if i.facts.primary_region in site.regions)
    return counts


def _label_box(x: float, y: float, r: float, text: str, side: str) -> tuple[float, float, float, float]:
    """The box a label takes beside a dot of radius r: CJK characters ~1 em, others ~0.6 em."""
    width = sum(13 if ord(ch) > 0x2E80 else 8 for ch in text)
    gap = r + 3
    if side == "right":
        return (x + gap, y - 8, x + gap + width, y + 7)
    if side == "left":
        return (x - gap - width, y - 8, x - gap, y + 7)
    if side == "above":
        return (x - width / 2, y - gap - 15, x + width / 2, y - gap)
    return (x - width / 2, y + gap, x + width / 2, y + gap + 15)


class _Boxes:
    """Boxes placed so far, filed by the grid cells they cover: a new box is
    checked against the boxes in its own cells only, not every box of the map.
    Two boxes that overlap share an inner point, and so the cell holding it."""

    CELL = 32.0

    def __init__(self, boxes: list[tuple[float, ...]]) -> None:
        self._cells: dict[tuple[int, int], list[tuple[float, ...]]] = {}
        for box in boxes:
            self.add(box)

    def _cells_of(self, box: tuple[float, ...]) -> list[tuple[int, int]]:
        columns = range(int(box[0] // self.CELL), int(box[2] // self.CELL) + 1)
        rows = range(int(box[1] // self.CELL), int(box[3] // self.CELL) + 1)
        return [(column, row) for column in columns for row in rows]

    def add(self, box: tuple[float, ...]) -> None:
        for cell in self._cells_of(box):
            self._cells.setdefault(cell, []).append(box)

    def overlaps(self, box: tuple[float, ...]) -> bool:
        return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                   for cell in self._cells_of(box) for b in self._cells.get(cell, ()))


@dataclass(frozen=True)
class _Box:
    """A longitude/latitude box the map shows, in degrees."""

    west: float
    east: float
    south: float
    north: float

    def holds(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


CHINA = _Box(73.0, 135.5, 17.5, 54.0)
# Places this close to China widen the map to take them in (Singapore, Tokyo,
# Almaty, the Gulf's Abu Dhabi and Riyadh); farther ones (Nairobi, San Jose)
# would shrink China to a corner, and are named under the map instead.
NEAR_CHINA = _Box(44.0, 155.0, -12.0, 60.0)
MAP_MARGIN = 3.0  # degrees around places beyond China's box, or around a map's places far from it
MAP_MIN_SPAN = 20.0  # degrees: a map of places close together still shows their surroundings


def map_chart(site: Site, paths: Paths, link: Link, chart_id: str, counts: Counter[str]) -> Markup:
    """Places with events on a longitude/latitude grid (equirectangular
    projection), `counts` (`place_counts`) setting each dot's size: China's box,
    widened for places near it, or, for a site about places far from China,
    the box around them."""
    counted = [region_id for region_id in site.regions if region_id in counts]
    if not counted:
        return Markup("")
    located = {
        region_id: (site.regions[region_id].region.lat, site.regions[region_id].region.lon) for region_id in counted
        if site.regions[region_id].region.lat is not None and site.regions[region_id].region.lon is not None
    }
    box = _map_box(list(located.values()))
    inside = [region_id for region_id, (lat, lon) in located.items() if box.holds(lat, lon)]
    outside = [region_id for region_id in counted if region_id not in inside]
    scale = math.cos(math.radians((box.south + box.north) / 2))
    width = 440.0
    height = width * (box.north - box.south) / ((box.east - box.west) * scale)
    project = lambda lat, lon: (  # noqa: E731
        (lon - box.west) / (box.east - box.west) * width,
        (box.north - lat) / (box.north - box.south) * height,
    )
    body = [_graticule(project, box, width, height)]
    body.extend(_map_points(site, inside, counts, project, width, paths, link))
    desc = "按经纬度标注有事件的地点，圆点越大事件越多：" + "、".join(
        f"{site.regions[r].region.name}（{counts[r]}）" for r in inside)
    svg = _svg(chart_id + "-svg", width, height, "事件地点分布图", desc, Markup("").join(body))
    caption = Markup("事件地点分布（经纬度示意，非精确地图）")
    if outside:
        caption += Markup("；图外：") + Markup("、").join(
            _el("a", {"href": link(paths.region(r))}, site.regions[r].region.name) + f"（{counts[r]}）"
            for r in sorted(outside, key=lambda r: (-counts[r], r))
        )
    return _figure(chart_id, caption, svg, _place_list(site, inside + outside, counts, paths, link))


def _map_box(points: list[tuple[float, float]]) -> _Box:
    """China's box, widened by the places near it; with no place near China,
    the box around all places, at least MAP_MIN_SPAN wide and high."""
    near = [(lat, lon) for lat, lon in points if NEAR_CHINA.holds(lat, lon)]
    if near or not points:
        south = min([CHINA.south, *(lat - MAP_MARGIN for lat, _ in near)])
        north = max([CHINA.north, *(lat + MAP_MARGIN for lat, _ in near)])
        west = min([CHINA.west, *(lon - MAP_MARGIN for _, lon in near)])
        east = max([CHINA.east, *(lon + MAP_MARGIN for _, lon in near)])
        return _Box(west, east, south, north)
    south, north = _span([lat for lat, _ in points], -85.0, 85.0)
    west, east = _span([lon for _, lon in points], -180.0, 180.0)
    return _Box(west, east, south, north)


def _span(values: list[float], floor: float, ceiling: float) -> tuple[float, float]:
    """The values' range with a margin, widened about its middle to MAP_MIN_SPAN, within the limits."""
    low, high = min(values) - MAP_MARGIN, max(values) + MAP_MARGIN
    if high - low < MAP_MIN_SPAN:
        middle = (low + high) / 2
        low, high = middle - MAP_MIN_SPAN / 2, middle + MAP_MIN_SPAN / 2
    return max(floor, low), min(ceiling, high)


def _graticule(project, box: _Box, width: float, height: float) -> Markup:
    """A line and a label every 10 degrees (every 30 along a side of more than 90)."""
    parts = [_el("rect", {"x": "0", "y": "0", "width": _num(width), "height": _num(height), "class": "map-frame"})]
    step = 10 if box.east - box.west <= 90 else 30
    for lon in range(math.ceil(box.west / step) * step, math.floor(box.east) + 1, step):
        x, _ = project(box.south, lon)
        parts.append(_el("line", {"x1": _num(x), "x2": _num(x), "y1": "0", "y2": _num(height), "class": "map-grid"}))
        parts.append(_el("text", {"x": _num(x + 3), "y": _num(height - 5), "class": "map-grid-label"},
                         f"{abs(lon)}°{'E' if lon > 0 else 'W' if lon < 0 else ''}"))
    step = 10 if box.north - box.south <= 90 else 30
    for lat in range(math.ceil(box.south / step) * step, math.floor(box.north) + 1, step):
        _, y = project(lat, box.west)
        parts.append(_el("line", {"x1": "0", "x2": _num(width), "y1": _num(y), "y2": _num(y), "class": "map-grid"}))
        parts.append(_el("text", {"x": "4", "y": _num(y - 3), "class": "map-grid-label"},
                         f"{abs(lat)}°{'N' if lat > 0 else 'S' if lat < 0 else ''}"))
    return Markup("").join(parts)


def _map_points(site: Site, inside: list[str], counts: Counter[str], project, width: float,
                paths: Paths, link: Link) -> list[Markup]:
    """Dots sized by count; labels placed beside them where they do not collide."""
    ordered = sorted(inside, key=lambda r: (-counts[r], r))
    points = {r: project(site.regions[r].region.lat, site.regions[r].region.lon) for r in ordered}
    most = max((counts[r] for r in ordered), default=1)
    radius = {r: 3 + 9 * math.sqrt(counts[r] / most) for r in ordered}
    taken = _Boxes([(x - radius[r], y - radius[r], x + radius[r], y + radius[r]) for r, (x, y) in points.items()])
    marks: list[Markup] = []
    for region_id in ordered:
        x, y = points[region_id]
        name = site.regions[region_id].region.name
        shape = _el("circle", {"cx": _num(x), "cy": _num(y), "r": _num(radius[region_id]), "class": "map-dot"})
        for side in ("right", "left", "above", "below"):
            box = _label_box(x, y, radius[region_id], name, side)
            if box[0] >= 0 and box[2] <= width and not taken.overlaps(box):
                taken.add(box)
                anchor = {"right": "start", "left": "end"}.get(side, "middle")
                tx = {"right": box[0], "left": box[2]}.get(side, x)
                shape += _el("text", {"x": _num(tx), "y": _num(box[3] - 3), "text-anchor": anchor,
                                      "class": "map-label"}, name)
                break
        marks.append(_linked(link(paths.region(region_id)), f"{name}：{counts[region_id]} 项", shape))
    return marks


def _place_list(site: Site, region_ids: list[str], counts: Counter[str], paths: Paths, link: Link) -> Markup:
    items = [
        _el("li", {}, _el("a", {"href": link(paths.region(r))}, site.regions[r].region.name)
            + f"（{counts[r]} 项）")
        for r in sorted(region_ids, key=lambda r: (-counts[r], r))
    ]
    return _el("ul", {"class": "chart-list"}, Markup("").join(items))


# --------------------------------------------------------------------------- topic x region matrix


def _matrix(site: Site) -> tuple[list[str], list[str], Counter[tuple[str, str]]]:
    """Topics (rows), the busiest primary places (columns) and article counts per pair."""
    cells: Counter[tuple[str, str]] = Counter()
    places: Counter[str] = Counter()
    for item in site.articles.values():
        region = item.facts.primary_region
        if region not in site.regions:
            continue
        places[region] += 1
        for topic in dict.fromkeys(t.topic for t in item.facts.topics if t.topic in site.topics):
            cells[(topic, region)] += 1
    order = {r: i for i, r in enumerate(site.regions)}
    columns = sorted(places, key=lambda r: (-places[r], order[r]))[:MATRIX_MAX_REGIONS]
    return list(site.topics), columns, cells


def matrix_chart(site: Site, paths: Paths, link: Link, chart_id: str) -> Markup:
    """How many articles of each topic happened in each place; cells link to the topic page."""
    rows, columns, cells = _matrix(site)
    if not rows or not columns:
        return Markup("")
    cell, label_width, header = 40.0, 150.0, 70.0
    width, height = label_width + cell * len(columns) + 10, header + cell * len(rows)
    most = max(cells.values(), default=1)
    body: list[Markup] = []
    for index, region_id in enumerate(columns):
        cx = label_width + cell * index + cell / 2
        body.append(_linked(link(paths.region(region_id)), site.regions[region_id].region.name, _el(
            "text", {"x": _num(cx), "y": _num(header - 8), "class": "matrix-col",
                     "transform": f"rotate(-40 {_num(cx)} {_num(header - 8)})"},
            site.regions[region_id].region.name)))
    for row, topic_id in enumerate(rows):
        y = header + cell * row
        name = site.topics[topic_id].topic.name
        body.append(_linked(link(paths.topic(topic_id)), name, _el(
            "text", {"x": _num(label_width - 8), "y": _num(y + cell / 2 + 5), "text-anchor": "end",
                     "class": "matrix-row"}, name)))
        for index, region_id in enumerate(columns):
            body.append(_matrix_cell(site, topic_id, region_id, cells[(topic_id, region_id)], most,
                                     label_width + cell * index, y, cell, paths, link))
    desc = f"{len(rows)} 个主题 × {len(columns)} 个地点，格中数字为文章数。"
    svg = _svg(chart_id + "-svg", width, height, "主题与地区矩阵", desc, Markup("").join(body))
    return _figure(chart_id, "各地区在各主题下的文章数", svg, _matrix_table(site, rows, columns, cells, paths, link))


def _matrix_cell(site: Site, topic_id: str, region_id: str, count: int, most: int,
                 x: float, y: float, size: float, paths: Paths, link: Link) -> Markup:
    level = 0 if not count else 1 + round(3 * count / most)
    rect = _el("rect", {"x": _num(x + 2), "y": _num(y + 2), "width": _num(size - 4), "height": _num(size - 4),
                        "rx": "4", "class": f"matrix-cell level-{level}"})
    if not count:
        return rect
    text = _el("text", {"x": _num(x + size / 2), "y": _num(y + size / 2 + 5), "text-anchor": "middle",
                        "class": f"matrix-count level-{level}"}, str(count))
    label = f"{site.topics[topic_id].topic.name} × {site.regions[region_id].region.name}：{count} 篇"
    return _linked(link(paths.topic(topic_id, f"r-{region_id}")), label, rect + text)


def _matrix_table(site: Site, rows: list[str], columns: list[str], cells, paths: Paths, link: Link) -> Markup:
    head = _el("tr", {}, _el("th", {"scope": "col"}, "主题") + Markup("").join(
        _el("th", {"scope": "col"}, site.regions[r].region.name) for r in columns))
    body = Markup("").join(
        _el("tr", {}, _el("th", {"scope": "row"}, _el("a", {"href": link(paths.topic(t))}, site.topics[t].topic.name))
            + Markup("").join(_el("td", {}, str(cells[(t, r)] or "")) for r in columns))
        for t in rows)
    return _el("div", {"class": "table-scroll"}, _el("table", {}, _el("thead", {}, head) + _el("tbody", {}, body)))

