"""The words around news text: credits, speakers, datelines and photo captions.

Each parser accepts a line only when the whole line has that shape, so a
sentence that merely mentions a reporter is never taken for a credit.
Byline meta keys (read by normalise):
  credit   role=credit, label, publisher?, authors?, editors?, proofreaders?,
           reviewers?, photographers?, photos? (who supplied the pictures)
  source   role=source, publisher?, date?, authors?, editors? (`来源：… 2025-04-10`,
           `安徽日报 2025-04-18 09:12`)
  speaker  role=speaker, name, title
  dateline role=dateline, publisher, place, date? (`新华社杭州 11 月 21 日电`)
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitegen.chinese.dates import EN_MONTH
from sitegen.chinese.script import to_simplified
from sitegen.chinese.text import fold_alphanumerics
from sitegen.read.base import compile_any, load_lines, load_toml
from sitegen.read.text import HAN

_HAN_CHAR = re.compile(f"[{HAN}]")
_NAME = rf"(?:[{HAN}]{{1,8}}·[{HAN}·]{{1,16}}|[{HAN}]{{2,4}}|[A-Z][A-Za-z.'-]{{1,24}})"
_SEPARATOR = r"[\s、，,／/]+"


@lru_cache(maxsize=None)
def _credit_re() -> re.Pattern[str]:
    labels = sorted(load_toml("credits.toml")["labels"], key=len, reverse=True)
    label = "|".join(map(re.escape, labels))
    name = rf"(?!(?:{label})(?:[\s:：/|｜]|$)){_NAME}"
    segment = rf"(?P<label>{label})\s*(?:[:：/|｜]\s*)?(?P<names>{name}(?:{_SEPARATOR}{name})*)"
    return re.compile(rf"(?P<publisher>[{HAN}A-Za-z]{{0,10}}?){segment}")


def parse_credit(line: str) -> dict[str, str] | None:
    """`新京报记者 周怀宗` -> {role: credit, label: 记者, publisher: 新京报, authors: 周怀宗};
    a date after the names is the piece's (`記者林宗輝／台北報導　2025年10月16日`)."""
    text = line.strip().strip("()（）[]【】")
    photos = _photo_source(text)
    if photos:
        return {"role": "credit", "label": "图片", "photos": photos}
    if not _HAN_CHAR.search(text):
        return _english_credit(text)
    keys = load_toml("credits.toml")["labels"]
    meta: dict[str, str] = {"role": "credit"}
    dated = _TRAILING_DATE.search(text)
    if dated and dated.start() > 0:
        text, meta["date"] = text[: dated.start()].rstrip(), dated.group().strip()
    text = _without_filed_from(text)
    labels: list[str] = []
    position = 0
    pattern = _credit_re()
    while position < len(text):
        match = pattern.match(text, position)
        if not match or (match.group("publisher") and labels):
            return None
        if match.group("publisher"):
            meta["publisher"] = match.group("publisher")
        labels.append(match.group("label"))
        key = keys[match.group("label")]
        found = [n for n in re.split(_SEPARATOR, match.group("names")) if n]
        names = " ".join(n for i, n in enumerate(found) if i == 0 or not is_filed_from(n))  # a place after a name
        meta[key] = f"{meta[key]} {names}" if key in meta else names
        position = match.end()
        while position < len(text) and text[position] in " \t\u3000":
            position += 1
    if not labels:
        return None
    meta["label"] = " ".join(labels)
    return meta


_LAST_SEPARATOR = re.compile(rf"{_SEPARATOR}(?=[^\s、，,／/]+$)")


def _without_filed_from(text: str) -> str:
    """The credit without where it was filed from at its end (`記者鍾泓良／台北即時報導`),
    which may be longer than any name."""
    last = _LAST_SEPARATOR.search(text)
    return text[: last.start()] if last and is_filed_from(text[last.end() :]) else text


# `Reporting by Jane Tan; Editing by Mark Lee`, `By Jane Tan and Li Wei`: an English
# credit, each role's names after `by`.
_ENGLISH_ROLES = {"reporting": "authors", "writing": "authors", "written": "authors", "by": "authors",
                  "compiled": "authors", "editing": "editors", "edited": "editors"}
