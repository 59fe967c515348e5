"""Whether a store answers a declared query without a scan, and whether the answer is bounded.

DL503 (unindexed-query) and DL507 (unbounded-query) ask about the same queries; they share these
answers so that one query is never judged two ways, and so that DL507 can leave a query that no
key serves to DL503 (one defect, one finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from designlint.context import Context
from designlint.indexes import Access, Coverage, parse_columns, serves
from designlint.model.components import Datastore, Entity, Query
from designlint.rules.data._keys import HASHED_KINDS, Key, keys, primary_key_columns

# Search engines index every field (inverted indexes) and graph stores answer traversals,
# not key scans: the leftmost-prefix rule says nothing about them.
SKIPPED_KINDS = frozenset({"search", "graph"})

# Stores whose sorted sets keep members ordered by score (ZRANGE, ZREVRANGEBYSCORE).
_REDIS_LIKE = re.compile(r"redis|valkey|keydb|dragonfly", re.I)
_SORTED_SET = re.compile(
    r"sorted[\s_-]*sets?|\bzsets?\b|\bz(?:add|range|revrange|rangebyscore|revrangebyscore|"
    r"incrby|rank|revrank)\b",
    re.I,
)
# Stores addressed by key only: a GET of one key returns one value.
_GET_KINDS = frozenset({"key-value", "object-store"})


@dataclass(frozen=True)
class Judgement:
    """Whether a query is served; when not, what each key said about it."""

    served: bool
    reasons: list[tuple[Key, Coverage]] = field(default_factory=list)


def _sorted_set_score(store: Datastore, query: Query, access: Access) -> bool:
    """A Redis-like sorted set read by its score: the members are already in score order."""
    if not _REDIS_LIKE.search(store.technology or ""):
        return False
    cols = set(access.ranges) | {c.name for c in access.order_by if c.name not in access.equals}
    if len(cols) != 1:
        return False
    text = " ".join(filter(None, (store.description, store.rationale, query.description)))
    return cols == {"score"} or bool(_SORTED_SET.search(text))


def _residual(key: Key, access: Access) -> bool:
    """Every key column fixed by `=`: the rows of one key value, filtered (and, if unique, one)."""
    names = [c.name for c in parse_columns(key.columns)]
    if not names or not set(names) <= access.equals:
        return False
    unsorted = [c for c in access.order_by if c.name not in access.equals]
    return key.unique or not unsorted


def judge(store: Datastore, entity: Entity, query: Query) -> Judgement | None:
    """Whether a key of `entity` serves `query`; None for store kinds that are not judged."""
    if store.kind in SKIPPED_KINDS:
        return None
    access = Access.of(query.equals, query.range, query.order_by)
    if not access.equals and not access.ranges and not access.order_by:
        # No predicate and no order: with a limit the read stops after N rows (a work queue's
        # `LIMIT 1000 FOR UPDATE SKIP LOCKED`); without one it is a full scan.
        return Judgement(query.limit is not None)
    if _sorted_set_score(store, query, access):
        return Judgement(True)
    hashed = store.kind in HASHED_KINDS
    candidates = keys(entity)
    results = [(k, serves(k.columns, access, hashed=hashed)) for k in candidates]
    if any(result for _, result in results):
        return Judgement(True)
    if any(_residual(k, access) for k in candidates):
        return Judgement(True)
    return Judgement(False, results)


def _identifier(entity_name: str, columns: set[str]) -> bool:
    """`id`, or `<entity>_id` on an entity named after it (`user_id` on `users`)."""
    singular = entity_name.lower().replace("-", "_")
    singular = singular[:-1] if singular.endswith("s") else singular
    return bool(columns & {"id", f"{singular}_id"})


def bounded(store: Datastore, entity: Entity | None, query: Query) -> bool:
    """Whether the query returns a bounded number of rows without a `limit`.

    A unique key fixed by `=` gives one row; a unique key with every column but the last fixed
    and a range on the last gives one row per value in the range (one per night of a stay).
    Without a declared primary key, a lookup is still unique by construction when it is a GET
    of one key in a key-value or object store, or when it compares the entity's own identifier.
    """
    access = Access.of(query.equals, query.range, query.order_by)
    eq = access.equals
    if entity is not None:
        for key in keys(entity):
            if not key.unique:
                continue
            names = [c.name for c in parse_columns(key.columns)]
            if names and set(names) <= eq:
                return True
            if len(names) >= 2 and set(names[:-1]) <= eq and access.ranges == (names[-1],):
                return True
        if primary_key_columns(entity):
            return False
    if store.kind in _GET_KINDS and len(eq) == 1 and not access.ranges:
        return True
    return _identifier(query.entity, set(eq))


def shared_judge(ctx: Context, store: Datastore, entity: Entity, query: Query) -> Judgement | None:
    """`judge`, once per query and file: DL503 and DL507 both ask it of every query."""
    cache = ctx.shared(_judgements)
    key = (id(store), id(query), id(entity))
    if key not in cache:
        cache[key] = (store, entity, query, judge(store, entity, query))  # holds the ids alive
    return cache[key][3]


def _judgements(ctx: Context) -> dict[tuple[int, int, int], tuple]:
    return {}
