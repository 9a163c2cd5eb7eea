"""Normalisation and query cutting: the rules the index and the browser share."""

from hypothesis import given
from hypothesis import strategies as st

from sitegen.search.text import contains_phrase, normalise, phrase_terms, phrases


def test_full_width_letters_and_digits_become_lower_case_ascii():
    assert normalise("ＯｐｔｏＣｈａｔ ５０００") == "optochat 5000"


def test_spaces_next_to_chinese_are_dropped_spaces_between_latin_words_kept():
    assert normalise("AI 芯片 与 5000 PFLOPS") == "ai芯片与5000 pflops"


def test_line_breaks_stay_separators():
    assert normalise("会议背景\n今年") == "会议背景\n今年"
    assert normalise("甲\r\n乙\u2028丙") == "甲\n\n乙\n丙"


def test_traditional_characters_become_simplified():
    assert normalise("香港特區政府軟體") == "香港特区政府软体"


def test_query_phrases_split_at_spaces_and_punctuation():
    assert phrases("AI 芯片，算力！") == ["ai", "芯片", "算力"]
    assert phrases("AI芯片") == ["ai芯片"]


def test_punctuation_only_query_has_no_phrases():
    assert phrases("，。！？…—「」 ") == []


def test_repeated_phrases_are_searched_once():
    assert phrases("算力 算力") == ["算力"]


def test_phrase_terms_are_the_unit_or_its_adjacent_pairs():
    assert phrase_terms("算") == ["算"]
    assert phrase_terms("算力") == ["算力"]
    assert phrase_terms("具身智能") == ["具身", "身智", "智能"]
    assert phrase_terms("ai芯片") == ["ai芯", "芯片"]
    assert phrase_terms("5000") == ["5000"]
    assert phrase_terms("72亿") == ["72亿"]


def test_latin_words_match_whole():
    assert contains_phrase("the ai chip", "ai")
    assert not contains_phrase("said", "ai")
    assert not contains_phrase("50000", "5000")
    assert contains_phrase("5000pf与5000", "5000")
    assert contains_phrase("ai芯片", "ai芯")


@given(st.text(alphabet="算力智能ＡＢab12 ，。\n區", max_size=40))
def test_normalising_twice_changes_nothing(text):
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(max_size=60))
def test_the_fast_table_gives_the_same_normal_form(text):
    assert normalise(text, fast=True) == normalise(text)
