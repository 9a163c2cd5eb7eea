"""Splitting a source's blocks into its articles."""

from sitegen.model import Block
from sitegen.normalise.split import is_photo_caption, mark_captions, split_articles


def h1(text, line):
    return Block("heading", text, line, 1)


def para(text, line):
    return Block("paragraph", text, line)


def titles(groups):
    return [[b.text for b in g.title] for g in groups]


def test_bundle_splits_at_each_level_one_heading():
    blocks = [h1("深圳大会", 1), para("大会开幕。", 2), h1("南京发布", 3), para("模型发布。", 4)]
    groups = split_articles(blocks)
    assert titles(groups) == [["深圳大会"], ["南京发布"]]
    assert [[b.text for b in g.body] for g in groups] == [["大会开幕。"], ["模型发布。"]]


def test_consecutive_level_one_headings_are_one_title():
    blocks = [h1("世界互联网大会蓝皮书：", 3), h1("我国人工智能与制造业深度融合", 5), para("正文。", 7)]
    assert titles(split_articles(blocks)) == [["世界互联网大会蓝皮书：", "我国人工智能与制造业深度融合"]]


def test_furniture_before_the_first_title_is_dropped():
    blocks = [para("HKChat智能对话系统", 1), para("搜索文档", 2), h1("香港：人工智能发展", 3), para("正文，内容。", 5)]
    groups = split_articles(blocks)
    assert [b.text for b in groups[0].body] == ["正文，内容。"]


def test_text_before_the_first_title_belongs_to_the_first_article():
    blocks = [para("导语：这是一段正文，不是页面装饰。", 1), h1("标题", 3), para("正文。", 4)]
    groups = split_articles(blocks)
    assert len(groups) == 1 and [b.text for b in groups[0].body] == ["导语：这是一段正文，不是页面装饰。", "正文。"]


def test_byline_before_the_first_title_is_kept_for_its_metadata():
    blocks = [Block("byline", "新华社· 2025-01-01", 1), h1("标题", 2), para("正文。", 3)]
    assert [b.kind for b in split_articles(blocks)[0].body] == ["byline", "paragraph"]


def test_source_without_title_is_one_article():
    groups = split_articles([para("一段，正文。", 1), para("又一段。", 2)])
    assert len(groups) == 1 and groups[0].title == []


def test_a_dateline_under_a_title_line_starts_a_new_dispatch():
    blocks = [
        h1("多项新技术亮相", 63),
        para("人工智能是今年大会的热词，10 项成果崭新亮相。", 65),
        Block("byline", "新华社杭州 11 月 21 日电", 87),
        para("人工智能助力\n数字经济发展\n再上新台阶", 89),
        para("新华社杭州 11 月 21 日电（记者高亢）当前，人工智能快速迭代。", 93),
    ]
    groups = split_articles(blocks)
    assert titles(groups) == [["多项新技术亮相"], ["人工智能助力\n数字经济发展\n再上新台阶"]]
    assert groups[1].body[0].line == 93


def test_a_section_heading_over_a_dateline_stays_a_section_of_its_article():
    blocks = [
        h1("杭州举办人工智能产业大会", 7),
        para("5月8日，杭州人工智能产业大会开幕，300余家企业参会。", 9),
        Block("heading", "会议亮点", 11, 2),
        para("新华社杭州5月8日电（记者张明）大会发布了十项人工智能应用成果。", 13),
    ]
    assert titles(split_articles(blocks)) == [["杭州举办人工智能产业大会"]]


def test_an_opening_dateline_does_not_split_its_own_article():
    blocks = [h1("标题", 1), para("新华社北京 1 月 2 日电（记者张三）正文，内容。", 2)]
    assert len(split_articles(blocks)) == 1


def test_photo_captions_are_recognised_by_their_credit():
    assert is_photo_caption("11 月 20 日，2024 年世界互联网大会乌镇峰会在浙江乌镇开幕。新华社 发")
    assert is_photo_caption("嘉宾参观展台。新华社记者 张三 摄")
    assert not is_photo_caption("他说，这项技术值得拍摄。")
    marked = mark_captions([para("开幕式现场。新华社 发", 1), para("正文。", 2)])
    assert [b.kind for b in marked] == ["caption", "paragraph"]


