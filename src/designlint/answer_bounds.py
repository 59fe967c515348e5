"""Bounds stated in words: whether a text caps how many items an answer holds.

Designs say the size of an answer in prose as often as in fields: "exactly the top 10",
"the top N", "the 10 most popular", "at most 50", "up to 20", "a handful per user", "a
fixed-size list". A reviewer
reads those as a bound, so the rules that ask "is this answer bounded?" (DL302, DL507, DL602)
read them too. Pure functions over text, no design model; `tests/test_answer_bounds.py` pins them.

What is not a bound, and must stay one of the rules' findings:

- a number that is not a count of items: `up to 200 ms`, `at most 5 MB`, `top 10%`,
  `at most once`;
- a count larger than one answer can carry (`MAX_BOUND`): `a few hundred thousand`,
  `up to 10k`;
- the size of one page, which says the list goes on: `up to 20 per page`, `at most 100 per
  request`, `returns the first page`;
- the parts of each item: `each tweet has up to 4 images`, `with up to 20 replies each`
  (while `for each prefix` and `per user` say whose items are counted, and keep the bound);
- the first page of a stream: `the 20 most recent`;
- words that only look like one: `top-level folders`, `unbounded`, `not bounded`.
"""

from __future__ import annotations

import re

from designlint.lazyre import LazyPattern
from designlint.numbers.bounds import ORDERS

# The most items one answer may hold and still count as bounded: the largest page size
# public APIs commonly accept (100 to 1,000), so that a list this size needs no cursor.
MAX_BOUND = 1000

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
# Vague counts, read at their upper end: "a few" is at most nine, "a handful" about ten.
_VAGUE = {"couple": 3, "few": 9, "several": 9, "handful": 10}
# Orders in words come from the quantities' own table (`numbers.bounds.ORDERS`), singular and
# plural; the letter suffixes are the ones counts are written with (`10k`, `2bn`).
_MAGNITUDES = {
    **ORDERS,
    **{f"{word}s": value for word, value in ORDERS.items()},
    "k": 1e3,
    "m": 1e6,
    "bn": 1e9,
    "b": 1e9,
}

_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_MAG = (
    r"(?P<mag>(?:\s*(?:k|m|bn|b)\b|"
    r"[\s-]+(?:a\s+)?(?:dozens?|hundreds?|thousands?|millions?|billion)\b)*)"
)
_NUM = rf"(?P<num>\d[\d,]*(?:\.\d+)?|(?:a\s+|an\s+)?(?:{_WORDS}|dozen)\b){_MAG}"
# Words that cap the count that follows them.
_CAPS = (
    r"top|limit|at\s+most|up\s+to|(?:no|not|never)\s+more\s+than|max(?:imum)?(?:\s+of)?|"
    r"capped\s+at|limited\s+to|exactly|fewer\s+than|less\s+than"
)
_CAPPED = LazyPattern(rf"\b(?:{_CAPS})[\s_-]*(?:the\s+)?{_NUM}", re.I)
# A count followed by the words that cap it: "20 at most", "50 or fewer".
_TRAILING = LazyPattern(rf"\b{_NUM}\s+(?:at\s+most|max(?:imum)?|or\s+(?:fewer|less))\b", re.I)
# A count of the best by some measure: "the 10 most popular ads", "the 5 nearest drivers".
# "The 20 most recent" is the first page of a stream, not a ranking.
_RANKED = LazyPattern(
    rf"\b{_NUM}\s+(?:most\s+(?!recent\b|recently\b)[a-z-]+|best|highest|largest|biggest|"
    r"hottest|nearest|closest)\b",
    re.I,
)
# "the top N", "top-k", "the k nearest": a ranking cut whose size is a parameter.
_TOP_LETTER = LazyPattern(
    r"\btop[\s_-]*(?:n|k)\b|\b(?:n|k)\s+(?:most\s+(?!recent\b)[a-z-]+|best|highest|nearest|"
    r"closest)\b",
    re.I,
)
# A vague count that quantifies the items: capped ("only a few"), always ("a handful"), or
# counted per owner ("a few per user", "several folders per account").
_VAGUE_WORD = rf"(?P<vague>{'|'.join(_VAGUE)}){_MAG}"
_VAGUE_CAPPED = LazyPattern(
    rf"\b(?:only|just|at\s+most|(?:no|never)\s+more\s+than|up\s+to|typically|usually)\s+"
    rf"(?:a\s+)?{_VAGUE_WORD}",
    re.I,
)
_HANDFUL = LazyPattern(rf"\ba\s+(?P<vague>handful){_MAG}", re.I)
_VAGUE_PER = LazyPattern(
    rf"\b(?:a\s+)?{_VAGUE_WORD}"
    rf"(?=(?:\s+[a-z]+){{0,2}}?\s+(?:per|for\s+each|of\s+each|in\s+each)\s)",
    re.I,
)
# Bounds without a number: "a fixed-size list", "bounded by the venue".
_FIXED = LazyPattern(
    r"\bfixed[\s-]+(?:size|sized|length|number|count|set|list)\b|\bconstant[\s-]+size\b|"
    r"(?<![\w-])(?<!not\s)(?<!never\s)(?<!n't\s)bounded\b"
    r"(?!\s+(?:contexts?|staleness|latency|delay|lag|time|wait))",
    re.I,
)
# What may follow a number and makes it something else than a count of items.
_NOT_A_COUNT = LazyPattern(
    r"\s*(?:%|percent\b|per\s*cent\b|x\b|(?:ms|milliseconds?|s|secs?|seconds?|mins?|"
    r"minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|[kmgtp]i?b|bytes?|[kmgt]?bps|qps|"
    r"rps|retries|attempts|times?|characters?|chars?|words?|letters?|digits?|lines?)\b|/)",
    re.I,
)
# A count per page says how long one page is, not how long the list is; one per second is a
# rate.
_PER_PAGE = LazyPattern(
    r"(?:\s+[a-z]+){0,2}?\s*(?:per|a|each|every|in\s+one|in\s+a)\s+"
    r"(?:page|request|call|response|batch|fetch|query|second|minute|hour|day|week|month|year)s?\b"
    r"|(?:\s+[a-z]+)?\s+pages?\b",
    re.I,
)


