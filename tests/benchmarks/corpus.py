"""A deterministic synthetic corpus of N sources in every format sitegen reads.

The benchmark needs a corpus that behaves like a real newsroom's folder: messy
formats, several encodings, thousands of different places and dates, and some
stories that arrive twice. Articles are assembled from the sentences of
`seeds/` (so jieba, places, figures and dates meet real Chinese news text), with
the seed's place names swapped for places from the gazetteer, fresh numbers,
made-up organisations and dates, so no two sources are the same. A share
`dup_rate` of the articles is a lightly edited copy of an earlier one (another
publisher, a few sentences dropped or added): near-duplicate clusters of a
known size that the build should merge.

Every article is also available as plain front-matter Markdown (`peer_markdown`)
so Pelican, MkDocs and Hugo build the very same text.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
REGIONS = REPO / "sitegen" / "taxonomies" / "regions.toml"

FORMATS = ("plain", "web", "pdfmd", "frontmatter", "digest", "html")
PUBLISHERS = ["新华社", "人民日报", "新京报", "中国基金报", "科技日报", "经济日报", "澎湃新闻", "界面新闻",
              "第一财经", "21世纪经济报道", "中国新闻网", "光明日报", "证券时报", "南方日报", "解放日报"]
EVENT_WORDS = ["人工智能产业大会", "智能制造论坛", "算力发展峰会", "大模型应用大会", "机器人博览会",
               "数字经济论坛", "人工智能创新大赛", "智能网联汽车大会", "低空经济论坛", "具身智能研讨会",
               "人工智能治理论坛", "人才发展大会", "绿色算力峰会", "智慧医疗论坛", "金融科技大会"]
TITLE_VERBS = ["举办", "开幕", "发布", "启动", "召开", "落地", "签约", "亮相"]
ORG_CHARS = "华创智联科信达云芯博瑞视通源天海光星辰启明鼎新恒盛微腾飞锐捷远航极数算力图灵深思量子"
ORG_SUFFIXES = ["科技", "智能", "集团", "研究院", "实验室", "数据", "机器人"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰涛明超霞平刚桂志锰成川"
SITE_NAMES = ["智汇科技网", "AI前沿观察", "产业资讯网", "数智新闻", "科创在线"]
SWAPPED_TAGS = ("n", "v", "vn", "nz", "a")
SWAP_SHARE = 0.5
_SENTENCE = re.compile(r"[^。！？\n]{12,160}[。！？]")
_MARKUP = re.compile(r"[#*>\[\]()!`|_]|https?://\S+|\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Article:
    """One synthetic news article, before it is written in some format."""

    title: str
    publisher: str
    date: tuple[int, int, int]
    time: tuple[int, int]
    place: str
    paragraphs: list[str]
    tags: list[str]
    cluster: int  # articles of one near-duplicate cluster share this number

    def iso(self) -> str:
        year, month, day = self.date
        return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass
class Corpus:
    """Where the corpus was written and what the build should find in it."""

    folder: Path
    files: list[Path]
    articles: list[Article]
    formats: dict[str, int] = field(default_factory=dict)  # files per format
    encodings: dict[str, int] = field(default_factory=dict)  # files per encoding

    @property
    def expected_articles(self) -> int:
        """Articles left after merging near-duplicates: one per cluster."""
        return len({a.cluster for a in self.articles})


# --------------------------------------------------------------------------- material


def seed_sentences() -> list[str]:
    """Sentences of the seeds' running text, markup and spacing removed."""
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in sorted(SEEDS.iterdir()))
    sentences = {_MARKUP.sub("", s) for s in _SENTENCE.findall(text)}
    return sorted(s for s in sentences if re.search(r"[\u4e00-\u9fff]{6}", s) and len(s) >= 12)


def gazetteer_places() -> list[str]:
    """Chinese names of the gazetteer's provinces, cities and districts."""
    data = tomllib.loads(REGIONS.read_text(encoding="utf-8"))
    return sorted({r["name"] for r in data["region"] if r["level"] in ("province", "city", "district")
                   and len(r["name"]) >= 2})


def dictionary_words() -> dict[str, list[str]]:
    """Common words of jieba's dictionary by part of speech (nouns, verbs, adjectives)."""
    import jieba

    words: dict[str, list[str]] = {}
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as lines:
        for line in lines:
            word, freq, tag = line.split()
            if tag in SWAPPED_TAGS and int(freq) >= 30 and len(word) >= 2:
                words.setdefault(tag, []).append(word)
    return words


