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

The formats, one file in turn of each (`FORMATS`; some bundle up to three
articles, `BUNDLE`):

- text: plain text, scraped web text with its page furniture, PDF-extracted
  Markdown, front-matter Markdown, search-assistant digests, HTML pages, JSON
  exports, XML record exports, RSS and Atom feeds, CSV and TSV tables, SRT and WebVTT interview
  subtitles, MHTML saved pages and e-mails, Rich Text (as WordPad and Word
  write Chinese), reStructuredText, AsciiDoc, Org-mode and LaTeX (ctex)
  reports; written in UTF-8 mostly, some in
  GBK, UTF-16 or UTF-8 with a BOM, some with CRLF line ends (`_encode`);
- binary documents, written as they are: Word (DOCX), OpenDocument (ODT),
  EPUB and Excel (XLSX), zipped XML written by hand, and PDF with a text layer (a CID-keyed
  font that is named, not embedded, and a ToUnicode map, as pypdf needs).

Every article is also available as plain front-matter Markdown (`peer_markdown`)
so Pelican, MkDocs and Hugo build the very same text.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import quopri
import random
import re
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
REGIONS = REPO / "sitegen" / "taxonomies" / "regions.toml"

# The first stays plain UTF-8 text: the benchmark's edit phase edits the first file.
FORMATS = ("plain", "web", "pdfmd", "frontmatter", "digest", "html", "json", "feed", "table", "subtitles", "mime",
           "docx", "odt", "epub", "pdf", "rtf", "xml", "xlsx", "rst", "asciidoc", "org", "latex")
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
DOMAINS = ["zhihuitech.cn", "aiqianyan.com", "chanyezixun.cn", "shuzhinews.com", "kechuang.net"]
CHINA = timezone(timedelta(hours=8))
SWAPPED_TAGS = ("n", "v", "vn", "nz", "a")
SWAP_SHARE = 0.5
_SENTENCE = re.compile(r"[^。！？\n]{12,160}[。！？]")
_MARKUP = re.compile(r"[#*>\[\]()!`|_]|https?://\S+|\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DATELINE = re.compile(r"^[^，。（]{2,12}?\d{1,2}月\d{1,2}日电(?:（[^）]{0,30}）)?")


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
    """Sentences of the seeds' running text, markup and spacing removed, and the
    dateline a dispatch opens with (`新华社杭州11月21日电（记者…）`): drawn into the
    middle of an article after a section heading, it starts a new dispatch there."""
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in sorted(SEEDS.iterdir()))
    sentences = {_DATELINE.sub("", _MARKUP.sub("", s)) for s in _SENTENCE.findall(text)}
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


# --------------------------------------------------------------------------- structured text formats


def _moment(a: Article) -> datetime:
    """When the article appeared, in China's time zone, as feeds and mail headers give it."""
    return datetime(*a.date, *a.time, tzinfo=CHINA)


def _url(a: Article, rng: random.Random) -> str:
    return f"https://www.{rng.choice(DOMAINS)}/news/{a.iso().replace('-', '')}/{rng.randint(10000, 99999)}.html"


def _html_paragraphs(a: Article) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)


def _sections(a: Article) -> list[tuple[bool, str]]:
    """The body as (is a heading, text): a long article gets a section heading, as
    reports and e-books give one (and `write_frontmatter` does)."""
    blocks = [(False, p) for p in a.paragraphs]
    if len(blocks) > 3:
        blocks.insert(2, (True, f"{a.tags[1]}进展"))
    return blocks


JSON_KEYS = (
    {"title": "title", "date": "publish_time", "publisher": "source", "authors": "author", "body": "content", "url": "url"},
    {"title": "标题", "date": "发布时间", "publisher": "来源", "authors": "作者", "body": "正文", "url": "链接"},
)


def write_json(articles: list[Article], rng: random.Random) -> str:
    """A scraper's export: a bare list of records or an API reply holding them under
    `data.list`; English or Chinese keys; bodies as HTML or as lines of plain text."""
    keys, as_html = rng.choice(JSON_KEYS), rng.random() < 0.5
    records = []
    for a in articles:
        hour, minute = a.time
        body = _html_paragraphs(a) if as_html else "\n".join(a.paragraphs)
        records.append({"id": rng.randint(10 ** 6, 10 ** 7 - 1), keys["title"]: a.title,
                        keys["date"]: f"{a.iso()} {hour:02d}:{minute:02d}:00", keys["publisher"]: a.publisher,
                        keys["authors"]: _person(rng), keys["body"]: body, keys["url"]: _url(a, rng)})
    data = {"code": 0, "msg": "success", "data": {"total": len(records), "list": records}} if rng.random() < 0.5 else records
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_xml(articles: list[Article], rng: random.Random, charset: str = "utf-8") -> str:
    """A CMS's XML export: one element per article, the parts as child elements
    named like JSON keys (English or Chinese), the body as CDATA HTML or text."""
    keys, as_html = rng.choice(JSON_KEYS), rng.random() < 0.5
    records = []
    for a in articles:
        hour, minute = a.time
        body = f"<![CDATA[{_html_paragraphs(a)}]]>" if as_html else escape("\n".join(a.paragraphs))
        parts = {keys["title"]: escape(a.title), keys["date"]: f"{a.iso()} {hour:02d}:{minute:02d}:00",
                 keys["publisher"]: escape(a.publisher), keys["body"]: body}
        fields = "".join(f"    <{key}>{value}</{key}>\n" for key, value in parts.items())
        records.append(f'  <item id="{rng.randint(10 ** 6, 10 ** 7 - 1)}">\n{fields}  </item>\n')
    return f'<?xml version="1.0" encoding="{charset.upper()}"?>\n<export>\n{"".join(records)}</export>\n'


