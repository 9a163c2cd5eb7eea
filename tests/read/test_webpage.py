"""Scraped web text (001): the article stays, the site around it goes."""

from __future__ import annotations

import pytest

from sitegen.read import webpage


def test_webpage_reader_keeps_article_and_drops_furniture(seeds):
    result = webpage.read(seeds["001"])
    texts = "\n".join(b.text for b in result.blocks)
    for junk in ("Source link", "未经允许", "抢沙发", "昵称", "关于我们", "推荐文章", "关注微信", "<!--", "</div>", "程序员中文网"):
        assert junk not in texts
    assert result.blocks[0].kind == "heading" and result.blocks[0].text == "计划报告丨许志锰:人工智能第一城,未来北京什么样?"
    assert result.meta["reprint_site"] == "紫竹林-程序员中文网"


def test_section_headings_are_found_but_interview_turns_are_not(seeds):
    blocks = webpage.read(seeds["001"]).blocks
    assert [b.text for b in blocks if b.kind == "heading" and b.level == 2] == [
        "发展成绩单:北京AI实力有多强?",
        "未来怎么干?新技术形成新动能",
        "难题怎么解?底层生态是关键",
    ]
    assert any(b.kind == "paragraph" and b.text == "新京报:你认为人工智能技术发展最重要的是什么?" for b in blocks)


def test_credits_give_publisher_reporter_and_editors(seeds):
    bylines = [b.meta for b in webpage.read(seeds["001"]).blocks if b.kind == "byline"]
    assert bylines == [
        {"role": "credit", "publisher": "新京报", "authors": "周怀宗", "label": "记者"},
        {"role": "credit", "editors": "樊一婧", "proofreaders": "卢茜", "label": "编辑 校对"},
    ]


def test_everything_after_a_hard_marker_is_furniture():
    text = "标题\n\n正文第一段。\n\n原文链接：http://example.com/a\n\n这一行在标记之后。\n"
    assert [b.text for b in webpage.read(text).blocks] == ["标题", "正文第一段。"]


def test_soft_furniture_is_dropped_wherever_it_stands_and_lines_keep_numbers():
    text = "标题\n<!-- 广告\n位 -->\n正文第一段。\n返回顶部\n\n正文第二段。\n"
    blocks = webpage.read(text).blocks
    assert [(b.line, b.text) for b in blocks] == [(1, "标题"), (4, "正文第一段。"), (7, "正文第二段。")]


def test_a_related_storys_headline_after_its_label_is_furniture():
    assert webpage.is_furniture("延伸閱讀：輝達GB300出貨加速")
    assert webpage.is_furniture("相关阅读: 深圳发布具身智能政策")
    assert not webpage.is_furniture("延伸阅读：本文介绍了深圳的政策。此外，全市企业超过1000家，增长20%。")


def test_a_portals_menu_keyword_tags_and_feedback_link_are_furniture():
    assert webpage.is_furniture("新浪首页 新闻 体育 财经 娱乐 科技 博客 图片 专栏 更多")
    assert webpage.is_furniture("文章关键词： 郑州 人工智能 算力")
    assert webpage.is_furniture("我要反馈")
    assert not webpage.is_furniture("郑州发布人工智能产业发展行动方案 打造中部算力枢纽")


def test_account_links_page_tools_and_a_comment_count_are_furniture():
    assert webpage.is_furniture("登录 | 注册 | 手机版")
    assert webpage.is_furniture("【字体：大 中 小】  分享到：微信 微博 QQ空间")
    assert webpage.is_furniture("【字体：大 中 小】") and webpage.is_furniture("字级：小 中 大")  # a tool alone
    assert not webpage.is_furniture("【字体】设计大赛中小学组")
    assert not webpage.is_furniture("用户注册量突破1000万，登录次数同比增长20%。")
    text = "贵安新区新增两座超大型智算中心\n\n9月14日，两座智算中心投入运营。\n\n网友评论（12条）\n\n用户123：贵州加油！\n"
    assert [b.text for b in webpage.read(text).blocks] == ["贵安新区新增两座超大型智算中心", "9月14日，两座智算中心投入运营。"]


def test_sniff_needs_furniture(seeds):
    assert webpage.sniff(seeds["001"]) >= 0.5
    assert webpage.sniff(seeds["000"]) == 0.0


