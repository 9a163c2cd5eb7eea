"""Place analysis: gazetteer matching on jieba tokens, and where the event happened.

The articles are made by hand from sentences of the seeds, so each test shows the
smallest text that carries the behaviour; an end-to-end test over the real seeds
lives at the bottom.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analyse.events import extract_events
from sitegen.analyse.places import PlaceFacts, locate, place_events, resolve
from sitegen.analyse.tokens import make_tokenizer, tokenize_article
from sitegen.model import Article, DateSpan, Diagnostic, Paragraph, PartialDate
from sitegen.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
TOKENIZER = make_tokenizer(TAXONOMY)


def article(title: str, *paragraphs: str) -> Article:
    return Article(
        slug="seed",
        title=title,
        paragraphs=[
            Paragraph(anchor=f"p{n}", kind="paragraph", text=text, source_path="seed.txt", source_line=n)
            for n, text in enumerate(paragraphs, 1)
        ],
        sources=[],
    )


def place(title: str, *paragraphs: str) -> PlaceFacts:
    item = article(title, *paragraphs)
    return locate(item, tokenize_article(item, TOKENIZER), TAXONOMY, TOKENIZER)


def secondary_regions(*paragraphs: str) -> dict[str, str | None]:
    """The region of each secondary event, by its date, in an article about Shenzhen
    (whose primary event, the plan issued in Shenzhen, is placed there by its sentence)."""
    item = article("深圳发布行动计划", "2025年11月20日，深圳市政府在深圳印发行动计划。", *paragraphs)
    facts = locate(item, tokenize_article(item, TOKENIZER), TAXONOMY, TOKENIZER)
    events = place_events(extract_events(item, facts.primary_region), item, facts, TAXONOMY)
    assert events[0].kind == "primary" and events[0].region == "shenzhen"
    return {event.when.iso(): event.region for event in events[1:]}


@pytest.mark.parametrize("sentence, region", [
    ("2024年11月19日至22日，第二十六届中国国际高新技术成果交易会在深圳国际会展中心举办。", "shenzhen"),
    ("2024年11月19日，杭州举办了人工智能大会。", "hangzhou"),
    ("2024年11月19日，浙江杭州举办了人工智能大会。", "hangzhou"),  # one line of the tree: its most specific
    ("2024年11月19日，北京和上海同时举办了人工智能大会。", None),  # two places: no one of them
    ("2024年11月19日，人工智能大会在北京举办，来自上海的企业参展。", "beijing"),  # a relation is no place
    ("2024年11月19日，人工智能大会举办。", None),  # no place: not the article's, either
    # two countries in the sentence, one in the dated clause
    ("此外，公司位于美国的第二座工厂预计2027年11月投产，日本第二厂则已于今年动工。", "usa"),
])
def test_a_secondary_event_takes_the_place_its_own_sentence_names(sentence, region):
    assert list(secondary_regions(sentence).values()) == [region]


def test_a_digests_primary_event_is_where_its_own_sentence_says():
    item = article("AI产业周报", "2025年9月2日，上海市经信委发布具身智能产业行动方案。",
                   "9月5日，阿里云在杭州云栖小镇发布新模型。", "9月6日，杭州举办人工智能大会。")
    facts = locate(item, tokenize_article(item, TOKENIZER), TAXONOMY, TOKENIZER)
    events = place_events(extract_events(item, facts.primary_region), item, facts, TAXONOMY)
    assert facts.primary_region == "hangzhou"
    assert (events[0].kind, events[0].region) == ("primary", "shanghai")


def test_a_primary_event_whose_sentence_names_a_place_inside_the_articles_keeps_the_articles():
    item = article("杭州发布人工智能政策", "2025年9月2日，浙江省杭州市发布人工智能政策。")
    facts = locate(item, tokenize_article(item, TOKENIZER), TAXONOMY, TOKENIZER)
    events = place_events(extract_events(item, facts.primary_region), item, facts, TAXONOMY)
    assert events[0].region == facts.primary_region == "hangzhou"


def regions(facts: PlaceFacts) -> list[str]:
    return [p.region for p in facts.places]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "token, region",
    [
        ("天津市", "tianjin"),
        ("浙江省", "zhejiang"),
        ("安丘市", "anqiu"),
        ("桐乡市", "tongxiang"),
        ("香港特区", "hongkong"),
        ("香港特别行政区", "hongkong"),
        ("广西壮族自治区", "guangxi"),
        ("天津港", "tianjin"),
        ("首都北京", "beijing"),
        ("中国香港", "hongkong"),
    ],
)
def test_a_token_with_an_administrative_suffix_or_descriptor_names_the_place(token, region):
    assert resolve(token, TAXONOMY) == region


@pytest.mark.parametrize(
    "alias, region",
    [("津门", "tianjin"), ("申城", "shanghai"), ("鹏城", "shenzhen"), ("羊城", "guangzhou"), ("大湾区", "greater-bay-area")],
)
def test_literary_names_and_short_forms_are_aliases(alias, region):
    assert resolve(alias, TAXONOMY) == region


@pytest.mark.parametrize("token", ["京", "津", "沪", "京东", "北京大学", "北京时间", "我国", "全国", "内地", "世界", "城市"])
def test_words_that_only_contain_or_point_at_a_place_name_none(token):
    assert resolve(token, TAXONOMY) is None


@pytest.mark.parametrize(
    "sentence, region",
    [
        ("香港特区政府今年已拨款10亿港元。", "hongkong"),
        ("深圳市政府代表详细解读了当地AI产业扶持政策。", "shenzhen"),
        ("美国市场需求旺盛。", "usa"),
        ("论坛上周在英国伦敦举办。", "london"),
    ],
)
def test_an_organisation_or_place_named_after_a_place_mentions_it(sentence, region):
    assert regions(place("", sentence)) == [region]


@pytest.mark.parametrize("sentence", ["确保社会长治久安。", "他爱听山东快书。", "活动在南京东路举行。", "京东作为线上首发合作伙伴。"])
def test_idioms_arts_streets_and_companies_that_start_with_a_place_name_are_not_places(sentence):
    assert place("", sentence).places == []


NAMES = {name: r.id for r in TAXONOMY.regions.values() for name in (r.name, *r.aliases)}


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(TAXONOMY.regions)), st.sampled_from(["", "市", "省", "地区", "人"]))
def test_every_gazetteer_name_resolves_to_its_region_with_or_without_a_suffix(region_id, suffix):
    region = TAXONOMY.regions[region_id]
    if region.level != "world":
        assert resolve(region.name, TAXONOMY) == region_id
        assert resolve(region.name + suffix, TAXONOMY) == NAMES.get(region.name + suffix, region_id)


# --------------------------------------------------------------------------- seeds, by hand

TIANJIN_TITLE = "大咖齐聚津门 共话智能创新发展 看好AI产业前景 点赞天津优势 立足天津深耕"
TIANJIN_UN = (
    "举一个现实的例子：两个月前我刚来到中国担任联合国驻华协调员。此前5年，我在肯尼亚担任同样的职务。"
    "在非洲，我看到由于气候变化，农民无法很好地依靠种植维持生计。"
)
TIANJIN_EU = (
    "产业与区位方面，天津拥有数十年制造业发展积淀，产业配套体系成熟、优质技术工人储备充足，制造业综合实力十分突出。"
    "与此同时，天津坐拥世界级港口，国际贸易开放优势显著，且毗邻首都北京，区位优势无可替代。"
    "多重优势叠加，让天津成为欧洲企业拓展中国市场、布局全球产业链的优选城市。"
)
TIANJIN_ENGINEERS = (
    "工联会作为一个天津与世界交流的平台，有超过100个会员国，在这些国家当中，"
    "有很多国家也想向中国、向天津学习智能方面的经验。"
)


def test_the_tianjin_interview_is_a_tianjin_event_though_it_mentions_beijing():
    facts = place(TIANJIN_TITLE, TIANJIN_UN, TIANJIN_EU, TIANJIN_ENGINEERS)
    assert facts.primary_region == "tianjin"
    assert {"beijing", "kenya", "africa", "china"} <= set(regions(facts))


def test_a_neighbour_of_the_capital_does_not_make_the_capital_primary():
    facts = place("区位优势", "天津坐拥世界级港口，国际贸易开放优势显著，且毗邻首都北京，区位优势无可替代。")
    assert facts.primary_region == "tianjin"  # the one place its lead names, the neighbour aside
    assert "beijing" in regions(facts)


def test_partners_and_examples_are_no_evidence_of_the_event_place():
    facts = place(
        "合作",
        "我们愿与上海合作，也要向深圳学习。",
        "以杭州为代表的城市发展迅速，来自广州的企业也在增加。",
    )
    assert facts.primary_region is None
    assert {"shanghai", "shenzhen", "hangzhou", "guangzhou"} <= set(regions(facts))


def test_a_partner_named_after_its_place_is_an_organisation_not_a_relation():
    facts = place("數字政策辦公室與香港科技園公司簽署合作備忘錄",
                  "數字政策專員今日與香港科技園公司行政總裁簽署合作備忘錄。")
    assert facts.primary_region == "hongkong"
    facts = place("一家企业与香港某某数码公司签署合作协议", "双方将联合研发。")
    assert facts.primary_region == "hongkong"  # jieba cuts the name in two: still no relation


def test_the_beijing_plan_report_is_beijing():
    facts = place(
        "计划报告丨许志锰：人工智能第一城，未来北京什么样？",
        "在周末看一场机器人足球赛……在北京，这座科创高地、智慧之城里，人工智能的影子，正在不断融入日常生活中。",
        "在开放合作方面，通过中关村论坛、服贸会等平台，北京AI声音传到全球，还落地了中国-上合组织国家人工智能应用合作中心。",
        "比如2026年，北京要高水平建设中国-上合组织国家人工智能应用中心，办好人工智能国际合作峰会、中关村论坛等活动。",
    )
    assert facts.primary_region == "beijing"
    assert "zhongguancun" in regions(facts)


WUZHEN_BLUE_BOOK = (
    "新华社杭州 11 月 21 日电（记者魏一骏、郑可意）11 月 21 日，《世界互联网发展报告 2024》和"
    "《中国互联网发展报告 2024》蓝皮书在 2024 年世界互联网大会乌镇峰会上发布。"
)


def test_a_venue_is_stronger_than_the_dateline():
    facts = place("世界互联网大会蓝皮书：我国人工智能与制造业深度融合", WUZHEN_BLUE_BOOK)
    assert facts.primary_region == "wuzhen"
    assert "hangzhou" in regions(facts)


def test_a_dateline_alone_gives_the_city_the_reporter_filed_from():
    facts = place("人工智能助力数字经济发展", "新华社杭州 11 月 21 日电（记者高亢）当前，人工智能、大数据、5G 等新技术快速迭代。")
    assert facts.primary_region == "hangzhou"


def test_a_byline_place_is_a_dateline():
    facts = place("人工智能产业观察", "（记者 张三 成都报道）人工智能产业快速发展，上海、深圳也在加快布局。")
    assert facts.primary_region == "chengdu"


@pytest.mark.parametrize(
    "sentence, region",
    [("2025世界人工智能大会7月在上海举行。", "shanghai"), ("上海举办2025世界人工智能大会。", "shanghai"), ("多项新技术在乌镇亮相。", "wuzhen")],
)
def test_a_hosting_place_is_the_venue(sentence, region):
    assert place("大会", sentence, "北京、杭州企业参展。").primary_region == region


def test_an_event_named_after_a_town_inside_the_venue_refines_the_venue():
    facts = place(
        "多项新技术亮相",
        "11 月 19 日至 22 日，2024 年世界互联网大会乌镇峰会在浙江桐乡举行。",
        "复旦大学人工智能创新与产业研究院和太平洋未来科技（杭州）有限公司联手，自主研发智能眼镜系统。",
        "桐乡市民孙权带着孩子在各个展区流连忘返。",
        "新华社杭州 11 月 21 日电",
    )
    assert facts.primary_region == "wuzhen"
    assert TAXONOMY.ancestors("wuzhen")[:3] == ["tongxiang", "jiaxing", "zhejiang"]


def test_a_photo_caption_venue_counts():
    facts = place("从“互联网+”到“AI+”", "11 月 20 日，2024 年世界互联网大会乌镇峰会在浙江乌镇开幕。新华社 发")
    assert facts.primary_region == "wuzhen"


def test_the_shenzhen_conference_is_shenzhen():
    facts = place(
        "AI赋能智能制造产业大会在深圳开幕",
        "2025\"AI+\"赋能智能制造产业大会近日在深圳盛大开幕，汇聚了政府、企业、学术界和研究机构的多方代表。",
        "国家智能制造专家委员会主任在开幕式上强调，*AI已成为推动制造业高质量发展的核心驱动力*。深圳市政府代表详细解读了当地AI产业扶持政策。",
    )
    assert facts.primary_region == "shenzhen"


def test_the_optochat_launch_is_nanjing():
    facts = place(
        "光子专用大模型OptoChat AI发布",
        "在南京举行的发布会上，南智光电联合生态伙伴正式推出了光子专用大模型OptoChat AI。",
    )
    assert facts.primary_region == "nanjing"


def test_where_a_company_is_based_is_its_place():
    facts = place(
        "芯片公司完成B轮融资",
        "「算能未来」成立于2021年，总部位于上海张江，在北京、深圳设有研发中心。",
    )
    assert facts.primary_region == "zhangjiang"


def test_an_investor_named_after_a_country_is_no_mention_of_it():
    facts = place("「算能未来」完成B轮融资，红杉中国领投", "本轮由红杉中国领投，光速中国跟投。")
    assert facts.primary_region is None and facts.places == []


def test_the_lenovo_programme_has_no_place_and_jingdong_is_not_beijing():
    facts = place(
        "联想AI落地竞速计划",
        "联想联合多家ISV生态伙伴发布了覆盖多个关键领域的行业智能体解决方案，推动AI本地化部署落地。",
        "京东作为线上首发合作伙伴，将有效降低采购成本和部署门槛。",
    )
    assert facts.primary_region is None
    assert facts.places == []
    assert "京东" not in facts.candidates


def test_the_summit_is_in_anqiu_under_weifang_and_shandong():
    facts = place(
        "中国人工智能协同创新峰会",
        "中国人工智能协同创新峰会于2025年5月8日在山东潍坊安丘市青云国际大酒店举办。",
        "主办方：海南正奇数字科技有限公司；协办方：北京启迪慧心智能技术研究院。",
    )
    assert facts.primary_region == "anqiu"
    assert TAXONOMY.ancestors("anqiu")[:2] == ["weifang", "shandong"]


HONG_KONG_BODY = (
    "主题演讲、圆桌讨论、前沿科技成果展示……在近日于香港举行的世界人工智能大会全球年终盛会上, "
    "全球科学家、产业领袖、创业家和政策制定者齐聚一堂。 香港总算力目前已达5000 PFLOPS 其中数码港人工智能超算中心提供3000 PFLOPS算力 "
    "即将在香港北部都会区的沙岭建设的大数据基础设施群 将进一步提供先进算力基础设施 "
    "河套深港科技创新合作区香港园区已正式启用 商汤科技于2014年落户香港科学园 成为香港第一家独角兽企业并成功上市 "
    "以上海为代表的内地前沿AI产业实践与香港的国际枢纽功能完成历史性战略握手"
)


@pytest.mark.parametrize("title", ["香港:人工智能发展“风好正是扬帆时”", "重磅盛会首落香港!李家超发声"])
def test_the_hong_kong_entries_are_hong_kong_with_their_venues_as_mentions(title):
    facts = place(title, HONG_KONG_BODY)
    assert facts.primary_region == "hongkong"
    assert {"cyberport", "northern-metropolis", "sandy-ridge", "hetao", "hk-science-park"} <= set(regions(facts))
    assert TAXONOMY.ancestors("sandy-ridge")[:2] == ["northern-metropolis", "hongkong"]


# --------------------------------------------------------------------------- general rules


def test_a_venue_city_wins_over_an_area_named_more_often():
    facts = place(
        "大湾区论坛",
        "粤港澳大湾区人工智能产业发展论坛在广州南沙举行，深圳、香港、澳门代表出席。大湾区将加强协同。",
    )
    assert facts.primary_region == "nansha"  # Guangzhou's district
    assert "greater-bay-area" in regions(facts)


def test_an_article_about_an_area_gets_the_area():
    facts = place("大湾区建设", "粤港澳大湾区建设提速。大湾区将加强协同，深圳和香港企业合作紧密。")
    assert facts.primary_region == "greater-bay-area"


def test_a_passing_mention_of_a_district_keeps_the_city():
    facts = place(
        "天津智能产业",
        "天津的优势在于创新。天津制造业发达。天津拥有世界级港口。",
        "滨海新区也有不少企业。",
    )
    assert facts.primary_region == "tianjin"


def test_a_venue_in_a_district_reaches_the_district():
    facts = place("天津智能产业", "大会在天津滨海新区举行，天津各界代表出席。")
    assert facts.primary_region == "binhai"


def test_a_road_named_after_a_city_is_not_that_city():
    facts = place("消费节", "活动在上海的南京路步行街举行。")
    assert facts.primary_region == "shanghai"
    assert "nanjing" not in regions(facts)
    assert place("消费节", "活动在南京路举行。").places == []


def test_evidence_split_between_continents_gives_no_primary_region():
    facts = place("竞争", "美国企业加大投入。美国市场很大。", "英国企业加大投入。英国市场很大。")
    assert facts.primary_region is None


def test_unknown_place_names_are_candidates_and_get_no_hierarchy():
    facts = place("大会在东莞虎门举行", "大会在东莞虎门举行，深化中欧合作。")
    assert facts.primary_region == "dongguan"
    assert "虎门" in facts.candidates
    assert "虎门" not in {r.name for r in TAXONOMY.regions.values()}
    assert "中欧" not in facts.candidates
    assert "dongguan" not in facts.candidates


def test_a_places_currency_is_no_place_candidate():
    facts = place("澳门设立产业基金", "澳门特区政府宣布设立50亿澳门元的产业基金，首期投入10亿澳门元。")
    assert facts.primary_region == "macau"
    assert "澳门元" not in facts.candidates


def test_mentions_count_every_occurrence_and_name_their_paragraphs():
    facts = place("香港", "香港特区政府在香港推动AI。", "数码港在香港。", "北京也在发展。")
    hong_kong = facts.places[0]
    assert hong_kong.region == "hongkong"
    assert hong_kong.count == 4
    assert hong_kong.paragraphs == ["p1", "p2"]
    assert hong_kong.name == "香港"
    assert regions(facts)[1:] == ["cyberport", "beijing"]


def test_locate_gives_the_same_facts_for_the_same_article():
    assert place(TIANJIN_TITLE, TIANJIN_EU) == place(TIANJIN_TITLE, TIANJIN_EU)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="在于北京天津香港举行毗邻与合作市省，。的 东莞京东a1", max_size=60))
def test_any_text_gives_a_known_region_or_none(text):
    facts = place(text[:10], text)
    assert facts.primary_region is None or facts.primary_region in TAXONOMY.regions
    assert all(p.region in TAXONOMY.regions and p.count > 0 for p in facts.places)


def test_the_venue_of_the_next_edition_is_no_venue_of_this_one():
    facts = place(
        "人工智能行动峰会在巴黎闭幕",
        "新华社巴黎2月11日电 为期两天的人工智能行动峰会11日在法国巴黎闭幕。包括中国、法国、印度在内的60个国家签署了声明。",
        "巴黎峰会是继英国布莱奇利峰会和韩国首尔峰会之后的又一次重要会议。",
        "据了解，下一届人工智能峰会将在印度举办。",
    )
    assert facts.primary_region == "paris"


def test_the_venue_of_an_earlier_event_is_no_venue_of_this_one():
    facts = place(
        "新加坡发布国家人工智能战略更新版",
        "12月1日，新加坡数码发展及新闻部宣布，将在未来五年投入超过10亿新元发展人工智能。",
        "同日，英伟达宣布与新加坡国立大学共建实验室。此前，11月在迪拜举行的全球人工智能峰会上，阿联酋也公布了类似计划。",
    )
    assert facts.primary_region == "singapore"
    assert [m.kind for m in facts.mentions if m.region == "dubai"] == ["earlier"]


def test_a_piece_of_a_reporters_name_is_no_place_candidate():
    item = article("峰会在巴黎闭幕", "新华社巴黎2月11日电（记者 徐永春）峰会11日在法国巴黎闭幕。")
    item.authors = ["徐永春"]
    facts = locate(item, tokenize_article(item, TOKENIZER), TAXONOMY, TOKENIZER)
    assert "永春" not in facts.candidates


# --------------------------------------------------------------------------- the real seeds

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_articles() -> list[Article]:
    """The seeds through the real read and normalise stages (imported here, so a
    broken earlier stage fails this test only, not the unit tests above)."""
    from sitegen.normalise import normalise_sources
    from sitegen.read import find_source_files, read_source

    sources = [read_source(path, root=SEEDS.parent, max_bytes=10_000_000) for path in find_source_files(SEEDS)]
    articles, _ = normalise_sources([s for s in sources if not isinstance(s, Diagnostic)])
    return articles


def expected_primary(item: Article) -> set[str | None]:
    """Where each seed's events happened, by source file and, for the bundle, by title."""
    name = Path(item.sources[0].path).name
    by_title = {"深圳": {"shenzhen"}, "OptoChat": {"nanjing"}, "联想": {None}, "峰会": {"anqiu", "weifang"}}
    if name.startswith("003_"):
        return next(regions for word, regions in by_title.items() if word in item.title)
    return {
        "000_": {"tianjin"},
        "001_": {"beijing"},
        "002_": {"wuzhen", "tongxiang", "zhejiang"},
        "004_": {"hongkong"},
    }[name[:4]]


