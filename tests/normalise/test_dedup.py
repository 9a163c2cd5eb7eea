"""Near-duplicate detection (MinHash + LSH) and lossless merging.

Thresholds were chosen from the Jaccard matrix of all 13 seed articles
(4-character shingles of the punctuation-free text), printed once:

                000:5  001:1  002:3  002:19 002:63 002:89 003:9  003:46 003:69 003:106 004:3  004:6  004:9
    000:5       1.000  0.007  0.002  0.003  0.002  0.002  0.003  0.000  0.001  0.002   0.003  0.003  0.002
    001:1              1.000  0.003  0.005  0.006  0.004  0.003  0.001  0.003  0.003   0.007  0.008  0.006
    002:3                     1.000  0.017  0.017  0.067  0.006  0.000  0.003  0.003   0.004  0.003  0.001
    002:19                           1.000  0.021  0.032  0.004  0.000  0.000  0.006   0.004  0.005  0.003
    002:63                                  1.000  0.018  0.003  0.000  0.001  0.002   0.003  0.003  0.003
    002:89                                         1.000  0.002  0.000  0.000  0.005   0.013  0.004  0.002
    003:9                                                 1.000  0.006  0.003  0.014   0.010  0.006  0.005
    003:46                                                       1.000  0.002  0.000   0.000  0.002  0.001
    003:69                                                              1.000  0.000   0.000  0.001  0.001
    003:106                                                                    1.000   0.003  0.005  0.004
    004:3                                                                              1.000  0.029  0.036
    004:6                                                                                     1.000  0.457
    004:9                                                                                            1.000

The two re-worded 中国基金报 pieces (004:6, 004:9) have Jaccard 0.457 (containment
0.638, MinHash estimate 0.517); the most similar different articles are two
新华社 dispatches from the same conference, 0.067 (containment at most 0.197).
JACCARD_THRESHOLD 0.30 and CONTAINMENT_THRESHOLD 0.70 sit well between.

For merging, a sentence of the other version counts as present when >= 0.75 of
its character bigrams are in the base: the 11:24 piece's restatements of the
11:21 piece measured 0.80-1.00, its three new facts 0.33, 0.53 and 0.69.
"""

import random
from pathlib import Path

from sitegen.chinese.sentences import split_sentences
from sitegen.model import Article, DateSpan, Paragraph, PartialDate, SourceRef
from sitegen.normalise import merge_duplicates, normalise_source
from sitegen.normalise.clean import text_key
from sitegen.normalise.dedup import (
    JACCARD_THRESHOLD,
    SENTENCE_PRESENT,
    article_key,
    candidate_pairs,
    duplicate_clusters,
    estimated_jaccard,
    jaccard,
    shingle_hashes,
    shingles,
    signature,
    sketch,
)
from sitegen.read import read_source

ROOT = Path(__file__).resolve().parents[2]


def article(text, path="seeds/a.txt", line=1, date=None, paragraphs=None):
    published = DateSpan(PartialDate(*date[:3]), text=date[3]) if date else None
    paras = paragraphs or [Paragraph("p1", "paragraph", text, path, line)]
    return Article(slug="", title="t", paragraphs=paras, sources=[SourceRef(path, line, "t", None, published)],
                   published=published)


def seed_articles():
    found = []
    for path in sorted((ROOT / "seeds").iterdir()):
        found += normalise_source(read_source(path, root=ROOT, max_bytes=10**7))[0]
    return found


def test_shingle_hashes_match_character_shingles():
    key = "人工智能产业大会在深圳开幕AI"
    assert len(shingle_hashes(key)) == len(shingles(key)) == len(key) - 3
    assert shingle_hashes(key) == shingle_hashes(key)
    assert shingle_hashes("") == set() and len(shingle_hashes("人工")) == 1


