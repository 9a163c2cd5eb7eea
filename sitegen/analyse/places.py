"""Where an article's event happened, and which places it mentions.

Places are found on the article's jieba tokens, never by substring search, so
`京东` (a company) never reads as 北京; the tokenizer knows every gazetteer name as
a user word, so names come out whole. A token also matches with an administrative
suffix (`天津市`, `浙江省`, `安丘市`, `天津港`) or a descriptor in front (`首都北京`).
jieba keeps some longer names whole; such a compound that starts with a place
name mentions that place when it is an organisation or a place itself (jieba tags
`nt`/`ns`, or the taxonomy's organisation list): `香港特区政府`, `深圳市政府`,
`美国市场`, and `英国伦敦` names London. Any other compound is not the place:
`长治久安` is an idiom, `山东快书` an art form, and a street named after a city
(`南京路`, `南京东路`) is not that city.

Each mention is then judged by the words around it, read on the paragraph text
with every place replaced by one marker character:

- venue: `在南京举行`, `于香港举行`, `在山东潍坊安丘市…举办`, `上海举办`, `落户X`,
  `在…乌镇峰会上` say where the event took place (strongest);
- title: a place in the article's title;
- dateline: `新华社杭州 11 月 21 日电`, `（记者 张三 北京报道）` say where the
  reporter filed;
- event name: `乌镇峰会`, `中关村论坛` name an event after its place;
- lead: the one place the first sentence of the body names, where news says
  what happened and where (`数字政策办公室今日发布《香港生成式人工智能技术及应用指引》`),
  so a release naming its place only there is placed;
- mention: any other mention;
- relation: `毗邻首都北京`, `与X合作`, `来自X`, `以X为代表` describe a relation to X
  and are no evidence at all that the event happened there;
- next: `下一届峰会将在印度举办` names the venue of another edition: a mention;
- earlier: `此前，11月在迪拜举行的峰会上` names the venue of an earlier event: a mention.

A region's evidence is the sum over sentences of its strongest kind in each
sentence; a mention also supports every place above it. The primary region is
found by walking down the hierarchy from the root: step into the child that
dominates its siblings (or alone holds a venue) and carries enough weight
against the current place's own evidence, stop when none does. So an article stays at Zhejiang when Zhejiang is
all it supports, and reaches Wuzhen when the venue is Wuzhen.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress
from operator import itemgetter

import jieba

from sitegen.analyse.events import FIELD_LINE
from sitegen.analyse.tokens import TokenizedArticle, dictionary_tags
from sitegen.model import CELL_SEPARATOR, Article, Event, PlaceMention, table_header
from sitegen.read.bylines import parse_release_dateline
from sitegen.taxonomy import Taxonomy

# Two English words in a row: text that may name places in English.
_ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")
# Evidence weights by kind of mention.
VENUE = 8.0
TITLE = 4.0
DATELINE = 3.0
EVENT = 3.0
LEAD = 2.0  # the first sentence of the body: news says where first (`…今日发布《香港…指引》`)
MENTION = 1.0
RELATION = 0.0
WEIGHTS = {
    "venue": VENUE,
    "title": TITLE,
    "dateline": DATELINE,
    "event": EVENT,
    "lead": LEAD,
    "mention": MENTION,
    "relation": RELATION,
    "next": MENTION,
    "earlier": MENTION,
}

MIN_EVIDENCE = 2.0  # less than one title, a lead or two sentences is no primary region
DOMINANCE = 2.0  # the child stepped into has at least twice the next sibling's evidence
SHARE = 1.0  # ... and at least as much as the place stepped from has on its own
CANDIDATE_CHARS = 400  # how much text from the start is read for place candidates

# Administrative and geographic suffixes a token may carry after a name, longest first.
SUFFIXES = tuple(
    sorted(
        ("特别行政区", "自治区", "自治州", "特区", "新区", "地区", "林区",
         "省", "市", "区", "县", "镇", "州", "盟", "港", "湾", "人"),
        key=len,
        reverse=True,
    )
)
# Words in front of a name inside one token (`首都北京`) that do not change the place.
DESCRIPTORS = ("首都", "省会", "首府", "中国", "祖国")
# How a currency's name ends (`澳门元`, `新台币`): jieba tags some as places.
CURRENCY_ENDINGS = ("元", "币")
# jieba tags of compounds that mention the place they start with: organisation, place.
COMPOUND_TAGS = frozenset({"nt", "ns"})
# Endings of street names: a street named after a city is not in that city.
STREET_ENDINGS = ("路", "街", "道", "巷", "胡同")

PLACE = "\ue000"  # stands for one mention in the shape of a text
_HEAD = itemgetter(slice(0, 2))  # a token's first two characters
_P = PLACE
_STOP = r"，。；！？!?;,：:\n"  # clause boundaries; `、` is not one: `向中国、向天津学习`
_GAP = rf"[^{_STOP}{_P}]"
_RUN = rf"{_P}(?:(?:[\s、和与及的]|省会|首府|首都)*{_P})*"
_EVENT_NOUNS = (
    r"(?:峰会|论坛|大会|博览会|展览会|展会|年会|会议|交易会|洽谈会|发布会|研讨会|开幕式|嘉年华)"
)
_VENUE_VERBS = (
    r"(?:举行|举办|召开|开幕|闭幕|开展|揭牌|揭幕|启幕|启动|开启|落幕|拉开帷幕|开园|发布|亮相|落户|落地|成立"
    r"|签署|签约|签订)"
)
_NUM = r"(?:\d{1,2}|[〇一二三四五六七八九十]{1,3})"

# `在南京举行`, `于2025年5月8日在山东潍坊安丘市青云国际大酒店举办`, `在深圳盛大开幕`
_VENUE_PHRASE = re.compile(rf"(?:在|于){_GAP}{{0,4}}?(?P<run>{_RUN}){_GAP}{{0,12}}?{_VENUE_VERBS}")
# `上海举办…大会`, `深圳承办`: the place hosts
_HOST = re.compile(rf"(?P<run>{_RUN})\s*(?:举办|举行|召开|主办|承办)")
# `落户香港科学园`, `首落香港`, `齐聚津门`: the event or company moves into the place
_ARRIVAL = re.compile(rf"(?:落户|落地|首落|花落|落子|移师|齐聚|汇聚|相聚|聚首)(?P<run>{_RUN})")
# `总部位于上海张江`, `坐落于苏州工业园区`, `扎根深圳`: where the company is based
_BASED = re.compile(rf"(?:总部(?:位于|设在|设于|在)|坐落于|扎根|立足于?)\s*(?P<run>{_RUN})")
# `在 2024 年世界互联网大会乌镇峰会上发布`: at an event named after its place
_AT_EVENT = re.compile(
    rf"(?:在|于)[^{_STOP}]{{0,24}}?(?P<run>{_P})\s*{_EVENT_NOUNS}{_GAP}{{0,12}}?(?:上|期间|现场)"
)
_VENUE_LABEL = re.compile(rf"(?:举办地点?|举行地点|会址|地点)(?:\*\*|__)?[为是在：:\s]{{0,3}}(?P<run>{_RUN})")  # `**地点**：`
# `乌镇峰会`, and a place in brackets inside the name: `2026中国（济南）人工智能产业博览会`
_EVENT_NAME = re.compile(rf"(?P<run>{_P})(?:\s*|(?<=[（(]{_P})[)）]{_GAP}{{0,10}}?){_EVENT_NOUNS}")
_DATELINE = re.compile(rf"(?P<run>{_P})\s*{_NUM}\s*月\s*{_NUM}\s*日\s*[电讯]")
# `（记者 张三 北京报道）`: the byline names where the reporter filed
_BYLINE_PLACE = re.compile(rf"记者[^{_STOP}{_P}]{{0,16}}?(?P<run>{_P})\s*报道")
# Relations: the place is a neighbour, partner, origin, yardstick or example.
_RELATION_CUE = re.compile(
    rf"(?:毗邻|邻近|紧邻|紧靠|靠近|临近|相邻|比邻|距离|来自|源自|对标|比肩|媲美|不同于|有别于"
    rf"|辐射|面向|出口到|销往|远销|联通|连接|连通|对接|接轨|借鉴|赶超|超越|堪比|相比)"
    rf"(?:首都|省会|首府)?(?P<run>{_RUN})"
)
# (A partner named after its place, `与香港科技园公司签署合作备忘录`, is an
# organisation: the place stays a plain mention, whether jieba cut the name in
# two or kept it one token.)
_PARTNER_ORGANISATION = (
    "公司|集团|大学|学院|研究院|研究所|实验室|中心|政府|银行|协会|医院|机构|企业|科技园"
)
_ORGANISATION_NAME = re.compile(rf"(?:{_PARTNER_ORGANISATION})$")
_RELATION_PARTNER = re.compile(
    rf"(?:与|和|同|跟|向)(?P<run>{_P})(?:(?!{_PARTNER_ORGANISATION})[^{_STOP}]){{0,12}}?"
    rf"(?:合作|交流|学习|携手|联合|对接|往来|互动|接轨|协同|联动|握手|看齐|借鉴|相比|竞争)"
)
_RELATION_EXAMPLE = re.compile(rf"以(?P<run>{_RUN})为(?:代表|例|首|榜样|标杆)")
# `联合青岛举办`, `携手深圳`: a partner in what the subject does, not where it happens
_RELATION_JOINT = re.compile(rf"(?:联合|携手|会同|连同)(?P<run>{_RUN})")
# `下一届人工智能峰会将在印度举办`: the venue of the next edition, not of this one;
# so are the venues of events planned (`计划于明年在深圳举办`), listed to come
# (`将分别于3月、6月在上海、深圳举办`) or held every year (a plan's `每年在东湖高新区发布…场景`)
_NEXT_VENUE = re.compile(
    rf"(?:下一?届|下一?次|下一?轮|明年|后年|每年|将分别|分别将|计划于|计划在|拟于|拟在)[^{_STOP}]{{0,20}}?(?:在|于)?{_GAP}{{0,4}}?(?P<run>{_RUN})"
    rf"{_GAP}{{0,12}}?{_VENUE_VERBS}"
)
# `此前，11月在迪拜举行的峰会上`: the venue of something that happened before
_EARLIER_VENUE = re.compile(
    rf"(?:此前|早在|去年|前年|上月|上周|曾经|曾)[，,]?[^{_STOP}]{{0,20}}?(?:在|于){_GAP}{{0,4}}?(?P<run>{_RUN})"
    rf"{_GAP}{{0,12}}?{_VENUE_VERBS}"
)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_VENUE_PHRASE, "venue"),
    (_HOST, "venue"),
    (_ARRIVAL, "venue"),
    (_BASED, "venue"),
    (_AT_EVENT, "venue"),
    (_VENUE_LABEL, "venue"),
    (_EVENT_NAME, "event"),
    (_DATELINE, "dateline"),
    (_BYLINE_PLACE, "dateline"),
    (_RELATION_CUE, "relation"),
    (_RELATION_PARTNER, "partner"),  # a relation, unless the partner is an organisation
    (_RELATION_EXAMPLE, "relation"),
    (_RELATION_JOINT, "partner"),
    (_NEXT_VENUE, "next"),
    (_EARLIER_VENUE, "earlier"),
)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


@dataclass
class _Mention:
    region: str
    surface: str
    segment: int  # 0 = title, n = paragraph n
    sentence: int  # numbered across the whole article
    order: int  # position in the article, for stable ordering
    kind: str
    start: int  # where in its title or paragraph


@dataclass
class PlaceFacts:
    """The places of one article: where it happened, what it mentions, what jieba
    thinks is a place but the gazetteer does not know (for a human to add), and
    every mention with its kind, for `place_events`."""

    primary_region: str | None
    places: list[PlaceMention]
    candidates: list[str]
    mentions: list[_Mention] = field(default_factory=list)


def locate(
    article: Article, tokens: TokenizedArticle, taxonomy: Taxonomy, tokenizer: jieba.Tokenizer
) -> PlaceFacts:
    """Primary region, mentioned places and place candidates of one article.

    A pure function of its arguments: the same article and taxonomy always give
    the same facts, so the result can be cached by content.
    """
    gazetteer = _gazetteer(taxonomy, tokenizer)
    mentions = _mentions(article, tokens, gazetteer)
    evidence = _evidence(mentions, taxonomy)
    venues = {m.region for m in mentions if m.kind == "venue"}
    return PlaceFacts(
        primary_region=declared_region(article.regions, taxonomy)
        or _narrowed_by_issuer(_primary(evidence, venues, taxonomy), _issuer_region(article, gazetteer), mentions,
                               taxonomy),
        places=_place_list(mentions, article),
        candidates=[c for c in _candidates(tokens, gazetteer) if not any(c in name for name in article.authors)],
        mentions=mentions,
    )


# A government body issuing a notice (`杭州市经济和信息化局`, `广东省人民政府办公厅`)
# opens its name with its place: where the notice applies, when its text names no
# narrower place (`_narrowed_by_issuer`).
_GOVERNMENT_BODY = re.compile(r"(?:政府|办公厅|办公室|局|厅|委员会|委)$")


def _narrowed_by_issuer(
    primary: str | None, issuer: str | None, mentions: list[_Mention], taxonomy: Taxonomy,
) -> str | None:
    """The issuer's place when the text names none, or names it (or places in it)
    without settling on a place inside it (a Macao bureau's release naming Macao,
    Hengqin and Zhuhai stops at China); else the text's own."""
    if issuer is None:
        return primary
    if primary is None:
        return issuer
    named = any(m.region == issuer or issuer in taxonomy.ancestors(m.region) for m in mentions)
    return issuer if named and primary in taxonomy.ancestors(issuer) else primary


