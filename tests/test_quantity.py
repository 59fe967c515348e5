"""Whiteboard quantities parse into values with units; ambiguity is refused."""

from __future__ import annotations

import pytest

from designlint.numbers.quantity import QuantityError, parse


@pytest.mark.parametrize(
    ("text", "base", "kind"),
    [
        ("200ms", 0.2, "time"),
        ("99.99%", 99.99, "percent"),
        ("100M/day", 1e8 / 86400, "count/time"),
        ("1.2k/s", 1200, "count/time"),
        ("3.2 TB", 3.2e12, "data"),
        ("20 GB/day", 20e9 / 86400, "data/time"),
        ("500M", 5e8, "count"),
        ("8 bytes", 8, "data"),
        ("200 B", 200, "data"),
        ("1bn", 1e9, "count"),
        ("1.2k rps", 1200, "count/time"),
        ("10,000", 1e4, "count"),
        ("30d", 30 * 86400, "time"),
    ],
)
def test_parses(text, base, kind):
    q = parse(text)
    assert q.base == pytest.approx(base)
    assert q.kind == kind


@pytest.mark.parametrize("text", ["1B", "fast", "5m", "1e400", "10 GB/GB", "3 GB/fortnight"])
def test_refuses(text):
    with pytest.raises(QuantityError):
        parse(text)


def test_parse_cache_keeps_errors_and_values():
    """Texts are parsed once per process; a failing text still fails every time."""
    first = parse("200ms")
    assert parse("200ms") is first and first.base == pytest.approx(0.2)
    for _ in range(2):
        with pytest.raises(QuantityError, match="ambiguous"):
            parse("5m")
