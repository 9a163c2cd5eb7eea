"""People and organisations named in an article, with titles and the sentences
that name them.

News introduces a person by title, then name, then a verb of saying:
`小米集团创始人、董事长兼首席执行官雷军说`, or, on a speaker's block, by title
and name alone: `联合国驻华协调员 杰思衡`. The job title is what marks where the
name begins, so people are found by that pattern rather than by jieba's `nr`
tag: part-of-speech tagging needs a second dictionary load (~0.4 s) and still
cuts `李家超在` into `李家|超在`. Organisations come from the editable list in
`taxonomies/organisations.txt` and from the suffixes Chinese names of
organisations end in (…有限公司, …集团, …研究院, …大学, …协会).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sitegen.analyse.entities_en import english_organisations, english_people, has_latin_words, title_organisation
from sitegen.analyse.summary import trim_lead_in
from sitegen.analyse.tokens import TokenizedArticle, align
from sitegen.chinese.sentences import split_sentences
from sitegen.model import CELL_SEPARATOR, Article, Entity, Paragraph, SentenceRef, row_cells

# Job titles a name follows, longest first so `助理研究员` wins over `研究员`.
# Words that begin an organisation's suffix (`委员` of `委员会`, `董事` of
# `董事会`) are left out: they would cut an organisation's name in two.
TITLE_WORDS = tuple(
    sorted(
        {
            "主席", "副主席", "总统", "总理", "首相", "部长", "副部长", "局长", "副局长", "厅长",
            "司长", "处长", "署长", "市长", "副市长", "省长", "副省长", "区长", "县长", "镇长",
            "书记", "副书记", "行政长官", "秘书长", "副秘书长", "总干事", "大使", "发言人",
            "协调员", "专员", "总裁", "副总裁", "总经理", "副总经理", "总裁助理", "总经理助理",
            "总监", "高级总监", "经理", "董事长", "副董事长", "执行董事", "首席执行官",
            "首席技术官", "首席运营官", "首席科学家", "首席经济学家", "首席信息官", "首席数字官", "首席财务官",
            "首席战略官", "首席产品官", "CEO", "CTO", "COO", "CIO", "CFO",
            "厂长", "副厂长", "站长", "馆长", "台长", "社长", "行长", "团长",
            "创始人", "联合创始人", "合伙人", "主任", "副主任", "所长", "副所长", "院长",
            "副院长", "校长", "副校长", "教授", "副教授", "院士", "研究员", "副研究员",
            "助理研究员", "分析师", "经济学家", "科学家", "总工程师", "工作人员", "负责人",
            "会长", "副会长", "理事长", "主编", "总编辑",
            # as Taiwan and Hong Kong write them
            "主委", "副主委", "主任委员", "执行长", "营运长", "技术长", "财务长", "创办人", "特首", "议长",
        },
        key=lambda word: (-len(word), word),
    )
)
SPEECH_VERBS = (
    "表示", "认为", "指出", "介绍", "强调", "透露", "坦言", "提到", "谈到", "说道", "看来",
    "呼吁", "建议", "直言", "补充", "回应", "解释", "宣布", "致辞", "称", "说",
)
# Roles in a credits line: the people who made the report, not people in it.
CREDIT_ROLES = (
    "记者", "见习记者", "实习记者", "特约记者", "通讯员", "编辑", "责任编辑", "实习生",
    "校对", "审核", "审校", "摄影", "摄像", "监制", "制图", "来源",
)
# Name endings of organisations. Government offices (…局, …部) are taken only
# from a person's title, where the title word after them marks the end; in
# running text `布局` ends in `局` too.
ORG_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "研究院", "研究所", "研究中心",
    "研发中心", "创新中心", "研发院", "科学院", "工程院", "大学", "学院", "协会", "联合会",
    "商会", "委员会", "基金会", "银行", "交易所", "联盟",
)
# What a company's full name adds to the name it goes by: `软银集团` is 软银,
# `腾讯公司` 腾讯, where the article uses the short name too.
COMPANY_FORMS = (
    "集团", "公司", "有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司", "集团公司",
    "控股", "控股集团", "控股有限公司", "科技有限公司", "科技股份有限公司", "技术有限公司",
)
# Name endings of government bodies, taken in running text only when the name
# opens with a place the article names (`成都市人民政府办公厅`,
# `四川省经济和信息化厅`): without their place they name no one, and each is
# long enough not to end an everyday word (`布局`, `餐厅`).
GOVERNMENT_SUFFIXES = (
    "人民政府", "市政府", "省政府", "区政府", "县政府", "办公厅", "信息化厅", "信息化局", "科学技术厅",
    "科学技术局", "科技厅", "科技局", "商务厅", "商务局", "数据局", "数据资源局", "发展局", "经信局",
    "工信局", "统计局", "管委会", "管理委员会",
    # offices named by what they manage or serve (`银川市大数据管理服务局`, `哈尔滨市文化广电和旅游局`)
    "管理局", "服务局", "文化广电和旅游局", "文化和旅游局", "文化和旅游厅", "旅游局", "监管局", "监督管理局",
    "保障局", "规划局", "运输局", "农村局", "教育局", "健康委员会", "卫健委", "发改委", "经信委", "科委",
    "网信办", "外事办", "台港澳办", "台办",
)
# In front of a job title, a name ending in 科技 is a company too (`智元科技创始人`).
TITLE_ORG_SUFFIXES = ORG_SUFFIXES + ("中心", "实验室", "政府", "局", "部", "厅", "委", "办公室", "署", "处", "科技")
# An organisation's own board or committee, written between its name and a title.
_GOVERNING_BODIES = ("董事局", "董事会", "董事會", "监事会", "党委", "党组")
MAX_MENTIONS = 5  # sentences kept per entity and article

# A name's third character is never an adverb or preposition that follows it
# (`何平在致辞中表示`, `张进则透露`); a foreign name's last part ends as soon as
# what follows it can (`阿卜杜拉·斯瓦哈在开幕式上宣布`).
_AFTER_NAME = "在则将也亦还又就都"
_CJK_NAME = rf"[\u4e00-\u9fff]{{2}}(?:(?![{_AFTER_NAME}])[\u4e00-\u9fff])?"
_FOREIGN_NAME = r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8}?)+"
_NAME = rf"(?:{_FOREIGN_NAME}|{_CJK_NAME})"
_NOT_NAME_START = "在的了是和与及将对向从把被让等为兼"  # `董事长兼总裁表示`: 兼总裁 is no name
# Words that stand where a name would after a title, naming no one (`市长助理出席`, `院士团队出席`).
_NOT_NAMES = frozenset({"助理", "团队", "代表", "代表们", "一行", "等人", "本人", "先生", "女士", "同志", "夫妇"})
_TITLES = "|".join(map(re.escape, TITLE_WORDS))
_TITLE_BEFORE = rf"(?P<title>[^，。；：！？,;:!?“”\"‘’「」《》\n]{{0,40}}?(?:{_TITLES}))[ \t]*"
_TITLE_REACH = 40 + max(map(len, TITLE_WORDS))  # characters a title can span before a name
# When, and whom or where a person speaks to, between name and verb: `对36氪表示`,
# `向记者透露`, `接受新华社记者采访时表示`, `13日在发布会上说`, `今日出席峰会并致辞`.
_ADDRESSED = (
    # when: `13日在…时说`, `今日（十一月二十日）`, Hong Kong's `今（二十）日`
    r"(?:(?:\d{1,2}日|[今昨前明]天|[今昨]日|[今昨][（(][^）)]{1,6}[）)]日|日前|近日|当天|当日)"
    r"(?:[（(][^）)]{1,10}[）)])?(?:上午|下午|晚间|晚上)?)?"
    r"(?:在[^，。；！？,;!?“”\"]{1,15}?[中上里时]"
    r"|(?:在[^，。；！？,;!?“”\"]{1,20}?)?出席[^，。；！？,;!?“”\"]{1,30}?[并时的]"
    r"|[对向][^，。；！？,;!?“”\"]{1,12}?"
    r"|接受[^，。；！？,;!?“”\"]{1,15}?采访时)?"
    r"[则也亦还又就]?"  # `张进则透露`
)
# What a person quoted does: speaks, is interviewed (`接受了第一财经记者专访`, the
# piece then quoting them throughout) or attends (`新竹县长杨文科也出席典礼`).
_SAID = rf"(?:{'|'.join(SPEECH_VERBS)}|接受了?[^，。；！？,;!?“”\"]{{0,15}}?(?:专访|采访)|[也亦还]?出席)"
_QUOTE = re.compile(rf"{_TITLE_BEFORE}(?P<name>(?![{_NOT_NAME_START}]){_NAME}){_ADDRESSED}{_SAID}")
_SPEECH = re.compile(_SAID)
# A name opening a clause with a speech verb (`孫東表示，…`): quoted again after
# the text introduced them with a title somewhere (`創新科技及工業局局長孫東今日出席…`).
_NAMED_SPEAKER = re.compile(
    rf"(?:^|(?<=[，。；！？,;!?\s]))(?P<name>(?![{_NOT_NAME_START}]){_NAME}){_ADDRESSED}{_SAID}"
)
# An interview's turn: `李斌：…` opening a paragraph, the label perhaps in bold and
# after the speaker's title (`**广州市工业和信息化局局长 李明：**`, `**李明**：`). Two turns or more
# make the name someone the article quotes; the interviewer's label (`记者：`,
# `主持人：`, the publication's name) is no person.
_TURN = re.compile(rf"^(?:\*\*|__)?(?:[^：:*_\n]{{2,40}}?(?:{_TITLES})[ \t]*)?(?P<name>{_NAME})(?:\*\*|__)?[:：]")
MIN_TURNS = 2
_NOT_SPEAKERS = frozenset({"主持人", "记者", "記者", "提问", "提問", "主持", "编者", "编辑", "旁白", "观众"})
_PUBLICATION_END = ("报", "社", "网", "台", "刊", "報", "網")
_TITLE = re.compile(_TITLES)
_BYLINE = re.compile(rf"^(?P<title>\S(?:.*\S)?)\s+(?P<name>{_NAME})$")
_LEADING = re.compile(r"^(?:在|据|由|而|对此|此外|同时|另外|其中|作为|以下[是为])")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_ORG_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()·&]")
_ORG_BOUNDARY_CHARS = set("在的了是和与及将对向从把被让等为由于据经同跟以至")
_DETERMINER = re.compile(r"^(?:[一这那该各每某多几数其此][\u4e00-\u9fff]?|部分|若干)$")
# A count inside the words before a suffix (`一所`, `两家`, `多个`): what follows is a kind.
_COUNT_INSIDE = re.compile(r"(?<![\u4e00-\u9fff]{2}[一二三])[一两几数多][所家个座间]")
# A date or a count in front of a name is not part of it: `2019年阿里巴巴集团`
# is 阿里巴巴集团 in 2019, `二〇二三年`, `11月19日`, `第三届` the same; `5家上市公司`
# counts members of a class, which names no organisation at all. Numerals alone
# are kept (`三一重工集团`, `360集团`): only a unit after them makes a date or count.
_NUMERALS = "0-9０-９零〇一二三四五六七八九十百千万亿两"
_NUMERAL = re.compile(rf"^(?:第)?[{_NUMERALS}]+")
TIME_UNITS = ("年", "月", "日", "号", "届", "次", "期")
COUNT_UNITS = ("家", "所", "个", "位", "名", "批", "多家", "余家")
UNITS = sorted(TIME_UNITS + COUNT_UNITS, key=len, reverse=True)
TIME_WORDS = frozenset({
    "去年", "今年", "明年", "前年", "近年", "近年来", "当年", "同年", "上半年", "下半年", "全年",
    "年初", "年底", "年末", "年内", "近日", "日前", "目前", "如今", "此前", "近期", "当前", "今天",
    "昨天", "今日", "昨日", "本月", "上月", "当日", "同期",
})
# Verbs and function words that end the stretch before an organisation's name.
ORG_BREAKERS = frozenset(
    {
        "拥有", "建设", "成立", "设立", "组建", "联合", "携手", "推动", "包括", "通过", "依托",
        "成为", "来自", "落户", "入驻", "加入", "资助", "吸引", "支持", "委托", "牵头", "发布",
        "举办", "主办", "承办", "协办", "位于", "以及", "还有", "其中", "作为", "和", "与", "及",
        "或", "由", "在", "的", "对", "向", "将", "是", "为", "等", "与会", "参观", "访问",
        "有", "设有", "建有", "集聚", "聚集", "汇聚", "引进", "签约", "联手", "牵手", "宣布", "获得",
        "投资", "收购", "参与", "参加", "出席", "邀请", "携", "同", "跟",
    }
)
_ORG_SUFFIX = re.compile("|".join(map(re.escape, sorted(ORG_SUFFIXES, key=len, reverse=True))))
# (`管理局面`, `服务局势` are a situation, no office)
_GOVERNMENT_SUFFIX = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(GOVERNMENT_SUFFIXES, key=len, reverse=True))) + ")(?![面势部限])"
)
MAX_ORG_CHARS = 24


@dataclass
class _Found:
    """An entity while the article is being read: merged by name at the end."""

    kind: Literal["person", "org"]
    titles: list[str]
    organisations: list[str]
    mentions: list[SentenceRef]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


_BRACKET_END = re.compile(r"[】\]#]")
# A verb before a title ends the clause it belongs to: `记者专访了蔚来创始人`.
_BEFORE_TITLE = re.compile(r"了|专访|采访|对话|会见|拜访|见到|邀请|嘉宾是|嘉宾为|主讲人是|发言人是")


def _clean_title(title: str) -> str:
    """The title proper: after the last break between Chinese words or verb
    in front of it, without `在`/`据`."""
    title = _BRACKET_END.split(title)[-1]  # a post's `【#话题#】` in front is no part of it
    title = _BEFORE_TITLE.split(_CJK_GAP.split(title.strip())[-1])[-1]
    title = _LEADING.sub("", title.lstrip("*_")).strip(" 、,，")  # no bold marks of a label
    return re.sub(r"\s+", " ", title)


def title_organisations(title: str, known: Sequence[str]) -> list[str]:
    """Organisations a title names: `中国人民大学校长` -> [`中国人民大学`].

    The words before the first job title, when they end like an organisation's
    name; and any known organisation written in the title.
    """
    found: list[str] = []
    first = min((title.find(word) for word in TITLE_WORDS if word in title), default=-1)
    head = title[:first].rstrip("、兼 ") if first > 0 else ""
    head = head.rsplit("、", 1)[-1]  # `全国人大代表、优必选科技创始人`: the last title's organisation
    for board in _GOVERNING_BODIES:  # `海尔集团董事局主席`: the board is part of the title
        if head.endswith(board) and head[: -len(board)].endswith(TITLE_ORG_SUFFIXES):
            head = head[: -len(board)]
            break
    if head and head.endswith(TITLE_ORG_SUFFIXES) and len(head) > 2:
        found.append(head)
    found.extend(name for name in known if name in title and not any(name in f for f in found))
    return _unique(found)


def _sentences(paragraph: Paragraph) -> list[str]:
    """The paragraph's sentences without list markers or datelines in front."""
    return [trim_lead_in(sentence) for sentence in split_sentences(paragraph.text)]


