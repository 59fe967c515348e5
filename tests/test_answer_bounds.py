"""Bounds stated in words (`designlint.answer_bounds`), phrase by phrase."""

from __future__ import annotations

import pytest

from designlint.answer_bounds import stated_bound


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        # Ranking cuts, with a number, a number word or the size as a letter.
        ("exactly the top 10 (the list is fixed-size)", "top 10"),
        ("Top Ten players", "Top Ten"),
        ("get top10", "top10"),
        ("the top N", "top N"),
        ("top-k suggestions for a prefix", "top-k"),
        ("the top 5 completions for each prefix", "top 5"),
        ("for each prefix, up to 5 suggestions", "up to 5"),
        ("the 10 most popular ads", "10 most popular"),
        ("the 5 nearest drivers", "5 nearest"),
        ("the k nearest neighbours", "k nearest"),
        # Caps before or after the count, SQL included.
        ("at most 50", "at most 50"),
        ("returns up to 20 devices", "up to 20"),
        ("a list of up to 20 folders", "up to 20"),
        ("no more than 100 items", "no more than 100"),
        ("up to 1,000 entries", "up to 1,000"),
        ("at most one per user", "at most one"),
        ("a maximum of a dozen", "maximum of a dozen"),
        ("50 at most", "50 at most"),
        ("SELECT * FROM t ORDER BY score DESC LIMIT 10", "LIMIT 10"),
        # Vague counts that quantify the items.
        ("all folders of an account (a handful per user)", "a handful"),
        ("a few per user", "a few"),
        ("a few dozen per user", "a few dozen"),
        ("several folders per account", "several"),
        ("only a few", "only a few"),
        ("typically a handful", "typically a handful"),
        # Bounds without a number.
        ("a fixed-size list", "fixed-size"),
        ("one event with its seat map, bounded by the venue", "bounded"),
    ],
)
def test_bounds(text: str, bound: str) -> None:
    assert stated_bound(text) == bound


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        # Look-alikes.
        "top-level folders",
        "the top-up of a wallet",
        "stop 5 nodes",
        "desktop 3",
        "unbounded",
        "not bounded",
        "isn't bounded",
        "the orders bounded context",
        "bounded staleness",
        "with pagination",
        "returns the first page",
        "a few seconds",
        # Counts too large for one answer.
        "a few hundred thousand per user",
        "a few thousand per user",
        "up to 10k",
        "up to 10 million rows",
        # Page sizes and rates: the list goes on.
        "up to 20 per page",
        "up to 100 results per request",
        "at most 10 pages",
        "a limit of 100 requests per second",
        # A recency cut is the first page of a stream.
        "the 20 most recent tweets",
        # Counts of each item's parts, not of the items.
        "each tweet has up to 4 images",
        "returns tweets, each with up to 4 images",
        "tweets with up to 4 images",
        "up to 20 replies each",
        "tweets of up to 280 characters",
        # Numbers that are not counts of items.
        "answers in up to 200 ms",
        "at most 5 MB",
        "top 10%",
        "at most once",
        "delivered at most one time",
        "up to 5 retries",
        "10x faster",
    ],
)
def test_not_bounds(text: str | None) -> None:
    assert stated_bound(text) is None
