"""Typed edges of the plan: calls, routes, reads/writes, publish/consume, fan-out and pull, and
the flows (with their rates) that travel them. Pure functions over a Design."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from designlint.diagram.records import PlanEdge, clean, node_ids
from designlint.findings import Finding
from designlint.model import COMPONENT_SECTIONS, Design, Estimate
from designlint.model.base import as_list
from designlint.numbers import quantity as q

# A flow hop with no direct edge from an earlier hop is joined through at most this many edges
# (a client reaching the load balancer through the CDN); longer detours are left unlabelled.
MAX_DETOUR = 3


class _Edges:
    """Edges in insertion order, one per (source, target, kind)."""

    def __init__(self, node_of: dict[str, str]) -> None:
        self.node_of = node_of
        self.items: dict[tuple[str, str, str], PlanEdge] = {}

    def add(self, src: str, dst: str, kind: str, label: str = "") -> None:
        a, b = self.node_of.get(src), self.node_of.get(dst)
        if a is None or b is None or a == b:
            return  # unknown references are DL003's business, not the picture's
        self.items.setdefault((a, b, kind), PlanEdge(a, b, kind, label))

    def relabel(self, src: str, dst: str, kind: str, label: str) -> bool:
        key = (self.node_of.get(src, ""), self.node_of.get(dst, ""), kind)
        if key in self.items:
            self.items[key] = PlanEdge(key[0], key[1], kind, label)
            return True
        return False


def edges(design: Design) -> list[PlanEdge]:
    """Every relation the design states, as typed edges between node ids."""
    out = _Edges(node_ids(design))
    for cid, client in design.clients.items():
        for dst in client.calls:
            out.add(cid, dst, "call")
    for cid, edge in design.edge.items():
        for dst in edge.routes_to:
            out.add(cid, dst, "route")
    for cid, svc in design.services.items():
        for dst in svc.calls:
            out.add(cid, dst, "call")
        for dst in dict.fromkeys(svc.reads + svc.writes):
            read, write = dst in svc.reads, dst in svc.writes
            kind = "read-write" if read and write else "read" if read else "write"
            out.add(cid, dst, kind, {"read-write": "reads/writes"}.get(kind, kind + "s"))
        for dst in svc.publishes:
            out.add(cid, dst, "publish", "publish")
    for cid, queue in design.queues.items():
        for consumer in queue.consumers:
            out.add(cid, consumer, "consume", "consume")
        if isinstance(queue.dead_letter, str):
            out.add(cid, queue.dead_letter, "dead-letter", "failed messages")
    for fan in design.fanout.values():
        _fanout(design, fan, out)
    return list(out.items.values())


def _fanout(design: Design, fan, out: _Edges) -> None:
    limit = fan.celebrity_threshold.text if fan.celebrity_threshold else None
    if fan.source and fan.worker:
        out.add(fan.source, fan.worker, "consume", "consume")
    if fan.worker and fan.followers_from:
        batch = f" (batches of {fan.batch_size})" if fan.batch_size else ""
        label = f"followers{batch}"
        if not out.relabel(fan.worker, fan.followers_from, "call", label):
            out.add(fan.worker, fan.followers_from, "call", label)
    if fan.strategy in ("push", "hybrid") and fan.worker and fan.target:
        words = "fan-out on write"
        if fan.strategy == "hybrid" and limit:
            words += f" (≤ {limit} followers)"
        peak = _estimate_text(design, fan.writes) if fan.writes else ""
        avg = fan.avg_followers.text if fan.avg_followers else ""
        if peak and avg:
            words += f"\n{peak} × {avg} followers"
        out.add(fan.worker, fan.target, "fan-out", words)
    if fan.strategy in ("pull", "hybrid") and fan.pull_by and fan.pull_from:
        if fan.strategy == "hybrid":
            words = f"celebrity pull (> {limit} followers)" if limit else "celebrity pull"
        else:
            words = "fan-out on read"
        out.add(fan.pull_by, fan.pull_from, "pull", words)


def _estimate_text(design: Design, name: str) -> str:
    """An estimate id -> its declared value as written (`1.2k/s`); "" when there is none."""
    value = design.estimates.get(name)
    if isinstance(value, Estimate):
        return value.value.text if value.value is not None else ""
    return clean(value, 24) if value is not None else ""


def rate_text(design: Design, rate: object) -> str:
    """A flow's `rate`: an estimate id or a quantity, as the text the author wrote."""
    if rate is None:
        return ""
    if isinstance(rate, q.Quantity | q.Prose):
        return clean(rate.text, 24)
    if rate in design.estimates:
        return _estimate_text(design, str(rate))
    try:
        return clean(q.parse(rate).text, 24)
    except q.QuantityError:
        return ""  # an unknown estimate: DL003 reports it, the picture leaves it out


