"""Sniffing: the reader is chosen by the content, never by the file name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from sitegen.read import read_source
from sitegen.read.registry import READERS, choose_reader, confidences, sniff_sample

HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><title>香港发布人工智能新政</title></head>
<body><article><h1>香港发布人工智能新政</h1><p>特区政府今年已拨款10亿港元。</p></article></body></html>
"""


@pytest.mark.parametrize(
    "prefix, reader",
    [("000", "plain"), ("001", "webpage"), ("002", "pdf-markdown"), ("003", "markdown"), ("004", "digest")],
)
def test_each_seed_is_read_by_the_reader_of_its_format(seeds, prefix, reader):
    assert choose_reader(seeds[prefix]).NAME == reader


def test_an_html_page_is_read_as_html():
    assert choose_reader(HTML_PAGE).NAME == "html"


@pytest.mark.parametrize("name", ["page.html", "notes.md", "data.txt", "noext"])
def test_file_name_does_not_change_the_reader(tmp_path, seeds, name):
    (tmp_path / name).write_text(seeds["004"], encoding="utf-8")
    assert read_source(tmp_path / name, tmp_path, 1 << 20).format == "digest"


def test_page_furniture_at_the_end_of_a_long_text_is_still_sniffed(seeds):
    body, furniture = seeds["001"].split("Source link")
    text = body + "\n\n正文段落。\n" * 20_000 + "Source link" + furniture
    assert len(sniff_sample(text)) < len(text)
    assert choose_reader(text).NAME == "webpage"


def test_every_reader_has_a_name_and_plain_is_the_fallback():
    names = [reader.NAME for reader in READERS]
    assert len(set(names)) == len(names) and names[-1] == "plain"
    assert choose_reader("随便一句话").NAME == "plain"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=1500))
def test_every_sniffer_answers_between_zero_and_one(text):
    assert all(0.0 <= score <= 1.0 for score in confidences(text).values())