def test_a_line_under_a_picture_opening_with_its_mark_is_a_caption():
    marked = mark_captions([para("▲图片来源：视觉中国", 1), para("据36氪报道，灵犀机器人完成融资。", 2),
                            Block("heading", "▲灵犀机器人工厂（图片由受访者提供）", 3, 2), Block("heading", "△ 签约现场", 4, 3)])
    assert [b.kind for b in marked] == ["caption", "paragraph", "caption", "caption"]
    assert not is_photo_caption("据报道，指数▲2.5%。")


def h2(text, line):
    return Block("heading", text, line, 2)


def source(publisher, date, line):
    return Block("byline", f"来源：{publisher} {date}", line, meta={"role": "source", "publisher": publisher, "date": date})


def test_a_digest_whose_sections_carry_their_own_source_lines_splits_into_them():
    blocks = [
        h1("AI 产业周报（第 12 期）", 1),
        h2("南京发布具身智能产业政策", 3), source("南京日报", "2025-03-21", 5), para("3月20日，南京市发布行动计划。", 7),
        h2("苏州产业园新增企业", 9), source("苏州日报", "2025-03-22", 11), para("苏州产业园入驻企业达到1200家。", 13),
    ]
    groups = split_articles(blocks)
    assert titles(groups) == [["南京发布具身智能产业政策"], ["苏州产业园新增企业"]]
    assert [[b.kind for b in g.body] for g in groups] == [["byline", "paragraph"], ["byline", "paragraph"]]
    greeting = [blocks[0], para("本期导读：江苏各地人工智能动态。", 2), *blocks[1:]]
    assert titles(split_articles(greeting))[0] == ["南京发布具身智能产业政策"]  # nothing to report
    lead = "本期关注：一季度江苏人工智能核心产业规模同比增长两成，南京、苏州两地新增企业占全省六成以上。"
    with_lead = [blocks[0], para(lead, 2), *blocks[1:]]
    assert titles(split_articles(with_lead))[0] == ["AI 产业周报（第 12 期）"]


def test_sections_under_speaker_lines_or_one_sourced_section_stay_one_article():
    speaker = Block("byline", "联合国驻华协调员 杰思衡", 3, meta={"role": "speaker", "name": "杰思衡"})
    interview = [h1("对话", 1), h2("天津的优势", 2), speaker, para("天津有创新。", 4),
                 h2("绿色合作", 5), speaker, para("合作很重要。", 7)]
    assert titles(split_articles(interview)) == [["对话"]]
    one = [h1("周报", 1), h2("南京发布", 2), source("南京日报", "2025-03-21", 3), para("南京发布计划。", 4)]
    assert titles(split_articles(one)) == [["周报"]]


def test_a_digests_masthead_dates_every_item_after_their_own_source_lines():
    masthead = Block("byline", "AI产业早报 2025-06-10", 1, meta={"role": "source", "publisher": "AI产业早报", "date": "2025-06-10"})
    own = Block("byline", "来源：解放日报", 6, meta={"role": "source", "publisher": "解放日报"})
    blocks = [masthead, h1("深圳发布政策", 3), para("深圳发布政策。", 4), h1("上海开源模型", 5), own, para("上海开源模型。", 7)]
    first, second = split_articles(blocks)
    assert first.body[0] is masthead
    assert [b.text for b in second.body] == ["来源：解放日报", "上海开源模型。", "AI产业早报 2025-06-10"]


def item(text, line, kind="paragraph"):
    return Block(kind, text, line, 3 if kind == "heading" else 0)


WEEKLY = [
    h1("AI产业周报（2025年第36期）", 1),
    Block("quote", "本期时间：2025年9月1日—9月7日", 3),
    h2("一、政策动态", 5),
    item("**1. 上海发布具身智能产业行动方案**", 7),
    para("9月2日，上海市经信委发布行动方案，提出到2027年产业规模突破500亿元。", 9),
    item("**2. 深圳设立100亿元人工智能产业基金**", 11),
    para("9月4日，深圳市政府宣布设立总规模100亿元的人工智能产业投资基金。", 13),
    h2("二、企业动态", 15),
    item("**1. 宇树科技完成C轮融资**", 17),
    para("据36氪报道，宇树科技近日完成近7亿元C轮融资。", 19),
    Block("byline", "编辑：AI产业研究组", 21, meta={"role": "source", "editors": "AI产业研究组"}),
]


