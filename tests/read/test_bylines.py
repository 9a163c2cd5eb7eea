"""Credits, speakers, datelines and captions: whole lines of a known shape only."""

from __future__ import annotations

import pytest

from sitegen.read.bylines import (
    caption_credit,
    parse_byline,
    parse_credit,
    parse_dateline,
    parse_issue,
    parse_masthead,
    parse_source_line,
    parse_speaker,
    split_end_dateline,
)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("记者 张艳 王轶斐 姚华", {"authors": "张艳 王轶斐 姚华", "label": "记者"}),
        ("见习记者 苗娜", {"authors": "苗娜", "label": "见习记者"}),
        ("新京报记者 周怀宗", {"publisher": "新京报", "authors": "周怀宗", "label": "记者"}),
        ("编辑 樊一婧 校对 卢茜", {"editors": "樊一婧", "proofreaders": "卢茜", "label": "编辑 校对"}),
        ("图片由组委会提供", {"photos": "组委会", "label": "图片"}),
        ("（记者 魏一骏、郑可意）", {"authors": "魏一骏 郑可意", "label": "记者"}),
        ("责任编辑：王五", {"editors": "王五", "label": "责任编辑"}),
        ("責任編輯：林克倫", {"editors": "林克倫", "label": "責任編輯"}),
        ("記者林宗輝／台北報導　2025年10月16日", {"authors": "林宗輝", "label": "記者", "date": "2025年10月16日"}),
        ("記者鍾泓良／台北即時報導", {"authors": "鍾泓良", "label": "記者"}),  # filed from, longer than a name
        ("记者 张三 2025-04-10 08:30", {"authors": "张三", "label": "记者", "date": "2025-04-10 08:30"}),
        ("Reporting by Jane Tan in Singapore; additional reporting by Bob Lee; Editing by Ann Wu and Li Wei.",
         {"authors": "Jane Tan, Bob Lee", "editors": "Ann Wu, Li Wei", "label": "Reporting by reporting by Editing by"}),
        ("By Jane Tan", {"authors": "Jane Tan", "label": "By"}),
        ("By Claire Dubois, Tech Europe Daily — February 12, 2025",
         {"authors": "Claire Dubois", "publisher": "Tech Europe Daily", "date": "February 12, 2025", "label": "By"}),
        ("By Jane Tan | Reuters | Nov 20, 2025", {"authors": "Jane Tan", "publisher": "Reuters", "date": "Nov 20, 2025", "label": "By"}),
        ("By Sarah Khan | The National | Oct 15, 2025",
         {"authors": "Sarah Khan", "publisher": "The National", "date": "Oct 15, 2025", "label": "By"}),
        ("By Jane Tan, Li Wei — Nov 20, 2025", {"authors": "Jane Tan, Li Wei", "date": "Nov 20, 2025", "label": "By"}),
        ("By Li Wei | China Daily | Updated: 2025-08-12 09:31",  # numeric, after a label
         {"authors": "Li Wei", "publisher": "China Daily", "date": "2025-08-12 09:31", "label": "By"}),
        ("By Li Wei, China Daily — 2025/8/12", {"authors": "Li Wei", "publisher": "China Daily", "date": "2025/8/12", "label": "By"}),
    ],
)
def test_credit_lines_name_their_people(line, expected):
    assert parse_credit(line) == {"role": "credit", **expected}


@pytest.mark.parametrize("line", ["智行天下 能动未来", "记者说这是好事。", "杰思衡", "编辑", "2026世界智能产业博览会",
                                  "By the way, prices rose.", "Editing by hand is slow", "By the way, it is late — March 3, 2025",
                                  "By the way, it is late — Updated: 2025-08-12"])
def test_other_lines_are_not_credits(line):
    assert parse_credit(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025-06-03 10:15 聯合報／ 記者鍾泓良／台北即時報導",
         {"publisher": "聯合報", "date": "2025-06-03 10:15", "authors": "鍾泓良"}),
        ("南方日报 2025年6月18日 | 记者 张三 李四", {"publisher": "南方日报", "date": "2025年6月18日", "authors": "张三 李四"}),
    ],
)
def test_a_masthead_then_a_credit_on_one_line_gives_publisher_date_and_authors(line, expected):
    assert parse_byline(line) == {"role": "source", **expected}


@pytest.mark.parametrize(
    "line", ["2025年第6期（总第18期）                     湖南省工业和信息化厅编", "湖南省工业和信息化厅主办   2025年第6期"],
)
def test_a_bulletins_numbered_issue_and_its_compiler_give_publisher_and_year(line):
    assert parse_byline(line) == {"role": "source", "publisher": "湖南省工业和信息化厅", "date": "2025年"}


def test_a_numbered_issue_beside_no_issuer_is_no_byline():
    assert parse_byline("2025年第6期   今日要闻") is None


