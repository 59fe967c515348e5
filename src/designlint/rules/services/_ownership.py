"""Who owns each datastore and cache: the one answer DL401, DL402 and DL404 share.

Ownership can be stated from either side, the store's `owner` or a service's `owns`, and a
design may use both; the owners of a store are the union of the two, so that declaring the
same owner twice is harmless while two different owners are a shared database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.context import Context
from designlint.model import Design
from designlint.model.base import as_list

STORE_SECTIONS = ("datastores", "caches")


@dataclass
class Ownership:
    """The owners of every store, in plain lists (a big design has 11,000 stores, and an object
    per store cost more than the rest of the rules' work on them).

    `of`: every datastore and cache, keyed by (section, id) in declaration order -> the
    declared services that own it, in declaration order (the store's `owner` first, then each
    service listing it under `owns`), each once. `by_id`: the same lists by store id, the first
    declaration of an id winning as DL005 decides. `undeclared`: the stores whose `owner` names
    ids that are not declared services (DL003 reports them), with those ids."""

    of: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    by_id: dict[str, list[str]] = field(default_factory=dict)
    undeclared: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def claimed(self, key: tuple[str, str]) -> bool:
        """Whether the store has an owner, declared or not."""
        return bool(self.of[key]) or key in self.undeclared


def context_of(design: Design, sid: str) -> str:
    """The service whose bounded context `sid` belongs to: its `part_of` chain's end (an API
    and its workers share one context, and so their stores)."""
    seen = {sid}
    while True:
        svc = design.services.get(sid)
        parent = svc.part_of if svc is not None else None
        if parent is None or parent in seen or parent not in design.services:
            return sid
        seen.add(parent)
        sid = parent


def same_context(design: Design, a: str, b: str) -> bool:
    return context_of(design, a) == context_of(design, b)


def external(design: Design, sid: str) -> bool:
    """A third party (`kind: external`): its storage is not the design's to judge."""
    svc = design.services.get(sid)
    return svc is not None and svc.kind == "external"


def ownership(design: Design) -> Ownership:
    """Every datastore and cache with its owners, from both sides."""
    table = Ownership()
    of, by_id = table.of, table.by_id
    services = design.services
    for section in STORE_SECTIONS:
        for cid, store in getattr(design, section).items():
            owner = store.owner
            if isinstance(owner, str) and owner in services:  # the common case
                names = [owner]
            else:
                names = []
                for one in as_list(owner):
                    if one not in services:
                        table.undeclared.setdefault((section, cid), []).append(one)
                    elif one not in names:
                        names.append(one)
            of[(section, cid)] = names
            if cid not in by_id:  # the first declaration wins, as DL005 decides
                by_id[cid] = names
    for sid, svc in services.items():
        if svc.owns:
            for target in svc.owns:
                names = by_id.get(target)
                if names is not None and sid not in names:  # most often `owner` named it
                    names.append(sid)
    return table


def shared_ownership(ctx: Context) -> Ownership:
    """`ownership(ctx.design)`, computed once per file for DL401, DL402 and DL404."""
    return ctx.shared(_ownership_of)


def _ownership_of(ctx: Context) -> Ownership:
    return ownership(ctx.design)
