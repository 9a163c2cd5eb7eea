"""Search index benchmark: build time, files, bytes per query, recall/precision.

Not collected by pytest. Run:  python tests/benchmarks/search_bench.py --docs 10000

The corpus is synthetic and deterministic: articles of 2-10 KB assembled from the
sentences of `seeds/`, with made-up organisation names, numbers and places mixed
in so the vocabulary grows with the corpus as a real one does. Each query is
answered by the Python twin of the browser client (`sitegen.search.reference`)
against the built files, counting the bytes it fetches, and compared with a
plain substring scan of every page.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sitegen.search import SearchDocument, build_search_files  # noqa: E402
from sitegen.search.reference import StaticIndex  # noqa: E402
from sitegen.search.text import contains_phrase, normalise, phrases  # noqa: E402

PLACES = "北京 上海 天津 重庆 深圳 广州 杭州 南京 苏州 成都 武汉 西安 香港 澳门 乌镇 潍坊 合肥 长沙 郑州 济南 青岛 厦门 福州 昆明 贵阳 南宁 海口 拉萨 银川 西宁 兰州 呼和浩特 哈尔滨 长春 沈阳 大连 石家庄 太原 南昌".split()
NAME_CHARS = "华创智联科信达云芯博瑞视通源天海光星辰启明鼎新恒盛微腾飞锐捷远航极数算力"
TOPIC_NAMES = ["智能制造", "算力与芯片", "大模型与智能体", "具身智能与机器人", "人工智能治理", "人才与教育"]
TYPICAL_QUERIES = ["算力", "香港", "人工智能", "智能制造", "具身智能", "大模型", "OptoChat", "5000", "世界互联网大会", "机器人产业"]


def seed_sentences() -> list[str]:
    """Sentences of the seed sources with markup removed."""
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted((REPO / "seeds").glob("*")))
    text = re.sub(r"[#*>\[\]()!`|]|https?://\S+", " ", text)
    found = re.findall(r"[^。！？\n]{8,200}[。！？]", text)
    return [s.strip() for s in found if re.search(r"[\u4e00-\u9fff]{4}", s)]


def word_counts(sentences: list[str]) -> list[Counter[str]]:
    """jieba words of each seed sentence, cut once (the analyse stage's job in a real build)."""
    import jieba

    jieba.setLogLevel(60)
    return [Counter(w for w in jieba.lcut(s) if w.strip()) for s in sentences]


def synthetic_documents(count: int, seed: int = 7) -> list[SearchDocument]:
    rng = random.Random(seed)
    sentences = seed_sentences()
    words = word_counts(sentences)
    documents = []
    for number in range(count):
        place = rng.choice(PLACES)
        org = "".join(rng.choice(NAME_CHARS) for _ in range(rng.randint(2, 4))) + rng.choice(["科技", "智能", "集团", "研究院"])
        target = rng.randint(700, 3300)
        paragraphs, length, counts = [], 0, Counter()
        while length < target:
            chosen = rng.sample(range(len(sentences)), rng.randint(2, 6))
            extra = f"{place}{org}第{rng.randint(1, 40)}期项目投资{rng.randint(1, 9999)}万元，版本V{rng.randint(1, 9)}.{rng.randint(0, 9)}。"
            paragraph = "".join(sentences[i] for i in chosen) + extra
            paragraphs.append(paragraph)
            length += len(paragraph)
            for i in chosen:
                counts.update(words[i])
        year = rng.choice([2023, 2024, 2025, 2026])
        title = f"{place}{org}{sentences[rng.randrange(len(sentences))][:rng.randint(6, 16)]}"
        documents.append(
            SearchDocument(
                url=f"articles/a{number:05d}/",
                title=title,
                kind="article",
                text="\n".join(paragraphs),
                date=f"{year}-{rng.randint(1, 12):02d}",
                region=place,
                regions=(place, "中国"),
                topics=tuple(rng.sample(TOPIC_NAMES, rng.randint(1, 2))),
                year=year,
                words=dict(counts),
            )
        )
    return documents


def sample_queries(documents: list[SearchDocument], count: int, seed: int = 11) -> list[str]:
    """Windows of 1-6 characters cut from random pages, plus the typical queries."""
    rng = random.Random(seed)
    queries = list(TYPICAL_QUERIES)
    while len(queries) < count:
        text = rng.choice(documents).text
        start = rng.randrange(max(1, len(text) - 6))
        window = text[start : start + rng.randint(1, 6)]
        if phrases(window):
            queries.append(window)
    return queries


def measure_queries(files: dict[str, bytes], queries: list[str], top: int = 10) -> list[tuple[str, int, int, int, int]]:
    """(query, hits, bytes for the result list, bytes with the first `top` result pages, gzip bytes)."""
    rows = []
    for query in queries:
        index = StaticIndex(files.__getitem__)
        result = index.search(query)
        listed = set(index.fetched)
        for number in result.documents[:top]:
            index.document(number)
        fetched = set(index.fetched)
        raw = sum(len(files[p]) for p in listed)
        full = sum(len(files[p]) for p in fetched)
        zipped = sum(len(gzip.compress(files[p], 6)) for p in fetched)
        rows.append((query, len(result.documents), raw, full, zipped))
    return rows


def check_exactness(files, documents, queries) -> tuple[int, int, int]:
    """(expected hits, missed, false) over all queries, against a substring scan."""
    texts = [normalise(d.title + "\n" + d.text) for d in documents]
    index = StaticIndex(files.__getitem__)
    expected_total = missed = false = 0
    for query in queries:
        wanted = phrases(query)
        expected = {i for i, t in enumerate(texts) if wanted and all(contains_phrase(t, p) for p in wanted)}
        result = index.search(query)
        got = set(result.documents) if not result.replaced else set()
        expected_total += len(expected)
        missed += len(expected - got)
        false += len(got - expected)
    return expected_total, missed, false


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    args = parser.parse_args()

    started = time.perf_counter()
    documents = synthetic_documents(args.docs)
    corpus_chars = sum(len(d.text) + len(d.title) for d in documents)
    print(f"corpus: {len(documents)} documents, {corpus_chars / 1e6:.1f} M characters "
          f"(generated in {time.perf_counter() - started:.1f} s)")

    before, started = os.times(), time.perf_counter()
    files = build_search_files(documents, jobs=args.jobs)
    build_seconds, after = time.perf_counter() - started, os.times()
    cpu = after.user + after.children_user - before.user - before.children_user
    sizes = {path: len(data) for path, data in files.items()}
    largest = max(sizes, key=sizes.get)
    print(f"index build: {build_seconds:.2f} s wall, {cpu:.2f} s CPU (jobs={args.jobs or 'auto'}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"files: {len(files)} ({sum(1 for p in files if '/p/' in p)} postings shards, "
          f"{sum(1 for p in files if '/x/' in p)} positions shards, "
          f"{sum(1 for p in files if '/d/' in p)} document shards)")
    print(f"total: {sum(sizes.values()) / 1e6:.1f} MB; largest file: {largest} {sizes[largest] / 1e3:.1f} KB; "
          f"manifest {sizes['search/manifest.json'] / 1e3:.1f} KB, query.json {sizes['search/query.json'] / 1e3:.1f} KB")
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak memory (largest process): {peak / 1024:.0f} MB")

    queries = sample_queries(documents, args.queries)
    rows = measure_queries(files, queries)
    print("\nquery                 hits   list KB  +10 pages KB  gzip KB")
    for query, hits, raw, full, zipped in rows[: len(TYPICAL_QUERIES)]:
        print(f"{query:<20} {hits:>6} {raw / 1e3:>9.1f} {full / 1e3:>13.1f} {zipped / 1e3:>8.1f}")
    short = [r for r in rows if 2 <= sum(1 for _ in re.finditer(r"\S", r[0])) <= 4]
    for label, column in (("result list", 2), ("with 10 result pages", 3), ("gzip, with pages", 4)):
        values = sorted(r[column] for r in short)
        print(f"2-4 char queries ({len(short)}), {label}: median {statistics.median(values) / 1e3:.1f} KB, "
              f"p95 {values[int(len(values) * 0.95) - 1] / 1e3:.1f} KB, max {values[-1] / 1e3:.1f} KB")

    started = time.perf_counter()
    expected, missed, false = check_exactness(files, documents, queries)
    recall = 1 - missed / expected if expected else 1.0
    print(f"\nexactness over {len(queries)} queries ({time.perf_counter() - started:.0f} s): "
          f"{expected} expected hits, {missed} missed, {false} false -> recall {recall:.2%}, "
          f"false hits {false}")


if __name__ == "__main__":
    main()