Split = list[tuple[Paragraph, list[str]]]


def split_article(article: Article) -> Split:
    """Each paragraph that may name someone, with its sentences: split once per article."""
    return [(p, _sentences(p)) for p in article.paragraphs if p.kind not in ("image", "code")]


def find_people(article: Article, split: Split) -> list[tuple[str, str, SentenceRef]]:
    """(name, title, where) for every titled person: speaker blocks and quotes."""
    people: list[tuple[str, str, SentenceRef]] = []
    for paragraph, sentences in split:
        speakers = [found for cell in _cells(paragraph.text) if (found := _speaker(cell, paragraph.kind))]
        if speakers:
            ref = SentenceRef(paragraph.text, article.slug, paragraph.anchor)
            people.extend((name, title, ref) for name, title in speakers)
            continue
        if paragraph.kind == "heading":
            continue
        for sentence in sentences:
            if not (_SPEECH.search(sentence) and _TITLE.search(sentence)):
                continue  # the quote pattern is costly, and needs both
            for match in _QUOTE.finditer(sentence):
                title = _clean_title(match["title"])
                if title and not _is_credit(title) and match["name"] not in _NOT_NAMES:
                    ref = SentenceRef(sentence, article.slug, paragraph.anchor)
                    people.append((match["name"], title, ref))
    return people


