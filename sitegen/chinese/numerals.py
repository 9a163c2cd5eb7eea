"""Chinese numerals as integers: `二〇二四` -> 2024, `三十一` -> 31, `一万二千` -> 12000."""

from __future__ import annotations

DIGITS = {
    "〇": 0, "○": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def chinese_to_int(text: str) -> int | None:
    """The value of a Chinese numeral, or None if `text` is not one.

    Without any unit character the digits are read one by one, the way years are
    written (`二〇二四` -> 2024); otherwise by position (`一百零五` -> 105,
    `十二` -> 12, `千亿` -> 10**11).
    """
    if not text or any(c not in NUMERAL_CHARS for c in text):
        return None
    if all(c in DIGITS for c in text):
        return int("".join(str(DIGITS[c]) for c in text))
    total = section = number = 0
    last_small = 10_000
    previous = ""
    for char in text:
        if char in DIGITS:
            if previous in DIGITS and DIGITS[previous] != 0:
                return None  # `十五五` is a plan's name, not a number
            number = DIGITS[char]
        elif char in SMALL_UNITS:
            if SMALL_UNITS[char] >= last_small or previous in SMALL_UNITS:
                return None  # units must fall: `三百二十`, never `二十三百`
            section += (number or 1) * SMALL_UNITS[char]
            last_small, number = SMALL_UNITS[char], 0
        elif previous in BIG_UNITS and not (BIG_UNITS[previous] < BIG_UNITS[char]):
            return None  # `万万`, `亿万` are figures of speech; `万亿` is a number
        elif BIG_UNITS[char] == 10_000:
            total += (section + number or 1) * 10_000
            section = number = 0
            last_small = 10_000
        else:
            total = (total + section + number or 1) * 100_000_000
            section = number = 0
            last_small = 10_000
        previous = char
    return total + section + number