def test_every_seed_article_gets_the_place_where_its_event_happened():
    articles = seed_articles()
    assert len(articles) >= 9
    primaries = {}
    for item in articles:
        facts = locate(item, tokenize_article(item, TOKENIZER), TAXONOMY, TOKENIZER)
        assert facts.primary_region in expected_primary(item), item.title
        primaries[item.title] = facts.primary_region
    assert "wuzhen" in primaries.values()


@pytest.mark.parametrize("name, region, city", [
    ("西湖区", "xihu-hangzhou", "hangzhou"), ("杭州未来科技城", "future-sci-tech-city", "hangzhou"),
    ("漕河泾开发区", "caohejing", "shanghai"), ("张江科学城", "zhangjiang", "shanghai"),
])
def test_technology_districts_resolve_inside_their_city(name, region, city):
    assert resolve(name, TAXONOMY) == region
    assert city in TAXONOMY.ancestors(region)


def test_an_english_text_names_places_by_their_english_names():
    facts = place(
        "Shenzhen unveils fund to back AI robotics startups",
        "SHENZHEN, Nov 20 (Reuters) - The southern Chinese city of Shenzhen on Thursday launched a fund.",
        "Hong Kong and Singapore have also announced AI funding programmes this year.",
    )
    assert facts.primary_region == "shenzhen"
    assert {p.name: p.region for p in facts.places} == {
        "Shenzhen": "shenzhen", "Hong Kong": "hongkong", "Singapore": "singapore",
    }


