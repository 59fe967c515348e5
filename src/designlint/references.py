"""Every place a design refers to something by id, with what kind of thing it must be.

One table (`BLOCKS`) serves DL003 (unknown references) and the language server, so that a new
reference field is declared once. It is read two ways: `references` walks it entry by entry,
in document order, building each reference's path; `targets` gathers one field's targets
across all the entries of a block without building anything, so that DL003 checks the ~110,000
references of a big design with one set operation per field and walks only a block that holds
a miss.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from operator import attrgetter
from typing import Any, NamedTuple

from designlint.findings import ModelPath
from designlint.model import COMPONENT_SECTIONS, Design
from designlint.model.base import as_list

ANY_COMPONENT = COMPONENT_SECTIONS
STORES = ("datastores", "caches")


class Ref(NamedTuple):
    """`path` (in the document) names `target`, which must be declared in one of `kinds`.

    A NamedTuple: a 10k-service design has ~110,000 references, and a frozen dataclass costs
    several times as much to build."""

    path: ModelPath
    target: str
    kinds: tuple[str, ...]


def declared(design: Design, kind: str) -> dict:
    """Ids declared for a reference kind."""
    if kind == "functional":
        return design.requirements.functional
    if kind == "non_functional":
        return design.requirements.non_functional
    return getattr(design, kind)


# How a field holds its references (the path of each one in brackets):
ONE = "one"  # an id, when set [(*entry, field)]
OPTIONAL = "optional"  # the same, on entries that may lack the field (an estimate as a value)
LIST = "list"  # a list of ids [(*entry, field, i)]
ONE_OR_LIST = "one-or-list"  # an id, or a list of ids [(*entry, field) or (*entry, field, i)]
KEYS = "keys"  # the keys of a mapping [(*entry, field, key)]
TEXT = "text"  # an id, when the field holds a string rather than a setting [(*entry, field)]
RATE = "rate"  # an estimate's id, when the field is not a quantity [(*entry, field)]
HOPS = "hops"  # a flow's path [(*entry, field, i) or (*entry, field, i, "component")]


class Field(NamedTuple):
    name: str
    kinds: tuple[str, ...]
    shape: str


class Block(NamedTuple):
    """Fields of the entries of some sections, walked entry by entry: `sections` gives each
    section's path prefix and its entries by id."""

    sections: Callable[[Design], Iterable[tuple[ModelPath, Mapping[str, Any]]]]
    fields: tuple[Field, ...]


_REQS = ("functional", "flows")
BLOCKS: tuple[Block, ...] = (
    Block(
        lambda d: [(("requirements", "non_functional"), d.requirements.non_functional)],
        (
            Field("flow", _REQS, ONE),
            Field("estimate", ("estimates",), ONE),
            Field("datastores", STORES, LIST),
        ),
    ),
    Block(
        lambda d: [(("estimates",), d.estimates)],
        (Field("peak_of", ("estimates",), OPTIONAL), Field("flow", _REQS, OPTIONAL)),
    ),
    Block(
        lambda d: [((s,), getattr(d, s)) for s in COMPONENT_SECTIONS],
        (Field("regions", ("regions",), LIST), Field("serves", ("functional",), LIST)),
    ),
    Block(lambda d: [(("clients",), d.clients)], (Field("calls", ANY_COMPONENT, LIST),)),
    Block(lambda d: [(("edge",), d.edge)], (Field("routes_to", ANY_COMPONENT, LIST),)),
    Block(
        lambda d: [(("apis",), d.apis)],
        (Field("service", ("services",), ONE), Field("flows", _REQS, LIST)),
    ),
    Block(
        lambda d: [(("services",), d.services)],
        (
            Field("part_of", ("services",), ONE),
            Field("owns", STORES, LIST),
            Field("reads", STORES, LIST),
            Field("writes", STORES, LIST),
            Field("calls", ("services", "edge"), LIST),
            Field("publishes", ("queues",), LIST),
        ),
    ),
    Block(
        lambda d: [((s,), getattr(d, s)) for s in STORES],
        (Field("owner", ("services",), ONE_OR_LIST),),
    ),
    Block(
        lambda d: [(("queues",), d.queues)],
        (Field("dead_letter", ("queues",), TEXT), Field("consumers", ("services",), KEYS)),
    ),
    Block(
        lambda d: [(("fanout",), d.fanout)],
        (
            Field("source", ("queues",), ONE),
            Field("worker", ("services",), ONE),
            Field("target", STORES, ONE),
            Field("followers_from", ANY_COMPONENT, ONE),
            Field("pull_from", ANY_COMPONENT, ONE),
            Field("pull_by", ("services",), ONE),
            Field("writes", ("estimates",), ONE),
        ),
    ),
    Block(
        lambda d: [(("flows",), d.flows)],
        (
            Field("requirement", ("functional",), ONE),
            Field("sla", ("non_functional",), ONE),
            Field("availability", ("non_functional",), ONE),
            Field("rate", ("estimates",), RATE),
            Field("path", ANY_COMPONENT, HOPS),
        ),
    ),
    Block(
        lambda d: [(("bottlenecks",), d.bottlenecks)],
        (Field("component", (*ANY_COMPONENT, "fanout"), ONE),),
    ),
)