def test_speaker_line_splits_title_and_name():
    assert parse_speaker("海光信息总裁助理兼智能计算产品部总经理 杜夏威") == {
        "role": "speaker",
        "name": "杜夏威",
        "title": "海光信息总裁助理兼智能计算产品部总经理",
    }
    assert parse_speaker("杰思衡（联合国驻华协调员）")["title"] == "联合国驻华协调员"


@pytest.mark.parametrize("line", ["智行天下 能动未来", "大咖面对面 聚焦重磅嘉宾", "联合国驻华协调员说 我们来了。"])
def test_slogans_are_not_speakers(line):
    assert parse_speaker(line) is None


def test_dateline_gives_publisher_place_date_and_reporters():
    meta, length = parse_dateline("新华社杭州 11 月 21 日电（记者魏一骏、郑可意）11 月 21 日，《世界互联网发展报告 2024》")
    assert meta == {
        "role": "dateline",
        "dateline": "新华社杭州 11 月 21 日电（记者魏一骏、郑可意）",
        "publisher": "新华社",
        "place": "杭州",
        "date": "11 月 21 日",
        "authors": "魏一骏 郑可意",
    }
    assert length == len(meta["dateline"])
    assert parse_dateline("本报讯（记者 张三）今天")[0]["publisher"] == "本报"
    assert parse_dateline("国家电网报告显示") is None


def test_dateline_closing_a_dispatch_is_split_off():
    text = "“……才能有效利用人工智能的巨大潜力。”联合国副秘书长李军华说。新华社杭州 11 月 21 日电"
    assert split_end_dateline(text) == ("“……才能有效利用人工智能的巨大潜力。”联合国副秘书长李军华说。", "新华社杭州 11 月 21 日电")


@pytest.mark.parametrize(
    "text, credit",
    [
        ("11 月 20 日，2024 年世界互联网大会乌镇峰会在浙江乌镇开幕。新华社 发", "新华社 发"),
        ("与会嘉宾参观展览（新华社记者 徐昱 摄）", "新华社记者 徐昱 摄"),
        ("图为展会现场。", ""),
    ],
)
def test_captions_are_recognised_by_their_photo_credit(text, credit):
    assert caption_credit(text) == credit


@pytest.mark.parametrize("text", ["义。”小米集团创始人、董事长兼首席执行官雷军说", "他们于昨日从北京 出发", "我们出发"])
def test_prose_is_not_a_caption(text):
    assert caption_credit(text) is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("来源：深圳特区报 2025-04-10 08:30", {"publisher": "深圳特区报", "date": "2025-04-10 08:30"}),
        ("发布时间：2025-04-10 来源：新华网 作者：张三", {"publisher": "新华网", "authors": "张三", "date": "2025-04-10"}),
        ("来源: 人民日报海外版 | 2026年01月23日", {"publisher": "人民日报海外版", "date": "2026年01月23日"}),
        ("节目时间：2025年4月12日", {"date": "2025年4月12日"}),
        ("主播：周一鸣", {"authors": "周一鸣"}),
    ],
)
def test_source_lines_give_publisher_and_date(line, expected):
    assert parse_source_line(line) == {"role": "source", **expected}


@pytest.mark.parametrize(
    ("line", "authors"),
    [("记者 张明 合肥报道", "张明"), ("本报记者 王强 李丽 北京报道", "王强 李丽"), ("记者 张明 发自合肥", "张明")],
)
def test_the_place_a_reporter_filed_from_is_no_name(line, authors):
    assert parse_byline(line)["authors"] == authors


@pytest.mark.parametrize("line", ["来源：据统计，今年增长了三成。", "时间：", "他说时间：就是金钱",
                                  "时间：2025年7月26日—28日 地点：上海世博中心"])  # an event's, not the piece's
def test_sentences_are_not_source_lines(line):
    assert parse_source_line(line) is None


@pytest.mark.parametrize(
    "line, publisher, date",
    [
        ("安徽日报 2025-04-18 09:12", "安徽日报", "2025-04-18 09:12"),
        ("南方日报  2025年6月18日  星期三", "南方日报", "2025年6月18日"),
        ("2025-02-11 21:35:08 新华网", "新华网", "2025-02-11 21:35:08"),
        ("人民日报海外版 | 2026-01-23", "人民日报海外版", "2026-01-23"),
        ("21世纪经济报道 2023-07-20", "21世纪经济报道", "2023-07-20"),
        ("联合早报 2025年3月", "联合早报", "2025年3月"),  # a month is all some pages give
    ],
)
def test_a_publication_and_a_date_alone_are_a_masthead(line, publisher, date):
    assert parse_masthead(line) == {"role": "source", "publisher": publisher, "date": date}


