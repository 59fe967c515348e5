"""Index coverage: does a primary key or an index serve a query, by the leftmost-prefix rule.

Pure functions over column names, no design model: DL503 (unindexed-query) and DL507
(unbounded-query) ask the questions, `tests/test_indexes.py` pins the answers.

A sorted index on `(c0, c1, ..., cn)` can answer a query without scanning the table when:

1. the columns compared with `=` are exactly the first k index columns, in any order among
   themselves (with them fixed, the rest of the index is sorted by `c_k, c_k+1, ...`);
2. at most one column is compared with a range (`<`, `>`, BETWEEN), and it is `c_k`, the
   column right after the equality prefix (a range stops the prefix: the columns after it are
   only sorted within each value of the range column);
3. the ORDER BY columns, leaving out those fixed by equality (a constant sorts nothing),
   continue the index from `c_k` in order (and start with the range column when there is
   one), with the index's directions (a forward scan) or all of them flipped (the index
   scanned backwards serves exactly the reverse order). Mixed directions need a sort.

A query with only equality on a prefix is served; a query with no predicate and no order is a
full scan, served by nothing. In a hashed store (key-value, wide-column, object store) the first
key column is the partition key: rows are placed by its hash, so it must be compared with `=`
before anything else can be used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple


class Column(NamedTuple):
    """One key or ORDER BY column: a lower-cased name and its direction (a NamedTuple, like
    `Coverage`: cheap to build and to hash, and `serves` is cached by key and query shape)."""

    name: str
    descending: bool = False

    def __str__(self) -> str:
        return f"{self.name} desc" if self.descending else self.name


def parse_column(spec: str | Column) -> Column:
    """`created_at desc` -> Column("created_at", True). Names compare case-insensitively."""
    if isinstance(spec, Column):
        return spec
    return _parse_text(spec)


@lru_cache(maxsize=65536)
def _parse_text(spec: str) -> Column:
    # Cached: a 10k-service design repeats the same few column specs hundreds of thousands
    # of times across its queries and indexes (bench/README.md).
    parts = spec.split()
    if not parts:
        return Column("")
    direction = parts[-1].lower() if len(parts) > 1 else "asc"
    name = " ".join(parts[:-1]) if direction in ("asc", "desc") and len(parts) > 1 else spec
    return Column(name.strip().lower(), direction == "desc")


def parse_columns(specs: str | Column | Sequence[str | Column] | None) -> list[Column]:
    """A one-or-many column field (`order_by: created_at desc` or a list) as Columns."""
    if specs is None:
        return []
    if isinstance(specs, str | Column):
        specs = (specs,)
    elif not isinstance(specs, tuple):
        specs = tuple(specs)
    if all(type(s) is str for s in specs):
        return list(_parse_texts(specs))  # type: ignore[arg-type]
    return [c for c in (parse_column(s) for s in specs) if c.name]


@lru_cache(maxsize=65536)
def _parse_texts(specs: tuple[str, ...]) -> tuple[Column, ...]:
    # Cached by the whole key: DL503 and DL507 ask about each query's keys and columns again
    # for every query of every store (bench/README.md).
    return tuple(c for c in map(_parse_text, specs) if c.name)


@dataclass(frozen=True)
class Access:
    """The shape of a query as a planner sees it: equality, range and ORDER BY columns."""

    equals: frozenset[str] = frozenset()
    ranges: tuple[str, ...] = ()
    order_by: tuple[Column, ...] = ()

    @classmethod
    def of(
        cls,
        equals: Iterable[str] = (),
        range: str | Sequence[str] | None = None,  # noqa: A002 - the format's field name
        order_by: str | Sequence[str] | None = None,
    ) -> Access:
        return _access(_spec(equals), _spec(range), _spec(order_by))


def _spec(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """A one-or-many column field as a tuple, the hashable key of `_access`."""
    if value is None:
        return ()
    if isinstance(value, str | Column):
        return (value,)  # type: ignore[return-value]
    return tuple(value)


@lru_cache(maxsize=65536)
def _access(equals: tuple[str, ...], ranged: tuple[str, ...], order_by: tuple[str, ...]) -> Access:
    # Cached: a query shape recurs across stores, and DL503 and DL507 both read every query.
    eq = frozenset(c.name for c in parse_columns(equals))
    ranges: list[str] = []
    for c in parse_columns(ranged):
        if c.name not in eq and c.name not in ranges:  # `= x AND > y` on one column is `=`
            ranges.append(c.name)
    return Access(eq, tuple(ranges), tuple(parse_columns(order_by)))


class Coverage(NamedTuple):
    """Whether a key serves a query; `reason` says why not, `backwards` how it serves."""

    served: bool
    reason: str = ""
    backwards: bool = False

    def __bool__(self) -> bool:
        return self.served


def serves(key: Sequence[str | Column], access: Access, *, hashed: bool = False) -> Coverage:
    """Does an index (or primary key) on `key` serve `access`? See the module docstring."""
    return _serves(key if isinstance(key, tuple) else tuple(key), access, hashed)


@lru_cache(maxsize=65536)
def _serves(key: tuple[str | Column, ...], access: Access, hashed: bool) -> Coverage:  # noqa: C901 - the rule reads best as one sequence of checks
    # Cached: a design repeats a few key and query shapes across all its stores.
    cols = parse_columns(key)
    names = [c.name for c in cols]
    eq = access.equals
    if not cols:
        return Coverage(False, "the key has no columns")
    if not eq and not access.ranges and not access.order_by:
        return Coverage(False, "the query has no predicate and no order: a full scan")
    k = len(eq)
    prefix = set(names[:k])
    if k > len(names) or prefix != eq:
        stray = sorted(eq - prefix) or sorted(eq)
        shown = ", ".join(f"`{c}`" for c in stray)
        return Coverage(False, f"equality on {shown} is not on a leading prefix of the key")
    if hashed and k == 0:
        return Coverage(False, f"the partition key `{names[0]}` is not compared with `=`")
    if len(access.ranges) > 1:
        return Coverage(False, "an index serves at most one range column")
    rng = access.ranges[0] if access.ranges else None
    if rng is not None and (k >= len(names) or names[k] != rng):
        after = f"`{names[k]}`" if k < len(names) else "nothing"
        return Coverage(
            False, f"the range on `{rng}` does not follow the equality prefix (next is {after})"
        )
    order = [c for c in access.order_by if c.name not in eq]
    if not order:
        return Coverage(True)
    if rng is not None and order[0].name != rng:
        return Coverage(False, f"ORDER BY `{order[0].name}` after a range on `{rng}` needs a sort")
    segment = cols[k : k + len(order)]
    if [c.name for c in segment] != [c.name for c in order]:
        wanted = ", ".join(str(c) for c in order)
        return Coverage(False, f"ORDER BY {wanted} does not continue the key after its prefix")
    same = [o.descending == c.descending for o, c in zip(order, segment, strict=True)]
    if all(same):
        return Coverage(True)
    if not any(same):
        return Coverage(True, backwards=True)
    return Coverage(False, "ORDER BY mixes directions the key cannot scan either way")


def suggest(access: Access) -> list[str]:
    """The index that would serve `access`: equality columns, the range column, the order."""
    cols = sorted(access.equals)
    order = [c for c in access.order_by if c.name not in access.equals]
    if access.ranges:
        rng = access.ranges[0]
        first = order[0] if order and order[0].name == rng else Column(rng)
        cols.append(str(first))
        order = order[1:] if order and order[0].name == rng else []
    cols += [str(c) for c in order if c.name not in cols]
    return cols
