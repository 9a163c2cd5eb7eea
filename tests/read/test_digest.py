"""Search-result digest (004): entries, bylines, rebuilt paragraphs, sections."""

from __future__ import annotations

from sitegen.read import digest, plain


def test_digest_reader_splits_articles(seeds):
    result = digest.read(seeds["004"])
    titles = [b.text for b in result.blocks if b.kind == "heading" and b.level == 1]
    assert titles == ["香港:人工智能发展“风好正是扬帆时”", "重磅盛会首落香港!李家超发声", "重磅盛会首落香港!李家超发声"]
    bylines = [b.meta for b in result.blocks if b.kind == "byline"]
    assert bylines == [
        {"publisher": "人民日报海外版", "date": "2026-01-23 06:36", "truncated": "true"},
        {"publisher": "中国基金报", "date": "2026-01-18 11:24"},
        {"publisher": "中国基金报", "date": "2026-01-18 11:21"},
    ]
    assert result.meta["header"] == ["HKChat智能对话系统", "搜索文档"]
    assert "HKChat智能对话系统" not in [b.text for b in result.blocks]


def test_prose_body_is_split_into_paragraphs_with_a_subheading(seeds):
    blocks = digest.read(seeds["004"]).blocks
    first = blocks[2 : next(i for i, b in enumerate(blocks) if i > 0 and b.level == 1)]
    assert [b.kind for b in first] == ["paragraph", "paragraph", "heading", "paragraph", "paragraph", "paragraph"]
    assert first[2].text == "孕育成果的理想沃土" and first[2].level == 2
    assert first[0].text.endswith("议题建言献策,分享观点。")
    assert "全球治理等\n议题建言献策" in first[0].text
    assert first[-1].text == "特区政府今年已拨款10亿港元,用于成"


def test_structured_body_gives_sections_and_cited_items(seeds):
    blocks = digest.read(seeds["004"]).blocks
    second = blocks[blocks.index(next(b for b in blocks if b.meta.get("date") == "2026-01-18 11:24")) + 1 :]
    assert (second[0].kind, second[0].level, second[0].text) == ("heading", 2, "世界人工智能大会在香港举办的意义")
    items = second[3].text.splitlines()
    assert second[2].text == "香港政府对AI发展的战略与支持"
    assert items[0] == "- 香港特区政府将AI发展视为核心战略 采取多管齐下的策略 以政府投入、顶尖科研、战略基建及活力开放的市场为坚实支柱 [4]"
    assert len(items) == 5
    assert any(line.endswith("[8][9]") for b in second if b.kind == "list" for line in b.text.splitlines())


def test_a_body_without_the_search_dots_is_not_truncated():
    text = "标题一\n某报· 2026-01-01 10:00\n正文说完了……\n"
    result = digest.read(text)
    assert "truncated" not in result.blocks[1].meta
    assert result.blocks[2].text == "正文说完了……"


def test_sniff_needs_title_and_byline_pairs(seeds):
    assert digest.sniff(seeds["004"]) > 0.8
    assert all(digest.sniff(seeds[p]) == 0.0 for p in ("000", "001", "002", "003"))


def test_digest_bylines_may_name_their_source_key_and_use_a_bar():
    text = "资讯搜索\n数博会在贵阳开幕\n来源：澎湃新闻 | 2025-05-26 10:15\n5月26日,数博会在贵阳开幕。\n"
    result = digest.read(text)
    assert [b.meta for b in result.blocks if b.kind == "byline"] == [{"publisher": "澎湃新闻", "date": "2025-05-26 10:15"}]


def test_a_quoted_slogan_in_a_digest_body_keeps_its_space():
    text = '搜索\n数博会在贵阳开幕\n澎湃新闻 | 2025-05-26\n本届数博会以"数智未来 共享共赢"为主题, 设置了展区。 贵州已建成数据中心48个。\n'
    paragraphs = [b.text for b in digest.read(text).blocks if b.kind == "paragraph"]
    assert paragraphs[0] == '本届数博会以"数智未来\u00a0共享共赢"为主题,\n设置了展区。'


SPACED = """搜索结果
科大讯飞发布星火大模型新版本
新浪科技 2025年05月26日 10:15
5月26日，科大讯飞在合肥发布星火大模型新版本。
合肥市出台具身智能产业支持政策
安徽日报 2025年05月27日 08:30
5月27日，合肥市发布具身智能产业发展支持政策。
"""


