"""Traditional-Chinese articles: analysed through a Simplified view, quoted verbatim."""

from __future__ import annotations

from sitegen.analyse import analyse_article
from sitegen.analyse.tokens import make_tokenizer, tokenize_article
from sitegen.analyse.traditional import simplified_view
from sitegen.chinese.dates import parse_date
from sitegen.model import Article, Paragraph
from sitegen.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
TOKENIZER = make_tokenizer(TAXONOMY)
MACAO = (
    "第二屆澳門人工智能產業論壇9月11日在澳門威尼斯人金光會展中心舉行，來自內地、香港和葡語國家的300多名專家學者出席。",
    "特區政府將繼續支持人工智能等新興產業在澳門落地。澳門科學技術發展基金今年將投入約3億澳門元，資助人工智能相關研發項目。",
)


def _article(title: str, *texts: str) -> Article:
    paragraphs = [Paragraph(f"p{i}", "paragraph", text, "macau.txt", i) for i, text in enumerate(texts, 1)]
    return Article("macau", title, paragraphs, [], published=parse_date("2025年9月12日"))


def _facts(article: Article):
    return analyse_article(article, tokenize_article(article, TOKENIZER), TAXONOMY, TOKENIZER)


def test_a_traditional_article_is_placed_dated_and_measured():
    article = _article("澳門舉辦人工智能論壇", *MACAO)
    facts = _facts(article)
    assert facts.primary_region == "macau"
    event = facts.events[0]
    assert (event.when.iso(), event.title) == ("2025-09-11", "澳門舉辦人工智能論壇")
    money = next(f for f in facts.figures if f.unit == "澳门元")
    assert (money.text, money.value) == ("約3億澳門元", 3e8)


def test_quotes_of_a_traditional_article_are_in_its_own_characters():
    article = _article("澳門舉辦人工智能論壇", *MACAO)
    facts = _facts(article)
    text = article.title + "\n" + article.text
    quoted = [s.text for s in facts.summary] + [f.sentence.text for f in facts.figures] + [p.name for p in facts.places]
    assert quoted and all(piece in text for piece in quoted)


def test_a_simplified_article_has_no_view():
    assert simplified_view(_article("澳门举办人工智能论坛", "第二届澳门人工智能产业论坛在澳门举行。")) is None