def _issuer_region(article: Article, gazetteer: _Gazetteer) -> str | None:
    for name in (article.publisher, *(source.publisher for source in article.sources)):
        if name and _GOVERNMENT_BODY.search(name):
            region = _place_in_front(name, gazetteer.index)
            if region is not None:
                return region
    return None


def _place_in_front(name: str, index: dict[str, str]) -> str | None:
    """The place a name opens with (`杭州市经济和信息化局`, `西安曲江国际会议中心`), the longest."""
    for length in range(min(len(name) - 1, 8), 1, -1):
        region = _resolve_suffixed(name[:length], index)
        if region is not None:
            return region
    return None


def declared_region(names: list[str], taxonomy: Taxonomy) -> str | None:
    """The first place the source's metadata names (`region: 深圳`, an id such as
    `shenzhen`, an English name, or a venue opening with its city: `西安曲江国际
    会议中心`) that the gazetteer knows: the source knows better than the
    evidence of its text."""
    for name in names:
        found = name if name in taxonomy.regions else resolve(name, taxonomy) or _english_region(name, taxonomy)
        if found is not None:
            return found
    index = _name_index(taxonomy)
    for name in names:
        found = _place_in_front(name.strip(), index)
        if found is not None:
            return found
    return None


def _english_region(name: str, taxonomy: Taxonomy) -> str | None:
    folded = name.strip().casefold()
    return next((region.id for region in taxonomy.regions.values() if region.name_en.casefold() == folded), None)


