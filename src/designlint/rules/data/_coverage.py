"""Whether a store answers a declared query without a scan, and whether the answer is bounded.

DL503 (unindexed-query) and DL507 (unbounded-query) ask about the same queries; they share these
answers so that one query is never judged two ways, and so that DL507 can leave a query that no
key serves to DL503 (one defect, one finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

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


class Row(NamedTuple):
    """One declared query with what both rules ask of it: its shape, its entity's keys (None
    when the store does not declare the entity), and whether a key serves it (None when the
    entity is undeclared or the store's kind is not judged)."""

    store_id: str
    store: Datastore
    query_id: str
    query: Query
    entity: Entity | None
    access: Access
    keys: tuple[Key, ...] | None
    judgement: Judgement | None


def query_table(ctx: Context) -> list[Row]:
    """Every query of every datastore, in document order, judged once per file: DL503 and
    DL507 both read every query, and an entity's keys serve all of its queries."""
    return ctx.shared(_query_table)


def _query_table(ctx: Context) -> list[Row]:
    rows = []
    for did, store in ctx.design.datastores.items():
        if not store.queries:
            continue
        skipped = store.kind in SKIPPED_KINDS
        entity_keys: dict[str, tuple[Key, ...]] = {}
        for qid, query in store.queries.items():
            access = Access.of(query.equals, query.range, query.order_by)
            entity = store.entities.get(query.entity)
            candidates = judgement = None
            if entity is not None:
                candidates = entity_keys.get(query.entity)
                if candidates is None:
                    candidates = entity_keys[query.entity] = tuple(keys(entity))
                if not skipped:
                    judgement = judge(store, entity, query, access, candidates)
            rows.append(Row(did, store, qid, query, entity, access, candidates, judgement))
    return rows
