"""Numbers with Chinese magnitudes, shares, bounds and ranges."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from sitegen.chinese.numbers import find_numbers, parse_number, parse_quantity
from sitegen.chinese.numerals import chinese_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10亿", 1e9),
        ("4500亿", 4.5e11),
        ("1.72亿", 1.72e8),
        ("6800 亿", 6.8e11),
        ("千亿", 1e11),
        ("三成", 0.3),
        ("40%", 0.4),
        ("４０％", 0.4),
        ("百分之三十", 0.3),
        ("一万二千", 12000),
        ("1,234.5万", 12_345_000),
        ("5000", 5000),
        ("２５００", 2500),
        ("1 billion", 1e9),
        ("35.1 Billion", 3.51e10),
        ("2.5 million", 2.5e6),
        ("4bn", 4e9),
        ("1.2 trillion", 1.2e12),
    ],
)
def test_parse_number_applies_magnitudes_and_shares(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("超2500", 2500, "超"),
        ("90% 以上", 0.9, "以上"),
        ("1000 多万", 1e7, "多"),
        ("近万", 1e4, "近"),
        ("10余", 10, "余"),
        ("约 6800 亿", 6.8e11, "约"),
        ("不超过5000万", 5e7, "不超过"),  # an upper bound, not `超过`
        ("不低于100万", 1e6, "不低于"),
        ("最高5000万", 5e7, "最高"),
    ],
)
def test_parse_quantity_keeps_the_bound_as_a_qualifier(text, value, qualifier):
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == pytest.approx(value)
    assert quantity.qualifier == qualifier


def test_vague_amounts_are_marked_approximate():
    quantity = parse_quantity("数十万")
    assert quantity is not None and quantity.approximate and quantity.value == 1e5


def test_ranges_keep_both_ends_and_share_the_magnitude():
    assert (parse_quantity("4至5").value, parse_quantity("4至5").upper) == (4, 5)
    assert (parse_quantity("4至5万").value, parse_quantity("4至5万").upper) == (4e4, 5e4)
    assert parse_quantity("2024-11") is None  # not a range: the end is smaller


@pytest.mark.parametrize("text", ["十五五", "万万", "亿万", "", "abc", "统一"])
def test_words_made_of_numeral_characters_are_not_numbers(text):
    assert parse_number(text) is None


def test_find_numbers_in_a_seed_sentence():
    text = "在产业规模方面，2025年北京AI核心产业预计达4500亿元，人工智能企业超2500家，两项数据都占全国的一半。"
    found = [(q.text, q.value, q.qualifier) for q in find_numbers(text) if not q.chinese]
    assert ("4500亿", 4.5e11, "") in found
    assert ("超2500", 2500, "超") in found


def test_once_is_not_a_count():
    assert [q.text for q in find_numbers("给予一次性奖励500万元，两次获奖")] == ["500万", "两"]


def test_find_numbers_skips_digits_glued_to_latin_words():
    values = [q.text for q in find_numbers("探讨Web3.0技术，正奇金指V11指标系统，5000 PFLOPS")]
    assert values == ["5000"]


def test_chinese_numerals_read_years_digit_by_digit_and_amounts_by_position():
    assert chinese_to_int("二〇二四") == 2024
    assert chinese_to_int("一百零五") == 105
    assert chinese_to_int("三万亿") == 3 * 10**12
    assert chinese_to_int("一亿二千万") == 120_000_000
    assert chinese_to_int("二十三百") is None


@given(st.text())
def test_number_parsing_never_crashes_and_offsets_are_exact(text):
    parse_number(text)
    for quantity in find_numbers(text):
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.value >= 0


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", "万", "亿"]))
def test_arabic_numbers_round_trip_with_magnitudes(number, magnitude):
    factor = {"": 1, "万": 1e4, "亿": 1e8}[magnitude]
    assert parse_number(f"{number}{magnitude}") == pytest.approx(number * factor)


def test_find_numbers_reads_a_range_of_days_before_its_unit():
    (quantity,) = [q for q in find_numbers("原本需要4至5天才能完成的功能开发，现在半天即可完成") if not q.chinese]
    assert (quantity.text, quantity.value, quantity.upper) == ("4至5", 4, 5)


def test_an_english_magnitude_is_a_whole_word():
    assert [q.text for q in find_numbers("revenue of 5 billion and 3 millionaires")] == ["5 billion", "3"]
