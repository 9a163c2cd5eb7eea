"""Chinese-text utilities shared by every stage: dates, numbers, sentences.

Pure functions over strings, no jieba and no taxonomy, so normalise and analyse
(and their tests) can use them without loading anything heavy.
"""
