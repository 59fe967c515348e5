"""Who owns each datastore and cache: the one answer DL401, DL402 and DL404 share.

Ownership can be stated from either side, the store's `owner` or a service's `owns`, and a
design may use both; the owners of a store are the union of the two, so that declaring the
same owner twice is harmless while two different owners are a shared database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.context import Context
from designlint.findings import ModelPath
from designlint.model import Design
from designlint.model.base import as_list

STORE_SECTIONS = ("datastores", "caches")


@dataclass
class Ownership:
    """The owners of one store, in declaration order, each with where it was declared."""

    section: str
    id: str
    owners: dict[str, ModelPath] = field(default_factory=dict)  # declared services only
    undeclared: list[str] = field(default_factory=list)  # owner ids DL003 reports

    @property
    def path(self) -> ModelPath:
        return (self.section, self.id)


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


def ownership(design: Design) -> dict[tuple[str, str], Ownership]:
    """Every datastore and cache keyed by (section, id), with its owners."""
    result: dict[tuple[str, str], Ownership] = {}
    services = design.services
    for section in STORE_SECTIONS:
        for cid, store in getattr(design, section).items():
            entry = result[(section, cid)] = Ownership(section, cid)
            owner = store.owner
            if isinstance(owner, str):  # the common case, without a list to walk
                if owner in services:
                    entry.owners[owner] = (section, cid, "owner")
                else:
                    entry.undeclared.append(owner)
                continue
            for i, one in enumerate(as_list(owner)):
                if one in services:
                    entry.owners.setdefault(one, (section, cid, "owner", i))
                else:
                    entry.undeclared.append(one)
    by_id: dict[str, tuple[str, str]] = {}
    for key in result:
        by_id.setdefault(key[1], key)  # the first declaration wins, as DL005 decides
    for sid, svc in services.items():
        if not svc.owns:
            continue
        for i, target in enumerate(svc.owns):
            key = by_id.get(target)
            if key is not None:
                owners = result[key].owners
                if sid not in owners:  # most often the store's `owner` already named it
                    owners[sid] = ("services", sid, "owns", i)
    return result


def _by_id(entries: dict[tuple[str, str], Ownership]) -> dict[str, Ownership]:
    """The ownership of each store id; for a duplicated id the first declaration wins."""
    return {key[1]: entry for key, entry in reversed(list(entries.items()))}


def shared_ownership(ctx: Context) -> dict[tuple[str, str], Ownership]:
    """`ownership(ctx.design)`, computed once per file for DL401, DL402 and DL404."""
    return ctx.shared(_ownership_of)


def shared_by_id(ctx: Context) -> dict[str, Ownership]:
    """`by_id(ctx.design)` from the shared ownership."""
    return ctx.shared(_by_id_of)


def _ownership_of(ctx: Context) -> dict[tuple[str, str], Ownership]:
    return ownership(ctx.design)


def _by_id_of(ctx: Context) -> dict[str, Ownership]:
    return _by_id(shared_ownership(ctx))
