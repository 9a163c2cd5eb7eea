"""normalise_source / normalise_sources on hand-made sources, including bad input."""

import datetime as dt

import pytest

from sitegen.model import Block, PartialDate, Source
from sitegen.normalise import normalise_source, normalise_sources
from sitegen.read import read_source, webpage


def source(blocks, meta=None, path="seeds/a.md", text=""):
    return Source(path=path, format="markdown", encoding="utf-8", text=text, digest="0" * 64,
                  blocks=blocks, meta=meta or {})


def h1(text, line=1):
    return Block("heading", text, line, 1)


def para(text, line=2):
    return Block("paragraph", text, line)


def normalised_file(tmp_path, name: str, text: str) -> list:
    """The articles of a source file written with `text`, read and normalised as a build does."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return normalise_source(read_source(path, root=tmp_path, max_bytes=10**6))[0]


def test_single_article_takes_its_title_from_front_matter():
    src = source([h1("AI赋能大会在深圳开幕", 9), para("大会开幕了。", 11)],
                 meta={"title": "AI赋能大会在深圳开幕", "date": dt.date(2025, 5, 8), "tags": ["AI"]},
                 text="---\ntitle: AI赋能大会在深圳开幕\ndate: 2025-05-08\ntags: [AI]\n---\n")
    (article,), diagnostics = normalise_source(src)
    assert diagnostics == []
    assert article.title == "AI赋能大会在深圳开幕" and [p.text for p in article.paragraphs] == ["大会开幕了。"]
    assert article.published.start == PartialDate(2025, 5, 8) and article.published.text == "2025-05-08"
    assert article.tags == ["AI"] and article.format == "markdown"
    assert article.sources[0].path == "seeds/a.md" and article.sources[0].line == 9


def test_a_differing_heading_under_a_front_matter_title_is_kept_as_a_heading():
    (article,), _ = normalise_source(source([h1("正文标题"), para("内容。")], meta={"title": "页面标题"}))
    assert article.title == "页面标题"
    assert [(p.kind, p.text) for p in article.paragraphs] == [("heading", "正文标题"), ("paragraph", "内容。")]


def test_front_matter_tags_describe_the_article_with_the_front_matter_title():
    blocks = [h1("第一篇", 1), para("一。", 2), h1("第二篇", 3), para("二。", 4)]
    first, second = normalise_source(source(blocks, meta={"title": "第二篇", "tags": ["x"], "description": "说明"}))[0]
    assert (first.tags, first.description) == ([], "")
    assert (second.tags, second.description) == (["x"], "说明")


def test_front_matter_regions_and_topics_say_what_the_article_is_about():
    meta = {"title": "企业调研", "region": "苏州", "topics": "智能制造, 工业软件", "地区": "无锡"}
    (article,), _ = normalise_source(source([h1("企业调研", 1), para("内容。", 2)], meta=meta))
    assert (article.regions, article.topics) == (["苏州"], ["智能制造", "工业软件"])  # the first key present wins


def test_a_records_byline_gives_its_place_and_topics():
    byline = Block("byline", "2025-11-10 苏州", 2, meta={"role": "source", "date": "2025-11-10", "regions": "苏州",
                                                          "topics": "智能制造、工业软件"})
    (article,), _ = normalise_source(source([h1("企业调研", 1), byline, para("内容。", 3)], path="seeds/a.json"))
    assert (article.regions, article.topics) == (["苏州"], ["智能制造", "工业软件"])
    filed = Block("byline", "新华社杭州11月21日电", 2, meta={"role": "source", "publisher": "新华社", "place": "杭州"})
    (article,), _ = normalise_source(source([h1("乌镇峰会开幕", 1), filed, para("峰会在乌镇开幕。", 3)]))
    assert article.regions == []  # where the reporter filed from is no place the source declares


def test_source_without_any_heading_takes_a_title_line_or_a_chinese_file_name():
    (titled,), _ = normalise_source(source([para("一个短标题", 1), para("正文，内容。", 3)]))
    assert titled.title == "一个短标题" and [p.text for p in titled.paragraphs] == ["正文，内容。"]
    (named,), _ = normalise_source(source([para("正文，内容很长，没有标题。", 1)], path="seeds/会议纪要.txt"))
    assert named.title == "会议纪要"


def test_an_untitled_source_with_a_meaningless_name_takes_its_opening_words():
    text = "主持人：欢迎收看科技面对面，今天我们请到了商汤科技联合创始人，请您谈谈上海的人工智能产业。"
    (talk,), _ = normalise_source(source([para(text, 1)], path="seeds/talk.srt"))
    assert talk.title == "欢迎收看科技面对面，今天我们请到了商汤科技联合创始人…"
    (short,), _ = normalise_source(source([para("杭州发布算力券新政。细则下月公布。", 1)], path="seeds/00017.txt"))
    assert short.title == "杭州发布算力券新政"


def test_page_title_with_a_site_name_yields_to_the_heading():
    (article,), _ = normalise_source(source([h1("人工智能第一城"), para("内容。")], meta={"title": "人工智能第一城_新京报网"}))
    assert article.title == "人工智能第一城" and [p.kind for p in article.paragraphs] == ["paragraph"]


def test_html_title_from_meta_is_used_for_a_page_without_headings():
    (article,), _ = normalise_source(source([para("正文，内容。")], meta={"title": "网页标题"}))
    assert article.title == "网页标题"


def test_bylines_become_metadata_and_speakers_stay_visible():
    blocks = [
        h1("香港：人工智能发展", 3),
        Block("byline", "人民日报海外版· 2026-01-23 06:36", 4, meta={"publisher": "人民日报海外版", "date": "2026-01-23 06:36"}),
        Block("byline", "联合国驻华协调员 杰思衡", 5, meta={"role": "speaker", "name": "杰思衡"}),
        para("我第一次参加博览会。", 6),
        Block("byline", "记者 张艳 王轶斐", 7, meta={"role": "credit", "authors": "张艳 王轶斐"}),
        para("新京报记者 周怀宗", 8),
    ]
    (article,), _ = normalise_source(source(blocks))
    assert article.publisher == "人民日报海外版"
    assert article.published.iso() == "2026-01-23" and article.published.text == "2026-01-23 06:36"
    assert article.authors == ["张艳", "王轶斐", "周怀宗"]
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("byline", "联合国驻华协调员 杰思衡"), ("paragraph", "我第一次参加博览会。")
    ]


def test_front_matter_publisher_and_author():
    (article,), _ = normalise_source(source([para("正文。")], meta={"title": "t", "source": "新华社", "author": "张三"}))
    assert (article.publisher, article.authors) == ("新华社", ["张三"])


def test_impossible_front_matter_date_warns_with_file_and_line_and_keeps_the_article():
    text = "---\ntitle: 标题\ndate: 2025-13-45\n---\n\n正文。\n"
    (article,), diagnostics = normalise_source(source([para("正文。", 6)], meta={"title": "标题", "date": "2025-13-45"},
                                                      text=text))
    assert article.published is None
    assert [(d.path, d.line, d.severity) for d in diagnostics] == [("seeds/a.md", 3, "warning")]
    assert "2025-13-45" in str(diagnostics[0]) and str(diagnostics[0]).startswith("seeds/a.md:3: ")


def test_impossible_byline_date_warns_at_the_byline_line():
    blocks = [h1("标题", 1), Block("byline", "中国基金报· 2025-13-45 11:21", 2), para("正文。", 3)]
    (article,), diagnostics = normalise_source(source(blocks))
    assert article.published is None and article.publisher == "中国基金报"
    assert [(d.line, d.severity) for d in diagnostics] == [(2, "warning")]


def test_broken_front_matter_values_do_not_break_the_source():
    meta = {"title": ["不是", "字符串"], "date": {"nested": 1}, "tags": "a, b", "description": 42, "author": None}
    (article,), diagnostics = normalise_source(source([para("正文。")], meta=meta))
    assert article.title == "不是、字符串" and article.tags == ["a", "b"] and article.description == "42"
    assert article.published is None and [d.severity for d in diagnostics] == ["warning"]


def test_empty_body_is_a_warning_and_no_article():
    articles, diagnostics = normalise_source(source([]))
    assert articles == [] and [(d.path, d.severity) for d in diagnostics] == [("seeds/a.md", "warning")]
    articles, diagnostics = normalise_source(source([h1("只有标题"), Block("image", "图", 2)]))
    assert articles == [] and len(diagnostics) == 2


def test_two_sources_with_the_same_title_get_distinct_slugs():
    one = source([h1("同一个标题"), para("第一篇的内容，完全不同。")], path="seeds/a.md")
    two = source([h1("同一个标题"), para("第二篇讲的是另一件事。")], path="seeds/b.md")
    articles, _ = normalise_sources([two, one])
    assert [a.sources[0].path for a in articles] == ["seeds/a.md", "seeds/b.md"]
    assert articles[0].slug == "tong-yi-ge-biao-ti" and articles[1].slug.startswith("tong-yi-ge-biao-ti-")


def test_dangerous_title_is_kept_as_text_but_its_slug_is_safe():
    (article,), _ = normalise_source(source([h1("../../etc/passwd"), para("内容。")]))
    assert article.title == "../../etc/passwd" and article.slug == "etc-passwd"


def test_normalise_does_not_modify_the_source():
    blocks = [h1("标题"), para("内容，没有\n写完", 2), para("的句子。", 4)]
    src = source(blocks)
    normalise_source(src)
    assert [b.text for b in src.blocks] == ["标题", "内容，没有\n写完", "的句子。"]


def test_ten_megabyte_source_is_normalised(tmp_path):
    """Linear-time cleaning: a 10 MB body (one huge block and many small ones)
    finishes; no timing is asserted, a quadratic step would simply hang."""
    sentence = "香港总算力目前已达 5000 PFLOPS，其中数码港人工智能超算中心提供 3000 PFLOPS 算力 [6]。"
    huge = sentence * (5_000_000 // len(sentence.encode()))
    many = [para("工联会作为一个天津与世界交流的平台，有超过100个会员国，在这些\n国家当中", line) for line in range(3, 60_000)]
    articles, diagnostics = normalise_source(source([h1("大文件"), para(huge, 2), *many]))
    assert diagnostics == [] and len(articles) == 1
    assert articles[0].paragraphs[0].text.startswith("香港总算力目前已达5000 PFLOPS，")
    assert len(articles[0].text.encode()) > 9_000_000


def test_end_marks_of_a_dispatch_are_not_article_text():
    src = source([h1("成都人工智能大会开幕"), para("大会为期两天。（完）", 2), para("另一段。", 3), para("（完）", 4)])
    (article,), _ = normalise_source(src)
    assert [p.text for p in article.paragraphs] == ["大会为期两天。", "另一段。"]


def test_a_sources_notices_about_itself_are_not_article_text():
    src = source([h1("澳门大学成立人工智能研究院"), para("11月21日，澳门大学宣布成立人工智能研究院。", 2),
                  para("（本周报由编辑部整理，转载请注明出处）", 3), para("免责声明：本文仅代表作者观点，不构成投资建议。", 4),
                  para("新浪声明：此消息系转载自新浪合作媒体，并不意味着赞同其观点或证实其描述。", 4),
                  para("如需转载，请在文首注明来源。研究院首期投入1.5亿澳门元，聘请30名研究人员，另有一段新闻。", 5)])
    (article,), _ = normalise_source(src)
    assert [p.text for p in article.paragraphs] == [
        "11月21日，澳门大学宣布成立人工智能研究院。",
        "如需转载，请在文首注明来源。研究院首期投入1.5亿澳门元，聘请30名研究人员，另有一段新闻。",  # news after it
    ]


def test_a_notice_naming_where_the_text_first_appeared_gives_the_publisher():
    for notice, publisher in [("本文由「36氪」原创，转载请联系授权。", "36氪"),
                              ("本文来自微信公众号“量子位”（ID：QbitAI），作者：梦晨，36氪经授权发布。", "量子位")]:
        (article,), _ = normalise_source(source([h1("芯片公司完成融资"), para("公司完成B轮融资。", 2), para(notice, 3)]))
        assert (article.publisher, [p.text for p in article.paragraphs]) == (publisher, ["公司完成B轮融资。"])


def test_a_notice_set_off_as_a_quote_gives_the_publisher_and_the_issue_it_names():
    notice = Block("quote", "本文首发于《第一财经》，2025年12月刊", 3)
    (article,), _ = normalise_source(source([h1("对话商汤徐立"), notice, para("**记者**：海外市场呢？", 5)]))
    assert (article.publisher, article.published.start) == ("第一财经", PartialDate(2025, 12))
    assert article.published.start.day is None and [p.text for p in article.paragraphs] == ["**记者**：海外市场呢？"]


def test_a_hong_kong_press_releases_separator_end_mark_and_time_stamp_are_no_text():
    date = Block("byline", "2025年11月20日（星期四）", 7, meta={"role": "source", "date": "2025年11月20日"})
    src = source([h1("局長出席人工智能研討會"), para("＊＊＊＊＊＊＊＊", 2), para("局長今日出席研討會。", 3),
                  para("研討會吸引500人參加。", 4), para("完", 5), date, para("香港時間18時30分", 8)])
    (article,), _ = normalise_source(src)
    assert [p.text for p in article.paragraphs] == ["局長今日出席研討會。", "研討會吸引500人參加。"]
    assert article.published.start == PartialDate(2025, 11, 20)


def test_front_matter_author_written_as_a_credit_gives_the_name_only():
    (article,), _ = normalise_source(source([h1("标题"), para("内容。")], meta={"author": "记者 何佳", "source": "上游新闻"}))
    assert article.authors == ["何佳"] and article.publisher == "上游新闻"


def test_a_post_title_loses_its_click_decoration_but_keeps_its_words():
    titles = {}
    for heading in ("重磅！成都人工智能大会明天开幕🔥", "【速看】👉 成都人工智能大会明天开幕", "标题：成都人工智能大会明天开幕",
                    "成都人工智能大会明天开幕", "🔥🔥"):
        (article,), _ = normalise_source(source([h1(heading), para("5月21日，大会在成都开幕。")]))
        titles[heading] = article.title
    assert set(list(titles.values())[:4]) == {"成都人工智能大会明天开幕"}
    assert titles["🔥🔥"] == "🔥🔥"  # nothing but decoration: kept rather than no title


@pytest.mark.parametrize("heading", ["行政長官出席人工智能產業峰會致辭（只有中文）", "行政長官出席人工智能產業峰會致辭（附圖／短片）",
                                     "行政長官出席人工智能產業峰會致辭(附圖)"])
def test_what_a_press_release_comes_with_is_no_part_of_its_title(heading):
    (article,), _ = normalise_source(source([h1(heading), para("以下是行政長官今日在峰會的致辭全文。")]))
    assert article.title == "行政長官出席人工智能產業峰會致辭"


def test_a_title_about_a_picture_keeps_its_words():
    (article,), _ = normalise_source(source([h1("人工智能（图）领域的新词"), para("内容。")]))
    assert article.title == "人工智能（图）领域的新词"


def test_a_press_release_loses_its_label_and_what_follows_its_closing_mark():
    blocks = [
        h1("新闻稿"),
        h1("福州举办数字中国建设峰会人工智能分论坛", 3),
        para("第八届数字中国建设峰会人工智能分论坛今天在福州举行，200余位专家参加。", 5),
        para("###", 7),
        para("关于数字中国建设峰会：数字中国建设峰会自2018年起每年在福州举办。", 9),
        para("媒体联系人：王丽 电话：0591-12345678", 11),
    ]
    (article,), _ = normalise_source(source(blocks))
    assert article.title == "福州举办数字中国建设峰会人工智能分论坛"
    assert [p.text for p in article.paragraphs] == ["第八届数字中国建设峰会人工智能分论坛今天在福州举行，200余位专家参加。"]


def test_a_notice_signed_by_a_body_above_its_date_is_published_by_that_body():
    blocks = [h1("关于印发武汉市人工智能产业发展行动方案的通知", 1), para("各区人民政府：", 2),
              para("现将《行动方案》印发给你们，请认真组织实施。", 3), para("武汉市人民政府办公厅", 4),
              Block("byline", "2025年3月20日", 5, meta={"role": "source", "date": "2025年3月20日"})]
    (article,), _ = normalise_source(source(blocks, path="seeds/notice.htm"))
    assert article.publisher == "武汉市人民政府办公厅"
    assert article.published.start == PartialDate(2025, 3, 20)
    assert [p.text for p in article.paragraphs] == ["各区人民政府：", "现将《行动方案》印发给你们，请认真组织实施。"]


def test_a_last_paragraph_naming_a_body_without_a_date_under_it_stays_text():
    blocks = [h1("合肥新政", 1), para("合肥发布新政。", 2), para("合肥市人工智能产业协会", 3)]
    (article,), _ = normalise_source(source(blocks))
    assert article.publisher is None and article.paragraphs[-1].text == "合肥市人工智能产业协会"


def test_a_digests_items_take_their_year_from_the_issue_and_a_front_matter_date_before_it():
    blocks = [h1("AI产业周报（2025年第36期）", 1), para("**1. 上海发布具身智能行动方案**", 3),
              para("9月2日，上海市经信委发布行动方案。", 4), para("**2. 深圳设立人工智能产业基金**", 5),
              para("9月4日，深圳市政府宣布设立产业基金。", 6)]
    articles, _ = normalise_source(source(blocks))
    assert [a.title for a in articles] == ["上海发布具身智能行动方案", "深圳设立人工智能产业基金"]
    assert all(a.published.text == "2025年" and a.published.precision == "year" for a in articles)
    dated, _ = normalise_source(source(blocks, meta={"date": dt.date(2025, 9, 8)}))
    assert all(a.published.start == PartialDate(2025, 9, 8) for a in dated)


def test_a_post_without_a_title_line_is_titled_by_its_bracketed_topic_and_loses_its_link_mark():
    src = source([para("【#深圳发布人工智能终端政策#】3月7日，深圳市政府发布行动计划。 网页链接", 4)], path="seeds/weibo.txt")
    (article,), _ = normalise_source(src)
    assert article.title == "深圳发布人工智能终端政策"
    assert [p.text for p in article.paragraphs] == ["【#深圳发布人工智能终端政策#】3月7日，深圳市政府发布行动计划。"]


def test_a_flash_opening_with_its_kind_in_brackets_is_titled_by_its_words():
    (article,), _ = normalise_source(source([para("【快讯】拉萨首个高原智算中心今日点亮，算力规模达50P。", 1)]))
    assert article.title == "拉萨首个高原智算中心今日点亮，算力规模达50P"


def test_the_items_of_a_bundle_are_titled_without_their_numbers():
    src = source([h1("一、成都发布人工智能产业三年行动计划", 3), para("成都发布计划。", 4),
                  h1("（二）重庆两江新区测试里程突破千万公里", 6), para("重庆测试里程破千万。", 7),
                  h1("3. 西安举办硬科技创新大会", 9), para("西安举办大会。", 10)])
    articles, _ = normalise_source(src)
    assert [a.title for a in articles] == ["成都发布人工智能产业三年行动计划", "重庆两江新区测试里程突破千万公里", "西安举办硬科技创新大会"]


def test_a_title_counting_months_or_quarters_keeps_its_numbers():
    for title in ("1、2月份全国规模以上工业增加值增长7%", "一、二季度人工智能企业融资回暖", "1.5亿元人工智能基金落地合肥"):
        (article,), _ = normalise_source(source([h1(title), para("内容。")]))
        assert article.title == title


def test_a_report_opening_with_a_numbered_section_is_titled_by_its_running_header():
    src = source([h1("一、总体情况", 3), para("2023年，湖北省人工智能产业规模达到860亿元。", 4)],
                 meta={"running_title": "湖北省人工智能产业发展报告（2023）"}, path="seeds/report.txt")
    (article,), _ = normalise_source(src)
    assert article.title == "湖北省人工智能产业发展报告（2023）"
    assert [(p.kind, p.text) for p in article.paragraphs][0] == ("heading", "一、总体情况")


def test_a_running_header_does_not_replace_a_reports_own_headline():
    src = source([h1("合肥人工智能产业发展大会开幕", 3), para("大会在合肥开幕。", 4)],
                 meta={"running_title": "江淮科技报 · 产业观察"}, path="seeds/paper.txt")
    (article,), _ = normalise_source(src)
    assert article.title == "合肥人工智能产业发展大会开幕"


def test_a_speech_without_a_title_is_titled_after_its_greeting():
    src = source([para("各位来宾，大家好。今天我们在武汉光谷举办第三届人工智能产业峰会，会上将发布光电子大模型。", 2)],
                 path="seeds/speech.srt")
    (article,), _ = normalise_source(src)
    assert article.title.startswith("今天我们在武汉光谷举办第三届人工智能产业峰会")


def test_a_page_of_posts_gives_one_article_per_post_from_its_account():
    page = (
        "人民日报\n3月5日 10:32 来自 微博 weibo.com\n"
        "【#政府工作报告#：持续推进“人工智能+”行动】今年政府工作报告提出，持续推进“人工智能+”行动。\n"
        "转发 1.2万 评论 3456 赞 5.6万\n\n"
        "人民日报\n3月4日 21:05 来自 微博 weibo.com\n"
        "【#两会# 代表委员热议#具身智能#】全国人大代表周剑在北京接受采访时表示，人形机器人正走向工厂。\n"
    )
    read = webpage.read(page)
    articles, problems = normalise_source(source(read.blocks, read.meta, path="seeds/weibo.txt", text=page))
    assert [(a.title, a.publisher) for a in articles] == [
        ("政府工作报告：持续推进“人工智能+”行动", "人民日报"), ("两会 代表委员热议具身智能", "人民日报")]
    assert not problems  # a post of this year shows no year: no date, and nothing wrong


def test_a_file_named_by_its_date_and_title_titles_and_dates_an_undated_text():
    text = "4月18日，厦门市发布人工智能产业专项政策，设立20亿元产业基金。"
    articles, _ = normalise_source(source([para(text, 1)], path="seeds/2025-04-19 厦门发布人工智能专项政策.txt", text=text))
    assert [(a.title, a.published.iso()) for a in articles] == [("厦门发布人工智能专项政策", "2025-04-19")]


NOTICE_ISSUING_A_DOCUMENT = """武汉市人民政府办公厅关于印发武汉市加快人工智能产业发展若干措施的通知
武政办〔2025〕18号

