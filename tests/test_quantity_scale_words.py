"""Scale words spelt out after a number (`1 billion/month`) are the scale, never a count noun."""

from __future__ import annotations

import pytest

from designlint.numbers import expr
from designlint.numbers.quantity import Bounds, Quantity, QuantityError, parse, stated

DAY, MONTH = 86400.0, 2629800.0


@pytest.mark.parametrize(
    ("text", "base", "kind", "noun"),
    [
        ("1 billion", 1e9, "count", None),
        ("1 billion/month", 1e9 / MONTH, "count/time", None),
        ("1 billion pages per month", 1e9 / MONTH, "count/time", "pages"),
        ("100 million", 1e8, "count", None),
        ("10 thousand", 1e4, "count", None),
        ("2.5 trillion", 2.5e12, "count", None),
        ("500 million users", 5e8, "count", "users"),
        ("10 million/day", 1e7 / DAY, "count/time", None),
        ("3 million per day", 3e6 / DAY, "count/time", None),
        ("1.2 billion", 1.2e9, "count", None),
        ("1,000 million", 1e9, "count", None),
        ("10 billion/day", 1e10 / DAY, "count/time", None),
        ("1 Billion", 1e9, "count", None),
        ("2 MILLION", 2e6, "count", None),
        ("2 millions", 2e6, "count", None),
        ("5 hundred", 500, "count", None),
        ("2 dozen", 24, "count", None),
        ("1 hundred million", 1e8, "count", None),
        ("1billion", 1e9, "count", None),
        ("a million", 1e6, "count", None),
        ("A billion users", 1e9, "count", "users"),
        ("a hundred million/day", 1e8 / DAY, "count/time", None),
        ("5 million B", 5e6, "data", None),
        ("20 thousand GB/day", 2e13 / DAY, "data/time", None),
        ("3 thousand ms", 3.0, "time", None),
        ("1.2 thousand rps", 1200, "count/time", "rps"),
        ("100 M users", 1e8, "count", "users"),
        ("10 k/s", 1e4, "count/time", None),
        ("1 bn", 1e9, "count", None),
        ("3 thousands", 3e3, "count", None),
    ],
)
def test_scale_word_is_the_scale(text, base, kind, noun):
    q = parse(text)
    assert q.base == pytest.approx(base)
    assert q.kind == kind
    assert q.noun == noun
    assert stated(text) == q


@pytest.mark.parametrize(
    ("text", "magnitude", "noun"),
    [
        ("1 billionaire", 1, "billionaire"),
        ("1 million-user", 1, "million-user"),
        ("1 millionth", 1, "millionth"),
        ("3 thousands-of", 3, "thousands-of"),
    ],
)
def test_words_that_only_start_like_a_scale_stay_nouns(text, magnitude, noun):
    q = parse(text)
    assert (q.magnitude, q.noun) == (magnitude, noun)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1k million", "scale twice"),
        ("2bn thousand/day", "scale twice"),
        ("1 k million", "scale twice"),
        ("2 Thousand M", "scale twice"),
        ("5 m", "ambiguous"),
        ("500 million daily active users", "`daily active users` is not a unit"),
        ("1 million m", "ambiguous"),
        ("a millions", "does not start with a number"),
        ("a few million", "does not start with a number"),
    ],
)
def test_refuses(text, reason):
    with pytest.raises(QuantityError, match=reason):
        parse(text)


def test_words_after_the_scale_fail_as_after_a_plain_number():
    """Whatever follows the scale is judged as if it followed the number alone."""
    for tail in ("daily active users", "/fortnight", "per 2 days"):
        with pytest.raises(QuantityError) as plain:
            parse(f"500 {tail}")
        with pytest.raises(QuantityError) as scaled:
            parse(f"500 million {tail}")
        assert str(plain.value).split(": ", 1)[-1] == str(scaled.value).split(": ", 1)[-1]


def test_one_million_in_words_is_still_a_spelt_number():
    with pytest.raises(QuantityError, match="write it in digits"):
        stated("one million")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1-2 billion", 1e9, 2e9),
        ("1 to 2 million", 1e6, 2e6),
        ("between 1 and 2 million users", 1e6, 2e6),
        ("1-2M", 1e6, 2e6),
        ("3-5 ms", 0.003, 0.005),
        ("1k-2M", 1e3, 2e6),
        ("100 million+", 1e8, None),
        ("100+ million users", 1e8, None),
        ("10k+ keys", 1e4, None),
        ("1 billion+ pages", 1e9, None),
        ("at least 1 billion", 1e9, None),
        ("up to a million", None, 1e6),
        ("a billion or more", 1e9, None),
        ("between 1 and a million users", 1, 1e6),
        ("between 5 and 2 million users", 5, 2e6),
        ("10-20M users", 1e7, 2e7),
        ("1-2 M users", 1e6, 2e6),
    ],
)
def test_ranges_and_bounds_write_the_scale_once(text, low, high):
    found = stated(text)
    assert isinstance(found, Bounds)
    assert (found.low.base if found.low else None) == pytest.approx(low)
    assert (found.high.base if found.high else None) == pytest.approx(high)


def test_orders_in_words_are_unchanged():
    found = stated("hundreds of millions")
    assert isinstance(found, Bounds) and not isinstance(found, Quantity)
    assert (found.low.base, found.high.base) == (1e8, 1e9)


@pytest.mark.parametrize(
    ("source", "first"),
    [
        ("1 billion", 1e9),
        ("2 million * 3", 2e6),
        ("3 Thousands / 1 day", 3e3),
        ("2bn", 2e9),
        ("10 k / 1 s", 1e4),
    ],
)
def test_expressions_read_a_scale_word(source, first):
    """The number and its scale word are one number, not a number with the unit `billion`."""
    program = expr.parse(source)
    assert (program.ops[0].kind, program.ops[0].value) == ("num", pytest.approx(first))
    assert all(op.name not in ("billion", "million", "Thousands") for op in program.names)


@pytest.mark.parametrize(
    "source", ["1 million B", "1 billion pages / 1 month", "1 hundred million"]
)
def test_expressions_say_where_a_scale_word_ends_its_number(source):
    with pytest.raises(expr.ExprError, match="a scale word ends its number"):
        expr.parse(source)
