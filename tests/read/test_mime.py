"""Saved web pages (MHTML) and e-mails: the MIME message is taken apart, the
HTML part read as a page, the headers kept as metadata below the page's own."""

from __future__ import annotations

import base64
import quopri
from email.message import EmailMessage
from email.policy import default

import pytest
from hypothesis import given, settings, strategies as st

from sitegen.read import mime
from sitegen.read.registry import choose_reader

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>北京发布人工智能行动计划_新闻中心_示例网</title>
<meta name="description" content="北京市发布人工智能行动计划。"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
<article><h1>北京发布人工智能行动计划</h1>
<p>6月3日，北京市发布《人工智能行动计划》，提出到2027年建成全球人工智能创新策源地。</p>
<p>计划明确，将支持企业建设智能算力中心，推动大模型在政务、医疗等领域应用。</p>
</article></body></html>
"""
FRAME = """<!DOCTYPE html><html><body><p>相关视频：智算中心探访。</p></body></html>"""


def _quoted_printable(text: str, charset: str) -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def _base64(text: str, charset: str = "utf-8") -> str:
    return base64.encodebytes(text.encode(charset)).decode("ascii")


def _encoded_word(text: str) -> str:
    return "=?UTF-8?B?" + base64.b64encode(text.encode()).decode() + "?="


def _part(content_type: str, encoding: str, location: str, payload: str) -> str:
    return (f"------MultipartBoundary--ke9W3Q----\nContent-Type: {content_type}\n"
            f"Content-Transfer-Encoding: {encoding}\nContent-Location: {location}\n\n{payload.rstrip()}\n")


def _mhtml(root_in_base64: bool = False) -> str:
    """A page as Chrome's "Save as single file" writes it: the page, a
    sub-frame, a stylesheet and a picture, each a part of its own."""
    page = ("text/html; charset=utf-8", "base64", _base64(PAGE.replace("gb2312", "utf-8"))) if root_in_base64 \
        else ('text/html; charset="gb2312"', "quoted-printable", _quoted_printable(PAGE, "gb2312"))
    frame = ("text/html; charset=utf-8", "base64", _base64(FRAME)) if not root_in_base64 \
        else ('text/html; charset="gb2312"', "quoted-printable", _quoted_printable(FRAME, "gb2312"))
    return (
        "From: <Saved by Blink>\n"
        "Snapshot-Content-Location: https://news.example.com/2025/0603/ai.html\n"
        f"Subject: {_encoded_word('北京发布人工智能行动计划_新闻中心_示例网')}\n"
        "Date: Tue, 3 Jun 2025 09:30:12 +0800\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="----MultipartBoundary--ke9W3Q----"\n\n\n'
        + _part(page[0], page[1], "https://news.example.com/2025/0603/ai.html", page[2])
        + _part(frame[0], frame[1], "cid:frame-2@mhtml.blink", frame[2])
        + _part("text/css", "quoted-printable", "cid:css-1@mhtml.blink", "body { margin: 0; font-family: =22PingFang SC=22; }")
        + _part("image/png", "base64", "https://news.example.com/logo.png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
        + "------MultipartBoundary--ke9W3Q------\n"
    )


NEWSLETTER_HTML = """<html><head><meta charset="utf-8"></head><body>
<table width="600"><tr><td>
<h2>本周要闻</h2>
<p>本周，多家厂商再次下调大模型API价格，部分模型降幅超过90%。</p>
<p>业内人士认为，价格下降将加速AI应用在中小企业落地。</p>
</td></tr></table>
<p class="footer">您收到此邮件是因为订阅了AI前线周报。<a href="https://example.com/unsubscribe">退订</a></p>
</body></html>"""
NEWSLETTER_TEXT = "本周要闻\n\n本周，多家厂商再次下调大模型API价格。\n"

NEWSLETTER = f"""Return-Path: <newsletter@infoq.example.com>
Received: from mail.infoq.example.com (mail.infoq.example.com [203.0.113.7])
\tby mx.example.com with ESMTPS id 4bD2k; Fri, 06 Jun 2025 08:00:03 +0800
From: {_encoded_word('AI前线')} <newsletter@infoq.example.com>
To: reader@example.com
Subject: {_encoded_word('AI前线周报｜第42期：大模型价格战进入新阶段')}
Date: Fri, 06 Jun 2025 08:00:00 +0800
Message-ID: <20250606080000.4bD2k@infoq.example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="=_alt_5f2c"

--=_alt_5f2c
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

