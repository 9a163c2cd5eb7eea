"""Credits, datelines, bylines and front matter -> publisher, authors, dates."""

import datetime as dt

import pytest

from sitegen.model import PartialDate
from sitegen.normalise.metadata import (
    file_name_parts,
    is_dateline_only,
    meta_date,
    meta_publisher_and_authors,
    meta_tags,
    parse_byline,
    parse_credit_line,
    parse_dateline,
    split_names,
    split_trailing_credit,
    trailing_dateline,
)


def test_reporter_credit_gives_authors():
    credit = parse_credit_line("记者 张艳 王轶斐 姚华")
    assert credit.authors == ["张艳", "王轶斐", "姚华"] and credit.publisher is None


def test_newspaper_reporter_credit_gives_publisher_and_author():
    credit = parse_credit_line("新京报记者 周怀宗")
    assert (credit.publisher, credit.authors) == ("新京报", ["周怀宗"])


def test_trainee_reporter_is_an_author():
    assert parse_credit_line("见习记者 苗娜").authors == ["苗娜"]


def test_editor_and_picture_credits_are_credits_without_authors():
    assert parse_credit_line("编辑 樊一婧 校对 卢茜").authors == []
    assert parse_credit_line("图片由组委会提供").authors == []


def test_an_editors_byline_is_a_credit_however_it_is_separated():
    for line in ("编辑｜李明", "编辑 | 李明", "责编：李明"):
        credit, problem = parse_byline(line, {"role": "credit", "editors": "李明", "label": "编辑"})
        assert credit is not None and credit.authors == [] and problem is None, line


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("记者 张明 合肥报道", ["张明"]),
        ("本报记者 王强 李丽 北京报道", ["王强", "李丽"]),
        ("记者 张明 发自合肥", ["张明"]),
        ("记者张明 深圳电", ["张明"]),
    ],
)
def test_the_place_a_reporter_filed_from_is_no_author(line, authors):
    assert parse_credit_line(line).authors == authors


def test_photographer_is_not_an_author():
    assert parse_credit_line("新华社记者 张三 摄").authors == []


def test_speaker_line_and_sentences_are_not_credits():
    assert parse_credit_line("联合国驻华协调员 杰思衡") is None
    assert parse_credit_line("记者在现场看到，展会人头攒动。") is None
    assert parse_credit_line("文明发展") is None


def test_source_line_gives_publisher():
    assert parse_credit_line("来源：新京报").publisher == "新京报"


def test_dateline_gives_publisher_authors_and_date_with_year_from_the_text():
    text = "新华社杭州 11 月 21 日电（记者魏一骏、郑可意）11 月 21 日，在 2024 年世界互联网大会乌镇峰会上发布。"
    credit, length = parse_dateline(text)
    assert credit.publisher == "新华社"
    assert credit.authors == ["魏一骏", "郑可意"]
    assert credit.date.start == PartialDate(2024, 11, 21)
    assert credit.date.text == "11 月 21 日"
    assert text[:length].endswith("郑可意）")


def test_a_papers_own_dateline_names_no_publisher_but_its_reporter():
    credit, _ = parse_dateline("本报北京11月20日电（记者 李强）联盟20日在北京成立。")
    assert (credit.publisher, credit.authors) == (None, ["李强"])


def test_dateline_without_a_year_nearby_has_no_date():
    credit, _ = parse_dateline("新华社杭州 11 月 21 日电")
    assert credit.publisher == "新华社" and credit.date is None


def test_a_news_sites_lead_in_names_the_site_and_the_reporter():
    credit, length = parse_dateline("【环球网科技报道 记者 金敏】9月17日，峰会在首尔开幕。")
    assert (credit.publisher, credit.authors, length) == ("环球网", ["金敏"], 15)
    assert parse_dateline("【环球时报综合报道】据外媒报道，峰会开幕。")[0].publisher == "环球时报"
    credit, _ = parse_dateline("新浪科技讯 11月19日消息，2025年第28届班加罗尔科技峰会举行。")
    assert credit.publisher == "新浪科技" and credit.date.start == PartialDate(2025, 11, 19)
    credit, _ = parse_dateline("新浪科技讯 12月1日下午消息，郑州市人民政府今日印发方案。")
    assert credit.publisher == "新浪科技"
    assert parse_dateline("【深圳】深圳发布低空经济政策。") is None


