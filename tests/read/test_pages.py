"""Page furniture of paged text: page numbers and running headers go, the
sentence broken by a page break closes up, a masthead header stays once."""

from __future__ import annotations

import pytest

from sitegen.read import plain
from sitegen.read.pages import is_page_number, strip_page_furniture

PAGED = """南方日报  2025年6月18日  星期三
第 3 页

广州南沙打造人工智能创新高地

6月17日，大会在广州南沙开幕。香港科技大学（广州）与多家企业共建联合

— 3 —

\f南方日报  2025年6月18日  星期三
第 4 页

实验室，推动科研成果转化应用。

— 4 —
"""


@pytest.mark.parametrize("line", ["第 3 页", "第3页 共12页", "— 3 —", "- 12 -", "Page 4", "p. 4 of 9", "3/12", "（7）"])
def test_page_number_lines_are_recognised(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["第3页的内容见下文。", "2025-06-18", "3月12日", "第三页"])
def test_text_is_not_a_page_number(line):
    assert not is_page_number(line)


def test_page_numbers_and_repeated_headers_are_blanked_keeping_line_numbers():
    result = strip_page_furniture(PAGED)
    lines = result.text.split("\n")
    assert len(lines) == len(PAGED.split("\n"))
    assert "第 3 页" not in result.text and "— 4 —" not in result.text
    assert result.text.count("南方日报") == 1  # the masthead stays once, as a byline
    assert result.dropped == 5


def test_plain_reader_joins_nothing_but_drops_the_furniture():
    blocks = plain.read(PAGED).blocks
    assert [b.kind for b in blocks] == ["byline", "heading", "paragraph", "paragraph"]
    assert blocks[0].meta == {"role": "source", "publisher": "南方日报", "date": "2025年6月18日"}
    assert blocks[2].text.endswith("共建联合") and blocks[3].text.startswith("实验室")


def test_a_repeated_header_that_is_no_byline_goes_everywhere():
    text = PAGED.replace("南方日报  2025年6月18日  星期三", "人工智能产业发展报告")
    assert "人工智能产业发展报告" not in strip_page_furniture(text).text


def test_text_without_page_breaks_is_untouched():
    text = "标题\n\n第一段。\n\n标题\n\n第二段。\n"
    assert strip_page_furniture(text).text == text


def test_a_table_of_contents_is_furniture_keeping_line_numbers():
    text = (
        "2025年长三角人工智能发展报告\n\n目  录\n一、总体情况 ........................ 1\n"
        "二、重点城市 ........................ 3\n三、展望 …………………… 5\n\n一、总体情况\n\n2025年，长三角人工智能产业快速增长。\n"
    )
    result = strip_page_furniture(text)
    lines = result.text.split("\n")
    assert result.dropped == 4 and len(lines) == len(text.split("\n"))
    assert lines[2:6] == ["", "", "", ""] and lines[7] == "一、总体情况"


def test_one_line_with_dot_leaders_is_no_table_of_contents():
    text = "目录\n价格说明 ........ 3\n\n正文。\n"
    assert strip_page_furniture(text).dropped == 0


REPORT = """2025 年广东省人工智能产业发展报告

广东省人工智能产业协会
2025 年 10 月

2024 年，广东省人工智能核心产业规模达到 2200 亿元，同比增长 18.5%，
企业数量超过 1500 家。

2025 年广东省人工智能产业发展报告                                    - 3 -

深圳已建成鹏城云脑等多个大型智算中心。

2025 年广东省人工智能产业发展报告                                    - 4 -
"""


def test_a_running_header_on_the_page_numbers_line_goes_when_it_repeats():
    result = strip_page_furniture(REPORT)
    assert "- 3 -" not in result.text and "- 4 -" not in result.text
    assert result.text.count("2025 年广东省人工智能产业发展报告") == 1  # the title stays
    once = REPORT.replace("2025 年广东省人工智能产业发展报告                                    - 4 -", "")
    assert "- 3 -" in strip_page_furniture(once).text  # said once, it may be the text's own


def test_a_reports_issuer_over_its_date_is_its_publisher_and_date():
    blocks = plain.read(REPORT).blocks
    byline = next(b for b in blocks if b.kind == "byline")
    assert byline.meta == {"role": "source", "publisher": "广东省人工智能产业协会", "date": "2025 年 10 月"}


def test_an_issuer_under_a_date_line_is_its_publisher():
    release = "澳門特區政府推動人工智能應用\n2025-11-18 15:42\n新聞局\n\n行政公職局今（18）日宣佈，首批智慧政務項目正式上線。\n"
    blocks = plain.read(release).blocks
    assert [(b.kind, b.text) for b in blocks][1:] == [
        ("byline", "2025-11-18 15:42\n新聞局"), ("paragraph", "行政公職局今（18）日宣佈，首批智慧政務項目正式上線。"),
    ]
    assert blocks[1].meta["publisher"] == "新聞局"
    body = "人工智能应用上线\n2025-11-18\n\n深圳市人工智能行业协会\n\n协会发布报告。\n"
    assert [b.kind for b in plain.read(body).blocks] == ["heading", "byline", "paragraph", "paragraph"]


def test_a_running_header_that_is_no_byline_is_kept_as_the_running_title():
    text = PAGED.replace("南方日报  2025年6月18日  星期三", "湖北省人工智能产业发展报告（2023）")
    assert strip_page_furniture(text).running_title == "湖北省人工智能产业发展报告（2023）"
    assert plain.read(text).meta["running_title"] == "湖北省人工智能产业发展报告（2023）"


def test_a_masthead_byline_and_page_numbers_are_no_running_title():
    assert strip_page_furniture(PAGED).running_title == ""
    assert "running_title" not in plain.read(PAGED).meta


def test_a_running_header_beside_its_page_numbers_is_the_running_title():
    page = "2025 年广东省人工智能产业发展报告          - {n} -\n\n第{n}页的正文内容。\n\n"
    assert strip_page_furniture(page.format(n=3) + page.format(n=4)).running_title == "2025 年广东省人工智能产业发展报告"
