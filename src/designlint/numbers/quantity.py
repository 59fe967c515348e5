"""Whiteboard quantities ("100M/day", "200ms", "99.99%", "3.2 TB") -> values with units.

Parsing is strict on purpose: an ambiguous quantity is a finding (DL007), never a guess. `1B`
could be a billion or a byte, so a `B` glued to a number is refused, while `200 B` (spaced) and
`1bn` are clear. Units are normalised to pint's unit names so that the estimates engine can hand
them to pint unchanged; the small conversion table here lets rules compare latencies, sizes and
percentages without importing pint on the start-up path of `check`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from designlint.numbers import bounds

# Scale suffixes written right after the number.
SCALES: dict[str, float] = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "bn": 1e9,
    "G": 1e9,
    "tn": 1e12,
}

# unit spelling -> (pint name, dimension, factor to the dimension's base unit)
# Dimensions: "time" (second), "data" (byte), "percent" (percent), "count" (dimensionless).
UNITS: dict[str, tuple[str, str, float]] = {}


def _unit(names: str, pint_name: str, dimension: str, factor: float) -> None:
    for name in names.split():
        UNITS[name] = (pint_name, dimension, factor)


_unit("ns nanosecond nanoseconds", "nanosecond", "time", 1e-9)
_unit("us µs microsecond microseconds", "microsecond", "time", 1e-6)
_unit("ms msec millisecond milliseconds", "millisecond", "time", 1e-3)
_unit("s sec secs second seconds", "second", "time", 1.0)
_unit("min mins minute minutes", "minute", "time", 60.0)
_unit("h hr hrs hour hours", "hour", "time", 3600.0)
_unit("d day days", "day", "time", 86400.0)
_unit("wk week weeks", "week", "time", 604800.0)
_unit("mo month months", "month", "time", 2629800.0)
_unit("y yr yrs year years", "year", "time", 31557600.0)
_unit("B byte bytes", "byte", "data", 1.0)
_unit("KB kB", "kilobyte", "data", 1e3)
_unit("MB", "megabyte", "data", 1e6)
_unit("GB", "gigabyte", "data", 1e9)
_unit("TB", "terabyte", "data", 1e12)
_unit("PB", "petabyte", "data", 1e15)
_unit("KiB", "kibibyte", "data", 1024.0)
_unit("MiB", "mebibyte", "data", 1024.0**2)
_unit("GiB", "gibibyte", "data", 1024.0**3)
_unit("TiB", "tebibyte", "data", 1024.0**4)
_unit("bit bits", "bit", "data", 0.125)
_unit("Kbit kbit Kb kb", "kilobit", "data", 125.0)
_unit("Mbit Mb", "megabit", "data", 125e3)
_unit("Gbit Gb", "gigabit", "data", 125e6)
_unit("Tbit Tb", "terabit", "data", 125e9)
_unit("Pbit Pb", "petabit", "data", 125e12)
_unit("%", "percent", "percent", 1.0)

# Rate shorthands: "1.2k rps" means 1.2k per second.
RATE_WORDS = {"rps", "qps", "wps", "tps", "ops", "iops", "mps", "eps"}

# Count nouns carry no dimension: "500M users" is 5e8. They are kept as a label.
NOUN = re.compile(r"[A-Za-z_][A-Za-z_\-]*")

NUMBER = re.compile(
    r"""\s*(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+)"""
    r"""(?P<scale>bn|mn|mm|tn|[kKMG](?![a-zA-Z]))?""",
    re.VERBOSE,
)


# Scale words after a number, as write-ups spell them: `1 billion`, `2.5 million/day`,
# `a hundred million users`. Several multiply (`a hundred million` is 1e8); the plural is read
# the same (`2 millions`); case does not matter. The words are the orders of `numbers.bounds`, so
# `hundreds of millions` and `200 million` share one table. Glued (`1billion`) reads the same;
# `billionaire` and `million-user` are nouns, not scales. A suffix set apart by a space is the
# same scale (`100 M users`, `10 k/s`), except `G` and `mm`, which are units elsewhere.
SPACED_SCALES = ("k", "K", "M", "mn", "bn", "tn")
_ORDER_WORD = "|".join(bounds.ORDERS)
SCALE_WORDS = re.compile(
    rf"(?:\s+(?:{'|'.join(SPACED_SCALES)})(?![A-Za-z_\-])"
    rf"|\s*(?i:(?:{_ORDER_WORD})s?)(?![A-Za-z_\-]))+"
)
# `a million` is one million: the article stands for 1 only in front of a singular scale word.
ARTICLE = re.compile(rf"a\s+(?=(?:{_ORDER_WORD})(?![A-Za-z_\-]))", re.IGNORECASE)


def _number_ends(text: str) -> tuple[int, int]:
    """Where the number of a parsed quantity's text ends, without and with its scale."""
    article = ARTICLE.match(text)
    if article:  # `a million`: the scale is the article's own, no other number's
        words = SCALE_WORDS.match(text, article.end() - 1)
        end = words.end() if words else article.end() - 1
        return end, end
    number = NUMBER.match(text)
    if number is None:  # pragma: no cover - the text parsed, so it starts with a number
        return 0, 0
    words = SCALE_WORDS.match(text, number.end())
    return number.end("num"), words.end() if words else number.end()