@pytest.mark.parametrize(
    "line, meta",
    [
        ("2025-04-18 10:21·深圳商报官方账号", {"publisher": "深圳商报", "date": "2025-04-18 10:21"}),
        ("2025年3月2日 10:21·IT之家 IP属地：北京", {"publisher": "IT之家", "date": "2025年3月2日 10:21"}),
        ("发布于 2025-03-02 10:21・IP 属地北京", {"date": "2025-03-02 10:21"}),  # the poster's place is no news
        ("2025-03-02 10:21 · IP属地：广东", {"date": "2025-03-02 10:21"}),
        ("2025-3-8 10:21 来自 微博 weibo.com", {"date": "2025-3-8 10:21", "client": "微博 weibo.com"}),
        ("昨天 21:15 来自 iPhone 15 Pro", {"date": "昨天 21:15", "client": "iPhone 15 Pro"}),  # the day it was seen: unknown
        ("3小时前 来自 微博 weibo.com", {"date": "3小时前", "client": "微博 weibo.com"}),
        ("林佩仪 发布/2025年8月14日 6:00 AM", {"authors": "林佩仪", "date": "2025年8月14日 6:00 AM"}),
    ],
)
def test_a_platform_posts_stamp_gives_its_date_and_account(line, meta):
    assert parse_masthead(line) == {"role": "source", **meta}


@pytest.mark.parametrize("line", ["大湾区人工智能产业加速集聚", "据新华社 2025年1月2日报道", "2025年6月18日，广州日报发布", "2025 2023-07-20"])
def test_prose_with_a_date_is_no_masthead(line):
    assert parse_masthead(line) is None


def test_a_source_line_with_a_month_names_the_publisher_alone():
    assert parse_source_line("来源：联合早报 2025年3月") == {"role": "source", "publisher": "联合早报", "date": "2025年3月"}


def test_page_counters_and_tools_on_a_source_line_are_no_part_of_the_publisher():
    line = "发布时间：2025-06-10  来源：市工业和信息化局  浏览次数：1234 【字体：大 中 小】"
    assert parse_source_line(line) == {"role": "source", "publisher": "市工业和信息化局", "date": "2025-06-10"}
    assert parse_source_line("来源：新华网 2025-04-10 点击：56") == {"role": "source", "publisher": "新华网", "date": "2025-04-10"}
    assert parse_source_line("浏览次数：1234") is None


def test_a_data_or_material_source_key_is_a_source_key():
    assert parse_source_line("编辑：AI产业研究组 | 数据来源：公开资料整理") == {
        "role": "source", "editors": "AI产业研究组", "publisher": "公开资料整理"}
    assert parse_source_line("资料来源：西安日报") == {"role": "source", "publisher": "西安日报"}


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("發佈日期：2025/09/18　17:45", {"role": "source", "date": "2025/09/18 17:45"}),  # Macao's government pages
        ("發布時間：2025-09-18 來源：澳門日報 編輯：陳大文",
         {"role": "source", "date": "2025-09-18", "publisher": "澳門日報", "editors": "陳大文"}),
        ("瀏覽次數：1234", None),
    ],
)
def test_a_traditional_source_lines_keys_are_read_and_its_values_kept_as_written(line, meta):
    assert parse_byline(line) == meta


def test_a_month_alone_on_a_line_is_no_date_line():
    assert parse_byline("2025年3月") is None  # a chronology's heading


def test_a_date_spaced_out_by_pdf_extraction_is_a_date_line():
    assert parse_byline("2025 年 10 月 15 日") == {"role": "source", "date": "2025 年 10 月 15 日"}


@pytest.mark.parametrize(
    ("issuer", "date", "expected"),
    [
        ("广东省人工智能产业协会", "2025 年 10 月", {"role": "source", "publisher": "广东省人工智能产业协会", "date": "2025 年 10 月"}),
        ("成都市人民政府办公厅", "2025年3月20日", {"role": "source", "publisher": "成都市人民政府办公厅", "date": "2025年3月20日"}),
        ("人工智能产业持续发展", "2025年3月", None),  # no issuer's name
        ("广东省人工智能产业协会", "2025年3月，协会成立。", None),  # no date alone
        # a periodical's name over its issue
        ("數碼港通訊 Cyberport Newsletter", "二〇二四年十二月號", {"role": "source", "publisher": "數碼港通訊", "date": "二〇二四年十二月"}),
        ("深圳人工智能产业简报", "2025年3月号", {"role": "source", "publisher": "深圳人工智能产业简报", "date": "2025年3月"}),
    ],
)
def test_an_issuer_over_a_date_is_a_source(issuer, date, expected):
    assert parse_issue(issuer, date) == expected


@pytest.mark.parametrize("line", ["来源：东方资讯网记者 陈思远", "来源：东方资讯网 记者 陈思远"])
def test_a_credit_run_into_the_source_is_split_from_the_publisher(line):
    assert parse_source_line(line) == {"role": "source", "publisher": "东方资讯网", "authors": "陈思远"}


