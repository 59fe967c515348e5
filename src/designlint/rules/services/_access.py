"""Which services touch which stores, and where the design says so: for DL401 and DL402.

A service reaches a datastore or cache in three ways the format can state:

- its own `reads` and `writes` (declared);
- a flow whose path goes from the service to the store with only other stores in between
  (`[timeline-service, timeline-cache, tweet-db]`: the timeline service reads both);
- a fan-out: the `worker` writes the `target` and reads `followers_from` when that is a store,
  and `pull_by` reads `pull_from`. A fan-out whose service `calls` the store's owner is taken to
  go through the owner's API, which is the remedy for reaching into the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from designlint.context import Context
from designlint.findings import ModelPath
from designlint.model import Design
from designlint.rules.services._ownership import Ownership, context_of, external, shared_ownership

if TYPE_CHECKING:
    from designlint.graph import Adjacency

STORE_SECTIONS = ("datastores", "caches")


class Access(NamedTuple):
    """One service reaching one store: how (`reads`, `writes`, `reaches`) and where it is said.
    A tuple: a big design has one per `reads` and `writes` entry, and a frozen dataclass is
    several times dearer to build."""

    service: str
    store: str
    verb: str
    path: ModelPath
    declared: bool


def _section(design: Design, cid: str | None) -> str | None:
    entry = design.components.get(cid) if cid else None
    return entry[0] if entry else None


def declared(design: Design) -> Iterator[Access]:
    """Every `reads` and `writes` entry that names a declared store."""
    components = design.components
    for sid, svc in design.services.items():
        for field, targets in (("reads", svc.reads), ("writes", svc.writes)):
            for i, target in enumerate(targets):
                entry = components.get(target)
                if entry is not None and entry[0] in STORE_SECTIONS:
                    yield Access(sid, target, field, ("services", sid, field, i), True)


def declared_foreign(
    design: Design, owners: dict[str, list[str]], succ: Adjacency | None = None
) -> Iterator[Access]:
    """The `declared` accesses DL402 judges: not those of a store's own owners, nor of a store
    nobody owns.

    With the design's adjacency (`succ`), only the services with a `read` or `write` edge to a
    store they have no `own` edge to are looked at: an `own` edge makes the service one of the
    store's owners, so the common case (a service reading the store it owns, most of a big
    design's entries) costs a look at its edges, not a lookup of every entry's id."""
    components = design.components
    suspects = None if succ is None else _suspects(design, succ)
    for sid, svc in design.services.items():
        if suspects is not None and sid not in suspects:
            continue
        for field, targets in (("reads", svc.reads), ("writes", svc.writes)):
            for i, target in enumerate(targets):
                names = owners.get(target)
                if not names or sid in names:
                    continue
                found = components.get(target)
                if found is not None and found[0] in STORE_SECTIONS:
                    yield Access(sid, target, field, ("services", sid, field, i), True)


def _suspects(design: Design, succ: Adjacency) -> set[str] | None:
    """The services that read or write a store they do not own, or None (every service) when
    some service is not a node of the adjacency (its id was declared first elsewhere, DL005)."""
    found: set[str] = set()
    nodes = 0
    for node, targets in succ.items():
        if node[0] != "services":
            continue
        nodes += 1
        for dst, kinds in targets.items():
            if (
                dst[0] in STORE_SECTIONS
                and "own" not in kinds
                and ("read" in kinds or "write" in kinds)
            ):
                found.add(node[1])
                break
    return found if nodes == len(design.services) else None


def _touches(design: Design, sid: str, store: str) -> bool:
    svc = design.services.get(sid)
    return svc is not None and store in (*svc.reads, *svc.writes, *svc.owns)


def _calls(design: Design, caller: str, callee: str) -> bool:
    """Whether `caller` reaches `callee` through `calls` (synchronously, so it awaits it)."""
    seen, todo = {caller}, [caller]
    while todo:
        svc = design.services.get(todo.pop())
        for nxt in svc.calls if svc is not None else ():
            if nxt == callee:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def through_flows(design: Design) -> Iterator[Access]:
    """Service-to-store hops of every flow path (stores in between do not break the chain).

    A store hop that the service before it does not declare, but an earlier service of the
    same path does and `calls` it (directly or not), is that caller's step: write-ups list
    the steps of a request in order, and the caller writing the answer back after its callee
    returned (`[api, cache, index-service, cache]`) is one of them."""
    for fid, flow in design.flows.items():
        last: str | None = None
        seen: list[str] = []
        for i, hop in enumerate(flow.path):
            component = hop if isinstance(hop, str) else hop.component  # as `Flow.hops` reads
            section = _section(design, component)
            if section == "services":
                last = component
                seen.append(last)
            elif section in STORE_SECTIONS:
                if last is None:
                    continue
                if not _touches(design, last, component) and any(
                    _touches(design, sid, component) and _calls(design, sid, last)
                    for sid in seen[:-1]
                ):
                    continue
                yield Access(last, component, "reaches", ("flows", fid, "path", i), False)
            else:
                last = None


def through_fanout(design: Design, owners: dict[str, set[str]]) -> Iterator[Access]:
    """The stores a fan-out's worker and pull side touch, unless they call the store's owner."""
    for fid, fan in design.fanout.items():
        pairs = (
            (fan.worker, fan.target, "writes", "target"),
            (fan.worker, fan.followers_from, "reads", "followers_from"),
            (fan.pull_by, fan.pull_from, "reads", "pull_from"),
        )
        for sid, store, verb, field in pairs:
            svc = design.services.get(sid or "")
            if svc is None or _section(design, store) not in STORE_SECTIONS:
                continue
            assert sid is not None and store is not None
            if owners.get(store, set()) & set(svc.calls):
                continue  # it goes through the owner's API
            yield Access(sid, store, verb, ("fanout", fid, field), False)


def accesses(design: Design, owners: dict[str, set[str]]) -> list[Access]:
    """Declared accesses first, then those flows reveal, then those fan-outs reveal."""
    return [*declared(design), *through_flows(design), *through_fanout(design, owners)]


def unowned_users(design: Design, table: Ownership) -> dict[str, list[str]]:
    """For each store nobody owns that services of two or more bounded contexts reach: those
    services, in order. Parts of one service (`part_of`) are one user; third parties
    (`kind: external`) are not judged."""
    if all(table.of.values()) or all(map(table.claimed, table.of)):
        return {}  # every store has an owner: no access needs counting
    owned = {key[1]: set(names) for key, names in table.of.items() if table.claimed(key)}
    if all(key[1] in owned for key in table.of):
        return {}  # a store declared twice counts as owned when one declaration is
    users: dict[str, list[str]] = {}
    for access in accesses(design, {}):
        if access.store in owned or external(design, access.service):
            continue
        names = users.setdefault(access.store, [])
        if access.service not in names:
            names.append(access.service)
    return {
        store: names
        for store, names in users.items()
        if len({context_of(design, sid) for sid in names}) >= 2
    }


def shared_unowned_users(ctx: Context) -> dict[str, list[str]]:
    """`unowned_users` of the shared ownership, computed once per file for DL401 and DL404."""
    return ctx.shared(_unowned_users_of)


def _unowned_users_of(ctx: Context) -> dict[str, list[str]]:
    return unowned_users(ctx.design, shared_ownership(ctx))
