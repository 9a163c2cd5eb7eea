from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analyse.tokens import (
    align,
    cut,
    cut_aligned,
    jieba_cut,
    join_latin_words,
    make_tokenizer,
    visible_text,
)
from sitegen.taxonomy import load_taxonomy


def test_link_and_image_targets_are_not_words_of_the_article():
    text = '![发布会](https://s.coze.cn/t/BawprVqwukc/ "发布会")协办方：[其他多家机构](https://example.com)'
    assert "coze" not in visible_text(text)
    assert "example" not in visible_text(text)
    assert "其他多家机构" in visible_text(text)


def test_tokens_keep_gazetteer_names_whole_and_drop_punctuation():
    tokenizer = make_tokenizer(load_taxonomy())
    words = cut(tokenizer, "在南京举行的发布会上，南智光电推出了OptoChat AI。")
    assert "南京" in words
    assert "，" not in words and "。" not in words
    assert "https" not in cut(tokenizer, "详见 https://example.com/page 。")


def test_the_dictionary_cache_loads_what_jieba_itself_loads():
    import jieba

    from sitegen.analyse.tokens import _cache_file, _load_cached_dictionary

    make_tokenizer(load_taxonomy())  # the cache file exists from here on
    by_jieba, ours = jieba.Tokenizer(), jieba.Tokenizer()
    by_jieba.cache_file = ours.cache_file = _cache_file()
    by_jieba.initialize()
    assert _load_cached_dictionary(ours)
    assert ours.initialized and ours.total == by_jieba.total and ours.FREQ == by_jieba.FREQ


def test_an_unreadable_dictionary_cache_is_not_used(tmp_path):
    import jieba

    from sitegen.analyse.tokens import _load_cached_dictionary

    tokenizer = jieba.Tokenizer()
    for content in (b"", b"not marshal data", b"\xe9\x03\x00\x00\x00"):
        (tmp_path / "jieba.cache").write_bytes(content)
        tokenizer.cache_file = str(tmp_path / "jieba.cache")
        assert not _load_cached_dictionary(tokenizer)
        assert not tokenizer.initialized


def _tokenizer_on(dictionary):
    import jieba

    return jieba.Tokenizer(dictionary=str(dictionary))


def test_dictionary_tags_are_the_dictionary_words_with_those_tags(tmp_path, monkeypatch):
    from sitegen.analyse.tokens import dictionary_tags

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("上海 10 ns\n苹果 5 n\n联合国 8 nt\n京东 3 ns\n京东 3 nz\n", encoding="utf-8")
    tokenizer = _tokenizer_on(dictionary)
    expected = {"上海": "ns", "联合国": "nt"}  # a word listed twice keeps its last tag
    assert dictionary_tags(tokenizer, frozenset({"ns", "nt"})) == expected
    assert dictionary_tags(tokenizer, frozenset({"ns", "nt"})) == expected  # from the cache file
    assert dictionary_tags(tokenizer, frozenset({"n"})) == {"苹果": "n"}


def test_dictionary_tags_follow_a_changed_dictionary_and_survive_a_broken_cache(tmp_path, monkeypatch):
    from sitegen.analyse.tokens import dictionary_tags

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("上海 10 ns\n", encoding="utf-8")
    tokenizer = _tokenizer_on(dictionary)
    assert dictionary_tags(tokenizer, frozenset({"ns"})) == {"上海": "ns"}
    dictionary.write_text("上海 10 n\n松山湖 3 ns\n", encoding="utf-8")
    assert dictionary_tags(tokenizer, frozenset({"ns"})) == {"松山湖": "ns"}
    for cache in (tmp_path / "cache" / "sitegen").iterdir():
        cache.write_bytes(b"broken")
    assert dictionary_tags(tokenizer, frozenset({"ns"})) == {"松山湖": "ns"}


def test_analysing_an_article_loads_no_part_of_speech_tagger():
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from sitegen.analyse import analyse_corpus\n"
        "from sitegen.model import Article, Paragraph\n"
        "from sitegen.taxonomy import load_taxonomy\n"
        "article = Article('a', '大会在东莞虎门举行', [Paragraph('p1', 'paragraph', '大会在东莞虎门举行。', 'a.txt', 1)], [])\n"
        "facts = analyse_corpus([article], load_taxonomy())[0].facts\n"
        "print(facts.primary_region, facts.place_candidates, 'jieba.posseg' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["dongguan", "['虎门']", "False"]


_MIXED = st.text(
    alphabet=st.sampled_from(
        list("在南京举行的发布会上南智光电推出了大模型算力中心人工智能香港特区政府杰思衡锰龘")
        + list("OptoChatAI5000PFLOPS.%-+#&_ \t\r\n，。、“”（）：！？…·")
    ),
    max_size=80,
)


@cache
def _tokenizer():
    return make_tokenizer(load_taxonomy())


@settings(max_examples=300, deadline=None)
@given(_MIXED | st.text(max_size=40))
def test_our_cut_gives_jiebas_own_words(text):
    assert jieba_cut(_tokenizer(), text) == join_latin_words(_tokenizer().lcut(text))


def test_our_cut_gives_jiebas_own_words_on_every_seed_line():
    tokenizer = make_tokenizer(load_taxonomy())
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    lines = [line for path in sorted(seeds.iterdir()) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 100
    assert [jieba_cut(tokenizer, line) for line in lines] == [join_latin_words(tokenizer.lcut(line)) for line in lines]


def test_a_latin_word_stays_whole_where_jieba_cuts_a_dictionary_word_out_of_it():
    tokenizer = _tokenizer()
    assert tokenizer.lcut("GPUs") == ["GPU", "s"]  # `GPU` is a topic keyword, so a user word of jieba
    assert jieba_cut(tokenizer, "Nvidia GPUs，AI芯片与GPU服务器") == ["Nvidia", " ", "GPUs", "，", "AI芯片", "与", "GPU", "服务器"]


def test_latin_words_joined_by_a_hyphen_are_one_word_but_numbers_are_not():
    tokenizer = _tokenizer()
    assert cut(tokenizer, "平头哥T-Head发布DeepSeek-R1与Llama-3-70B") == (
        "平头", "哥", "T-Head", "发布", "DeepSeek-R1", "与", "Llama-3-70B")
    assert "3" in cut(tokenizer, "支持3-5家AI企业") and "AI" in cut(tokenizer, "中美AI-芯片竞争")


def test_our_cut_breaks_a_tie_between_paths_as_jieba_does():
    import jieba

    tokenizer = jieba.Tokenizer()
    # `ab` alone and `a` + `b` score exactly the same: jieba takes the longer word
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {"a": 1, "ab": 1, "b": 4}, 4, True
    assert tokenizer.lcut("ab") == ["ab"]
    assert jieba_cut(tokenizer, "ab") == ["ab"]


@settings(max_examples=300, deadline=None)
@given(_MIXED | st.text(max_size=40) | st.sampled_from(["见[报告](https://a.cn/x) 全文", "-AI 与 .NET", "5%的 #1"]))
def test_words_come_with_the_offsets_a_left_to_right_search_finds(text):
    words, offsets = cut_aligned(_tokenizer(), text)
    assert words == cut(_tokenizer(), text)
    assert offsets == align(text, words)


def test_the_analysis_imports_no_reader_and_no_normalising():
    """Each analysing worker imports the analysis when it starts, while the main
    process reads: the readers (every format's patterns) and the normalise stage
    would cost each worker ~0.2 s more before its first article. In a fresh
    interpreter."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "import sitegen.analyse\n"
        "print(sorted(name for name in sys.modules if name.startswith(('sitegen.read.registry', 'sitegen.normalise'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
