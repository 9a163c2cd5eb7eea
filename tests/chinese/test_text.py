"""Width folding: one character for one, only full-width forms change."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.chinese.text import _FOLD, fold_width


def test_full_width_digits_letters_and_spaces_fold_but_the_chinese_comma_stays():
    assert fold_width("２０２５年，ＰＦＬＯＰＳ　达到（５０％）") == "2025年，PFLOPS 达到(50%)"


@given(st.text(alphabet=st.sampled_from("２０ＡＺａｚ％～　\u00a0\u2009\u202f，。（）：中文ab1 ")) | st.text())
def test_folding_is_the_character_table_applied_to_every_character(text):
    folded = fold_width(text)
    assert folded == text.translate(_FOLD)
    assert len(folded) == len(text)
