"""Compare the structure of two versions from the model: elements, edges and ownership.

Elements are the entries of every keyed section (components, APIs, flows, regions, fan-outs,
requirements, bottlenecks, decisions) and the design's single parts (name, description,
consistency, replication, summary, out of scope); an element changed when its fields differ,
and the fields that differ are named. Edges come from the architecture graph the rules use (calls,
publishes, consumes, reads, writes, fan-out, dead-letter), ownership from its `own` edges.
Estimates are compared as numbers (`diff.numbers`), not here. Reordering a mapping or moving
lines changes nothing: only what the model holds is compared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SECTIONS = (
    "clients",
    "edge",
    "services",
    "datastores",
    "caches",
    "queues",
    "apis",
    "fanout",
    "flows",
    "regions",
    "bottlenecks",
    "decisions",
)
REQUIREMENTS = ("functional", "non_functional")
# Top-level parts that are one thing, not a mapping of elements: section `design`, id = field.
SINGLES = ("name", "description", "consistency", "replication", "summary")
MAX_VALUE = 80


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ElementChange:
    """`section` is the model path's first part (`requirements.functional` for requirements)."""

    section: str
    id: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class EdgeChange:
    source: str
    target: str
    old: tuple[str, ...] = ()  # edge kinds in the base (empty: the edge is new)
    new: tuple[str, ...] = ()  # edge kinds in the head (empty: the edge is gone)


@dataclass(frozen=True)
class OwnerChange:
    store: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class Structure:
    added: list[ElementChange] = field(default_factory=list)
    removed: list[ElementChange] = field(default_factory=list)
    changed: list[ElementChange] = field(default_factory=list)
    edges: list[EdgeChange] = field(default_factory=list)
    owners: list[OwnerChange] = field(default_factory=list)

    def __len__(self) -> int:
        parts = (self.added, self.removed, self.changed, self.edges, self.owners)
        return sum(len(p) for p in parts)


def compare(base: Any, head: Any) -> Structure:
    """The structural changes from `base` to `head` (linter contexts; None: no design)."""
    out = Structure()
    old, new = _elements(base), _elements(head)
    for key, model in new.items():
        if key not in old:
            out.added.append(ElementChange(*key))
        elif model != old[key]:
            fields = _fields(old[key], model)
            if fields:
                out.changed.append(ElementChange(*key, fields))
    out.removed.extend(ElementChange(*key) for key in old if key not in new)
    old_edges, new_edges = _edges(base), _edges(head)
    for pair, kinds in new_edges.items():
        if old_edges.get(pair, ()) != kinds:
            out.edges.append(EdgeChange(*pair, old_edges.get(pair, ()), kinds))
    out.edges.extend(EdgeChange(*p, k, ()) for p, k in old_edges.items() if p not in new_edges)
    old_owners, new_owners = _owners(base), _owners(head)
    for store in list(new_owners) + [s for s in old_owners if s not in new_owners]:
        before, after = old_owners.get(store, ()), new_owners.get(store, ())
        if before != after:
            out.owners.append(OwnerChange(store, before, after))
    return out


def _elements(ctx: Any) -> dict[tuple[str, str], Any]:
    if ctx is None:
        return {}
    design = ctx.design
    out: dict[tuple[str, str], Any] = {}
    for section in SECTIONS:
        for eid, model in getattr(design, section).items():
            out[(section, eid)] = model
    for part in REQUIREMENTS:
        for eid, model in getattr(design.requirements, part).items():
            out[(f"requirements.{part}", eid)] = model
    for name in SINGLES:
        value = getattr(design, name)
        if value is not None:
            out[("design", name)] = value
    if design.requirements.out_of_scope:
        out[("design", "out_of_scope")] = design.requirements.out_of_scope
    return out


def element_changed(old: Any, new: Any) -> bool:
    """Whether an element's fields differ (written-out defaults are no change)."""
    return old != new and bool(_fields(old, new))


def _fields(old: Any, new: Any) -> tuple[FieldChange, ...]:
    """The leaf fields that differ, as dotted paths (`path.6.budget`); equal models may differ
    only in what was written out, which is no change."""
    a, b = _flatten(_dump(old)), _flatten(_dump(new))
    names = list(b) + [k for k in a if k not in b]
    return tuple(FieldChange(k, *_texts(a.get(k), b.get(k))) for k in names if a.get(k) != b.get(k))


def _texts(old: Any, new: Any) -> tuple[str | None, str | None]:
    """Both values as short texts; long ones start near where they first differ."""
    a, b = _text(old, None), _text(new, None)
    if a is not None and b is not None and max(len(a), len(b)) > MAX_VALUE:
        same = 0
        while same < min(len(a), len(b)) and a[same] == b[same]:
            same += 1
        if same > 30:
            a, b = "…" + a[same - 20 :], "…" + b[same - 20 :]
    return _cut(a), _cut(b)


def _cut(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_VALUE:
        return text
    return text[: MAX_VALUE - 1] + "…"


def _dump(model: Any) -> Any:
    if hasattr(model, "model_dump"):
        return model.model_dump(mode="json", exclude_defaults=True)
    return {"value": model}


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Mappings, and lists that hold mappings, open into their leaves; other lists are leaves
    (`calls: [a, b]` reads better whole than item by item)."""
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        items = list(enumerate(value))
    else:
        return {prefix or "value": value}
    out: dict[str, Any] = {}
    for key, item in items:
        out.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    return out


def _text(value: Any, limit: int | None = MAX_VALUE) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return _cut(text) if limit else text


def _edges(ctx: Any) -> dict[tuple[str, str], tuple[str, ...]]:
    if ctx is None:
        return {}
    out = {}
    for (_, src), (_, dst), data in ctx.graph.edges(data=True):
        kinds = tuple(sorted(k for k in data["kinds"] if k != "own"))
        if kinds:
            out[(src, dst)] = kinds
    return out


def _owners(ctx: Any) -> dict[str, tuple[str, ...]]:
    if ctx is None:
        return {}
    out: dict[str, list[str]] = {}
    for (_, src), (_, dst), data in ctx.graph.edges(data=True):
        if "own" in data["kinds"]:
            out.setdefault(dst, []).append(src)
    return {store: tuple(sorted(owners)) for store, owners in out.items()}