def write_feed(articles: list[Article], rng: random.Random, charset: str = "utf-8") -> str:
    """A news site's feed saved as a file, RSS 2.0 or Atom, full text as escaped HTML."""
    site = rng.choice(SITE_NAMES)
    body = _rss(articles, site, rng) if rng.random() < 0.5 else _atom(articles, site, rng)
    return f'<?xml version="1.0" encoding="{charset.upper()}"?>\n{body}'


def _rss(articles: list[Article], site: str, rng: random.Random) -> str:
    items = "".join(
        f"<item>\n<title>{escape(a.title)}</title>\n<link>{_url(a, rng)}</link>\n<dc:creator>{_person(rng)}</dc:creator>\n"
        f"<pubDate>{format_datetime(_moment(a))}</pubDate>\n<description>{escape(a.paragraphs[0][:80])}</description>\n"
        f"<content:encoded><![CDATA[{_html_paragraphs(a)}]]></content:encoded>\n</item>\n"
        for a in articles
    )
    return ('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            f"<title>{site}</title>\n<link>https://www.{rng.choice(DOMAINS)}/</link>\n<description>{site}最新资讯</description>\n"
            f"<language>zh-cn</language>\n{items}</channel>\n</rss>\n")


def _atom(articles: list[Article], site: str, rng: random.Random) -> str:
    entries = "".join(
        f"<entry>\n<title>{escape(a.title)}</title>\n<link href=\"{_url(a, rng)}\"/>\n"
        f"<id>urn:uuid:{rng.getrandbits(128):032x}</id>\n<published>{_moment(a).isoformat()}</published>\n"
        f"<updated>{_moment(a).isoformat()}</updated>\n<author><name>{_person(rng)}</name></author>\n"
        f"<summary>{escape(a.paragraphs[0][:80])}</summary>\n<content type=\"html\">{escape(_html_paragraphs(a))}</content>\n"
        "</entry>\n"
        for a in articles
    )
    updated = max(_moment(a) for a in articles).isoformat()
    return (f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n<title>{site}</title>\n'
            f"<id>https://www.{rng.choice(DOMAINS)}/</id>\n<updated>{updated}</updated>\n{entries}</feed>\n")


TABLE_COLUMNS = {",": ["标题", "发布时间", "来源", "作者", "正文", "链接"],
                 "\t": ["title", "date", "source", "author", "content", "url"]}


def write_table(articles: list[Article], rng: random.Random) -> str:
    """A monitoring service's export, one article a row: CSV with Chinese column
    names and quoted multi-line bodies, or TSV with English names and HTML bodies
    (a TSV cell holds no line break)."""
    delimiter = rng.choice(list(TABLE_COLUMNS))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(TABLE_COLUMNS[delimiter])
    for a in articles:
        hour, minute = a.time
        body = "\n".join(a.paragraphs) if delimiter == "," else _html_paragraphs(a)
        writer.writerow([a.title, f"{a.iso()} {hour:02d}:{minute:02d}", a.publisher, _person(rng), body, _url(a, rng)])
    return buffer.getvalue()


# --------------------------------------------------------------------------- subtitles

# A clause and the marks that end it (a closing quote after a full stop included);
# a comma or colon between digits (`1,000`, `10:30`) ends none.
_CLAUSE = re.compile(r'(?:[^，；：。！？,;:]|(?<=\d)[,:](?=\d))+(?:(?:[，；：。！？]|[,;:](?!\d))+[”’」』）》"]*)?')
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
SHORT_CLAUSE = 8  # characters: two clauses this short share a cue
CHARS_PER_SECOND = 4.5  # a speaker's pace: a cue shows as long as it takes to say