def test_an_english_name_is_a_whole_word_as_written():
    facts = place("Hongkonger Parisian shops", "A Parisian style and a Dalian-made car: nothing here is Paris.")
    assert [p.name for p in facts.places] == ["Paris"]


def test_cities_abroad_where_ai_news_happens_are_places():
    facts = place("英伟达在圣何塞举办GTC大会", "2025年3月18日，英伟达在美国加州圣何塞举办GTC 2025大会。")
    assert facts.primary_region == "san-jose"
    assert TAXONOMY.regions["san-jose"].parent == "california"
    johor = place("柔佛数据中心热潮", "（新山讯）马来西亚柔佛州过去三年吸引了逾300亿令吉的数据中心投资。新加坡暂停批准新项目。")
    assert johor.primary_region in {"johor", "johor-bahru"}
    assert place("苏黎世联邦理工学院发布新模型", "模型在苏黎世发布。").primary_region == "zurich"


@pytest.mark.parametrize(
    "name, region",
    [("闵行", "minhang"), ("江宁", "jiangning"), ("南沙", "nansha"), ("宝安", "baoan"), ("松山湖", "songshan-lake"),
     ("深汕", "shenshan"), ("米兰", "milan"), ("伊斯坦布尔", "istanbul"), ("嘉定", "jiading"), ("柔佛", "johor"),
     ("熊本", "kumamoto"), ("京畿道", "gyeonggi"), ("埃因霍温", "eindhoven"), ("得州", "texas")],
)
def test_a_districts_short_name_and_more_places_are_known(name, region):
    assert resolve(name, TAXONOMY) == region