def _scale_words(raw: str, text: str) -> float:
    """The factor of the scale words in `text` (` hundred million` -> 1e8, ` M` -> 1e6)."""
    words = text.split()
    if len(words) > 1 and any(word in SPACED_SCALES for word in words):
        raise QuantityError(f"`{raw}` gives the scale twice: write one of `{'`, `'.join(words)}`")
    factor = 1.0
    for word in words:
        if word in SPACED_SCALES:
            factor *= SCALES[word]
        else:
            factor *= bounds.ORDERS[word.lower().removesuffix("s")]
    return factor


class QuantityError(ValueError):
    """A quantity that cannot be read or is ambiguous (DL007)."""


@dataclass(frozen=True)
class Quantity:
    """A number with a unit: `magnitude` in `unit` (pint spelling), per `per` time unit if a rate.

    `base` is the magnitude converted to the dimension's base unit (seconds, bytes, percent,
    or plain count) and divided by seconds for a rate, so "100M/day" has base ≈ 1157.4.
    """

    text: str
    magnitude: float
    unit: str | None  # pint name of the numerator unit, None for a plain count
    dimension: str  # "time" | "data" | "percent" | "count"
    per: str | None  # pint name of the time unit of a rate, None if not a rate
    base: float
    noun: str | None = None

    @property
    def is_rate(self) -> bool:
        return self.per is not None

    @property
    def has_unit(self) -> bool:
        return self.unit is not None or self.per is not None or self.noun is not None

    @property
    def kind(self) -> str:
        """The dimension with `/time` appended for rates: "data/time", "count/time", "time"."""
        return f"{self.dimension}/time" if self.per else self.dimension

    def pint_expression(self) -> str:
        """The same value written for pint's parser."""
        text = repr(self.magnitude)
        if self.unit:
            text += f" * {self.unit}"
        if self.per:
            text += f" / {self.per}"
        return text

    def __str__(self) -> str:
        return self.text


