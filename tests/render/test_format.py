"""Dates are written no more precisely than the source gave them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.model import DateSpan, PartialDate
from sitegen.render.format import clip, span_html, span_text


def span(start, end=None, approximate=False):
    return DateSpan(PartialDate(*start), PartialDate(*end) if end else None, approximate)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (span((2026,)), "2026年"),
        (span((2026, 1)), "2026年1月"),
        (span((2026, 1, 25)), "2026年1月25日"),
        (span((2024, 11, 19), (2024, 11, 22)), "2024年11月19日至22日"),
        (span((2024, 11, 30), (2024, 12, 2)), "2024年11月30日至12月2日"),
        (span((2024, 12, 30), (2025, 1, 2)), "2024年12月30日至2025年1月2日"),
        (span((2025, 9), (2025, 10)), "2025年9月至10月"),
        (span((2024,), (2026,)), "2024年至2026年"),
        (span((2026, 1), approximate=True), "约2026年1月"),
        (span((2026, 1, 25), (2026, 1, 25)), "2026年1月25日"),
        (None, "日期不详"),
    ],
)
def test_span_text_shows_the_precision_and_ranges_of_the_source(value, text):
    assert span_text(value) == text


def test_span_html_marks_precision_machine_dates_and_approximation():
    html = span_html(span((2024, 11, 19), (2024, 11, 22), approximate=True))
    assert 'class="date precision-day"' in html
    assert '<time datetime="2024-11-19">2024年11月19日</time>至<time datetime="2024-11-22">22日</time>' in html
    assert ">约</abbr>" in html
    assert '<time datetime="2026">2026年</time>' in span_html(span((2026,)))


@given(
    st.integers(1, 9999),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(1, 31),
)
def test_span_text_never_shows_a_day_the_date_does_not_have(year, month, day):
    date = PartialDate(year, month, day if month else None)
    text = span_text(DateSpan(date))
    assert text.endswith("日") == (date.day is not None)
    assert ("月" in text) == (date.month is not None)


def test_clip_counts_characters_and_marks_the_cut():
    assert clip("人工智能产业", 10) == "人工智能产业"
    assert clip("人工智能产业发展", 5) == "人工智能…"


def test_source_lines_are_numbered_from_one_and_escaped():
    from sitegen.render.format import numbered_lines

    assert numbered_lines(["<b>一</b>", "", "三 & 四"]) == (
        '<span class="line" id="L1">&lt;b&gt;一&lt;/b&gt;</span>\n'
        '<span class="line" id="L2"></span>\n'
        '<span class="line" id="L3">三 &amp; 四</span>\n'
    )


@given(st.text())
def test_html_text_escapes_exactly_like_markupsafe(text):
    from markupsafe import escape

    from sitegen.render.format import html_text

    assert html_text(text) == str(escape(text))