def test_a_bracketed_cna_dateline_gives_the_agency_and_the_date():
    credit, length = parse_dateline("（中央社記者趙麗妍台中2025年8月12日電）台中市政府今天宣布設立AI中心。")
    assert (credit.publisher, credit.date.start, length) == ("中央社", PartialDate(2025, 8, 12), 23)
    credit, _ = parse_dateline("（中央社記者陳雅婷台北5日電）國科會宣布新計畫。")
    assert credit.publisher == "中央社" and credit.date_text == "5日"
    assert parse_dateline("（图为会场）合肥发布新政。") is None


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("（中央社記者趙麗妍台中2025年8月12日電）台中市政府今天宣布設立AI中心。", ["趙麗妍"]),
        ("（中央社記者劉品希華盛頓3日電）美國商務部公布新規。", ["劉品希"]),
        ("（中央社記者吳家豪、蘇思云台北7日電）輝達今天宣布。", ["吳家豪", "蘇思云"]),
        ("（中央社記者王寧台北7日電）鴻海今天宣布。", ["王寧"]),
        ("（中央社記者歐陽明台北7日電）鴻海今天宣布。", ["歐陽明"]),
        ("（中央社記者陳雅婷5日電）國科會宣布新計畫。", ["陳雅婷"]),
    ],
)
def test_a_bracketed_cna_dateline_names_the_reporters_run_into_the_place(line, authors):
    credit, _ = parse_dateline(line)
    assert credit.authors == authors


def test_a_bracketed_credit_after_the_last_sentence_is_split_off():
    text, credit = split_trailing_credit("出口金額年增逾一倍。（編輯：林克倫）1140812")
    assert text == "出口金額年增逾一倍。" and credit is not None
    text, credit = split_trailing_credit("出口增长。（记者 张三）")
    assert (text, credit.authors) == ("出口增长。", ["张三"])
    assert split_trailing_credit("合肥发布新政。（图为会场）") is None
    assert split_trailing_credit("他说（记者 张三）好。") is None


def test_a_source_line_saying_how_the_piece_was_compiled_names_no_publisher():
    assert parse_credit_line("来源：网络") is not None and parse_credit_line("来源：网络").publisher is None
    credit, _ = parse_byline("数据来源：公开资料整理", {"role": "source", "publisher": "公开资料整理"})
    assert credit is not None and credit.publisher is None
    assert parse_byline("来源：新华网", {"role": "source", "publisher": "新华网"})[0].publisher == "新华网"


def test_lone_dateline_paragraph_is_recognised():
    assert is_dateline_only("新华社杭州 11 月 21 日电")
    assert not is_dateline_only("新华社杭州 11 月 21 日电（记者高亢）当前，人工智能快速迭代。")


def test_closing_dateline_after_the_last_sentence_gives_publisher():
    assert trailing_dateline("联合国副秘书长李军华说。新华社杭州 11 月 21 日电").publisher == "新华社"
    assert trailing_dateline("他说新华社很好。") is None


def test_digest_byline_gives_publisher_and_date():
    credit, problem = parse_byline("人民日报海外版· 2026-01-23 06:36", {})
    assert credit.publisher == "人民日报海外版"
    assert credit.date.start == PartialDate(2026, 1, 23) and credit.date.text == "2026-01-23 06:36"
    assert problem is None


def test_byline_meta_from_the_reader_wins():
    credit, _ = parse_byline("x", {"publisher": "中国基金报", "date": "2026-01-18 11:21", "authors": "甲 乙"})
    assert (credit.publisher, credit.authors, credit.date.start.day) == ("中国基金报", ["甲", "乙"], 18)


def test_a_readers_authors_written_as_a_credit_give_the_credits_names():
    credit, _ = parse_byline("上游新闻 记者 李华", {"role": "source", "publisher": "上游新闻", "authors": "记者 李华"})
    assert credit.authors == ["李华"]
    credit, _ = parse_byline("x", {"role": "source", "authors": "Jane Tan, 张三"})
    assert credit.authors == ["Jane Tan", "张三"]


def test_impossible_byline_date_is_a_problem_and_no_date():
    credit, problem = parse_byline("中国基金报· 2025-13-45 11:21", {})
    assert credit.publisher == "中国基金报" and credit.date is None
    assert "2025-13-45" in problem.message


def test_yearless_byline_date_is_not_a_problem():
    credit, problem = parse_byline("新华社杭州 11 月 21 日电", {"publisher": "新华社", "date": "11 月 21 日"})
    assert credit.publisher == "新华社" and problem is None


def test_front_matter_date_object_keeps_the_written_text():
    text = "---\ntitle: x\ndate: 2025-05-08\n---\n"
    span, bad, line = meta_date({"date": dt.date(2025, 5, 8)}, text)
    assert span.start == PartialDate(2025, 5, 8) and span.text == "2025-05-08" and line == 3 and not bad