def place_events(events: list[Event], article: Article, facts: PlaceFacts, taxonomy: Taxonomy) -> list[Event]:
    """Events with the place their own sentence says they happened in.

    A dated fact in an article about Shenzhen may have happened anywhere, so it
    takes no region from the article; but `11月19日至22日，…交易会在深圳国际会展中心举办`
    says where. The sentence's venue counts (its most specific, as for the
    article), else the places it mentions when they lie on one line of the
    region tree (`广东深圳` is Shenzhen); places named only in relation to
    something (`来自北京的企业`), or unrelated to each other, leave it unplaced.
    """
    segments = {paragraph.anchor: number for number, paragraph in enumerate(article.paragraphs, 1)}
    return [_placed(event, article, segments, facts.mentions, taxonomy) for event in events]


def _placed(
    event: Event, article: Article, segments: dict[str, int], mentions: list[_Mention], taxonomy: Taxonomy,
) -> Event:
    """A secondary event at its sentence's region; a primary one too, where its
    sentence names a place off the article's line (a weekly digest's lead item
    in Shanghai, in a digest placed at Hangzhou by its strongest venue)."""
    if event.sentence is None or (event.kind == "secondary" and event.region is not None):
        return event
    if event.kind == "secondary":
        return replace(event, region=_event_region(event, article, segments, mentions, taxonomy))
    # Where the reporter filed (`新华社杭州…电`) says nothing about where the primary event was.
    own = _event_region(event, article, segments, [m for m in mentions if m.kind != "dateline"], taxonomy)
    if own is not None and not _one_line(own, event.region, taxonomy):
        return replace(event, region=own)
    return event


