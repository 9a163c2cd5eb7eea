"""The analyse stage's entry points: per-article facts, then corpus steps."""

from __future__ import annotations

import sitegen.analyse.article as analyse
from sitegen.analyse import analyse_article, analyse_corpus, apply_corpus
from sitegen.analyse.tokens import make_tokenizer, tokenize_article
from sitegen.model import Article, ArticleFacts, DateSpan, Entity, Paragraph, PartialDate, PlaceMention, SourceRef
from sitegen.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()


def article(slug: str, title: str, *texts: str) -> Article:
    return Article(
        slug=slug,
        title=title,
        paragraphs=[Paragraph(f"p{i}", "paragraph", text, f"{slug}.md", i) for i, text in enumerate(texts, 1)],
        sources=[SourceRef(f"{slug}.md", 1, title)],
        published=DateSpan(PartialDate(2025, 5, 8), text="2025-05-08"),
    )


SHENZHEN = article(
    "shenzhen",
    "AI赋能智能制造产业大会在深圳开幕",
    "2025“AI+”赋能智能制造产业大会近日在深圳盛大开幕，汇聚了政府、企业、学术界和研究机构的多方代表，共同探讨人工智能与智能制造融合的最新趋势与挑战。",
    "国家智能制造专家委员会主任在开幕式上强调，AI已成为推动制造业高质量发展的核心驱动力。深圳市政府代表详细解读了当地AI产业扶持政策。",
    "大会期间举行了“新材料AI创新平台”揭牌仪式，展示了智能机器人、3D打印技术、工业物联网解决方案、数字孪生系统等智能制造领域的落地成果。",
)
NANJING = article(
    "nanjing",
    "光子专用大模型OptoChat AI发布",
    "在南京举行的发布会上，南智光电联合生态伙伴正式推出了光子专用大模型OptoChat AI。该模型专注于光子行业全产业链。",
    "OptoChat AI基于超过30万份权威文献和工艺数据进行训练，相较于通用大模型，OptoChat AI在光子领域表现更为专业可靠。",
)
TIANJIN = article(
    "tianjin",
    "深化中欧产业创新与绿色合作",
    "我始终认为，绿色低碳、可持续发展是中欧合作的重要契合点。当下天津绿电产业发展势头十分迅猛，在发电、储能等新能源领域成果丰硕、发展迅速。",
    "中欧绿色合作有着巨大的挖掘潜力，合作范畴不能仅局限于清洁能源供给端，更要贯穿企业全生产链条。天津坐拥世界级港口，且毗邻首都北京。",
    "中国欧盟商会主席彦辞表示，欧盟企业将持续深化智能制造、绿色低碳、科创研发等重点领域的务实合作。",
)
CORPUS = [SHENZHEN, NANJING, TIANJIN]


def test_analyse_corpus_gives_each_article_its_facts_in_order():
    analysed = analyse_corpus(CORPUS, TAXONOMY, summary_chars=120)
    assert [a.article.slug for a in analysed] == ["shenzhen", "nanjing", "tianjin"]
    shenzhen, nanjing, tianjin = (a.facts for a in analysed)

    assert shenzhen.topics[0].topic == "intelligent-manufacturing"
    assert "large-models-agents" in [t.topic for t in nanjing.topics]
    assert {"green-low-carbon", "international-cooperation"} <= {t.topic for t in tianjin.topics}

    assert "智能制造" in shenzhen.keywords and "OptoChat" in nanjing.keywords
    assert tianjin.primary_region == "tianjin" and nanjing.primary_region == "nanjing"
    assert any(e.name == "彦辞" and e.kind == "person" for e in tianjin.entities)
    assert any(f.unit and f.value == 300_000 for f in nanjing.figures)


def test_every_summary_and_ranked_sentence_is_verbatim_within_budget():
    for item in analyse_corpus(CORPUS, TAXONOMY, summary_chars=120):
        texts = {p.anchor: p.text for p in item.article.paragraphs}
        assert item.facts.summary
        assert sum(len(s.text) for s in item.facts.summary) <= 120
        for ref in [*item.facts.summary, *item.facts.ranked_sentences]:
            assert ref.article == item.article.slug
            assert ref.text in texts[ref.paragraph]


