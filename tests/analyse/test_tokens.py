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