def _one_line(region: str, other: str | None, taxonomy: Taxonomy) -> bool:
    """Whether one region lies inside the other (or they are the same)."""
    return other is not None and (
        region == other or other in _ancestors(taxonomy, region) or region in _ancestors(taxonomy, other)
    )


def _event_region(
    event: Event, article: Article, segments: dict[str, int], mentions: list[_Mention], taxonomy: Taxonomy,
) -> str | None:
    """The region the event's sentence names, found by where the sentence stands;
    else, for a dated fact, the region its own clause names (`…位於美國亞利桑那州
    的第二座晶圓廠預計2027年投產，日本熊本第二廠則…`: the sentence names two
    countries, the fact's clause one)."""
    segment = segments.get(event.sentence.paragraph)
    if segment is None:
        return None
    text = article.paragraphs[segment - 1].text
    start = text.find(event.sentence.text)
    if start < 0:
        return None
    clause = text.find(event.title, start, start + len(event.sentence.text)) if event.kind == "secondary" else -1
    if CELL_SEPARATOR in text and clause >= 0:
        # a table row: its event's own cell or its place column says where, not a speaker's cell
        own = _sentence_region(mentions, segment, clause, clause + len(event.title), taxonomy)
        place = _place_cell(article, segment)
        return own or (place and _sentence_region(mentions, segment, *place, taxonomy)) or _venue_field(
            article, mentions, taxonomy)
    region = _sentence_region(mentions, segment, start, start + len(event.sentence.text), taxonomy)
    if region is None and clause >= 0:
        region = _sentence_region(mentions, segment, clause, clause + len(event.title), taxonomy)
    if region is None and article.paragraphs[segment - 1].kind == "heading":
        region = _field_region(article, segment, mentions, taxonomy)
    return region