def test_each_article_is_tokenised_exactly_once(monkeypatch):
    calls: list[str] = []
    original = analyse.tokenize_article

    def counting(article, tokenizer):
        calls.append(article.slug)
        return original(article, tokenizer)

    monkeypatch.setattr(analyse, "tokenize_article", counting)
    analyse_corpus(CORPUS, TAXONOMY)
    assert sorted(calls) == ["nanjing", "shenzhen", "tianjin"]


def test_per_article_facts_are_a_pure_function_of_the_article():
    tokenizer = make_tokenizer(TAXONOMY)
    first = analyse_article(NANJING, tokenize_article(NANJING, tokenizer), TAXONOMY, tokenizer)
    again = analyse_article(NANJING, tokenize_article(NANJING, tokenizer), TAXONOMY, tokenizer)
    assert first == again
    assert first.term_counts and first.keywords == [] and first.topics == []


def test_corpus_steps_need_only_the_per_article_facts():
    tokenizer = make_tokenizer(TAXONOMY)
    facts = [analyse_article(a, tokenize_article(a, tokenizer), TAXONOMY, tokenizer) for a in CORPUS]
    assert [f.keywords for f in apply_corpus(facts, TAXONOMY)] == [
        a.facts.keywords for a in analyse_corpus(CORPUS, TAXONOMY)
    ]


def test_other_articles_count_in_idf_without_getting_facts():
    tokenizer = make_tokenizer(TAXONOMY)
    nanjing = analyse_article(NANJING, tokenize_article(NANJING, tokenizer), TAXONOMY, tokenizer)
    alone = apply_corpus([nanjing], TAXONOMY)
    # In a corpus where every other article talks about 大模型, it no longer sets Nanjing apart.
    crowd = apply_corpus([nanjing], TAXONOMY, [{"大模型": 3}] * 5)
    assert len(crowd) == 1
    assert crowd[0].keywords.index("大模型") > alone[0].keywords.index("大模型")


def test_an_empty_corpus_gives_nothing():
    assert analyse_corpus([], TAXONOMY) == []


def test_corpus_steps_kept_across_edits_give_what_apply_corpus_gives():
    """Random term counts over a vocabulary with topic keywords; each round edits,
    adds or removes articles (the same facts object stands for an unchanged one)."""
    import random

    from sitegen.analyse.corpus import CorpusSteps
    from sitegen.model import ArticleFacts

    vocabulary = ["智能制造", "算力", "芯片", "大模型", "机器人", "具身智能", "数据", "产业", "发布", "平台",
                  "深圳", "香港", "政策", "投资", "人工智能", "开源", "工厂", "创新", "企业", "研发"]
    rng = random.Random(5)

    def facts() -> ArticleFacts:
        return ArticleFacts(term_counts={t: rng.randint(1, 6) for t in rng.sample(vocabulary, rng.randint(1, 12))})

    corpus = [facts() for _ in range(60)]
    steps = CorpusSteps(TAXONOMY)
    for round_ in range(30):
        assert steps.apply(corpus) == apply_corpus(corpus, TAXONOMY), round_
        action = rng.random()
        if action < 0.7:
            corpus[rng.randrange(len(corpus))] = facts()
        elif action < 0.85:
            corpus.insert(rng.randrange(len(corpus)), facts())
        else:
            corpus.pop(rng.randrange(len(corpus)))


