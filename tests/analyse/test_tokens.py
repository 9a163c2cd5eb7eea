from sitegen.analyse.tokens import cut, make_tokenizer, visible_text
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