各区人民政府，市人民政府各部门：
　　《武汉市加快人工智能产业发展若干措施》已经市人民政府同意，现印发给你们，请认真组织实施。

武汉市人民政府办公厅
2025年3月12日
（此件公开发布）

武汉市加快人工智能产业发展若干措施

　　一、加强算力供给。对在汉建设智能算力中心的企业，给予最高5000万元补贴。
　　本措施自2025年4月1日起施行，有效期3年。

抄送：市委各部门，市人大常委会办公厅，市政协办公厅。
武汉市人民政府办公厅　　　　　　　　　　　2025年3月12日印发
"""


def test_a_notice_issuing_a_document_keeps_its_number_and_record_out_of_title_and_text(tmp_path):
    """The number under the title, the signature over the covering letter's date,
    the note that it is published and the distribution record at the foot."""
    (article,) = normalised_file(tmp_path, "notice.txt", NOTICE_ISSUING_A_DOCUMENT)
    assert article.title == "武汉市人民政府办公厅关于印发武汉市加快人工智能产业发展若干措施的通知"
    assert article.publisher == "武汉市人民政府办公厅"
    assert article.published.start == PartialDate(2025, 3, 12)
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("各区人民政府，") and texts[-1] == "本措施自2025年4月1日起施行，有效期3年。"
    assert not any(word in text for text in texts for word in ("〔2025〕", "此件", "抄送", "印发\n", "日印发"))


def test_a_notice_signed_with_a_date_in_chinese_numerals_gives_its_issuer_and_date(tmp_path):
    (article,) = normalised_file(
        tmp_path, "notice.txt",
        "贵阳市人民政府办公厅关于印发《贵阳市促进算力产业高质量发展若干措施》的通知\n\n"
        "各区（市、县）人民政府，市政府各工作部门：\n\n"
        "第一条 为推动贵阳贵安算力产业高质量发展，制定本措施。\n\n"
        "第二条 本措施自2024年7月1日起施行。\n\n"
        "附件：贵阳市算力产业重点项目清单\n\n"
        "1. 贵安新区华为云智算中心三期\n2. 中国移动（贵阳）智算中心\n3. 观山湖区数据标注产业园\n\n"
        "贵阳市人民政府办公厅\n二〇二四年六月十八日\n",
    )
    assert (article.publisher, article.published.start) == ("贵阳市人民政府办公厅", PartialDate(2024, 6, 18))
    texts = [p.text for p in article.paragraphs]
    assert texts[-3:] == ["1. 贵安新区华为云智算中心三期", "2. 中国移动（贵阳）智算中心", "3. 观山湖区数据标注产业园"]


def test_a_listed_companys_announcement_keeps_its_codes_and_boilerplate_out_and_is_signed_by_its_board(tmp_path):
    (article,) = normalised_file(
        tmp_path, "announcement.txt",
        "证券代码：688787              证券简称：海天瑞声              公告编号：2025-018\n\n"
        "北京海天瑞声科技股份有限公司\n关于与福州市人民政府签署战略合作框架协议的公告\n\n"
        "本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏，并对其内容的真实性、准确性和完整性依法承担法律责任。\n\n"
        "重要内容提示：\n● 本次签署的协议为框架性约定，不涉及具体金额。\n● 本协议的履行存在不确定性，敬请广大投资者注意投资风险。\n\n"
        "2025年4月18日，公司与福州市人民政府在福州签署了《战略合作框架协议》。\n\n"
        "特此公告。\n\n北京海天瑞声科技股份有限公司董事会\n2025年4月19日\n",
    )
    assert article.title == "北京海天瑞声科技股份有限公司关于与福州市人民政府签署战略合作框架协议的公告"
    assert (article.publisher, article.published.start) == ("北京海天瑞声科技股份有限公司董事会", PartialDate(2025, 4, 19))
    assert [p.text for p in article.paragraphs] == [
        "重要内容提示：", "● 本次签署的协议为框架性约定，不涉及具体金额。", "● 本协议的履行存在不确定性，敬请广大投资者注意投资风险。",
        "2025年4月18日，公司与福州市人民政府在福州签署了《战略合作框架协议》。",
    ]


def test_an_english_press_release_is_titled_by_its_headline_and_ends_before_the_issuers_boilerplate(tmp_path):
    (article,) = normalised_file(
        tmp_path, "release",
        "FOR IMMEDIATE RELEASE\n\n"
        "Siemens Healthineers Opens AI Research Center in Shenyang, Expands China Footprint\n\n"
        "SHENYANG, China, March 14, 2024 /PRNewswire/ -- Siemens Healthineers today announced the opening of "
        "its new AI Research and Development Center in Shenyang.\n\n"
        "\"Shenyang has a strong industrial base,\" said Bernd Montag, Chief Executive Officer. \"It is the right place.\"\n\n"
        "Wang Hao, President of Siemens Healthineers Greater China, said the center will work with local universities.\n\n"
        "About Siemens Healthineers\nSiemens Healthineers AG is a leading medical technology company.\n\n"
        "Media Contact:\nLi Na\nEmail: press.china@example.com\n\nSOURCE Siemens Healthineers\n",
    )
    assert article.title == "Siemens Healthineers Opens AI Research Center in Shenyang, Expands China Footprint"
    assert (article.publisher, article.published.start) == ("PRNewswire", PartialDate(2024, 3, 14))
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 3 and texts[2].startswith("Wang Hao,")  # the quote's `."` ended its paragraph
    assert not any(word in text for text in texts for word in ("About", "Media Contact", "SOURCE"))


def test_an_interview_dated_in_its_opening_and_closed_by_a_bracketed_note_with_credits(tmp_path):
    (article,) = normalised_file(
        tmp_path, "interview.txt",
        "对话科大讯飞研究院院长刘庆峰：大模型的下半场拼的是落地\n\n"
        "2024年9月12日，合肥——在合肥高新区举行的峰会间隙，本报记者专访了科大讯飞研究院院长刘庆峰。\n\n"
        "王晓燕：今年以来，很多人说“百模大战”已经结束了，您怎么看？\n\n刘庆峰：竞争进入了落地阶段。\n\n"
        "（本文根据录音整理，未经本人最终确认的部分以实际发言为准。记者：王晓燕 编辑：陈默）\n",
    )
    assert (article.published.start, article.authors) == (PartialDate(2024, 9, 12), ["王晓燕"])
    assert article.paragraphs[-1].text == "刘庆峰：竞争进入了落地阶段。"


def test_a_digest_titled_in_its_front_matter_is_split_into_its_items(tmp_path):
    articles = normalised_file(
        tmp_path, "weekly.md",
        "---\ntitle: 中西部AI产业周报（2026年第2期）\ndate: 2026-01-12\nauthor: 区域产业观察编辑部\n---\n\n"
        "## 芜湖：奇瑞具身智能机器人首批量产下线\n\n1月8日，墨甲机器人公司在芜湖经开区举行首批量产下线仪式。\n\n"
        "## 宜昌：三峡大学人工智能学院揭牌\n\n2025年12月，三峡大学人工智能学院在宜昌揭牌成立。\n\n"
        "*本周报由区域产业观察编辑部整理，信息来源于各地政府网站及公开报道，转载请注明出处。*\n",
    )
    assert [a.title for a in articles] == ["芜湖：奇瑞具身智能机器人首批量产下线", "宜昌：三峡大学人工智能学院揭牌"]
    assert {a.publisher for a in articles} == {"区域产业观察编辑部"} and not any(a.authors for a in articles)
    assert [p.text for p in articles[-1].paragraphs] == ["2025年12月，三峡大学人工智能学院在宜昌揭牌成立。"]


def test_a_briefs_numbered_sections_are_not_items_and_its_issuer_and_date_share_a_line(tmp_path):
    (article,) = normalised_file(
        tmp_path, "brief.md",
        "# 嘉兴人工智能产业月度简报（2025年第4期）\n\n浙江清华长三角研究院数字经济研究所　　2025年4月30日\n\n"
        "## 一、本月要闻\n\n4月9日，嘉兴市南湖区签约共建南湖智能感知创新中心。\n\n4月18日，绍兴市柯桥区发布纺织印染行业AI质检平台。\n\n"
        "## 三、下月展望\n\n5月中旬，2025长三角人工智能产业链对接会将在嘉兴乌镇举行。\n",
    )
    assert article.title == "嘉兴人工智能产业月度简报（2025年第4期）"
    assert (article.publisher, article.published.start) == ("浙江清华长三角研究院数字经济研究所", PartialDate(2025, 4, 30))


SEARCH_DIGEST_AS_MARKDOWN_LIST = """# 搜索结果：成都 人工智能 2024

