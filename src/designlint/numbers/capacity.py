"""Derived capacity arithmetic shared by rules and `designlint estimate`: latency budgets along a
flow, availability composed in series, cache memory and fan-out write rates.

Kept apart from the rules so that the `estimate` table and the findings show the very same
working. None of it needs pint: budgets, availabilities and cache sizes are whiteboard
quantities that designlint.numbers.quantity already reduces to seconds, percent and bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from designlint.model import Design
from designlint.model.components import Cache, Fanout
from designlint.model.flows import Flow
from designlint.numbers import quantity as qty
from designlint.numbers import unitfmt as fmt

MONTH_MINUTES = 2629800 / 60  # a twelfth of a Julian year, as in designlint.numbers.quantity


def ms(seconds: float) -> str:
    """Seconds as a readable millisecond figure: 0.047 -> `47`."""
    return fmt.exact(round(seconds * 1000, 3))


@dataclass
class Budget:
    """The latency budget of one flow against its SLA."""

    flow: str
    hops: list[tuple[str, float]] = field(default_factory=list)  # (component, seconds), sync only
    unbudgeted: list[str] = field(default_factory=list)  # sync hops with no budget
    sla_id: str | None = None
    sla: qty.Quantity | None = None  # the latency target, when it is one
    percentile: str | None = None

    @property
    def total(self) -> float:
        return sum(s for _, s in self.hops)

    def sum_text(self) -> str:
        return " + ".join(ms(s) for _, s in self.hops) + f" = {ms(self.total)} ms"

    @property
    def exceeded(self) -> bool:
        return bool(self.hops) and self.sla is not None and self.total > self.sla.base + 1e-12


def budget(design: Design, fid: str, flow: Flow) -> Budget:
    """Sum the budgets of the flow's synchronous hops; async hops are off the request path."""
    out = Budget(fid, sla_id=flow.sla)
    for hop in flow.hops():
        if hop.call != "sync":
            continue
        if hop.budget is not None and hop.budget.dimension == "time" and not hop.budget.per:
            out.hops.append((hop.component, hop.budget.base))
        else:
            out.unbudgeted.append(hop.component)
    nfr = design.requirements.non_functional.get(flow.sla or "")
    if nfr is not None:
        target = qty.try_parse(nfr.target)
        if target is not None and target.dimension == "time" and not target.per:
            out.sla, out.percentile = target, nfr.percentile
    return out


@dataclass
class Availability:
    """Availability of a flow's synchronous components multiplied in series."""

    flow: str
    parts: list[tuple[str, float, int, float]] = field(default_factory=list)  # id, a, k, group
    unknown: list[str] = field(default_factory=list)  # components stating no availability
    nfr_id: str | None = None
    target: float | None = None  # fraction

    @property
    def product(self) -> float:
        result = 1.0
        for *_, group in self.parts:
            result *= group
        return result

    @property
    def short(self) -> bool:
        return bool(self.parts) and self.target is not None and self.product < self.target - 1e-15

    def product_text(self) -> str:
        terms = []
        for cid, a, k, group in self.parts:
            if k > 1:
                terms.append(f"`{cid}` (1 − (1 − {pct(a)})^{k} = {pct(group)})")
            else:
                terms.append(f"`{cid}` {pct(a)}")
        return " × ".join(terms) + f" = {pct(self.product)}"


def pct(fraction: float) -> str:
    """0.9994999 -> `99.9499%`: two significant digits past the leading nines."""
    missing = 1 - fraction
    if missing <= 0:
        return "100%"
    digits = min(max(math.ceil(-math.log10(missing)), 1), 12)
    text = f"{fraction * 100:.{digits}f}".rstrip("0").rstrip(".")
    return f"{text}%"


def downtime(fraction: float) -> str:
    """Downtime per month at this availability: `4.4 min/month`."""
    minutes = (1 - fraction) * MONTH_MINUTES
    if minutes >= 120:
        return f"{fmt.num(minutes / 60)} h/month"
    if minutes >= 1:
        return f"{fmt.num(minutes)} min/month"
    return f"{fmt.num(minutes * 60)} s/month"


def availability(design: Design, fid: str, flow: Flow) -> Availability:
    out = Availability(fid, nfr_id=flow.availability)
    seen: set[str] = set()
    for hop in flow.hops():
        if hop.call != "sync" or hop.component in seen:
            continue
        seen.add(hop.component)
        entry = design.components.get(hop.component)
        comp: Any = entry[1] if entry else None
        a = getattr(comp, "availability", None)
        if comp is None or a is None or a.dimension != "percent" or not 0 <= a.magnitude <= 100:
            out.unknown.append(hop.component)
            continue
        frac = a.magnitude / 100
        k = max(getattr(comp, "replicas", None) or 1, 1)
        out.parts.append((hop.component, frac, k, 1 - (1 - frac) ** k))
    nfr = design.requirements.non_functional.get(flow.availability or "")
    if nfr is not None:
        target = qty.try_parse(nfr.target)
        if target is not None and target.dimension == "percent":
            out.target = target.magnitude / 100
    return out


@dataclass
class CacheMemory:
    keys: qty.Quantity
    entries: float
    entries_text: str
    entry_size: qty.Quantity
    node_memory: qty.Quantity

    @property
    def total(self) -> float:
        return self.keys.base * self.entries * self.entry_size.base

    def text(self) -> str:
        size = size_text(self.total)
        parts = [self.keys.text, self.entries_text, self.entry_size.text]
        return " × ".join(parts) + f" = {size}"


def size_text(n: float) -> str:
    """Bytes for people: `3.2 TB`."""
    for factor, unit in ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB")):
        if n >= factor:
            return f"{fmt.num(n / factor)} {unit}"
    return f"{fmt.num(n)} B"


def cache_memory(cache: Cache) -> CacheMemory | None:
    """keys × entries per key × entry size, when the cache states all it needs."""
    if cache.keys is None or cache.entry_size is None or cache.node_memory is None:
        return None
    if cache.keys.dimension != "count" or cache.keys.per:
        return None
    if cache.entry_size.dimension != "data" or cache.entry_size.per:
        return None
    if cache.node_memory.dimension != "data" or cache.node_memory.per:
        return None
    if cache.entries_per_key is not None:
        entries, text = cache.entries_per_key.base, cache.entries_per_key.text
    elif cache.value in ("list", "sorted-set", "set", "hash") and cache.max_length:
        entries, text = float(cache.max_length), f"{cache.max_length:,}"
    else:
        entries, text = 1.0, "1"
    return CacheMemory(cache.keys, entries, text, cache.entry_size, cache.node_memory)


def fanout_rate(
    fan: Fanout, estimates: Any, like: qty.Quantity | None = None
) -> tuple[Any, str] | None:
    """(writes/s as pint, working) = the `writes` estimate × average followers, or None."""
    if not fan.writes or fan.avg_followers is None or estimates.ureg is None:
        return None
    writes = estimates.value(fan.writes)
    if writes is None or fan.avg_followers.dimension != "count" or fan.avg_followers.per:
        return None
    rate = writes * fan.avg_followers.base
    row = estimates.rows[fan.writes]
    shown = row.shown if row.value is row.declared_pint else fmt.show(writes, like)
    text = f"`{fan.writes}` {shown} × {fan.avg_followers.text} followers = {fmt.show(rate, like)}"
    return rate, text