_PLACE_HEADER = re.compile(r"城市|地点|地區|地区|国家|國家|省份|区域|所在地|举办地|Location|City|Place", re.IGNORECASE)


def _place_cell(article: Article, segment: int) -> tuple[int, int] | None:
    """(start, end) in row `segment` of the cell under the table's place column
    (`日期 | 城市 | 事件`), by its header; None without one."""
    rows = [paragraph.text for paragraph in article.paragraphs[:segment]]
    header = table_header(rows, segment - 1)
    column = next((index for index, cell in enumerate(header) if _PLACE_HEADER.search(cell)), None)
    cells = rows[-1].split(CELL_SEPARATOR)
    if column is None or column >= len(cells):
        return None
    start = sum(len(cell) + len(CELL_SEPARATOR) for cell in cells[:column])
    return start, start + len(cells[column])


_VENUE_FIELD = re.compile(r"^(?:\*\*|__)?(?:举办地点|举行地点|会议地点|活动地点|地点|会址)(?:\*\*|__)?\s*[：:]")


def _venue_field(article: Article, mentions: list[_Mention], taxonomy: Taxonomy) -> str | None:
    """The place an agenda's venue field names (`地点：泉州海峡体育中心会议厅`), where
    the sessions in its table take place when their rows name none."""
    for number, paragraph in enumerate(article.paragraphs, 1):
        if _VENUE_FIELD.match(paragraph.text):
            return _sentence_region(mentions, number, 0, len(paragraph.text), taxonomy)
    return None


def _field_region(article: Article, segment: int, mentions: list[_Mention], taxonomy: Taxonomy) -> str | None:
    """The region the field lines under an event's heading name (`地点：上海世博中心`):
    a schedule says where each event takes place in its fields, not in a sentence."""
    for number in range(segment + 1, len(article.paragraphs) + 1):
        text = article.paragraphs[number - 1].text
        if not FIELD_LINE.match(text):
            return None
        region = _sentence_region(mentions, number, 0, len(text), taxonomy)
        if region is not None:
            return region
    return None


def _sentence_region(mentions: list[_Mention], segment: int, start: int, end: int, taxonomy: Taxonomy) -> str | None:
    inside = [m for m in mentions if m.segment == segment and start <= m.start < end and m.kind not in ("relation", "next")]
    venues = [m.region for m in inside if m.kind == "venue"]
    regions = set(venues or [m.region for m in inside])
    deepest = [region for region in regions if not any(region in _ancestors(taxonomy, other) for other in regions)]
    return deepest[0] if len(deepest) == 1 else None


# --------------------------------------------------------------------------- names


@lru_cache(maxsize=4)
def _name_index(taxonomy: Taxonomy) -> dict[str, str]:
    """Every name and alias of two characters or more -> region id.

    The world is the root of the tree, not a place events happen in, so its
    name (`世界`) is never matched.
    """
    index: dict[str, str] = {}
    for region in taxonomy.regions.values():
        if region.level == "world":
            continue
        for name in (region.name, *region.aliases):
            if len(name) > 1:
                index.setdefault(name, region.id)
    return index


def resolve(token: str, taxonomy: Taxonomy) -> str | None:
    """The region a token names, allowing a suffix (`浙江省`) or descriptor (`首都北京`)."""
    index = _name_index(taxonomy)
    found = _resolve_suffixed(token, index)
    if found is not None:
        return found
    for descriptor in DESCRIPTORS:
        if token.startswith(descriptor) and len(token) > len(descriptor) + 1:
            found = _resolve_suffixed(token[len(descriptor):], index)
            if found is not None:
                return found
    return None


def _resolve_suffixed(token: str, index: dict[str, str]) -> str | None:
    if token in index:
        return index[token]
    for suffix in SUFFIXES:
        stem = token[: -len(suffix)]
        if token.endswith(suffix) and len(stem) > 1 and stem in index:
            return index[stem]
    return None