@pytest.mark.parametrize("name", ["南山", "朝阳", "天河", "福田", "开封", "大同", "大兴"])
def test_a_short_name_that_is_also_a_word_or_a_company_is_no_place(name):
    assert resolve(name, TAXONOMY) is None


def test_where_something_is_founded_is_its_venue_and_planned_venues_are_not():
    facts = place(
        "大模型产业联盟成立",
        "本报北京11月20日电 大模型产业联盟20日在北京成立。",
        "联盟将分别于2026年3月、6月和9月在上海、深圳和成都举办三场对接会，并计划在杭州设立分部。",
    )
    assert facts.primary_region == "beijing"


def test_a_place_named_once_in_the_lead_is_where_it_happened_and_once_later_is_not():
    release = place(
        "数字政策办公室发布生成式人工智能技术及应用指引",
        "数字政策办公室今日发布《香港生成式人工智能技术及应用指引》，供业界参考。",
        "指引涵盖技术应用、风险管理和个人资料保护等内容。",
    )
    assert release.primary_region == "hongkong"
    later = place(
        "数字政策办公室发布生成式人工智能技术及应用指引",
        "数字政策办公室今日发布生成式人工智能技术及应用指引，供业界参考。",
        "指引参考了香港业界的意见。",
    )
    assert later.primary_region is None
    several = place("人工智能产业观察", "北京、上海、深圳三地今年加快布局人工智能产业。", "各地政策各有侧重。")
    assert several.primary_region == "china"  # a lead naming several places favours none