def parse(text: object) -> Quantity:
    """Parse a whiteboard quantity; raise QuantityError with a reason a person can act on."""
    if isinstance(text, bool):
        raise QuantityError(f"`{text}` is a boolean, not a quantity")
    if isinstance(text, int | float):
        if isinstance(text, float) and not math.isfinite(text):
            raise QuantityError(f"`{text}` is not a finite number")
        return _bounded(Quantity(str(text), float(text), None, "count", None, float(text)))
    if not isinstance(text, str):
        raise QuantityError(
            f"expected a quantity such as `200ms` or `1.2k/s`, got {type(text).__name__}"
        )
    return _parse_text(text)


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> Quantity:
    """Cached: a design repeats its quantities (`200ms`, `99.9%`) across fields and a check
    of many files repeats them across designs, and `Quantity` is frozen. A text that fails
    raises every time (lru_cache keeps no exception)."""
    raw = text
    src = text.strip()
    if not src:
        raise QuantityError("empty quantity")
    if len(src) > 64:
        raise QuantityError("a quantity longer than 64 characters is not a quantity")
    article = ARTICLE.match(src)
    if article:
        src = "1 " + src[article.end() :]
    match = NUMBER.match(src)
    if not match:
        raise QuantityError(f"`{raw}` does not start with a number")
    number = match.group("num").replace(",", "").replace("_", "")
    try:
        magnitude = float(number)
    except ValueError as exc:  # pragma: no cover - the regex admits only floats
        raise QuantityError(f"`{raw}` is not a number") from exc
    scale = match.group("scale")
    if scale:
        magnitude *= SCALES[scale]
    end = match.end()
    words = SCALE_WORDS.match(src, end)
    if words:
        if scale:
            raise QuantityError(
                f"`{raw}` gives the scale twice: write `{match.group('num')}{scale}` "
                f"or `{match.group('num')}{words.group().rstrip()}`"
            )
        magnitude *= _scale_words(raw, words.group())
        end = words.end()
        scale = words.group().strip()
    if not math.isfinite(magnitude):
        raise QuantityError(f"`{raw}` overflows a floating-point number")
    rest = src[end:]
    glued = not rest.startswith((" ", "\t"))
    rest = rest.strip()
    if glued and not scale and rest[:1] == "B" and rest[1:2] in ("", "/", " "):
        raise QuantityError(
            f"`{raw}` is ambiguous: a billion or bytes? write `1bn` or `1 byte`/`1 B` with a space"
        )
    if not scale and rest[:1] == "b" and rest[1:2] in ("", "/", " ") and glued:
        raise QuantityError(f"`{raw}` is ambiguous: write `bn` for billion or `bit` for bits")
    return _bounded(_with_unit(raw, magnitude, rest))


# Bounds in base units, as for computed values (numbers.arith): past them a table would print
# 300 digits, a millisecond total would overflow to `inf` and a ratio to `nan`.
LARGEST = 1e100
SMALLEST = 1e-100


def _bounded(q: Quantity) -> Quantity:
    size = abs(q.base)
    if size > LARGEST:
        raise QuantityError(f"`{q.text}` is too large to compute with (more than 1e100)")
    if 0 < size < SMALLEST:
        raise QuantityError(
            f"`{q.text}` is too small to compute with (less than 1e-100); write 0 for nothing"
        )
    return q


def _split_per(rest: str) -> tuple[str, str | None]:
    for sep in ("/", " per "):
        if sep in rest:
            head, _, tail = rest.partition(sep)
            return head.strip(), tail.strip()
    if rest.startswith("per "):
        return "", rest[4:].strip()
    return rest, None


def _with_unit(raw: str, magnitude: float, rest: str) -> Quantity:
    head, per_text = _split_per(rest)
    unit = dimension = noun = per = None
    factor = 1.0
    if head.lower() in RATE_WORDS:
        if per_text is not None:
            raise QuantityError(f"`{raw}` gives a rate twice")
        return Quantity(raw, magnitude, None, "count", "second", magnitude, noun=head.lower())
    if head:
        if head in UNITS:
            unit, dimension, factor = UNITS[head]
        elif head == "m":
            raise QuantityError(f"`{raw}` is ambiguous: minutes or million? write `min` or `M`")
        elif NOUN.fullmatch(head) and head not in ("b", "T", "t"):
            noun = head
        elif " " in head:
            raise QuantityError(
                f"`{raw}`: `{head}` is not a unit; write the number with its unit and the "
                "words in `description`"
            )
        else:
            raise QuantityError(f"`{raw}`: unknown unit `{head}`")
    per_factor = 1.0
    if per_text is not None:
        per_unit = per_text
        count = 1.0
        number = NUMBER.match(per_text)
        if number and number.end() < len(per_text):
            count = float(number.group("num").replace(",", ""))
            per_unit = per_text[number.end() :].strip()
        entry = UNITS.get(per_unit)
        if entry is None or entry[1] != "time":
            raise QuantityError(f"`{raw}`: `/{per_text}` is not a time unit")
        per = entry[0] if count == 1.0 else None
        if per is None:
            raise QuantityError(f"`{raw}`: write the rate per single unit, e.g. `/s`, `/day`")
        per_factor = entry[2]
    if dimension is None:
        dimension = "count"
    base = magnitude * factor / per_factor
    if not math.isfinite(base):
        raise QuantityError(f"`{raw}` overflows a floating-point number")
    return Quantity(raw, magnitude, unit, dimension, per, base, noun=noun)


def try_parse(text: object) -> Quantity | None:
    """Parse, or None: for rules that judge vagueness themselves (DL105)."""
    try:
        return parse(text)
    except QuantityError:
        return None


