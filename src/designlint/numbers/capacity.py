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
    unsized: list[tuple[str, str]] = field(default_factory=list)  # budgets stated in words
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
        given = qty.sized(hop.budget)
        if given is not None and given.dimension == "time" and not given.per:
            out.hops.append((hop.component, given.base))
        elif isinstance(hop.budget, qty.Prose):
            out.unsized.append((hop.component, hop.budget.text))
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


def unstated_note(av: dict) -> str:
    """`at most 99.9%, 3 component(s) unstated`: what a partial product means (estimate and
    the review report)."""
    if not av["unknown"]:
        return ""
    n = len(av["unknown"])
    if av["product"] is None:
        return f"{n} component(s) unstated"
    return f"at most {pct(av['product'])}, {n} component(s) unstated"


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
        frac = fraction(getattr(comp, "availability", None))
        if frac is None:
            out.unknown.append(hop.component)
            continue
        k = max(int(qty.least(getattr(comp, "replicas", None)) or 1), 1)
        out.parts.append((hop.component, frac, k, 1 - (1 - frac) ** k))
    nfr = design.requirements.non_functional.get(flow.availability or "")
    if nfr is not None:
        percent = availability_percent(nfr.target)
        if percent is not None:
            out.target = percent / 100
    return out


def availability_percent(value: object) -> float | None:
    """An availability target in percent: `99.99%`, or `4 nines` (99.99 %), which is how people
    say it and as exact; None for a rate, words or anything else. The rules that read an
    availability target read it here, so that `4 nines` means the same to all of them."""
    target = qty.try_parse(value)
    if target is None or target.is_rate:
        return None
    if target.dimension == "percent":
        return target.magnitude
    if (target.noun or "").lower() in ("nine", "nines") and target.magnitude >= 1:
        return 100 - 100 * 10 ** (-target.magnitude)
    return None


def fraction(value: object) -> float | None:
    """An availability as a fraction: `99.9%` or `0.999`; None when unstated or in words."""
    a = qty.sized(value)
    if a is None or a.per:
        return None
    if a.dimension == "percent" and 0 <= a.magnitude <= 100:
        return a.magnitude / 100
    if a.dimension == "count" and not a.has_unit and 0 <= a.magnitude <= 1:
        return a.magnitude
    return None


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
    keys, size, memory = (
        qty.sized(cache.keys),
        qty.sized(cache.entry_size),
        qty.sized(cache.node_memory),
    )
    if keys is None or size is None or memory is None:
        return None
    if keys.dimension != "count" or keys.per:
        return None
    if size.dimension != "data" or size.per:
        return None
    if memory.dimension != "data" or memory.per:
        return None
    per_key, length = qty.sized(cache.entries_per_key), qty.whole(cache.max_length)
    if cache.entries_per_key is not None:
        if per_key is None:
            return None  # stated in words: the size cannot be computed
        entries, text = per_key.base, per_key.text
    elif cache.value in ("list", "sorted-set", "set", "hash") and cache.max_length:
        if length is None:
            return None
        entries, text = float(length), f"{length:,}"
    else:
        entries, text = 1.0, "1"
    return CacheMemory(keys, entries, text, size, memory)


def _ends(value: object) -> tuple[float, float] | None:
    """(smallest, largest) a stated value allows, in base units; None when unstated or words."""
    if isinstance(value, qty.Quantity):
        return value.base, value.base
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value), float(value)
    if isinstance(value, qty.Bounds):
        low = value.low.base if value.low is not None else 0.0
        high = value.high.base if value.high is not None else math.inf
        return low, high
    return None


def fits_at_worst(cache: Cache) -> bool:
    """Whether the cache's entries fit its memory at every value its ranges allow.

    The memory check (DL603) needs `keys`, `entry_size` and `node_memory`; a range or an order
    of magnitude among them (`keys: millions`) answers it when even its worst end fits, so DL207
    need not ask for one number. False when anything is missing or only in words.
    """
    keys, size, memory = (_ends(v) for v in (cache.keys, cache.entry_size, cache.node_memory))
    if keys is None or size is None or memory is None:
        return False
    entries: tuple[float, float] | None = (1.0, 1.0)
    if cache.entries_per_key is not None:
        entries = _ends(cache.entries_per_key)
    elif cache.value in ("list", "sorted-set", "set", "hash") and cache.max_length:
        entries = _ends(cache.max_length)
    nodes: tuple[float, float] | None = (1.0, 1.0)
    if cache.clustered:
        nodes = (math.inf, math.inf) if cache.nodes is None else _ends(cache.nodes)
    if entries is None or nodes is None:
        return False
    return keys[1] * entries[1] * size[1] <= memory[0] * nodes[0]


def fanout_rate(
    fan: Fanout, estimates: Any, like: qty.Quantity | None = None
) -> tuple[Any, str] | None:
    """(writes/s as pint, working) = the `writes` estimate × average followers, or None."""
    followers = qty.sized(fan.avg_followers)
    if not fan.writes or followers is None or estimates.ureg is None:
        return None
    writes = estimates.value(fan.writes)
    if writes is None or followers.dimension != "count" or followers.per:
        return None
    rate = writes * followers.base
    row = estimates.rows[fan.writes]
    shown = row.shown if row.value is row.declared_pint else fmt.show(writes, like)
    text = f"`{fan.writes}` {shown} × {followers.text} followers = {fmt.show(rate, like)}"
    return rate, text