def test_a_lead_naming_a_place_within_a_place_names_the_inner_one():
    facts = place("对话智元机器人CEO：人形机器人量产元年已经到来",
                  "在上海临港的智元机器人工厂里，一排排人形机器人正在进行出厂测试。", "问：今年的目标是什么？")
    assert facts.primary_region == "lingang"


def test_an_english_wires_dateline_names_where_the_story_happened():
    story = place("France hosts AI Action Summit in Paris",
                  "PARIS — More than 1,000 participants gathered for the summit, co-chaired by France and India.",
                  "President Macron announced new investment in France. France will build data centres.")
    assert story.primary_region == "paris"


def test_a_notice_naming_no_place_is_where_the_government_body_issuing_it_is():
    notice = article("关于组织申报2025年度人工智能创新应用先导区项目的通知", "现组织开展项目申报工作，每个项目最高支持500万元。")
    notice.publisher = "杭州市经济和信息化局"
    assert locate(notice, tokenize_article(notice, TOKENIZER), TAXONOMY, TOKENIZER).primary_region == "hangzhou"
    notice.publisher = "工业和信息化部"
    assert locate(notice, tokenize_article(notice, TOKENIZER), TAXONOMY, TOKENIZER).primary_region is None
    notice.publisher = "杭州日报"  # a paper reports from its city, but not only about it
    assert locate(notice, tokenize_article(notice, TOKENIZER), TAXONOMY, TOKENIZER).primary_region is None


