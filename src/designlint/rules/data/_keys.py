"""The keys of an entity (primary key and indexes) as DL503 and DL507 see them."""

from __future__ import annotations

from typing import NamedTuple

from designlint.model.components import Entity, Index

# Stores that place rows by the hash of the first key column (partition key).
HASHED_KINDS = frozenset({"key-value", "wide-column", "object-store"})
# The label of the primary key among an entity's keys.
PRIMARY_KEY = "the primary key"


class Key(NamedTuple):
    """One way into an entity: its label for messages, its columns, whether it is unique.

    A NamedTuple: DL503 and DL507 build the keys of an entity for each of its queries, and a
    frozen dataclass costs several times as much to build (bench/README.md)."""

    label: str
    columns: tuple[str, ...]
    unique: bool


def primary_key_columns(entity: Entity) -> list[str]:
    """The primary key as a list of column specs; empty when none is declared."""
    pk = entity.primary_key
    if pk is None:
        return []
    cols = [pk] if isinstance(pk, str) else list(pk)
    return [c for c in cols if c.strip()]


def keys(entity: Entity) -> list[Key]:
    """The primary key first, then every secondary index, in declaration order."""
    result = []
    pk = primary_key_columns(entity)
    if pk:
        result.append(Key(PRIMARY_KEY, tuple(pk), True))
    for name, index in entity.indexes.items():
        if isinstance(index, Index):
            result.append(Key(f"index `{name}`", tuple(index.columns), index.unique))
        else:
            result.append(Key(f"index `{name}`", tuple(index), False))
    return result