def english_quoted(article: Article, split: Split) -> list[tuple[str, str, SentenceRef]]:
    """(name, title, where) for each person an English sentence quotes with a title."""
    return [
        (name, title, SentenceRef(sentence, article.slug, paragraph.anchor))
        for paragraph, sentences in split
        if paragraph.kind != "heading" and has_latin_words(paragraph.text)
        for sentence in sentences
        for name, title in english_people(sentence)
    ]


def interview_speakers(article: Article, split: Split) -> list[tuple[str, str, SentenceRef]]:
    """(name, title, first turn) for everyone who speaks two turns or more of an
    interview; the title is the one the text introduces the name with
    (`蔚来创始人、董事长、CEO李斌`), or none."""
    turns: dict[str, list[Paragraph]] = {}
    for paragraph, _ in split:
        match = _TURN.match(paragraph.text) if paragraph.kind == "paragraph" else None
        if match and match["name"] not in _NOT_SPEAKERS and not match["name"].endswith(_PUBLICATION_END):
            turns.setdefault(match["name"], []).append(paragraph)
    text = "\n".join(paragraph.text for paragraph, _ in split)
    return [
        (name, _introduced_title(text, name), SentenceRef(said[0].text, article.slug, said[0].anchor))
        for name, said in turns.items()
        if len(said) >= MIN_TURNS
    ]