_LATIN_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_ENGLISH_CREDIT = re.compile(
    rf"(?i:additional\s+)?(?P<role>(?i:reporting|writing|written|compiled|editing|edited)(?:\s+and\s+\w+)?\s+by|By)\s+"
    rf"(?P<names>{_LATIN_NAME}(?:\s*(?:,|and|&)\s*{_LATIN_NAME})*)(?:\s+in\s+{_LATIN_NAME})?"
)


def _english_credit(text: str) -> dict[str, str] | None:
    return _english_credit_roles(text) or _english_byline(text)


def _english_credit_roles(text: str) -> dict[str, str] | None:
    meta: dict[str, str] = {"role": "credit"}
    labels = []
    for part in filter(None, (part.strip(" .") for part in text.split(";"))):
        match = _ENGLISH_CREDIT.fullmatch(part)
        if not match:
            return None
        role = match.group("role")
        key = _ENGLISH_ROLES[role.split()[0].lower()]
        names = ", ".join(n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", match.group("names")) if n.strip())
        meta[key] = f"{meta[key]}, {names}" if key in meta else names
        labels.append(role)
    if not labels:
        return None
    meta["label"] = " ".join(labels)
    return meta


_BYLINE_PARTS = re.compile(r"\s*(?:[|·—–,]|--)\s*")


def _english_byline(text: str) -> dict[str, str] | None:
    """`By Claire Dubois, Tech Europe Daily — February 12, 2025`, `By Jane Tan |
    Reuters | Nov 20, 2025`: an English byline with its date; a part after the
    authors whose name ends as a publication's does (`Daily`, `Times`), is a
    wire's or opens with `The` (`The National`) is the publisher."""
    match = _DATED_ENGLISH_BYLINE.fullmatch(text)
    if match is None:
        published = _PUBLISHED_ENGLISH.fullmatch(text)  # `Xinhua | Updated: 2025-07-08 10:21`
        if published is None or not is_english_publication(published["publisher"]):
            return None
        return {"role": "source", "publisher": published["publisher"], "date": published["date"]}
    parts = [part for part in _BYLINE_PARTS.split(match["credit"]) if part]
    names, publisher = [], ""
    for part in parts:
        if not publisher and (is_english_publication(part) or part.startswith("The ")):  # no one's name opens with `The`
            publisher = part
        elif re.fullmatch(_LATIN_NAME, part) and not publisher:
            names.append(part)
        else:
            return None
    if not names:
        return None
    meta = {"role": "credit", "label": "By", "authors": ", ".join(names), "date": match["date"]}
    return meta | ({"publisher": publisher} if publisher else {})


def is_english_publication(name: str) -> bool:
    publications = load_toml("credits.toml")["publications"]
    words = name.split()
    return bool(words) and re.fullmatch(_LATIN_NAME, name) is not None and (
        words[-1] in publications["suffixes"] or name in publications["english_wires"]
    )


@lru_cache(maxsize=None)
def _filed_from() -> re.Pattern[str]:
    return compile_any(load_toml("credits.toml")["filed_from"]["patterns"])


def is_filed_from(word: str) -> bool:
    """`合肥报道`, `发自北京`, `深圳电` after a reporter's name: where they filed
    from, not another name."""
    return bool(_filed_from().fullmatch(word))


@lru_cache(maxsize=None)
def _photo_res() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_toml("credits.toml")["photo_sources"]["patterns"])


def _photo_source(text: str) -> str | None:
    for pattern in _photo_res():
        match = pattern.fullmatch(text)
        if match:
            return match.group("who").strip()
    return None


_DATE = re.compile(
    r"\d{4}(?:[-/.]|\s*年\s*)\d{1,2}(?:[-/.]|\s*月\s*)\d{1,2}(?:\s*日)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?"
    # an official document signs with the date in Chinese numerals: 二〇二四年六月十八日
    r"|[〇○零一二三四五六七八九]{4}\s*年\s*(?:十[一二]?|[一二三四五六七八九])\s*月"
    r"\s*(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
)
_TRAILING_DATE = re.compile(rf"\s(?:{_DATE.pattern})$")
# A monthly or an undated web page gives the month only (`联合早报 2025年3月`);
# next to a publication's name it is still when the piece appeared. Alone on a
# line it is not (a chronology's `2025年3月` heads the events of that month).
_DAY_OR_MONTH = re.compile(rf"{_DATE.pattern}|\d{{4}}\s*年\s*\d{{1,2}}\s*月(?!\s*\d)")
# A page's tools in brackets on the source line: `【字体：大 中 小】`, `[打印]`.
_PAGE_TOOLS = re.compile(r"[【\[][^】\]\n]{0,20}[】\]]")
_SOURCE_VALUE = re.compile(r"[^，,。；;！？!?“”\"]{0,30}")