def test_tag_remnants_alone_make_a_scraped_page_and_are_dropped():
    text = '当前位置：首页 » 科技 » 正文\n\n标题\n\n<div class="content">\n正文第一段。\n</div>\n'
    assert webpage.sniff(text) > 0.25
    assert [b.text for b in webpage.read(text).blocks] == ["标题", "正文第一段。"]


def test_a_lone_opening_tag_is_not_a_remnant():
    assert webpage.sniff("<script>\n\n正文第一段。\n") == 0.0


WECHAT = """点击蓝字 关注我们

深圳AI终端产业发布会召开 20款新品集中亮相

原创 张三 深科技观察 2025年10月15日 18:30 广东

▲ 图为发布会现场

10月14日，发布会在深圳南山区召开。20款新品集中亮相。

— END —

往期推荐
深圳出台具身智能机器人行动计划

点个“在看”，分享给更多朋友
"""


def test_wechat_post_furniture_goes_and_its_header_is_a_byline():
    result = webpage.read(WECHAT)
    kinds = [(b.kind, b.text) for b in result.blocks]
    assert kinds[0] == ("heading", "深圳AI终端产业发布会召开 20款新品集中亮相")
    assert kinds[1][0] == "byline" and result.blocks[1].meta == {
        "role": "source", "publisher": "深科技观察", "date": "2025年10月15日 18:30", "authors": "张三",
    }
    assert kinds[2] == ("caption", "▲ 图为发布会现场")
    assert kinds[3:] == [("paragraph", "10月14日，发布会在深圳南山区召开。20款新品集中亮相。")]


def test_decorated_furniture_of_a_wechat_post_is_recognised():
    text = (
        "点击蓝字 关注我们\n\n成都人工智能大会明天开幕🔥\n\n👇👇👇\n\n"
        "5月21日至22日，2025成都人工智能大会将在成都举行。\n\n"
        "▼往期推荐▼\n成都发布算力券政策\n成都AI企业名单出炉\n"
    )
    assert webpage.is_hard_marker("▼往期推荐▼") and webpage.is_furniture("👇👇👇")
    assert not webpage.is_furniture("成都人工智能大会明天开幕🔥")
    texts = [b.text for b in webpage.read(text).blocks]
    assert texts == ["成都人工智能大会明天开幕🔥", "5月21日至22日，2025成都人工智能大会将在成都举行。"]


def test_a_platform_posts_account_and_stamp_are_one_byline_and_its_report_link_ends_it():
    text = (
        "南山区发布具身智能机器人产业集群行动计划\n\n深圳商报\n2025-04-18 10:21·深圳商报官方账号\n\n"
        "4月17日，深圳市南山区召开具身智能机器人产业发展大会。\n\n举报/反馈\n\n发表评论\n网友甲：支持！\n"
    )
    blocks = webpage.read(text).blocks
    assert [(b.kind, b.line) for b in blocks] == [("heading", 1), ("byline", 3), ("paragraph", 6)]
    assert blocks[1].meta == {"role": "source", "publisher": "深圳商报", "date": "2025-04-18 10:21"}


def test_a_weibo_posts_account_over_its_stamp_is_the_publisher_and_its_counters_end_it():
    text = "新华社\n2025-3-8 10:21 来自 微博 weibo.com\n\n【#深圳发布政策#】3月7日，深圳市政府发布行动计划。 网页链接\n\n转发 120 评论 35 赞 800\n\n网友：支持！\n"
    blocks = webpage.read(text).blocks
    assert [(b.kind, b.line) for b in blocks] == [("byline", 1), ("paragraph", 4)]
    assert blocks[0].meta == {"role": "source", "date": "2025-3-8 10:21", "client": "微博 weibo.com", "publisher": "新华社"}


def test_a_channel_menu_and_a_breadcrumb_from_the_sites_name_are_furniture():
    assert webpage.is_furniture("首页 快讯 资讯 推荐 创投 汽车 科技 专精特新")
    assert webpage.is_furniture("36氪 > 科技 > 正文")
    assert not webpage.is_furniture("首页为何如此重要，这家公司给出了答案。")
    assert not webpage.is_furniture("营收 > 成本 时企业才盈利")  # one arrow: a comparison


