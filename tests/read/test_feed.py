"""News feeds (RSS 2.0, Atom): one article per item, HTML bodies extracted."""

from __future__ import annotations

from sitegen.read import feed
from sitegen.read.registry import choose_reader

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>鹏城科技观察</title>
<item>
<title>深圳发布具身智能机器人行动计划</title>
<dc:creator>陈晓</dc:creator>
<pubDate>Mon, 02 Jun 2025 08:00:00 +0800</pubDate>
<description>摘要。</description>
<content:encoded><![CDATA[<p>6月1日，深圳市发布行动计划。</p><p>深圳将建设产业集聚区。</p>]]></content:encoded>
</item>
<item>
<title>前海人工智能创新中心揭牌</title>
<pubDate>Wed, 04 Jun 2025 19:30:00 +0800</pubDate>
<description>6月4日，前海人工智能创新中心揭牌。</description>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>科技日报</title>
<entry>
<title>合肥量子计算机发布</title>
<published>2025-04-16T10:00:00+08:00</published>
<author><name>周文静</name></author>
<content type="html">&lt;p&gt;4月16日，合肥发布超导量子计算机。&lt;/p&gt;</content>
</entry>
</feed>
"""


def test_rss_and_atom_are_sniffed_before_html():
    assert choose_reader(RSS).NAME == "feed" and choose_reader(ATOM).NAME == "feed"
    assert feed.sniff("<html><body><p>x</p></body></html>") == 0.0


def test_each_rss_item_is_a_titled_article_with_its_byline_and_fullest_body():
    blocks = feed.read(RSS).blocks
    assert [(b.kind, b.text) for b in blocks if b.kind != "byline"] == [
        ("heading", "深圳发布具身智能机器人行动计划"),
        ("paragraph", "6月1日，深圳市发布行动计划。"),
        ("paragraph", "深圳将建设产业集聚区。"),
        ("heading", "前海人工智能创新中心揭牌"),
        ("paragraph", "6月4日，前海人工智能创新中心揭牌。"),
    ]
    bylines = [b.meta for b in blocks if b.kind == "byline"]
    assert bylines[0] == {"role": "source", "publisher": "鹏城科技观察", "date": "2025-06-02 08:00", "authors": "陈晓"}
    assert blocks[0].line == 6


def test_atom_entry_with_escaped_html_content():
    blocks = feed.read(ATOM).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "合肥量子计算机发布"),
        ("byline", "科技日报 2025-04-16T10:00:00+08:00 周文静"),
        ("paragraph", "4月16日，合肥发布超导量子计算机。"),
    ]
    assert blocks[1].meta["date"] == "2025-04-16T10:00:00+08:00"


def test_a_broken_feed_gives_what_it_can_never_an_exception():
    result = feed.read("<rss><channel><item><title>只有标题")
    assert isinstance(result.blocks, list)


def test_a_channel_titled_with_its_section_is_published_by_its_site():
    result = feed.read(RSS.replace("<title>鹏城科技观察</title>", "<title>鹏城科技观察 - 国际AI</title>"))
    assert {b.meta.get("publisher") for b in result.blocks if b.kind == "byline"} == {"鹏城科技观察"}
    assert result.meta["feed_title"] == "鹏城科技观察 - 国际AI"
