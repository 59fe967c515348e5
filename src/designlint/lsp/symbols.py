"""Where ids are declared and where they are used, and which node sits under the cursor.

The editor features (definition, references, hover, completion) all start from one question:
what is at this line and column? The source map already knows the span of every key and value
by model path, and `designlint.references` already enumerates every place a design names an
id; this module only joins the two, so a new reference field declared there shows up in the
editor with no change here.
"""

from __future__ import annotations

from dataclasses import dataclass

from designlint.findings import ModelPath, Span
from designlint.model import COMPONENT_SECTIONS, Design
from designlint.reading.source import SourceMap
from designlint.references import ANY_COMPONENT, STORES, Ref, declared, references

# Sections whose keys are ids that something may refer to, as the reference kinds name them.
DECLARING = (*COMPONENT_SECTIONS, "functional", "non_functional", "flows", "estimates")
DECLARING += ("regions", "fanout", "apis", "bottlenecks", "decisions")

# The key a value sits under -> the kinds of id it names, for completion in half-typed text.
FIELD_KINDS: dict[str, tuple[str, ...]] = {
    "owns": STORES,
    "reads": STORES,
    "writes": STORES,
    "target": STORES,
    "datastores": STORES,
    "calls": ("services", "edge"),
    "routes_to": ANY_COMPONENT,
    "path": ANY_COMPONENT,
    "component": (*ANY_COMPONENT, "fanout"),
    "followers_from": ANY_COMPONENT,
    "pull_from": ANY_COMPONENT,
    "publishes": ("queues",),
    "source": ("queues",),
    "dead_letter": ("queues",),
    "worker": ("services",),
    "pull_by": ("services",),
    "service": ("services",),
    "owner": ("services",),
    "consumers": ("services",),
    "requirement": ("functional",),
    "serves": ("functional",),
    "sla": ("non_functional",),
    "availability": ("non_functional",),
    "regions": ("regions",),
    "flow": ("functional", "flows"),
    "flows": ("functional", "flows"),
    "estimate": ("estimates",),
    "peak_of": ("estimates",),
    "rate": ("estimates",),
}


def section_path(kind: str) -> ModelPath:
    """The model path of the mapping that declares ids of `kind`."""
    if kind in ("functional", "non_functional"):
        return ("requirements", kind)
    return (kind,)


@dataclass(frozen=True)
class Symbol:
    """An id under the cursor: its name, the kinds it may be, and where it is declared."""

    name: str
    kind: str | None  # the section that declares it; None when nothing does
    declaration: ModelPath | None


def _contains(raw: tuple[int, int, int, int], line: int, column: int) -> bool:
    start_line, start_col, end_line, end_col = raw
    if (line, column) < (start_line, start_col):
        return False
    return (line, column) <= (end_line, end_col)


def path_at(smap: SourceMap, line: int, column: int) -> tuple[ModelPath, bool] | None:
    """The deepest model path whose key or scalar value covers (line, column), 1-based, and
    whether the cursor is on the key. Collections span many lines, so the deepest wins."""
    best: tuple[ModelPath, bool] | None = None
    for is_key, table in ((True, smap.keys), (False, smap.values)):
        for path, raw in table.items():
            if _contains(raw, line, column) and (best is None or len(path) > len(best[0])):
                best = (path, is_key)
    return best


class Index:
    """Declarations and uses of every id in one validated design."""

    def __init__(self, design: Design, smap: SourceMap) -> None:
        self.design = design
        self.smap = smap
        self.refs: dict[ModelPath, Ref] = {ref.path: ref for ref in references(design)}

    def declaration(self, name: str, kinds: tuple[str, ...]) -> tuple[str, ModelPath] | None:
        for kind in kinds:
            if name in declared(self.design, kind):
                return kind, (*section_path(kind), name)
        return None

    def symbol(self, line: int, column: int) -> Symbol | None:
        """The id at the cursor, whether a declaration's key or a reference to one."""
        found = path_at(self.smap, line, column)
        if found is None:
            return None
        path, _ = found
        ref = self.refs.get(path)
        if ref is not None:
            hit = self.declaration(ref.target, ref.kinds)
            return Symbol(ref.target, hit[0] if hit else None, hit[1] if hit else None)
        for kind in DECLARING:
            base = section_path(kind)
            if len(path) == len(base) + 1 and path[: len(base)] == base:
                if path[-1] in declared(self.design, kind):
                    return Symbol(str(path[-1]), kind, path)
        return None

    def uses(self, name: str, kind: str | None) -> list[ModelPath]:
        """Every place that names `name` as a `kind` (or as anything, when kind is None)."""
        return [
            ref.path
            for ref in self.refs.values()
            if ref.target == name and (kind is None or kind in ref.kinds)
        ]

    def span(self, path: ModelPath, key: bool = False) -> Span:
        if key:
            found = self.smap.key_span(path)
            if found is not None:
                return found
        raw = self.smap.values.get(tuple(path))
        return Span(*raw) if raw is not None else self.smap.locate(path, prefer_key=key)

    def ids(self, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
        """(id, kind) for every declared id of `kinds`, in declaration order."""
        out: list[tuple[str, str]] = []
        for kind in kinds:
            out.extend((str(name), kind) for name in declared(self.design, kind))
        return out
