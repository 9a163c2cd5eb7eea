"""Events from real seed sentences: the primary event's date and dated facts."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from sitegen.analyse.events import _verb, extract_events
from sitegen.chinese.dates import event_words, parse_date
from sitegen.model import Article, Paragraph


def _article(*paragraphs: tuple[str, str] | str, title: str = "标题", published: str | None = None) -> Article:
    items = [(p, "paragraph") if isinstance(p, str) else p for p in paragraphs]
    return Article(
        "slug", title,
        [Paragraph(f"p{i}", kind, text, "seeds/x.txt", i) for i, (text, kind) in enumerate(items, 1)],
        [], published=parse_date(published) if published else None,
    )


def _primary(article: Article, region: str | None = None):
    events = extract_events(article, region)
    assert events and events[0].kind == "primary"
    return events[0]


def test_day_range_tied_to_an_event_verb_dates_the_article():
    article = _article(
        "随处可见的人工智能元素、前沿技术和研究成果的首发、新思想和新方法的碰撞启发……11 月 19 日至 22 日，"
        "2024 年世界互联网大会乌镇峰会在浙江桐乡举行。站在“下一个十年”的新起点，这场全球瞩目的互联网盛会继续焕发活力。",
        title="多项新技术亮相",
    )
    event = _primary(article, "tongxiang")
    assert (event.when.iso(), event.when.approximate) == ("2024-11-19/2024-11-22", False)
    assert (event.title, event.region, event.articles) == ("多项新技术亮相", "tongxiang", ["slug"])
    assert event.sentence.paragraph == "p1"
    assert event.sentence.text.startswith("随处可见")


def test_month_day_takes_the_year_of_the_publication():
    article = _article(
        "在周末看一场机器人足球赛，逛商场时买一杯机器人做的咖啡。",
        "北京被称为“人工智能第一城”。1月25日，北京市第十六届人民代表大会第四次会议开幕，大会审查了北京市国民经济和社会发展计划报告。",
        published="2026-01-26",
    )
    assert _primary(article).when.iso() == "2026-01-25"


def test_month_day_without_publication_borrows_a_nearby_year():
    article = _article(
        "北京被称为“人工智能第一城”。1月25日，北京市第十六届人民代表大会第四次会议开幕。",
        "“十五五”开局之年，北京要怎样建设“全球人工智能创新高地”？许志锰表示，2026年，北京将在技术自主等领域持续发力。",
    )
    assert _primary(article).when.iso() == "2026-01-25"


def test_full_date_with_venue():
    article = _article(
        "中国人工智能协同创新峰会于2025年5月8日在山东潍坊安丘市青云国际大酒店举办，主题为“Web3.AI+东方哲思驱动新质生产力”。",
        published="2025-05-08 09:00",
    )
    event = _primary(article)
    assert (event.when.iso(), event.when.approximate) == ("2025-05-08", False)


def test_recently_is_the_publication_date_marked_approximate():
    article = _article(
        '2025"AI+"赋能智能制造产业大会近日在深圳盛大开幕，汇聚了政府、企业、学术界和研究机构的多方代表。',
        published="2025-05-08 09:00",
    )
    event = _primary(article)
    assert (event.when.iso(), event.when.approximate) == ("2025-05-08", True)


def test_event_name_year_alone_gives_year_precision():
    article = _article(
        "智行天下 能动未来",
        "2026世界智能产业博览会 WORLD INTELLIGENCE EXPO 2026",
        ("AI技术设备产品令人震惊", "heading"),
        "我第一次参加世界智能产业博览会，在展会看到了许多令人震惊的设备和产品。",
    )
    event = _primary(article)
    assert (event.when.iso(), event.when.precision) == ("2026", "year")


def test_dateline_dates_a_dispatch_whose_lead_has_no_event_verb():
    article = _article(
        "新华社杭州 11 月 21 日电（记者高亢）当前，人工智能、大数据、5G 等新技术快速迭代，推动数字经济蓬勃发展。"
        "21日，在 2024 年世界互联网大会乌镇峰会数字经济分论坛上，与会嘉宾纷纷认为，人工智能技术的快速发展将助力数字经济发展再上新台阶。",
    )
    assert _primary(article).when.iso() == "2024-11-21"


def test_publication_date_when_the_text_gives_none():
    article = _article(
        "在南京举行的发布会上，南智光电联合生态伙伴正式推出了光子专用大模型OptoChat AI。",
        title="光子专用大模型OptoChat AI发布",
        published="2025-05-08 09:00",
    )
    event = _primary(article)
    assert (event.when.iso(), event.when.approximate, event.title) == ("2025-05-08", True, "光子专用大模型OptoChat AI发布")


def test_a_lead_year_gives_way_to_a_finer_dated_event_of_that_year():
    article = _article(
        "人形机器人生动模拟着人类的各种表情……走进2024年世界互联网大会“互联网之光”博览会的展馆，AI 的气息扑面而来。",
        "今年，峰会将目光聚焦在了人工智能。",
        ("11月20日，2024年世界互联网大会乌镇峰会在浙江乌镇开幕。新华社 发", "caption"),
    )
    assert _primary(article).when.iso() == "2024-11-20"


def test_old_dates_in_a_digest_are_background_not_the_news():
    article = _article(
        ("世界人工智能大会在香港举办的意义", "heading"),
        ("- 世界人工智能大会首次在香港举办年度旗舰活动 标志着内地前沿AI产业实践与香港的国际枢纽功能完成历史性战略握手", "list"),
        ("- 2025年9月 香港推出了“前沿科技研究支援计划” 资助本地大学吸引全球AI等领域的顶尖科研人才赴港\n"
         "- 商汤科技于2014年落户香港科学园 成为香港第一家独角兽企业并成功上市", "list"),
        title="重磅盛会首落香港！李家超发声",
        published="2026-01-18 11:24",
    )
    events = extract_events(article, "hong-kong")
    assert (events[0].when.iso(), events[0].when.approximate) == ("2026-01-18", True)
    secondary = [(e.when.iso(), e.title, e.kind, e.region) for e in events[1:]]
    assert secondary == [
        ("2025-09", "香港推出了“前沿科技研究支援计划”", "secondary", None),
        ("2014", "商汤科技于2014年落户香港科学园", "secondary", None),
    ]
    assert events[2].sentence.paragraph == "p3"
    assert events[2].sentence.text.startswith("- 商汤科技于2014年落户")


def test_secondary_facts_in_prose_keep_their_clause_and_skip_the_primary():
    article = _article(
        "11 月 19 日至 22 日，2024 年世界互联网大会乌镇峰会在浙江桐乡举行。",
        "11 月 19 日，涵盖类脑计算、具身智能等前沿领域的 20 个项目获得 2024 年世界互联网大会领先科技奖，爱立信的 5G 可编程网络位列其中。",
        "从探讨 5G、AR，到关注数字经济，2026年，北京将在技术自主等领域持续发力。",
    )
    events = extract_events(article)
    assert [e.when.iso() for e in events] == ["2024-11-19/2024-11-22", "2024-11-19"]
    assert events[1].title == "涵盖类脑计算、具身智能等前沿领域的 20 个项目获得 2024 年世界互联网大会领先科技奖"


def test_a_rule_taking_effect_on_a_date_is_a_dated_fact():
    article = _article("为加快建设人工智能创新高地，制定以下措施。", "一、支持算力建设。", "二、支持模型研发。",
                       "三、支持场景应用。", "本措施自2025年10月1日起施行，有效期三年。", published="2025-09-05")
    assert [(e.when.iso(), e.title) for e in extract_events(article)[1:]] == [("2025-10-01", "本措施自2025年10月1日起施行")]


def test_a_fact_told_twice_in_a_merged_article_is_one_event():
    article = _article(
        ("- 商汤科技于2014年落户香港科学园 成为香港第一家独角兽企业", "list"),
        ("- 香港科技园公司拥有超过20年经验 例如商汤科技于2014年落户香港科学园并成为香港第一家独角兽企业", "list"),
        published="2026-01-18",
    )
    assert [e.when.iso() for e in extract_events(article) if e.kind == "secondary"] == ["2014"]


def test_an_undatable_article_has_no_event():
    assert extract_events(_article("人工智能的快速演进是发展机遇，也有难以预知的风险挑战。")) == []


_PIECES = st.sampled_from(
    ["11 月 19 日至 22 日，", "2024 年世界互联网大会", "在浙江桐乡举行。", "近日", "开幕", "1月25日，", "21日，",
     "新华社杭州 11 月 21 日电", "2014年落户", " ", "- ", "\n", "……", "。", "商汤科技", "2026世界智能产业博览会"]
)


@settings(max_examples=200)
@given(
    st.lists(st.lists(_PIECES, max_size=8).map("".join) | st.text(), min_size=0, max_size=4),
    st.sampled_from([None, "2026-01-18", "2024-11-21 08:00", "2025年5月"]),
)
def test_extract_events_never_crashes_and_quotes_verbatim(texts, published):
    article = _article(*texts, published=published)
    events = extract_events(article)
    assert len([e for e in events if e.kind == "primary"]) <= 1
    for event in events:
        if event.sentence is not None:
            paragraph = next(p for p in article.paragraphs if p.anchor == event.sentence.paragraph)
            assert event.sentence.text in paragraph.text
        if event.kind == "secondary":
            assert event.title in article.text


def test_deadlines_and_targets_date_no_event():
    article = _article(
        "湖南省人民政府办公厅印发《行动方案》，提出在2030年前把湖南建成人工智能产业创新高地。",
        "到2027年，全省人工智能核心产业规模力争突破1000亿元。",
    )
    assert extract_events(article) == []


def test_a_forecast_dates_no_event_but_a_scheduled_event_does():
    forecast = _article("2025年第一季度，公司营收增长27%。", "公司预计将于2025年下半年在合肥发布新模型。", published="2025-04-20")
    assert _primary(forecast).when.iso() == "2025-01/2025-03"
    scheduled = _article("第三届人工智能大会将于2025年11月19日在合肥举行。", published="2025-04-20")
    assert _primary(scheduled).when.iso() == "2025-11-19"


def test_an_undated_articles_forecast_year_is_not_the_date_of_its_news():
    article = _article("据36氪报道，苏州具身智能企业灵犀机器人近日完成10亿元C轮融资。",
                       "本轮融资将主要用于人形机器人量产线建设。公司创始人张涛表示，预计2026年产能达到1万台。")
    assert not [e for e in extract_events(article) if e.kind == "primary"]


def test_a_year_with_a_period_after_it_is_no_deadline():
    article = _article("2024年前三季度，全市发布大模型产品30款。")
    assert _primary(article).when.iso() == "2024-01/2024-09"  # the first three quarters


def test_an_untied_year_of_the_publication_year_gives_way_to_the_publication_date():
    article = _article("记者从贵安新区获悉，今年新区将新增智算机架1万个。", published="2025-05-27 08:30")
    event = _primary(article)
    assert (event.when.iso(), event.when.approximate) == ("2025-05-27", True)


@given(
    st.text(alphabet=st.sampled_from("举行办开幕式召开发布会亮相落户，。在1 "), max_size=40),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_the_event_verb_of_a_clause_is_the_earliest_then_the_first_in_code_point_order(text, start, end):
    window = text[start:end]
    hits = [(window.find(verb), verb) for verb in event_words().verbs if verb in window]
    assert _verb(text, start, end) == (min(hits)[1] if hits else "")


def test_a_dated_fact_is_titled_without_the_connective_that_ties_it_to_the_sentence_before():
    article = _article(
        "2026年1月18日，香港举办人工智能大会。",
        "香港科技园公司拥有超过20年经验，例如商汤科技于2014年落户香港科学园并成为香港第一家独角兽企业。",
        "此外，2025年9月，香港推出前沿科技研究支援计划。",
        published="2026-01-18",
    )
    titles = [e.title for e in extract_events(article) if e.kind == "secondary"]
    assert titles == ["商汤科技于2014年落户香港科学园并成为香港第一家独角兽企业", "香港推出前沿科技研究支援计划"]


def test_a_chronology_tables_rows_are_dated_facts_told_by_their_words():
    article = _article(
        "时间 | 事件",
        "2025年1月 | 合肥市出台人工智能产业政策",
        "2025年6月 | 合肥先进计算中心二期投入运行",
        "2024年 | 38.2亿元 | 10%",
        "全年，合肥人工智能产业规模超过2000亿元。",
        title="2025年合肥人工智能大事记", published="2025-12-31",
    )
    rows = extract_events(article)  # a chronology's rows are its events, none of them the article's
    assert [(e.when.iso(), e.title, e.sentence.paragraph) for e in rows] == [
        ("2025-01", "合肥市出台人工智能产业政策", "p2"),
        ("2025-06", "合肥先进计算中心二期投入运行", "p3"),
    ]


def test_a_deal_tables_rows_are_told_by_all_their_cells():
    article = _article(
        "日期 | 公司 | 城市 | 轮次 | 金额",
        "11月3日 | 星海智算 | 北京 | B轮 | 5亿元",
        "11月10日 | 灵犀机器人 | 深圳 | A+轮 | 2亿元",
        title="11月AI领域融资汇总", published="2025-12-01",
    )
    rows = extract_events(article)[1:]
    assert [(e.when.iso(), e.title) for e in rows] == [
        ("2025-11-03", "星海智算，北京，B轮，5亿元"), ("2025-11-10", "灵犀机器人，深圳，A+轮，2亿元"),
    ]


def _schedule(*fields: str) -> Article:
    return _article(
        ("世界智能产业博览会（天津）", "heading"),
        ("\n".join(fields), "list"),
        "本届博览会以“智能新时代”为主题，预计参展企业超过500家。",
        ("亚洲人工智能峰会（新加坡）", "heading"),
        ("- 时间：2025年12月\n- 地点：新加坡滨海湾金沙会议中心", "list"),
        "峰会将讨论人工智能治理与跨境数据流动。",
        title="2025年第四季度人工智能会议日程",
    )


def test_a_schedule_dates_each_headed_section_by_its_time_field():
    events = extract_events(_schedule("- 地点：天津梅江会展中心", "- 时间：2025年11月20日至23日"))
    assert [(e.kind, e.title, e.when.iso(), e.sentence.paragraph) for e in events] == [
        ("secondary", "世界智能产业博览会（天津）", "2025-11-20/2025-11-23", "p1"),
        ("secondary", "亚洲人工智能峰会（新加坡）", "2025-12", "p4"),
    ]


def test_a_schedules_bold_fields_on_one_line_date_the_section():
    article = _article(
        ("世界人工智能大会", "heading"), "**时间**：2025年7月26日—28日　**地点**：上海世博中心",
        "以“智能时代 同球共济”为主题，预计发布新品超过100项。",
        ("杭州云栖大会", "heading"), "**时间**：2025年9月24日至26日　**地点**：杭州云栖小镇",
        title="2025年下半年AI活动日历",
    )
    assert [(e.title, e.when.iso()) for e in extract_events(article)] == [
        ("世界人工智能大会", "2025-07-26/2025-07-28"), ("杭州云栖大会", "2025-09-24/2025-09-26"),
    ]


def test_a_date_field_under_prose_is_no_sections_event():
    events = extract_events(_schedule("- 预计2025年11月20日至23日举办，时间：2025年11月20日"))
    assert [(e.kind, e.title) for e in events] == [  # the prose's date is the article's, as before
        ("primary", "2025年第四季度人工智能会议日程"), ("secondary", "亚洲人工智能峰会（新加坡）"),
    ]


def test_a_date_field_right_under_the_title_still_dates_the_article():
    article = _article("会议时间：2025年12月5日", "会议地点：北京国家会议中心", title="关于举办人工智能大会的通知")
    assert _primary(article).when.iso() == "2025-12-05"


def test_this_year_in_the_lead_is_no_events_edition_so_the_publication_dates_the_article():
    article = _article(
        "记者：今年以来，大模型行业出现了哪些新变化？",
        "张鹏：最大的变化是客户不再只问参数规模。",
        "张鹏：11月26日我们会在杭州发布新一代智能体平台。",
        published="2025-11-19",
    )
    events = extract_events(article)
    assert [(e.kind, e.when.iso()) for e in events] == [("primary", "2025-11-19"), ("secondary", "2025-11-26")]


def test_a_chronology_tables_rows_are_each_an_event_and_none_the_articles():
    article = _article(
        ("日期 | 城市 | 事件", "paragraph"),
        ("2025-11-20 | 天津 | 世界智能产业博览会开幕", "paragraph"),
        ("2025-11-22 | 苏州 | 苏州发布人工智能+制造业行动方案", "paragraph"),
        title="大事记（2025-11-20—2025-11-22）",
    )
    assert [(e.kind, e.title, e.when.iso()) for e in extract_events(article)] == [
        ("secondary", "世界智能产业博览会开幕", "2025-11-20"),
        ("secondary", "苏州发布人工智能+制造业行动方案", "2025-11-22"),
    ]


def test_a_digests_items_under_a_date_heading_are_each_an_event_of_that_day():
    article = _article(
        ("11月17日", "heading"),
        ("- **北京**：北京市发布《人工智能赋能新型工业化行动方案》。\n- **上海**：上海人工智能实验室开源新一代多模态大模型。", "list"),
        ("11月19日", "heading"),
        ("- **深圳**：深圳市公布首批“模型券”发放名单。", "list"),
        title="AI产业周报（2025年第47周）",
    )
    assert [(e.kind, e.title, e.when.iso(), e.sentence.paragraph) for e in extract_events(article)] == [
        ("secondary", "北京：北京市发布《人工智能赋能新型工业化行动方案》", "2025-11-17", "p2"),
        ("secondary", "上海：上海人工智能实验室开源新一代多模态大模型", "2025-11-17", "p2"),
        ("secondary", "深圳：深圳市公布首批“模型券”发放名单", "2025-11-19", "p4"),
    ]


def test_a_heading_that_says_more_than_a_date_dates_no_items():
    article = _article(
        ("11月17日北京发布新政", "heading"), ("- 北京市发布行动方案。", "list"), title="AI产业周报（2025年）",
    )
    assert all(e.title != "北京市发布行动方案" for e in extract_events(article))


def test_a_date_inside_a_days_item_is_that_items_not_another_event_nor_the_articles():
    article = _article(
        ("11月21日", "heading"),
        ("- **成都**：2025天府人工智能大会在成都开幕，发布20项场景应用成果。", "list"),
        title="AI产业周报（2025年第47周）",
    )
    assert [(e.kind, e.when.iso()) for e in extract_events(article)] == [("secondary", "2025-11-21")]


def test_a_target_year_in_the_title_dates_nothing_in_the_text():
    article = _article("11月18日，长沙市印发行动计划，提出产业规模突破500亿元。",
                       title="长沙发布人工智能产业三年行动计划 到2027年核心产业规模超500亿元")
    assert extract_events(article) == []


def test_a_time_of_day_is_no_clause_break_and_a_year_naming_an_edition_dates_no_fact():
    article = _article(
        "大会于2025年12月10日在苏州开幕。",
        ("09:00-11:00 闭幕式暨2026年大会举办地发布", "list"),
        ("14:00 在2025年12月11日举行项目签约仪式", "list"),
        published="2025-12-01",
    )
    secondary = [(e.when.iso(), e.title) for e in extract_events(article, None)[1:]]
    assert secondary == [("2025-12-11", "14:00 在2025年12月11日举行项目签约仪式")]


def test_open_sourcing_or_mass_producing_something_on_a_day_is_an_event():
    article = _article(
        "腾讯混元11月20日开源新一代视频生成模型。",
        "此外，公司首款推理芯片于2025年6月量产。",
        published="2025-11-21",
    )
    events = extract_events(article)
    assert [(e.kind, e.when.iso()) for e in events] == [("primary", "2025-11-20"), ("secondary", "2025-06")]


def test_a_place_opening_on_trial_is_the_event_not_the_day_the_reporter_heard_of_it():
    article = _article("记者27日从哈尔滨市文化广电和旅游局获悉，第二十六届哈尔滨冰雪大世界将于2024年12月30日至2025年1月2日试运营。",
                       published="2024-12-28")
    assert _primary(article, "harbin").when.iso() == "2024-12-30/2025-01-02"


def test_an_event_lasting_until_a_later_day_of_its_month_spans_the_days():
    article = _article("4月21日，首届迪拜人工智能周在迪拜开幕，活动将持续至25日。", published="2025-04-22")
    assert _primary(article, "dubai").when.iso() == "2025-04-21/2025-04-25"
    single = _article("4月21日，首届迪拜人工智能周在迪拜开幕。截至25日，报名人数超过万人。", published="2025-04-22")
    assert _primary(single, "dubai").when.iso() == "2025-04-21"


def test_a_chronologys_lines_are_each_an_event_titled_without_its_date():
    article = _article(
        "- 2024年3月　株洲市轨道交通装备人工智能创新中心揭牌，由中车株洲电力机车研究所牵头组建。\n"
        "- 2024年5月中旬　衡阳市与华为签署协议，共建衡阳人工智能计算中心。",
        title="中西部人工智能产业发展大事记（2024—2025）", published="2025-04-02",
    )
    assert [(e.kind, e.when.iso(), e.title[:6]) for e in extract_events(article)] == [
        ("secondary", "2024-03", "株洲市轨道交"), ("secondary", "2024-05", "衡阳市与华为"),
    ]


def test_an_agendas_rows_are_each_an_event_titled_by_the_session_column():
    article = _article(
        "日期 | 时间 | 环节 | 演讲嘉宾",
        "5月20日 | 09:30-10:10 | 主旨演讲：大模型赋能传统制造业 | 中国工程院院士 吴汉东",
        "5月20日 | 10:10-10:50 | 主旨演讲：纺织鞋服产业的AI转型之路 | 安踏集团首席数字官 陈志坚",
        "5月21日 | 09:00-10:00 | 圆桌对话：海上丝路与数字贸易 | 多哈卡塔尔计算研究所研究员 艾哈迈德·哈桑",
        title="2025丝路数字经济与人工智能大会（泉州）议程", published="2025-05-10",
    )
    assert [(e.when.iso(), e.title) for e in extract_events(article) if e.kind == "secondary"] == [
        ("2025-05-20", "主旨演讲：大模型赋能传统制造业"), ("2025-05-20", "主旨演讲：纺织鞋服产业的AI转型之路"),
        ("2025-05-21", "圆桌对话：海上丝路与数字贸易"),
    ]
