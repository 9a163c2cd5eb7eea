"""Traditional Chinese: detected, and viewed as Simplified with the same offsets."""

from __future__ import annotations

from hypothesis import given, strategies as st

from sitegen.chinese.script import is_traditional, to_simplified

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