def test_minhash_estimate_follows_the_real_jaccard():
    base = "香港特区政府已预留十亿港元成立香港人工智能研发院以促进上游研发中下游成果转化及应用场景拓展" * 3
    edited = base.replace("研发院", "研究院").replace("上游", "前沿")
    a, b = shingle_hashes(base), shingle_hashes(edited)
    assert abs(estimated_jaccard(signature(a), signature(b)) - jaccard(a, b)) < 0.2
    assert estimated_jaccard(signature(a), signature(a)) == 1.0


def test_seed_articles_only_the_two_fund_news_pieces_are_near_duplicates():
    articles = seed_articles()
    clusters = duplicate_clusters(articles)
    assert [[(articles[i].publisher, articles[i].published.text) for i in c] for c in clusters] == [
        [("中国基金报", "2026-01-18 11:24"), ("中国基金报", "2026-01-18 11:21")]
    ]
    keys = [shingle_hashes(article_key(a)) for a in articles]
    first, second = clusters[0]
    assert jaccard(keys[first], keys[second]) > JACCARD_THRESHOLD
    others = [jaccard(keys[i], keys[j]) for i in range(len(keys)) for j in range(i + 1, len(keys))
              if {i, j} != {first, second}]
    assert max(others) < JACCARD_THRESHOLD / 3


def test_merged_fund_news_keeps_the_earlier_base_cites_both_and_loses_no_sentence():
    articles = seed_articles()
    later, earlier = [a for a in articles if a.publisher == "中国基金报"]
    (merged,) = [a for a in merge_duplicates(articles) if len(a.sources) > 1]
    assert merged.paragraphs[: len(earlier.paragraphs)] == earlier.paragraphs
    assert [(s.line, s.published.text) for s in merged.sources] == [(9, "2026-01-18 11:21"), (6, "2026-01-18 11:24")]
    merged_bigrams = shingles(text_key(merged.text), 2)
    for paragraph in later.paragraphs:
        if paragraph.kind == "heading":
            continue  # a section label is kept only above new text it introduces
        for line in paragraph.text.split("\n"):
            for sentence in split_sentences(line):
                own = shingles(text_key(sentence), 2)
                assert len(own & merged_bigrams) / len(own) >= SENTENCE_PRESENT, sentence
    assert [p.anchor for p in merged.paragraphs] == [f"p{i}" for i in range(1, len(merged.paragraphs) + 1)]
    appended = merged.paragraphs[len(earlier.paragraphs):]
    assert appended and all((p.source_path, p.source_line) == (later.paragraphs[0].source_path, 8) for p in appended)


def test_merge_keeps_list_items_on_their_own_lines():
    shared = "- 香港总算力目前已达5000 PFLOPS 其中数码港人工智能超算中心提供3000 PFLOPS算力 是支撑AI发展的关键枢纽\n" \
             "- 香港特区政府已预留10亿港元成立香港人工智能研发院 以促进AI的上游研发、中下游成果转化及应用场景拓展"
    base = article("", date=(2026, 1, 18, "2026-01-18"), paragraphs=[Paragraph("p1", "list", shared, "a", 1)])
    other = article("", path="b", paragraphs=[Paragraph(
        "p1", "list", shared + "\n- 河套深港科技创新合作区香港园区已正式启用\n- 北部都会区沙岭将建设大数据基础设施群", "b", 1)])
    merged = merge_duplicates([base, other, base])  # the base twice: exact copies merge too
    assert len(merged) == 1 and len(merged[0].sources) == 2
    assert merged[0].paragraphs[-1].text == "- 河套深港科技创新合作区香港园区已正式启用\n- 北部都会区沙岭将建设大数据基础设施群"