@lru_cache(maxsize=None)
def _source_key_re() -> re.Pattern[str]:
    keys = sorted(load_toml("credits.toml")["source_keys"], key=len, reverse=True)
    return re.compile(rf"({'|'.join(map(re.escape, keys))})\s*[:：]")


# `时间：… 地点：…` gives when and where an event takes place (a schedule's
# fields), not when a piece appeared.
_VENUE_LABEL = re.compile(r"(?:地点|地址|会场)\s*[:：]")


def parse_source_line(line: str) -> dict[str, str] | None:
    """`来源：深圳特区报 2025-04-10 08:30` -> {role: source, publisher: 深圳特区报,
    date: 2025-04-10 08:30}: only `key：value` pairs and dates, nothing else but
    perhaps the publication's name in front (`襄阳日报　发布时间：…`).

    Keys are looked up in their Simplified form, so a Traditional page's
    `發佈日期：` or `來源：` is read with the same table; values stay as written."""
    text = line.strip()
    if len(text) > 120 or _VENUE_LABEL.search(to_simplified(text)):
        return None
    text = _PAGE_TOOLS.sub(" ", text)
    dates = _DAY_OR_MONTH.findall(text)
    undated = _DAY_OR_MONTH.sub(" ", text)
    labels = list(_source_key_re().finditer(to_simplified(undated)))  # same length: the same offsets
    if not labels:
        return None
    # `襄阳日报　发布时间：…`: the page puts its name, unlabelled, before the fields
    head = undated[: labels[0].start()].strip(" \t\u3000|｜/·")
    named = parse_site_name(head) if head else None
    if head and named is None:
        return None
    keys = load_toml("credits.toml")["source_keys"]
    meta = {"role": "source"}
    ends = [label.start() for label in labels[1:]] + [len(undated)]
    for label, end in zip(labels, ends):
        key, value = label[1], undated[label.end() : end].strip(" \t\u3000|｜/·")
        if not _SOURCE_VALUE.fullmatch(value):
            return None
        if not value or keys[key] == "ignored":
            continue
        if keys[key] == "publisher":
            meta.update(_publisher_and_credit(value))
        else:
            meta[keys[key]] = value
    if dates:
        meta["date"] = dates[0]
    if named and "publisher" not in meta:
        meta["publisher"] = named["publisher"]
    return meta if len(meta) > 1 else None


def _publisher_and_credit(value: str) -> dict[str, str]:
    """`东方资讯网 记者 陈思远` or `东方资讯网记者 陈思远` (two page elements run
    together) -> the publisher, and the credit that follows it."""
    head, _, rest = value.partition(" ")
    credit = parse_credit(rest) if rest else None
    if credit and "publisher" not in credit:
        return {"publisher": head, **_people(credit)}
    credit = parse_credit(value)
    if credit and credit.get("publisher"):
        return {"publisher": credit["publisher"], **_people(credit)}
    return {"publisher": value}


def _people(credit: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in credit.items() if k in ("authors", "editors")}


@lru_cache(maxsize=None)
def _speaker_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    endings = "|".join(map(re.escape, sorted(load_lines("titles.txt"), key=len, reverse=True)))
    title = rf"(?P<title>[^\s，,。；;：:！？!?]{{0,40}}(?:{endings}))"
    name = rf"(?P<name>{_NAME})"
    return (
        re.compile(rf"{title}[\s\u3000]+{name}"),
        re.compile(rf"{name}\s*[（(]{title}[)）]"),
    )