def mark_flows(design: Design, plan_edges: list[PlanEdge]) -> list[PlanEdge]:
    """Attach each flow (and its rate) to the edges its path travels."""
    node_of = node_ids(design)
    index = {(e.source, e.target): i for i, e in reversed(list(enumerate(plan_edges)))}
    adjacent: dict[str, list[str]] = {}
    for e in plan_edges:
        adjacent.setdefault(e.source, []).append(e.target)
    marks: dict[int, list[tuple[str, str]]] = {}
    for fid, flow in design.flows.items():
        tag = (clean(fid), rate_text(design, flow.rate))
        hops = [node_of[h.component] for h in flow.hops() if h.component in node_of]
        for i in range(1, len(hops)):
            for a, b in _steps(hops[:i], hops[i], adjacent, index):
                seen = marks.setdefault(index[(a, b)], [])
                if tag not in seen:
                    seen.append(tag)
    return [
        PlanEdge(e.source, e.target, e.kind, e.label, tuple(marks.get(i, ())))
        for i, e in enumerate(plan_edges)
    ]


def _steps(before: list[str], target: str, adjacent, index) -> list[tuple[str, str]]:
    if target == before[-1] or target in before[:-1] and (before[-1], target) not in index:
        return []  # the path comes back to a component already drawn (merge in memory)
    for src in reversed(before):
        if (src, target) in index:
            return [(src, target)]
    route = _shortest(before[-1], target, adjacent)
    return list(zip(route, route[1:], strict=False))


def _shortest(src: str, dst: str, adjacent: dict[str, list[str]]) -> list[str]:
    queue: deque[list[str]] = deque([[src]])
    seen = {src}
    while queue:
        route = queue.popleft()
        if len(route) > MAX_DETOUR:
            break
        for nxt in adjacent.get(route[-1], ()):
            if nxt == dst:
                return [*route, nxt]
            if nxt not in seen:
                seen.add(nxt)
                queue.append([*route, nxt])
    return []


def owners(design: Design) -> dict[str, str]:
    """Datastore or cache id -> the one service owning it (stores claimed twice stay alone)."""
    claims: dict[str, list[str]] = {}
    for sid, svc in design.services.items():
        for store in svc.owns:
            claims.setdefault(store, []).append(sid)
    for section in ("datastores", "caches"):
        for cid, store in getattr(design, section).items():
            for sid in as_list(store.owner):
                if sid in design.services:
                    claims.setdefault(cid, []).append(sid)
    out: dict[str, str] = {}
    for cid, sids in claims.items():
        section = design.components.get(cid, ("", None))[0]
        if section in ("datastores", "caches") and len(set(sids)) == 1:
            out[cid] = sids[0]
    return out


def severities(design: Design, findings: Iterable[Finding]) -> dict[str, str]:
    """Component id -> the worst of `error`/`warning` among findings about it."""
    rank = {"warning": 1, "error": 2}
    out: dict[str, str] = {}
    for f in findings:
        level = getattr(f.severity, "value", str(f.severity))
        cid = _component_of(design, f.model_path)
        if cid is None or level not in rank:
            continue
        if rank[level] > rank.get(out.get(cid, ""), 0):
            out[cid] = level
    return out


def _component_of(design: Design, path: tuple) -> str | None:
    if len(path) < 2 or not isinstance(path[1], str):
        return None
    section, key = path[0], path[1]
    if section in COMPONENT_SECTIONS and key in design.components:
        return key
    if section == "fanout" and key in design.fanout:
        worker = design.fanout[key].worker
        return worker if worker in design.components else None
    if section == "apis" and key in design.apis:
        svc = design.apis[key].service
        return svc if svc in design.components else None
    return None
