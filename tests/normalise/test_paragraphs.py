"""Joining broken paragraphs, dropping repeated headers, numbering paragraphs."""

from sitegen.model import Block
from sitegen.normalise.paragraphs import build_paragraphs, join_broken_blocks


def para(text, line):
    return Block("paragraph", text, line)


def texts(paragraphs):
    return [(p.kind, p.text) for p in paragraphs]


def test_sentence_broken_across_a_blank_line_is_joined():
    blocks = [
        para("在近万家已建成的数字化车间和智能工厂中，已培育 421 家国家", 9),
        para("级智能制造示范工厂，人工智能、数字孪生等技术在 90% 以上的示范工厂得到应用。", 11),
    ]
    result = build_paragraphs(blocks, "s.md", "标题")
    assert texts(result) == [("paragraph", "在近万家已建成的数字化车间和智能工厂中，已培育421家国家级智能制造示范工厂，"
                                           "人工智能、数字孪生等技术在90%以上的示范工厂得到应用。")]
    assert result[0].source_line == 9


def test_sentence_broken_around_a_caption_is_joined_and_the_caption_follows():
    blocks = [
        para("“人工智能坚持智能向善，是科技服务社会进步的核心要", 33),
        Block("caption", "11 月 20 日，乌镇峰会在浙江乌镇开幕。新华社 发", 37),
        para("义。”小米集团创始人雷军说。", 39),
    ]
    assert texts(build_paragraphs(blocks, "s.md", "标题")) == [
        ("paragraph", "“人工智能坚持智能向善，是科技服务社会进步的核心要义。”小米集团创始人雷军说。"),
        ("caption", "11月20日，乌镇峰会在浙江乌镇开幕。新华社 发"),
    ]


def test_ended_paragraphs_are_not_joined():
    blocks = [para("第一段结束了。", 1), para("第二段开始", 3)]
    assert len(join_broken_blocks(blocks)) == 2


def test_a_bold_question_has_ended_with_its_question_mark():
    blocks = [para("**第一财经：今年公司的进展如何？**", 5), para("王磊：今年我们完成了两轮融资。", 7),
              para("**核心观点**：大模型推理需求", 9), para("正在爆发。", 11)]
    assert [b.text for b in join_broken_blocks(blocks)] == [
        "**第一财经：今年公司的进展如何？**", "王磊：今年我们完成了两轮融资。", "**核心观点**：大模型推理需求\n正在爆发。",
    ]


def test_labels_without_prose_are_not_joined():
    blocks = [para("智行天下 能动未来", 7), para("2026世界智能产业博览会", 9)]
    assert len(join_broken_blocks(blocks)) == 2


def test_fields_on_lines_of_their_own_are_not_joined_but_a_broken_label_line_is():
    fields = [para("时间：2025年10月16日上午10时，会期一天", 3), para("地点：广州市政府新闻发布厅，欢迎参加", 4)]
    assert len(join_broken_blocks(fields)) == 2
    broken = [para("广州市工业和信息化局局长李明在会上介绍，截至9月底，广州人工智能核心", 3), para("企业超过1200家。", 5)]
    assert len(join_broken_blocks(broken)) == 1
    schedule = [para("**时间**：2025年7月26日—28日　**地点**：上海世博中心", 3), para("以“智能时代”为主题，发布新品超过100项。", 5)]
    assert len(join_broken_blocks(schedule)) == 2


def test_no_join_into_a_heading_list_byline_or_dateline():
    for nxt in (
        Block("heading", "下一节", 3, 2),
        Block("list", "- 一项", 3),
        Block("byline", "联合国驻华协调员 杰思衡", 3),
        para("新华社杭州 11 月 21 日电（记者高亢）当前，人工智能快速迭代。", 3),
        para("记者 张艳 王轶斐", 3),
        para("“另一段引语，”他说。", 3),
    ):
        assert len(join_broken_blocks([para("这句话，没有说完", 1), nxt])) == 2


def test_heading_with_an_unclosed_quote_is_a_broken_sentence():
    blocks = [Block("heading", "走进腾讯展台的“裸眼 3D 通话", 79, 2), para("舱”，屏幕上的视频对象非常立体。", 81)]
    assert texts(build_paragraphs(blocks, "s.md", "标题")) == [
        ("paragraph", "走进腾讯展台的“裸眼 3D 通话舱”，屏幕上的视频对象非常立体。")
    ]