# When a post of this year went up, as a platform shows it: no year (`3月5日 10:32`).
_THIS_YEARS_TIME = r"\d{1,2}\s*月\s*\d{1,2}\s*日\s*\d{1,2}:\d{2}"
# a stamp counted from when the page was seen, which the text does not say: the
# line is still the post's stamp, the post stays undated
_SEEN_TIME = r"(?:昨天|今天|前天|昨日|今日)\s*\d{1,2}:\d{2}|\d{1,2}\s*(?:分钟|小时)前|刚刚"
_WEEKDAY = r"(?:[(（]?(?:星期|周|礼拜)[一二三四五六日天][)）]?)"
ACCOUNT_NAME_CHARS = 20  # a platform account's name, on the line above its post's stamp
# What a news platform puts after an account's name (`深圳商报官方账号`, `IT之家百家号`), or nothing.
_PLATFORM_ACCOUNTS = "官方账号|官方帐号|头条号|百家号|企鹅号|网易号|搜狐号|澎湃号|"


@lru_cache(maxsize=None)
def _masthead_res() -> tuple[re.Pattern[str], ...]:
    suffixes = "|".join(map(re.escape, sorted(load_toml("credits.toml")["publications"]["suffixes"], key=len, reverse=True)))
    # A name may open with a number (`21世纪经济报道`, `36氪`), never be one.
    name = rf"(?P<publisher>(?:\d{{1,4}}(?=[{HAN}]))?[{HAN}A-Za-z·][{HAN}A-Za-z· ]{{0,14}}?(?:{suffixes}))"
    date = rf"(?P<date>{_DAY_OR_MONTH.pattern})"
    gap = r"\s*[|｜·•/]?\s*"
    account = rf"(?P<publisher>[{HAN}A-Za-z0-9·_]{{2,20}})"
    # where the poster was (`IP 属地：北京`), not where anything happened
    poster_at = rf"\s*[·•・|｜]?\s*IP\s*属地\s*[:：]?\s*[{HAN}]{{2,8}}"
    poster_place = rf"(?:{poster_at})?"
    return (
        # a WeChat post: `原创 作者 公众号 2025年10月15日 18:30 广东` (`发表于广东` lately)
        re.compile(
            rf"原创\s+(?:(?P<author>[{HAN}A-Za-z0-9·_]{{2,20}})\s+)?{account}\s+{date}(?:\s+(?:发表于)?[{HAN}]{{2,3}})?"
        ),
        re.compile(rf"{name}{gap}{date}(?:\s*{_WEEKDAY})?"),
        re.compile(rf"{date}(?:\s*{_WEEKDAY})?{gap}{name}"),
        # a platform post's stamp: `2025-04-18 10:21·深圳商报官方账号`, `发布于 2025-03-02 10:21・IP 属地北京`
        re.compile(rf"{date}\s*[·•・]\s*(?P<publisher>[{HAN}A-Za-z0-9_]{{2,20}}?)(?:{_PLATFORM_ACCOUNTS}){poster_place}"),
        re.compile(rf"(?:发布于|发表于|编辑于|更新于)\s*{date}{poster_place}"),
        # a reporter's name over when the piece went up: `林佩仪 发布/2025年8月14日 6:00 AM`
        re.compile(rf"(?P<author>[{HAN}·]{{2,8}})\s*(?:发布|發布|发表|發表)\s*[/／]\s*{date}"),
        re.compile(rf"{date}{poster_at}"),
        # a paper's print edition: `《 人民日报 》（ 2025年11月21日 第 04 版）`, `《经济日报》2025年11月21日 第5版`
        re.compile(rf"《\s*(?P<publisher>[^《》\s][^《》]{{0,18}}?)\s*》\s*[（(]?\s*{date}\s*(?:第\s*)?\d{{1,3}}\s*版\s*[)）]?"),
        # a Weibo post: `2025-3-8 10:21 来自 微博 weibo.com` (the client it was sent from);
        # one of this year shows no year (`3月5日 10:32 来自 iPhone客户端`), a recent one
        # only its day or age (`昨天 21:15 来自 iPhone 15 Pro`)
        re.compile(rf"(?P<date>{_DAY_OR_MONTH.pattern}|{_THIS_YEARS_TIME}|{_SEEN_TIME})\s*来自\s*(?P<client>[^\n]{{1,30}})"),
    )


