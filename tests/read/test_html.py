"""HTML pages: main text with a real parser, chrome removed, lines kept."""

from __future__ import annotations

import pytest

from sitegen.read import html
from sitegen.read.text import without_site_name

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>香港发布人工智能新政 - 某新闻网</title>
<meta property="og:title" content="香港发布人工智能新政">
<meta property="article:published_time" content="2026-01-23T06:36:00+08:00">
<script>var x = "<p>不是正文</p>";</script>
</head>
<body>
<header><nav><a href="/">首页</a></nav></header>
<div class="sidebar"><p>热门文章：别的新闻</p></div>
<article>
  <h1>香港发布人工智能新政</h1>
  <p>特区政府今年已拨款10亿港元，
  用于成立香港人工智能研发院。</p>
  <!-- 广告位 -->
  <h2>算力建设</h2>
  <p>香港总算力目前已达<b>5000 PFLOPS</b>。</p>
  <figure><img src="a.jpg" alt="数码港"><figcaption>数码港人工智能超算中心。</figcaption></figure>
  <ul><li>第一项</li><li>第二项</li></ul>
  <blockquote><p>“这是引语。”</p></blockquote>
  <div>没有段落标签的文字<br>第二行<br><br>另一段</div>
</article>
<footer><p>关于我们 联系我们 隐私政策</p></footer>
</body>
</html>
"""


def test_html_reader_extracts_the_article_with_line_numbers():
    result = html.read(PAGE)
    assert result.meta == {"title": "香港发布人工智能新政", "date": "2026-01-23T06:36:00+08:00", "publisher": "某新闻网"}
    assert [(b.line, b.kind, b.level, b.text) for b in result.blocks] == [
        (14, "heading", 1, "香港发布人工智能新政"),
        (15, "paragraph", 0, "特区政府今年已拨款10亿港元，\n用于成立香港人工智能研发院。"),
        (18, "heading", 2, "算力建设"),
        (19, "paragraph", 0, "香港总算力目前已达5000 PFLOPS。"),
        (20, "image", 0, "数码港"),
        (20, "caption", 0, "数码港人工智能超算中心。"),
        (21, "list", 0, "- 第一项\n- 第二项"),
        (22, "quote", 0, "“这是引语。”"),
        (23, "paragraph", 0, "没有段落标签的文字\n第二行"),
        (23, "paragraph", 0, "另一段"),
    ]


def test_page_without_article_uses_the_densest_container_and_title_tag():
    page = (
        "<html><head><title>标题</title></head><body>"
        "<div id='menu'><p>首页</p></div>"
        "<div class='content'><p>第一段很长的正文内容，说明了事情。</p><p>第二段正文。</p></div>"
        "</body></html>"
    )
    blocks = html.read(page).blocks
    assert [(b.kind, b.text) for b in blocks] == [("heading", "标题"), ("paragraph", "第一段很长的正文内容，说明了事情。"), ("paragraph", "第二段正文。")]


def test_several_articles_make_a_bundle():
    page = "<html><body><article><h2>甲</h2><p>甲的正文。</p></article><article><h2>乙</h2><p>乙的正文。</p></article></body></html>"
    headings = [(b.text, b.level) for b in html.read(page).blocks if b.kind == "heading"]
    assert headings == [("甲", 1), ("乙", 1)]


def test_script_text_in_the_page_is_never_text():
    page = "<html><body><p>正文&lt;script&gt;</p><script>alert(1)</script></body></html>"
    assert [b.text for b in html.read(page).blocks] == ["正文<script>"]


def test_sniff_by_content():
    assert html.sniff(PAGE) > 0.9
    assert html.sniff("<p>一</p>\n<p>二</p>\n<p>三</p>\n<div>四</div>\n<p>五</p>\n") == 0.6
    assert html.sniff("正文\n<!-- 注释 -->\n</div>\n") == 0.0


def test_source_and_credit_lines_in_the_article_are_bylines():
    page = "<html><body><article><h1>标题</h1><p>来源：新华网 2025-04-10 08:30</p><p>正文。</p><p>（责任编辑：李四）</p></article></body></html>"
    bylines = [b.meta for b in html.read(page).blocks if b.kind == "byline"]
    assert bylines == [
        {"role": "source", "publisher": "新华网", "date": "2025-04-10 08:30"},
        {"role": "credit", "editors": "李四", "label": "责任编辑"},
    ]


DIV_SOUP = """<html><head><title>世界机器人大会8月8日开幕 - 京城科技 - 京城在线</title></head>
<body>
<div id="top"><a href="/">京城在线首页</a> <a href="/tech">科技</a></div>
<div class="wrap">
  <div class="left">
    <div class="info">发布时间：2025-08-07 16:20　来源：京城在线　作者：韩雪</div>
    <div class="content">
      记者7日获悉，世界机器人大会将于8月8日至12日在北京亦庄举办。<br><br>
      本届大会展览面积约5万平方米，将有200余家企业参展。
    </div>
  </div>
  <div class="right"><p>排行榜</p><p>北京发布具身智能十条措施</p><p>亦庄新能源汽车产业再提速</p></div>