def _subtitle_cues(text: str) -> list[list[str]]:
    """The lines of each cue for a stretch of speech: a clause a cue, its comma or
    full stop dropped (Chinese subtitles end lines unpunctuated); two short clauses
    share a cue, on two lines or on one with a space for the comma between them.
    Never broken inside a clause: the reader joins lines with a comma."""
    cues: list[list[str]] = []
    for clause in _CLAUSE.findall(text):
        clause = clause.rstrip("，。,")
        if not clause:
            continue
        last = cues[-1][-1] if cues and len(cues[-1]) == 1 else ""
        if last and max(len(last), len(clause)) <= SHORT_CLAUSE and _HAN_CHAR.match(last[-1]) and _HAN_CHAR.match(clause[0]):
            cues[-1] = [f"{last} {clause}"] if len(cues) % 2 else [last, clause]
        else:
            cues.append([clause])
    return cues


def _interview(a: Article, rng: random.Random) -> list[tuple[float, float, str, list[str]]]:
    """(start, end, speaker, lines) of each cue: the host's question, then the guest
    answering with the article, and once a long pause before a paragraph."""
    guest = _person(rng)
    question = (f"欢迎收看{rng.choice(SITE_NAMES)}访谈，今天我们请到了{_org(rng)}的{guest}。"
                f"{guest}您好，请您介绍一下{a.place}这次活动的情况？")
    turns = [("主持人", question)] + [(guest, p) for p in a.paragraphs]
    pause = rng.randrange(2, len(turns)) if len(turns) > 2 else 1
    cues, clock = [], 1.0
    for index, (speaker, text) in enumerate(turns):
        for number, lines in enumerate(_subtitle_cues(text)):
            start = clock + (rng.uniform(5, 9) if index == pause and number == 0 else rng.uniform(0.1, 0.8))
            clock = start + max(1.2, sum(map(len, lines)) / CHARS_PER_SECOND)
            cues.append((start, clock, speaker, lines))
    return cues


def _cue_time(seconds: float, separator: str) -> str:
    """`00:01:02,500` (SRT) or `00:01:02.500` (WebVTT)."""
    milliseconds = round(seconds * 1000)
    minutes, milliseconds = divmod(milliseconds, 60_000)
    return f"{minutes // 60:02d}:{minutes % 60:02d}:{milliseconds // 1000:02d}{separator}{milliseconds % 1000:03d}"


def write_subtitles(articles: list[Article], rng: random.Random) -> str:
    """A video interview's subtitles: SRT with `标题：` lines on top and `主持人：`
    labels at each turn, or WebVTT with the title after `WEBVTT`, the source in a
    NOTE and a `<v 主持人>` voice on every cue."""
    a = articles[0]
    cues, vtt = _interview(a, rng), rng.random() < 0.5
    if vtt:
        parts = [f"WEBVTT - {a.title}\nKind: captions\nLanguage: zh-CN", f"NOTE\n来源：{a.publisher}\n日期：{a.iso()}"]
    else:
        parts = [f"标题：{a.title}\n来源：{a.publisher}\n日期：{a.iso()}"]
    speaker = ""
    for number, (start, end, who, lines) in enumerate(cues, 1):
        timing = f"{_cue_time(start, '.' if vtt else ',')} --> {_cue_time(end, '.' if vtt else ',')}"
        if vtt:
            lines = [f"<v {who}>{lines[0]}", *lines[1:]]
        elif who != speaker:
            lines = [f"{who}：{lines[0]}", *lines[1:]]
        speaker = who
        parts.append("\n".join([str(number), timing, *lines]))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- saved pages and e-mails


def write_mime(articles: list[Article], rng: random.Random) -> str:
    """A page saved by a browser as one MHTML file, or a newsletter e-mail."""
    return _mhtml(articles, rng) if rng.random() < 0.5 else _email(articles[0], rng)


def _mhtml(articles: list[Article], rng: random.Random) -> str:
    """As Chrome's "Save as single file" writes it: the page in a quoted-printable
    HTML part, its stylesheet in another, the title an encoded word."""
    a = articles[0]
    boundary = f"----MultipartBoundary--{rng.getrandbits(160):040x}----"
    address = _url(a, rng)
    saved = _moment(a) + timedelta(days=rng.randint(0, 30), minutes=rng.randint(1, 600))
    page = quopri.encodestring(write_html(articles, rng).encode("utf-8")).decode("ascii")
    css = quopri.encodestring("body { margin: 0; font-family: \"PingFang SC\", sans-serif; }\n".encode()).decode("ascii")
    return (f"From: <Saved by Blink>\nSnapshot-Content-Location: {address}\n"
            f"Subject: {Header(a.title, 'utf-8').encode()}\nDate: {format_datetime(saved)}\nMIME-Version: 1.0\n"
            f'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="{boundary}"\n\n\n'
            f"--{boundary}\nContent-Type: text/html\nContent-ID: <frame-{rng.getrandbits(64):016X}@mhtml.blink>\n"
            f"Content-Transfer-Encoding: quoted-printable\nContent-Location: {address}\n\n{page}\n"
            f"--{boundary}\nContent-Type: text/css\nContent-Transfer-Encoding: quoted-printable\n"
            f"Content-Location: cid:css-{rng.getrandbits(64):016x}@mhtml.blink\n\n{css}\n--{boundary}--\n")