def test_a_digests_numbered_items_that_open_with_their_day_split_into_articles():
    groups = split_articles(WEEKLY)
    assert titles(groups) == [["上海发布具身智能产业行动方案"], ["深圳设立100亿元人工智能产业基金"], ["宇树科技完成C轮融资"]]
    first, second, third = groups
    assert [b.text for b in first.body if b.kind == "paragraph"] == [WEEKLY[4].text]
    assert not any(b.kind == "heading" for b in second.body)  # the next section's label is not this item's
    for group in groups:  # the digest's credit and its issue date go with every item
        assert [b.meta.get("role") for b in group.body if b.kind == "byline"] == ["source", "issue"]
        assert group.body[-1].meta["date"] == "2025年9月1日—9月7日"


def test_numbered_items_may_be_list_lines_or_headings_and_keep_a_substantial_lead():
    lead = para("本周国内人工智能产业政策密集出台，多个城市发布专项支持措施，产业投资持续升温，值得关注。", 2)
    blocks = [h1("AI早报", 1), lead, item("1、合肥发布算力券政策", 3, "list"),
              para("3月21日，合肥市发布算力券实施细则。", 4), item("（2）成都大模型产业园开园", 5, "heading"),
              para("3月22日，成都大模型产业园在高新区开园。", 6)]
    groups = split_articles(blocks)
    assert titles(groups) == [["AI早报"], ["合肥发布算力券政策"], ["成都大模型产业园开园"]]
    assert groups[0].body == [lead]


def h2(text, line):
    return Block("heading", text, line, 2)


def test_a_digests_unnumbered_sections_that_open_with_their_day_split_into_articles():
    blocks = [h1("长三角AI动态（2025年第48周）", 1),
              h2("上海：张江人工智能岛二期开园", 3), para("11月24日，张江人工智能岛二期正式开园。", 5),
              h2("杭州：之江实验室发布天文大模型", 7), para("11月25日，之江实验室发布天文大模型。", 9)]
    assert titles(split_articles(blocks)) == [["上海：张江人工智能岛二期开园"], ["杭州：之江实验室发布天文大模型"]]


def test_dated_sections_stay_one_article_unless_the_title_names_a_digest_or_they_are_dates():
    report = [h1("世界人工智能大会综合报道", 1),
              h2("开幕式", 3), para("11月20日上午，大会在上海开幕。", 4),
              h2("分论坛", 5), para("11月20日下午，十场分论坛同时举行。", 6)]
    assert titles(split_articles(report)) == [["世界人工智能大会综合报道"]]
    report[0] = h1("世界人工智能大会报道", 1)
    assert titles(split_articles(report)) == [["世界人工智能大会报道"]]
    chronology = [h1("AI产业大事记周报", 1), h2("2025年3月", 2), para("3月5日，合肥发布新政。", 3),
                  h2("2025年4月", 4), para("4月2日，南京举办大会。", 5)]
    assert titles(split_articles(chronology)) == [["AI产业大事记周报"]]


def test_numbered_sections_of_an_essay_stay_one_article():
    essay = [h1("人工智能的三个趋势", 1), para("人工智能正在改变产业。", 2),
             item("1. 模型更大", 3), para("参数规模持续增长，训练成本上升。", 4),
             item("2. 应用更广", 5), para("制造、医疗等行业加快落地。", 6)]
    assert titles(split_articles(essay)) == [["人工智能的三个趋势"]]
    skipped = [h1("周报", 1), item("1. 合肥发布政策", 2), para("3月21日，合肥发布政策。", 3),
               item("3. 成都开园", 4), para("3月22日，成都产业园开园。", 5)]
    assert titles(split_articles(skipped)) == [["周报"]]  # 1 then 3 is no numbering of items
    report = [h1("南京市人工智能产业发展报告（2025）", 1), h2("二、重点任务", 2),
              item("（1）建设算力基础设施", 3), para("2025年，南京将新建智算中心3个。", 4),
              item("（2）培育龙头企业", 5), para("2025年，重点支持20家人工智能企业。", 6)]
    assert titles(split_articles(report)) == [["南京市人工智能产业发展报告（2025）"]]  # a year is a plan's