def introduced_speakers(article: Article, split: Split) -> list[tuple[str, str, SentenceRef]]:
    """(name, title, where they speak) for a name that opens a clause with a
    speech verb and that the text introduces with a title elsewhere, perhaps in
    a sentence without a speech verb (`局長孫東今日出席…` / `孫東表示，…`)."""
    text = "\n".join(paragraph.text for paragraph, _ in split)
    titles: dict[str, str] = {}  # by name: a long text quotes the same people again and again
    found: list[tuple[str, str, SentenceRef]] = []
    for paragraph, sentences in split:
        if paragraph.kind != "paragraph":
            continue
        for sentence in sentences:
            for match in _NAMED_SPEAKER.finditer(sentence):
                name = match["name"]
                if name in _NOT_NAMES:
                    continue
                if name not in titles:
                    titles[name] = _introduced_title(text, name) if name not in _NOT_SPEAKERS else ""
                title = titles[name]
                if title:
                    found.append((name, title, SentenceRef(sentence, article.slug, paragraph.anchor)))
    return found


def _introduced_title(text: str, name: str) -> str:
    """The job title written right in front of `name` somewhere in `text`.

    The pattern is searched only in the stretches that end with a mention of
    `name` (`_stretches_before`): tried from every position of the text, with
    its open-ended title and a hundred job titles at each, it cost more than
    tokenising the text."""
    match = _title_match(text, name)
    if match is None:
        return ""
    title = _clean_title(match["title"])
    return "" if _is_credit(title) else title


