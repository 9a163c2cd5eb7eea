"""Plain text (000): title, guest list, speaker sections, credits."""

from __future__ import annotations

from sitegen.read import plain, text


def _shape(blocks):
    return [(b.kind, b.level, b.text) for b in blocks]


def test_plain_reader_reads_title_speakers_sections_and_credits(seeds):
    blocks = plain.read(seeds["000"]).blocks
    assert (blocks[0].kind, blocks[0].level, blocks[0].line) == ("heading", 1, 5)
    assert [b.text for b in blocks if b.kind == "heading" and b.level == 1] == [blocks[0].text]
    assert [b.text for b in blocks if b.kind == "heading" and b.level == 2] == [
        "AI技术设备产品令人震惊",
        "天津的优势在于创新",
        "深化中欧产业创新与绿色合作",
        "Token(词元)",
        "统一了算力和算法的度量衡",
        "立足天津深耕软硬件",
    ]
    speakers = [b.meta for b in blocks if b.meta.get("role") == "speaker"]
    assert speakers[0] == {"role": "speaker", "name": "杰思衡", "title": "联合国驻华协调员"}
    assert [s["name"] for s in speakers] == ["杰思衡", "陈成川", "彦辞", "杜夏威", "王桂荣"]
    credits = [b.meta for b in blocks if b.meta.get("role") == "credit"]
    assert [c.get("authors") or c.get("photos") for c in credits] == ["张艳 王轶斐 姚华", "苗娜", "组委会"]


def test_slogans_and_guest_list_are_kept(seeds):
    blocks = plain.read(seeds["000"]).blocks
    assert ("paragraph", 0, "智行天下 能动未来") in _shape(blocks)
    assert ("paragraph", 0, "2026世界智能产业博览会\nWORLD INTELLIGENCE EXPO 2026") in _shape(blocks)
    assert ("list", 0, "- 杰思衡\n- 陈成川\n- 彦辞\n- 杜夏威\n- 王桂荣") in _shape(blocks)


def test_sentence_broken_by_a_blank_line_is_not_a_heading():
    text = "标题\n\n海光信息总裁助理兼智能计算产品部总经理 杜夏威\n\n如果用户对于Token、算力以及\n\n大模型没有感知，那么自然不会产生Token焦虑。\n"
    kinds = [(b.kind, b.text) for b in plain.read(text).blocks]
    assert ("paragraph", "如果用户对于Token、算力以及") in kinds


def test_short_line_between_paragraphs_is_a_section_heading():
    text = "标题\n\n第一段说完了。\n\n未来怎么干?新技术形成新动能\n\n第二段也说完了，很长很长。\n"
    assert _shape(plain.read(text).blocks)[2] == ("heading", 2, "未来怎么干?新技术形成新动能")


def test_fragment_with_an_open_quote_is_not_a_heading():
    text = "标题\n\n第一段说完了。\n\n走进腾讯展台的“裸眼 3D 通话\n\n舱”，屏幕上的视频对象非常立体。\n"
    assert _shape(plain.read(text).blocks)[2][0] == "paragraph"


def test_line_wraps_inside_a_block_are_kept():
    text = "标题\n\n天津接下\n来可以向国内和国外的一些企业分享经验。\n"
    assert plain.read(text).blocks[1].text == "天津接下\n来可以向国内和国外的一些企业分享经验。"


def test_one_paragraph_per_line_without_blank_lines():
    text = ("合肥发布人工智能新政\n3月5日，合肥市发布若干政策措施。\n"
            "政策提出，到2027年全市人工智能产业规模达到2000亿元。\n对新落户企业给予最高500万元奖励。\n")
    assert _shape(plain.read(text).blocks) == [
        ("heading", 1, "合肥发布人工智能新政"),
        ("paragraph", 0, "3月5日，合肥市发布若干政策措施。"),
        ("paragraph", 0, "政策提出，到2027年全市人工智能产业规模达到2000亿元。"),
        ("paragraph", 0, "对新落户企业给予最高500万元奖励。"),
    ]


def test_labelled_fields_are_one_per_line_not_a_wrapped_paragraph():
    text = ("对话智谱CEO张鹏\n\n本期嘉宾：北京智谱华章科技有限公司首席执行官 张鹏\n采访人：科技日报记者 刘艳\n\n"
            "记者：今年以来，大模型行业出现了哪些新变化？\n")
    assert [b.text for b in plain.read(text).blocks[1:3]] == [
        "本期嘉宾：北京智谱华章科技有限公司首席执行官 张鹏", "采访人：科技日报记者 刘艳",
    ]


