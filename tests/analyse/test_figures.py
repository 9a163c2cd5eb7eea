"""Key figures from real seed sentences: value, unit, bound, what they measure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from sitegen.analyse.figures import extract_figures, load_units
from sitegen.model import Article, DateSpan, Paragraph, PartialDate


def _article(*texts: str, published: PartialDate | None = None) -> Article:
    paragraphs = [Paragraph(f"p{i}", "paragraph", text, "seeds/x.txt", i) for i, text in enumerate(texts, 1)]
    return Article("x", "标题", paragraphs, [], published=DateSpan(published) if published else None)


def _figures(*texts: str, published: PartialDate | None = None):
    return {f.text: f for f in extract_figures(_article(*texts, published=published))}


HONG_KONG = (
    "香港总算力目前已达5000 PFLOPS 其中数码港人工智能超算中心提供3000 PFLOPS算力 是支撑AI发展的关键枢纽 其容量将持续扩展"
)
BEIJING = (
    "在产业规模方面，2025年北京AI核心产业预计达4500亿元，人工智能企业超2500家，两项数据都占全国的一半。"
    "应用方面也很亮眼，人们熟悉的豆包，月活用户突破1.72亿，成为国内用户最多的原生AI应用。"
)


def test_compute_figures_measure_the_clause_subject():
    figures = _figures(HONG_KONG)
    assert figures["5000 PFLOPS"].value == 5000
    assert figures["5000 PFLOPS"].unit == "PFLOPS"
    assert figures["5000 PFLOPS"].measure == "香港总算力"
    assert figures["3000 PFLOPS"].measure == "数码港人工智能超算中心"


def test_an_english_measure_never_opens_with_half_a_word():
    figures = _figures("The plan will fund a new supercomputing cluster at the National Supercomputing Centre, "
                       "with capacity of about 500 PFLOPS when completed in 2026.")
    assert figures["about 500 PFLOPS"].measure == "capacity"


def test_petaflops_written_as_a_capital_p_is_compute_but_a_video_resolution_is_not():
    figures = _figures("截至2025年10月，集群算力规模达到5.8万 P。", "智算中心算力达到5000P，可生成1080p视频。")
    assert (figures["5.8万 P"].value, figures["5.8万 P"].unit) == (58000, "P")
    assert (figures["5000P"].value, figures["5000P"].unit) == (5000, "P")
    assert not any("1080" in text for text in figures)


def test_money_count_and_unitless_figures_of_beijing():
    figures = _figures(BEIJING, published=PartialDate(2026, 1, 26))
    assert (figures["4500亿元"].value, figures["4500亿元"].unit, figures["4500亿元"].measure) == (4.5e11, "元", "北京AI核心产业")
    enterprises = figures["超2500家"]
    assert (enterprises.value, enterprises.unit, enterprises.qualifier, enterprises.measure) == (2500, "家", "超", "人工智能企业")
    users = figures["1.72亿"]
    assert (users.value, users.unit, users.measure) == (1.72e8, "", "月活用户")
    assert not any(f.text.startswith("2025") for f in figures.values())  # a year, not a figure


def test_figure_keeps_its_verbatim_sentence_and_paragraph():
    figure = _figures("导语。", BEIJING)["4500亿元"]
    assert figure.sentence is not None
    assert figure.sentence.paragraph == "p2"
    assert figure.sentence.article == "x"
    assert figure.sentence.text == "在产业规模方面，2025年北京AI核心产业预计达4500亿元，人工智能企业超2500家，两项数据都占全国的一半。"


def test_counters_measure_the_noun_that_follows():
    figures = _figures(
        "通过InnoHK创新香港研发平台的人工智能及机器人科技分支 已资助设立16所相关研发实验室",
        "另一款是全新推出的80核服务器芯片。",
        "工联会作为一个天津与世界交流的平台，有超过100个会员国，在这些国家当中。",
        "OptoChat AI基于超过30万份权威文献和工艺数据进行训练，具备：",
        "负责北部都会区内约20公顷新土地的开发和运营",
    )
    assert figures["16所"].measure == "相关研发实验室"
    assert (figures["80核"].unit, figures["80核"].measure) == ("核", "服务器芯片")
    assert (figures["超过100个"].value, figures["超过100个"].measure) == (100, "会员国")
    assert (figures["超过30万份"].value, figures["超过30万份"].measure) == (3e5, "权威文献")
    assert (figures["约20公顷"].unit, figures["约20公顷"].measure) == ("公顷", "新土地")


def test_counter_without_a_following_noun_measures_the_subject():
    assert _figures("在技术方面，备案的大模型有212款，数量全国领先。")["212款"].measure == "备案的大模型"


def test_percentages_are_shares_with_their_bounds():
    figures = _figures(
        "在近万家已建成的数字化车间和智能工厂中，已培育 421 家国家级智能制造示范工厂，人工智能、数字孪生等技术在 90% 以上的示范工厂得到应用。",
        "入围全球顶级人工智能学者榜单的人数占全国超40%，AI领域专家总量更是达到全国的三成，妥妥的“人才高地”。",
    )
    assert figures["421 家"].measure == "国家级智能制造示范工厂"
    share = figures["90% 以上"]
    assert (share.value, share.unit, share.qualifier, share.measure) == (0.9, "%", "以上", "示范工厂")
    assert figures["超40%"].measure == "入围全球顶级人工智能学者榜单的人数"
    assert (figures["三成"].value, figures["三成"].measure) == (0.3, "AI领域专家总量")


def test_foreign_money_and_vague_bounds():
    figures = _figures(
        "根据麦肯锡数据统计，在未来 15 到 20 年里，人工智能有望为电信行业创造约 6800 亿美元的价值。",
        "小米从 1000 多万种配方中筛选出两种最优配方。",
        "特区政府今年已拨款10亿港元,用于成 ...",
        published=PartialDate(2026, 1, 23),
    )
    assert (figures["约 6800 亿美元"].value, figures["约 6800 亿美元"].unit) == (6.8e11, "美元")
    assert figures["1000 多万种"].value == 1e7 and figures["1000 多万种"].qualifier == "多"
    assert figures["10亿港元"].measure == "特区政府拨款"


def test_ordinals_citations_names_and_small_counting_words_are_not_figures():
    figures = _figures(
        "北京市第十六届人民代表大会第四次会议开幕。",
        "已预留10亿港元成立“香港人工智能研发院” [5]",
        "正奇金指V11指标系统发布，探讨Web3.0技术，5G 网络部署，麒麟100产品。",
        "此次展会飞腾主要展示两款芯片。",
    )
    assert set(figures) == {"10亿港元"}


def test_english_money_is_read_with_its_currency_as_the_unit_it_names():
    figures = _figures(
        "Nvidia reported quarterly revenue of US$35.1 billion, up 94% from a year earlier.",
        "The government will invest S$1 billion in AI compute, and the city plans to spend 10 billion yuan.",
        "The start-up raised $2.5 million in seed funding; the app has 1.2 million users.",
    )
    assert {(f.text, f.value, f.unit) for f in figures.values() if f.unit != "%"} == {
        ("US$35.1 billion", 3.51e10, "美元"), ("S$1 billion", 1e9, "新加坡元"),
        ("10 billion yuan", 1e10, "元"), ("$2.5 million", 2.5e6, "美元"), ("1.2 million", 1.2e6, ""),
    }
    assert figures["US$35.1 billion"].measure == "quarterly revenue"
    assert figures["S$1 billion"].measure == "AI compute"
    assert figures["$2.5 million"].measure == "seed funding"
    assert figures["1.2 million"].measure == "users"


def test_an_english_sum_put_down_by_a_verb_of_spending_measures_that_spending():
    figures = _figures("Singapore will invest S$500 million over five years to secure high-performance computing.",
                       "The city plans to spend 10 billion yuan.")
    assert figures["S$500 million"].measure == "investment"
    assert figures["10 billion yuan"].measure == "spending"


def test_an_english_sum_after_a_names_the_noun_it_comes_before_and_a_measure_stops_at_a_preposition():
    figures = _figures("The Commission will mobilise €200 billion for AI through InvestAI, including a €20 billion fund for gigafactories.")
    assert figures["€200 billion"].measure == "AI"
    assert figures["€20 billion"].measure == "fund"


def test_an_english_sum_written_as_an_adjective_is_a_figure_of_its_unit():
    figures = _figures("Shenzhen on Monday launched a 10-billion-yuan fund to back embodied AI startups.")
    figure = figures["10-billion-yuan"]
    assert (figure.value, figure.unit, figure.measure) == (1e10, "元", "fund")
    assert "3-5倍" in _figures("订单增长3-5倍。")  # a range keeps its hyphen


def test_a_sum_in_brackets_after_a_sum_is_the_same_amount_and_measures_the_same():
    fund = _figures("Shenzhen launched a 10-billion-yuan ($1.4 billion) fund to back startups.")
    assert {text: figure.measure for text, figure in fund.items()} == {"10-billion-yuan": "fund", "$1.4 billion": "fund"}
    compute = _figures("The city will invest 10 billion yuan (about $1.4 billion) in AI compute.")
    assert {text: figure.measure for text, figure in compute.items()} == {
        "10 billion yuan": "AI compute", "about $1.4 billion": "AI compute",
    }
    chinese = _figures("特区政府设立10亿港元（约合1.28亿美元）的人工智能资助计划。", "设立人工智能资助计划（折合1.28亿美元）。")
    assert chinese["10亿港元"].measure == chinese["1.28亿美元"].measure == "人工智能资助计划"
    assert _figures("设立人工智能资助计划（折合1.28亿美元）。")["1.28亿美元"].measure != "折合"


def test_an_upper_bound_and_a_time_phrase_are_not_part_of_the_measure():
    figures = _figures("单个项目最高不超过5000万元。", "计划在未来三年内投入不超过3亿元。", "五年来累计投入30亿元。")
    assert {text: (figure.qualifier, figure.measure) for text, figure in figures.items()} == {
        "不超过5000万元": ("不超过", "单个项目"), "不超过3亿元": ("不超过", "投入"), "30亿元": ("", "累计投入"),
    }
    assert _figures("给予一次性奖励500万元。")["500万元"].measure.endswith("一次性奖励")


def test_within_this_year_is_no_part_of_a_measure():
    assert _figures("公司计划今年内再投入5亿元。")["5亿元"].measure == "公司计划再投入"


def test_a_count_of_companies_signing_on_the_spot_counts_companies():
    assert _figures("青岛西海岸新区与12家企业现场签约。")["12家"].measure == "企业"


def test_an_english_figure_after_a_linking_verb_measures_its_subject():
    figures = _figures("Last year, Siemens Healthineers' revenue in China reached EUR 2.1 billion.",
                       "The company's net profit was $3.2 billion.", "Sales rose to 5 million units.")
    assert {text: figure.measure for text, figure in figures.items()} == {
        "EUR 2.1 billion": "revenue in China", "$3.2 billion": "net profit", "5 million": "Sales",
    }


def test_an_english_bound_before_a_figure_is_its_qualifier():
    figures = _figures(
        "The government will invest more than S$1 billion in AI compute over five years.",
        "The cluster delivers about 5,000 PFLOPS, and up to 2 million users will reach it.",
    )
    bound = {f.text: (f.qualifier, f.measure) for f in figures.values()}
    assert bound["more than S$1 billion"] == ("more than", "AI compute")
    assert bound["about 5,000 PFLOPS"][0] == "about"
    assert bound["up to 2 million"] == ("up to", "users")


def test_a_sum_followed_by_what_it_is_for_measures_that():
    figures = _figures("AI芯片公司近日完成数亿元B轮融资。", "成都设立50亿元产业基金。", "特区政府今年投入约3,000万澳门元推动政务数字化。")
    assert figures["数亿元"].measure == "B轮融资"
    assert figures["50亿元"].measure == "产业基金"
    assert figures["约3,000万澳门元"].measure == "特区政府投入"  # a verb follows: the subject before
    schemes = _figures("政府在今年《施政报告》中宣布设立10亿港元的人工智能资助计划。", "双方签约总投资80亿元的智算中心项目。")
    assert schemes["10亿港元"].measure == "人工智能资助计划"
    assert schemes["80亿元"].measure == "智算中心项目"


def test_a_sum_given_again_in_another_currency_measures_what_follows_both():
    figures = _figures("马来西亚柔佛州过去三年吸引了逾300亿令吉（约92亿新元）的数据中心投资。")
    assert (figures["逾300亿令吉"].unit, figures["逾300亿令吉"].measure) == ("令吉", "数据中心投资")


def test_a_measure_starts_after_a_counted_word_and_after_a_numbered_date():
    figures = _figures("G42将在阿布扎比建设一座规模达1吉瓦的数据中心园区。", "Humain计划在2030年前建设总容量达6吉瓦的数据中心。",
                       published=PartialDate(2025, 11, 12))
    assert figures["1吉瓦"].measure == "规模"
    assert figures["6吉瓦"].measure == "建设总容量"


def test_a_measure_loses_its_rising_verb_and_its_then():
    assert _figures("届时产能将提升到2万台。")["2万台"].measure == "产能"


def test_a_currency_code_is_a_whole_word_and_may_be_spaced():
    figures = _figures("Funding reached RMB 20 billion, while XRMB5 is a model name.")
    assert [(f.text, f.unit) for f in figures.values()] == [("RMB 20 billion", "元")]


def test_a_currency_mapping_must_name_a_listed_unit(tmp_path):
    units = tmp_path / "units.toml"
    units.write_text('[money]\nunits = ["美元"]\n[money.symbols]\n"US$" = "美圆"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="US\\$.*美圆"):
        load_units(units)


def test_unit_list_is_data_the_user_can_extend(tmp_path):
    units = tmp_path / "units.toml"
    units.write_text('[weight]\nmeasure = "before"\nunits = ["吨"]\n', encoding="utf-8")
    figures = extract_figures(_article("今年粮食产量达到500万吨。"), load_units(units))
    assert [(f.text, f.value, f.unit) for f in figures] == [("500万吨", 5e6, "吨")]


@settings(max_examples=200)
@given(st.lists(st.text() | st.sampled_from([HONG_KONG, BEIJING, "约 6800 亿美元", "第5", "[5]", "90% 以上的"]), max_size=4))
def test_extract_figures_never_crashes_and_quotes_verbatim(texts):
    article = _article(*texts)
    for figure in extract_figures(article):
        paragraph = next(p for p in article.paragraphs if p.anchor == figure.sentence.paragraph)
        assert figure.sentence.text in paragraph.text
        assert figure.text in figure.sentence.text or figure.text in paragraph.text


def test_figures_in_central_sentences_rank_first():
    from sitegen.analyse.figures import rank_figures
    from sitegen.model import Figure, SentenceRef

    aside = Figure("17项", 17, "项", "目标", sentence=SentenceRef("目标共有17项。", "a", "p1"))
    central = Figure("5000 PFLOPS", 5000, "PFLOPS", "总算力", sentence=SentenceRef("香港总算力已达5000 PFLOPS。", "a", "p2"))
    ranked = [SentenceRef("目标共有17项。", "a", "p1", 0.2), SentenceRef("香港总算力已达5000 PFLOPS。", "a", "p2", 1.0)]
    ordered = rank_figures([aside, central], ranked)
    assert [f.text for f in ordered] == ["5000 PFLOPS", "17项"]
    assert ordered[0].sentence.score == 1.0


def test_a_noun_after_a_counter_ends_before_a_verb_that_starts_like_a_stop_word():
    figures = _figures("大会期间，超过3000项前沿展品集中亮相，其中包括40余款大模型、50余款智能终端以及60余款智能机器人。")
    assert figures["超过3000项"].measure == "前沿展品"
    assert figures["50余款"].measure == "智能终端"


def test_a_latin_product_name_after_a_counter_is_measured_whole():
    figures = _figures("训练使用了约2000张NVIDIA H100 GPU，训练成本约为560万美元。")
    assert figures["约2000张"].measure == "NVIDIA H100 GPU"


def test_a_target_date_leaves_no_words_of_the_target_in_the_measure():
    figures = _figures("到2027年，全省人工智能核心产业规模力争突破1000亿元。")
    assert figures["1000亿元"].measure == "全省人工智能核心产业规模"


def test_a_table_cell_is_what_the_figure_in_the_next_cell_measures():
    assert _figures("算力券 | 500万元")["500万元"].measure == "算力券"


def test_a_noun_after_a_counter_may_begin_with_a_position_word():
    figures = _figures("其中包括3家上市公司，另有12家中国企业参展，超过500家规上工业企业完成改造。")
    assert figures["3家"].measure == "上市公司"
    assert figures["12家"].measure.startswith("中国企业")
    assert figures["超过500家"].measure == "规上工业企业"  # `规上` is one word, not `规` on something


@pytest.mark.parametrize("lead", ["未来三年", "过去两个月", "近5年"])
def test_the_measure_begins_after_the_unit_of_a_number_that_is_no_figure(lead):
    figures = _figures(f"{lead}阿里巴巴将投入3800亿元建设云基础设施。")
    assert figures["3800亿元"].measure == "阿里巴巴将投入"


@pytest.mark.parametrize("text, unit", [("将在未来五年投入超过10亿新元。", "新元"), ("项目总投资50亿迪拉姆。", "迪拉姆")])
def test_money_in_the_currencies_of_the_region_keeps_its_unit(text, unit):
    (figure,) = _figures(text).values()
    assert figure.unit == unit and figure.value == (1e9 if unit == "新元" else 5e9)


def test_a_number_only_a_verb_apart_from_a_figure_measures_the_same_thing():
    figures = _figures("人工智能核心产业规模同比增长两成以上，达到5600亿元。企业数量超过2800家，同比增长12.5%。")
    assert [(f.text, f.measure) for f in figures.values()] == [
        ("两成以上", "人工智能核心产业规模"), ("5600亿元", "人工智能核心产业规模"),
        ("超过2800家", "企业数量"), ("12.5%", "企业数量"),
    ]


def test_numerals_and_units_inside_names_are_no_figures():
    """`两江新区` is a place, not the number two before it; `2025人工智能半导体峰会`
    a year and a name, not 2025 people; `千卡级` a class of data centre."""
    figures = _figures("两江新区已聚集机器人企业120余家。", "由韩国主办的“2025人工智能半导体峰会”在首尔开幕。",
                       "西安将建设3个千卡级智算中心，全市有十万家企业，共有2000人参会，设立千亿产业投资基金。")
    assert figures["120余家"].measure == "两江新区聚集机器人企业"
    assert "2025人" not in figures and "千卡" not in figures
    assert {"3个", "十万家", "2000人", "千亿"} <= figures.keys()
    assert figures["3个"].measure == "千卡级智算中心"  # `中` of `中心` is no stop


def test_what_a_tables_numbers_count_in_is_no_figure():
    assert _figures("2024Q1-2025Q3中国智能算力市场规模（亿元）", "单位：万元") == {}
    assert _figures("公司完成超亿元融资。")["超亿元"].value == 1e8


def test_figures_after_respectively_measure_the_names_listed_before_it_in_order():
    figures = _figures("其中，余杭区、滨江区分别实现营收520亿元和680亿元。",
                       "北京和上海的算力规模分别达到500 PFLOPS、300 PFLOPS。",
                       "华为、腾讯、阿里分别投资10亿元、20亿元和30亿元。")
    assert figures["520亿元"].measure == "余杭区实现营收" and figures["680亿元"].measure == "滨江区实现营收"
    assert figures["500 PFLOPS"].measure == "北京的算力规模" and figures["300 PFLOPS"].measure == "上海的算力规模"
    assert [figures[text].measure for text in ("10亿元", "20亿元", "30亿元")] == ["华为投资", "腾讯投资", "阿里投资"]
    unmatched = _figures("两家公司分别获得1亿元和2亿元融资。")  # no names listed: nothing to pair
    assert unmatched["1亿元"].measure != "两家公司获得"


def test_a_tables_numbers_count_in_their_columns_unit_and_measure_their_row_and_column():
    figures = _figures("区域 | 营收（亿元）| 增速", "滨江区 | 680 | 18.1%", "余杭区 | 520 | 16.5%")
    assert (figures["680"].value, figures["680"].unit, figures["680"].measure) == (6.8e10, "元", "滨江区营收（亿元）")
    assert (figures["16.5%"].unit, figures["16.5%"].measure) == ("%", "余杭区增速")
    ranked = _figures("排名 | 城市 | 算力(PFLOPS)", "1 | 上海 | 4500", "2 | 北京 | 4200")
    assert ranked["4500"].measure == "上海算力（PFLOPS）"  # the label is the first cell that is no number
    assert not {"1", "2"} & ranked.keys()  # a rank's column counts in nothing
