"""The model's helpers for table rows, which readers, analysis and rendering share."""

from __future__ import annotations

from sitegen.model import row_cells, table_header


def test_a_rows_header_is_the_first_row_of_its_table():
    texts = ["议程如下。", "日期 | 城市 | 事件", "2025-11-20 | 天津 | 博览会开幕", "2025-11-22 | 苏州 | 方案发布", "以上。"]
    assert table_header(texts, 3) == ["日期", "城市", "事件"] == table_header(texts, 2)
    assert table_header(texts, 1) == [] and table_header(texts, 4) == []
    assert row_cells("a | | c") == ["a", "", "c"]