def test_a_wrapped_line_that_opens_with_a_label_stays_joined_to_prose():
    text = "标题\n\n张鹏表示，公司已经在北京、上海、深圳建立了行业解决方案中心，并将继续扩大\n规模：今年已落地300多个项目。\n"
    assert plain.read(text).blocks[1].text.count("\n") == 1


def test_hard_wrapped_paragraphs_end_on_their_short_line():
    text = ("标题\n\n新加坡数码发展及新闻部日前发布国家人工智能战略实施进展报告。报告显示\n"
            "过去一年新加坡人工智能从业人员增至六千人，政府计划未来五年投入巨资。\n"
            "用于算力、人才和产业发展。\n报告提到，新加坡已与多家企业合作建设人工智能卓越中心，\n并规划新的园区。\n")
    assert [b.text for b in plain.read(text).blocks[1:]] == [
        "新加坡数码发展及新闻部日前发布国家人工智能战略实施进展报告。报告显示\n"
        "过去一年新加坡人工智能从业人员增至六千人，政府计划未来五年投入巨资。\n用于算力、人才和产业发展。",
        "报告提到，新加坡已与多家企业合作建设人工智能卓越中心，\n并规划新的园区。",
    ]


def test_a_masthead_with_a_month_separates_the_title_from_the_text():
    text = "新加坡发布人工智能战略进展报告\n联合早报 2025年3月\n新加坡数码发展及新闻部日前发布报告。\n"
    blocks = plain.read(text).blocks
    assert _shape(blocks)[0] == ("heading", 1, "新加坡发布人工智能战略进展报告")
    assert blocks[1].meta == {"role": "source", "publisher": "联合早报", "date": "2025年3月"}


def test_numbered_section_headings_and_a_source_line_under_the_title():
    text = (
        "深圳打造人工智能先锋城市\n来源：深圳特区报 2025-04-10 08:30\n\n"
        "深圳市人工智能产业规模去年突破3000亿元。\n\n一、加强算力基础设施建设\n\n推动建设智算中心。\n"
    )
    blocks = plain.read(text).blocks
    assert _shape(blocks)[0] == ("heading", 1, "深圳打造人工智能先锋城市")
    assert blocks[1].meta == {"role": "source", "publisher": "深圳特区报", "date": "2025-04-10 08:30"}
    assert _shape(blocks)[3] == ("heading", 2, "一、加强算力基础设施建设")


def test_title_right_before_a_dateline_starts_a_new_dispatch():
    text = "第一篇标题\n\n第一篇正文。\n\n第二篇标题\n\n新华社上海3月2日电（记者 王五）上海市政府2日发布新措施。\n"
    headings = [(b.text, b.level) for b in plain.read(text).blocks if b.kind == "heading"]
    assert headings == [("第一篇标题", 1), ("第二篇标题", 1)]


def test_numbered_headings_on_lines_of_their_own_inside_a_block_are_headings():
    """PDF-extracted reports put a section's heading on the line above its text, no blank line between."""
    text = (
        "大湾区人工智能发展报告\n\n一、总体情况\n大湾区人工智能产业保持快速增长。广州市人工智能企业\n数量达到1500余家。\n"
        "二、重点事件\n8月15日，澳门特区政府与华为签署合作协议。\n"
        "主要涉及\n一、二线城市的算力布局。\n"
    )
    blocks = plain.read(text).blocks
    assert _shape(blocks)[1:5] == [
        ("heading", 2, "一、总体情况"),
        ("paragraph", 0, "大湾区人工智能产业保持快速增长。广州市人工智能企业\n数量达到1500余家。"),
        ("heading", 2, "二、重点事件"),
        ("paragraph", 0, "8月15日，澳门特区政府与华为签署合作协议。\n主要涉及\n一、二线城市的算力布局。"),
    ]


def test_a_digests_items_numbered_1_2_on_lines_above_their_text_are_headings():
    text = "AI早报 | 2025年9月8日\n\n1、上海发布行动方案\n9月2日，上海市发布行动方案。\n\n2、深圳设立产业基金\n9月4日，深圳设立基金。\n"
    assert [(kind, text) for kind, _, text in _shape(plain.read(text).blocks)] == [
        ("byline", "AI早报 | 2025年9月8日"), ("heading", "1、上海发布行动方案"), ("paragraph", "9月2日，上海市发布行动方案。"),
        ("heading", "2、深圳设立产业基金"), ("paragraph", "9月4日，深圳设立基金。"),
    ]


