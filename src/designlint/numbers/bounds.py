"""Ranges and bounds written in words ("5 or 7", "3-5 ms", "at least 3", "100+") -> their ends.

Write-ups state many numbers as a range or a bound: "5 or 7 nodes", "3 to 5 replicas",
"1k+ keys". These are numbers, not descriptions, so they are read strictly: this module only
splits the text into the text of each end, and `numbers.quantity` reads each end as a quantity
(a typo in either end stays an error). It imports nothing, so `quantity` can call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words in front of a number that make it a bound: `at least 3` is a floor, `up to 10k` a ceiling.
FLOOR_WORDS = ("at least", "more than", "over", "above", "min", "minimum", "no fewer than")
CEILING_WORDS = (
    "up to",
    "at most",
    "less than",
    "fewer than",
    "under",
    "below",
    "max",
    "maximum",
    "no more than",
)
# Comparison marks in front of a number.
FLOOR_MARKS = (">=", "≥", ">")
CEILING_MARKS = ("<=", "≤", "<")
# Words after a number: `5 or more`, `100+`.
FLOOR_TAILS = ("or more", "or above", "and more", "and up", "and above", "or higher", "+")
CEILING_TAILS = ("or less", "or fewer", "or below", "at most", "or lower")

# Words and marks that only soften a number: `about 5ms`, `~100`. They bound nothing.
APPROXIMATE = (
    "about",
    "around",
    "approximately",
    "approx.",
    "approx",
    "roughly",
    "nearly",
    "almost",
    "circa",
    "~",
    "≈",
)

# `A-B`, `A – B`, `A to B`, `A or B`: both ends start with a digit.
_BETWEEN = re.compile(
    r"^(?P<low>\.?\d.*?)\s*(?P<sep>–|—|-|\bto\b|\bor\b)\s*(?P<high>\.?\d.*)$", re.IGNORECASE
)

# `100+ million users`, `1 billion+ pages`: the plus sits inside, before the noun.
_PLUS_INSIDE = re.compile(r"^(?P<num>\.?\d[^+\s]*(?:\s+[A-Za-z]+)?)\+\s+(?P<rest>\S.*)$")


@dataclass(frozen=True)
class Ends:
    """The text of each end of a bound or range; None for an open end."""

    low: str | None
    high: str | None
    alternatives: bool = False  # `5 or 7`: either value, read as the range between them


def _strip_prefix(text: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.lower().startswith(word):
            rest = text[len(word) :]
            if word[-1].isalpha() and rest[:1].isalpha():
                continue  # `overall` is not `over`
            return rest.strip()
    return None


def _strip_suffix(text: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.lower().endswith(word):
            rest = text[: len(text) - len(word)]
            if word[0].isalpha() and rest[-1:].isalpha():
                continue
            return rest.strip()
    return None


def approximation(text: str) -> str | None:
    """The number after a softening word or mark (`~100` -> `100`), or None."""
    rest = _strip_prefix(text.strip(), APPROXIMATE)
    return rest if rest and rest[0].isdigit() else None


def split(text: str) -> Ends | None:
    """The ends of a bound or range, or None when the text is neither."""
    text = " ".join(text.split())
    for words, floor in ((FLOOR_WORDS + FLOOR_MARKS, True), (CEILING_WORDS + CEILING_MARKS, False)):
        rest = _strip_prefix(text, words)
        if rest and (rest[0].isdigit() or rest[0] == "." or _A_ORDER.match(rest)):
            return Ends(rest, None) if floor else Ends(None, rest)
    for tails, floor in ((FLOOR_TAILS, True), (CEILING_TAILS, False)):
        rest = _strip_suffix(text, tails)
        if rest and (rest[0].isdigit() or _A_ORDER.match(rest)):
            return Ends(rest, None) if floor else Ends(None, rest)
    plus = _PLUS_INSIDE.match(text)
    if plus:  # `100+ million users`, `10k+ keys`: the floor is the number with its words
        return Ends(f"{plus.group('num')} {plus.group('rest')}", None)
    for lead, sep in (("between ", " and "), ("from ", " to ")):
        if text.lower().startswith(lead) and sep in text.lower():
            body = text[len(lead) :]
            at = body.lower().index(sep)
            return Ends(body[:at].strip(), body[at + len(sep) :].strip())
    match = _BETWEEN.match(text)
    if match:
        return Ends(match.group("low"), match.group("high"), match.group("sep").lower() == "or")
    return None


# Orders of magnitude in words: "millions of queries", "tens of thousands", "a few hundred bytes".
ORDERS = {
    "dozen": 12.0,
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
_MAGNITUDE = re.compile(
    r"^(?P<few>(?:a\s+)?few\s+|several\s+|many\s+)?"
    r"(?:(?P<times>tens|hundreds)\s+of\s+)?"
    r"(?P<order>dozen|hundred|thousand|million|billion|trillion)(?P<plural>s)?\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


# `up to a million`: the article is the number 1 of a scale word (see `numbers.quantity`).
_A_ORDER = re.compile(rf"a\s+(?:{'|'.join(ORDERS)})(?![A-Za-z_\-])", re.IGNORECASE)


@dataclass(frozen=True)
class Order:
    """An order of magnitude in words: `low` up to (not including) `high`, then the rest."""

    low: float
    high: float
    rest: str


def magnitude(text: str) -> Order | None:
    """`millions of queries` -> 1e6 to 1e7 and `of queries`; None when not an order in words.

    A bare plural (`millions`) or `tens of`/`hundreds of` spans one order (`tens of thousands`
    is 1e4 to 1e5); `a few`/`several`/`many` start at two (`several hundred` is 200 to 1,000).
    The singular needs a quantifier: `hundred` alone is a number word, a typo for `100`.
    """
    match = _MAGNITUDE.match(" ".join(text.split()))
    if match is None:
        return None
    few, times, plural = match.group("few"), match.group("times"), match.group("plural")
    if not (few or times or plural):
        return None  # `hundred` alone is a number word
    order = ORDERS[match.group("order").lower()]
    if times:
        order *= 10.0 if times.lower() == "tens" else 100.0
    low = order * (2.0 if few or (plural and order == 12.0) else 1.0)
    return Order(low, order * 10.0, match.group("rest"))
