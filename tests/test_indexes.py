"""The leftmost-prefix rule of `designlint.indexes`, case by case."""

from __future__ import annotations

import pytest

from designlint.indexes import Access, Column, parse_column, serves, suggest

BY_AUTHOR = ["author_id", "created_at desc"]


@pytest.mark.parametrize(
    ("key", "access", "served", "backwards"),
    [
        # The article's profile query: equality on the prefix, then the index order.
        (BY_AUTHOR, Access.of(["author_id"], order_by="created_at desc"), True, False),
        # Range on the second column with no equality on the first: the prefix is missing.
        (BY_AUTHOR, Access.of(range="created_at"), False, False),
        # Equality on a prefix alone is served.
        (BY_AUTHOR, Access.of(["author_id"]), True, False),
        (BY_AUTHOR, Access.of(["author_id", "created_at"]), True, False),
        # The opposite direction is served by scanning the index backwards.
        (BY_AUTHOR, Access.of(["author_id"], order_by="created_at asc"), True, True),
        (BY_AUTHOR, Access.of(["author_id"], order_by="created_at"), True, True),
        # ORDER BY both columns with the index's mix of directions, or exactly its reverse.
        (BY_AUTHOR, Access.of(order_by=["author_id", "created_at desc"]), True, False),
        (BY_AUTHOR, Access.of(order_by=["author_id desc", "created_at"]), True, True),
        # Mixed directions the index cannot produce either way.
        (BY_AUTHOR, Access.of(order_by=["author_id", "created_at"]), False, False),
        (BY_AUTHOR, Access.of(order_by=["author_id desc", "created_at desc"]), False, False),
        # A column fixed by equality sorts nothing, so its direction does not matter.
        (BY_AUTHOR, Access.of(["author_id"], order_by=["author_id", "created_at"]), True, True),
        # Equality on a non-prefix column.
        (BY_AUTHOR, Access.of(["created_at"]), False, False),
        (BY_AUTHOR, Access.of(["author_id", "status"]), False, False),
        # The article's cursor page: equality, a range on the next column, order on it.
        (
            BY_AUTHOR,
            Access.of(["author_id"], range="created_at", order_by="created_at desc"),
            True,
            False,
        ),
        # A range not on the column right after the equality prefix.
        (["a", "b", "c"], Access.of(["a"], range="c"), False, False),
        # Order on a column after a range needs a sort.
        (["a", "b", "c"], Access.of(["a"], range="b", order_by="c"), False, False),
        # Two range columns: an index serves at most one.
        (["a", "b", "c"], Access.of(["a"], range=["b", "c"]), False, False),
        # Equality columns in any order among themselves.
        (["a", "b", "c"], Access.of(["b", "a"], order_by="c"), True, False),
        # ORDER BY that skips a key column.
        (["a", "b", "c"], Access.of(["a"], order_by="c"), False, False),
        # More equality columns than the key has.
        (["a"], Access.of(["a", "b"]), False, False),
        # Nothing at all is a full scan.
        (["a"], Access.of(), False, False),
        # Order alone on the leading column is an index scan.
        (["created_at"], Access.of(order_by="created_at desc", range="created_at"), True, True),
        # Case-insensitive names and directions.
        (
            ["Author_ID", "created_at DESC"],
            Access.of(["author_id"], order_by="CREATED_AT desc"),
            True,
            False,
        ),
    ],
)
def test_serves(key, access, served, backwards):
    result = serves(key, access)
    assert bool(result) is served, result.reason
    assert result.backwards is backwards
    if not served:
        assert result.reason


@pytest.mark.parametrize(
    ("key", "access", "served"),
    [
        # A hashed partition key must be compared with `=`.
        (
            ["author_id", "created_at desc"],
            Access.of(order_by=["author_id", "created_at desc"]),
            False,
        ),
        (["author_id", "created_at desc"], Access.of(range="author_id"), False),
        # Partition key then clustering columns: the article's tweets-by-author pattern.
        (
            ["author_id", "created_at desc"],
            Access.of(["author_id"], order_by="created_at desc"),
            True,
        ),
        (["author_id", "created_at desc"], Access.of(["author_id"], range="created_at"), True),
    ],
)
def test_serves_hashed(key, access, served):
    assert bool(serves(key, access, hashed=True)) is served


def test_parse_column():
    assert parse_column("created_at desc") == Column("created_at", True)
    assert parse_column("created_at ASC") == Column("created_at", False)
    assert parse_column("  Author_Id ") == Column("author_id", False)


def test_equality_also_in_range_counts_as_equality():
    assert Access.of(["a"], range="a").ranges == ()


def test_suggest_builds_the_serving_index():
    access = Access.of(["author_id"], range="created_at", order_by="created_at desc")
    assert suggest(access) == ["author_id", "created_at desc"]
    assert serves(suggest(access), access)
    access = Access.of(["b", "a"], order_by=["c desc", "d"])
    assert serves(suggest(access), access)