def test_where_a_plan_does_something_every_year_is_no_venue():
    plan = place("武汉市加快人工智能产业发展若干措施", "为加快建设人工智能创新高地，结合我市实际，制定以下措施。",
                 "三、推动场景开放。每年在东湖高新区、武汉经开区发布不少于50个人工智能应用场景。")
    assert plan.primary_region == "wuhan"


def test_a_release_naming_places_inside_its_issuers_place_without_settling_is_where_the_issuer_is():
    release = article(  # analysis reads a Traditional text's Simplified view
        "科学技术发展基金资助人工智能研究项目",
        "科学技术发展基金今（18）日公布，本年度共资助15个人工智能相关研究项目，资助总额约4,800万澳门元。",
        "获资助项目主要来自澳门大学、澳门科技大学及澳门理工大学，研究范畴涵盖智慧城市及智能旅游等。"
        "其中，澳门大学位于横琴的实验室将与珠海企业合作，开发多语种大模型。",
    )
    assert locate(release, tokenize_article(release, TOKENIZER), TAXONOMY, TOKENIZER).primary_region == "china"
    release.publisher = "澳门特别行政区政府新闻局"
    assert locate(release, tokenize_article(release, TOKENIZER), TAXONOMY, TOKENIZER).primary_region == "macau"
    release.publisher = "广州市科学技术局"  # a place the text does not narrow down to: the text's own stands
    assert locate(release, tokenize_article(release, TOKENIZER), TAXONOMY, TOKENIZER).primary_region == "china"