def test_several_entries_with_publisher_and_date_only_spaced_are_a_digest():
    assert digest.sniff(SPACED) >= 0.6
    bylines = [b.meta for b in digest.read(SPACED).blocks if b.kind == "byline"]
    assert bylines == [
        {"publisher": "新浪科技", "date": "2025年05月26日 10:15"},
        {"publisher": "安徽日报", "date": "2025年05月27日 08:30"},
    ]


def test_entries_whose_spaced_byline_gives_their_age_are_a_digest_without_their_dates():
    text = ("人工智能 长沙 - 百度搜索\n\n长沙发布人工智能产业三年行动计划\n长沙晚报 3天前\n11月18日，长沙市印发行动计划。\n\n"
            "湖南首个千卡智算中心在长沙投运\n红网 2025-11-12\n11月12日，智算中心投入运营。\n\n"
            "岳麓山实验室发布农业大模型\n湖南日报 2小时前\n岳麓山实验室今天发布农业大模型。\n")
    blocks = digest.read(text).blocks
    assert [b.meta for b in blocks if b.kind == "byline"] == [
        {"publisher": "长沙晚报"}, {"publisher": "红网", "date": "2025-11-12"}, {"publisher": "湖南日报"},
    ]
    assert [b.text for b in blocks if b.kind == "heading"][2] == "岳麓山实验室发布农业大模型"


def test_one_title_over_one_spaced_byline_is_no_digest():
    assert digest.sniff("科大讯飞发布星火大模型新版本\n新浪科技 2025年05月26日 10:15\n\n正文。\n") == 0.0


SEARCH_PAGE = """搜索结果：人工智能 大模型 2025

1. 北京发布大模型产业发展白皮书 - 中国新闻网
2025年4月2日 ... 今年3月，北京市经信局发布白皮书，全市大模型企业超过120家 ...
https://www.chinanews.com/gn/2025/04-02/123456.shtml

2. 上海人工智能实验室发布书生大模型3.0 _ 澎湃新闻
2025-03-18 — 3月17日，上海人工智能实验室发布书生大模型3.0版本。
https://www.thepaper.cn/newsDetail_forward_654321
"""


def test_a_web_search_page_gives_an_entry_per_result_with_its_site_date_and_address():
    assert digest.sniff(SEARCH_PAGE) > plain.sniff(SEARCH_PAGE)
    blocks = digest.read(SEARCH_PAGE).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "北京发布大模型产业发展白皮书"),
        ("byline", "2025年4月2日"),
        ("paragraph", "今年3月，北京市经信局发布白皮书，全市大模型企业超过120家"),
        ("heading", "上海人工智能实验室发布书生大模型3.0"),
        ("byline", "2025-03-18"),
        ("paragraph", "3月17日，上海人工智能实验室发布书生大模型3.0版本。"),
    ]
    assert [b.meta for b in blocks if b.kind == "byline"] == [
        {"date": "2025年4月2日", "publisher": "中国新闻网", "truncated": "true",
         "url": "https://www.chinanews.com/gn/2025/04-02/123456.shtml"},
        {"date": "2025-03-18", "publisher": "澎湃新闻", "url": "https://www.thepaper.cn/newsDetail_forward_654321"},
    ]


RECENT_SEARCH_PAGE = """搜索“长沙 人工智能”的结果  约 1,230,000 条

长沙发布人工智能产业发展行动计划 - 湖南日报
2025年4月8日 — 长沙市政府近日印发行动计划，提出到2027年核心产业规模突破500亿元。
hnrb.voc.com.cn/article/202504/1.html

岳麓山实验室发布农业大模型 - 潇湘晨报
3天前 — 岳麓山实验室联合湖南农业大学发布农业大模型。
www.xxcb.cn › news › tech

相关搜索：长沙人工智能企业  湖南算力中心
"""


def test_a_recent_result_shows_its_age_and_has_no_date():
    blocks = digest.read(RECENT_SEARCH_PAGE).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "长沙发布人工智能产业发展行动计划"),
        ("byline", "2025年4月8日"),
        ("paragraph", "长沙市政府近日印发行动计划，提出到2027年核心产业规模突破500亿元。"),
        ("heading", "岳麓山实验室发布农业大模型"),
        ("byline", "3天前"),
        ("paragraph", "岳麓山实验室联合湖南农业大学发布农业大模型。"),
    ]
    assert [b.meta for b in blocks if b.kind == "byline"] == [
        {"date": "2025年4月8日", "publisher": "湖南日报", "url": "https://hnrb.voc.com.cn/article/202504/1.html"},
        {"publisher": "潇湘晨报"},
    ]


