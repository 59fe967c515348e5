"""Every place a design refers to something by id, with what kind of thing it must be.

One enumeration serves DL003 (unknown references), the graph and traceability, so that a new
reference field is declared once.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def references(design: Design) -> Iterator[Ref]:  # noqa: C901 - a flat list of fields
    reqs = ("functional", "flows")
    for nid, nfr in design.requirements.non_functional.items():
        base = ("requirements", "non_functional", nid)
        if nfr.flow:
            yield Ref((*base, "flow"), nfr.flow, reqs)
        if nfr.estimate:
            yield Ref((*base, "estimate"), nfr.estimate, ("estimates",))
        for i, ds in enumerate(nfr.datastores):
            yield Ref((*base, "datastores", i), ds, STORES)
    for eid, est in design.estimates.items():
        if hasattr(est, "peak_of") and est.peak_of:
            yield Ref(("estimates", eid, "peak_of"), est.peak_of, ("estimates",))
        if hasattr(est, "flow") and est.flow:
            yield Ref(("estimates", eid, "flow"), est.flow, reqs)
    for section in COMPONENT_SECTIONS:
        for cid, comp in getattr(design, section).items():
            base = (section, cid)
            for i, region in enumerate(comp.regions):
                yield Ref((*base, "regions", i), region, ("regions",))
            for i, req in enumerate(comp.serves):
                yield Ref((*base, "serves", i), req, ("functional",))
    for cid, client in design.clients.items():
        for i, target in enumerate(client.calls):
            yield Ref(("clients", cid, "calls", i), target, ANY_COMPONENT)
    for cid, edge in design.edge.items():
        for i, target in enumerate(edge.routes_to):
            yield Ref(("edge", cid, "routes_to", i), target, ANY_COMPONENT)
    for aid, api in design.apis.items():
        if api.service:
            yield Ref(("apis", aid, "service"), api.service, ("services",))
        for i, flow in enumerate(api.flows):
            yield Ref(("apis", aid, "flows", i), flow, reqs)
    for sid, svc in design.services.items():
        base = ("services", sid)
        if svc.part_of:
            yield Ref((*base, "part_of"), svc.part_of, ("services",))
        for field, kinds in (
            ("owns", STORES),
            ("reads", STORES),
            ("writes", STORES),
            ("calls", ("services", "edge")),
            ("publishes", ("queues",)),
        ):
            for i, target in enumerate(getattr(svc, field)):
                yield Ref((*base, field, i), target, kinds)
    for section in STORES:
        for cid, store in getattr(design, section).items():
            owners = as_list(store.owner)
            for i, owner in enumerate(owners):
                path = (section, cid, "owner") + ((i,) if isinstance(store.owner, list) else ())
                yield Ref(path, owner, ("services",))
    for qid, queue in design.queues.items():
        if isinstance(queue.dead_letter, str):
            yield Ref(("queues", qid, "dead_letter"), queue.dead_letter, ("queues",))
        for consumer in queue.consumers:
            yield Ref(("queues", qid, "consumers", consumer), consumer, ("services",))
    for fid, fan in design.fanout.items():
        base = ("fanout", fid)
        for field, kinds in (
            ("source", ("queues",)),
            ("worker", ("services",)),
            ("target", STORES),
            ("followers_from", ANY_COMPONENT),
            ("pull_from", ANY_COMPONENT),
            ("pull_by", ("services",)),
            ("writes", ("estimates",)),
        ):
            value = getattr(fan, field)
            if value:
                yield Ref((*base, field), value, kinds)
    for fid, flow in design.flows.items():
        base = ("flows", fid)
        if flow.requirement:
            yield Ref((*base, "requirement"), flow.requirement, ("functional",))
        if flow.sla:
            yield Ref((*base, "sla"), flow.sla, ("non_functional",))
        if flow.availability:
            yield Ref((*base, "availability"), flow.availability, ("non_functional",))
        if isinstance(flow.rate, str) and not _is_quantity(flow.rate):
            yield Ref((*base, "rate"), flow.rate, ("estimates",))
        for i, hop in enumerate(flow.path):
            target = hop if isinstance(hop, str) else hop.component
            path = (*base, "path", i) if isinstance(hop, str) else (*base, "path", i, "component")
            yield Ref(path, target, ANY_COMPONENT)
    for bid, neck in design.bottlenecks.items():
        if neck.component:
            yield Ref(
                ("bottlenecks", bid, "component"), neck.component, ANY_COMPONENT + ("fanout",)
            )


def _is_quantity(text: str) -> bool:
    from designlint.numbers.quantity import try_parse

    return try_parse(text) is not None
