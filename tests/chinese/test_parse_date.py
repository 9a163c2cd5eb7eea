"""parse_date: a whole string that is a date, with the precision it gives."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from sitegen.chinese.dates import parse_date, unix_time_text
from sitegen.model import PartialDate


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2026-01-23 06:36", "2026-01-23", "day"),  # digest byline (004)
        ("2025-05-08 09:00", "2025-05-08", "day"),  # front matter (003)
        ("2025-05-08", "2025-05-08", "day"),
        ("2025/5/8", "2025-05-08", "day"),
        ("2025年5月8日", "2025-05-08", "day"),
        ("2026年1月", "2026-01", "month"),
        ("2026-01", "2026-01", "month"),
        ("2026", "2026", "year"),
        ("2026-01-23T06:36:00+08:00", "2026-01-23", "day"),
        ("2026-01-22T23:30:00Z", "2026-01-22", "day"),
        ("2025年8月14日 6:00 AM", "2025-08-14", "day"),  # a Singapore paper's byline
        ("２０２５年５月８日", "2025-05-08", "day"),
        ("二〇二四年十一月", "2024-11", "month"),
        ("二〇二四年十一月二十一日", "2024-11-21", "day"),
        ("2025年5月8日 星期四", "2025-05-08", "day"),
        ("2025年11月20日（週四）", "2025-11-20", "day"),  # Traditional script's weekday
        ("中華民國114年11月20日", "2025-11-20", "day"),  # Taiwan's official date
        ("民國114年11月20日", "2025-11-20", "day"),
        ("  2025-05-08  ", "2025-05-08", "day"),
    ],
)
def test_parse_date_reads_common_forms_with_their_precision(text, iso, precision):
    span = parse_date(text)
    assert span is not None
    assert span.iso() == iso
    assert span.precision == precision
    assert span.text == text.strip()


def test_parse_date_keeps_both_ends_of_a_range():
    span = parse_date("2024年11月19日至22日")
    assert span is not None and span.iso() == "2024-11-19/2024-11-22"


@pytest.mark.parametrize(
    "text",
    ["2025-13-45", "2025-02-30", "2025年2月30日", "2025年13月", "1月25日", "近日", "5000", "hello", "", "2025-05-08 is a date"],
)
def test_parse_date_rejects_impossible_or_context_dependent_dates(text):
    assert parse_date(text) is None


@given(st.text())
def test_parse_date_never_crashes(text):
    parse_date(text)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_parse_date_round_trips_iso_and_chinese_forms(day):
    expected = PartialDate(day.year, day.month, day.day)
    assert parse_date(day.isoformat()).start == expected
    assert parse_date(f"{day.year}年{day.month}月{day.day}日").start == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("June 3, 2025", "2025-06-03"),
        ("3 Jun 2025", "2025-06-03"),
        ("Tue, 03 Jun 2025 09:30:00 +0800", "2025-06-03"),
        ("Sept. 5, 2025 10:00 AM", "2025-09-05"),
        ("December 1st, 2024", "2024-12-01"),
        ("May 2025", "2025-05"),
    ],
)
def test_english_dates_of_meta_tags_and_mail_headers(text, iso):
    span = parse_date(text)
    assert span.iso() == iso and span.text == text


@pytest.mark.parametrize("text", ["Feb 30, 2025", "Foo 3, 2025", "Ju 3, 2025", "June 3"])
def test_impossible_or_yearless_english_dates_are_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [("1748916000", "2025-06-03 10:00"), ("1748916000000", "2025-06-03 10:00"), ("123", None), ("9999999999", None), ("2025-06-03", None)],
)
def test_unix_times_are_beijing_times(value, text):
    assert unix_time_text(value) == text
