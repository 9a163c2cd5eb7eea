"""The files of the index: layout, sizes, determinism, and what one query fetches."""

import json

from sitegen.search import build_search_files, index
from sitegen.search.index import MAX_STORED_CHARS, bucket_of, choose_buckets, shard_name
from sitegen.search.reference import StaticIndex


def test_every_file_lives_under_search(corpus):
    files = build_search_files(corpus, jobs=1)
    assert all(path.startswith("search/") for path in files)
    assert {"search/manifest.json", "search/query.json"} <= files.keys()


def test_each_term_sits_in_the_shard_its_hash_names(corpus):
    files = build_search_files(corpus, jobs=1)
    manifest = json.loads(files["search/manifest.json"])
    shards = {p: json.loads(d) for p, d in files.items() if p.startswith("search/p/")}
    assert len(shards) == manifest["buckets"]
    for path, shard in shards.items():
        for term in shard:
            assert path == "search/p/" + shard_name(bucket_of(term, manifest["buckets"]))


def test_document_shards_hold_each_page_once_in_order(corpus):
    files = build_search_files(corpus, jobs=1)
    manifest = json.loads(files["search/manifest.json"])
    rows = []
    for number in range(len(files)):
        path = f"search/d/{number}.json"
        if path not in files:
            break
        shard = json.loads(files[path])
        assert len(shard) <= manifest["docsPerShard"]
        rows.extend(shard)
    assert [row[0] for row in rows] == [d.url for d in corpus]
    assert rows[0][:5] == ["a/hk/", "香港算力规划", "article", "2026-01-23", "香港"]


def test_two_builds_are_byte_identical_with_or_without_workers(corpus, page):
    documents = corpus * 3 + [page(f"n/{i}/", f"第{i}篇", f"内容{i}与算力") for i in range(20)]
    first = build_search_files(documents, jobs=1)
    assert build_search_files(documents, jobs=1) == first
    assert build_search_files(documents, jobs=2) == first
    assert build_search_files(documents, jobs=3) == first


def test_worker_ranges_split_the_text_not_the_page_count(page):
    long_pages = [page(f"r/{i}/", "区域", "算力" * 500) for i in range(10)]
    short_pages = [page(f"e/{i}/", "人物", "算力") for i in range(990)]
    documents = long_pages + short_pages
    bounds = index._range_bounds(documents, 2)
    assert bounds[0] == 0 and bounds[-1] == len(documents)
    assert bounds == sorted(bounds)
    assert bounds[1] < 50  # the ten long pages alone are most of the text
    assert index._range_bounds([], 3) == [0, 0, 0, 0]


def test_buckets_grow_with_the_index_and_stay_powers_of_two():
    sizes = [choose_buckets(n) for n in (0, 10_000, 1_000_000, 100_000_000, 10**12)]
    assert sizes == sorted(sizes)
    assert sizes[0] == 1 and sizes[-1] == 4096
    assert all(size & (size - 1) == 0 for size in sizes)


def test_a_query_fetches_only_its_own_shards(page):
    documents = [page(f"n/{i}/", f"标题{i}", f"第{i}条新闻讲述算力与芯片{i % 7}号工厂。" * 20) for i in range(400)]
    files = build_search_files(documents, jobs=1)
    index = StaticIndex(files.__getitem__)
    result = index.search("算力")
    postings = [p for p in result.fetched if p.startswith("search/p/")]
    assert len(postings) == 1
    assert len(result.documents) == 400
    assert sum(len(files[p]) for p in result.fetched) < sum(len(d) for d in files.values()) / 10


def test_long_page_text_is_cut_for_snippets_but_fully_searchable(page):
    tail = "末尾独有词"
    documents = [page("long/", "长文", "甲" * (MAX_STORED_CHARS + 10) + tail)]
    files = build_search_files(documents, jobs=1)
    index = StaticIndex(files.__getitem__)
    assert index.search(tail).documents == [0]
    assert len(index.document(0)[6]) == MAX_STORED_CHARS


def test_conversion_table_holds_only_characters_the_corpus_needs(page):
    files = build_search_files([page("x/", "港", "香港特区数码港")], jobs=1)
    table = json.loads(files["search/query.json"])
    pairs = dict(zip(table["chars"][::2], table["chars"][1::2]))
    assert pairs["區"] == "区" and pairs["數"] == "数" and pairs["碼"] == "码"
    assert all(simplified in "香港特区数码港" for simplified in pairs.values())


def test_empty_corpus_builds_a_working_empty_index():
    files = build_search_files([], jobs=1)
    assert StaticIndex(files.__getitem__).search("算力").documents == []


def test_common_four_character_phrase_needs_no_positions(page):
    documents = [page(f"n/{i}/", f"第{i}篇", "人工智能产业发展。人工智能应用落地。" * 30) for i in range(300)]
    documents.append(page("apart/", "分开", "人工与智能"))
    files = build_search_files(documents, jobs=1, hot_bytes=1024)
    assert "人工" in json.loads(files["search/query.json"])["hot"]
    index = StaticIndex(files.__getitem__)
    result = index.search("人工智能")
    assert len(result.documents) == 300
    assert not any(path.startswith("search/x/") for path in result.fetched)
    assert sorted(index.search("工智能产").documents) == list(range(300))


def test_rare_phrase_is_verified_with_positions(page):
    documents = [page("a/", "甲", "具身智能机器人"), page("b/", "乙", "具身与智能")]
    index = StaticIndex(build_search_files(documents, jobs=1).__getitem__)
    result = index.search("具身智能")
    assert result.documents == [0]
    assert any(path.startswith("search/x/") for path in result.fetched)


def test_large_corpora_use_workers_except_inside_a_daemonic_worker():
    import multiprocessing

    from sitegen.search.index import PARALLEL_MIN_DOCUMENTS, default_jobs

    assert default_jobs(10) == 1
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(default_jobs, (PARALLEL_MIN_DOCUMENTS,)) == 1


def test_a_long_list_is_a_file_of_its_own_that_its_shard_names(page):
    documents = [page(f"n/{i}/", f"标题{i}", "算力与芯片") for i in range(700)]  # 700 entries of 3 digits
    files = build_search_files(documents, jobs=1)
    buckets = json.loads(files["search/manifest.json"])["buckets"]
    number = json.loads(files["search/p/" + shard_name(bucket_of("算力", buckets))])["算力"]
    assert isinstance(number, int)
    result = StaticIndex(files.__getitem__).search("算力")
    assert len(result.documents) == 700
    assert f"search/t/{number}.json" in result.fetched