class _Gazetteer:
    """Token lookups for one taxonomy and tokenizer.

    Every token of every article passes through `match`, so it first checks the
    token's first two characters against those of all names (most tokens stop
    there) and remembers its answers: news vocabulary repeats.
    """

    def __init__(self, taxonomy: Taxonomy, tags: Mapping[str, str]) -> None:
        self.taxonomy = taxonomy
        self.index = _name_index(taxonomy)
        self.heads = frozenset(name[:2] for name in (*self.index, *DESCRIPTORS))
        self.tags = tags
        self.place_words = frozenset(word for word, tag in tags.items() if tag == "ns")
        self.organisations = frozenset(taxonomy.organisations)
        self.abbreviations = frozenset(
            region.name[0] for region in taxonomy.regions.values() if region.level in ("country", "continent")
        )
        self.match = lru_cache(maxsize=1 << 16)(self._match)
        self.latin = _latin_names(taxonomy)

    def _match(self, token: str) -> str | None:
        """The place a token mentions, whole or as the start of a compound.

        A compound (`香港特区政府`, `英国伦敦`) counts only when jieba files it as
        an organisation or a place (`nt`/`ns`), or the taxonomy lists it as an
        organisation; it names the more specific place when its rest is one.
        """
        if token[:2] not in self.heads:
            return None
        found = resolve(token, self.taxonomy)
        if found is not None or token.endswith(STREET_ENDINGS):
            return found
        for length in range(len(token) - 2, 1, -1):
            if token[:length] in self.index:
                rest = resolve(token[length:], self.taxonomy)
                if rest is not None:
                    return rest
                if self.tags.get(token) in COMPOUND_TAGS or token in self.organisations:
                    return self.index[token[:length]]
                return None
        return None

    def is_candidate(self, word: str) -> bool:
        """A place name by jieba's dictionary that the gazetteer does not know.

        Known organisations are not places, though jieba tags some `ns` (`京东`),
        pairs of country abbreviations (`中欧`, `中美`) name a relation, and a
        place's currency (`澳门元`, `新台币`) is money.
        """
        return (
            word in self.place_words
            and len(word) > 1
            and word not in self.taxonomy.stopwords
            and word not in self.organisations
            and not word.endswith(CURRENCY_ENDINGS)
            and self.match(word) is None
            and not (len(word) == 2 and set(word) <= self.abbreviations)
        )


