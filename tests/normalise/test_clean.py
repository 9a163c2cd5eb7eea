"""Text cleaning rules, one behaviour per test, on real lines from the seeds."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.normalise.clean import (
    clean_text,
    extract_citations,
    join_wraps,
    normalise_unicode,
    strip_markup,
    text_key,
)


def clean(text: str, kind: str = "paragraph") -> str:
    return clean_text(text, kind)[0]


def test_line_wrap_between_cjk_characters_leaves_no_space():
    assert join_wraps("天津接\n下来可以") == "天津接下来可以"


def test_line_wrap_between_latin_words_becomes_one_space():
    assert join_wraps("WORLD INTELLIGENCE\nEXPO 2026") == "WORLD INTELLIGENCE EXPO 2026"


def test_markdown_hard_break_spaces_go_with_the_wrap():
    assert clean("人工智能助力  \n数字经济发展  \n再上新台阶", "heading") == "人工智能助力数字经济发展再上新台阶"


def test_spaces_between_cjk_and_digits_are_removed():
    assert clean("11 月 21 日，在 2024 年世界互联网大会") == "11月21日，在2024年世界互联网大会"
    assert clean("已培育 421 家国家级智能制造示范工厂，在 90% 以上的工厂") == (
        "已培育421家国家级智能制造示范工厂，在90%以上的工厂"
    )


def test_space_on_one_side_of_a_number_is_removed():
    assert clean("在 2024年世界互联网大会上，共 20个项目") == "在2024年世界互联网大会上，共20个项目"


def test_space_inside_latin_number_unit_is_kept():
    assert clean("香港总算力目前已达 5000 PFLOPS，其中") == "香港总算力目前已达5000 PFLOPS，其中"


def test_alphanumeric_words_keep_their_space_to_cjk():
    assert clean("爱立信的 5G 可编程网络，裸眼 3D 通话") == "爱立信的 5G 可编程网络，裸眼 3D 通话"


def test_space_between_cjk_and_latin_word_is_kept_where_the_source_had_one():
    assert clean("蚂蚁集团董事长兼 CEO 井贤栋认为，走进“AI 全息舱”") == "蚂蚁集团董事长兼 CEO 井贤栋认为，走进“AI 全息舱”"


def test_stray_space_between_cjk_characters_in_prose_is_removed():
    assert clean('彰显了香港作为"超级联系人"和"超级增值 人"的重要地位,香港') == (
        "彰显了香港作为“超级联系人”和“超级增值人”的重要地位，香港"
    )


def test_spaces_between_the_names_of_a_parenthesised_credit_are_kept():
    text = "新华社成都3月5日电（记者 李晓婷 张源）3月5日，大会在成都开幕。"
    assert clean(text) == text


def test_spaces_between_parallel_phrases_of_a_quoted_slogan_are_kept():
    assert clean('本届大会以"智能时代 同球共济"为主题,展览面积大。') == "本届大会以“智能时代 同球共济”为主题，展览面积大。"


@pytest.mark.parametrize("text", ["“人工智 能发展”，是的。", "“人工智能发展 大会”，是的。"])
def test_a_wrap_inside_a_quote_that_is_no_parallel_phrase_is_joined(text):
    assert " " not in clean(text)


def test_spaces_separating_phrases_in_a_heading_are_kept():
    title = "大咖齐聚津门 共话智能创新发展 看好AI产业前景"
    assert clean(title, "heading") == title


def test_spaces_separating_clauses_in_unpunctuated_digest_text_are_kept():
    text = "世界人工智能大会首次在香港举办年度旗舰活动 标志着内地前沿AI产业实践与香港国际枢纽功能完成历史性战略握手"
    assert clean(text) == text


def test_half_width_punctuation_between_cjk_becomes_full_width():
    assert clean("许志锰:人工智能第一城,未来北京什么样?", "heading") == "许志锰：人工智能第一城，未来北京什么样？"
    assert clean("重磅盛会首落香港!李家超发声", "heading") == "重磅盛会首落香港！李家超发声"


def test_half_width_comma_after_a_number_in_chinese_prose_becomes_full_width():
    assert clean("人数占全国超40%,AI领域专家总量更是达到全国的三成") == "人数占全国超40%，AI领域专家总量更是达到全国的三成"


def test_punctuation_inside_numbers_times_and_urls_is_kept():
    assert clean("2026-01-23 06:36 共 1,000 家，增长 3.5 倍") == "2026-01-23 06:36 共1,000家，增长3.5倍"
    assert clean("详见 https://example.com/a?x=1,2 的报告") == "详见 https://example.com/a?x=1,2 的报告"


def test_latin_punctuation_between_latin_words_is_kept():
    assert clean("Hello, world! 你好") == "Hello, world! 你好"


def test_parentheses_around_chinese_become_full_width():
    assert clean("Open Claw(开源智能体框架)、中国移动(香港)创新研究院") == "Open Claw（开源智能体框架）、中国移动（香港）创新研究院"


def test_markdown_link_and_image_targets_are_untouched():
    assert clean("[其他多家机构](https://example.com)") == "[其他多家机构](https://example.com)"
    image = '![光子专用大模型](https://s.coze.cn/t/Baw/ "光子专用大模型")'
    assert clean(image, "image") == image


def test_straight_quotes_pair_into_chinese_quotes():
    assert clean("\"'十五五'规划建议提出,支持香港发展。\"李家超说") == "“‘十五五’规划建议提出，支持香港发展。”李家超说"


def test_citation_markers_are_removed_and_kept_as_data():
    assert extract_citations("提升政府效能 [5] 香港总算力 [8][9]") == ("提升政府效能 香港总算力", ["5", "8", "9"])
    assert clean_text("成为香港第一家独角兽企业并成功上市 [9]") == ("成为香港第一家独角兽企业并成功上市", ["9"])


def test_a_superscript_footnote_number_is_a_citation_but_a_units_power_is_not():
    assert extract_citations("同比增长23.4%¹，新增企业147家²。") == ("同比增长23.4%，新增企业147家。", ["1", "2"])
    assert extract_citations("占地10万m²的园区") == ("占地10万m²的园区", [])


def test_markdown_links_are_not_citations():
    assert extract_citations("见[5](https://a.b)与[注][5]") == ("见[5](https://a.b)与[注][5]", [])


def test_html_comments_and_tags_are_removed():
    text = "正文<!-- 非定向300*250按钮    17/09  wenjing  begin --></div>结束<script>alert(1)</script>"
    assert strip_markup(text) == "正文结束"


def test_text_that_only_looks_like_a_tag_is_kept():
    assert strip_markup("若 a<b 且 c>d") == "若 a<b 且 c>d"


def test_html_entities_are_decoded():
    assert clean("研发&amp;制造&nbsp;中心") == "研发&制造 中心"


def test_invisible_and_wide_spaces_are_normalised():
    assert normalise_unicode("人工\u200b智能\u00a0产业\u3000大会\ufeff") == "人工智能 产业 大会"


@pytest.mark.parametrize("written", ["雷蒙．特蘭", "雷蒙‧特蘭", "雷蒙・特蘭", "雷蒙•特蘭", "雷蒙·特蘭"])
def test_the_dot_in_a_transliterated_name_is_the_middle_dot(written):
    assert normalise_unicode(f"總經理{written}表示") == "總經理雷蒙·特蘭表示"


def test_text_is_nfc():
    assert normalise_unicode("Cafe\u0301") == "Caf\u00e9"
    assert normalise_unicode("ＡＩ联盟２０日成立，占比６０％（１．５倍）") == "AI联盟20日成立，占比60%（1．5倍）"


def test_list_items_stay_on_their_own_lines():
    assert clean("- 税收优惠\n- 研发补贴,人才\n  培养计划\n1. **政务** 智能体", "list") == (
        "- 税收优惠\n- 研发补贴，人才培养计划\n1. **政务** 智能体"
    )


def test_code_is_left_as_written():
    assert clean("x = f(a, b)  # 注释:不改\n", "code") == "x = f(a, b)  # 注释:不改"


def test_heading_loses_markdown_marks():
    assert clean("## 世界互联网大会蓝皮书：", "heading") == "世界互联网大会蓝皮书："


def test_caption_keeps_the_space_in_its_photo_credit():
    assert clean("11 月 20 日，世界互联网大会乌镇峰会在浙江乌镇开幕。新华社 发", "caption") == (
        "11月20日，世界互联网大会乌镇峰会在浙江乌镇开幕。新华社 发"
    )


_TEXT = st.text(
    alphabet=st.sampled_from(list("人工智能大会香港北京年月日") + list("AIPFLOPS09") + list(" \n,.:;!?，。、：“”\"'()（）%-")),
    max_size=80,
)


@settings(max_examples=300)
@given(_TEXT)
def test_cleaning_never_loses_a_letter_or_digit(text):
    assert text_key(clean(text)) == text_key(text)


@settings(max_examples=300)
@given(_TEXT)
def test_cleaning_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@pytest.mark.parametrize("text, cleaned", [
    ("人 工 智 能 产 业 发 展 白 皮 书", "人工智能产业发展白皮书"),  # letter-spaced by PDF extraction
    ("天津的优势 在于创新", "天津的优势 在于创新"),  # spaces between phrases are meant
    ("中 美 合作", "中 美 合作"),  # too short a run to tell
])
def test_a_letter_spaced_heading_closes_up_and_phrase_spaces_stay(text, cleaned):
    assert clean_text(text, "heading")[0] == cleaned


def test_an_em_dash_keeps_its_spaces_between_latin_words_only():
    assert clean_text("SINGAPORE, 12 March 2025 — Singapore's ministry said.")[0] == (
        "SINGAPORE, 12 March 2025 — Singapore's ministry said.")
    assert clean_text("深圳 — 今天发布了 AI 芯片 —— 好。")[0] == "深圳—今天发布了 AI 芯片——好。"
    assert clean_text("2025—2026年")[0] == "2025—2026年"  # no spaces are added


def test_a_law_articles_number_keeps_its_space_before_the_text():
    assert clean("第一条　为了促进人工智能产业发展，制定本条例。") == "第一条 为了促进人工智能产业发展，制定本条例。"
    assert clean("第四十条　本条例自2026年1月1日起施行。") == "第四十条 本条例自2026年1月1日起施行。"
    assert clean("根据第一条 规定执行。") == "根据第一条规定执行。"  # not at the paragraph's start


@pytest.mark.parametrize(
    "text",
    ["[00:01:05] 何晓峰：谢谢。", "【00:01:05】何晓峰：谢谢。", "(01:05) 何晓峰：谢谢。", "00:01:05 何晓峰：谢谢。"],
)
def test_a_transcript_turn_loses_the_recording_time_in_front(text):
    assert clean_text(text)[0] == "何晓峰：谢谢。"


@pytest.mark.parametrize("text", ["09:00 开幕式", "14:30-15:00 圆桌讨论"])
def test_an_agendas_time_of_day_is_content(text):
    assert clean_text(text)[0] == text


def test_a_markdown_footnote_marker_is_a_citation():
    assert clean_text("推理成本下降63%。[^1]") == ("推理成本下降63%。", ["1"])
