"""The index builder's fast paths give what the plain ones give."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.search import build_search_files, index
from sitegen.search.reference import StaticIndex
from sitegen.search.text import index_text, is_separator_term, normalise, tokens

TEXT = st.text(alphabet="算力智能芯片甲乙 ，。\nAIai5０x\U00020001區・", max_size=80)


@given(TEXT)
def test_index_text_has_the_units_of_the_normal_form_one_character_each(text):
    for fast in (False, True):
        expected = ["\0" if is_separator_term(token) else token for token in tokens(normalise(text, fast))]
        assert tokens(index_text(text, fast)) == expected


@settings(max_examples=300)
@given(TEXT)
def test_sorting_packed_pairs_groups_them_like_plain_python(text):
    units = index._Units()
    text = units.text(index_text(text + "\n", fast=True))
    packed, plain = index._Pairs(text, units), index._Pairs(text, units, packed=False)
    assert packed.ids == plain.ids
    assert packed.pieces == plain.pieces
    assert dict(packed.unit_counts) == dict(plain.unit_counts)


def test_run_of_equal_lanes_ends_where_the_next_lane_differs():
    lanes = bytes([1, 0, 1, 0, 2, 0, 2, 0, 2, 0, 7, 1])
    assert [bool(flag) for flag in index._last_flags(lanes, 2)] == [False, True, False, False, True, True]


def test_more_latin_words_than_stand_ins_give_the_same_files(page, monkeypatch):
    documents = [page(f"n/{i}/", f"第{i}篇", f"型号X{i}与Y{i * 7}芯片，编号{i}{i}") for i in range(60)]
    plenty = build_search_files(documents, jobs=1, hot_bytes=1)  # every pair hot: n-grams with words too
    monkeypatch.setattr(index, "_stand_ins", lambda: tuple(range(0x2000, 0x2010)))
    assert build_search_files(documents, jobs=1, hot_bytes=1) == plenty


def test_a_page_with_more_distinct_words_than_stand_ins_is_still_found(page, monkeypatch):
    monkeypatch.setattr(index, "_stand_ins", lambda: tuple(range(0x2000, 0x2008)))
    words = " ".join(f"w{i}" for i in range(40))
    documents = [page("many/", "很多编号", f"{words} 末尾编号w39芯片"), page("other/", "其他", "w39芯片")]
    for hot_bytes in (1, 10**6):  # n-grams of every pair, or of none
        found = StaticIndex(build_search_files(documents, jobs=1, hot_bytes=hot_bytes).__getitem__)
        assert sorted(found.search("w39芯片").documents) == [0, 1]
        assert found.search("末尾编号").documents == [0]
        assert found.search("w7 w8").documents == [0]