def test_a_scraped_pages_menu_goes_and_its_headline_and_credits_are_read():
    text = ("首页 快讯 资讯 推荐 创投 汽车 科技 专精特新\n36氪 > 科技 > 正文\n\n"
            "具身智能公司「星尘智能」完成数亿元A轮融资\n\n文｜王晨  编辑｜杨轩\n2025-11-17 08:30\n\n"
            "36氪获悉，深圳具身智能公司星尘智能近日完成数亿元A轮融资。\n\n"
            "本文由「36氪」原创出品，转载请注明出处\n分享至\n微信扫一扫\n")
    blocks = webpage.read(text).blocks
    assert blocks[0].kind == "heading" and blocks[0].text == "具身智能公司「星尘智能」完成数亿元A轮融资"
    assert {"authors": "王晨", "editors": "杨轩"}.items() <= blocks[1].meta.items()


def test_a_wechat_posts_header_may_say_where_it_was_posted_from():
    meta = webpage.read("原创 张伟 智能制造观察 2024-12-01 08:00 发表于江苏\n\n苏州工业园区发布行动计划\n\n11月29日，园区发布计划。\n").blocks[0].meta
    assert (meta["publisher"], meta["authors"], meta["date"]) == ("智能制造观察", "张伟", "2024-12-01 08:00")


@pytest.mark.parametrize("line", ["阅 12.5W", "阅读 10万+", "浏览 3456"])
def test_a_posts_read_counter_alone_on_its_line_is_furniture(line):
    assert webpage.is_furniture(line)


@pytest.mark.parametrize("line", ["阅读", "阅读2025年报告全文", "浏览量同比增长20%。"])
def test_words_about_reading_are_no_counter(line):
    assert not webpage.is_furniture(line)


WEIBO_PAGE = (
    "人民日报\n3月5日 10:32 来自 微博 weibo.com\n"
    "【#政府工作报告#：持续推进“人工智能+”行动】今年政府工作报告提出，持续推进“人工智能+”行动。\n"
    "转发 1.2万 评论 3456 赞 5.6万\n\n网友甲：说得好！\n3月5日 11:02 来自江苏 回复 赞\n\n"
    "人民日报\n3月4日 21:05 来自 微博 weibo.com\n"
    "【#两会# 代表委员热议#具身智能#】全国人大代表周剑在北京接受采访时表示，人形机器人正走向工厂。\n"
    "转发 8765 评论 2100 赞 3.2万\n"
)


def test_on_a_page_of_posts_counters_end_one_post_and_the_next_post_goes_on():
    blocks = webpage.read(WEIBO_PAGE).blocks
    texts = [b.text for b in blocks]
    assert not any("说得好" in text or "转发" in text for text in texts)  # counters and comments go
    stamps = [b.meta for b in blocks if b.kind == "byline"]
    assert [(m["date"], m.get("publisher")) for m in stamps] == [("3月5日 10:32", None), ("3月4日 21:05", "人民日报")]
    assert any(text.startswith("【#两会#") for text in texts)


def test_a_menu_between_bars_and_page_tools_between_bars_are_furniture():
    assert webpage.is_furniture("星辰在线 | 长沙晚报 | 掌上长沙 | 政务 | 财经 | 科技 | 教育 | 视频")
    assert webpage.is_furniture("字号：大 中 小　|　打印　|　分享到：微信 微博 QQ空间")
    assert webpage.is_furniture("字級：小 中 大　　列印　　分享：Facebook　LINE　X　複製連結")
    assert not webpage.is_furniture("日期 | 城市 | 事件 | 来源")  # a table's header: too few cells
    assert not webpage.is_furniture("打印机出货量同比增长20%")


def test_a_traditional_pages_furniture_is_found_by_its_simplified_form():
    assert webpage.is_furniture("首頁 > 產經 > 科技")
    assert webpage.is_furniture("© 2024中央通訊社 版權所有")
    assert webpage.is_hard_marker("本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。")
    assert not webpage.is_hard_marker("條例規定，非經授權不得使用他人數據訓練模型。")


