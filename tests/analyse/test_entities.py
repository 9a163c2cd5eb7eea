"""People with titles and organisations, and organisations, found in articles."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.analyse import entities as _entities
from sitegen.analyse.entities import extract_entities, find_suffix_organisations, title_organisations
from sitegen.analyse.places import locate
from sitegen.analyse.tokens import make_tokenizer, tokenize_article
from sitegen.model import Article, Paragraph, SourceRef
from sitegen.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
TOKENIZER = make_tokenizer(TAXONOMY)


def entities(*paragraphs: tuple[str, str]):
    art = Article(
        slug="a",
        title="标题",
        paragraphs=[Paragraph(f"p{i}", kind, text, "s.txt", i) for i, (kind, text) in enumerate(paragraphs, 1)],
        sources=[SourceRef("s.txt", 1, "标题")],
    )
    tokens = tokenize_article(art, TOKENIZER)
    places = [place.name for place in locate(art, tokens, TAXONOMY, TOKENIZER).places]  # as analyse_article does
    found = extract_entities(art, tokens, TAXONOMY.organisations, places)
    return {e.name: e for e in found}


def test_a_speaker_block_gives_a_person_with_title_and_organisation():
    found = entities(
        ("byline", "联合国驻华协调员 杰思衡"),
        ("paragraph", "来到天津后，这里的AI发展令我印象深刻。"),
    )
    person = found["杰思衡"]
    assert person.kind == "person"
    assert person.titles == ["联合国驻华协调员"]
    assert person.organisations == ["联合国"]
    assert person.mentions[0].paragraph == "p1"
    assert found["联合国"].kind == "org"


@pytest.mark.parametrize(
    "sentence, name, title, organisation",
    [
        (
            "“人工智能坚持智能向善。”小米集团创始人、董事长兼首席执行官雷军说，“小米在研发汽车大压铸材料时，就是采用人工智能相关技术。”",
            "雷军",
            "小米集团创始人、董事长兼首席执行官",
            "小米集团",
        ),
        ("香港特区行政长官李家超在视频致辞中说，香港已成为孕育科学探索的理想沃土。", "李家超", "香港特区行政长官", None),
        ("特区政府创新科技及工业局局长孙东表示，香港会持续加强与产学研的合作。", "孙东", "特区政府创新科技及工业局局长", "特区政府创新科技及工业局"),
        ("中国人民大学校长林尚立表示，应构建人工智能安全治理的政策法规。", "林尚立", "中国人民大学校长", "中国人民大学"),
        (
            "北京市经济社会发展研究院产业发展研究所助理研究员许志锰表示，北京将在技术自主领域持续发力。",
            "许志锰",
            "北京市经济社会发展研究院产业发展研究所助理研究员",
            "北京市经济社会发展研究院产业发展研究所",
        ),
        ("蚂蚁集团董事长兼 CEO 井贤栋认为，推动人工智能向善而行需要协同治理。", "井贤栋", "蚂蚁集团董事长兼 CEO", "蚂蚁集团"),
        ("爱立信全球前沿技术高级总监克里斯托弗·普莱斯介绍，5G可编程网络离不开人工智能。", "克里斯托弗·普莱斯", "爱立信全球前沿技术高级总监", "爱立信"),
        ("“有效利用人工智能的巨大潜力。”联合国副秘书长李军华说。", "李军华", "联合国副秘书长", "联合国"),
        # titles as Taiwan writes them
        ("台积电执行长魏哲家表示，公司将扩大先进封装产能。", "魏哲家", "台积电执行长", "台积电"),
        ("国科会主委吴诚文指出，政府将投入200亿元支持AI晶片研发。", "吴诚文", "国科会主委", None),
        # what follows a name is no part of it: `在…上`, an adverb, a foreign name's end
        ("云南省科技厅厅长何平在致辞中表示，昆明将建设算力中心。", "何平", "云南省科技厅厅长", "云南省科技厅"),
        ("新松机器人自动化股份有限公司总裁张进则透露，公司将扩产。", "张进", "新松机器人自动化股份有限公司总裁",
         "新松机器人自动化股份有限公司"),
        ("沙特通信和信息技术部长阿卜杜拉·斯瓦哈在开幕式上宣布，沙特将投资。", "阿卜杜拉·斯瓦哈", "沙特通信和信息技术部长", None),
        ("韩国总统李在明表示，韩国将扩大投资。", "李在明", "韩国总统", None),
        ("美的集团副总裁兼首席信息官张小懿在揭牌仪式上介绍，美言大模型已落地。", "张小懿", "美的集团副总裁兼首席信息官", "美的集团"),
        ("东风汽车襄阳工厂厂长刘振宇说，产线效率提升。", "刘振宇", "东风汽车襄阳工厂厂长", None),
    ],
)
def test_a_quote_gives_the_speaker_with_title_and_organisation(sentence, name, title, organisation):
    person = entities(("paragraph", sentence))[name]
    assert person.kind == "person"
    assert person.titles == [title]
    assert (person.organisations[:1] or [None]) == [organisation]
    assert person.mentions[0].text == sentence


def test_a_list_item_quote_gives_a_title_without_the_list_marker():
    found = entities(("list", "- 香港创新科技及工业局局长孙东表示 香港以“强化基建+应用导向”为重心推进AI发展"))
    assert found["孙东"].titles == ["香港创新科技及工业局局长"]
    assert found["孙东"].organisations == ["香港创新科技及工业局"]


def test_an_interviewee_who_speaks_two_turns_is_a_person_with_the_title_the_lead_gives():
    found = entities(
        ("paragraph", "第一财经记者在发布会后专访了蔚来创始人、董事长、CEO李斌。"),
        ("paragraph", "第一财经：这次发布的系统有什么不同？"),
        ("paragraph", "李斌：最大的变化是我们采用了端到端的大模型架构。"),
        ("paragraph", "记者：算力从哪里来？"),
        ("paragraph", "李斌：我们在合肥建设了自己的智算中心。"),
        ("paragraph", "王芳：谢谢。"),
    )
    person = found["李斌"]
    assert (person.kind, person.titles, person.organisations) == ("person", ["蔚来创始人、董事长、CEO"], ["蔚来"])
    assert [m.paragraph for m in person.mentions][:2] == ["p3", "p1"]
    assert "第一财经" not in found and "记者" not in found and "王芳" not in found


def test_a_press_conferences_bold_turn_labels_give_the_speaker_and_the_title_of_the_first():
    found = entities(
        ("paragraph", "**主持人：** 各位记者朋友，大家上午好！"),
        ("paragraph", "**广州市工业和信息化局局长 李明：** 广州人工智能核心企业超过1200家。"),
        ("paragraph", "**记者：** 请问广州在算力建设方面有什么新举措？"),
        ("paragraph", "**李明：** 明年我们将在南沙区新建智算中心。"),
    )
    person = found["李明"]
    assert (person.kind, person.titles, person.organisations) == ("person", ["广州市工业和信息化局局长"], ["广州市工业和信息化局"])
    assert "主持人" not in found and "记者" not in found


def test_bold_turn_labels_closed_before_their_colon_give_the_speaker():
    found = entities(
        ("paragraph", "**记者**：临港的智算中心有什么新进展？"),
        ("paragraph", "**徐立**：临港的AIDC去年第四季度完成了二期扩容。"),
        ("paragraph", "**记者**：海外市场呢？"),
        ("paragraph", "**徐立**：我们今年9月在新加坡设立了办公室。"),
    )
    assert found["徐立"].kind == "person" and "记者" not in found


def test_a_name_introduced_with_a_title_and_quoted_later_without_it_is_that_person():
    found = entities(
        ("paragraph", "创新科技及工业局局长孙东今日出席在香港科学园举行的研讨会。"),  # analysed in Simplified
        ("paragraph", "孙东表示，特区政府将推出新一轮人工智能资助计划。"),
        ("paragraph", "公司表示，将加大投入。王芳表示支持。"),
    )
    person = found["孙东"]
    assert (person.kind, person.titles, person.organisations) == ("person", ["创新科技及工业局局长"], ["创新科技及工业局"])
    assert "公司" not in found and "王芳" not in found  # no title introduces them


@pytest.mark.parametrize(
    "quoted",
    ["陈志远对36氪表示，推理需求正在爆发。", "陈志远向记者透露，新品明年量产。", "陈志远接受新华社记者采访时表示，算力很重要。"],
)
def test_a_person_speaking_to_someone_is_quoted(quoted):
    found = entities(("paragraph", "公司创始人兼CEO陈志远博士毕业于清华大学。"), ("paragraph", quoted))
    assert (found["陈志远"].kind, found["陈志远"].titles) == ("person", ["公司创始人兼CEO"])
    direct = entities(("paragraph", "创始人兼CEO陈志远对36氪表示，推理需求正在爆发。"))
    assert direct["陈志远"].titles == ["创始人兼CEO"]


def test_an_interviewee_introduced_without_a_title_is_a_person_without_one():
    found = entities(("paragraph", "张伟：模型很重要。"), ("paragraph", "张伟：数据也很重要。"))
    assert (found["张伟"].kind, found["张伟"].titles) == ("person", [])


def test_credits_and_untitled_names_are_not_people():
    found = entities(
        ("byline", "记者 张艳 王轶斐 姚华"),
        ("byline", "新京报记者 周怀宗"),
        ("paragraph", "新华社杭州11月21日电（记者魏一骏、郑可意）11月21日，蓝皮书发布。"),
        ("paragraph", "国家智能制造专家委员会主任在开幕式上强调，AI已成为核心驱动力。"),
        ("heading", "天津的优势 在于创新"),
    )
    assert [e.name for e in found.values() if e.kind == "person"] == []


def test_listed_organisations_and_suffix_names_are_organisations():
    found = entities(
        ("paragraph", "蓝皮书由中国网络空间研究院编写。人才方面，天津拥有南开大学等一批知名高等院校。"),
        ("paragraph", "复旦大学人工智能创新与产业研究院和太平洋未来科技（杭州）有限公司联手研发智能眼镜。"),
        ("paragraph", "京东作为线上首发合作伙伴，将有效降低采购成本。"),
    )
    orgs = {name for name, e in found.items() if e.kind == "org"}
    assert {"中国网络空间研究院", "南开大学", "太平洋未来科技（杭州）有限公司", "京东", "复旦大学"} <= orgs
    assert "产业研究院" not in orgs  # too generic a name to be one organisation
    assert "新华社" not in orgs  # a publisher reports the news, it is not in it


def test_investors_of_a_round_and_a_quoted_company_are_organisations():
    found = entities(
        ("paragraph", "36氪获悉，AI推理芯片公司「算能未来」近日完成数亿元B轮融资，由智源创新领投，"
                      "高瓴创投、远景资本跟投，老股东启明创投超额跟投。"),
        ("paragraph", "「算能未来」成立于2021年。"),
    )
    orgs = {name for name, e in found.items() if e.kind == "org"}
    assert {"算能未来", "智源创新", "高瓴创投", "远景资本", "启明创投"} <= orgs
    assert "AI推理芯片公司" not in orgs and "老股东启明创投" not in orgs
    assert [m.paragraph for m in found["算能未来"].mentions] == ["p1", "p2"]


def test_a_company_introduced_by_a_description_and_its_latin_name_is_that_name():
    found = entities(("paragraph", "阿联酋人工智能公司G42宣布建设园区，沙特人工智能公司Humain同日跟进。该公司CEO表示欢迎。"))
    orgs = {name for name, e in found.items() if e.kind == "org"}
    assert {"G42", "Humain"} <= orgs
    assert not orgs & {"人工智能公司", "阿联酋人工智能公司", "CEO"}


def test_a_short_name_used_alone_is_kept_beside_the_longer_name():
    found = entities(
        ("byline", "中国电子信息产业集团有限公司副总经理 王桂荣"),
        ("paragraph", "飞腾和麒麟是中国电子在天津的重要布局。"),
    )
    assert found["王桂荣"].organisations == ["中国电子信息产业集团有限公司"]
    assert {"中国电子", "中国电子信息产业集团有限公司", "飞腾"} <= set(found)
    assert "中国电子信息产业集团" not in found  # only ever inside the longer name


def test_a_person_is_one_entity_per_article_with_every_mention():
    found = entities(
        ("paragraph", "中国欧盟商会主席彦辞表示，天津是欧洲企业的优选城市。"),
        ("paragraph", "彦辞认为，中欧绿色合作有着巨大的挖掘潜力。"),
    )
    assert [e.name for e in found.values() if e.kind == "person"] == ["彦辞"]
    assert [m.paragraph for m in found["彦辞"].mentions] == ["p1", "p2"]


def test_a_company_named_in_a_title_may_end_in_keji():
    assert title_organisations("智元科技创始人、CEO", []) == ["智元科技"]


def test_organisations_of_a_title_come_before_its_first_job_title():
    assert title_organisations("海光信息总裁助理兼智能计算产品部总经理", ("海光信息",)) == ["海光信息"]
    assert title_organisations("世界工程组织联合会主席", ()) == ["世界工程组织联合会"]
    assert title_organisations("香港特区行政长官", ()) == []
    assert title_organisations("海尔集团董事局主席", ()) == ["海尔集团"]  # its board is part of the title


def test_suffix_organisations_start_after_verbs_and_function_words():
    text = "北京将高水平建设国家人工智能学院，资助本地大学吸引人才。"
    words = TOKENIZER.lcut(text)
    assert find_suffix_organisations(text, words) == ["国家人工智能学院"]


chinese_text = st.text(
    alphabet=st.sampled_from(list("表示说认为局长主席校长集团有限公司大学研究院在的和与，。、“”：- 李王张雷军孙东香港天津AI·\n")),
    max_size=120,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "byline", "list", "heading"]), chinese_text), max_size=4))
def test_any_text_gives_entities_whose_mentions_are_verbatim(paragraphs):
    found = entities(*paragraphs)
    texts = {f"p{i}": text for i, (_, text) in enumerate(paragraphs, 1)}
    for entity in found.values():
        assert entity.name and entity.kind in ("person", "org")
        for mention in entity.mentions:
            assert mention.text in texts[mention.paragraph]


@pytest.mark.parametrize("text, office", [
    ("记者从银川市大数据管理服务局获悉，宁夏枢纽新增算力。", "银川市大数据管理服务局"),
    ("该模型由海南省大数据管理局牵头建设。", "海南省大数据管理局"),
    ("记者从哈尔滨市文化广电和旅游局获悉，冰雪大世界将试运营。", "哈尔滨市文化广电和旅游局"),
    ("漳州市台港澳办主任表示，两岸合作加深。", "漳州市台港澳办"),
])
def test_offices_named_by_what_they_manage_or_serve_are_organisations(text, office):
    assert office in entities(("paragraph", text))
    assert not entities(("paragraph", "杭州布局人工智能管理局面向未来。"))


def test_a_department_whose_name_holds_a_conjunction_is_one_organisation():
    found = entities(("paragraph", "上海市经济和信息化委员会数据显示，上海人工智能产业规模超过4500亿元。"))
    assert "上海市经济和信息化委员会" in found and "信息化委员会" not in found


@pytest.mark.parametrize("text, organisations", [
    ("2019年阿里巴巴集团营收增长。", ["阿里巴巴集团"]),
    ("2024年11月19日深圳市人工智能行业协会举办大会。", ["深圳市人工智能行业协会"]),
    ("二〇二三年阿里巴巴集团发布财报。", ["阿里巴巴集团"]),
    ("去年华为公司发布了新芯片。", ["华为公司"]),
    ("第三届世界人工智能大会基金会成立。", ["世界人工智能大会基金会"]),
    ("其中包括5家上市公司和１５家银行。", []),
    ("数码港将与台中市一所大学签署备忘录。", []),  # a university of Taichung, not one named so
    ("北京两家研究院联合发布报告。", []),
    ("十家保险公司参与。", []),
    ("三一重工集团与360集团、万家乐公司签约。", ["三一重工集团", "360集团", "万家乐公司"]),
])
def test_a_date_or_count_in_front_is_not_part_of_an_organisation(text, organisations):
    assert find_suffix_organisations(text, TOKENIZER.lcut(text)) == organisations


@pytest.mark.parametrize("text, organisations", [
    ("合肥有中国科学技术大学，人才储备很好。", ["中国科学技术大学"]),
    ("高新区集聚了科大讯飞研究院等机构。", ["科大讯飞研究院"]),
    ("公司宣布收购深圳市优必选科技股份有限公司。", ["深圳市优必选科技股份有限公司"]),
])
def test_a_verb_in_front_is_not_part_of_an_organisation(text, organisations):
    assert find_suffix_organisations(text, TOKENIZER.lcut(text)) == organisations


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(["阿里巴巴集团", "深圳市人工智能行业协会", "中国科学院自动化研究所", "南开大学", "三一重工集团"]),
    st.one_of(
        st.builds("{}年".format, st.integers(1990, 2030)),
        st.builds("{}年{}月{}日".format, st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 31)),
        st.builds("{}月".format, st.integers(1, 12)),
        st.sampled_from(["去年", "今年", "上半年", "近日", "二〇二三年", "第三届", "2025年上半年"]),
    ),
)
def test_a_date_in_front_of_a_name_leaves_the_same_organisation(name, date):
    alone, dated = f"{name}发布新成果。", f"{date}{name}发布新成果。"
    assert find_suffix_organisations(dated, TOKENIZER.lcut(dated)) == find_suffix_organisations(alone, TOKENIZER.lcut(alone))


_TITLE_TEXT = st.lists(
    st.sampled_from(["董事长", "首席经济学家", "市长", "李斌", "王伟", " ", "\t", "，", "\n", "、", "行业" * 9, "行业" * 20, "副", "a"]),
    max_size=40,
).map("".join)


@given(text=_TITLE_TEXT, name=st.sampled_from(["李斌", "王伟", "李"]))
@example(text="行业" * 20 + "首席经济学家 \t 李斌", name="李斌")  # a title as long as can be, then blanks
@settings(max_examples=500, deadline=None)
def test_a_title_is_found_where_a_search_of_the_whole_text_finds_it(text, name):
    whole = re.search(_entities._TITLE_BEFORE + re.escape(name), text)
    found = _entities._title_match(text, name)
    assert (found and (found.span(), found["title"])) == (whole and (whole.span(), whole["title"]))


def test_a_title_far_before_a_later_mention_is_found_past_an_earlier_bare_one():
    text = "李斌说了很多。" + "行业" * 40 + "\n蔚来创始人、董事长 \t李斌表示"
    assert _entities._introduced_title(text, "李斌") == "蔚来创始人、董事长"


def _suffixed(text: str, places: tuple[str, ...]) -> list[str]:
    words = TOKENIZER.lcut(text)
    return find_suffix_organisations(text, words, places=places)


def test_a_government_office_is_an_organisation_after_a_place_the_article_names():
    text = "本报讯（记者 王小川）成都市人民政府办公厅昨日印发措施。二〇二五年十月，四川省经济和信息化厅在德阳召开推进会。"
    assert _suffixed(text, ("成都", "四川省", "德阳")) == [  # the article keeps the longer of a name in a name
        "成都市人民政府", "成都市人民政府办公厅", "四川省经济和信息化厅",
    ]


def test_a_government_suffix_without_a_place_in_front_names_no_one():
    assert _suffixed("该市人民政府办公厅昨日印发措施，各地科技局随后跟进。", ("成都",)) == []
    assert _suffixed("成都市人民政府办公厅昨日印发措施。", ()) == []  # the article names no place
    assert _suffixed("上海布局人工智能，餐厅也用上了机器人。", ("上海",)) == []


def test_an_article_names_the_government_office_of_a_place_it_mentions():
    found = entities(("paragraph", "成都市人民政府办公厅昨日印发《成都市促进人工智能产业高质量发展若干措施》。"))
    assert ("成都市人民政府办公厅", "org") in {(name, entity.kind) for name, entity in found.items()}
    assert "成都市人民政府" not in found


def test_an_english_source_names_people_and_organisations():
    found = entities(
        ("paragraph", "Jensen Huang, chief executive of Nvidia, said demand was strong."),
        ("paragraph", "The cluster sits at the National Supercomputing Centre in Singapore."),
    )
    assert (found["Jensen Huang"].kind, found["Jensen Huang"].organisations) == ("person", ["Nvidia"])
    assert found["National Supercomputing Centre"].kind == "org"


def test_a_date_cut_by_the_length_limit_is_no_part_of_an_organisations_name():
    found = entities(("paragraph", "（2025年10月28日杭州市第十四届人民代表大会常务委员会第二十九次会议通过）"))
    assert "杭州市第十四届人民代表大会常务委员会" in found
    assert not any(name.startswith(("年", "月", "日")) for name in found)


def test_a_person_speaking_on_a_day_somewhere_is_quoted_with_their_title():
    found = entities(("paragraph", "柔佛州投资委员会主席李存孝13日在新山接受本报访问时说，州内已批准的数据中心项目达到32个。"),
                     ("paragraph", "公司副总裁王强昨日对记者透露，新品将于下月发布。"))
    assert found["李存孝"].titles == ["柔佛州投资委员会主席"]
    assert found["王强"].kind == "person"


def test_well_known_carmakers_and_chip_companies_are_organisations():
    found = entities(("paragraph", "长安汽车、赛力斯这些车企的自动驾驶训练需求大增，沐曦和紫光展锐也在扩产。"))
    assert {"长安汽车", "赛力斯", "沐曦", "紫光展锐"} <= {name for name, e in found.items() if e.kind == "org"}


def test_a_posts_bracketed_topic_and_a_title_before_the_last_are_no_part_of_the_organisation():
    found = entities(("paragraph", "【#两会# 代表委员热议#具身智能#】全国人大代表、优必选科技创始人周剑在北京接受采访时表示，人形机器人正走向工厂。"))
    assert found["周剑"].titles == ["全国人大代表、优必选科技创始人"]
    assert found["周剑"].organisations == ["优必选科技"]
    assert not any("】" in name or "、" in name for name in found)


def test_a_person_interviewed_is_someone_the_article_quotes():
    found = entities(("paragraph", "6月16日，在上海举行的一场行业论坛间隙，地平线创始人兼首席执行官余凯接受了第一财经记者专访。"),
                     ("paragraph", "**答：**最大的变化是高阶智驾开始进入10万元级别的车型。"))
    assert found["余凯"].titles == ["地平线创始人兼首席执行官"]


def test_a_person_giving_a_speech_at_an_event_is_quoted_with_their_title():
    found = entities(("paragraph", "以下是行政长官李家超今日（十一月二十日）在香港会议展览中心出席人工智能产业峰会的致辞全文："),
                     ("paragraph", "创新科技及工业局局长孙东今（二十）日表示，数码港的超算中心已投入服务。"),
                     ("paragraph", "省委书记王刚出席开幕式并致辞。"))
    assert found["李家超"].titles == ["行政长官"]
    assert found["孙东"].titles == ["创新科技及工业局局长"]
    assert found["王刚"].titles == ["省委书记"]


def test_a_titled_name_in_a_table_cell_is_a_person():
    found = entities(("paragraph", "时间 | 环节 | 嘉宾"),
                     ("paragraph", "09:00-09:20 | 开幕致辞 | 广州市人民政府副市长 李明"),
                     ("paragraph", "09:20-09:50 | 主旨演讲：大模型时代的产业机遇 | 中国工程院院士 王坚"),
                     ("paragraph", "10:20-11:30 | 圆桌对话 | 香港科技大学、澳门大学代表"))
    assert found["李明"].titles == ["广州市人民政府副市长"]
    assert found["王坚"].titles == ["中国工程院院士"]
    assert not any(e.kind == "person" and e.name not in ("李明", "王坚") for e in found.values())


def test_a_titled_person_attending_is_a_person_and_words_after_a_title_are_no_names():
    found = entities(("paragraph", "台积电董事长魏哲家在典礼上表示，AI需求强劲。新竹县长杨文科也出席典礼。"),
                     ("paragraph", "公司董事长兼总裁表示，前景很好。市长助理出席。院士团队出席论坛。"))
    assert found["杨文科"].titles == ["新竹县长"]
    assert {name for name, e in found.items() if e.kind == "person"} == {"魏哲家", "杨文科"}


def test_whom_a_host_introduces_is_no_part_of_the_guests_organisation():
    found = entities(("paragraph", "主持人：今天我们来到香港科学园，嘉宾是港深智算研究院院长周启明教授。"),
                     ("paragraph", "周启明：我们研究院去年12月在香港科学园正式启用。"),
                     ("paragraph", "主持人：算力规模有多大？"), ("paragraph", "周启明：目前达到3000PFLOPS。"))
    assert found["周启明"].titles == ["港深智算研究院院长"] and found["周启明"].organisations == ["港深智算研究院"]
    assert not any(name.startswith("嘉宾") for name in found)


def test_a_company_named_by_its_full_and_its_short_name_is_one_organisation():
    found = entities(("paragraph", "软银集团董事长兼总裁孙正义在发布会上表示，公司计划投资。软银12日在东京宣布建设数据中心。"))
    orgs = {name: e for name, e in found.items() if e.kind == "org"}
    assert "软银" in orgs and "软银集团" not in orgs
    assert [m.text for m in orgs["软银"].mentions] == [
        "软银集团董事长兼总裁孙正义在发布会上表示，公司计划投资。", "软银12日在东京宣布建设数据中心。",
    ]
    assert found["孙正义"].organisations == ["软银集团"]


def test_a_longer_name_that_is_no_company_form_of_a_shorter_one_is_kept():
    found = entities(("paragraph", "中国电子信息产业集团有限公司与中国电子旗下企业签约。"))
    assert {"中国电子", "中国电子信息产业集团有限公司"} <= set(found)