def _latin_names(taxonomy: Taxonomy) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every place's English name (`Shenzhen`, `Hong Kong`), whole
    words as written, longest first, and the region each names: English text
    (a wire story, an English quote) names places the way `name_en` does. Two
    places of one English name (Suzhou in Jiangsu and in Anhui) are the one the
    gazetteer lists first, as a Chinese name shared by two is."""
    names: dict[str, str] = {}
    for region in taxonomy.regions.values():
        if region.level != "world" and region.name_en and region.name_en.isascii():
            names.setdefault(region.name_en, region.id)
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![A-Za-z0-9'-])(?:{alternatives})(?![A-Za-z0-9'-])"), names


@lru_cache(maxsize=4)
def _gazetteer(taxonomy: Taxonomy, tokenizer: jieba.Tokenizer) -> _Gazetteer:
    """One per taxonomy and tokenizer, with the dictionary's place and
    organisation tags (`dictionary_tags`: no part-of-speech tagger is loaded)."""
    return _Gazetteer(taxonomy, dictionary_tags(tokenizer, COMPOUND_TAGS))


# --------------------------------------------------------------------------- mentions


def _mentions(article: Article, tokens: TokenizedArticle, gazetteer: _Gazetteer) -> list[_Mention]:
    segments = [(article.title, tokens.title, tokens.title_positions(article.title))]
    segments += [(p.text, t.words, t.positions(p.text)) for p, t in zip(article.paragraphs, tokens.paragraphs)]
    mentions: list[_Mention] = []
    sentence_base = 0
    for number, (text, words, offsets) in enumerate(segments):
        spans = _located_tokens(words, offsets, gazetteer)
        dateline = None
        if _ENGLISH_WORDS.search(text):
            pattern, names = gazetteer.latin
            spans += [(m.start(), m.end(), names[m[0]]) for m in pattern.finditer(text)]
            dateline = _english_dateline_place(text, names) if number > 0 else None
            spans = sorted(spans + [dateline] if dateline else spans)
        if spans:
            judged = _judge(text, spans, number, sentence_base, len(mentions), gazetteer.taxonomy)
            for mention in judged:
                if dateline and mention.start == dateline[0]:
                    mention.kind = "dateline"
            mentions.extend(judged)
        sentence_base += len(_SENTENCE_END.findall(text)) + 1
    return mentions


def _english_dateline_place(text: str, names: Mapping[str, str]) -> tuple[int, int, str] | None:
    """(start, end, region) of the place an English wire's dateline names in
    capitals (`PARIS —`, `SINGAPORE, 12 March 2025 —`), if the gazetteer knows it."""
    dateline = parse_release_dateline(text)
    place = dateline[0].get("place", "") if dateline else ""
    region = names.get(place) if place.isascii() else None
    return (0, len(place), region) if region and text.upper().startswith(place.upper()) else None


def _located_tokens(
    words: tuple[str, ...], offsets: tuple[int, ...], gazetteer: _Gazetteer
) -> list[tuple[int, int, str]]:
    """(start, end, region) of each token that names a place, in text order.

    Most tokens share their first two characters with no name at all: one set
    lookup each, in C (`map`, `compress`), settles them before the (memoised)
    `match`.
    """
    possible = compress(range(len(words)), map(gazetteer.heads.__contains__, map(_HEAD, words)))
    spans = []
    for index in possible:
        word, start = words[index], offsets[index]
        if start >= 0:
            region = gazetteer.match(word)
            if region is not None:
                spans.append((start, start + len(word), region))
    return spans


def _shape(text: str, spans: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """`text` with every mention replaced by one PLACE character, and where each went."""
    pieces: list[str] = []
    where: list[int] = []
    length, last = 0, 0
    for start, end, _ in spans:
        pieces.append(text[last:start])
        length += start - last
        where.append(length)
        pieces.append(PLACE)
        length += 1
        last = end
    pieces.append(text[last:])
    return "".join(pieces), where


def _judge(
    text: str, spans: list[tuple[int, int, str]], segment: int, sentence_base: int, order: int, taxonomy: Taxonomy,
) -> list[_Mention]:
    """The kind of each mention in one title or paragraph, from the words around it."""
    shape, where = _shape(text, spans)
    at = {position: number for number, position in enumerate(where)}
    found: list[set[str]] = [set() for _ in spans]
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(shape):
            start, end = match.span("run")
            for position in range(start, end):
                if position in at:
                    found[at[position]].add(kind)
    ends = [m.start() for m in _SENTENCE_END.finditer(shape)]
    in_segment = [bisect.bisect_left(ends, position) for position in where]
    for (start, end, _), kinds in zip(spans, found):
        if "partner" in kinds:
            kinds.discard("partner")
            if not _ORGANISATION_NAME.search(text[start:end]):
                kinds.add("relation")
    overridden = [[k for k in ("relation", "next", "earlier") if k in kinds] for kinds in found]
    lead = _lead_region(spans, overridden, in_segment, taxonomy) if segment == 1 else None
    base_kind = "title" if segment == 0 else "mention"
    mentions = []
    for number, ((start, end, region), kinds) in enumerate(zip(spans, found)):
        overriding = overridden[number]
        base = "lead" if region == lead and in_segment[number] == 0 else base_kind
        kind = overriding[0] if overriding else max(kinds | {base}, key=WEIGHTS.__getitem__)
        sentence = sentence_base + in_segment[number]
        mentions.append(_Mention(region, text[start:end], segment, sentence, order + number, kind, start))
    return mentions


def _lead_region(
    spans: list[tuple[int, int, str]], overridden: list[list[str]], in_segment: list[int], taxonomy: Taxonomy,
) -> str | None:
    """The one place the body's first sentence names (a partner or another
    edition's venue aside), a place within a place counting as the inner one
    (`上海临港` is Lingang); None when it names several (`北京、上海、深圳三地`)
    or none."""
    named = {region for (_, _, region), overriding, sentence in zip(spans, overridden, in_segment)
             if sentence == 0 and not overriding}
    named -= {ancestor for region in named for ancestor in taxonomy.ancestors(region)}
    return named.pop() if len(named) == 1 else None


# --------------------------------------------------------------------------- evidence


def _evidence(mentions: list[_Mention], taxonomy: Taxonomy) -> dict[str, float]:
    """Direct evidence per region: per sentence its strongest kind, summed over sentences."""
    _refine_venues(mentions, taxonomy)
    best: dict[tuple[str, int], float] = {}
    for mention in mentions:
        key = (mention.region, mention.sentence)
        best[key] = max(best.get(key, 0.0), WEIGHTS[mention.kind])
    evidence: dict[str, float] = defaultdict(float)
    for (region, _), weight in best.items():
        evidence[region] += weight
    return dict(evidence)


def _refine_venues(mentions: list[_Mention], taxonomy: Taxonomy) -> None:
    """Give a sentence's venue to its most specific place.

    `乌镇峰会在浙江桐乡举行` names the venue twice: Zhejiang and Tongxiang by the
    phrase, Wuzhen by the event's name, and Wuzhen lies inside both. So an event
    name inside the venue becomes the venue, and a venue with a more specific
    venue in the same sentence counts as an ordinary mention.
    """
    by_sentence: dict[int, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence].append(mention)
    for group in by_sentence.values():
        venues = {m.region for m in group if m.kind == "venue"}
        if not venues:
            continue
        for mention in group:
            if mention.kind == "event" and venues & set(_ancestors(taxonomy, mention.region)):
                mention.kind = "venue"
        venues = {m.region for m in group if m.kind == "venue"}
        inner = {ancestor for region in venues for ancestor in _ancestors(taxonomy, region)}
        for mention in group:
            if mention.kind == "venue" and mention.region in inner:
                mention.kind = "mention"


@lru_cache(maxsize=1 << 12)
def _ancestors(taxonomy: Taxonomy, region: str) -> tuple[str, ...]:
    """`taxonomy.ancestors`, remembered: every mention of every article asks."""
    return tuple(taxonomy.ancestors(region))


@lru_cache(maxsize=4)
def _children(taxonomy: Taxonomy) -> dict[str | None, tuple[str, ...]]:
    """Children of each region; None holds the roots (regions without a known parent)."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for region in taxonomy.regions.values():
        parent = region.parent if region.parent in taxonomy.regions else None
        children[parent].append(region.id)
    return {parent: tuple(ids) for parent, ids in children.items()}