1. **成都发布人工智能产业发展规划** - 四川日报 - 2024年6月5日
   成都市经信局5日发布《成都市人工智能产业高质量发展三年行动计划》，提出到2026年全市产业规模突破1500亿元。

2. **天府新区智算中心正式上线** - 红星新闻 - 2024年9月
   位于四川天府新区的成都智算中心二期于9月正式上线，新增算力300PFLOPS。

3. **成都举办全球人工智能创新大赛** - 成都日报 - 2024-11-20
   11月18日至20日，2024全球人工智能创新大赛总决赛在成都高新区举行。
"""


def test_a_search_digest_written_as_a_markdown_list_is_one_article_per_result(tmp_path):
    articles = normalised_file(tmp_path, "digest.md", SEARCH_DIGEST_AS_MARKDOWN_LIST)
    assert [(a.title, a.publisher, a.published.iso()) for a in articles] == [
        ("成都发布人工智能产业发展规划", "四川日报", "2024-06-05"),
        ("天府新区智算中心正式上线", "红星新闻", "2024-09"),
        ("成都举办全球人工智能创新大赛", "成都日报", "2024-11-20"),
    ]
    assert articles[0].paragraphs[0].text.startswith("成都市经信局5日发布")
    assert articles[2].paragraphs[0].text == "11月18日至20日，2024全球人工智能创新大赛总决赛在成都高新区举行。"


def test_a_list_of_points_in_an_article_stays_one_article(tmp_path):
    text = ("# 深圳发布人工智能政策\n\n深圳市政府11月3日发布政策，主要内容包括：\n\n"
            "1. **算力补贴** - 对租用算力的企业给予补贴\n   最高可达1000万元。\n"
            "2. **人才引进** - 引进顶尖人才给予奖励\n   最高可达500万元。\n")
    articles = normalised_file(tmp_path, "policy.md", text)
    assert [a.title for a in articles] == ["深圳发布人工智能政策"]


def test_a_feeds_author_that_names_the_publication_is_no_author(tmp_path):
    feed = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>科技日报</title>
<item><title>合肥发布具身智能产业扶持政策</title><pubDate>Mon, 10 Mar 2025 09:30:00 +0800</pubDate>
<author>科技日报</author><description>3月10日，合肥市印发政策，对人形机器人整机企业给予最高1亿元奖励。</description></item>
<item><title>武汉人工智能计算中心扩容</title><pubDate>Tue, 18 Mar 2025 15:00:00 +0800</pubDate>
<author>张三</author><description>记者18日获悉，武汉人工智能计算中心二期扩容完成。</description></item>
</channel></rss>"""
    first, second = normalised_file(tmp_path, "feed.xml", feed)
    assert (first.publisher, first.authors) == ("科技日报", [])
    assert second.authors == ["张三"]