def parse_masthead(line: str) -> dict[str, str] | None:
    """`安徽日报 2025-04-18 09:12`, `南方日报  2025年6月18日  星期三`, a WeChat
    post's `原创 作者 公众号 2025年10月15日 18:30 广东` or a platform post's
    `2025-04-18 10:21·深圳商报官方账号` -> {role: source, publisher?, date,
    authors?}: a publication's name and a date, alone."""
    text = " ".join(line.split())
    if len(text) > 60:
        return None
    for pattern in _masthead_res():
        match = pattern.fullmatch(text)
        if match:
            found = match.groupdict()
            meta = {"role": "source", "date": found["date"]}
            if found.get("publisher"):
                meta["publisher"] = found["publisher"].strip()
            if found.get("author") and found["author"] != meta.get("publisher"):
                meta["authors"] = found["author"]
            if found.get("client"):
                meta["client"] = found["client"].strip()
            return meta
    return None


@lru_cache(maxsize=None)
def _site_name_re() -> re.Pattern[str]:
    data = load_toml("credits.toml")
    suffixes = "|".join(map(re.escape, sorted(data["publications"]["suffixes"], key=len, reverse=True)))
    return re.compile(
        rf"(?P<publisher>(?!据)[{HAN}][{HAN}·]{{0,10}}?(?:{suffixes}))(?:\s+[A-Z][A-Za-z.&]{{1,12}}){{0,3}}"
    )


def parse_site_name(line: str) -> dict[str, str] | None:
    """`中央社 CNA`, `联合早报`: a publication's name alone on a line (at the top of
    a scraped page, over the headline) -> {role: source, publisher}."""
    match = _site_name_re().fullmatch(" ".join(line.split()))
    return {"role": "source", "publisher": match["publisher"]} if match else None


# with the time it was last updated after it: `2024/10/08 14:32（10/08 16:05 更新）`
_DATE_LINE = re.compile(
    rf"(?P<date>{_DATE.pattern})\s*{_WEEKDAY}?(?:\s*[（(][^（）()]{{0,30}}(?:更新|updated|Updated)[^（）()]{{0,20}}[）)])?"
)


# An official document's number under its title: issuer's abbreviation, year in
# hexagonal (or square) brackets, serial number (`国办发〔2025〕3号`, `京政发[2025]12号`).
_DOCUMENT_NUMBER = re.compile(rf"[{HAN}]{{1,12}}\s*[〔［\[【（(]\s*\d{{4}}\s*[〕］\]】）)]\s*\d{{1,4}}\s*号")


# A listed company's announcement heads its title with its codes:
# `证券代码：688787   证券简称：海天瑞声   公告编号：2025-018`.
_FILING_FIELD = r"(?:证券|股票|债券|證券|股票|債券)(?:代码|简称|代碼|簡稱)|公告编号|公告編號|编号|編號"
_FILING_CODES = re.compile(rf"(?:(?:{_FILING_FIELD})\s*[:：]\s*[^\s:：]{{1,20}}\s*){{2,}}")


def parse_document_number(line: str) -> dict[str, str] | None:
    """`武政办〔2025〕18号`, or a listed company's `证券代码：… 公告编号：…`, alone on a
    line: which document this is, no part of its title."""
    text = line.strip()
    if _DOCUMENT_NUMBER.fullmatch(text) or _FILING_CODES.fullmatch(text):
        return {"role": "number", "number": text}
    return None


def parse_date_line(line: str) -> dict[str, str] | None:
    """`2025年9月20日（星期六）` alone on a line: when the piece appeared."""
    match = _DATE_LINE.fullmatch(line.strip())
    return {"role": "source", "date": match.group("date")} if match else None


@lru_cache(maxsize=None)
def _issuer_re() -> re.Pattern[str]:
    suffixes = "|".join(map(re.escape, sorted(load_toml("credits.toml")["issuers"]["suffixes"], key=len, reverse=True)))
    return re.compile(rf"[{HAN}A-Za-z0-9（）()·]{{2,30}}?(?:{suffixes})")


def is_issuer(line: str) -> bool:
    """A line that is only the name of a body that issues reports or notices."""
    return bool(_issuer_re().fullmatch(line.strip()))


# A periodical's issue under its name: `二〇二四年十二月號`, `2024年12月号`, `2025年第3期`.
_ISSUE_DATE = re.compile(
    rf"(?:{_DAY_OR_MONTH.pattern}|[〇○零一二三四五六七八九]{{4}}\s*年\s*(?:十[一二]?|[一二三四五六七八九])\s*月)"
    r"\s*(?:号|號|刊)?"
)