def test_a_recent_result_whose_address_names_its_day_is_dated_by_it():
    page = RECENT_SEARCH_PAGE.replace("www.xxcb.cn › news › tech", "www.xxcb.cn/tech/20250610/ai.html")
    bylines = [b.meta for b in digest.read(page).blocks if b.kind == "byline"]
    assert bylines[1]["date"] == "2025-06-10"
    assert digest.date_in_url("https://x.cn/a/2025/0603/b.html") == "2025-06-03"
    assert digest.date_in_url("https://x.cn/id/2025123456") is None


BING_PAGE = """南京 人工智能 峰会 - 搜索

约 86,400 个结果

2025全球人工智能产品大会在南京开幕_新华网
www.xinhuanet.com › local › 2025-06
2025年6月12日 · 6月12日，2025全球人工智能产品大会在南京开幕，300余家企业参展。

江苏出台人工智能产业链培育方案 - 新华日报
https://xh.xhby.net › pc › con
2025年5月28日 · 江苏省政府办公厅日前印发方案。
"""


def test_a_search_page_showing_the_address_between_title_and_snippet():
    blocks = digest.read(BING_PAGE).blocks
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("heading", "2025全球人工智能产品大会在南京开幕", 5),
        ("byline", "2025年6月12日", 7),
        ("paragraph", "6月12日，2025全球人工智能产品大会在南京开幕，300余家企业参展。", 7),
        ("heading", "江苏出台人工智能产业链培育方案", 9),
        ("byline", "2025年5月28日", 11),
        ("paragraph", "江苏省政府办公厅日前印发方案。", 11),
    ]
    assert [b.meta for b in blocks if b.kind == "byline"] == [
        {"date": "2025年6月12日", "publisher": "新华网"}, {"date": "2025年5月28日", "publisher": "新华日报"},
    ]


def test_one_title_over_one_dated_line_is_no_search_page():
    assert digest.sniff("北京发布白皮书\n2025年4月2日 - 北京市经信局发布白皮书。\n") == 0.0


BAIDU_PAGE = """长沙人工智能_百度搜索

长沙发布人工智能产业发展三年行动计划_长沙市人民政府
2025年2月18日 长沙市人民政府办公厅日前印发行动计划...
www.changsha.gov.cn/zfxxgk/ai.html  百度快照

岳麓山实验室发布农业大模型_湖南日报
2025年3月2日 岳麓山实验室在长沙发布农业大模型...
hunan.voc.com.cn/article/1.html
"""


def test_a_baidu_page_with_a_space_after_the_date_and_a_snapshot_link():
    blocks = digest.read(BAIDU_PAGE).blocks
    assert [(b.kind, b.text) for b in blocks if b.kind == "heading"] == [
        ("heading", "长沙发布人工智能产业发展三年行动计划"), ("heading", "岳麓山实验室发布农业大模型"),
    ]
    assert [b.meta for b in blocks if b.kind == "byline"] == [
        {"date": "2025年2月18日", "publisher": "长沙市人民政府", "url": "https://www.changsha.gov.cn/zfxxgk/ai.html"},
        {"date": "2025年3月2日", "publisher": "湖南日报", "url": "https://hunan.voc.com.cn/article/1.html"},
    ]


UNDATED_RESULT_PAGE = """搜索：人工智能 政策 2025年3月

1. 深圳出台具身智能机器人专项政策 - 南方网
https://www.southcn.com/node/123
2025年3月5日 — 深圳市工信局印发行动计划，提出到2027年培育10家以上营收超百亿元的企业。

2. 上海发布人工智能“模塑申城”实施方案_澎湃新闻
https://www.thepaper.cn/news/456
2025年3月12日 — 上海市政府办公厅发布实施方案。

3. 广州南沙发布人工智能产业十条措施
https://www.gz.gov.cn/xw/789
3月20日，广州南沙区发布支持人工智能产业发展的十条措施。
"""


def test_a_result_under_its_address_without_a_date_is_an_entry_of_its_neighbours_year():
    blocks = digest.read(UNDATED_RESULT_PAGE).blocks
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "深圳出台具身智能机器人专项政策", "上海发布人工智能“模塑申城”实施方案", "广州南沙发布人工智能产业十条措施",
    ]
    assert blocks[-1].text == "3月20日，广州南沙区发布支持人工智能产业发展的十条措施。"
    assert blocks[-2].meta == {"role": "issue", "date": "2025年", "url": "https://www.gz.gov.cn/xw/789"}


def test_an_undated_result_among_neighbours_of_several_years_stays_undated():
    page = UNDATED_RESULT_PAGE.replace("2025年3月12日", "2024年3月12日")
    assert "date" not in digest.read(page).blocks[-2].meta