</div>
</body></html>
"""


def test_text_between_br_tags_outweighs_a_sidebar_of_short_paragraphs():
    blocks = html.read(DIV_SOUP).blocks
    paragraphs = [(b.text, b.line) for b in blocks if b.kind == "paragraph"]
    assert paragraphs == [
        ("记者7日获悉，世界机器人大会将于8月8日至12日在北京亦庄举办。", 8),
        ("本届大会展览面积约5万平方米，将有200余家企业参展。", 9),
    ]


def test_a_source_line_beside_the_article_element_is_its_byline():
    bylines = [b.meta for b in html.read(DIV_SOUP).blocks if b.kind == "byline"]
    assert bylines == [{"role": "source", "date": "2025-08-07 16:20", "publisher": "京城在线", "authors": "韩雪"}]


def test_section_and_site_names_after_a_title_tag_are_dropped():
    assert html.read(DIV_SOUP).meta["title"] == "世界机器人大会8月8日开幕"
    assert without_site_name("专访｜量子计算遇上大模型：合肥如何抢占未来产业新赛道").startswith("专访｜")
    assert without_site_name("标题文字很长的一篇报道_科技频道_东方资讯网") == "标题文字很长的一篇报道"


def _titled(title: str, head: str = "") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>新竹科學園區AI晶片聯盟成立</h1>"
            "<p>國科會今日出席新竹科學園區AI晶片聯盟成立大會。</p></article></body></html>")


def test_the_site_name_after_the_headline_in_the_title_tag_is_the_publisher():
    assert html.read(_titled("新竹科學園區AI晶片聯盟成立 - 科技新報")).meta["publisher"] == "科技新報"
    assert html.read(_titled("新竹科學園區AI晶片聯盟成立_科技频道_东方资讯网")).meta["publisher"] == "东方资讯网"


def test_a_section_or_page_after_the_headline_is_no_publisher():
    for title in ("新竹科學園區AI晶片聯盟成立 - 新闻中心", "新竹科學園區AI晶片聯盟成立 - 第2页", "新竹科學園區AI晶片聯盟成立"):
        assert "publisher" not in html.read(_titled(title)).meta


def test_a_publisher_the_page_declares_wins_over_its_title_tag():
    declared = '<meta property="og:site_name" content="TechNews 科技新報">'
    assert html.read(_titled("新竹科學園區AI晶片聯盟成立 - 科技新报网", declared)).meta["publisher"] == "TechNews 科技新報"


def test_schema_org_json_ld_gives_date_author_and_publisher():
    page = """<html><head><title>合肥发布量子计算机</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "科技网"},
 {"@type": "NewsArticle", "headline": "合肥发布量子计算机", "datePublished": "2025-04-16T10:00:00+08:00",
  "author": [{"@type": "Person", "name": "周文静"}], "publisher": {"@type": "Organization", "name": "安徽日报"}}]}