def test_corpus_steps_weigh_again_only_articles_sharing_a_changed_term(monkeypatch):
    from sitegen.analyse import corpus as corpus_module
    from sitegen.model import ArticleFacts

    corpus = [ArticleFacts(term_counts={"算力": 2, f"词{n}": 1}) for n in range(40)]
    corpus.append(ArticleFacts(term_counts={"芯片": 3, "深圳": 2, "共同": 1}))
    steps = corpus_module.CorpusSteps(TAXONOMY)
    before = steps.apply(corpus)
    weighed = []
    weigh = corpus_module._weighted
    monkeypatch.setattr(corpus_module, "_weighted", lambda f, *rest: weighed.append(f) or weigh(f, *rest))
    corpus[0] = ArticleFacts(term_counts={"算力": 2, "词0": 1, "共同": 1})
    kept_up = steps.apply(corpus)
    assert weighed == [corpus[0], corpus[-1]]  # the edited article, and the one sharing 共同
    assert kept_up == apply_corpus(corpus, TAXONOMY)
    assert kept_up[-1] is before[-1]  # weighed again to the same keywords and topics: the same object


def test_a_word_of_a_persons_english_name_is_no_keyword():
    facts = ArticleFacts(
        term_counts={"Eddie": 5, "Alibaba": 4, "chip": 3, "cloud": 2},
        entities=[Entity("Eddie Wu", "person"), Entity("王磊", "person")],
    )
    (weighted,) = apply_corpus([facts], load_taxonomy())
    assert "Eddie" not in weighted.keywords and "Alibaba" in weighted.keywords


def test_a_piece_of_a_transliterated_name_is_no_keyword():
    facts = ArticleFacts(
        term_counts={"加姆": 4, "阿卜杜拉": 3, "沙特": 3, "峰会": 2},
        entities=[Entity("阿卜杜拉·加姆迪", "person")],
    )
    (weighted,) = apply_corpus([facts], load_taxonomy())
    assert not {"加姆", "阿卜杜拉"} & set(weighted.keywords) and {"沙特", "峰会"} <= set(weighted.keywords)


def test_the_kind_word_ending_an_english_organisations_name_and_a_persons_title_are_no_keywords():
    facts = ArticleFacts(
        term_counts={"Centre": 5, "Supercomputing": 4, "Holdings": 4, "Tencent": 3, "cluster": 2, "Deputy": 4},
        entities=[Entity("National Supercomputing Centre", "org"), Entity("Tencent Holdings", "org"),
                  Entity("Lawrence Wong", "person", titles=["Deputy Prime Minister"])],
    )
    (weighted,) = apply_corpus([facts], load_taxonomy())
    assert not {"Centre", "Holdings", "Deputy"} & set(weighted.keywords)
    assert {"Supercomputing", "Tencent"} <= set(weighted.keywords)


def test_a_word_of_a_places_english_name_is_no_keyword():
    facts = ArticleFacts(
        term_counts={"Arab": 4, "Emirates": 3, "gigawatt": 3, "Macron": 2},
        places=[PlaceMention("uae", "United Arab Emirates", 1)],
    )
    (weighted,) = apply_corpus([facts], load_taxonomy())
    assert not {"Arab", "Emirates"} & set(weighted.keywords)
    assert {"gigawatt", "Macron"} <= set(weighted.keywords)


def test_month_names_are_no_keywords():
    text = "The summit opened on February 10. In February, the fund grew; by March the gigawatt campus was built."
    (analysed,) = analyse_corpus([article("paris", "Summit in February", text)], TAXONOMY)
    assert not {"February", "March"} & set(analysed.facts.keywords) and "gigawatt" in analysed.facts.keywords


def test_the_corpus_steps_and_the_renderer_import_no_per_article_step():
    """The main process of a cold build imports the renderer and the corpus steps
    while its workers analyse each article; the per-article steps (places,
    entities, events, figures) would add ~0.1 s to its critical path. In a
    fresh interpreter."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "import sitegen.render\n"
        "from sitegen.analyse.corpus import CorpusSteps, apply_corpus\n"
        "steps = ('entities', 'events', 'figures', 'places', 'article')\n"
        "print(sorted(name for name in sys.modules if name.removeprefix('sitegen.analyse.') in steps))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_words_for_today_are_no_keywords():
    text = "数字政策办公室今日发布指引。今日起，指引适用于所有部门。专员表示，指引今日生效。"
    (analysed,) = analyse_corpus([article("release", "数字政策办公室今日发布指引", text)], TAXONOMY)
    assert "今日" not in analysed.facts.keywords and "指引" in analysed.facts.keywords
