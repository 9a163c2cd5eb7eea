"""End to end on an Org-mode note and a LaTeX report: a build of a folder
holding them gives articles with the title, date and authors their markup
declares, and bodies without a trace of that markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.model import AnalysedArticle

NOTE = """\
#+TITLE: 乌鲁木齐举办丝绸之路人工智能论坛
#+AUTHOR: 阿依古丽
#+DATE: <2025-08-21 Thu>
#+OPTIONS: toc:nil num:nil
#+FILETAGS: :人工智能:算力:

* 论坛概况
  :PROPERTIES:
  :CUSTOM_ID: overview
  :END:
8月21日，2025丝绸之路人工智能论坛在乌鲁木齐开幕，来自中亚五国的 *300余名* 代表参会[fn:1]。
论坛以 /智联丝路/ 为主题，发布了 =新疆算力调度平台= 二期工程。

# 编辑备注：待核实参会人数
** DONE [#A] 签约项目 [2/2]                                     :签约:
   CLOSED: [2025-08-21 Thu 18:00]
- [X] 乌鲁木齐智算中心 :: 新增算力5000P
- [ ] 哈密风电制氢大模型项目

#+BEGIN_QUOTE
人工智能正在成为丝绸之路经济带的新引擎。
#+END_QUOTE

| 项目         | 投资额（亿元） |
|--------------+----------------|
| 智算中心     | 32             |
| 数据标注基地 | 5              |

详见[[https://www.xinjiang.gov.cn/ai][自治区政府网站]]。

[fn:1] 数据来自主办方。
"""

REPORT = r"""\documentclass[UTF8]{ctexart}
\usepackage{hyperref}
% 内部稿件，勿外传
\title{呼和浩特“东数西算”枢纽节点投运\thanks{内蒙古日报供稿}}
\author{巴特尔 \and 张晓燕}
\date{2025年10月}
\begin{document}
\maketitle

\begin{abstract}
呼和浩特和林格尔新区智算集群正式投运，总算力超过 \textbf{5万P}。
\end{abstract}

\section{项目进展}\label{sec:progress}
10月15日，和林格尔新区“东数西算”智算集群投运\footnote{据新区管委会
通报。}，共部署 GPU 服务器 1.2~万台，PUE 降至 1.15 以下\cite{report2025}。
% 这一段后面再补充
项目由\emph{中国移动}、\emph{中国电信}等企业共同建设，详见 \href{https://www.nmg.gov.cn}{自治区政府网站}。

\subsection{主要数据}
\begin{itemize}
  \item 绿电占比超过 80\%；
  \item[算力] 新增智能算力 3万P---居全国前列；
\end{itemize}

\begin{table}[htbp]
\centering
\caption{和林格尔新区数据中心}
\begin{tabular}{|l|r|}
\hline
企业 & 机架数 \\ \hline
中国移动 & 12000 \\
中国电信 & 8000 \\ \hline
\end{tabular}
\end{table}

\end{document}
"""

# What Org or LaTeX markup would leave in a paragraph if a reader let it through.
MARKUP = re.compile(r"#\+|:PROPERTIES:|:END:|\[fn:|\\[a-zA-Z]+|[{}]|CLOSED:|\[#A\]|\[X\]|\[ \]|~|---|``")


@pytest.fixture(scope="module")
def built(build_sources) -> tuple[dict[str, AnalysedArticle], Path]:
    result, out = build_sources({"urumqi-forum.org": NOTE, "hohhot-report.tex": REPORT})
    return {a.article.title: a for a in result.site.articles.values()}, out


def test_the_org_note_is_one_article_with_its_keywords_meta(built):
    articles, _ = built
    note = articles["乌鲁木齐举办丝绸之路人工智能论坛"].article
    assert (note.format, note.published.iso(), note.authors) == ("org", "2025-08-21", ["阿依古丽"])
    assert note.tags == ["人工智能", "算力"]
    assert [(p.kind, p.source_line) for p in note.paragraphs if p.kind != "paragraph"] == [
        ("heading", 7), ("heading", 15), ("list", 17), ("quote", 21),
    ]
    assert note.paragraphs[1].text.startswith("8月21日，2025丝绸之路人工智能论坛在乌鲁木齐开幕")


def test_the_latex_report_is_one_article_with_its_preamble_meta(built):
    articles, _ = built
    report = articles["呼和浩特“东数西算”枢纽节点投运"].article
    assert (report.format, report.published.iso(), report.authors) == ("latex", "2025-10", ["巴特尔", "张晓燕"])
    assert report.paragraphs[0].text == "呼和浩特和林格尔新区智算集群正式投运，总算力超过 **5万P**。"
    assert "据新区管委会" not in report.text and "内部稿件" not in report.text and "数据中心" not in report.text


@pytest.mark.parametrize("title", ["乌鲁木齐举办丝绸之路人工智能论坛", "呼和浩特“东数西算”枢纽节点投运"])
def test_no_markup_is_left_in_the_body_or_the_page(built, title):
    articles, out = built
    item = articles[title]
    assert [p.text for p in item.article.paragraphs if MARKUP.search(p.text)] == []
    assert len(item.article.paragraphs) >= 6
    page = (out / "articles" / item.article.slug / "index.html").read_text(encoding="utf-8")
    start = page.index('class="article-body"')
    body = page[start : page.index("</section>", start)]
    assert "<strong>" in body and "<table>" in body and MARKUP.search(re.sub(r"<[^>]*>", "", body)) is None