def parse_issue(issuer: str, date: str) -> dict[str, str] | None:
    """A report's or notice's issuer, or a periodical's name, alone on a line over
    its date alone on the next (`广东省人工智能产业协会` / `2025 年 10 月`,
    `數碼港通訊 Cyberport Newsletter` / `二〇二四年十二月號`) -> {role: source,
    publisher, date}; the month is enough here, as next to a publication's name."""
    name, when = issuer.strip(), date.strip()
    if not (is_issuer(name) or parse_site_name(name)) or not _ISSUE_DATE.fullmatch(when):
        return None
    publisher = name if is_issuer(name) else parse_site_name(name)["publisher"]
    return {"role": "source", "publisher": publisher, "date": re.sub(r"\s*(?:号|號|刊)$", "", when)}


# A release's time of day under its date: `香港時間15時30分`, `澳門時間 18時`.
_TIME_STAMP = re.compile(r"(?:香港|澳門|澳门|北京)?(?:時間|时间)\s*\d{1,2}\s*[時时点點]\s*(?:\d{1,2}\s*分)?")


def is_time_stamp(line: str) -> bool:
    return bool(_TIME_STAMP.fullmatch(line.strip()))


def parse_byline(line: str) -> dict[str, str] | None:
    """Meta of a credit, source, masthead or date line, None for any other line
    (read with full-width digits and wide spaces as ASCII: `２０２５年１１月２０日　来源：…`)."""
    line = fold_alphanumerics(line).replace("\u3000", " ")
    return (
        parse_credit(line) or parse_source_line(line) or parse_masthead(line) or parse_date_line(line)
        or parse_document_number(line) or _issue_on_one_line(line) or _occasion(line)
        or _masthead_then_credit(line)
    )


_MASTHEAD_CREDIT_BREAK = re.compile(r"\s*[／/|｜]\s*")


def _masthead_then_credit(line: str) -> dict[str, str] | None:
    """`2025-06-03 10:15 聯合報／ 記者鍾泓良／台北即時報導`: a publication and
    date, then who wrote the piece, on one line."""
    for cut in _MASTHEAD_CREDIT_BREAK.finditer(line):
        masthead = parse_masthead(line[: cut.start()])
        credit = parse_credit(line[cut.end() :]) if masthead else None
        if masthead and credit:
            return masthead | {key: value for key, value in credit.items() if key in ("authors", "editors")}
    return None


# A speech's or report's occasion under its title:
# `——2025年1月14日在赣州市第五届人民代表大会第五次会议上`.
_OCCASION = re.compile(r"[—－-]{1,2}\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*在[^。！？]{2,60}[上时]")


def _occasion(line: str) -> dict[str, str] | None:
    """When and where a speech or a work report was given: its date."""
    match = _OCCASION.fullmatch(line.strip())
    return {"role": "source", "date": match["date"]} if match else None


def _issue_on_one_line(line: str) -> dict[str, str] | None:
    """`浙江清华长三角研究院数字经济研究所　　2025年4月30日`: an issuer and its date
    on one line, set apart by a wide gap (`parse_issue`); a bulletin's numbered
    issue and who compiles it (`2025年第6期（总第18期）　　湖南省工业和信息化厅编`)."""
    parts = re.split(r"\s{2,}", line.strip())
    if len(parts) != 2:
        return None
    return parse_issue(parts[0], parts[1]) or _numbered_issue(*parts) or _numbered_issue(*reversed(parts))


# `2025年第6期（总第18期）`: a bulletin's issue, known to the year.
_NUMBERED_ISSUE = re.compile(r"(?P<year>\d{4})\s*年\s*第\s*\d{1,3}\s*期(?:\s*[（(]\s*总第\s*\d{1,4}\s*期\s*[)）])?")
# `湖南省工业和信息化厅编`, `…主办`: the body that compiles a bulletin.
_COMPILED_BY = re.compile(r"(?P<issuer>\S{2,30}?)\s*(?:编印|编制|主编|主办|编)")


