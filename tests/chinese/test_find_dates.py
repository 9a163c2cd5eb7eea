"""find_dates: dates in running text, years from context, never an invented day."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from sitegen.chinese.dates import find_dates, is_target
from sitegen.model import PartialDate


def _isos(text, reference=None):
    return [(text[f.start : f.end], f.span.iso(), f.span.approximate) for f in find_dates(text, reference)]


def test_pdf_spaced_day_range_keeps_both_ends():
    text = "11 月 19 日至 22 日，2024 年世界互联网大会乌镇峰会在浙江桐乡举行。"
    assert _isos(text)[0] == ("11 月 19 日至 22 日", "2024-11-19/2024-11-22", False)


def test_ranges_across_months_and_with_explicit_year():
    assert _isos("11月30日至12月2日举行", PartialDate(2024, 11))[0][1] == "2024-11-30/2024-12-02"
    assert _isos("2024年11月19日-22日")[0][1] == "2024-11-19/2024-11-22"
    assert _isos("2025年12月30日至1月2日")[0][1] == "2025-12-30/2026-01-02"


def test_month_day_takes_the_publication_year():
    text = "1月25日，北京市第十六届人民代表大会第四次会议开幕"
    assert _isos(text, PartialDate(2026, 1, 26))[0][1] == "2026-01-25"


def test_month_day_without_any_year_is_skipped():
    assert _isos("1月25日，北京市第十六届人民代表大会第四次会议开幕") == []


def test_month_day_borrows_the_closest_preceding_year_in_the_sentence():
    assert _isos("2025年12月28日开幕，12月30日闭幕", PartialDate(2026, 1, 5))[1][1] == "2025-12-30"


def test_month_long_after_publication_is_last_year():
    assert _isos("8月，香港推出新计划", PartialDate(2026, 1, 18))[0][1] == "2025-08"


def test_dateline_takes_the_year_named_right_after_it():
    text = "新华社杭州 11 月 21 日电（记者魏一骏、郑可意）11 月 21 日，蓝皮书在 2024 年世界互联网大会乌镇峰会上发布。"
    assert [iso for _, iso, _ in _isos(text)] == ["2024-11-21", "2024-11-21", "2024"]


def test_bare_day_takes_the_month_of_the_dateline():
    text = "新华社杭州 11 月 21 日电（记者高亢）当前，新技术快速迭代。21日，在 2024 年世界互联网大会乌镇峰会数字经济分论坛上"
    assert ("21日", "2024-11-21", False) in _isos(text)


def test_bare_day_without_a_known_month_is_skipped():
    assert _isos("21日，在分论坛上", PartialDate(2024)) == []


def test_bare_day_up_to_the_publication_day_is_of_the_publication_month():
    assert _isos("北京亦庄19日宣布，马拉松报名开启。", PartialDate(2025, 11, 20)) == [("19日", "2025-11-19", False)]
    assert _isos("会议于19日至20日举行。", PartialDate(2025, 11, 20)) == [("19日至20日", "2025-11-19/2025-11-20", False)]
    assert _isos("大会将于25日开幕。", PartialDate(2025, 11, 20)) == []  # this month or last: unknown
    assert _isos("北京亦庄19日宣布。", PartialDate(2025, 11)) == []


def test_chinese_full_date_and_month_precision():
    assert _isos("中国人工智能协同创新峰会于2025年5月8日在山东潍坊举办")[0][1] == "2025-05-08"
    assert _isos("2025年9月 香港推出了“前沿科技研究支援计划”")[0][1] == "2025-09"
    assert _isos("商汤科技于2014年落户香港科学园")[0][1] == "2014"


def test_full_width_and_chinese_numeral_dates():
    assert _isos("２０２５年５月８日举办")[0][:2] == ("２０２５年５月８日", "2025-05-08")
    assert _isos("二〇二四年十一月二十日开幕")[0][1] == "2024-11-20"


def test_event_name_years_but_not_other_four_digit_numbers():
    assert [iso for _, iso, _ in _isos("2026世界智能产业博览会\nWORLD INTELLIGENCE EXPO 2026")] == ["2026", "2026"]
    assert _isos('2025"AI+"赋能智能制造产业大会近日在深圳盛大开幕')[0][1] == "2025"
    assert _isos("香港总算力目前已达5000 PFLOPS，从 1000 多万种配方中，2000家企业参加大会") == []


def test_recently_is_the_reference_date_marked_approximate():
    text = '2025"AI+"赋能智能制造产业大会近日在深圳盛大开幕'
    assert ("近日", "2025-05-08", True) in _isos(text, PartialDate(2025, 5, 8))
    assert [iso for _, iso, _ in _isos(text)] == ["2025"]  # no reference: no 近日


def test_relative_years_need_a_reference():
    text = "今年，峰会将目光聚焦在了人工智能。去年5月"
    assert [iso for _, iso, _ in _isos(text, PartialDate(2024, 11, 21))] == ["2024", "2023-05"]
    assert _isos(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("AI产业周报（2025.03.03—03.09）", "2025-03-03/2025-03-09"), ("2025-03-03至2025-03-09", "2025-03-03/2025-03-09"),
     ("2025/3/3-3/9", "2025-03-03/2025-03-09"), ("2025-03-03 10:30", "2025-03-03"), ("2025-03-03-05", "2025-03-03"),
     ("大会于2025-11-20至22日在深圳举行", "2025-11-20/2025-11-22"), ("2025/11/20-22", "2025-11-20/2025-11-22"),
     ("2025.11.20 — 22", "2025-11-20/2025-11-22"), ("2025-11-20 10:00-22:00", "2025-11-20"),
     ("2023-06 | 慕尼黑 | 成立研究中心", "2023-06"), ("2023/06至2023/09", "2023-06/2023-09")],
)
def test_a_span_written_with_numeric_dates_is_one_range(text, expected):
    assert [found.span.iso() for found in find_dates(text)] == [expected]


def test_a_number_like_a_year_and_month_is_no_month_unless_written_so():
    assert _isos("2023-6，2019-20赛季，电话010-2023-06") == []


def test_durations_and_impossible_dates_are_not_dates():
    assert _isos("此前5年，过去的50 年里，未来10余年，30日内完成", PartialDate(2026, 1)) == []
    assert _isos("2025-13-45 和 2025年2月30日") == []


_DAY_WORDS = re.compile(r"[日号]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|近日|日前|近期")
_PIECES = st.sampled_from(
    ["2025年", "5月", "8日", "至", "22日", "11 月", " ", "，", "。", "近日", "今年", "2026", "大会", "21日",
     "二〇二四年", "十一月", "1000 多万", "-", "2025-05-08", "03.09", "—", "电", "年", "月", "日"]
)


@given(st.lists(_PIECES, max_size=12).map("".join) | st.text(), st.none() | st.builds(PartialDate, st.integers(1900, 2100)))
def test_find_dates_never_crashes_and_never_invents_a_day(text, reference):
    for found in find_dates(text, reference):
        words = text[found.start : found.end]
        assert words == found.span.text
        if found.span.precision == "day":
            assert _DAY_WORDS.search(words)
        if found.span.end is not None:
            assert found.span.end.sort_key() > found.span.start.sort_key()


def test_other_words_for_lately_but_not_holidays():
    reference = PartialDate(2026, 1, 23)
    assert [iso for _, iso, approx in _isos("记者日前从市科委获悉，近期将发布新政策。", reference) if approx] == [
        "2026-01-23", "2026-01-23",
    ]
    assert _isos("春节日前后，接近日本海的港口", reference) == []


def test_yesterday_and_today_count_from_the_publication_day():
    reference = PartialDate(2025, 3, 28)
    assert _isos("昨日，2025中关村论坛年会在北京开幕。", reference)[0] == ("昨日", "2025-03-27", False)
    assert _isos("前天，大会闭幕；明天将举行发布会。", PartialDate(2025, 3, 1)) == [
        ("前天", "2025-02-27", False), ("明天", "2025-03-02", False),
    ]


def test_a_day_given_in_brackets_after_today_or_yesterday_is_that_day():
    reference = PartialDate(2025, 10, 16)
    assert _isos("台積電今（16）日召開法說會，昨(15)日股價上漲。", reference) == [
        ("今（16）日", "2025-10-16", False), ("昨(15)日", "2025-10-15", False),
    ]
    assert _isos("昨（31）日宣布", PartialDate(2025, 11, 1))[0][1] == "2025-10-31"  # the month before
    assert _isos("今（16）日召開", PartialDate(2025, 10))[0][1] == "2025-10-16"
    assert _isos("今（16）日召開") == []


def test_a_relative_day_needs_the_publication_day():
    assert _isos("昨日开幕") == [] and _isos("昨日开幕", PartialDate(2025, 3)) == []


def test_this_and_last_month_count_from_the_publication_month():
    assert _isos("本月20日，大会举行。", PartialDate(2025, 3, 28))[0][1] == "2025-03-20"
    assert _isos("上个月，公司发布了产品。", PartialDate(2025, 1, 5))[0][1] == "2024-12"
    assert _isos("大会将于本月18日至19日举办", PartialDate(2024, 9, 10))[0][1] == "2024-09-18/2024-09-19"


def test_a_weekday_of_a_named_week_counts_from_the_publication_day():
    wednesday = PartialDate(2025, 6, 11)
    assert _isos("上周三，深圳举行发布会。", wednesday) == [("上周三", "2025-06-04", False)]
    assert _isos("本周一，合肥启动项目；下週五将举行大会。", wednesday) == [
        ("本周一", "2025-06-09", False), ("下週五", "2025-06-20", False),
    ]
    assert _isos("上个星期天，会议召开。", wednesday)[0][1] == "2025-06-08"  # the week ends on Sunday
    assert _isos("上周三，跨年的一周。", PartialDate(2026, 1, 2))[0][1] == "2025-12-24"


def test_a_weekday_needs_a_named_week_and_the_publication_day():
    assert _isos("周三，大会开幕。", PartialDate(2025, 6, 11)) == []
    assert _isos("上周三，深圳举行发布会。", PartialDate(2025, 6)) == []
    assert _isos("上周期内", PartialDate(2025, 6, 11)) == []


def test_names_that_start_like_relative_days_are_not_dates():
    assert _isos("今日头条发布新模型，前天津市长出席。", PartialDate(2025, 3, 28)) == []


def test_a_target_year_lends_no_year_to_a_date_before_it():
    assert _isos("6月1日，深圳市发布行动计划，提出到2027年培育10家企业。") == [("2027年", "2027", False)]
    assert _isos("6月1日，深圳市发布行动计划。", PartialDate(2025, 6, 2))[0][1] == "2025-06-01"


def test_a_day_range_may_share_one_day_sign():
    assert _isos("7月26-28日，大会在上海举行。", PartialDate(2025, 7, 1))[0] == ("7月26-28日", "2025-07-26/2025-07-28", False)
    assert _isos("2025年7月26至28日")[0][1] == "2025-07-26/2025-07-28"


@pytest.mark.parametrize("text, dates", [
    ("2023年公司成立，次年上市。", [("2023", "2023年"), ("2024", "次年")]),
    ("2024年12月20日发布报告。次年1月25日召开会议。", [("2024-12-20", "2024年12月20日"), ("2025-01-25", "次年1月25日")]),
    ("2020年5月成立，同年8月获得融资。", [("2020-05", "2020年5月"), ("2020-08", "同年8月")]),
    ("翌年2月，项目完工。", []),  # no year before it to count from: unknown, not guessed
])
def test_the_next_or_same_year_counts_from_the_last_date_in_the_text(text, dates):
    assert [(f.span.iso(), f.span.text) for f in find_dates(text, PartialDate(2026, 3, 1))] == dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("民國114年3月5日，行政院會通過人工智慧基本法草案", ("民國114年3月5日", "2025-03-05", False)),
        ("中華民國113年12月，數位發展部發布報告", ("民國113年12月", "2024-12", False)),
        ("民国99年", ("民国99年", "2010", False)),
        ("國科會於114年1月20日公布計畫", ("114年1月20日", "2025-01-20", False)),
        ("民國114年3月5日至7日舉行", ("民國114年3月5日至7日", "2025-03-05/2025-03-07", False)),
    ],
)
def test_taiwan_years_count_from_1912(text, expected):
    assert _isos(text)[0] == expected


@pytest.mark.parametrize("text", ["该公司成立已114年", "截至114年底", "共计125年3个月"])
def test_a_bare_three_digit_year_needs_a_month_after_it(text):
    assert _isos(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年第二季度，公司营收增长", ("2025年第二季度", "2025-04/2025-06", False)),
        ("2024年四季度出货量创新高", ("2024年四季度", "2024-10/2024-12", False)),
        ("2025年上半年，全市产值增长", ("2025年上半年", "2025-01/2025-06", False)),
        ("今年下半年将发布", ("今年下半年", "2025-07/2025-12", False)),
        ("政府將於2026年第一季推出計劃", ("2026年第一季", "2026-01/2026-03", False)),
        ("2025年Q3营收增长20%", ("2025年Q3", "2025-07/2025-09", False)),
        ("2025年QQ音乐用户增长", ("2025年", "2025", False)),  # a name, not a quarter
        ("今年前三季度，全市产值增长", ("今年前三季度", "2025-01/2025-09", False)),
    ],
)
def test_a_quarter_or_half_year_is_the_range_of_its_months(text, expected):
    assert _isos(text, PartialDate(2025, 6, 1))[0] == expected


@pytest.mark.parametrize("text", ["预计将于2026年下半年推出", "預計將於2026年下半年推出", "計劃於2026年推出", "擬於2026年推出", "有望在2026年实现",
                                  "力争2026年营业收入突破1500亿元", "争取2026年建成", "确保2026年完成"])
def test_a_forecast_is_a_target(text):
    found = find_dates(text)[0]
    assert is_target(text, found.start, found.end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SHENZHEN, Nov 20 (Reuters) - The city launched a fund.", [("Nov 20", "2025-11-20", False)]),
        ("according to a statement published on November 20, 2025.", [("November 20, 2025", "2025-11-20", False)]),
        ("The summit opens on 3 December 2025 in Dubai.", [("3 December 2025", "2025-12-03", False)]),
        ("set aside HK$1 billion in March 2024", [("March 2024", "2024-03", False)]),
        ("Marketing 20 teams may 20 times", []),  # a month name only whole and capitalised
        ("gathered at the Grand Palais on February 10-11, 2025 for the summit",
         [("February 10-11, 2025", "2025-02-10/2025-02-11", False)]),
        ("The fair runs 19–22 November in Shenzhen.", [("19–22 November", "2025-11-19/2025-11-22", False)]),
    ],
)
def test_english_dates_in_running_text(text, expected):
    assert _isos(text, PartialDate(2025, 11, 18)) == expected


def test_an_english_month_and_day_takes_its_year_from_the_text():
    text = "The expo ran from Nov 20 to 23. It was announced on October 2, 2024."
    assert [iso for _, iso, _ in _isos(text)][0] == "2024-11-20"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1—5月，全市规上工业增加值增长6.2%", ("1—5月", "2025-01/2025-05")),
        ("今年1至5月，出口额", ("今年1至5月", "2025-01/2025-05")),
        ("2024年1-11月累计", ("2024年1-11月", "2024-01/2024-11")),
    ],
)
def test_a_statistics_period_is_the_range_of_its_months(text, expected):
    assert _isos(text, PartialDate(2025, 6, 20))[0][:2] == expected


@pytest.mark.parametrize("text", ["5-3月", "1—5月8日", "3-5个月后"])
def test_no_month_range_runs_backwards_or_ends_on_a_day(text):
    assert _isos(text, PartialDate(2025, 6, 20)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The city of Shenzhen on Monday launched a fund.", "2025-08-11"),  # reported on Tuesday the 12th
        ("Prices rose on Tuesday.", "2025-08-12"),  # the day of the report itself
        ("He said last Tuesday that it worked.", "2025-08-05"),
        ("The talks will resume on Friday.", "2025-08-15"),  # what will happen: the next one
    ],
)
def test_an_english_weekday_is_counted_from_the_publication_day(text, expected):
    assert [found.span.iso() for found in find_dates(text, PartialDate(2025, 8, 12))] == [expected]


@pytest.mark.parametrize("text", ["Monday Night Football", "Shops close on Mondays.", "Nobody knows what day Monday is."])
def test_a_weekday_not_said_as_a_day_is_no_date(text):
    assert find_dates(text, PartialDate(2025, 8, 12)) == []


def test_an_english_weekday_without_a_publication_day_is_unknown():
    assert find_dates("The city on Monday launched a fund.") == []