def test_paragraphs_that_open_with_a_bracketed_title_and_their_day_are_items():
    lead_in = para("【环球网科技报道 记者 金敏】11月19日，本周多地密集发布人工智能产业政策，算力补贴和产业园建设成为各地竞争的焦点。", 2)
    blocks = [h1("AI早报 2025年11月20日", 1), lead_in,
              para("【合肥发布算力券政策】11月18日，合肥市发布算力券实施细则，最高补贴50%。", 3),
              para("【成都大模型产业园开园】11月19日，成都大模型产业园在高新区开园。", 4)]
    groups = split_articles(blocks)
    assert titles(groups) == [["AI早报 2025年11月20日"], ["合肥发布算力券政策"], ["成都大模型产业园开园"]]
    assert [b.text for b in groups[1].body] == ["11月18日，合肥市发布算力券实施细则，最高补贴50%。", "2025年11月20日"]
    assert groups[1].body[0].line == 3


def test_a_news_feeds_items_under_the_time_they_were_posted_are_items():
    blocks = [para("10:32\n【深圳发布AI终端产业行动计划】财联社3月5日电，深圳市工业和信息化局今日印发行动计划。", 3),
              para("10:15\n【商汤科技与澳门大学共建联合实验室】财联社3月5日电，商汤科技宣布与澳门大学签署合作协议。", 6)]
    groups = split_articles(blocks)
    assert titles(groups) == [["深圳发布AI终端产业行动计划"], ["商汤科技与澳门大学共建联合实验室"]]
    assert groups[1].body[0].text.startswith("财联社3月5日电")


def test_an_item_labelled_by_its_place_is_titled_by_its_first_clause():
    blocks = [para("【北京】3月3日，北京亦庄发布人形机器人产业三年行动方案，计划建设1000亩产业园区。", 1),
              para("【杭州】3月4日上午，杭州市召开人工智能产业大会，宣布设立100亿元产业基金。", 3)]
    assert titles(split_articles(blocks)) == [["北京亦庄发布人形机器人产业三年行动方案"], ["杭州市召开人工智能产业大会"]]


def test_bold_titles_run_into_their_text_are_items_but_bold_speaker_labels_are_not():
    blocks = [h1("AI早报 2025年11月20日", 1),
              para("**合肥发布算力券政策** 11月18日，合肥市发布算力券实施细则。", 3),
              para("**成都大模型产业园开园**：11月19日，成都大模型产业园开园。", 5),
              Block("list", "1. 【北京亦庄发布机器人政策】11月19日，北京亦庄发布支持政策。", 7)]
    assert titles(split_articles(blocks)) == [["合肥发布算力券政策"], ["成都大模型产业园开园"], ["北京亦庄发布机器人政策"]]
    turns = [h1("发布会实录", 1), para("**局长 李明：** 截至9月底，企业超过1200家。", 2),
             para("**李明：** 10月15日，算力中心上线。", 3), para("**李明：** 9月起实施新政策。", 4)]
    assert titles(split_articles(turns)) == [["发布会实录"]]


def test_bold_speaker_labels_closed_before_their_colon_are_turns_not_items():
    interview = [h1("对话商汤徐立", 1), para("**记者**：过去一年，临港的智算中心有什么新进展？", 3),
                 para("**徐立**：临港的AIDC去年第四季度完成了二期扩容，总算力是25000 PFLOPS左右。", 5),
                 para("**记者**：你怎么看深圳和杭州的竞争？", 7),
                 para("**徐立**：深圳有硬件产业链，杭州有应用生态。", 9),
                 para("**记者**：海外市场呢？", 11),
                 para("**徐立**：我们今年9月在新加坡和阿布扎比都设立了办公室。", 13)]
    assert titles(split_articles(interview)) == [["对话商汤徐立"]]


def test_a_digest_whose_first_item_was_taken_for_its_title_splits_into_all_its_items():
    masthead = Block("byline", "AI早报 | 2025年9月8日", 1, meta={"role": "source", "date": "2025年9月8日"})
    blocks = [masthead, h1("1、上海发布行动方案", 3), para("9月2日，上海市发布行动方案。", 4),
              h2("2、深圳设立产业基金", 6), para("9月4日，深圳设立基金。", 7)]
    groups = split_articles(blocks)
    assert titles(groups) == [["上海发布行动方案"], ["深圳设立产业基金"]]
    assert all(group.body[-1] is masthead for group in groups)
    essay = [h1("1、人工智能的趋势", 1), para("模型更大。", 2)]
    assert titles(split_articles(essay)) == [["1、人工智能的趋势"]]


