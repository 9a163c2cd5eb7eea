"""read_source: one file in, a Source or a `path: reason` Diagnostic out."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitegen.model import Diagnostic, Source
from sitegen.read import read_source
from sitegen.read import plain, registry

LIMIT = 20 * 1024 * 1024


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_source_path_is_relative_to_the_root_and_digest_is_of_the_bytes(tmp_path, seeds):
    data = seeds["000"].replace("\n", "\r\n").encode("gb18030")
    (tmp_path / "stories").mkdir()
    path = _write(tmp_path, "stories/000.txt", data)
    source = read_source(path, tmp_path, LIMIT)
    assert isinstance(source, Source)
    assert source.path == "stories/000.txt"
    assert source.digest == hashlib.sha256(data).hexdigest()
    assert source.encoding == "gb18030" and source.text == seeds["000"]


def test_source_outside_the_root_keeps_the_path_as_given(tmp_path):
    path = _write(tmp_path, "a.txt", "标题\n\n正文第一段。")
    source = read_source(path, tmp_path / "elsewhere", LIMIT)
    assert source.path == str(path)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_encoding_variants_with_crlf_read_to_the_same_source(tmp_path, seeds, prefix, codec):
    expected = read_source(_write(tmp_path, "utf8.txt", seeds[prefix]), tmp_path, LIMIT)
    crlf = seeds[prefix].replace("\n", "\r\n")
    try:
        data = crlf.encode(codec)
    except UnicodeEncodeError:  # GBK lacks `•`; such a file can only be saved as GB18030
        data = crlf.encode("gb18030")
    source = read_source(_write(tmp_path, f"{codec}.txt", data), tmp_path, LIMIT)
    assert (source.text, source.format, source.blocks, source.meta) == (expected.text, expected.format, expected.blocks, expected.meta)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"\n\n   \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not a text source"),
        (bytes(range(256)) * 8, "binary file, not a text source"),
        (b"\x00\xff\x00\xfe" * 300, "binary file, not a text source"),
        ("标题。\n正文。\n".encode() * 30 + b"\xc3\x28" + "结尾。".encode(), "undecodable bytes"),
    ],
)
def test_bad_files_become_diagnostics_naming_the_file(tmp_path, data, reason):
    result = read_source(_write(tmp_path, "bad.txt", data), tmp_path, LIMIT)
    assert isinstance(result, Diagnostic)
    assert result.path == "bad.txt" and result.message.startswith(reason)
    assert str(result).startswith("bad.txt")


def test_missing_file_and_folder_are_diagnostics(tmp_path):
    assert read_source(tmp_path / "gone.txt", tmp_path, LIMIT).message == "file not found"
    (tmp_path / "folder").mkdir()
    assert read_source(tmp_path / "folder", tmp_path, LIMIT).message == "not a regular file"


def test_file_over_the_limit_is_reported_in_megabytes(tmp_path):
    path = _write(tmp_path, "big.txt", "段落。\n".encode() * (3 * 1024 * 1024 // 20))
    result = read_source(path, tmp_path, 1024 * 1024)
    assert result == Diagnostic("big.txt", "file is 1.5 MB, larger than the limit of 1 MB")


def test_ten_megabyte_file_reads_under_the_default_limit(tmp_path, seeds):
    text = (seeds["000"] + "\n\n") * (10_000_000 // len(seeds["000"].encode()) + 1)
    source = read_source(_write(tmp_path, "huge.txt", text), tmp_path, LIMIT)
    assert isinstance(source, Source) and source.format == "plain"
    assert len(source.text) == len(text)
    assert sum(b.kind == "byline" for b in source.blocks) > 5000


@pytest.mark.parametrize("title", ["../../etc/passwd", "<script>alert(1)</script>", "<script>"])
def test_hostile_titles_are_read_as_text(tmp_path, title):
    source = read_source(_write(tmp_path, "t.txt", f"{title}\n\n正文第一段，说了一些事情。\n"), tmp_path, LIMIT)
    assert isinstance(source, Source)
    assert source.blocks[0].text == title
    assert source.blocks[1].text == "正文第一段，说了一些事情。"


def test_broken_front_matter_is_a_warning_and_the_body_is_read(tmp_path):
    text = "---\ntitle: [未闭合\ndate: 2025-13-45\n---\n\n# 标题\n\n正文。\n"
    source = read_source(_write(tmp_path, "fm.md", text), tmp_path, LIMIT)
    assert [str(d) for d in source.diagnostics] == ["fm.md:3: broken front matter: expected ',' or ']', but got ':'"]
    assert source.diagnostics[0].severity == "warning"
    assert [b.text for b in source.blocks] == ["标题", "正文。"]


def test_a_failing_reader_falls_back_to_plain_text_with_a_warning(tmp_path, monkeypatch):
    def explode(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(registry.digest, "read", explode)
    text = "标题一\n人民日报海外版· 2026-01-23 06:36\n正文。\n"
    source = read_source(_write(tmp_path, "d.txt", text), tmp_path, LIMIT)
    assert source.format == plain.NAME
    assert "digest reader failed (RuntimeError: boom)" in source.diagnostics[0].message


def test_text_that_is_only_page_furniture_has_no_article(tmp_path):
    text = "Source link\n\n评论 抢沙发\n\n昵称 (必填)\n"
    result = read_source(_write(tmp_path, "junk.txt", text), tmp_path, LIMIT)
    assert result == Diagnostic("junk.txt", "no article text found (read as webpage)")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=3000), st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_read_source_never_raises_on_arbitrary_bytes(tmp_path, data):
    result = read_source(_write(tmp_path, "any.txt", data), tmp_path, LIMIT)
    assert isinstance(result, (Source, Diagnostic))


def test_unparseable_html_says_why_there_is_no_text(tmp_path):
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>正文</p></body></html>'
    assert isinstance(read_source(_write(tmp_path, "a.html", page), tmp_path, LIMIT), Source)
    result = read_source(_write(tmp_path, "b.html", "<!DOCTYPE html><html><head></head><body></body></html>"), tmp_path, LIMIT)
    assert result == Diagnostic("b.html", "no article text found (read as html)")