def test_a_digests_items_numbered_1_dot_over_their_text_are_not_wrapped_into_it():
    text = ("AI产业周报｜第47期（2025.11.17—11.23）\n\n"
            "1. 杭州：之江实验室发布类脑计算机\n11月18日，之江实验室在杭州发布类脑计算机“悟空”，神经元规模超过20亿。\n\n"
            "2. 西安：丝路人工智能大会开幕\n11月20日至21日，丝路人工智能大会在西安举行，30余个国家的代表参会。\n")
    texts = [b.text for b in plain.read(text).blocks]
    assert "1. 杭州：之江实验室发布类脑计算机" in texts and "2. 西安：丝路人工智能大会开幕" in texts
    assert "11月20日至21日，丝路人工智能大会在西安举行，30余个国家的代表参会。" in texts


def test_a_short_unnumbered_line_over_prose_is_still_a_wrap():
    lines = ["1.5亿元用于建设", "算力中心、数据中心和模型训练平台，带动社会投资超过十亿元，覆盖全市各区。"]
    assert text.paragraph_lines(lines) == [lines]
    assert text.paragraph_lines(["一、总体要求", lines[1]]) == [["一、总体要求"], [lines[1]]]


def test_a_line_indented_with_full_width_spaces_after_a_sentence_starts_a_paragraph():
    text = (
        "南京人工智能产业发展报告\n\n"
        "　　2025年，南京市人工智能核心产业规模达到600亿元，同比增长\n18%。全市拥有企业\n超过1000家。\n"
        "　　6月18日，南京发布行动方案。\n"
        "　　（一）这行缩进，但上一行\n　　没有结束句子。\n"
    )
    assert [b.text for b in plain.read(text).blocks][1:] == [
        "2025年，南京市人工智能核心产业规模达到600亿元，同比增长\n18%。全市拥有企业\n超过1000家。",
        "6月18日，南京发布行动方案。",
        "（一）这行缩进，但上一行\n没有结束句子。",
    ]


MORNING_DIGEST = """AI产业早报｜2025年6月10日

【深圳】深圳发布具身智能机器人专项政策
6月9日，深圳市工业和信息化局发布具身智能机器人专项扶持政策。

【上海】上海人工智能实验室开源新一代模型
6月9日，上海人工智能实验室发布并开源书生大模型新版本。
"""


def test_bracketed_headlines_of_a_morning_digest_are_titles():
    blocks = plain.read(MORNING_DIGEST).blocks
    titles = [(b.text, b.line) for b in blocks if b.kind == "heading" and b.level == 1]
    assert titles == [("【深圳】深圳发布具身智能机器人专项政策", 3), ("【上海】上海人工智能实验室开源新一代模型", 6)]
    assert ("paragraph", "6月9日，上海人工智能实验室发布并开源书生大模型新版本。") in [(b.kind, b.text) for b in blocks]


def test_one_bracketed_line_is_no_digest():
    text = "【独家】深圳发布新政策\n6月9日，深圳市发布新政策。\n"
    assert [b.kind for b in plain.read(text).blocks].count("heading") <= 1


def test_a_line_drawn_across_the_text_parts_the_blocks_around_it():
    items = "【北京】3月3日，北京亦庄发布行动方案。\n------\n【杭州】3月4日，杭州市召开大会。\n* * *\n【成都】3月6日，成都高新区签署协议。\n"
    assert [raw.lines for raw in text.split_blocks(items)] == [
        ["【北京】3月3日，北京亦庄发布行动方案。"], ["------"], ["【杭州】3月4日，杭州市召开大会。"], ["* * *"],
        ["【成都】3月6日，成都高新区签署协议。"],
    ]


def test_an_indented_line_under_a_headline_at_the_margin_starts_a_paragraph():
    """A bulletin extracted from a PDF: each item's headline at the margin, its
    text indented under it with plain spaces, no blank line between them."""
    bulletin = (
        "长沙发布算力券实施细则\n    6月3日，长沙市工业和信息化局发布细则，对使用\n本地算力的企业给予补贴。\n\n"
        "株洲轨道交通AI大模型上线\n    6月10日，中车株洲所发布大模型。\n"
    )
    assert [raw.lines for raw in text.split_blocks(bulletin)] == [
        ["长沙发布算力券实施细则"], ["6月3日，长沙市工业和信息化局发布细则，对使用", "本地算力的企业给予补贴。"],
        ["株洲轨道交通AI大模型上线"], ["6月10日，中车株洲所发布大模型。"],
    ]