</script></head><body><article><p>4月16日，合肥发布超导量子计算机。</p></article></body></html>"""
    meta = html.read(page).meta
    assert (meta["date"], meta["author"], meta["publisher"]) == ("2025-04-16T10:00:00+08:00", "周文静", "安徽日报")


def test_broken_json_ld_is_ignored():
    page = '<html><head><script type="application/ld+json">{not json</script></head><body><p>正文。</p></body></html>'
    assert "date" not in html.read(page).meta


def test_related_links_and_page_tools_inside_the_article_element_are_not_text():
    page = """<html><body><div id="article"><h1>南京发布人工智能专项政策</h1>
<p>4月9日，南京市发布若干政策，对新落户的人工智能企业给予最高500万元奖励。</p>
<div class="xgxw"><h3>相关新闻</h3><ul><li><a href="/2">无锡举办物联网博览会</a></li></ul></div>
<p>【纠错】 【打印】 【关闭】</p></div></body></html>"""
    assert [b.text for b in html.read(page).blocks] == [
        "南京发布人工智能专项政策", "4月9日，南京市发布若干政策，对新落户的人工智能企业给予最高500万元奖励。",
    ]


def test_the_title_is_the_json_ld_headline_rather_than_the_page_title():
    page = (
        '<html><head><title>重庆发布产业政策-新闻中心-华龙网</title><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "重庆发布智能网联新能源汽车产业政策", "datePublished": "2025-08-12"}'
        '</script></head><body><div class="content">8月11日，重庆市政府印发行动计划。<br><br>计划提出了目标。</div></body></html>'
    )
    assert html.read(page).meta["title"] == "重庆发布智能网联新能源汽车产业政策"


def test_a_page_title_loses_site_and_section_names_joined_by_a_bare_hyphen():
    page = ('<html><head><title>重庆发布智能网联新能源汽车产业政策-新闻中心-华龙网</title></head>'
            '<body><p>8月11日，重庆市政府印发行动计划。</p></body></html>')
    assert html.read(page).meta["title"] == "重庆发布智能网联新能源汽车产业政策"


def test_a_table_row_is_a_paragraph_of_its_cells_marked_as_a_row():
    page = ("<html><body><article><p>园区发布年度数据</p><table><tr><td>人工智能企业数量</td><td>1200家</td></tr>"
            "</table></article></body></html>")
    rows = [b for b in html.read(page).blocks if b.meta.get("table")]
    assert [(b.kind, b.text, b.meta) for b in rows] == [("paragraph", "人工智能企业数量 | 1200家", {"table": "row"})]


def _wechat(publish_time: str = "", script: str = "") -> str:
    return (
        '<html><head><meta property="og:site_name" content="微信公众平台"><title>青岛发布人工智能行动方案</title></head>'
        '<body><div id="js_article"><h1 class="rich_media_title">青岛发布人工智能行动方案</h1>'
        '<div id="meta_content"><a id="js_name"> 青岛发布 </a>'
        f'<em id="publish_time">{publish_time}</em></div>'
        '<div id="js_content"><p>6月3日，青岛市政府发布人工智能产业三年行动方案，提出到2027年核心产业规模突破500亿元。</p>'
        '<p>方案提出，青岛将建设人工智能产业园，培育30家以上专精特新企业。</p></div></div>'
        f"<script>{script}</script></body></html>"
    )


def test_a_wechat_post_is_published_by_its_account_not_the_platform():
    assert html.read(_wechat("2025-06-03 10:00")).meta["publisher"] == "青岛发布"
    assert html.read(_wechat("2025-06-03 10:00")).meta["date"] == "2025-06-03 10:00"


def test_a_wechat_posts_time_from_its_script_when_the_page_left_it_empty():
    assert html.read(_wechat(script='var publish_time = "2025-06-03" || "";')).meta["date"] == "2025-06-03"
    # 1748916000 s is 2025-06-03 02:00 UTC, 10:00 in Beijing
    assert html.read(_wechat(script='var ct = "1748916000";')).meta["date"] == "2025-06-03 10:00"


def test_a_publisher_a_page_names_itself_is_kept():
    page = _wechat("2025-06-03").replace("微信公众平台", "青岛日报")
    assert html.read(page).meta["publisher"] == "青岛日报"


NEWS_LIST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>人工智能_新闻列表_某某网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/ai">人工智能</a></div>
<ul class="news-list">
<li><h3><a href="/a/1.html">南昌发布人工智能产业政策</a></h3><p>6月3日，南昌市发布人工智能产业政策，设立5亿元基金，支持企业建设算力中心。</p><span class="time">2025-06-03</span></li>
<li><h3><a href="/a/2.html">贵阳大数据博览会开幕</a></h3><p>5月26日，2025中国国际大数据产业博览会在贵阳开幕，300余家企业参展。</p><span class="time">2025-05-26</span></li>
<li><h3><a href="/a/3.html">兰州建设西北算力枢纽</a></h3><p>兰州新区将建设西北地区最大的智能算力中心，总投资超过50亿元。</p><span class="time">2025-05-20</span></li>
</ul>
<div class="footer">关于我们 | 联系我们 | 网站地图</div>
</body></html>
"""