def _email(a: Article, rng: random.Random) -> str:
    """A publisher's newsletter: a plain-text part and an HTML part, written by the
    standard library's `email` (a fixed boundary: the default one is random)."""
    domain = rng.choice(DOMAINS)
    message = EmailMessage()
    message["From"] = Address(a.publisher, "newsletter", domain)
    message["To"] = "reader@example.com"
    message["Subject"] = a.title
    message["Date"] = format_datetime(_moment(a))
    message["Message-ID"] = f"<{rng.getrandbits(64):016x}@{domain}>"
    message.set_content("\n\n".join([a.title, *a.paragraphs]) + "\n", cte="quoted-printable")
    html = (f"<html><head><meta charset=\"utf-8\"><title>{escape(a.title)}</title></head><body>"
            f"<table width=\"600\"><tr><td><h1>{escape(a.title)}</h1>{_html_paragraphs(a)}</td></tr></table>"
            f"<p class=\"footer\">您收到此邮件是因为订阅了{a.publisher}新闻简报。<a href=\"https://{domain}/unsubscribe\">退订</a></p>"
            "</body></html>\n")
    message.add_alternative(html, subtype="html", cte="base64")
    message.set_boundary(f"=_alt_{rng.getrandbits(64):016x}")
    return f"Return-Path: <newsletter@{domain}>\n{message.as_string()}"


# --------------------------------------------------------------------------- rich text


def _rtf_escaped(text: str, wordpad: bool) -> str:
    """Chinese as WordPad writes it (GBK bytes, `\\'cb\\'ce`) or as Word does (`\\u23435?`)."""
    if wordpad:
        return "".join(ch if ch.isascii() and ch not in "\\{}" else "".join(f"\\'{b:02x}" for b in ch.encode("gbk")) for ch in text)
    return "".join(ch if ch.isascii() and ch not in "\\{}" else f"\\u{ord(ch) - 65536 * (ord(ch) > 32767)}?" for ch in text)


def write_rtf(articles: list[Article], rng: random.Random) -> str:
    """One article as Rich Text: a font table, the title in bold, a credit line,
    paragraphs ended by `\\par`, and, from Word, an `\\info` group."""
    a = articles[0]
    wordpad = rng.random() < 0.5
    esc = functools.partial(_rtf_escaped, wordpad=wordpad)
    head = "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 " + esc("宋体") + ";}}\n"
    if not wordpad:
        head += "{\\info{\\title " + esc(a.title) + "}{\\author " + esc(_person(rng)) + "}}\n"
    lines = ["\\pard\\b\\fs32 " + esc(a.title) + "\\b0\\fs21\\par", esc(f"来源：{a.publisher} {a.iso()}") + "\\par"]
    lines += [esc(paragraph) + "\\par" for paragraph in a.paragraphs]
    return head + "\n".join(lines) + "\n}\n"


def _underlined(text: str, mark: str) -> str:
    """A reST title line with its underline, as wide as the text (CJK counts two)."""
    width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return f"{text}\n{mark * width}"


def write_rst(articles: list[Article], rng: random.Random) -> str:
    """One article as a Sphinx/docutils report: an overlined title, a docinfo
    field list, a section, a note directive and a contents directive."""
    a = articles[0]
    bar = "=" * (2 * len(a.title))
    head = f"{bar}\n{a.title}\n{bar}\n\n:作者: {_person(rng)}\n:日期: {a.iso()}\n:来源: {a.publisher}\n\n.. contents:: 目录\n"
    middle = len(a.paragraphs) // 2
    body = "\n\n".join(a.paragraphs[:middle]) + "\n\n" + _underlined(f"{a.tags[1]}进展", "-") + "\n\n"
    body += "\n\n".join(a.paragraphs[middle:])
    return f"{head}\n{body}\n\n.. note:: 本文根据{a.publisher}报道整理。\n"


def write_asciidoc(articles: list[Article], rng: random.Random) -> str:
    """One article as an AsciiDoc note: a header with author and revision date,
    attribute entries, a section, an admonition and a comment."""
    a = articles[0]
    head = f"= {a.title}\n{_person(rng)} <editor@example.com>\nv1.0, {a.iso()}\n:toc:\n:description: {a.publisher}\n"
    middle = len(a.paragraphs) // 2
    body = "\n\n".join(a.paragraphs[:middle]) + f"\n\n== {a.tags[1]}进展\n\n" + "\n\n".join(a.paragraphs[middle:])
    return f"{head}\n// {a.place}\n{body}\n\nNOTE: 资料来源：{a.publisher}\n"


