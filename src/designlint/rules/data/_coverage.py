"""Whether a store answers a declared query without a scan, and whether the answer is bounded.

DL503 (unindexed-query) and DL507 (unbounded-query) ask about the same queries; they share these
answers so that one query is never judged two ways, and so that DL507 can leave a query that no
key serves to DL503 (one defect, one finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from designlint.context import Context
from designlint.indexes import Access, Coverage, parse_columns, serves
from designlint.model.components import Datastore, Entity, Query
from designlint.rules.data._keys import HASHED_KINDS, PRIMARY_KEY, Key, keys

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
    if not _redis_like(store.technology or ""):
        return False
    cols = set(access.ranges) | {c.name for c in access.order_by if c.name not in access.equals}
    if len(cols) != 1:
        return False
    text = " ".join(filter(None, (store.description, store.rationale, query.description)))
    return cols == {"score"} or bool(_SORTED_SET.search(text))


@lru_cache(maxsize=1024)
def _redis_like(technology: str) -> bool:
    # Cached by text: a big design names the same few technologies on thousands of stores.
    return bool(_REDIS_LIKE.search(technology))


def _residual(key: Key, access: Access) -> bool:
    """Every key column fixed by `=`: the rows of one key value, filtered (and, if unique, one)."""
    names = [c.name for c in parse_columns(key.columns)]
    if not names or not set(names) <= access.equals:
        return False
    unsorted = [c for c in access.order_by if c.name not in access.equals]
    return key.unique or not unsorted


def judge(
    store: Datastore,
    entity: Entity,
    query: Query,
    access: Access | None = None,
    candidates: tuple[Key, ...] | None = None,
) -> Judgement | None:
    """Whether a key of `entity` serves `query`; None for store kinds that are not judged.
    `access` and `candidates` are the query's shape and the entity's keys when the caller
    already has them."""
    if store.kind in SKIPPED_KINDS:
        return None
    if access is None:
        access = Access.of(query.equals, query.range, query.order_by)
    if not access.equals and not access.ranges and not access.order_by:
        # No predicate and no order: with a limit the read stops after N rows (a work queue's
        # `LIMIT 1000 FOR UPDATE SKIP LOCKED`); without one it is a full scan.
        return Judgement(query.limit is not None)
    if _sorted_set_score(store, query, access):
        return Judgement(True)
    if candidates is None:
        candidates = tuple(keys(entity))
    return _judge_shape(candidates, access, store.kind in HASHED_KINDS)


@lru_cache(maxsize=65536)
def _judge_shape(candidates: tuple[Key, ...], access: Access, hashed: bool) -> Judgement:
    # Cached by the keys' and the query's shape: a big design repeats a handful of them across
    # thousands of stores. The judgement is read, never changed, by the rules.
    results = [(k, serves(k.columns, access, hashed=hashed)) for k in candidates]
    if any(result for _, result in results):
        return Judgement(True)
    if any(_residual(k, access) for k in candidates):
        return Judgement(True)
    return Judgement(False, results)


def _identifier(entity_name: str, columns: frozenset[str]) -> bool:
    """`id`, or `<entity>_id` on an entity named after it (`user_id` on `users`)."""
    singular = entity_name.lower().replace("-", "_")
    singular = singular[:-1] if singular.endswith("s") else singular
    return bool(columns & {"id", f"{singular}_id"})


def bounded(
    store: Datastore,
    entity: Entity | None,
    query: Query,
    access: Access | None = None,
    candidates: tuple[Key, ...] | None = None,
) -> bool:
    """Whether the query returns a bounded number of rows without a `limit`.

    A unique key fixed by `=` gives one row; a unique key with every column but the last fixed
    and a range on the last gives one row per value in the range (one per night of a stay).
    Without a declared primary key, a lookup is still unique by construction when it is a GET
    of one key in a key-value or object store, or when it compares the entity's own identifier.
    `access` and `candidates` are as for `judge`.
    """
    if access is None:
        access = Access.of(query.equals, query.range, query.order_by)
    if entity is not None and candidates is None:
        candidates = tuple(keys(entity))
    return _bounded_shape(
        None if entity is None else candidates,
        access.equals,
        access.ranges,
        store.kind in _GET_KINDS,
        query.entity,
    )


@lru_cache(maxsize=65536)
def _bounded_shape(
    candidates: tuple[Key, ...] | None,
    eq: frozenset[str],
    ranges: tuple[str, ...],
    get_kind: bool,
    entity_name: str,
) -> bool:
    # Cached by shape, like `_judge_shape`. `candidates` is None when the entity is undeclared.
    if candidates is not None:
        for key in candidates:
            if not key.unique:
                continue
            names = [c.name for c in parse_columns(key.columns)]
            if names and set(names) <= eq:
                return True
            if len(names) >= 2 and set(names[:-1]) <= eq and ranges == (names[-1],):
                return True
        if any(key.label == PRIMARY_KEY for key in candidates):
            return False
    if get_kind and len(eq) == 1 and not ranges:
        return True
    return _identifier(entity_name, eq)


def query_access(ctx: Context, query: Query) -> Access:
    """The shape of `query`, once per query and file (DL503 and DL507 both read it)."""
    table = ctx.shared(_accesses)
    hit = table.get(id(query))
    if hit is None:
        hit = table[id(query)] = (query, Access.of(query.equals, query.range, query.order_by))
    return hit[1]


def entity_keys(ctx: Context, entity: Entity) -> tuple[Key, ...]:
    """The keys of `entity`, once per entity and file: each of its queries asks for them."""
    table = ctx.shared(_entity_keys)
    hit = table.get(id(entity))
    if hit is None:
        hit = table[id(entity)] = (entity, tuple(keys(entity)))  # holds the id alive
    return hit[1]


def shared_judge(ctx: Context, store: Datastore, entity: Entity, query: Query) -> Judgement | None:
    """`judge`, once per query and file: DL503 and DL507 both ask it of every query."""
    cache = ctx.shared(_judgements)
    key = (id(store), id(query), id(entity))
    hit = cache.get(key)
    if hit is None:
        judgement = judge(store, entity, query, query_access(ctx, query), entity_keys(ctx, entity))
        hit = cache[key] = (store, entity, query, judgement)  # holds the ids alive
    return hit[3]


def _judgements(ctx: Context) -> dict[tuple[int, int, int], tuple]:
    return {}


def _accesses(ctx: Context) -> dict[int, tuple[Query, Access]]:
    return {}


def _entity_keys(ctx: Context) -> dict[int, tuple[Entity, tuple[Key, ...]]]:
    return {}