def _numbered_issue(issue: str, compiler: str) -> dict[str, str] | None:
    numbered, compiled = _NUMBERED_ISSUE.fullmatch(issue), _COMPILED_BY.fullmatch(compiler)
    if numbered is None or compiled is None or not is_issuer(compiled["issuer"]):
        return None
    return {"role": "source", "publisher": compiled["issuer"], "date": f"{numbered['year']}年"}


def parse_speaker(line: str) -> dict[str, str] | None:
    """`联合国驻华协调员 杰思衡` -> {role: speaker, name: 杰思衡, title: 联合国驻华协调员}."""
    for pattern in _speaker_res():
        match = pattern.fullmatch(line.strip())
        if match:
            return {"role": "speaker", "name": match.group("name"), "title": match.group("title")}
    return None


_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# Simplified and Traditional forms: `新华社…日电`, `中央社…日電（記者…）`.
_DATELINE = re.compile(
    rf"(?P<publisher>[{HAN}]{{1,6}}?(?:社|网|报|台|站|網|報))(?P<place>[{HAN}]{{0,8}}?)\s*"
    rf"(?:(?P<date>(?:{_NUMBER}\s*月\s*)?{_NUMBER}\s*日)\s*)?[电讯電訊]"
    rf"(?:\s*[（(](?:记者|通讯员|特约记者|記者|通訊員)?\s*(?P<authors>[^（()）]{{1,40}})[)）])?"
)
_END_DATELINE = re.compile(rf"(?<=[。！？!?”\"」』）)])\s*(?P<dateline>{_DATELINE.pattern})\s*$")
# A press release's dateline: `北京，2025年6月3日 /美通社/ --`, `（2025年5月20日，福州）`,
# `中国·福州，2025年5月20日——`: the place and the full date, then the text.
_FULL_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_RELEASE_DATELINE = re.compile(
    rf"(?:(?:中国\s*[·•]\s*)?(?P<place>[{HAN}]{{2,8}})\s*[,，]?\s*(?P<date>{_FULL_DATE})"
    rf"\s*(?:/\s*(?P<publisher>[^/\s]{{2,12}})\s*/)?\s*(?:——|--|—|–)"
    rf"|[（(]\s*(?P<date2>{_FULL_DATE})\s*[,，]\s*(?:中国\s*[·•]\s*)?(?P<place2>[{HAN}]{{2,8}})\s*[)）]"
    # the date first, as a feature's opening: `2024年9月12日，合肥——`
    rf"|(?P<date3>{_FULL_DATE})\s*[,，]\s*(?P<place3>[{HAN}]{{2,8}})\s*(?:——|--))\s*"
)


# An English wire or release dateline: `SINGAPORE, 12 March 2025 —`,
# `SAN FRANCISCO, Nov 20 (Reuters) -`, `BEIJING, March 3, 2025 /PRNewswire/ --`.
_EN_DATE = (
    rf"(?:(?:{EN_MONTH})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{EN_MONTH})\.?(?:\s+\d{{4}})?)"
)
# `By <authors>[, <publication>] — <date>` (`_english_byline`); the date may be
# numeric and labelled, as China Daily's `By Li Wei | China Daily | Updated: 2025-08-12 09:31`.
_NUMERIC_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
_DATED_ENGLISH_BYLINE = re.compile(
    rf"By\s+(?P<credit>[^|·—–]+?(?:{_BYLINE_PARTS.pattern}[^|·—–,]+?)*?)\s*(?:[|·—–,]|--|-)\s*"
    rf"(?:(?:Updated|Published|Posted|Last updated)\s*:?\s*)?(?P<date>{_EN_DATE}|{_NUMERIC_DATE})"
)
_PUBLISHED_ENGLISH = re.compile(
    rf"(?P<publisher>[A-Z][A-Za-z .&]{{1,40}}?)\s*[|·—–]\s*(?:Updated|Published|Posted|Last updated)\s*:?\s*"
    rf"(?P<date>{_EN_DATE}|{_NUMERIC_DATE})"
)
_ENGLISH_DATELINE = re.compile(
    rf"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){{0,3}})(?:,\s*[A-Z][A-Za-z.]+)?\s*,\s*(?P<date>{_EN_DATE})"
    rf"\s*(?:\((?P<agency>[A-Z][A-Za-z ]{{1,20}})\)|/\s*(?P<wire>[^/\n]{{2,20}}?)\s*/)?\s*(?:—|–|--|-)\s*"
    # the place alone, when the byline gave the date: `PARIS —`, `HONG KONG (Reuters) —`
    rf"|(?P<place2>[A-Z][A-Z.'’-]{{2,}}(?: [A-Z][A-Z.'’-]+){{0,3}})(?:,\s*[A-Z][A-Za-z.]+)?"
    rf"\s*(?:\((?P<agency2>[A-Z][A-Za-z ]{{1,20}})\)\s*)?(?:—|–|--)\s*"
)