def write_org(articles: list[Article], rng: random.Random) -> str:
    """One article as an Org-mode note: in-buffer keywords, headlines with a
    property drawer and tags, and paragraphs."""
    a = articles[0]
    year, month, day = a.date
    weekday = "一二三四五六日"[datetime(year, month, day).weekday()]
    head = f"#+TITLE: {a.title}\n#+AUTHOR: {_person(rng)}\n#+DATE: <{a.iso()} 周{weekday}>\n#+OPTIONS: toc:nil\n"
    middle = len(a.paragraphs) // 2
    first = "\n\n".join(a.paragraphs[:middle])
    second = "\n\n".join(a.paragraphs[middle:])
    return (f"{head}\n* 概况 :{a.place}:\n:PROPERTIES:\n:SOURCE: {a.publisher}\n:END:\n{first}\n\n"
            f"* {a.tags[1]}进展\n{second}\n")


def _tex(text: str) -> str:
    """Text with LaTeX's special characters escaped (`30%` would start a comment)."""
    return re.sub(r"([%&#_$])", r"\\\1", text)


def write_latex(articles: list[Article], rng: random.Random) -> str:
    """One article as a ctex report: a preamble with title, author and date,
    sections, a footnote and a comment."""
    a = replace(articles[0], title=_tex(articles[0].title), paragraphs=[_tex(p) for p in articles[0].paragraphs])
    year, month, day = a.date
    head = (f"\\documentclass{{ctexart}}\n\\title{{{a.title}}}\n\\author{{{a.publisher}}}\n"
            f"\\date{{{year}年{month}月{day}日}}\n\\begin{{document}}\n\\maketitle\n")
    middle = len(a.paragraphs) // 2
    first = "\n\n".join(a.paragraphs[:middle])
    second = "\n\n".join(a.paragraphs[middle:])
    return (f"{head}\\section{{概况}}\n% {a.place}\n{first}\\footnote{{数据来源：{a.publisher}。}}\n\n"
            f"\\section{{{a.tags[1]}进展}}\n{second}\n\\end{{document}}\n")


# --------------------------------------------------------------------------- binary documents