def stated_bound(text: str | None) -> str | None:
    """The words in `text` that bound the size of an answer, or None when nothing does."""
    if not text:
        return None
    for pattern in (_CAPPED, _TRAILING, _RANKED):
        for match in pattern.finditer(text):
            value = _number(match.group("num")) * _magnitude(match.group("mag"))
            if value <= MAX_BOUND and _a_count(text, match.start(), match.end("mag")):
                return match.group(0).strip()
    for pattern in (_VAGUE_CAPPED, _HANDFUL, _VAGUE_PER):
        for match in pattern.finditer(text):
            value = _VAGUE[match.group("vague").lower()] * _magnitude(match.group("mag"))
            if value <= MAX_BOUND and _a_count(text, match.start(), match.end("mag")):
                return match.group(0).strip()
    for pattern in (_TOP_LETTER, _FIXED):
        for match in pattern.finditer(text):
            if _a_count(text, match.start(), match.end()):
                return match.group(0).strip()
    return None


# A bound that counts the parts of each item ("each tweet has up to 4 images", "with up to
# 20 replies each") says nothing of how many items there are. "For each prefix" and "per
# user" name whose items are counted, which is a bound.
_EACH_BEFORE = LazyPattern(
    r"(?<!for\s)(?<!of\s)(?<!in\s)\b(?:each|every)\b(?:\W+\w+){0,4}\W*$", re.I
)
_WITH_BEFORE = LazyPattern(r"\bwith\s+$", re.I)
_EACH_AFTER = LazyPattern(r"^(?:\W+\w+){0,3}?\W+each\b", re.I)
_SCOPED_EACH = LazyPattern(r"\b(?:for|of|in)\s+each\b", re.I)


def _a_count(text: str, start: int, end: int) -> bool:
    """Whether the bound at `text[start:end]`, read with its neighbours, is a count of the
    answer's items."""
    rest = text[end:]
    if _NOT_A_COUNT.match(rest) or _PER_PAGE.match(rest):
        return False
    before = text[max(0, start - 60) : start]
    if _EACH_BEFORE.search(before) or _WITH_BEFORE.search(before):
        return False
    after = _EACH_AFTER.match(rest[:40])
    return after is None or bool(_SCOPED_EACH.search(after.group(0)))


def _number(text: str) -> float:
    words = text.lower().split()
    if words[0] in ("a", "an"):
        words = words[1:]
    word = words[0]
    if word == "dozen":
        return 12
    if word in _UNITS:
        return _UNITS[word]
    return float(word.replace(",", ""))


def _magnitude(text: str | None) -> float:
    factor = 1.0
    for word in re.findall(r"[a-z]+", (text or "").lower()):
        factor *= _MAGNITUDES.get(word, 1)
    return factor
