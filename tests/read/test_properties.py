"""Every reader reads any text without raising, and its blocks point into it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from sitegen.read.registry import READERS

KINDS = {"heading", "paragraph", "list", "quote", "code", "caption", "image", "byline"}

# Text made of the characters the readers react to, so the examples reach
# their rules instead of bouncing off as plain prose.
_SYNTAX = st.sampled_from(
    ["\n", "\n\n", " ", "  ", "#", "## ", "- ", "1. ", "> ", "```", "---", "![", "](", ")", "[5]", " - ", "。", "，", "?",
     "“", "”", "记者 ", "新华社杭州 11 月 21 日电", "· 2026-01-23 06:36", " ...", "新华社 发", "<p>", "</div>", "<!--",
     "-->", "Source link", "评论 抢沙发", "联合国驻华协调员 杰思衡", "人工智能", "香港", "AI"]
)
TEXTS = st.one_of(st.text(max_size=800), st.lists(_SYNTAX, max_size=120).map("".join))


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.NAME)
@settings(max_examples=250, deadline=None)
@given(text=TEXTS)
def test_read_never_raises_and_blocks_are_well_formed(reader, text):
    result = reader.read(text)
    lines = text.count("\n") + 1
    for block in result.blocks:
        assert block.kind in KINDS
        assert 1 <= block.line <= lines
        assert block.text == block.text.strip() or block.kind == "code"
        assert (block.level >= 1) == (block.kind == "heading")
        assert all(isinstance(v, str) for v in block.meta.values())