def test_title_repeated_as_first_body_line_is_dropped():
    blocks = [para("AI赋能智能制造产业大会在深圳开幕", 9), para("大会开幕了。", 13)]
    assert texts(build_paragraphs(blocks, "s.md", "AI赋能智能制造产业大会在深圳开幕")) == [("paragraph", "大会开幕了。")]


def test_heading_repeated_as_the_line_under_it_is_dropped():
    blocks = [Block("heading", "技术特点", 1, 2), para("技术特点", 2), para("模型具备专业知识。", 3)]
    assert texts(build_paragraphs(blocks, "s.md", "标题")) == [("heading", "技术特点"), ("paragraph", "模型具备专业知识。")]


def test_title_words_later_in_the_text_are_kept():
    blocks = [para("大会开幕了。", 1), para("标题", 2)]
    assert len(build_paragraphs(blocks, "s.md", "标题")) == 2


def test_a_running_header_left_once_in_a_report_is_dropped():
    title = "2025年粤港澳大湾区人工智能发展报告"
    blocks = [para("大湾区人工智能产业保持快速增长。", 3), Block("heading", "大湾区人工智能发展报告 2025", 9, 2),
              para("8月15日，澳门与华为签署合作协议。", 10), Block("heading", title, 20, 2), para("完。", 21)]
    assert texts(build_paragraphs(blocks, "r.pdf", title)) == [
        ("paragraph", "大湾区人工智能产业保持快速增长。"), ("paragraph", "8月15日，澳门与华为签署合作协议。"), ("paragraph", "完。"),
    ]


def test_a_section_named_with_words_of_the_title_is_kept():
    blocks = [para("合肥发布政策。", 1), Block("heading", "人工智能产业政策", 2, 2), Block("heading", "2024年进展", 5, 2),
              para("产业规模增长。", 6)]
    assert len(build_paragraphs(blocks, "s.txt", "2025年合肥发布人工智能产业政策")) == 4


def test_paragraphs_are_numbered_in_order_with_their_source_lines():
    blocks = [Block("heading", "一节", 2, 2), para("第一段。", 4), Block("byline", "主席 张三", 6, meta={"role": "speaker"}),
              para("第二段 [3]。", 8)]
    result = build_paragraphs(blocks, "seeds/a.md", "标题")
    assert [(p.anchor, p.kind, p.source_line) for p in result] == [
        ("p1", "heading", 2), ("p2", "paragraph", 4), ("p3", "byline", 6), ("p4", "paragraph", 8)
    ]
    assert result[0].level == 2 and result[3].citations == ["3"] and result[3].source_path == "seeds/a.md"


def test_many_broken_lines_join_in_linear_time():
    blocks = [para("这是一段，没有结束的文字" * 3, line) for line in range(20_000)]
    assert len(join_broken_blocks(blocks)) == 1


def test_a_table_row_is_never_joined_to_the_prose_around_it():
    row = lambda text, line: Block("paragraph", text, line, meta={"table": "row"})  # noqa: E731
    blocks = [
        para("园区发布年度数据，详见", 1), row("人工智能企业数量 | 1200家", 3), row("产业规模 | 850亿元", 4),
        para("园区管委会主任李明表示，明年将重点发展具身智能", 6),
    ]
    assert texts(build_paragraphs(blocks, "s.md", "标题")) == [
        ("paragraph", "园区发布年度数据，详见"), ("paragraph", "人工智能企业数量 | 1200家"),
        ("paragraph", "产业规模 | 850亿元"), ("paragraph", "园区管委会主任李明表示，明年将重点发展具身智能"),
    ]


def test_a_numbered_section_title_is_not_joined_to_the_text_under_it():
    blocks = [para("一、算力基础设施建设", 3), para("合肥先进计算中心二期已于4月底建成。", 4),
              para("（二）模型研发", 5), para("科大讯飞发布星火大模型。", 6)]
    assert len(join_broken_blocks(blocks)) == 4
    broken = [para("一、加强算力供给，对在汉建设智能算力中心的", 3), para("企业给予补贴。", 4)]  # a numbered sentence broken
    assert len(join_broken_blocks(broken)) == 1