def _primary(evidence: dict[str, float], venues: set[str], taxonomy: Taxonomy) -> str | None:
    """Walk down from the root while one child clearly holds the evidence.

    A child holds it when it has twice the evidence of any sibling, or when it
    is the only one with a venue inside (an area like 粤港澳大湾区 may be named
    more often than the city where the event took place), and in either case at
    least as much as the current place has on its own.
    """
    total: dict[str, float] = defaultdict(float)
    for region, weight in evidence.items():
        if weight <= 0:
            continue
        total[region] += weight
        for ancestor in _ancestors(taxonomy, region):
            total[ancestor] += weight
    hosting = venues | {ancestor for venue in venues for ancestor in _ancestors(taxonomy, venue)}
    children = _children(taxonomy)
    node: str | None = None
    while True:
        ranked = sorted(
            (child for child in children.get(node, ()) if total.get(child, 0.0) > 0),
            key=lambda child: (-total[child], child),
        )
        if not ranked:
            break
        best, rivals = ranked[0], ranked[1:]
        own = evidence.get(node, 0.0) if node is not None else 0.0
        dominant = not rivals or total[best] >= DOMINANCE * total[rivals[0]]
        only_venue = best in hosting and not hosting.intersection(rivals)
        if not (dominant or only_venue) or total[best] < SHARE * own:
            break
        node = best
    if node is None or taxonomy.regions[node].level == "world" or total[node] < MIN_EVIDENCE:
        return None
    return node


def _place_list(mentions: list[_Mention], article: Article) -> list[PlaceMention]:
    """One PlaceMention per region: most mentioned first, then by first appearance."""
    anchors = [p.anchor for p in article.paragraphs]
    grouped: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.region].append(mention)
    places = []
    for region, group in grouped.items():
        paragraphs = sorted({m.segment for m in group if m.segment > 0})
        places.append(
            PlaceMention(
                region=region,
                name=group[0].surface,
                count=len(group),
                paragraphs=[anchors[segment - 1] for segment in paragraphs],
            )
        )
    first = {region: group[0].order for region, group in grouped.items()}
    places.sort(key=lambda place: (-place.count, first[place.region]))
    return places


# --------------------------------------------------------------------------- candidates


def _candidates(tokens: TokenizedArticle, gazetteer: _Gazetteer) -> list[str]:
    """Words of the title and opening paragraphs that jieba's dictionary tags
    as place names (`ns`) and the gazetteer does not know (`locate` drops
    pieces of the reporters' names: `徐永春` holds `永春`).

    A word jieba did not know (cut by its HMM) is no candidate: tagging such
    words needs jieba's part-of-speech model, and what it calls a place there
    is mostly a person's or a company's name (`彭洋`, `星海`).
    """
    words = list(tokens.title)
    length = 0
    for paragraph in tokens.paragraphs:
        if length >= CANDIDATE_CHARS:
            break
        words.extend(paragraph.words)
        length += sum(map(len, paragraph.words))
    return list(filter(gazetteer.is_candidate, filter(gazetteer.place_words.__contains__, dict.fromkeys(words))))
