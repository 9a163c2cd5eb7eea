"""JSON exports: records with a title and a body, wherever the lists hold them."""

from __future__ import annotations

import json

from sitegen.read import jsondoc
from sitegen.read.registry import choose_reader

EXPORT = json.dumps(
    {"code": 0, "data": {"list": [
        {"title": "天津发布行动方案", "publish_time": "2025-06-01 09:30:00", "source": "天津日报",
         "author": {"name": "刘明"}, "content": "<p>6月1日，天津市发布方案。</p><p>方案明确了目标。</p>"},
        {"title": "雄安智算中心投运", "date": "2025-06-03", "author": ["王芳", "李强"],
         "content": "6月3日，雄安新区智算中心投入运营。\n该中心提供训练服务。"},
    ]}},
    ensure_ascii=False, indent=2,
)


def test_json_with_title_and_body_keys_is_sniffed():
    assert choose_reader(EXPORT).NAME == "json"
    assert jsondoc.sniff('{"name": "sitegen", "version": "1.0"}') == 0.0
    assert jsondoc.sniff("[1, 2, 3]") == 0.0


def test_records_become_articles_with_bylines_and_lines_of_their_titles():
    blocks = jsondoc.read(EXPORT).blocks
    assert [(b.kind, b.text) for b in blocks if b.kind != "byline"] == [
        ("heading", "天津发布行动方案"),
        ("paragraph", "6月1日，天津市发布方案。"),
        ("paragraph", "方案明确了目标。"),
        ("heading", "雄安智算中心投运"),
        ("paragraph", "6月3日，雄安新区智算中心投入运营。"),
        ("paragraph", "该中心提供训练服务。"),
    ]
    bylines = [b.meta for b in blocks if b.kind == "byline"]
    assert bylines == [
        {"role": "source", "publisher": "天津日报", "date": "2025-06-01 09:30:00", "authors": "刘明"},
        {"role": "source", "date": "2025-06-03", "authors": "王芳、李强"},
    ]
    title_line = next(n for n, line in enumerate(EXPORT.split("\n"), 1) if '"天津发布行动方案"' in line)
    assert blocks[0].line == title_line


def test_json_lines_are_read_record_by_record():
    lines = "\n".join(json.dumps({"title": f"标题{n}", "text": f"正文{n}。"}, ensure_ascii=False) for n in (1, 2))
    assert [b.text for b in jsondoc.read(lines).blocks if b.kind == "heading"] == ["标题1", "标题2"]


def test_broken_json_is_a_warning():
    result = jsondoc.read('{"title": "x", "content": ')
    assert result.blocks == [] and result.diagnostics[0].message.startswith("JSON cannot be parsed")


def test_keys_made_of_listed_words_name_the_parts_when_no_listed_key_is_there():
    text = json.dumps({"data": {"list": [{
        "news_id": 7, "news_title": "合肥发布行动方案", "update_time": "2025-09-09", "pubTime": "2025-09-03 10:20:00",
        "source_url": "https://example.com/7", "media_name": "安徽日报", "article_content": "9月2日，合肥市发布行动方案。",
    }]}}, ensure_ascii=False)
    assert jsondoc.sniff(text) > 0.9
    blocks = jsondoc.read(text).blocks
    assert [(b.kind, b.text) for b in blocks][::2] == [("heading", "合肥发布行动方案"), ("paragraph", "9月2日，合肥市发布行动方案。")]
    assert blocks[1].meta == {"role": "source", "publisher": "安徽日报", "date": "2025-09-03 10:20:00"}


def test_a_listed_key_wins_over_a_worded_one():
    record = {"sub_title": "副标题", "title": "标题", "content": "正文。", "pub_time": "2025-01-02", "date": "2025-01-01"}
    blocks = jsondoc.read(json.dumps(record, ensure_ascii=False)).blocks
    assert blocks[0].text == "标题" and blocks[1].meta["date"] == "2025-01-01"


def test_a_scrapers_unix_time_is_the_date():
    text = '{"title": "珠海发布政策", "publishTime": 1748916000, "content": "珠海市发布政策。"}\n{"title": "中山举办大会", "publishTime": 1749088800000, "content": "中山大会开幕。"}\n'
    bylines = [b.meta for b in jsondoc.read(text).blocks if b.kind == "byline"]
    assert [meta["date"] for meta in bylines] == ["2025-06-03 10:00", "2025-06-05 10:00"]


def test_a_records_place_and_topics_go_with_its_byline():
    record = {"title": "企业调研", "date": "2025-11-10", "城市": "苏州", "topics": ["智能制造", "工业软件"], "content": "公司为工厂提供排程软件。"}
    byline = next(b for b in jsondoc.read(json.dumps([record], ensure_ascii=False)).blocks if b.kind == "byline")
    assert (byline.meta["regions"], byline.meta["topics"]) == ("苏州", "智能制造、工业软件")


SEARCH_RESULTS = json.dumps(
    {"query": "人工智能 产业园 开园", "results": [
        {"title": "杭州未来科技城AI产业园正式开园", "url": "https://news.example.cn/a/1",
         "snippet": "11月20日，杭州未来科技城人工智能产业园正式开园，首批入驻企业42家。", "date": "2024-11-20"},
        {"title": "苏州工业园区人工智能产业园二期开园 - 苏州日报", "url": "https://news.example.cn/a/2",
         "snippet": "苏州工业园区人工智能产业园二期于昨日开园。", "date": "2024-11-18"},
    ]},
    ensure_ascii=False, indent=1,
)


def test_search_results_are_records_of_their_snippets():
    assert choose_reader(SEARCH_RESULTS) is jsondoc
    blocks = jsondoc.read(SEARCH_RESULTS).blocks
    assert [b.text for b in blocks if b.kind == "paragraph"] == [
        "11月20日，杭州未来科技城人工智能产业园正式开园，首批入驻企业42家。", "苏州工业园区人工智能产业园二期于昨日开园。",
    ]


def test_a_search_results_title_names_its_site_as_the_publisher():
    blocks = jsondoc.read(SEARCH_RESULTS).blocks
    assert [b.text for b in blocks if b.kind == "heading"] == ["杭州未来科技城AI产业园正式开园", "苏州工业园区人工智能产业园二期开园"]
    assert [b.meta.get("publisher") for b in blocks if b.kind == "byline"] == [None, "苏州日报"]


def test_a_records_own_publisher_keeps_a_title_that_ends_otherwise():
    record = {"title": "大会开幕 - 新华网", "source": "人民网", "content": "大会在北京开幕。"}
    blocks = jsondoc.read(json.dumps([record], ensure_ascii=False)).blocks
    assert (blocks[0].text, blocks[1].meta["publisher"]) == ("大会开幕 - 新华网", "人民网")