class Material:
    """The seed sentences as part-of-speech skeletons, the places, the vocabulary.

    Five seeds hold ~30,000 characters: articles drawn from them verbatim would
    share far more text than unrelated news does (mean 4-shingle Jaccard ~0.09,
    which no real corpus shows and which turns near-duplicate search into a
    comparison of everything with everything). Each sentence keeps its seed's
    syntax but about half its nouns, verbs and adjectives are swapped for other
    dictionary words of the same part of speech: mean Jaccard ~0.02, as between
    the seeds' own unrelated articles.
    """

    def __init__(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        self.sentences = seed_sentences()
        self.skeletons = [[(w.word, w.flag) for w in jieba.posseg.cut(s)] for s in self.sentences]
        self.words = dictionary_words()
        self.places = gazetteer_places()
        seed_text = "".join(self.sentences)
        named = sorted((p for p in self.places if p in seed_text), key=len, reverse=True)
        self._seed_places = re.compile("|".join(map(re.escape, named))) if named else None

    def localise(self, sentence: str, place: str, rng: random.Random) -> str:
        """The sentence with its places and numbers replaced: the story moves to `place`."""
        if self._seed_places is not None:
            sentence = self._seed_places.sub(
                lambda _: place if rng.random() < 0.7 else rng.choice(self.places), sentence)
        return _NUMBER.sub(lambda m: _new_number(m.group(), rng), sentence)

    def sentence(self, place: str, rng: random.Random) -> str:
        """A seed sentence's skeleton with new words, places and numbers."""
        skeleton = rng.choice(self.skeletons)
        words = [rng.choice(self.words[tag]) if tag in self.words and rng.random() < SWAP_SHARE else word
                 for word, tag in skeleton]
        return self.localise("".join(words), place, rng)


def _new_number(text: str, rng: random.Random) -> str:
    if len(text) == 4 and text.startswith("20"):  # a year stays a plausible year
        return str(rng.randint(2019, 2027))
    if "." in text:
        return f"{rng.uniform(0.1, 99):.1f}"
    return str(rng.randint(2, 9 * 10 ** max(0, len(text) - 1)))


def _org(rng: random.Random) -> str:
    return "".join(rng.choice(ORG_CHARS) for _ in range(rng.randint(2, 3))) + rng.choice(ORG_SUFFIXES)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def make_article(number: int, material: Material, rng: random.Random) -> Article:
    """A new article of 700-3,300 characters (2-10 KB in UTF-8) about one place."""
    place = rng.choice(material.places)
    year, month, day = rng.randint(2022, 2026), rng.randint(1, 12), rng.randint(1, 28)
    event = rng.choice(EVENT_WORDS)
    org = _org(rng)
    lead = (f"{year}年{month}月{day}日，{year}{place}{event}在{place}举行，{org}、{_org(rng)}等"
            f"{rng.randint(20, 900)}家单位参加，发布成果{rng.randint(3, 80)}项。")
    paragraphs = [lead]
    target, length = rng.randint(700, 3300), len(lead)
    while length < target:
        paragraph = "".join(material.sentence(place, rng) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph)
    headline = material.localise(rng.choice(material.sentences), place, rng)[: rng.randint(6, 14)].rstrip("，、：")
    title = f"{place}{rng.choice(TITLE_VERBS)}{event}：{headline}（{number}）"
    return Article(
        title=title, publisher=rng.choice(PUBLISHERS), date=(year, month, day),
        time=(rng.randint(6, 22), rng.randint(0, 59)), place=place, paragraphs=paragraphs,
        tags=[place, event[:4], org], cluster=number,
    )


def near_copy(base: Article, rng: random.Random, material: Material) -> Article:
    """The same story from another desk: another publisher and time, a sentence
    or two dropped, one added, the title reworded."""
    paragraphs = list(base.paragraphs)
    for _ in range(max(1, len(paragraphs) // 6)):
        if len(paragraphs) > 2:
            paragraphs.pop(rng.randrange(1, len(paragraphs)))
    paragraphs.append(material.sentence(base.place, rng))
    hour, minute = base.time
    return replace(
        base, title=base.title.replace("：", "｜", 1), paragraphs=paragraphs,
        publisher=rng.choice([p for p in PUBLISHERS if p != base.publisher]),
        time=(hour, (minute + rng.randint(1, 30)) % 60),
    )


# --------------------------------------------------------------------------- formats


def _spaced(text: str) -> str:
    """Numbers set off by spaces, as PDF extraction leaves them (`421 家`)."""
    return re.sub(r"(?<=[\u4e00-\u9fff])(\d+)(?=[\u4e00-\u9fff])", r" \1 ", text)


def _broken(paragraph: str, rng: random.Random) -> list[str]:
    """A paragraph broken mid-sentence by a page break, as PDF extraction does."""
    cut = rng.randint(len(paragraph) // 3, 2 * len(paragraph) // 3)
    while cut < len(paragraph) - 1 and not paragraph[cut - 1].isalnum():
        cut += 1
    return [paragraph[:cut], paragraph[cut:]] if 10 < cut < len(paragraph) - 1 else [paragraph]


def write_plain(articles: list[Article], rng: random.Random) -> str:
    a = articles[0]
    body = "\n\n".join(a.paragraphs)
    return (f"\n\n{a.title}\n\n{a.place}{a.tags[1]}\n\n{body}\n\n"
            f"来源：{a.publisher}\n责任编辑：{_person(rng)}\n")


def write_web(articles: list[Article], rng: random.Random) -> str:
    a = articles[0]
    body = "\n\n".join(a.paragraphs)
    site = rng.choice(SITE_NAMES)
    return (f"<!-- wp:paragraph -->\n首页 > 资讯 > 正文\n{a.title}\n\n{a.iso()} 来源：{a.publisher}\n\n{body}\n\n"
            f"Source link\n未经授权不得转载，转载请注明出处：{site}\n评论 抢沙发\n昵称 (必填)\n邮箱 (必填)\n"
            f"相关文章\n{_org(rng)}发布新一代产品\n关于我们 | 联系我们 | 隐私政策\n© {a.date[0]} {site}\n")


def write_pdfmd(articles: list[Article], rng: random.Random) -> str:
    parts = []
    for a in articles:
        year, month, day = a.date
        lead = f"新华社{a.place} {month} 月 {day} 日电（记者{_person(rng)}、{_person(rng)}）{_spaced(a.paragraphs[0])}"
        blocks = [lead]
        for paragraph in a.paragraphs[1:]:
            pieces = _broken(_spaced(paragraph), rng) if rng.random() < 0.3 else [_spaced(paragraph)]
            blocks.extend(pieces)
        parts.append(f"## {a.title}\n\n" + "\n\n".join(blocks))
    return "\n\n".join(parts) + "\n"


def write_frontmatter(articles: list[Article], rng: random.Random) -> str:
    a = articles[0]
    hour, minute = a.time
    description = a.paragraphs[0][:80].replace('"', "")
    tags = ", ".join(a.tags)
    head = (f"---\nlayout: post\ntitle: {a.title}\ndate: {a.iso()} {hour:02d}:{minute:02d}\n"
            f"description: \"{description}\"\ntags: [{tags}]\n---\n\n")
    sections = []
    for item in articles:
        body = list(item.paragraphs)
        if len(body) > 3:
            body.insert(2, f"## {item.tags[1]}进展")
        sections.append(f"# {item.title}\n\n" + "\n\n".join(body))
    return head + "\n\n".join(sections) + "\n"


def write_digest(articles: list[Article], rng: random.Random) -> str:
    lines = [f"{rng.choice(['HK', 'AI', 'Zhi'])}Chat智能对话系统", "搜索文档"]
    for a in articles:
        hour, minute = a.time
        body = " ".join(p + (f"[{rng.randint(1, 9)}]" if rng.random() < 0.3 else "") for p in a.paragraphs)
        lines += [a.title, f"{a.publisher}· {a.iso()} {hour:02d}:{minute:02d}", body]
    return "\n".join(lines) + "\n"


def write_html(articles: list[Article], rng: random.Random, charset: str = "utf-8") -> str:
    a = articles[0]
    site = rng.choice(SITE_NAMES)
    body = "\n".join(f"<p>{p}</p>" for p in a.paragraphs)
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"{charset}\">\n"
            f"<title>{a.title} - {site}</title>\n<meta name=\"description\" content=\"{a.paragraphs[0][:60]}\">\n"
            f"</head><body><header><nav><a href=\"/\">首页</a> <a href=\"/news/\">资讯</a></nav></header>\n"
            f"<main><article><h1>{a.title}</h1>\n<p class=\"byline\">{a.publisher} {a.iso()}</p>\n{body}\n"
            f"</article></main><footer><p>© {a.date[0]} {site} 版权所有</p></footer></body></html>\n")


WRITERS = {"plain": write_plain, "web": write_web, "pdfmd": write_pdfmd,
           "frontmatter": write_frontmatter, "digest": write_digest, "html": write_html}
SUFFIXES = {"html": ".html", "frontmatter": ".md", "pdfmd": ".md"}
# How many articles one file of the format bundles, at most.
BUNDLE = {"digest": 3, "frontmatter": 2, "pdfmd": 2}


def _encode(text: str, number: int) -> tuple[bytes, str]:
    """Mostly UTF-8; some GBK, UTF-16 (with BOM), UTF-8 with BOM, CRLF line ends."""
    kind = number % 50
    if number % 7 == 3:
        text = text.replace("\n", "\r\n")
    if kind in (5, 17, 29):
        return text.encode("gb18030"), "gbk"
    if kind == 11:
        return text.encode("utf-16"), "utf-16"
    if kind in (23, 41):
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"
    return text.encode("utf-8"), "utf-8"


# --------------------------------------------------------------------------- corpus


def make_articles(count: int, dup_rate: float, material: Material, rng: random.Random) -> list[Article]:
    """`count` articles; about `dup_rate` of them near-copies of an earlier one."""
    articles: list[Article] = []
    for number in range(count):
        if articles and rng.random() < dup_rate:
            articles.append(near_copy(rng.choice(articles[-50:]), rng, material))
        else:
            articles.append(make_article(number, material, rng))
    return articles


def write_corpus(folder: Path, sources: int, seed: int = 2026, dup_rate: float = 0.05) -> Corpus:
    """Write `sources` files into `folder` (emptied first) and describe them."""
    rng = random.Random(seed)
    material = Material()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    files: list[Path] = []
    used: list[Article] = []
    formats: dict[str, int] = {}
    encodings: dict[str, int] = {}
    pending = make_articles(int(sources * 1.3) + 3, dup_rate, material, rng)
    for number in range(sources):
        kind = FORMATS[number % len(FORMATS)]
        size = rng.randint(1, BUNDLE.get(kind, 1)) if rng.random() < 0.3 else 1
        bundle, pending = pending[:size], pending[size:]
        if not bundle:
            bundle, pending = [make_article(10 ** 6 + number, material, rng)], pending
        data, encoding = _encode(WRITERS[kind](bundle, rng), number)
        if kind == "html" and encoding == "gbk":
            data = write_html(bundle, rng, "gbk").encode("gb18030")
        name = hashlib.sha1(data).hexdigest()[:12]
        path = folder / f"{number:05d}_{name}{SUFFIXES.get(kind, '.txt')}"
        path.write_bytes(data)
        files.append(path)
        used.extend(bundle)
        formats[kind] = formats.get(kind, 0) + 1
        encodings[encoding] = encodings.get(encoding, 0) + 1
    return Corpus(folder, files, used, formats, encodings)


def peer_markdown(article: Article, number: int, pelican: bool = False) -> str:
    """The article as the Markdown page Pelican, MkDocs and Hugo read: YAML front
    matter (values JSON-quoted, which is valid YAML), or Pelican's `Key: value`."""
    hour, minute = article.time
    body = "\n\n".join(article.paragraphs)
    if pelican:
        head = (f"Title: {article.title}\nDate: {article.iso()} {hour:02d}:{minute:02d}\n"
                f"Tags: {', '.join(article.tags)}\nCategory: {article.place}\nSlug: a{number:05d}\n")
        return f"{head}\n{body}\n"
    tags = ", ".join(json.dumps(tag, ensure_ascii=False) for tag in article.tags)
    return (f"---\ntitle: {json.dumps(article.title, ensure_ascii=False)}\n"
            f"date: {article.iso()}T{hour:02d}:{minute:02d}:00\ntags: [{tags}]\n"
            f"categories: [{json.dumps(article.place, ensure_ascii=False)}]\nslug: a{number:05d}\n---\n\n"
            f"# {article.title}\n\n{body}\n")