BULLETIN_FROM_A_PDF = """湖南省人工智能产业动态
2025年第6期（总第18期）                     湖南省工业和信息化厅编

长沙发布算力券实施细则
    6月3日，长沙市工业和信息化局发布《长沙市算力券实施细则》，对使用
本地智算中心算力的中小企业给予最高50%的费用补贴，单个企业每年补贴
上限为200万元。

                                    - 1 -

株洲轨道交通AI大模型上线
    6月10日，中车株洲所发布轨道交通行业大模型“智轨1.0”，可用于列车
故障诊断和运维调度，已在长沙地铁3号线试点应用。

湘潭举办人工智能赋能制造业对接会
    6月18日，湘潭市在湘潭经开区举办人工智能赋能制造业供需对接会，现场
签约项目12个，总金额约15亿元。

                                    - 2 -
"""


def test_a_bulletins_items_under_headlines_at_the_margin_are_articles_of_its_issue(tmp_path):
    articles = normalised_file(tmp_path, "bulletin.txt", BULLETIN_FROM_A_PDF)
    assert [(a.title, a.publisher, a.published.iso()) for a in articles] == [
        ("长沙发布算力券实施细则", "湖南省工业和信息化厅", "2025"),
        ("株洲轨道交通AI大模型上线", "湖南省工业和信息化厅", "2025"),
        ("湘潭举办人工智能赋能制造业对接会", "湖南省工业和信息化厅", "2025"),
    ]
    assert articles[1].paragraphs[0].text.startswith("6月10日，中车株洲所发布")