def test_numbered_paragraphs_whose_title_runs_on_into_their_day_are_items():
    """Plain-text digests put an item's title and text on one line."""
    blocks = [h1("AI早报 | 2025年9月8日", 1),
              para("1. 上海发布具身智能产业行动方案。9月2日，上海市经信委发布行动方案，提出到2027年产业规模突破500亿元。", 3),
              para("2、深圳设立人工智能产业基金：9月4日，深圳市政府宣布设立总规模100亿元的产业投资基金。", 5),
              para("3. 杭州举办机器人大会 9月6日，杭州国际机器人大会开幕，展出200余款产品。", 7)]
    groups = split_articles(blocks)
    assert titles(groups) == [["上海发布具身智能产业行动方案"], ["深圳设立人工智能产业基金"], ["杭州举办机器人大会"]]
    assert groups[1].body[0].text.startswith("9月4日，深圳市政府宣布")
    tasks = [h1("南京市人工智能行动计划", 1),  # a plan's numbered tasks open with the year they are for
             para("1. 建设算力基础设施。2025年底前，南京将新建智算中心3个，总算力达到5000 PFLOPS。", 2),
             para("2. 培育龙头企业。2026年，重点支持20家人工智能企业做大做强。", 3)]
    assert titles(split_articles(tasks)) == [["南京市人工智能行动计划"]]
    places = [h1("各地动态", 1), para("1. 上海：9月2日，上海市发布行动方案，提出多项措施。", 2),
              para("2. 深圳：9月4日，深圳市设立产业基金，规模100亿元。", 3)]
    assert titles(split_articles(places)) == [["各地动态"]]  # a place is no item's title


def test_a_digests_one_line_items_opening_with_their_day_are_items():
    lines = ["11月18日 北京 百度发布文心大模型5.0，参数规模达2.4万亿。", "11月19日 上海 商汤科技发布日日新V7多模态大模型。",
             "11月20日 深圳 腾讯混元大模型开源新一代视频生成模型。"]
    digest = split_articles([h1("AI产业快讯（2025年11月第三周）", 1), *(para(text, n) for n, text in enumerate(lines, 3))])
    assert titles(digest) == [["北京 百度发布文心大模型5.0"], ["上海 商汤科技发布日日新V7多模态大模型"],
                              ["深圳 腾讯混元大模型开源新一代视频生成模型"]]
    assert [[b.text for b in group.body if b.kind == "paragraph"] for group in digest] == [[text] for text in lines]
    chronology = split_articles([h1("合肥人工智能大事记", 1), *(para(text, n) for n, text in enumerate(lines, 3))])
    assert len(chronology) == 1  # not a digest's title: one article of dated facts


def test_a_digests_table_rows_opening_with_their_day_are_titled_without_the_cell_bars():
    rows = ["| 11月3日 | 星海智算 | 北京 | B轮 | 5亿元 |", "| 11月5日 | 灵犀机器人 | 深圳 | A+轮 | 2亿元 |",
            "| 11月9日 | 云图医疗AI | 杭州 | C轮 | 8亿元 |"]
    digest = split_articles([h1("AI融资快讯（2025年11月）", 1), *(para(row.strip("| "), n) for n, row in enumerate(rows, 3))])
    assert titles(digest) == [["星海智算 | 北京 | B轮 | 5亿元"], ["灵犀机器人 | 深圳 | A+轮 | 2亿元"],
                              ["云图医疗AI | 杭州 | C轮 | 8亿元"]]


def test_a_digests_footnotes_go_with_the_items_that_cite_them():
    note = Block("caption", "来源：36氪", 9, meta={"footnote": "2"})
    blocks = [h1("AI周报", 1), h2("1. 字节跳动发布豆包大模型", 2), para("10月15日，字节跳动发布豆包大模型。[^1]", 3),
              h2("2. 银河通用完成11亿元融资", 4), para("10月16日，银河通用完成融资。[^2]", 5),
              h2("3. 上海发布具身智能产业地图", 6), para("10月17日，上海发布产业地图。", 7), note]
    groups = split_articles(blocks)
    assert [note in group.body for group in groups] == [False, True, False]
