"""LaTeX reports: the preamble gives meta, the body's commands become
Markdown or go, and every block keeps the line it stands on in the source."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

from sitegen.read import latex
from sitegen.read.registry import choose_reader

REPO = Path(__file__).resolve().parents[2]

REPORT = r"""\documentclass[UTF8]{ctexart}
\usepackage{hyperref}
% 内部稿件，勿外传
\title{呼和浩特“东数西算”枢纽节点投运\thanks{内蒙古日报供稿}}
\author{巴特尔\\内蒙古日报 \and 张晓燕}
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
项目由\emph{中国移动}、\emph{中国电信}等企业共同建设，详见 \href{https://www.nmg.gov.cn/ai}{自治区政府网站}。

\subsection[数据]{主要数据}
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
中国移动 & 12\,000 \\
\multicolumn{1}{|l|}{中国电信} & 8000 \\ \hline
\end{tabular}
\end{table}

\begin{quote}
``算力就是生产力。''新区负责人表示。
\end{quote}

\end{document}
这里是编辑部的草稿，不应出现。
"""


def blocks_of(text: str) -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.line) for b in latex.read(text).blocks]


def markdown_of(text: str) -> list[str]:
    return latex._Scanner(text).run().split("\n")


def test_the_preamble_gives_title_authors_and_date():
    assert latex.read(REPORT).meta == {"title": "呼和浩特“东数西算”枢纽节点投运", "author": ["巴特尔", "张晓燕"], "date": "2025年10月"}


def test_today_is_no_date_and_one_author_is_a_string():
    result = latex.read("\\title{乌鲁木齐人工智能产业报告}\\author{阿依古丽}\\date{\\today}\n正文。\n")
    assert result.meta == {"title": "乌鲁木齐人工智能产业报告", "author": "阿依古丽"}
    assert [(b.text, b.line) for b in result.blocks] == [("乌鲁木齐人工智能产业报告", 1), ("正文。", 2)]


def test_maketitle_is_the_title_line_and_sections_are_headings():
    headings = [(b.text, b.level, b.line) for b in latex.read(REPORT).blocks if b.kind == "heading"]
    assert headings == [("呼和浩特“东数西算”枢纽节点投运", 1, 8), ("项目进展", 2, 14), ("主要数据", 3, 20)]


def test_without_maketitle_the_title_stands_where_the_body_begins():
    text = "\\documentclass{ctexart}\n\\title{乌鲁木齐发布算力券}\n\\begin{document}\n正文。\n\\end{document}\n"
    assert blocks_of(text) == [("heading", "乌鲁木齐发布算力券", 3), ("paragraph", "正文。", 4)]


def test_a_fragment_without_document_is_all_body():
    text = "\\section*{总体要求}\n到2027年，全市算力规模达到 $3\\times10^{4}$ P，核心产业规模 $\\geq 500$ 亿元，$\\frac{a}{b}$。\n"
    assert blocks_of(text) == [
        ("heading", "总体要求", 1), ("paragraph", "到2027年，全市算力规模达到 3×10^4 P，核心产业规模 ≥ 500 亿元，。", 2),
    ]


def test_dollars_a_paragraph_apart_are_no_math():
    assert blocks_of("单价为 $5，\n\n总价 $6。\n") == [("paragraph", "单价为 5，", 1), ("paragraph", "总价 6。", 3)]


def test_footnotes_citations_labels_and_comments_go_and_the_paragraph_holds_together():
    (paragraph,) = [b for b in latex.read(REPORT).blocks if b.text.startswith("10月15日")]
    assert paragraph.line == 15
    assert paragraph.text == (
        "10月15日，和林格尔新区“东数西算”智算集群投运，共部署 GPU 服务器 1.2 万台，PUE 降至 1.15 以下。\n"
        "项目由*中国移动*、*中国电信*等企业共同建设，详见 [自治区政府网站](https://www.nmg.gov.cn/ai)。"
    )


def test_the_abstract_is_a_paragraph_and_bold_is_markdown():
    assert ("paragraph", "呼和浩特和林格尔新区智算集群正式投运，总算力超过 **5万P**。", 11) in blocks_of(REPORT)


def test_lists_with_labels():
    (listed,) = [b for b in latex.read(REPORT).blocks if b.kind == "list"]
    assert (listed.text, listed.line) == ("- 绿电占比超过 80%；\n- 算力：新增智能算力 3万P—居全国前列；", 22)
    nested = "\\begin{enumerate}\n\\item 建设算力枢纽\n\\begin{itemize}\n\\item 和林格尔\n\\end{itemize}\n\\end{enumerate}\n"
    assert latex.read(nested).blocks[0].text == "1. 建设算力枢纽\n  - 和林格尔"
    indented = "\\begin{itemize}\n    \\item 乌鲁木齐 [注] 数据\n    \\item 呼和浩特\n\\end{itemize}\n后文。\n"
    assert blocks_of(indented) == [("list", "- 乌鲁木齐 [注] 数据\n- 呼和浩特", 2), ("paragraph", "后文。", 5)]
    description = "\\begin{description}\n\\item[算力券] 支持中小企业使用智算资源。\n\\end{description}\n"
    assert latex.read(description).blocks[0].text == "- 算力券：支持中小企业使用智算资源。"


def test_a_table_floats_rows_are_table_rows_at_their_lines_and_its_caption_goes():
    blocks = latex.read(REPORT).blocks
    rows = [(b.text, b.line) for b in blocks if b.meta.get("table") == "row"]
    assert rows == [("企业 | 机架数", 31), ("中国移动 | 12000", 32), ("中国电信 | 8000", 33)]
    assert not any("和林格尔新区数据中心" in b.text for b in blocks)


def test_quotes_and_typographic_quotes():
    assert ("quote", "“算力就是生产力。”新区负责人表示。", 38) in blocks_of(REPORT)
    text = "\\begin{quote}\n算力就是生产力。\n\\end{quote}\n新区负责人表示。\n"
    assert blocks_of(text) == [("quote", "算力就是生产力。", 2), ("paragraph", "新区负责人表示。", 4)]


def test_nothing_after_end_document_is_read_and_lines_are_kept():
    assert not any("草稿" in b.text for b in latex.read(REPORT).blocks)
    assert len(markdown_of(REPORT)) == REPORT.count("\n") + 1


def test_verbatim_environments_are_fenced_code():
    text = "\\begin{lstlisting}[language=Python]\nprint(\"```\")  % 不是注释\n\\end{lstlisting}\n"
    (code,) = latex.read(text).blocks
    assert (code.kind, code.text, code.line, code.meta) == ("code", 'print("```")  % 不是注释', 1, {"lang": "Python"})
    assert latex.read("\\begin{minted}{bash}\nnvidia-smi\n\\end{minted}\n").blocks[0].meta == {"lang": "bash"}


def test_figures_and_display_math_go_without_splitting_the_paragraph():
    text = (
        "如图所示，集群规模持续扩大\n\\begin{figure}[h]\n\\includegraphics[width=.8\\textwidth]{hohhot.png}\n"
        "\\caption{集群外景}\n\\end{figure}\n\\[ P = \\sum_i p_i \\]\n并将继续扩容。\n"
    )
    assert blocks_of(text) == [("paragraph", "如图所示，集群规模持续扩大\n并将继续扩容。", 1)]
    assert len(markdown_of(text)) == text.count("\n") + 1


def test_inline_commands_escapes_and_ties():
    text = (
        "\\noindent 呼和浩特~新区 \\texttt{nvidia-smi} 与 \\url{https://www.nmg.gov.cn/a\\_b} "
        "\\textcolor{red}{算力券} \\unknown{保留} \\vspace{1em}\\LaTeX{} 排版，占比 50\\%，R\\&D 投入，"
        "\\verb|x_1|，A~B，甲\\\\乙，丙\\\\*丁，\\textbf{}。\n"
    )
    assert latex.read(text).blocks[0].text == (
        "呼和浩特新区 `nvidia-smi` 与 https://www.nmg.gov.cn/a_b 算力券 保留 LaTeX 排版，占比 50%，R&D 投入，"
        "`x_1`，A B，甲乙，丙丁，。"
    )


def test_an_unclosed_optional_argument_ends_with_its_line():
    assert blocks_of("乌鲁木齐\\\\[未闭合\n呼和浩特。\n") == [("paragraph", "乌鲁木齐\n呼和浩特。", 1)]


def test_a_control_space_at_a_line_end_keeps_the_newline():
    assert len(markdown_of("呼和浩特\\\n人工智能\n")) == 3


def test_nested_raw_arguments_are_read_once_not_once_per_level():
    text = "\\title{" * 20000 + "呼和浩特" + "}" * 20000 + "\\href{" * 20000 + "}" * 20000 + "正文。\n"
    result = latex.read(text)
    assert ("title" not in result.meta, [b.text for b in result.blocks]) == (True, ["正文。"])


def test_headings_keep_their_line_when_their_title_wraps():
    text = "\\section{乌鲁木齐\n人工智能产业}\n正文。\n"
    assert blocks_of(text) == [("heading", "乌鲁木齐\n人工智能产业".replace("\n", ""), 1), ("paragraph", "正文。", 2)]


def test_latex_is_recognised_by_its_document_class_or_its_commands():
    assert choose_reader(REPORT) is latex
    fragment = "\\section{背景}\n呼和浩特\\textbf{智算}集群\\footnote{注}。\n"
    assert latex.sniff(fragment) > 0.7
    assert choose_reader(fragment) is latex


def test_markdown_and_plain_text_are_not_latex():
    assert latex.sniff("乌鲁木齐举办丝绸之路人工智能论坛\n\n8月21日，论坛开幕，价格为 \\$5。\n") == 0.0
    assert latex.sniff("# LaTeX 入门\n\n```latex\n\\documentclass{article}\n```\n") == 0.0
    assert latex.sniff("# 标题\n\n使用 \\textbf{} 加粗。\n") == 0.0


def test_no_seed_or_unseen_fixture_is_taken_for_latex():
    paths = [*(REPO / "seeds").iterdir(), *(REPO / "tests" / "fixtures" / "unseen").iterdir()]
    texts = [p.read_bytes().decode("utf-8", "replace") for p in paths]
    assert [latex.sniff(text) for text in texts] == [0.0] * len(texts)


_LATEX_SYNTAX = st.sampled_from(
    ["\n", "\n\n", " ", "{", "}", "[", "]", "\\", "%", "$", "$$", "&", "~", "--", "``", "''", "\\\\", "\\(", "\\)",
     "\\[", "\\]", "\\begin{itemize}", "\\end{itemize}", "\\item", "\\begin{tabular}{ll}", "\\end{tabular}",
     "\\begin{verbatim}", "\\end{verbatim}", "\\begin{figure}", "\\end{figure}", "\\begin{quote}", "\\end{quote}",
     "\\section{", "\\textbf{", "\\footnote{", "\\href{", "\\title{", "\\author{", "\\and", "\\maketitle",
     "\\begin{document}", "\\end{document}", "\\verb|", "呼和浩特", "人工智能", "，", "。"]
)


@given(st.one_of(st.text(max_size=400), st.lists(_LATEX_SYNTAX, max_size=80).map("".join)))
def test_any_text_keeps_its_newlines_and_reads_without_raising(text):
    assert len(markdown_of(text)) == text.count("\n") + 1
    result = latex.read(text)
    assert all(1 <= block.line <= text.count("\n") + 1 for block in result.blocks)