ARTICLE_WITH_RELATED_LINKS = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>南昌发布人工智能产业政策</title></head><body>
<div class="content"><h1>南昌发布人工智能产业政策</h1>
<p>6月3日，南昌市发布人工智能产业政策，设立5亿元基金，支持企业建设算力中心。政策明确，对新建智能算力中心按投资额给予最高10%的补贴。</p>
<p>南昌市工信局负责人介绍，政策还将支持企业开展大模型应用示范，每个示范项目最高奖励500万元。</p>
<p>据了解，南昌目前已聚集人工智能企业300余家，2024年核心产业规模突破200亿元。</p>
<ul class="related"><li><h3><a href="/a/2.html">贵阳大数据博览会开幕</a></h3><p>博览会开幕。</p></li><li><h3><a href="/a/3.html">兰州建设算力枢纽</a></h3><p>兰州建设。</p></li></ul>
</div></body></html>
"""


def test_a_news_list_page_bundles_its_entries():
    blocks = html.read(NEWS_LIST).blocks
    titles = [b.text for b in blocks if b.kind == "heading" and b.level == 1]
    assert titles == ["南昌发布人工智能产业政策", "贵阳大数据博览会开幕", "兰州建设西北算力枢纽"]
    assert [b.meta.get("date") for b in blocks if b.kind == "byline"] == ["2025-06-03", "2025-05-26", "2025-05-20"]


def test_related_links_under_an_article_do_not_make_it_a_list():
    blocks = html.read(ARTICLE_WITH_RELATED_LINKS).blocks
    assert [b.text for b in blocks if b.kind == "heading" and b.level == 1] == ["南昌发布人工智能产业政策"]


GOVERNMENT_RELEASE = """<html><head><meta charset="utf-8"><title>政府新聞公報 - 數字辦推出人工智能應用指引</title></head>
<body><div id="header">香港特別行政區政府 新聞公報</div><div id="pressrelease">
<span id="PRHeadlineSpan">數字辦推出人工智能應用指引</span>
<p>數字政策辦公室今日（四月十五日）公布《香港生成式人工智能技術及應用指引》，為業界及市民提供實務指導。</p>
<p>數字政策專員表示，指引涵蓋技術開發者、服務提供者及使用者三類持份者，並就多項風險提出建議。</p>
<p>完</p><p>2025年4月15日（星期二）<br>香港時間15時30分</p></div></body></html>"""


def test_a_site_name_in_front_of_the_headline_is_the_publisher_and_the_date_over_its_time_a_byline():
    result = html.read(GOVERNMENT_RELEASE)
    assert result.meta["title"] == "數字辦推出人工智能應用指引"
    assert result.meta["publisher"] == "政府新聞公報"
    byline = next(b for b in result.blocks if b.kind == "byline")
    assert byline.meta == {"role": "source", "date": "2025年4月15日"}


def test_a_title_tag_in_parts_keeps_its_first_part_when_the_rest_is_not_in_the_page():
    page = "<html><head><title>专访 - 李斌谈自动驾驶的下一个十年</title></head><body><p>" + "正文。" * 30 + "</p></body></html>"
    assert html.read(page).meta["title"] == "专访 - 李斌谈自动驾驶的下一个十年"


@pytest.mark.parametrize(
    ("footer", "owner"),
    [
        ('<footer>版权所有 © 南京市科学技术局 苏ICP备12345678号</footer>', "南京市科学技术局"),
        ('<div class="site-footer">主办单位：合肥市人民政府办公室 皖ICP备05000000号</div>', "合肥市人民政府办公室"),
        ('<div id="footer">Copyright © 2025 东方资讯网 All Rights Reserved</div>', "东方资讯网"),
        ('<footer>南京日报社 版权所有</footer>', "南京日报社"),
    ],
)
def test_a_page_naming_no_publisher_is_published_by_the_owner_its_footer_names(footer, owner):
    page = f"<html><head><title>AI动态</title></head><body><article><h1>南京启用智能算力中心</h1><p>9月2日，南京江北新区智能算力中心正式启用。</p></article>{footer}</body></html>"
    result = html.read(page)
    assert result.meta["publisher"] == owner
    assert not any("版权" in b.text or "Copyright" in b.text for b in result.blocks)


def test_a_pages_own_publisher_wins_over_its_footer():
    page = ('<html><head><meta property="og:site_name" content="联合早报"></head><body><article><h1>标题</h1>'
            "<p>正文第一段。</p></article><footer>版权所有 © 新加坡报业控股</footer></body></html>")
    assert html.read(page).meta["publisher"] == "联合早报"


def test_a_time_after_the_sites_name_or_a_label_is_the_date_line_but_not_inside_a_sentence():
    lead = "9月2日，家电行业首个工业大模型创新中心在佛山市顺德区北滘镇揭牌，首期投入3.2亿元，将围绕研发设计开发行业大模型。"
    page = ("<html><body><article><h1>佛山顺德：家电行业首个工业大模型创新中心揭牌</h1>"
            "<div class='info'><span>凤凰网广东</span> <time>2025-09-03 08:15</time></div>"
            f"<p>{lead}</p><div>会议于<time>2025-09-02</time>举行</div><p>{lead}</p></article></body></html>")
    blocks = html.read(page).blocks
    assert (blocks[1].kind, blocks[1].meta) == ("byline", {"date": "2025-09-03 08:15", "publisher": "凤凰网广东"})
    assert ("paragraph", "会议于2025-09-02举行") in [(b.kind, b.text) for b in blocks]
    labelled = html.read(page.replace("<span>凤凰网广东</span> <time>2025-09-03 08:15</time>",
                                      "发布时间：<time datetime='2025-09-03T08:15:00+08:00'>9月3日</time>")).blocks
    assert labelled[1].meta == {"role": "source", "date": "2025-09-03T08:15:00+08:00"}


def test_a_wires_name_and_update_time_above_the_article_are_its_source():
    lead = "NINGBO, July 7 (Xinhua) -- Ningbo Zhoushan Port has put an artificial intelligence dispatch system into operation."
    page = ("<html><head><meta name='author' content='Xinhua'></head><body>"
            "<div class='main'><h1>Ningbo port rolls out AI dispatch system</h1>"
            "<div class='info'><span class='info_l'>Xinhua | Updated: 2025-07-08 10:21</span>"
            "<span class='info_r'><a href='#'>Share</a> - <a href='#'>CLOSE</a></span></div>"
            f"<div id='Content'><p>{lead}</p><p>{lead}</p><p>{lead}</p></div></div>"
            "<div class='side'><span>2025-06-30</span></div></body></html>")
    bylines = [b.meta for b in html.read(page).blocks if b.kind == "byline"]
    assert bylines == [{"role": "source", "publisher": "Xinhua", "date": "2025-07-08 10:21"}]