def _zip(members: dict[str, str], stamp: tuple[int, int, int, int, int, int], mimetype: str = "") -> bytes:
    """A ZIP archive whose members are dated `stamp`, not now (the same seed must give
    the same bytes), with an ODF or EPUB `mimetype` first and stored, as those require."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr(zipfile.ZipInfo("mimetype", stamp), mimetype)
        for name, text in members.items():
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def _zip_time(a: Article) -> tuple[int, int, int, int, int, int]:
    """The article's time as a ZIP member's date: the same every run."""
    return (*a.date, *a.time, 0)


def _author(rng: random.Random, person: str) -> str:
    """Who a document's properties say wrote it: the person, or often only the PC's account."""
    return person if rng.random() < 0.6 else "Administrator"


XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX_PARTS = {
    "[Content_Types].xml": XML_HEAD + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"),
    "_rels/.rels": XML_HEAD + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>'),
    "word/_rels/document.xml.rels": XML_HEAD + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/></Relationships>'),
    "word/styles.xml": XML_HEAD + (
        f"<w:styles {W_NS}>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>'
        + "".join(f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
                  f'<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>' for n in (1, 2))
        + "</w:styles>"),
}


def _word_paragraph(text: str, rng: random.Random, style: str = "") -> str:
    """A Word paragraph: a heading by its style, body text with the two-character
    first-line indent of Chinese documents, the text in two runs as editing leaves it."""
    properties = f'<w:pStyle w:val="{style}"/>' if style else '<w:ind w:firstLineChars="200" w:firstLine="420"/>'
    cut = rng.randint(0, len(text))
    runs = "".join(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' for part in (text[:cut], text[cut:]) if part)
    return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"


def write_docx(articles: list[Article], rng: random.Random) -> bytes:
    """A Word file: one article under a `Title` (its section headings `Heading 1`), or
    a bundle, each article a `Heading 1` section (`Heading 2` below), without a Title
    and with Word's default title in the properties."""
    single = len(articles) == 1
    paragraphs = []
    for a in articles:
        paragraphs.append(_word_paragraph(a.title, rng, "Title" if single else "Heading1"))
        paragraphs.append(_word_paragraph(f"来源：{a.publisher} {a.iso()}", rng, "Normal"))
        paragraphs += [_word_paragraph(text, rng, ("Heading1" if single else "Heading2") if heading else "")
                       for heading, text in _sections(a)]
    document = (f"{XML_HEAD}<w:document {W_NS}><w:body>{''.join(paragraphs)}"
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    a = articles[0]
    core = (f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(a.title if single else '文档1')}</dc:title><dc:creator>{_author(rng, _person(rng))}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{_moment(a).isoformat()}</dcterms:created></cp:coreProperties>')
    return _zip({**DOCX_PARTS, "word/document.xml": document, "docProps/core.xml": core}, _zip_time(a))


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"')
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ODT_MANIFEST = XML_HEAD + (
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>')


def write_xlsx(articles: list[Article], rng: random.Random) -> bytes:
    """A monitoring service's Excel export: a header row, one row per article,
    text in inline strings, the date as Excel's day number."""
    keys = rng.choice(JSON_KEYS)
    header = ["序号" if keys["title"] == "标题" else "id", keys["title"], keys["date"], keys["publisher"], keys["body"]]
    rows = [_xlsx_row(1, [_inline(name) for name in header])]
    for number, a in enumerate(articles, 2):
        day = (datetime(*a.date) - datetime(1899, 12, 30)).days
        cells = [f"<v>{number - 1}</v>", _inline(a.title), f"<v>{day}</v>", _inline(a.publisher), _inline("\n".join(a.paragraphs))]
        rows.append(_xlsx_row(number, cells))
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    relations = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    members = {
        "xl/workbook.xml": f'<workbook {main} {relations}><sheets><sheet name="舆情" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                       '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": f"<worksheet {main}><sheetData>{''.join(rows)}</sheetData></worksheet>",
    }
    return _zip(members, _zip_time(articles[0]))


def _inline(text: str) -> str:
    return f'<is><t xml:space="preserve">{escape(text)}</t></is>'


def _xlsx_row(number: int, cells: list[str]) -> str:
    """A row of cells in columns A, B, C …; a cell holding `<is>` is an inline string."""
    written = []
    for column, cell in enumerate(cells):
        kind = ' t="inlineStr"' if cell.startswith("<is>") else ""
        written.append(f'<c r="{chr(ord("A") + column)}{number}"{kind}>{cell}</c>')
    return f'<row r="{number}">{"".join(written)}</row>'


def write_odt(articles: list[Article], rng: random.Random) -> bytes:
    """An OpenDocument text as LibreOffice saves a report: the title a level-1
    heading, its sections level 2, the author in the document's properties."""
    a = articles[0]
    blocks = [f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{escape(a.title)}</text:h>',
              f"<text:p>来源：{a.publisher} {a.iso()}</text:p>"]
    blocks += [f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{escape(text)}</text:h>' if heading
               else f'<text:p text:style-name="Text_20_body">{escape(text)}</text:p>' for heading, text in _sections(a)]
    content = (f'{XML_HEAD}<office:document-content {ODF_NS} office:version="1.3"><office:body><office:text>'
               f"{''.join(blocks)}</office:text></office:body></office:document-content>")
    meta = (f'{XML_HEAD}<office:document-meta {ODF_NS} office:version="1.3"><office:meta>'
            f"<meta:generator>LibreOffice/7.6</meta:generator><dc:title>{escape(a.title)}</dc:title>"
            f"<meta:initial-creator>{_author(rng, _person(rng))}</meta:initial-creator>"
            f"<meta:creation-date>{_moment(a).replace(tzinfo=None).isoformat()}</meta:creation-date>"
            "</office:meta></office:document-meta>")
    return _zip({"META-INF/manifest.xml": ODT_MANIFEST, "content.xml": content, "meta.xml": meta}, _zip_time(a), ODT_MIMETYPE)


EPUB_CONTAINER = XML_HEAD + (
    '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles>'
    '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')


def _xhtml(title: str, body: str) -> str:
    return (f'{XML_HEAD}<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'xml:lang="zh-CN"><head><title>{escape(title)}</title></head><body>{body}</body></html>\n')


def _epub_chapter(a: Article) -> str:
    body = "".join(f"<h2>{escape(text)}</h2>" if heading else f"<p>{escape(text)}</p>" for heading, text in _sections(a))
    return _xhtml(a.title, f'<section epub:type="chapter"><h1>{escape(a.title)}</h1>'
                           f'<p class="byline">来源：{a.publisher} {a.iso()}</p>{body}</section>')


def write_epub(articles: list[Article], rng: random.Random) -> bytes:
    """An issue of a newsletter as an e-book: a chapter per article opening with its
    `<h1>`, a navigation document, the issue's title, editors and date in the package."""
    site = rng.choice(SITE_NAMES)
    issue = f"{site}周刊 第{rng.randint(1, 200)}期"
    chapters = {f"c{n}.xhtml": _epub_chapter(a) for n, a in enumerate(articles, 1)}
    links = "".join(f'<li><a href="{name}">{escape(a.title)}</a></li>' for name, a in zip(chapters, articles))
    nav = _xhtml(issue, f'<nav epub:type="toc"><h1>目录</h1><ol>{links}</ol></nav>')
    items = "".join(f'<item id="{name[:-6]}" href="{name}" media-type="application/xhtml+xml"/>' for name in chapters)
    spine = "".join(f'<itemref idref="{name[:-6]}"/>' for name in chapters)
    latest = max(articles, key=lambda a: a.date)
    package = (f'{XML_HEAD}<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
               '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
               f'<dc:identifier id="id">urn:uuid:{rng.getrandbits(128):032x}</dc:identifier><dc:title>{issue}</dc:title>'
               f"<dc:creator>{site}编辑部</dc:creator><dc:publisher>{site}</dc:publisher><dc:date>{latest.iso()}</dc:date>"
               "<dc:language>zh-CN</dc:language></metadata>"
               f'<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{items}</manifest>'
               f'<spine><itemref idref="nav" linear="no"/>{spine}</spine></package>')
    members = {"META-INF/container.xml": EPUB_CONTAINER, "OEBPS/content.opf": package, "OEBPS/nav.xhtml": nav, **{
        f"OEBPS/{name}": chapter for name, chapter in chapters.items()}}
    return _zip(members, _zip_time(latest), "application/epub+zip")


# A4 in points, 3/4 inch margins; body type of 10.5 pt (Chinese 五号) on 1.4 lines:
# 2,300 characters a page, so the longest article (3,300) takes two pages.
PDF_WIDTH, PDF_HEIGHT, PDF_MARGIN = 595, 842, 54
PDF_BODY, PDF_SMALL, PDF_TITLE, PDF_LEADING = 10.5, 9.0, 18.0, 1.4
PdfLine = tuple[float, float, float, str]  # x, y, type size, text
_LATIN_RUN = re.compile(r"[\x21-\x7e]+|.", re.S)


def _ems(text: str) -> float:
    """Width in ems: a Chinese character is square, a Latin letter or digit half as wide."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


def _lines_of(text: str, first: float, rest: float) -> list[str]:
    """`text` broken into lines `first`, then `rest` ems wide, never inside a Latin
    word or a number (a word processor does not break there either)."""
    lines, line, used, room = [], "", 0.0, first
    for token in _LATIN_RUN.findall(text):
        if line and used + _ems(token) > room:
            lines.append(line)
            line, used, room = "", 0.0, rest
        line, used = line + token, used + _ems(token)
    return [*lines, line] if line else lines


def _pdf_pages(a: Article, byline: str, spaced: bool) -> list[list[PdfLine]]:
    """The article set on A4 pages: the title centred in a larger size, the byline
    below it, paragraphs with a first-line indent or (`spaced`) a gap between them,
    running on over page breaks, a `— n —` page number at the foot of each page."""
    width = (PDF_WIDTH - 2 * PDF_MARGIN) / PDF_BODY  # in ems of body type
    pitch = PDF_BODY * PDF_LEADING
    title_size = min(PDF_TITLE, round((PDF_WIDTH - 2 * PDF_MARGIN) / _ems(a.title), 1))
    y = PDF_HEIGHT - PDF_MARGIN - title_size
    page = [((PDF_WIDTH - _ems(a.title) * title_size) / 2, y, title_size, a.title),
            ((PDF_WIDTH - _ems(byline) * PDF_SMALL) / 2, y - 2 * title_size, PDF_SMALL, byline)]
    pages, y = [page], y - 2 * title_size - 2 * pitch
    for paragraph in a.paragraphs:
        indent = 0 if spaced else 2
        for number, line in enumerate(_lines_of(paragraph, width - indent, width)):
            if y < PDF_MARGIN + pitch:
                page, y = [], PDF_HEIGHT - PDF_MARGIN - PDF_BODY
                pages.append(page)
            page.append((PDF_MARGIN + (indent * PDF_BODY if number == 0 else 0), y, PDF_BODY, line))
            y -= pitch
        y -= 0.6 * pitch if spaced else 0
    for number, page in enumerate(pages, 1):
        label = f"— {number} —"
        page.append(((PDF_WIDTH - _ems(label) * PDF_SMALL) / 2, PDF_MARGIN / 2, PDF_SMALL, label))
    return pages


def _pdf_string(text: str) -> str:
    """A document-information string: UTF-16 with its byte order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _pdf_stream(data: bytes) -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


def _to_unicode(codes: dict[str, int]) -> bytes:
    """The ToUnicode map from each character code (CID) back to its character,
    a hundred entries a block as the CMap format allows."""
    pairs = [f"<{code:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for ch, code in codes.items()]
    blocks = "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
                     for chunk in (pairs[n:n + 100] for n in range(0, len(pairs), 100)))
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            f"1 begincodespacerange <0000> <FFFF> endcodespacerange\n{blocks}"
            "endcmap CMapName currentdict /CMap defineresource pop end end").encode("ascii")


def _pdf_file(pages: list[list[PdfLine]], info: str) -> bytes:
    """A PDF drawing the lines in a CID-keyed SimSun that is named, not embedded (a
    few KB instead of a subset font's hundreds): each character a two-byte code in
    order of first use, as in a subset font, and the ToUnicode map telling pypdf
    which character each code is (256 one-byte codes would not cover an article)."""
    codes: dict[str, int] = {}
    for page in pages:
        for *_, text in page:
            for ch in text:
                codes.setdefault(ch, len(codes) + 1)
    half = " ".join(f"{code} [500]" for ch, code in codes.items() if ord(ch) < 128)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(f"{8 + 2 * n} 0 R" for n in range(len(pages))).encode(), len(pages)),
        info.encode("ascii"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
        b"/Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /W [%s] >>" % half.encode(),
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [-8 -145 1000 859] /ItalicAngle 0 /Ascent 859 "
        b"/Descent -141 /CapHeight 683 /StemV 80 >>",
        _pdf_stream(_to_unicode(codes)),
    ]
    for number, page in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >> >> "
                       b"/Contents %d 0 R >>" % (PDF_WIDTH, PDF_HEIGHT, 9 + 2 * number))
        drawn = "\n".join(f"BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td <{''.join(f'{codes[ch]:04X}' for ch in text)}> Tj ET"
                          for x, y, size, text in page)
        objects.append(_pdf_stream(drawn.encode("ascii")))
    out, offsets = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{len(out)}\n%%EOF\n"
    return out + f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n{table}{trailer}".encode("ascii")