@pytest.mark.parametrize("declared", [["苏州"], ["suzhou"], ["Suzhou"], ["某地", "苏州市"], ["苏州国际博览中心"]])
def test_a_place_the_sources_metadata_names_is_the_primary_region(declared):
    art = article("企业调研", "公司服务北京和上海的客户，团队一直留在原地。北京客户最多。")
    art.regions = declared
    assert locate(art, tokenize_article(art, TOKENIZER), TAXONOMY, TOKENIZER).primary_region == "suzhou"


def test_a_declared_place_the_gazetteer_does_not_know_leaves_the_text_to_decide():
    art = article("大会在南京举行", "2025世界人工智能大会在南京举行。")
    art.regions = ["某地"]
    assert locate(art, tokenize_article(art, TOKENIZER), TAXONOMY, TOKENIZER).primary_region == "nanjing"


def test_a_schedules_event_takes_the_place_its_venue_field_names():
    item = Article(
        slug="seed", title="2025年下半年AI活动日历", sources=[],
        paragraphs=[Paragraph(f"p{n}", kind, text, "seed.txt", n) for n, (kind, text) in enumerate([
            ("heading", "世界人工智能大会"), ("paragraph", "**时间**：2025年7月26日—28日　**地点**：上海世博中心"),
            ("paragraph", "以“智能时代 同球共济”为主题，预计发布新品超过100项。"),
        ], 1)],
    )
    facts = locate(item, tokenize_article(item, TOKENIZER), TAXONOMY, TOKENIZER)
    events = place_events(extract_events(item, facts.primary_region), item, facts, TAXONOMY)
    assert [(e.title, e.region) for e in events] == [("世界人工智能大会", "shanghai")]