def _title_match(text: str, name: str) -> re.Match[str] | None:
    """`re.search(_TITLE_BEFORE + name, text)`, searched in `_stretches_before` only."""
    pattern = re.compile(_TITLE_BEFORE + re.escape(name))
    for start, end in _stretches_before(text, name):
        match = pattern.search(text, start, end)
        if match is not None:
            return match
    return None


def _stretches_before(text: str, name: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of `text` where `_TITLE_BEFORE` + `name`
    can match, in order: from the farthest a title can reach back before a
    mention to the mention's end. A match the whole text's search would find
    starts in the first stretch that holds one (a match reaching a later
    mention starts inside that mention's stretch); overlapping stretches are
    joined, so no character is tried twice."""
    stretches: list[tuple[int, int]] = []
    at = text.find(name)
    while at != -1:
        title_end = at
        while title_end and text[title_end - 1] in " \t":
            title_end -= 1
        start, end = max(0, title_end - _TITLE_REACH), at + len(name)
        if stretches and start <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], end)
        else:
            stretches.append((start, end))
        at = text.find(name, at + 1)
    return stretches


def _is_credit(title: str) -> bool:
    return title.split()[0] in CREDIT_ROLES or title.endswith(CREDIT_ROLES)


def _cells(text: str) -> list[str]:
    """A table row's cells (`09:00-09:20 | 开幕致辞 | 广州市人民政府副市长 李明`), or the text whole."""
    return row_cells(text) if CELL_SEPARATOR in text else [text]


def _speaker(text: str, kind: str) -> tuple[str, str] | None:
    """`联合国驻华协调员 杰思衡` on a block or in a table cell of its own: (name, title).

    A byline block may carry any title; an ordinary short paragraph or cell only
    counts when its title ends in a job title, so a heading such as `天津的优势
    在于创新` is never read as a person.
    """
    text = text.strip()
    if len(text) > 60 or "\n" in text or re.search(r"[，。！？：,!?:]", text):
        return None
    match = _BYLINE.match(text)
    if match is None or _is_credit(match["title"]):
        return None
    title = re.sub(r"\s+", " ", match["title"])
    if kind != "byline" and not title.endswith(TITLE_WORDS):
        return None
    return match["name"], title


def _org_start(text: str, end: int, tokens: dict[int, str], offsets: list[int]) -> int:
    """Where an organisation's name that ends at `end` (its suffix) begins.

    Walk left over name characters up to punctuation or the length limit, then
    start after the last verb or function word in that stretch and past any
    leading determiner (`一些`), at a token boundary, so `天津拥有南开大学` gives
    `南开大学` and `高水平建设国家人工智能学院` gives `国家人工智能学院`.
    """
    start = end
    while start > 0 and end - start < MAX_ORG_CHARS and _ORG_CHARS.match(text[start - 1]):
        start -= 1
    inside = offsets[bisect.bisect_left(offsets, start) : bisect.bisect_left(offsets, end)]
    for offset in inside:
        word = tokens[offset]
        if word in ORG_BREAKERS or (len(word) == 1 and word in _ORG_BOUNDARY_CHARS):
            start = offset + len(word)
    inside = [offset for offset in inside if offset >= start]
    if inside:
        start = inside[0]
    while start in tokens and start < end and _DETERMINER.match(tokens[start]):
        start += len(tokens[start])
    counts = list(_COUNT_INSIDE.finditer(text, start, end))
    return counts[-1].end() if counts else start  # `台中市一所大学`: a university, not a name


def _number_unit(tokens: dict[int, str], start: int) -> tuple[str, int] | None:
    """The word after a number written at `start` and where it ends: `2019` `年`,
    `二` `〇` `二三年` (a number jieba cut up), `十家`, `第三届`, `1` `日三一`
    (a unit jieba glued to the name after it); None if no number starts there."""
    at = start
    while at in tokens and (match := _NUMERAL.match(tokens[at])) and match.end() == len(tokens[at]):
        at += len(tokens[at])
    word = tokens.get(at)
    if word is not None and (match := _NUMERAL.match(word)):
        return word[match.end():], at + len(word)  # number and unit in one word; `万家乐` is a name
    if at == start:
        return None
    if word is None:
        return "", at
    unit = next((unit for unit in UNITS if word.startswith(unit)), word)
    return unit, at + len(unit)


def _after_date_or_count(tokens: dict[int, str], start: int, end: int) -> int | None:
    """Where the name begins once the dates and time words in front of it are
    skipped (`2019年`, `去年`, `第三届`), or None after a count (`5家`): then
    the words are a class of organisations, not one."""
    while start < end and start in tokens:
        if tokens[start] in TIME_WORDS:
            start += len(tokens[start])
            continue
        unit, after = _number_unit(tokens, start) or ("", start)
        if unit in COUNT_UNITS:
            return None
        if unit not in TIME_UNITS:
            return start
        start = after
    return start


def find_suffix_organisations(
    text: str, words: Sequence[str], offsets: Sequence[int] | None = None, places: Sequence[str] = (),
) -> list[str]:
    """Organisations in running text recognised by their suffix.

    A name needs at least three characters before its suffix unless jieba
    knows it as one word (`南开大学`), which rejects generic `产业研究院`.
    A government body's suffix counts only after one of `places` (the place
    names the article uses, as written) opening the name.
    `offsets` are the words' `align`ed starts in `text`, when known.
    """
    suffixes = list(_ORG_SUFFIX.finditer(text))
    government = list(_GOVERNMENT_SUFFIX.finditer(text)) if places else []
    if not suffixes and not government:
        return []
    positions = align(text, words) if offsets is None else offsets
    tokens = dict(zip(positions, words))
    tokens.pop(-1, None)  # words not in the text as written
    offsets = list(tokens)  # ascending: tokens were found left to right
    found: list[str] = []
    for match in suffixes:
        if match[0] == "公司" and _names_company_after(text, match.end()):
            continue  # `芯片公司「算能未来」`, `人工智能公司G42`: a description; the name after it is the company
        start = _name_start(text, match, tokens, offsets)
        name = _DATE_REMNANT.sub("", text[start : match.end()]) if start is not None else ""
        whole_word = tokens.get(start) == name
        if len(name) - len(match[0]) >= 3 or (whole_word and len(name) > len(match[0])):
            found.append(name)
    openings = tuple(places)
    for match in government:
        start = _name_start(text, match, tokens, offsets)
        if start is None:
            continue
        inside = offsets[bisect.bisect_left(offsets, start) : bisect.bisect_left(offsets, match.start())]
        place = next((offset for offset in inside if tokens[offset].startswith(openings)), None)
        if place is not None:  # the name opens with the place: `王小川）成都市人民政府办公厅` gives `成都市…`
            found.append(text[place : match.end()])
    return _unique(found)


def _name_start(text: str, suffix: re.Match[str], tokens: dict[int, str], offsets: list[int]) -> int | None:
    """Where the name that ends with `suffix` begins; None after a count."""
    return _after_date_or_count(tokens, _org_start(text, suffix.start(), tokens, offsets), suffix.start())


# Funding news: who led or joined a round (`由红杉中国领投，高瓴创投、深创投跟投`)
# is an investor, whatever its name ends in; and a company introduced by what it
# does, then its name in quotes or Latin letters (`AI推理芯片公司「算能未来」`,
# `阿联酋人工智能公司G42`), is that name.
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")
# What the length limit leaves of a date in front of a long name: `年10月28日杭州市…委员会`.
_DATE_REMNANT = re.compile(r"^[年月日号]?(?:[0-9]+[年月日号])+")
# Latin words after `公司` that are no company's name: `公司CEO王磊`, `公司AI战略`.
_NOT_COMPANY_NAMES = frozenset({"CEO", "CTO", "COO", "CFO", "CIO", "VP", "AI", "AIGC", "App", "APP", "IPO", "IT", "HR"})
_INVESTING = re.compile(r"(?:共同|联合|超额|继续|持续|追加)?(?:领投|跟投|参投|联合投资)")
_CLAUSE_START = re.compile(r".*[，。；：！？,;:!?“”「」\n]", re.DOTALL)
_NAME_LIST = re.compile(r"、|和|及|与|以及|,|，")
_INVESTOR_LEAD = re.compile(r"^(?:并由|由|老股东|原股东|现有股东|股东|本轮|机构)+")
_INVESTOR_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9&·]{2,16}")
_QUOTED_COMPANY = re.compile(
    r"(?:公司|企业|创企|初创|厂商|独角兽)(?:[「“『](?P<name>[^」”』\n，。]{2,20})[」”』]"
    r"|(?P<latin>[A-Z][A-Za-z0-9]*(?:[ -][A-Z][A-Za-z0-9]*){0,2})(?![A-Za-z0-9]))"
)
_DESCRIBED_NAME = ("「", "“", "『")


def _names_company_after(text: str, end: int) -> bool:
    """A quoted or Latin company name follows right after `end`."""
    latin = _LATIN_NAME.match(text, end)
    return text.startswith(_DESCRIBED_NAME, end) or (latin is not None and latin[0] not in _NOT_COMPANY_NAMES)


def investors_and_quoted_companies(text: str) -> list[str]:
    """The investors of a funding round and the companies introduced by a
    description and their name, quoted or Latin (`人工智能公司G42`), in `text`."""
    found = [
        (match["name"] or match["latin"]).strip() for match in _QUOTED_COMPANY.finditer(text)
        if match["latin"] not in _NOT_COMPANY_NAMES
    ]
    for match in _INVESTING.finditer(text) if "投" in text else ():
        before = text[max(0, match.start() - 60) : match.start()]
        opening = _CLAUSE_START.match(before)
        for name in _NAME_LIST.split(before[opening.end() :] if opening else before):
            name = _INVESTOR_LEAD.sub("", name.strip())
            if _INVESTOR_NAME.fullmatch(name) and not name.endswith(("等", "们")):
                found.append(name)
    return _unique(found)


def _mentions(slug: str, split: Split, name: str) -> list[SentenceRef]:
    refs: list[SentenceRef] = []
    for paragraph, sentences in split:
        if name not in paragraph.text:
            continue
        for sentence in sentences:
            if name in sentence:
                refs.append(SentenceRef(sentence, slug, paragraph.anchor))
                if len(refs) == MAX_MENTIONS:
                    return refs
    return refs


def _standalone(names: Iterable[str], text: str) -> list[str]:
    """Names the text uses on their own, not only inside a longer found name.

    `中国电子` is kept next to `中国电子信息产业集团有限公司` when the text also
    says `中国电子` alone; `集团` suffix hits inside a longer company name are not.
    """
    names = _unique(names)
    kept: list[str] = []
    for name in names:
        masked = text
        for other in sorted(names, key=len, reverse=True):
            if len(other) > len(name) and name in other:
                masked = masked.replace(other, "\x00")
        if name in masked:
            kept.append(name)
    return kept


def _people(article: Article, split: Split, organisations: Sequence[str]) -> dict[str, _Found]:
    """Each titled person once, with every title and organisation the article gives."""
    people: dict[str, _Found] = {}
    found = [*find_people(article, split), *interview_speakers(article, split), *introduced_speakers(article, split)]
    english = english_quoted(article, split)
    for name, title, ref in [*found, *english]:
        entry = people.setdefault(name, _Found("person", [], [], []))
        entry.titles = _unique([*entry.titles, title])
        named = title_organisations(title, organisations) if not title.isascii() else [title_organisation(title)]
        entry.organisations = _unique([*entry.organisations, *named])
        if ref not in entry.mentions:
            entry.mentions.append(ref)
    for name, entry in people.items():
        for ref in _mentions(article.slug, split, name):
            if ref not in entry.mentions and len(entry.mentions) < MAX_MENTIONS:
                entry.mentions.append(ref)
    return people


def _organisations(
    article: Article, split: Split, tokens: TokenizedArticle, organisations: Sequence[str], from_titles: list[str],
    places: Sequence[str],
) -> dict[str, _Found]:
    """Listed organisations (jieba keeps them whole, so they are tokens), names
    with an organisation's suffix (a government body's after a place among
    `places`), and organisations named in people's titles."""
    words = {p.anchor: p for p in tokens.paragraphs}
    known = frozenset(organisations)
    candidates = list(from_titles)
    for paragraph, _ in split:
        paragraph_words = words.get(paragraph.anchor)
        if paragraph_words is None:
            candidates.extend(find_suffix_organisations(paragraph.text, (), places=places))
            continue
        candidates.extend(filter(known.__contains__, paragraph_words.words))
        candidates.extend(investors_and_quoted_companies(paragraph.text))
        if has_latin_words(paragraph.text):
            candidates.extend(english_organisations(paragraph.text))
        candidates.extend(find_suffix_organisations(
            paragraph.text, paragraph_words.words, paragraph_words.positions(paragraph.text), places
        ))
    found: dict[str, _Found] = {}
    for name in _short_names(_standalone(candidates, article.title + "\n" + article.text)):
        mentions = _mentions(article.slug, split, name)
        if mentions:
            found[name] = _Found("org", [], [], mentions)
    return found


def _short_names(names: list[str]) -> list[str]:
    """The names without a company's full name whose short name is among them:
    `软银` and `软银集团` are one company, and the short name's mentions hold
    every sentence naming the full one."""
    named = set(names)
    return [name for name in names
            if not any(name.endswith(form) and name[: -len(form)] in named for form in COMPANY_FORMS)]


def extract_entities(
    article: Article,
    tokens: TokenizedArticle,
    organisations: Sequence[str],
    places: Sequence[str] = (),
) -> list[Entity]:
    """People (with titles and organisations) and organisations of one article;
    `places` are the names of the places it mentions, as written.

    Each name appears once per article; assemble merges the same name across
    articles into one entity page. A name found as a person is never also an
    organisation.
    """
    split = split_article(article)
    people = _people(article, split, organisations)
    from_titles = [org for person in people.values() for org in person.organisations]
    orgs = _organisations(article, split, tokens, organisations, from_titles, places)
    found = {**orgs, **people}
    return [
        Entity(name, entry.kind, entry.titles, entry.organisations, entry.mentions)
        for name, entry in sorted(found.items(), key=lambda item: (item[1].kind, item[0]))
    ]