@dataclass(frozen=True)
class Prose:
    """A quantity a design states in words (`multiple`, `several hundred`, `until checkout`).

    The fact is present, so rules that only ask "is it stated?" accept it; it has no number,
    so arithmetic skips it and the rules that need the number say so once (DL207).
    """

    text: str

    def __str__(self) -> str:
        return self.text


# What a field holds when it is stated at all: a sized quantity or words.
Stated = Quantity | Prose

PROSE_MAX = 200

# Number words are a number attempt: `replicas: one` is a typo for `1`, not a description.
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion trillion dozen".split()
)
# Placeholders say nothing: leave the field out instead.
PLACEHOLDERS = frozenset(
    "tbd tba todo tbc n/a na none null nil unknown ? ?? ??? - -- ... …".split()
)
NUMBERISH = re.compile(r"\s*[-+~≈<>≤≥±]*\s*(?:\d|\.\d)")


def stated(value: object) -> Stated:
    """A quantity, a range or bound (`Bounds`), or prose when the words attempt no number.

    Raises QuantityError for a number that cannot be read (whatever follows it), a number
    word, an approximate number, a placeholder, or prose too long to be a value.
    """
    if not isinstance(value, str):
        return parse(value)
    text = value.strip()
    if NUMBERISH.match(text) or ARTICLE.match(text):
        try:
            return parse(value)
        except QuantityError as exc:
            found = _bounds(text)
            if found is None:
                raise exc from None
            return found
    found = _bounds(text) if text else None
    if found is not None:
        return found
    if not text or not any(ch.isalpha() for ch in text):
        return parse(value)
    order = _magnitude(text)
    if order is not None:
        return order
    lowered = " ".join(text.lower().split())
    words = re.split(r"[\s\-/]", lowered, maxsplit=2)
    first = words[0]
    if first in ("a", "an") and len(words) > 1 and words[1] in NUMBER_WORDS:
        first = words[1]  # `a million`, `a dozen`
    if first in NUMBER_WORDS:
        raise QuantityError(f"`{_cut(text)}` spells a number: write it in digits (`1`, `200ms`)")
    if lowered in PLACEHOLDERS:
        raise QuantityError(
            f"`{_cut(text)}` is a placeholder, not a value: leave the field out until it is known"
        )
    if len(text) > PROSE_MAX:
        raise QuantityError(
            f"a value in words longer than {PROSE_MAX} characters belongs in `description`"
        )
    return Prose(text)


@dataclass(frozen=True)
class Bounds(Prose):
    """A range or bound stated with numbers: `5 or 7`, `3-5 ms`, `at least 3`, `up to 10k`.

    It is a fact stated without one number, so it counts as `Prose` everywhere (arithmetic
    never computes with a range); `low` and `high` are kept for the checks a bound answers
    (at least 5 replicas is redundancy, DL702). An open end is None.
    """

    low: Quantity | None = None
    high: Quantity | None = None


def _bounds(text: str) -> Bounds | None:
    """The range or bound in `text`; None when it is neither; QuantityError for a bad end."""
    if len(text) > 64:
        return None
    soft = bounds.approximation(text)
    if soft is not None:
        raise QuantityError(
            f"`{_cut(text)}` is an approximate number: write the number alone (`{_cut(soft)}`); "
            "every estimate is approximate"
        )
    ends = bounds.split(text)
    if ends is None:
        return None
    low, high = (parse(e) if e is not None else None for e in (ends.low, ends.high))
    if low is not None and high is not None:
        # `3-5 ms`, `1-2 billion`, `1k-2k/s`: the scale and the unit are written once, at the
        # high end; a low end that is a bare number takes them (its own scale, if it has one,
        # and no scale that would put it above the high end: `between 5 and 2 million`).
        bare = NUMBER.fullmatch(ends.low.strip())  # type: ignore[union-attr]
        if bare:
            num_end, scale_end = _number_ends(high.text)
            unit = high.text[scale_end:]
            scaled = high.text[num_end:] if not bare.group("scale") else unit
            if scaled.strip():
                low = parse(ends.low + scaled)  # type: ignore[operator]
                if low.base > high.base and unit != scaled:
                    low = parse(ends.low + unit)  # type: ignore[operator]
        if low.kind != high.kind:
            raise QuantityError(f"`{_cut(text)}`: the two ends have different dimensions")
        if low.base > high.base:
            if not ends.alternatives:
                raise QuantityError(f"`{_cut(text)}`: the range runs backwards")
            low, high = high, low
    return Bounds(text, low, high)


