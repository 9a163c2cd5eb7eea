"""End to end on sources unlike the seeds: other formats, encodings, places and
dates (`tests/fixtures/unseen/`). read -> normalise -> analyse_corpus, checked
against what a reader of the briefing would expect from each source.

The fixtures were written to differ from the seeds on purpose: a Xinhua
dispatch ending in `（完）`, a full HTML page with navigation and sidebar (and
the same page saved as GBK), a UTF-16 CRLF interview, Markdown without front
matter, TOML front matter bundling two events, a digest with `来源：… | date`
bylines, PDF text with running headers and page numbers, Chinese quoting
English product names, an event abroad, a Big5 Traditional-Chinese press
release, a plan dated only by a deadline, `去年12月` against a publication
date, a WeChat official-account post, an HTML page of `<div>`s and `<br>`s
with its metadata beside the text, a newspaper's `昨日`, a digest whose
bylines are `publisher date`, an article whose first line is its date, an
RSS feed, a JSON export of a news API, and a page whose related-news list
sits inside the article's element.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.analyse import analyse_corpus
from sitegen.chinese.sentences import split_sentences
from sitegen.model import AnalysedArticle, Source
from sitegen.normalise.clean import text_key
from sitegen.normalise import normalise_sources
from sitegen.read import find_source_files, read_source
from sitegen.read.webpage import is_furniture
from sitegen.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[2]
UNSEEN = REPO / "tests" / "fixtures" / "unseen"
TAXONOMY = load_taxonomy()
MAX_BYTES = 20 * 1024 * 1024

# Words of page furniture that no article body of these fixtures contains.
FURNITURE = re.compile(
    r"第\s*\d+\s*页|—\s*\d+\s*—|星期[一二三四五六日]|版权所有|ICP备|分享到|热门文章|原文链接|免责声明|相关阅读"
    r"|上一篇|（完）|当前位置|发表评论|关于我们|登录|关注我们|在看|往期推荐|END|排行榜|上一页"
)


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    read = [read_source(path, root=REPO, max_bytes=MAX_BYTES) for path in find_source_files(UNSEEN)]
    assert all(isinstance(s, Source) for s in read), [s for s in read if not isinstance(s, Source)]
    return {Path(s.path).name: s for s in read}


@pytest.fixture(scope="module")
def analysed(sources: dict[str, Source]) -> list[AnalysedArticle]:
    articles, _ = normalise_sources(list(sources.values()))
    return analyse_corpus(articles, TAXONOMY, summary_chars=160)


def article(analysed: list[AnalysedArticle], fragment: str) -> AnalysedArticle:
    found = [a for a in analysed if fragment in a.article.title]
    assert len(found) == 1, f"{fragment}: {[a.article.title for a in analysed]}"
    return found[0]


def primary_event(item: AnalysedArticle):
    primary = [e for e in item.facts.events if e.kind == "primary"]
    assert primary, f"{item.article.title}: no primary event"
    return primary[0]


def figure(item: AnalysedArticle, text: str):
    found = [f for f in item.facts.figures if f.text == text]
    assert found, f"{text}: {[f.text for f in item.facts.figures]}"
    return found[0]


def topics(item: AnalysedArticle) -> list[str]:
    return [t.topic for t in item.facts.topics]


def body(item: AnalysedArticle) -> str:
    return "\n".join(p.text for p in item.article.paragraphs)


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    "name, reader, encoding",
    [
        ("chengdu_xinhua.txt", "plain", "utf-8"),
        ("shanghai_waic.html", "html", "utf-8"),
        ("shanghai_waic_gbk.htm", "html", "gb18030"),
        ("hefei_interview_utf16.txt", "plain", "utf-16"),
        ("hangzhou_robots.md", "markdown", "utf-8"),
        ("wuhan_xian_bundle.md", "markdown", "utf-8"),
        ("guizhou_digest.txt", "digest", "utf-8"),
        ("guangzhou_pdf.txt", "plain", "utf-8"),
        ("beijing_english_mixed.txt", "webpage", "utf-8"),
        ("paris_summit.txt", "plain", "utf-8"),
        ("macau_big5.txt", "plain", "big5"),
        ("shenzhen_wechat.txt", "webpage", "utf-8"),
        ("beijing_robot_conference.html", "html", "utf-8"),
        ("beijing_daily_yesterday.txt", "plain", "utf-8"),
        ("hefei_digest_spaced.txt", "digest", "utf-8"),
        ("shanghai_dateline_first.txt", "plain", "utf-8"),
        ("shenzhen_feed.xml", "feed", "utf-8"),
        ("tianjin_xiongan_export.json", "json", "utf-8"),
        ("nanjing_related_inside.html", "html", "utf-8"),
    ],
)
def test_each_source_is_read_by_the_right_reader_in_its_encoding(sources, name, reader, encoding):
    assert (sources[name].format, sources[name].encoding) == (reader, encoding)


def test_the_utf16_crlf_source_has_no_carriage_returns(sources):
    assert "\r" not in sources["hefei_interview_utf16.txt"].text


def test_no_article_body_carries_page_furniture(analysed):
    for item in analysed:
        assert not FURNITURE.search(body(item)), item.article.title


def _prose_lines(source: Source) -> list[str]:
    """The lines of a source that carry prose (a comma or full stop), as text:
    paragraphs of HTML, record bodies of JSON, item bodies of a feed."""
    from lxml import etree

    name = Path(source.path).name
    if name.endswith((".html", ".htm")):
        document = etree.fromstring(source.text, etree.HTMLParser())
        lines = ["".join(p.itertext()) for p in document.iter("p")]
        lines += [part for div in document.iter("div") for part in (div.text or "").split("\n")]
    elif name.endswith(".xml"):  # a feed: each item's full content, else its description
        document = etree.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", source.text).encode())
        lines = []
        for item in document.iter("item"):
            parts = {child.tag.rsplit("}", 1)[-1]: child.text or "" for child in item}
            lines.append(re.sub(r"<[^>]+>", "\n", parts.get("encoded") or parts.get("description", "")))
    elif name.endswith(".json"):
        import json

        records = json.loads(source.text)["data"]["list"]
        lines = [re.sub(r"<[^>]+>", "\n", r["content"]) for r in records]
    else:
        lines = re.sub(r"\A(---|\+\+\+)\n.*?\n\1\n", "", source.text, flags=re.S).split("\n")
    lines = [piece for line in lines for piece in line.split("\n")]
    return [line.strip() for line in lines if re.search("[，。,]", line) and not is_furniture(line)]


@pytest.mark.parametrize("name", sorted(p.name for p in UNSEEN.iterdir()))
def test_every_prose_sentence_of_the_source_survives(sources, analysed, name):
    """Every sentence (or, where a PDF line-wrap cut it, every piece) of each
    source's prose lines is in some article body, compared without spaces
    and punctuation, so furniture removal never takes text with it."""
    corpus = text_key("\n".join(body(item) for item in analysed))
    lines = _prose_lines(sources[name])
    assert lines, name
    for line in lines:
        for sentence in split_sentences(line):
            key = text_key(re.sub(r"\[\d{1,3}\]|\s\.\.\.$", "", sentence))
            assert key in corpus, (name, sentence)


# --------------------------------------------------------------------------- Chengdu: Xinhua dispatch


def test_xinhua_dispatch_gets_publisher_reporters_and_its_date_from_the_event_name_year(analysed):
    item = article(analysed, "成都：今年人工智能核心产业规模")
    assert (item.article.publisher, item.article.authors) == ("新华社", ["李晓婷", "张源"])
    assert (item.article.published.iso(), item.article.published.precision) == ("2025-03-05", "day")
    assert item.facts.primary_region == "chengdu"
    event = primary_event(item)
    assert (event.when.iso(), event.when.precision, event.region) == ("2025-03-05", "day", "chengdu")
    assert "（记者 李晓婷 张源）" in item.article.paragraphs[0].text


def test_xinhua_dispatch_figures_and_topics(analysed):
    item = article(analysed, "成都：今年人工智能核心产业规模")
    assert figure(item, "1500亿元").value == 1.5e11
    assert (figure(item, "3000 PFLOPS").value, figure(item, "3000 PFLOPS").unit) == (3000, "PFLOPS")
    assert figure(item, "超过800家").qualifier and figure(item, "超过800家").value == 800
    assert "compute-chips" in topics(item)
    assert item.article.paragraphs[-1].text.endswith("参会。")


# --------------------------------------------------------------------------- Shanghai: HTML page, UTF-8 and GBK


def test_html_page_and_its_gbk_copy_are_one_article_citing_both(analysed):
    item = article(analysed, "2025世界人工智能大会在沪开幕")
    assert sorted(Path(s.path).name for s in item.article.sources) == ["shanghai_waic.html", "shanghai_waic_gbk.htm"]
    assert item.article.title == "2025世界人工智能大会在沪开幕 聚焦“智能时代 同球共济”"


def test_html_page_metadata_from_meta_tags_and_the_article_header(analysed):
    item = article(analysed, "2025世界人工智能大会在沪开幕")
    assert item.article.publisher == "东方资讯网" and item.article.authors == ["陈思远"]
    assert (item.article.published.iso(), item.article.published.precision) == ("2025-07-26", "day")
    assert "WAIC" in item.article.tags


def test_html_page_event_is_the_three_day_range_in_shanghai(analysed):
    item = article(analysed, "2025世界人工智能大会在沪开幕")
    assert item.facts.primary_region == "shanghai"
    event = primary_event(item)
    assert (event.when.iso(), event.when.precision) == ("2025-07-26/2025-07-28", "day")
    assert figure(item, "超过4500亿元").value == 4.5e11
    assert figure(item, "超过3000项").measure == "前沿展品"
    assert {"ai-governance", "embodied-robots"} <= set(topics(item))


def test_html_page_body_is_the_article_only(analysed):
    text = body(article(analysed, "2025世界人工智能大会在沪开幕"))
    assert "以“智能时代 同球共济”为主题" in text
    for furniture in ("上海发布人形机器人产业新政", "要闻", "微信", "gtag", "noopener", "责任编辑"):
        assert furniture not in text


# --------------------------------------------------------------------------- Hefei: UTF-16 interview


def test_interview_masthead_line_gives_publisher_and_date(analysed):
    item = article(analysed, "量子计算遇上大模型")
    assert item.article.publisher == "安徽日报" and item.article.authors == ["周文静"]
    assert (item.article.published.iso(), item.article.published.precision) == ("2025-04-18", "day")
    assert not item.article.paragraphs[0].text.startswith("安徽日报")


def test_interview_is_placed_in_hefei_and_dated_by_its_lead(analysed):
    item = article(analysed, "量子计算遇上大模型")
    assert item.facts.primary_region == "hefei"
    assert primary_event(item).when.iso() == "2025-04-16"
    assert "compute-chips" in topics(item)
    speaker = [e for e in item.facts.entities if e.name == "郭光辉"]
    assert speaker and speaker[0].titles == ["中国科学技术大学教授"]
    turns = [p.text for p in item.article.paragraphs if p.text.startswith("记者：")]
    assert len(turns) == 4


# --------------------------------------------------------------------------- Hangzhou: Markdown without front matter


def test_markdown_without_front_matter_has_a_month_event_in_hangzhou(analysed):
    item = article(analysed, "杭州“六小龙”再出发")
    assert item.article.published is None
    assert item.facts.primary_region == "hangzhou"
    event = primary_event(item)
    assert (event.when.iso(), event.when.precision) == ("2025-02", "month")
    assert {"embodied-robots", "large-models-agents"} <= set(topics(item))
    assert figure(item, "6305亿元").value == 6.305e11
    kinds = [p.kind for p in item.article.paragraphs]
    assert kinds.count("heading") == 2 and "list" in kinds and "quote" in kinds and kinds[0] == "image"


# --------------------------------------------------------------------------- Wuhan and Xi'an: TOML front matter bundle


def test_toml_bundle_gives_two_articles_in_their_cities(analysed):
    wuhan = article(analysed, "光谷人工智能大会在武汉举行")
    xian = article(analysed, "丝路人工智能论坛在西安开幕")
    assert "wuhan" in [wuhan.facts.primary_region, *TAXONOMY.ancestors(wuhan.facts.primary_region)]
    assert xian.facts.primary_region == "xian"
    assert primary_event(wuhan).when.iso() == "2025-06-12/2025-06-13"
    assert (primary_event(xian).when.iso(), primary_event(xian).when.precision) == ("2025-06-18", "day")
    for item in (wuhan, xian):
        assert item.article.published.iso() == "2025-06-20"
    assert figure(wuhan, "1500 PFLOPS").value == 1500
    assert not any(e.when.iso().startswith("2027") for e in wuhan.facts.events)


# --------------------------------------------------------------------------- Guizhou: digest with `来源：… | date`


def test_digest_with_source_key_bylines_gives_clean_publishers(analysed):
    expo = article(analysed, "数博会在贵阳开幕")
    guian = article(analysed, "贵安新区：智算中心集群加快建设")
    assert (expo.article.publisher, expo.article.published.iso()) == ("澎湃新闻", "2025-05-26")
    assert (guian.article.publisher, guian.article.published.iso()) == ("贵州日报", "2025-05-27")
    assert expo.facts.primary_region == "guiyang"
    assert "guizhou" in TAXONOMY.ancestors(guian.facts.primary_region)
    assert (figure(expo, "超过80 EFLOPS").value, figure(expo, "超过80 EFLOPS").unit) == (80, "EFLOPS")
    assert "以“数智未来 共享共赢”为主题" in body(expo)
    assert {"compute-chips", "data-infrastructure"} <= set(topics(expo))


def test_digest_entry_without_an_event_date_is_dated_by_its_publication(analysed):
    event = primary_event(article(analysed, "贵安新区：智算中心集群加快建设"))
    assert (event.when.iso(), event.when.approximate) == ("2025-05-27", True)


# --------------------------------------------------------------------------- Guangzhou: PDF text with page furniture


def test_pdf_text_loses_running_headers_but_keeps_the_masthead_date(analysed):
    item = article(analysed, "广州南沙")
    assert item.article.title.startswith("大湾区人工智能产业加速集聚")
    assert item.article.publisher == "南方科技日报"
    assert (item.article.published.iso(), item.article.published.precision) == ("2025-06-18", "day")
    assert item.article.authors == ["林晓岚", "何子健"]


def test_pdf_sentence_broken_by_a_page_break_is_whole(analysed):
    item = article(analysed, "广州南沙")
    joined = [p.text for p in item.article.paragraphs if "共建联合实验室" in p.text]
    assert len(joined) == 1 and joined[0].startswith("在南沙")
    caption = [p for p in item.article.paragraphs if p.kind == "caption"]
    assert len(caption) == 1 and caption[0].text.startswith("图为6月17日")


def test_pdf_article_is_an_event_in_guangzhous_nansha_district(analysed):
    item = article(analysed, "广州南沙")
    assert item.facts.primary_region == "nansha"  # under guangzhou in the gazetteer
    assert primary_event(item).when.iso() == "2025-06-17"
    assert figure(item, "超过1200亿元").value == 1.2e11


# --------------------------------------------------------------------------- Beijing: Chinese quoting English names


def test_english_names_survive_and_are_measured(analysed):
    item = article(analysed, "对标OpenAI o1")
    text = body(item)
    for name in ("GPT-4o", "NVIDIA H100 GPU", "OpenAI的o1模型", "MIT License", "Hugging Face", "StarMind-R"):
        assert name in text
    assert figure(item, "约2000张").measure == "NVIDIA H100 GPU"
    assert figure(item, "560万美元").value == 5.6e6
    assert "OpenAI" in item.facts.keywords
    assert topics(item)[0] == "large-models-agents"


def test_scraped_page_source_line_and_trailing_furniture(analysed):
    item = article(analysed, "对标OpenAI o1")
    assert (item.article.publisher, item.article.authors) == ("科创板日报", ["赵一鸣"])
    assert primary_event(item).when.iso() == "2025-01-20"
    assert "beijing" in [item.facts.primary_region, *TAXONOMY.ancestors(item.facts.primary_region)]
    assert item.article.paragraphs[-1].text.endswith("差距正在缩小。")


# --------------------------------------------------------------------------- Paris: an event abroad


def test_summit_abroad_is_placed_in_paris_not_at_the_next_venue(analysed):
    item = article(analysed, "人工智能行动峰会在巴黎闭幕")
    assert item.facts.primary_region == "paris"
    assert TAXONOMY.ancestors("paris")[:2] == ["france", "europe"]
    event = primary_event(item)
    assert (event.when.iso(), event.region) == ("2025-02-11", "paris")
    assert figure(item, "约1090亿欧元").unit == "欧元"
    assert "ai-governance" in topics(item)


# --------------------------------------------------------------------------- Macao: Big5, Traditional characters


def test_big5_traditional_release_is_read_placed_and_quoted_verbatim(analysed):
    item = article(analysed, "澳門舉辦人工智能論壇")
    assert item.article.publisher == "澳門特別行政區政府新聞局"
    assert item.article.published.iso() == "2025-09-12"
    assert item.facts.primary_region == "macau"
    assert primary_event(item).when.iso() == "2025-09-11"
    money = [f for f in item.facts.figures if f.unit == "澳门元"]
    assert money and money[0].value == 3e8 and money[0].text == "約3億澳門元"
    assert all(s.text in body(item) for s in item.facts.summary)


# --------------------------------------------------------------------------- dates: a deadline only, and 去年12月


def test_a_plan_dated_only_by_deadlines_has_no_invented_event(analysed):
    item = article(analysed, "2030年前建成人工智能产业创新高地")
    assert item.article.published is None and item.article.publisher == "湖南日报"
    assert item.facts.primary_region == "hunan"
    assert item.facts.events == []
    assert figure(item, "2000 PFLOPS").value == 2000


def test_last_december_is_read_against_the_publication_date(analysed):
    item = article(analysed, "重庆智能网联新能源汽车")
    assert (item.article.publisher, item.article.authors) == ("上游新闻", ["何佳"])
    assert item.article.published.iso() == "2025-03-20"
    whens = {(e.when.iso(), e.when.precision) for e in item.facts.events}
    assert ("2024-12", "month") in whens
    assert not any(iso.startswith("2025-12") for iso, _ in whens)
    assert item.facts.primary_region == "chongqing"
    assert topics(item)[0] == "autonomous-driving"


# --------------------------------------------------------------------------- Shenzhen: WeChat post


def test_wechat_post_loses_its_calls_to_action_and_keeps_its_account_and_date(analysed):
    item = article(analysed, "深圳AI终端产业发布会召开")
    assert item.article.title == "深圳AI终端产业发布会召开 20款新品集中亮相"
    assert (item.article.publisher, item.article.published.iso()) == ("深科技观察", "2025-10-15")
    assert [p.kind for p in item.article.paragraphs][0] == "caption"
    assert body(item).endswith("300余家重点企业。")


def test_wechat_post_event_is_in_shenzhen_on_the_day_before_the_post(analysed):
    item = article(analysed, "深圳AI终端产业发布会召开")
    assert "shenzhen" in [item.facts.primary_region, *TAXONOMY.ancestors(item.facts.primary_region)]
    assert primary_event(item).when.iso() == "2025-10-14"
    assert figure(item, "2600余家").value == 2600
    assert "smart-devices" in topics(item)


# --------------------------------------------------------------------------- Beijing: HTML of divs and brs


def test_div_page_text_metadata_and_title_without_site_name(analysed):
    item = article(analysed, "世界机器人大会8月8日开幕")
    assert item.article.title == "2025世界机器人大会8月8日开幕"
    assert (item.article.publisher, item.article.authors) == ("京城在线", ["韩雪"])
    assert (item.article.published.iso(), item.article.published.precision) == ("2025-08-07", "day")
    assert len(item.article.paragraphs) == 4
    assert "排行榜" not in body(item) and "十条措施" not in body(item)


def test_announced_conference_is_dated_by_its_range_in_yizhuang(analysed):
    item = article(analysed, "世界机器人大会8月8日开幕")
    assert "beijing" in TAXONOMY.ancestors(item.facts.primary_region)
    event = primary_event(item)
    assert (event.when.iso(), event.when.precision) == ("2025-08-08/2025-08-12", "day")
    assert topics(item)[0] == "embodied-robots"
    assert figure(item, "约200亿元").value == 2e10


# --------------------------------------------------------------------------- Beijing: a newspaper's 昨日


def test_yesterday_in_a_newspaper_is_the_day_before_its_masthead_date(analysed):
    item = article(analysed, "2025中关村论坛年会开幕")
    assert (item.article.publisher, item.article.authors) == ("北京日报", ["孙颖"])
    assert item.article.published.iso() == "2025-03-28"
    event = primary_event(item)
    assert (event.when.iso(), event.when.precision, event.when.approximate) == ("2025-03-27", "day", False)
    assert "beijing" in TAXONOMY.ancestors(item.facts.primary_region)


# --------------------------------------------------------------------------- Hefei: digest with spaced bylines


def test_digest_entries_with_publisher_and_date_spaced_are_two_articles(analysed):
    model = article(analysed, "科大讯飞发布星火大模型新版本")
    policy = article(analysed, "合肥市出台具身智能产业支持政策")
    assert (model.article.publisher, model.article.published.iso()) == ("新浪科技", "2025-05-26")
    assert (policy.article.publisher, policy.article.published.iso()) == ("安徽日报", "2025-05-27")
    assert model.facts.primary_region == policy.facts.primary_region == "hefei"
    assert topics(model)[0] == "large-models-agents" and topics(policy)[0] == "embodied-robots"


# --------------------------------------------------------------------------- Shanghai: the date first


def test_a_date_line_above_the_title_dates_the_article_and_is_no_title(analysed):
    item = article(analysed, "华为全联接大会2025在上海开幕")
    assert (item.article.publisher, item.article.published.iso()) == ("人民日报", "2025-09-20")
    event = primary_event(item)
    assert (event.when.iso(), event.region) == ("2025-09-18/2025-09-20", "shanghai")
    assert not body(item).startswith("2025")


# --------------------------------------------------------------------------- feeds and JSON exports


def test_rss_items_are_articles_with_the_channel_as_publisher(analysed):
    plan = article(analysed, "深圳发布具身智能机器人行动计划")
    centre = article(analysed, "前海人工智能创新中心揭牌")
    assert (plan.article.publisher, plan.article.authors, plan.article.published.iso()) == ("鹏城科技观察", ["陈晓"], "2025-06-02")
    assert primary_event(plan).when.iso() == "2025-06-01"
    assert plan.facts.primary_region == "shenzhen" and topics(plan)[0] == "embodied-robots"
    assert centre.facts.primary_region == "qianhai" and primary_event(centre).when.iso() == "2025-06-04"
    assert (figure(plan, "最高1000万元").value, figure(plan, "最高1000万元").qualifier) == (1e7, "最高")


def test_json_export_records_are_articles_with_their_fields(analysed):
    tianjin = article(analysed, "天津发布人工智能产业发展行动方案")
    xiongan = article(analysed, "雄安新区智算中心正式投入运营")
    assert (tianjin.article.publisher, tianjin.article.authors) == ("天津日报", ["刘明"])
    assert (tianjin.article.published.iso(), xiongan.article.published.iso()) == ("2025-06-01", "2025-06-03")
    assert tianjin.facts.primary_region == "tianjin" and xiongan.facts.primary_region == "xiongan"
    assert [p.kind for p in tianjin.article.paragraphs] == ["paragraph", "paragraph", "image"]
    assert (figure(xiongan, "500 PFLOPS").value, topics(xiongan)[0]) == (500, "compute-chips")
    assert not any(e.when.iso().startswith("2027") for e in tianjin.facts.events)


def test_related_headlines_inside_the_article_element_place_nothing(analysed):
    item = article(analysed, "南京发布人工智能专项政策")
    assert item.facts.primary_region == "nanjing"
    assert "wuxi" not in [p.region for p in item.facts.places]
    assert (item.article.publisher, item.article.published.iso()) == ("南京日报", "2025-04-10")
    assert primary_event(item).when.iso() == "2025-04-09"
    assert body(item).endswith("专项资金。")