def parse_dateline(text: str) -> tuple[dict[str, str], int] | None:
    """`新华社杭州 11 月 21 日电（记者高亢）…`, a press release's `北京，2025年6月3日 --`
    or an English wire's `SINGAPORE, 12 March 2025 —` -> (meta, length of the dateline)."""
    match = _DATELINE.match(text)
    if not match:
        return parse_release_dateline(text)
    meta = {"role": "dateline", "dateline": match.group(0), "publisher": match.group("publisher")}
    if match.group("place"):
        meta["place"] = match.group("place")
    if match.group("date"):
        meta["date"] = match.group("date")
    if match.group("authors"):
        meta["authors"] = " ".join(n for n in re.split(_SEPARATOR, match.group("authors")) if n)
    return meta, match.end()


def parse_release_dateline(text: str) -> tuple[dict[str, str], int] | None:
    """A press release's place and date (`北京，2025年6月3日 /美通社/ --`, an English
    wire's `SINGAPORE, 12 March 2025 —`); the wire that distributed it, if named,
    is its publisher."""
    match = _RELEASE_DATELINE.match(text)
    if not match:
        return _english_dateline(text)
    meta = {"role": "dateline", "dateline": match.group(0).strip(),
            "place": match.group("place") or match.group("place2") or match.group("place3"),
            "date": match.group("date") or match.group("date2") or match.group("date3")}
    if match.group("publisher"):
        meta["publisher"] = match.group("publisher")
    return meta, match.end()


def _english_dateline(text: str) -> tuple[dict[str, str], int] | None:
    """The place in capitals (given in title case, as the gazetteer's English
    names are), the date if given there, and the agency or wire that
    distributed the story."""
    match = _ENGLISH_DATELINE.match(text)
    if not match:
        return None
    place = match["place"] or match["place2"]
    meta = {"role": "dateline", "dateline": match.group(0).strip(), "place": place.title()}
    if match["date"]:
        meta["date"] = match["date"]
    publisher = match["agency"] or match["agency2"] or match["wire"]
    if publisher:
        meta["publisher"] = publisher.strip()
    return meta, match.end()


def split_end_dateline(text: str) -> tuple[str, str] | None:
    """`…李军华说。新华社杭州 11 月 21 日电` -> (`…李军华说。`, `新华社杭州 11 月 21 日电`)."""
    match = _END_DATELINE.search(text)
    if not match or match.start() == 0:
        return None
    return text[: match.start()].rstrip(), match.group("dateline")


# A photo credit closes a caption: `新华社 发`, `新华社记者 徐昱 摄`, `（张三 摄）`.
_CAPTION_CREDIT = re.compile(
    rf"(?:^|(?<=[。！？!?\s（(]))[（(]?(?P<credit>(?:[{HAN}A-Za-z]{{1,12}}?(?:社|报|网|台|站|记者|通讯员|摄影师))?"
    rf"\s*(?:[{HAN}·]{{2,8}}\s+)?(?:摄|发|供图|摄影))[)）]?$"
)
# `▲ 图为…`: posts point at the picture above with an arrow.
_CAPTION_START = re.compile(r"^[▲△▼▽↑↓\s]*[（(]?(?:图为|图片为|上图|下图|左图|右图|资料图|图\s*\d+[：:\s])")


def caption_credit(text: str, max_chars: int = 200) -> str | None:
    """The photo credit that makes a short standalone paragraph a caption."""
    flat = text.replace("\n", " ").strip()
    if len(flat) > max_chars:
        return None
    match = _CAPTION_CREDIT.search(flat)
    if match and (" " in match.group("credit") or match.start("credit") > 0 or len(match.group("credit")) > 2):
        return match.group("credit").strip()
    if _CAPTION_START.match(flat):
        return ""
    return None