def write_pdf(articles: list[Article], rng: random.Random) -> bytes:
    """A report printed to PDF: one or two A4 pages with a text layer, the document
    information's Title the printed title, its Author a person or the PC's account."""
    a = articles[0]
    year, month, day = a.date
    hour, minute = a.time
    reporter = _person(rng)
    pages = _pdf_pages(a, f"{year}年{month}月{day}日 来源：{a.publisher} 作者：{reporter}", rng.random() < 0.5)
    info = (f"<< /Title {_pdf_string(a.title)} /Author {_pdf_string(_author(rng, reporter))} /Producer (sitegen benchmark corpus) "
            f"/CreationDate (D:{year:04d}{month:02d}{day:02d}{hour:02d}{minute:02d}00+08'00') >>")
    return _pdf_file(pages, info)


Writer = Callable[..., str | bytes]
WRITERS: dict[str, Writer] = {
    "plain": write_plain, "web": write_web, "pdfmd": write_pdfmd, "frontmatter": write_frontmatter,
    "digest": write_digest, "html": write_html, "json": write_json, "feed": write_feed, "table": write_table,
    "subtitles": write_subtitles, "mime": write_mime, "docx": write_docx, "odt": write_odt, "epub": write_epub,
    "pdf": write_pdf, "rtf": write_rtf, "xml": write_xml, "xlsx": write_xlsx,
    "rst": write_rst, "asciidoc": write_asciidoc, "org": write_org, "latex": write_latex,
}
SUFFIXES = {"html": ".html", "frontmatter": ".md", "pdfmd": ".md", "json": ".json", "feed": ".xml",
            "docx": ".docx", "odt": ".odt", "epub": ".epub", "pdf": ".pdf", "rtf": ".rtf", "xml": ".xml", "xlsx": ".xlsx",
            "rst": ".rst", "asciidoc": ".adoc", "org": ".org", "latex": ".tex"}