@dataclass(frozen=True)
class Magnitude(Bounds):
    """An order of magnitude in words (`millions of queries`, `a few hundred bytes`).

    Its ends span the order (`millions` is 1e6 up to 1e7), so a check whose verdict is the same
    at both ends is answered (a cache of millions of 270-byte entries fits in 64 GB); it is
    never a number to compute with.
    """


def _magnitude(text: str) -> Magnitude | None:
    """The order of magnitude in `text`, with the unit or noun that follows; None if none."""
    order = bounds.magnitude(text)
    if order is None or len(text) > PROSE_MAX:
        return None
    rest = order.rest[3:] if order.rest.lower().startswith("of ") else order.rest
    try:
        ends = [_with_unit(text, end, rest.strip()) for end in (order.low, order.high)]
    except QuantityError:
        return None  # `hundreds of millions of users a day`: words, unsized
    return Magnitude(text, ends[0], ends[1])


def least(value: object) -> float | None:
    """The smallest number a value allows (a range's low end), in base units; None if unknown."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, Quantity):
        return value.base
    if isinstance(value, Bounds) and value.low is not None:
        return value.low.base
    return None


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# Dimensions a field may declare: the `kind` of a Quantity ("time", "data/time", ...), plus
# "ratio" for a plain fraction between 0 and 1 (an availability of `0.999`).
KIND_WORDS = {
    "time": "a duration (`200ms`, `30d`)",
    "data": "a size (`64 GB`)",
    "percent": "a percentage (`99.9%`)",
    "ratio": "a fraction between 0 and 1",
    "count": "a count (`500M`)",
    "count/time": "a rate (`12k/s`)",
    "data/time": "a data rate (`20 GB/day`)",
}


def check_kind(value: Quantity, kinds: tuple[str, ...], signed: bool = False) -> Quantity:
    """The value itself when it has one of `kinds`; QuantityError naming what was expected."""
    if not signed and value.magnitude < 0:
        raise QuantityError(f"`{value.text}` is negative; this cannot be")
    kind = value.kind
    if kind == "count" and value.magnitude == 0 and not value.has_unit:
        return value  # nothing at all is nothing in any unit
    if kind in kinds:
        if kind == "percent" and value.magnitude > 100:
            raise QuantityError(f"`{value.text}` is more than 100%")
        return value
    if "ratio" in kinds and kind == "count" and not value.has_unit:
        if 0 <= value.magnitude <= 1:
            return value
        raise QuantityError(
            f"`{value.text}` is neither a percentage nor a fraction: write `{value.text}%`"
            if value.magnitude <= 100
            else f"`{value.text}` is not an availability"
        )
    wanted = " or ".join(KIND_WORDS[k] for k in kinds)
    raise QuantityError(f"`{value.text}` is {_kind_word(value)}; expected {wanted}")


def check_stated(value: Stated, kinds: tuple[str, ...], signed: bool = False) -> Stated:
    """`check_kind` for any stated value: words pass; each end of a range is checked."""
    if isinstance(value, Bounds):
        for end in (value.low, value.high):
            if end is not None:
                try:
                    check_kind(end, kinds, signed)
                except QuantityError as exc:
                    if isinstance(value, Magnitude):
                        return Prose(value.text)  # `ttl: a few hundred`: words, as before
                    raise QuantityError(f"`{value.text}`: {exc}") from None
        return value
    if isinstance(value, Prose):
        return value
    return check_kind(value, kinds, signed)


def _kind_word(value: Quantity) -> str:
    kind = value.kind
    if kind == "count" and value.noun:
        return f"a count of {value.noun}"
    if kind == "count/time" and value.noun:
        return "a rate"
    return KIND_WORDS.get(kind, kind).split(" (")[0]


def sized(value: object) -> Quantity | None:
    """The quantity when a value states a number; None when absent or only in words."""
    return value if isinstance(value, Quantity) else None


def whole(value: object) -> int | None:
    """The integer of a whole-number field; None when absent or only in words."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