def test_a_sites_name_over_the_headline_and_its_date_line_is_the_publisher():
    text = ("中央社 CNA\n首頁 > 產經 > 科技\n即時 | 政治 | 國際 | 兩岸 | 產經 | 證券 | 科技 | 生活\n\n"
            "鴻海攜手輝達 在高雄打造台灣最大AI超級電腦\n2024/10/08 14:32（10/08 16:05 更新）\n"
            "字級：小 中 大　　列印　　分享：Facebook　LINE　X　複製連結\n\n"
            "（中央社記者張建中台北8日電）鴻海今天宣布，與輝達合作在高雄建置超級電腦中心。\n")
    blocks = webpage.read(text).blocks
    assert [(b.kind, b.text) for b in blocks[:2]] == [("byline", "中央社 CNA"), ("heading", "鴻海攜手輝達 在高雄打造台灣最大AI超級電腦")]
    assert blocks[0].meta == {"role": "source", "publisher": "中央社"}
    assert blocks[2].meta == {"role": "source", "date": "2024/10/08 14:32"}
    plain = webpage.read("深圳发布具身智能政策\n\n2025-03-02 10:00\n\n3月2日，深圳发布政策。\n").blocks
    assert plain[0].kind == "heading" and plain[0].text == "深圳发布具身智能政策"


def test_a_post_stamped_only_with_yesterday_is_still_its_accounts_post():
    text = "海南日报\n昨天 21:15 来自 iPhone 15 Pro\n\n【海口首个AI+政务大模型上线】昨日，海口市政务大模型正式上线。\n"
    blocks = webpage.read(text).blocks
    assert blocks[0].kind == "byline" and blocks[0].meta["publisher"] == "海南日报"
    assert "iPhone" not in " ".join(b.text for b in blocks[1:])


def test_counters_in_brackets_a_copyright_after_the_sites_name_and_a_contact_line_are_furniture():
    for line in ("阅(8.6万)  评论(5)  分享", "财联社 © 2024 上海界面财联社科技股份有限公司 版权所有",
                 "Copyright 2024 Reuters. All rights reserved.", "訂閱 / 取消訂閱　|　私隱政策　|　免責聲明",
                 "查詢：數碼港傳訊部　電話：(852) 3166 3800"):
        assert webpage.is_furniture(line), line
    for line in ("评论员认为，分享经济仍有空间。", "该公司拥有全部知识产权，版权所有人为张三。"):
        assert not webpage.is_furniture(line), line


def test_a_flash_feeds_counters_and_footer_make_it_a_scraped_page_and_go():
    text = ("09:31\n【苏州工业园区：AI+制造示范项目名单公布】财联社12月30日电，共42个项目入选。\n阅(6.9万)  评论(2)  分享\n\n"
            "11:05\n【天津滨海新区发布人工智能政策】财联社12月30日电，天津滨海新区今日发布若干措施。\n阅(10.1万)  评论(9)  分享\n\n"
            "上一页　下一页\n财联社 © 2024 上海界面财联社科技股份有限公司 版权所有\n")
    assert webpage.sniff(text) > 0.25  # more than the plain reader's
    texts = " ".join(b.text for b in webpage.read(text).blocks)
    assert "阅(" not in texts and "版权所有" not in texts and "上一页" not in texts


def test_a_sites_name_a_breadcrumb_and_the_font_size_tool_over_the_headline():
    text = ("星洲网 Sin Chew Daily\n首页 | 国内 | 国际 | 财经 | 言路 | 娱乐 | 体育 | 副刊 | 地方\n财经 > 企业\n\n"
            "柔佛今年料吸引逾400亿令吉数据中心投资\n\n2025年3月5日 星期三\n报道：陈慧敏\n\n"
            "（新山5日讯）柔佛州投资委员会主席李存孝预计，柔佛今年将吸引超过400亿令吉的数据中心投资。\n")
    blocks = webpage.read(text).blocks
    assert [(b.kind, b.text) for b in blocks[:2]] == [("byline", "星洲网 Sin Chew Daily"), ("heading", "柔佛今年料吸引逾400亿令吉数据中心投资")]
    assert blocks[0].meta["publisher"] == "星洲网" and blocks[3].meta["authors"] == "陈慧敏"
    assert "财经 > 企业" not in [b.text for b in blocks]
    assert webpage.is_furniture("字體大小：小 中 大") and webpage.is_furniture("最後更新：2025/12/02 17:08")


def test_a_font_size_tool_alone_on_its_line_is_no_title_of_the_article_under_it():
    page = ("首页 | 新闻 | 财经 | 科技 | 体育 | 娱乐\n杭州发布人形机器人产业行动计划\n"
            "2025-03-28 10:05:12　来源：杭州日报　作者：李静\n【字体：大 中 小】\n"
            "　　本报讯 3月27日，杭州市政府办公厅印发行动计划，提出到2027年产业规模突破300亿元。\n")
    blocks = webpage.read(page).blocks
    assert [b.kind for b in blocks] == ["heading", "byline", "paragraph"]
