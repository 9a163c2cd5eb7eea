"""Traditional Chinese: detected, and viewed as Simplified with the same offsets."""

from __future__ import annotations

from hypothesis import given, strategies as st

from sitegen.chinese.script import SAMPLE_CHARS, TRADITIONAL_SHARE, _table, is_traditional, to_simplified

MACAO = "第二屆澳門人工智能產業論壇9月11日在澳門舉行，來自內地、香港和葡語國家的300多名專家學者出席。"


def test_traditional_text_is_recognised_and_simplified_is_not():
    assert is_traditional(MACAO)
    assert not is_traditional("第二届澳门人工智能产业论坛9月11日在澳门举行，乾隆年间的故事。")
    assert not is_traditional("OpenAI released GPT-4o.")


def test_the_simplified_view_keeps_every_offset():
    simplified = to_simplified(MACAO)
    assert simplified == "第二届澳门人工智能产业论坛9月11日在澳门举行，来自内地、香港和葡语国家的300多名专家学者出席。"
    assert len(simplified) == len(MACAO)


@given(st.text(max_size=200))
def test_conversion_never_changes_the_length(text):
    assert len(to_simplified(text)) == len(text)


def _share_of_traditional(text: str) -> bool:
    """The definition, counted character by character."""
    sample = text[:SAMPLE_CHARS]
    han = sum("\u3400" <= char <= "\u9fff" for char in sample)
    return han > 0 and sum(char in _table() for char in sample) >= TRADITIONAL_SHARE * han


@given(st.text(alphabet=st.sampled_from("澳門舉辦論壇门举办论坛乾隆𠁞😀a 。"), max_size=300))
def test_the_script_check_counts_traditional_characters_among_han(text):
    assert is_traditional(text) == _share_of_traditional(text)


def test_the_script_check_reads_only_the_sample():
    assert not is_traditional("人" * SAMPLE_CHARS + "門" * 100)
    assert is_traditional("門" * 200 + "人" * SAMPLE_CHARS)