{_quoted_printable(NEWSLETTER_TEXT, "utf-8")}
--=_alt_5f2c
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: base64

{_base64(NEWSLETTER_HTML)}
--=_alt_5f2c--
"""

PLAIN_MAIL = f"""From: =?gb2312?B?{base64.b64encode('新华社'.encode('gb2312')).decode()}?= <news@xinhua.example.com>
To: editor@example.com
Subject: =?gb2312?Q?{_quoted_printable('杭州发布算力券政策', 'gb2312')}?=
Date: Mon, 9 Jun 2025 14:05:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset=gb2312
Content-Transfer-Encoding: 8bit

新华社杭州6月9日电 杭州市9日发布算力券政策，
对使用智能算力的中小企业给予补贴。

政策自7月1日起施行。
"""


@pytest.mark.parametrize("root_in_base64", [False, True], ids=["quoted-printable gb2312 page", "base64 utf-8 page"])
def test_a_saved_page_is_read_as_its_html_part(root_in_base64):
    text = _mhtml(root_in_base64)
    assert choose_reader(text).NAME == "mime"
    blocks = mime.read(text).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "北京发布人工智能行动计划"),
        ("paragraph", "6月3日，北京市发布《人工智能行动计划》，提出到2027年建成全球人工智能创新策源地。"),
        ("paragraph", "计划明确，将支持企业建设智能算力中心，推动大模型在政务、医疗等领域应用。"),
    ]


def test_lines_of_a_quoted_printable_part_point_at_the_encoded_text():
    text = _mhtml()
    lines = text.split("\n")
    for block in mime.read(text).blocks:
        first_words = _quoted_printable(block.text[:4], "gb2312").rstrip("=\n")
        assert first_words in lines[block.line - 1]


def test_lines_of_a_base64_part_stay_inside_the_part():
    text = _mhtml(root_in_base64=True)
    lines = text.split("\n")
    start = next(n for n, line in enumerate(lines, 1) if line.startswith("Content-Location: https://news")) + 2
    end = next(n for n, line in enumerate(lines, 1) if n > start and line.startswith("------"))
    assert all(start <= block.line < end for block in mime.read(text).blocks)


def test_the_pages_own_meta_wins_over_the_headers():
    meta = mime.read(_mhtml()).meta
    assert meta["title"] == "北京发布人工智能行动计划"  # the page's heading, not the <title> in Subject
    assert meta["description"] == "北京市发布人工智能行动计划。"
    assert "date" not in meta  # the Date header says when the page was saved, not published
    assert meta["url"] == "https://news.example.com/2025/0603/ai.html"
    assert meta["publisher"] == "示例网"  # the page's <title> ends with it; `<Saved by Blink>` names no one


def test_a_newsletter_is_read_from_its_html_part_with_its_headers_as_meta():
    assert choose_reader(NEWSLETTER).NAME == "mime"
    result = mime.read(NEWSLETTER)
    assert [(b.kind, b.text) for b in result.blocks][:3] == [
        ("heading", "本周要闻"),
        ("paragraph", "本周，多家厂商再次下调大模型API价格，部分模型降幅超过90%。"),
        ("paragraph", "业内人士认为，价格下降将加速AI应用在中小企业落地。"),
    ]
    assert result.meta == {"title": "AI前线周报｜第42期：大模型价格战进入新阶段", "date": "2025-06-06 08:00", "publisher": "AI前线"}


def test_a_plain_text_mail_is_read_as_plain_text():
    result = mime.read(PLAIN_MAIL)
    assert choose_reader(PLAIN_MAIL).NAME == "mime"
    assert result.meta == {"title": "杭州发布算力券政策", "date": "2025-06-09 14:05", "publisher": "新华社"}
    texts = [b.text for b in result.blocks]
    assert "政策自7月1日起施行。" in texts
    lines = PLAIN_MAIL.split("\n")
    assert all(lines[b.line - 1].strip() and lines[b.line - 1] in b.text.split("\n") for b in result.blocks)


def test_blank_lines_before_the_headers_change_nothing_but_the_lines():
    result = mime.read("\n\n" + PLAIN_MAIL)
    assert result.meta == mime.read(PLAIN_MAIL).meta
    assert [b.line for b in result.blocks] == [b.line + 2 for b in mime.read(PLAIN_MAIL).blocks]


def test_a_date_that_cannot_be_parsed_is_kept_as_written():
    text = PLAIN_MAIL.replace("Mon, 9 Jun 2025 14:05:00 +0800", "2025年6月9日")
    assert mime.read(text).meta["date"] == "2025年6月9日"


def test_a_cut_off_page_keeps_what_arrived():
    text = _mhtml()
    cut = text[: text.index("------MultipartBoundary--ke9W3Q----", text.index("Content-Transfer-Encoding: quoted-printable")) - 200]
    texts = [b.text for b in mime.read(cut).blocks]
    assert texts[:2] == ["北京发布人工智能行动计划", "6月3日，北京市发布《人工智能行动计划》，提出到2027年建成全球人工智能创新策源地。"]


def test_a_message_without_text_is_a_warning():
    text = ("From: <Saved by Blink>\nMIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n"
            "--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b--\n")
    result = mime.read(text)
    assert result.blocks == [] and "no text part" in result.diagnostics[0].message


def test_a_damaged_base64_line_costs_only_its_own_bytes():
    third_line = _base64(NEWSLETTER_HTML).split("\n")[2]
    text = NEWSLETTER.replace(third_line, "%%%% damaged in transit %%%%")
    texts = [b.text for b in mime.read(text).blocks]
    assert "业内人士认为，价格下降将加速AI应用在中小企业落地。" in texts


# --------------------------------------------------------------------------- sniffing

FRONT_MATTER = "---\ntitle: 深圳发布AI政策\ndate: 2025-05-08\n---\n\n# 深圳发布AI政策\n\n正文。\n"
CHINESE_LABELS = "标题：杭州发布算力券政策\n来源：杭州日报\n日期：2025-06-09\n\n杭州市9日发布算力券政策。\n"
HEADER_IN_PROSE = "服务器返回的响应头如下。\n\nContent-Type: text/html; charset=utf-8\nMIME-Version: 1.0\n\n这说明页面使用了UTF-8编码。\n"
YAML_WITHOUT_FENCES = "title: 深圳发布AI政策\ndate: 2025-05-08\nsource: 深圳特区报\n\n深圳发布AI政策。\n"
HTTP_RESPONSE = "HTTP/1.1 200 OK\nContent-Type: text/html\n\n<!DOCTYPE html><html><body><p>正文。</p></body></html>\n"


@pytest.mark.parametrize("text", [FRONT_MATTER, CHINESE_LABELS, HEADER_IN_PROSE, YAML_WITHOUT_FENCES, HTTP_RESPONSE],
                         ids=["front matter", "Chinese labels", "header in prose", "YAML without fences", "HTTP response"])
def test_texts_that_only_look_like_headers_are_not_mime(text):
    assert mime.sniff(text) == 0.0
    assert choose_reader(text).NAME != "mime"


def test_no_seed_is_taken_for_a_mime_message(seeds):
    assert all(mime.sniff(text) == 0.0 for text in seeds.values())


# --------------------------------------------------------------------------- properties

_HEADERISH = st.sampled_from([
    "From: <Saved by Blink>\n", "MIME-Version: 1.0\n", "Subject: =?UTF-8?B?5L2g5aW9?=\n", "Date: Tue, 3 Jun 2025 09:30:00 +0800\n",
    'Content-Type: multipart/related; boundary="b"\n', "Content-Type: text/html; charset=gb2312\n",
    "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n", "\n", "--b\n", "--b--\n",
    "<p>正文。</p>\n", "=E4=BD=A0=\n", "5L2g5aW9\n", "From: =?utf-8?q?=E5=\n", "Date: not a date\n", " folded\n",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=600), st.lists(_HEADERISH, max_size=40).map("".join)))
def test_read_never_raises_and_lines_stay_in_the_file(text):
    lines = text.count("\n") + 1
    assert 0.0 <= mime.sniff(text) <= 1.0
    for block in mime.read(text).blocks:
        assert 1 <= block.line <= lines


_SUBJECT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(subject=_SUBJECT, sender=st.text(st.characters(whitelist_categories=("Lo", "Lu", "Ll", "Nd")), min_size=1, max_size=12))
def test_any_subject_and_sender_written_by_the_email_package_come_back(subject, sender):
    message = EmailMessage(policy=default)
    message["From"] = f"{sender} <news@example.com>"
    message["To"] = "reader@example.com"
    message["Subject"] = subject
    message["Date"] = "Fri, 06 Jun 2025 08:00:00 +0800"
    message.set_content("人工智能产业快讯。\n")
    text = message.as_string()
    assert choose_reader(text).NAME == "mime"
    meta = mime.read(text).meta
    assert meta["title"] == " ".join(subject.split())
    assert meta["publisher"] == sender
