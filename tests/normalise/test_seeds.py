"""The normalise stage on the five real seeds, read by the real readers."""

import re
from pathlib import Path

import pytest

from sitegen.chinese.sentences import split_sentences
from sitegen.normalise import normalise_source, normalise_sources
from sitegen.normalise.clean import clean_text, text_key
from sitegen.read import read_source

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").iterdir())

# Lines of the seeds that are page furniture, not article text: the scraped
# page's reprint notice, comment form and promotion lines (001), the digest's
# page header (004).
FURNITURE = {
    "001": ["未经允许不得转载", "评论 抢沙发", "昵称 (必填)", "邮箱 (必填)", "关于我们 免责申明",
            "程序员中文网:公益在线网站", "关注微信 技术交流", "每天精选资源文章推送", "随时随地碎片化学习",
            "Source link", "非定向300*250按钮"],
    "004": ["HKChat智能对话系统\n", "搜索文档"],
}
# Credit lines: metadata, not body text.
CREDITS = ["记者 张艳 王轶斐 姚华", "见习记者 苗娜", "图片由组委会提供", "新京报记者 周怀宗", "编辑 樊一婧 校对 卢茜"]


@pytest.fixture(scope="module")
def per_source():
    return {path.name[:3]: normalise_source(read_source(path, root=ROOT, max_bytes=10**7)) for path in SEEDS}


@pytest.fixture(scope="module")
def corpus():
    return normalise_sources([read_source(path, root=ROOT, max_bytes=10**7) for path in SEEDS])


def test_seeds_normalise_without_warnings(per_source):
    assert {name: diagnostics for name, (_, diagnostics) in per_source.items()} == {name: [] for name in per_source}


def test_markdown_bundle_gives_four_articles_with_their_own_titles(per_source):
    articles, _ = per_source["003"]
    assert [a.title for a in articles] == [
        "AI赋能智能制造产业大会在深圳开幕", "光子专用大模型OptoChat AI发布", "联想AI落地竞速计划", "中国人工智能协同创新峰会",
    ]
    assert articles[0].tags[:2] == ["AI", "智能制造"] and articles[0].description.startswith("2025年AI+赋能")
    assert all(not a.tags and not a.description for a in articles[1:])
    assert all(a.published.iso() == "2025-05-08" and a.published.text == "2025-05-08 09:00" for a in articles)


def test_digest_gives_three_articles_before_and_two_after_the_merge(per_source, corpus):
    articles, _ = per_source["004"]
    assert [(a.publisher, a.published.text) for a in articles] == [
        ("人民日报海外版", "2026-01-23 06:36"), ("中国基金报", "2026-01-18 11:24"), ("中国基金报", "2026-01-18 11:21"),
    ]
    merged = [a for a in corpus[0] if a.sources[0].path.endswith("004_4af2519e1aa8d853.txt")]
    assert len(merged) == 2
    both = merged[1]
    assert [s.published.text for s in both.sources] == ["2026-01-18 11:21", "2026-01-18 11:24"]
    assert "中国科学院香港创新研究院人工智能与机器人创新中心" in both.text  # said only by the 11:24 version


def test_pdf_dispatches_are_split_and_dated_by_their_datelines(per_source):
    articles, _ = per_source["002"]
    assert [a.title for a in articles] == [
        "世界互联网大会蓝皮书：我国人工智能与制造业深度融合",
        "从“互联网+”到“AI+”——乌镇峰会共话人工智能新发展",
        "多项新技术亮相",
        "人工智能助力数字经济发展再上新台阶",
    ]
    assert all(a.publisher == "新华社" and a.published.iso() == "2024-11-21" for a in articles)
    assert all(a.published.text == "11 月 21 日" and a.published.precision == "day" for a in articles)
    assert articles[0].authors == ["魏一骏", "郑可意"] and articles[3].authors == ["高亢"]


def test_pdf_sentence_broken_across_blank_lines_is_whole(per_source):
    text = "\n".join(a.text for a in per_source["002"][0])
    assert "已培育421家国家级智能制造示范工厂，人工智能、数字孪生等技术在90%以上的示范工厂得到应用。" in text
    assert "是科技服务社会进步的核心要义。”小米集团创始人" in text


def test_plain_text_interview_keeps_speakers_and_reads_credits(per_source):
    (article,), _ = per_source["000"]
    assert article.title == "大咖齐聚津门 共话智能创新发展 看好AI产业前景 点赞天津优势 立足天津深耕"
    assert article.authors == ["张艳", "王轶斐", "姚华", "苗娜"]
    speakers = [p.text for p in article.paragraphs if p.kind == "byline"]
    assert speakers[0] == "联合国驻华协调员 杰思衡" and len(speakers) == 5
    assert not any(credit in article.text for credit in CREDITS)


def test_scraped_page_has_publisher_author_and_no_footer(per_source):
    (article,), _ = per_source["001"]
    assert (article.publisher, article.authors) == ("新京报", ["周怀宗"])
    assert article.title == "计划报告丨许志锰：人工智能第一城，未来北京什么样？"
    for junk in FURNITURE["001"]:
        assert text_key(junk) not in text_key(article.text), junk


def test_every_paragraph_knows_its_source_line(per_source):
    for name, (articles, _) in per_source.items():
        for article in articles:
            assert [p.anchor for p in article.paragraphs] == [f"p{i}" for i in range(1, len(article.paragraphs) + 1)]
            assert all(p.source_path.endswith(".txt") and p.source_line >= 1 for p in article.paragraphs), name


def test_slugs_are_unique_and_readable(corpus):
    slugs = [a.slug for a in corpus[0]]
    assert len(set(slugs)) == len(slugs) == 12
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) and len(s) <= 60 for s in slugs)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_sentence_of_the_seed_survives_into_some_article(seed, per_source):
    """Each prose line of the raw file, cleaned the same way and split into
    sentences, is found in the articles (furniture and credit lines aside)."""
    articles, _ = per_source[seed.name[:3]]
    found = "\n".join(text_key("\n".join([a.title, a.description, a.text])) for a in articles)
    furniture = FURNITURE.get(seed.name[:3], []) + CREDITS
    checked = 0
    for line in seed.read_text(encoding="utf-8-sig").split("\n"):
        if not _is_prose_line(line) or any(line.startswith(f.rstrip("\n")) for f in furniture):
            continue
        line = re.sub(r"^[a-z_]+:\s+", "", line)  # a front-matter key is not text
        for sentence in split_sentences(clean_text(line)[0]):
            checked += 1
            assert text_key(sentence) in found, sentence
    assert checked > 5


def _is_prose_line(line: str) -> bool:
    has_cjk = re.search(r"[\u4e00-\u9fff]", line)
    return bool(has_cjk) and (bool(re.search(r"[。！？!?]", line)) or len(line.strip()) >= 40)
