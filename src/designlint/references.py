"""Every place a design refers to something by id, with what kind of thing it must be.

One enumeration serves DL003 (unknown references), the graph and traceability, so that a new
reference field is declared once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

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


class Group(NamedTuple):
    """The references of one field: `targets[i]` is at `(*path, i)` when `listed`, else the
    one target is at `path`. DL003 checks a whole field with one set operation and builds
    each reference's path only for a miss."""

    path: ModelPath
    targets: Sequence[str]
    kinds: tuple[str, ...]
    listed: bool = False

    def refs(self) -> Iterator[Ref]:
        if not self.listed:
            yield Ref(self.path, self.targets[0], self.kinds)
            return
        for i, target in enumerate(self.targets):
            yield Ref((*self.path, i), target, self.kinds)


def references(design: Design) -> Iterator[Ref]:
    """Every reference, one by one, in document order of the fields."""
    for group in groups(design):
        yield from group.refs()


def groups(design: Design) -> Iterator[Group]:  # noqa: C901 - a flat list of fields
    """Every reference, field by field (an empty list yields nothing)."""
    reqs = ("functional", "flows")
    for nid, nfr in design.requirements.non_functional.items():
        base = ("requirements", "non_functional", nid)
        if nfr.flow:
            yield Group((*base, "flow"), (nfr.flow,), reqs)
        if nfr.estimate:
            yield Group((*base, "estimate"), (nfr.estimate,), ("estimates",))
        if nfr.datastores:
            yield Group((*base, "datastores"), nfr.datastores, STORES, True)
    for eid, est in design.estimates.items():
        if hasattr(est, "peak_of") and est.peak_of:
            yield Group(("estimates", eid, "peak_of"), (est.peak_of,), ("estimates",))
        if hasattr(est, "flow") and est.flow:
            yield Group(("estimates", eid, "flow"), (est.flow,), reqs)
    for section in COMPONENT_SECTIONS:
        for cid, comp in getattr(design, section).items():
            if comp.regions:
                yield Group((section, cid, "regions"), comp.regions, ("regions",), True)
            if comp.serves:
                yield Group((section, cid, "serves"), comp.serves, ("functional",), True)
    for cid, client in design.clients.items():
        if client.calls:
            yield Group(("clients", cid, "calls"), client.calls, ANY_COMPONENT, True)
    for cid, edge in design.edge.items():
        if edge.routes_to:
            yield Group(("edge", cid, "routes_to"), edge.routes_to, ANY_COMPONENT, True)
    for aid, api in design.apis.items():
        if api.service:
            yield Group(("apis", aid, "service"), (api.service,), ("services",))
        if api.flows:
            yield Group(("apis", aid, "flows"), api.flows, reqs, True)
    for sid, svc in design.services.items():
        if svc.part_of:
            yield Group(("services", sid, "part_of"), (svc.part_of,), ("services",))
        for field, kinds in _SERVICE_FIELDS:
            targets = getattr(svc, field)
            if targets:
                yield Group(("services", sid, field), targets, kinds, True)
    for section in STORES:
        for cid, store in getattr(design, section).items():
            owners = as_list(store.owner)
            if owners:
                listed = isinstance(store.owner, list)
                yield Group((section, cid, "owner"), owners, ("services",), listed)
    for qid, queue in design.queues.items():
        if isinstance(queue.dead_letter, str):
            yield Group(("queues", qid, "dead_letter"), (queue.dead_letter,), ("queues",))
        for consumer in queue.consumers:
            yield Group(("queues", qid, "consumers", consumer), (consumer,), ("services",))
    for fid, fan in design.fanout.items():
        for field, kinds in _FANOUT_FIELDS:
            value = getattr(fan, field)
            if value:
                yield Group(("fanout", fid, field), (value,), kinds)
    for fid, flow in design.flows.items():
        base = ("flows", fid)
        if flow.requirement:
            yield Group((*base, "requirement"), (flow.requirement,), ("functional",))
        if flow.sla:
            yield Group((*base, "sla"), (flow.sla,), ("non_functional",))
        if flow.availability:
            yield Group((*base, "availability"), (flow.availability,), ("non_functional",))
        if isinstance(flow.rate, str) and not _is_quantity(flow.rate):
            yield Group((*base, "rate"), (flow.rate,), ("estimates",))
        if all(isinstance(hop, str) for hop in flow.path):
            if flow.path:
                yield Group((*base, "path"), flow.path, ANY_COMPONENT, True)
            continue
        for i, hop in enumerate(flow.path):
            if isinstance(hop, str):
                yield Group((*base, "path", i), (hop,), ANY_COMPONENT)
            else:
                yield Group((*base, "path", i, "component"), (hop.component,), ANY_COMPONENT)
    for bid, neck in design.bottlenecks.items():
        if neck.component:
            yield Group(
                ("bottlenecks", bid, "component"), (neck.component,), ANY_COMPONENT + ("fanout",)
            )


_SERVICE_FIELDS = (
    ("owns", STORES),
    ("reads", STORES),
    ("writes", STORES),
    ("calls", ("services", "edge")),
    ("publishes", ("queues",)),
)
_FANOUT_FIELDS = (
    ("source", ("queues",)),
    ("worker", ("services",)),
    ("target", STORES),
    ("followers_from", ANY_COMPONENT),
    ("pull_from", ANY_COMPONENT),
    ("pull_by", ("services",)),
    ("writes", ("estimates",)),
)


def _is_quantity(text: str) -> bool:
    from designlint.numbers.quantity import try_parse

    return try_parse(text) is not None