def test_earlier_publication_is_the_base_then_the_longer_text():
    text = "世界人工智能大会首次在香港举办年度旗舰活动，标志着内地前沿产业实践与香港国际枢纽功能完成历史性战略握手。" * 4
    late = article(text, "seeds/late.txt", date=(2026, 1, 18, "2026-01-18 11:24"))
    early = article(text + "香港将设立人工智能研发院。", "seeds/early.txt", date=(2026, 1, 18, "2026-01-18 11:21"))
    (merged,) = merge_duplicates([late, early])
    assert [s.path for s in merged.sources] == ["seeds/early.txt", "seeds/late.txt"]
    (merged,) = merge_duplicates([article(text, "short"), article(text + "另有新句。", "long")])
    assert merged.sources[0].path == "long"


def test_truncated_excerpt_merges_with_the_full_article():
    full = "".join(f"第{i}段：香港特区政府以强化基建加应用导向为重心推进人工智能发展，资助设立{i}所研发实验室。" for i in range(40))
    excerpt = full[: len(full) // 3] + "..."
    assert len(merge_duplicates([article(full, "full"), article(excerpt, "excerpt")])) == 1


def test_different_articles_on_the_same_subject_stay_apart():
    a = article("香港总算力目前已达5000 PFLOPS，数码港人工智能超算中心提供3000 PFLOPS算力，是支撑人工智能发展的关键枢纽。" * 2)
    b = article("北京将构建云端、边缘、终端协同的多层次算力体系，建设国家大模型语料库和可信基础设施，打造高质量数据集。" * 2)
    assert len(merge_duplicates([a, b])) == 2


def test_announcements_in_the_same_phrasing_with_other_dates_and_sums_stay_apart():
    """Official phrasing repeats from city to city; the dates and sums say which
    story it is. A re-post with a date written another way is still the same."""
    shenzhen = article("9月4日，深圳市政府宣布设立总规模100亿元的人工智能产业投资基金，重点投向大模型、智能终端和AI芯片。")
    xiamen = article("10月11日，厦门市政府宣布设立总规模20亿元的人工智能产业投资基金，重点投向大模型与智能终端企业。")
    assert jaccard(shingles(text_key(shenzhen.paragraphs[0].text)), shingles(text_key(xiamen.paragraphs[0].text))) > 0.3
    assert len(merge_duplicates([shenzhen, xiamen])) == 2
    repost = article("2025-09-04，深圳市政府宣布设立总规模100亿元的人工智能产业投资基金，重点投向大模型、智能终端和AI芯片等领域。")
    assert len(merge_duplicates([shenzhen, repost])) == 1


def test_merging_does_not_modify_its_input():
    text = "世界人工智能大会首次在香港举办年度旗舰活动，标志着香港国际枢纽功能完成历史性战略握手。" * 3
    first, second = article(text, "a"), article(text + "新的一句话在这里。", "b")
    merge_duplicates([first, second])
    assert len(first.sources) == 1 and len(first.paragraphs) == 1 and len(second.sources) == 1


def random_text(seed, length):
    rng = random.Random(seed)
    return "".join(chr(0x4E00 + rng.randrange(5000)) for _ in range(length))


def test_candidates_come_from_shared_buckets_not_all_pairs():
    texts = [random_text(i, 300) for i in range(200)]
    texts.append(texts[7] + "补充一句。")
    sketches = [sketch(t) for t in texts]
    pairs = candidate_pairs(sketches)
    assert (7, 200) in pairs
    assert len(pairs) < 50  # far fewer than the 20,100 pairs of all-pairs comparison


def test_ten_thousand_articles_are_clustered_without_comparing_all_pairs():
    """Scale: 10,000 articles of 600 characters with 50 planted near-duplicates.
    No timing is asserted; an all-pairs step would take hours, not seconds."""
    articles = [article(random_text(i, 600), f"s{i:05d}") for i in range(10_000)]
    for i in range(0, 10_000, 200):
        articles[i + 1] = article(random_text(i, 600)[:560] + "这是改写的结尾。", f"s{i + 1:05d}")
    clusters = duplicate_clusters(articles)
    assert sorted(clusters) == [[i, i + 1] for i in range(0, 10_000, 200)]


# --------------------------------------------------------------------------- kept up to date


def random_article(rng: random.Random, number: int) -> Article:
    """A version of one of six stories: some of its sentences, maybe a sentence of
    its own. Versions of a story are often near-duplicates, of two stories never."""
    story = random.Random(rng.randrange(6))
    sentences = ["".join(chr(story.randint(0x4E00, 0x9FA5)) for _ in range(20)) + "。" for _ in range(10)]
    kept = [sentence for sentence in sentences if rng.random() < 0.8]
    if rng.random() < 0.5:
        kept.append(f"第{number}篇独有的补充说明{rng.randint(0, 9) * 111}。")
    return article("".join(kept) or "空")


def test_a_duplicate_index_kept_across_edits_finds_the_clusters_of_a_fresh_search(monkeypatch):
    from sitegen.normalise import dedup

    monkeypatch.setattr(dedup, "FULL_BUCKET", 3)  # large buckets, at a test's size
    rng = random.Random(7)
    corpus = {(f"s{n:02d}", 0): random_article(rng, n) for n in range(24)}
    for number, key in enumerate(sorted(corpus)):  # dated, so merging picks a base by date
        corpus[key].published = DateSpan(PartialDate(2025, 1 + number % 12, 1 + number % 28), text="")
    index = dedup.DuplicateIndex()
    for step in range(40):
        keys = sorted(corpus)
        articles = [corpus[key] for key in keys]
        sketches = [dedup.article_sketch(a) for a in articles]
        clusters = index.clusters(keys, articles, sketches)
        assert clusters == duplicate_clusters(articles, sketches), step
        assert merge_duplicates(articles, sketches, clusters, index.merge) == merge_duplicates(articles, sketches)
        action = rng.random()
        if action < 0.6:
            key = rng.choice(keys)
            corpus[key] = random_article(rng, step)
        elif action < 0.8:
            corpus[(f"s{rng.randint(0, 60):02d}", rng.randint(0, 1))] = random_article(rng, step)
        elif len(corpus) > 2:
            del corpus[rng.choice(keys)]


def test_a_duplicate_index_rechecks_only_the_buckets_of_what_changed(monkeypatch):
    from sitegen.normalise import dedup

    rng = random.Random(3)
    keys = [(f"s{n:02d}", 0) for n in range(30)]
    articles = [random_article(rng, n) for n in range(30)]
    index = dedup.DuplicateIndex()
    index.clusters(keys, articles, [dedup.article_sketch(a) for a in articles])
    checked = []
    near = dedup._near
    monkeypatch.setattr(dedup, "_near", lambda *args: checked.append(1) or near(*args))
    articles[5] = random_article(rng, 99)
    index.clusters(keys, articles, [dedup.article_sketch(a) for a in articles])
    assert 0 < len(checked) < len(candidate_pairs([dedup.article_sketch(a) for a in articles]))


def test_a_story_and_its_repost_in_the_other_script_are_one_article_citing_both():
    simplified = ("数码港今日宣布，人工智能超算中心第二期扩展工程已经完成，总算力提升至3000 PFLOPS，可支援更多本地初创企业训练大模型。"
                  "数码港行政总裁表示，扩展后的超算中心将优先支持本地大学及研发机构的项目。")
    traditional = ("數碼港今日宣布，人工智能超算中心第二期擴展工程已經完成，總算力提升至3000 PFLOPS，可支援更多本地初創企業訓練大模型。"
                   "數碼港行政總裁表示，擴展後的超算中心將優先支持本地大學及研發機構的項目。")
    merged = merge_duplicates([article(simplified, "seeds/s.txt"), article(traditional, "seeds/t.txt")])
    assert len(merged) == 1
    assert [s.path for s in merged[0].sources] == ["seeds/s.txt", "seeds/t.txt"]
    assert [p.text for p in merged[0].paragraphs] == [simplified]  # nothing of the repost is new