@pytest.mark.parametrize("field", ["地点：广州南沙国际会议展览中心", "**地点**：广州南沙国际会议展览中心", "__举办地点__：广州南沙"])
def test_an_agendas_place_field_is_its_venue_bold_or_not(field):
    agenda = place("2025粤港澳大湾区人工智能创新发展论坛 议程", "**时间**：2025年11月28日（星期五）", field,
                   "主办单位：广州市工业和信息化局、南沙区人民政府")
    assert agenda.primary_region == "nansha"


@pytest.mark.parametrize(
    ("sentence", "region"),
    [("2025年5月，人工智能峰会在维也纳举行。", "vienna"), ("中企在布宜诺斯艾利斯举行的拉美AI论坛上参展。", "buenos-aires"),
     ("数字经济论坛在金边举行。", "phnom-penh"), ("AI大会在波哥大开幕。", "bogota")],
)
def test_capitals_abroad_are_places_under_their_countries(sentence, region):
    assert place("标题", sentence).primary_region == region
    assert TAXONOMY.regions[region].level == "city" and TAXONOMY.ancestors(region)[0] in TAXONOMY.regions


def test_a_country_whose_name_opens_with_a_citys_is_not_that_city():
    assert [m.region for m in place("标题", "罗马尼亚与中国签署人工智能合作协议。").mentions] == ["romania", "china"]


def test_a_place_in_brackets_inside_an_events_name_is_its_venue_over_a_halls_province():
    facts = place("济南发布人工智能+行动计划", "1月15日，济南市人民政府办公厅印发行动计划。",
                  "2026中国（济南）人工智能产业博览会将于4月下旬在山东国际会展中心举行。")
    assert facts.primary_region == "jinan"


def test_a_place_joined_in_doing_something_is_a_partner_not_where_it_happens():
    kinds = {m.region: m.kind for m in place("标题", "济南市将于五月联合青岛举办对接会。").mentions}
    assert kinds["qingdao"] == "relation"


def test_where_an_agreement_is_signed_is_a_venue():
    facts = place("北京某科技股份有限公司关于与福州市人民政府签署战略合作框架协议的公告",
                  "2025年4月18日，北京某科技股份有限公司与福州市人民政府在福州签署了《战略合作框架协议》。")
    assert facts.primary_region == "fuzhou"


def test_an_english_name_two_places_share_is_the_one_the_gazetteer_lists_first():
    facts = place("Ningbo port rolls out AI", "The system will be used in Wuxi and Suzhou in neighboring Jiangsu province.")
    assert "suzhou" in [m.region for m in facts.mentions] and "suzhou-anhui" not in [m.region for m in facts.mentions]


def dated_facts(title: str, *texts: str, published: PartialDate | None = None) -> list[tuple[str, str | None]]:
    """(title, region) of each dated fact of an article of `texts`, placed as a build places them."""
    item = Article(
        slug="item", title=title, sources=[], published=DateSpan(published) if published else None,
        paragraphs=[Paragraph(f"p{n}", "paragraph", text, "seed.txt", n) for n, text in enumerate(texts, 1)],
    )
    facts = locate(item, tokenize_article(item, TOKENIZER), TAXONOMY, TOKENIZER)
    events = place_events(extract_events(item, facts.primary_region), item, facts, TAXONOMY)
    return [(e.title, e.region) for e in events if e.kind == "secondary"]


def test_a_table_rows_event_is_placed_by_its_own_cell_or_place_column_not_a_speakers():
    assert dated_facts(
        "议程", "日期 | 城市 | 环节 | 演讲嘉宾",
        "2025-05-21 | 泉州 | 圆桌对话：海上丝路与数字贸易 | 多哈卡塔尔计算研究所研究员 艾哈迈德·哈桑",
    ) == [("圆桌对话：海上丝路与数字贸易", "quanzhou")]


def test_an_agendas_sessions_take_place_at_the_venue_its_field_names():
    assert dated_facts(
        "2025丝路数字经济与人工智能大会议程", "地点：泉州海峡体育中心会议厅", "日期 | 时间 | 环节 | 演讲嘉宾",
        "5月21日 | 09:00-10:00 | 圆桌对话：海上丝路与数字贸易 | 多哈卡塔尔计算研究所研究员 艾哈迈德·哈桑",
        "5月21日 | 14:00-16:00 | 闭幕式 | 大会组委会", published=PartialDate(2025, 5, 10),
    ) == [
        ("圆桌对话：海上丝路与数字贸易", "quanzhou"), ("闭幕式", "quanzhou"),
    ]