def references(design: Design) -> Iterator[Ref]:
    """Every reference, in document order of the blocks, entries and fields."""
    for block in BLOCKS:
        yield from block_references(design, block)


def block_references(design: Design, block: Block) -> Iterator[Ref]:
    """The references of one block, entry by entry."""
    for prefix, entries in block.sections(design):
        for eid, entry in entries.items():
            base = (*prefix, eid)
            for name, kinds, shape in block.fields:
                for path, target in _field_refs(entry, base, name, shape):
                    yield Ref(path, target, kinds)


def _field_refs(entry: Any, base: ModelPath, name: str, shape: str) -> Iterator[tuple]:
    value = getattr(entry, name, None)
    path = (*base, name)
    if shape == LIST:
        for i, target in enumerate(value):
            yield (*path, i), target
    elif shape in (ONE, OPTIONAL):
        if value:
            yield path, value
    elif shape == ONE_OR_LIST:
        listed = isinstance(value, list)
        for i, target in enumerate(as_list(value)):
            yield ((*path, i) if listed else path), target
    elif shape == KEYS:
        for key in value:
            yield (*path, key), key
    elif shape == TEXT:
        if isinstance(value, str):
            yield path, value
    elif shape == RATE:
        if isinstance(value, str) and not _is_quantity(value):
            yield path, value
    elif shape == HOPS:
        for i, hop in enumerate(value):
            if isinstance(hop, str):
                yield (*path, i), hop
            else:
                yield (*path, i, "component"), hop.component


def targets(design: Design, block: Block, field: Field) -> Iterable[str]:
    """Every target of `field` across the entries of `block`, without paths: as `references`
    gives them, in bulk (the common shapes never call back into Python per entry)."""
    entries = chain.from_iterable(m.values() for _, m in block.sections(design))
    name, _, shape = field
    if shape == LIST:
        return chain.from_iterable(map(attrgetter(name), entries))
    if shape == ONE:
        return filter(None, map(attrgetter(name), entries))
    if shape == OPTIONAL:
        return filter(None, (getattr(e, name, None) for e in entries))
    if shape == ONE_OR_LIST:
        return chain.from_iterable(map(as_list, map(attrgetter(name), entries)))
    if shape == KEYS:
        return chain.from_iterable(map(attrgetter(name), entries))
    if shape == TEXT:
        return (v for v in map(attrgetter(name), entries) if isinstance(v, str))
    if shape == RATE:
        found = map(attrgetter(name), entries)
        return (v for v in found if isinstance(v, str) and not _is_quantity(v))
    if shape == HOPS:
        hops = chain.from_iterable(map(attrgetter(name), entries))
        return (h if isinstance(h, str) else h.component for h in hops)
    raise ValueError(f"unknown reference shape {shape!r}")


def _is_quantity(text: str) -> bool:
    from designlint.numbers.quantity import try_parse

    return try_parse(text) is not None