# How many articles one file of the format bundles, at most.
BUNDLE = {"digest": 3, "frontmatter": 2, "pdfmd": 2, "json": 3, "feed": 3, "table": 3, "epub": 3, "docx": 3, "xml": 3, "xlsx": 3}
# Formats whose text names its charset: a GBK file is written again saying so.
NAMES_CHARSET = ("html", "feed", "xml")


def _suffix(kind: str, content: str | bytes) -> str:
    """The file name's ending people would give it (sitegen never looks): formats
    written in two variants say by their first line which one a file is."""
    if isinstance(content, str):
        first = content.split("\n", 1)[0]
        if kind == "table":
            return ".tsv" if "\t" in first else ".csv"
        if kind == "subtitles":
            return ".vtt" if first.startswith("WEBVTT") else ".srt"
        if kind == "mime":
            return ".mht" if "Saved by" in first else ".eml"
    return SUFFIXES.get(kind, ".txt")


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


def _written(kind: str, bundle: list[Article], number: int, rng: random.Random) -> tuple[bytes, str, str | bytes]:
    """(bytes, encoding, what the writer wrote) of file `number`: text through
    `_encode`, binary documents as they are."""
    content = WRITERS[kind](bundle, rng)
    if isinstance(content, bytes):
        return content, "binary", content
    data, encoding = _encode(content, number)
    if kind in NAMES_CHARSET and encoding == "gbk":
        content = WRITERS[kind](bundle, rng, "gbk")
        data = content.encode("gb18030")
    return data, encoding, content


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
        data, encoding, content = _written(kind, bundle, number, rng)
        name = hashlib.sha1(data).hexdigest()[:12]
        path = folder / f"{number:05d}_{name}{_suffix(kind, content)}"
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