def test_a_traditional_chinese_masthead_with_the_date_first():
    assert parse_masthead("2025年9月12日 澳門特別行政區政府新聞局") == {
        "role": "source", "publisher": "澳門特別行政區政府新聞局", "date": "2025年9月12日",
    }


@pytest.mark.parametrize("line, date", [("2025年9月20日（星期六）", "2025年9月20日"), ("2025-09-20", "2025-09-20")])
def test_a_date_alone_on_a_line_is_a_byline(line, date):
    assert parse_byline(line) == {"role": "source", "date": date}


@pytest.mark.parametrize(
    ("text", "place", "date", "publisher"),
    [
        ("北京，2025年6月3日 /美通社/ -- 联想集团今天发布新品。", "北京", "2025年6月3日", "美通社"),
        ("（2025年5月20日，福州）第八届数字中国建设峰会举行。", "福州", "2025年5月20日", None),
        ("中国·福州，2025年5月20日——第八届峰会举行。", "福州", "2025年5月20日", None),
        ("SINGAPORE, 12 March 2025 — Singapore's ministry said.", "Singapore", "12 March 2025", None),
        ("SAN FRANCISCO, Nov 20 (Reuters) - Nvidia said.", "San Francisco", "Nov 20", "Reuters"),
        ("BEIJING, March 3, 2025 /PRNewswire/ -- Baidu said.", "Beijing", "March 3, 2025", "PRNewswire"),
    ],
)
def test_a_press_releases_dateline(text, place, date, publisher):
    meta, _ = parse_dateline(text)
    assert (meta["place"], meta["date"], meta.get("publisher")) == (place, date, publisher)


@pytest.mark.parametrize(("text", "place", "publisher"), [("PARIS — More than 1,000 participants gathered.", "Paris", None),
                                                       ("HONG KONG (Reuters) — The city said.", "Hong Kong", "Reuters")])
def test_an_english_wires_dateline_may_name_its_place_alone(text, place, publisher):
    meta, length = parse_dateline(text)
    assert (meta["place"], meta.get("publisher"), "date" in meta) == (place, publisher, False)
    assert text[length:].startswith(("More", "The"))


@pytest.mark.parametrize("text", ["北京市2025年工作要点。", "2025年5月20日，福州举办峰会。",
                                  "Apple said on Monday, May 5 - a new phone.", "The firm, 12 March 2025 - x",
                                  "AI — the next frontier.", "Paris — the city of light."])
def test_prose_opening_with_a_place_or_date_is_no_release_dateline(text):
    assert parse_dateline(text) is None


def test_a_source_line_in_full_width_digits_and_wide_spaces_is_read():
    assert parse_byline("２０２５年１１月２０日\u3000来源：科技日报") == {
        "role": "source", "publisher": "科技日报", "date": "2025年11月20日",
    }


@pytest.mark.parametrize("line", ["国办发〔2025〕3号", "京政发[2025]12号", "粤府函〔2025〕112号", "武政办 〔2025〕 18号"])
def test_an_official_documents_number_is_a_line_of_its_own(line):
    assert parse_byline(line) == {"role": "number", "number": line.strip()}


@pytest.mark.parametrize("line", ["按照国办发〔2025〕3号文件要求", "〔2025〕18号", "2025年第3号"])
def test_a_document_number_inside_a_sentence_or_without_its_issuer_is_no_number_line(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "publisher", "date"),
    [
        ("《 人民日报 》（ 2025年11月21日 第 04 版）", "人民日报", "2025年11月21日"),
        ("《人民日报海外版》（2025年03月05日 第01版）", "人民日报海外版", "2025年03月05日"),
        ("《经济日报》2025年11月21日 第5版", "经济日报", "2025年11月21日"),
    ],
)
def test_a_papers_print_edition_line_names_it_and_the_day(line, publisher, date):
    assert parse_byline(line) == {"role": "source", "publisher": publisher, "date": date}


def test_a_document_named_in_book_title_marks_over_a_date_is_no_edition_line():
    assert parse_byline("《行动方案》2025年11月21日印发") is None


def test_a_source_line_may_open_with_the_publications_name_unlabelled():
    assert parse_byline("襄阳日报　发布时间：2025-06-13 08:30　作者：马骏 叶青") == {
        "role": "source", "publisher": "襄阳日报", "date": "2025-06-13 08:30", "authors": "马骏 叶青"}
    assert parse_byline("人工智能产业 发布时间：2025-06-13") is None  # no publication's name


def test_a_work_reports_occasion_under_its_title_gives_its_date():
    assert parse_byline("——2025年1月14日在赣州市第五届人民代表大会第五次会议上") == {"role": "source", "date": "2025年1月14日"}
    assert parse_byline("——2025年1月14日在赣州召开会议，会上提出目标。") is None