def test_an_indented_line_under_an_indented_line_or_mid_sentence_continues_it():
    wrapped = "    长沙市工业和信息化局\n    发布实施细则。\n6月3日，长沙市发布细则，对\n    使用本地算力的企业给予补贴。\n"
    assert len(text.split_blocks(wrapped)) == 1


def test_a_short_dash_or_a_dashed_word_is_no_rule():
    assert len(text.split_blocks("第一段\n--\n第二段\nA-B-C\n")) == 1


def test_a_reports_chart_label_and_its_data_source_are_a_caption():
    report = ("市场报告\n\n2025年第三季度，市场规模达到426亿元，同比增长58.3%。\n\n"
              "图表1：2024Q1-2025Q3中国智能算力市场规模（亿元）\n资料来源：赛迪顾问，2025年11月\n\n"
              "图2显示，华东地区占比最高。\n")
    kinds = [(b.kind, b.text) for b in plain.read(report).blocks]
    assert ("caption", "图表1：2024Q1-2025Q3中国智能算力市场规模（亿元）") in kinds
    assert ("caption", "资料来源：赛迪顾问，2025年11月") in kinds  # a line of its own
    assert ("paragraph", "图2显示，华东地区占比最高。") in kinds


def test_a_table_typed_as_text_keeps_its_rows_and_its_data_source_names_no_publisher():
    report = ("长三角人工智能产业观察\n\n前三季度，长三角地区人工智能企业数量达到1.2万家。\n\n"
              "| 城市 | 产业规模 | 同比增长 |\n|---|---|---|\n| 上海 | 4500 | 18% |\n\n资料来源：IDC\n\n"
              "大模型是增长最快的方向。\n")
    blocks = plain.read(report).blocks
    assert [(b.text, b.meta) for b in blocks if b.meta.get("table")] == [
        ("城市 | 产业规模 | 同比增长", {"table": "row"}), ("上海 | 4500 | 18%", {"table": "row"})]
    assert [b.kind for b in blocks if b.text == "资料来源：IDC"] == ["caption"]
    assert not any(b.meta.get("publisher") == "IDC" for b in blocks)


def test_lines_numbered_one_after_another_are_list_items_even_after_a_wrapped_item():
    items = ["1. 贵安新区华为云智算中心三期", "2. 中国移动（贵阳）智算中心", "3. 观山湖区数据标注产业园"]
    assert text.paragraph_lines(items) == [[item] for item in items]
    wrapped = ["(1) 贵安新区华为云智算中心三期项目，建设规模为一万台服务器，分两期建成，", "2026年全部投入使用；", "(2) 中国移动（贵阳）智算中心"]
    assert text.paragraph_lines(wrapped) == [wrapped[:2], wrapped[2:]]
    assert text.paragraph_lines(["第1、2号线", "2、3号线开通"]) == [["第1、2号线", "2、3号线开通"]]


def test_a_table_laid_out_with_spaces_gives_rows_of_cells():
    text = ("表 2  2024 年重点城市人工智能产业主要指标\n\n"
            "城市        核心产业规模（亿元）    企业数量（家）    同比增速\n"
            "长沙        280.5                   1420              25.1%\n"
            "株洲        46.3                    188               19.8%\n\n"
            "长沙在全国人工智能城市排名中位列第 11 位，较上年上升两位。  株洲市重点发展轨道交通。\n")
    rows = [b.text for b in plain.read(text).blocks if b.meta.get("table") == "row"]
    assert rows == ["城市 | 核心产业规模（亿元） | 企业数量（家） | 同比增速", "长沙 | 280.5 | 1420 | 25.1%", "株洲 | 46.3 | 188 | 19.8%"]
    prose = "一是人才短缺，  二是数据不畅，  三是成本较高。\n四是场景分散，  五是标准缺失，  六是投入不足。\n七是其他。  八是其他。  九是其他。\n"
    assert not [b for b in plain.read(prose).blocks if b.meta.get("table")]


def test_a_newsletters_name_over_its_issue_is_its_source_and_the_headline_its_title():
    text = "數碼港通訊 Cyberport Newsletter\n二〇二四年十二月號\n\n數碼港人工智能超算中心第一期投入服務\n\n第一期已於本月正式投入服務。\n"
    blocks = plain.read(text).blocks
    assert [b.kind for b in blocks] == ["byline", "heading", "paragraph"]
    assert blocks[0].meta == {"role": "source", "publisher": "數碼港通訊", "date": "二〇二四年十二月"}