def test_front_matter_datetime_and_string_dates():
    span, _, _ = meta_date({"date": dt.datetime(2025, 5, 8, 9, 0)}, "")
    assert span.start == PartialDate(2025, 5, 8)
    span, _, _ = meta_date({"date": "2025-05-08 09:00"}, "")
    assert span.start == PartialDate(2025, 5, 8) and span.text == "2025-05-08 09:00"
    span, _, _ = meta_date({"date": 2026}, "")
    assert span.start == PartialDate(2026) and span.precision == "year"


def test_impossible_front_matter_date_is_reported_with_its_line():
    span, bad, line = meta_date({"date": "2025-13-45"}, "---\ntitle: x\ndate: 2025-13-45\n---\n")
    assert span is None and bad == "2025-13-45" and line == 3


def test_author_that_is_an_organisation_is_the_publisher():
    assert meta_publisher_and_authors({"author": "人民日报"}) == ("人民日报", [])
    assert meta_publisher_and_authors({"author": "张三、李四"}) == (None, ["张三", "李四"])
    assert meta_publisher_and_authors({"source": "新华社", "author": "张三"}) == ("新华社", ["张三"])
    # a Word or PDF file's author is often the body that issued it
    assert meta_publisher_and_authors({"author": "杭州市经信局"}) == ("杭州市经信局", [])
    assert meta_publisher_and_authors({"author": "张三、中国信息通信研究院"}) == ("中国信息通信研究院", ["张三"])


def test_tags_from_list_or_string():
    assert meta_tags({"tags": ["AI", "智能制造", "AI"]}) == ["AI", "智能制造"]
    assert meta_tags({"tags": "AI, 智能制造，深圳"}) == ["AI", "智能制造", "深圳"]
    assert meta_tags({"tags": None}) == []


def test_author_written_as_a_credit_names_people_and_publisher():
    assert meta_publisher_and_authors({"author": "记者 何佳"}) == (None, ["何佳"])
    assert meta_publisher_and_authors({"author": "新京报记者 周怀宗"}) == ("新京报", ["周怀宗"])
    assert meta_publisher_and_authors({"author": "新京报记者 周怀宗", "source": "新京报网"}) == ("新京报网", ["周怀宗"])
    assert meta_publisher_and_authors({"author": "贵州日报 记者 王芳"}) == ("贵州日报", ["王芳"])  # a space after the paper


def test_traditional_dateline_and_credits_are_read():
    credit, _ = parse_dateline("中央社台北9月11日電（記者 林昭彰）人工智能論壇11日在台北舉行。")
    assert (credit.publisher, credit.authors, credit.date_text) == ("中央社", ["林昭彰"], "9月11日")
    assert parse_credit_line("記者 張三 攝").authors == []


def test_a_press_releases_dateline_dates_it_and_names_the_wire():
    credit, length = parse_dateline("北京，2025年6月3日 /美通社/ -- 联想集团今天发布新品。")
    assert (credit.publisher, credit.date.iso(), length) == ("美通社", "2025-06-03", 22)
    credit, _ = parse_dateline("（2025年5月20日，福州）第八届数字中国建设峰会举行。")
    assert (credit.publisher, credit.date.iso()) == (None, "2025-05-20")


def test_names_in_latin_letters_keep_their_spaces():
    assert split_names("张艳、王轶斐 姚华") == ["张艳", "王轶斐", "姚华"]
    assert split_names("Jane Tan, Mark Lee") == ["Jane Tan", "Mark Lee"]
    assert split_names("John Smith and Ann Lee") == ["John Smith", "Ann Lee"]


@pytest.mark.parametrize(
    ("path", "title", "iso"),
    [
        ("seeds/2025-04-19 厦门发布人工智能专项政策.txt", "厦门发布人工智能专项政策", "2025-04-19"),
        ("20250419_厦门发布.txt", "厦门发布", "2025-04-19"),
        ("厦门发布政策（2025-04-19）.md", "厦门发布政策", "2025-04-19"),
        ("003_b2303436497e7909.txt", "003_b2303436497e7909", None),
        ("2025-13-45 厦门.txt", "2025-13-45 厦门", None),
        ("报告2025.txt", "报告2025", None),
    ],
)
def test_a_file_named_by_its_date_and_title_gives_both(path, title, iso):
    found_title, date = file_name_parts(path)
    assert (found_title, date.iso() if date else None) == (title, iso)


def test_a_sites_own_reporter_or_compiler_is_an_author_and_the_site_no_publisher():
    assert meta_publisher_and_authors({"author": "本站编译 林晓"}) == (None, ["林晓"])
    assert meta_publisher_and_authors({"author": "本站记者 马骁"}) == (None, ["马骁"])


def test_a_wire_named_as_the_author_is_the_publisher():
    assert meta_publisher_and_authors({"author": "Xinhua"}) == ("Xinhua", [])
