"""Compare the numbers of two versions: every estimate that moved, and each flow's latency
budget and composed availability against its targets.

The values are the ones the rules judged (`Context.estimates`, `numbers.capacity`), so a moved
number and the finding it causes never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from designlint.numbers import capacity


@dataclass(frozen=True)
class EstimateChange:
    """`old`/`new` as people read them (None: not there); `ratio` new/old when comparable."""

    name: str
    old: str | None
    new: str | None
    ratio: float | None = None


@dataclass(frozen=True)
class FlowNumbers:
    """A flow's latency budget (ms) and availability (fractions) in one version."""

    latency_ms: float | None = None
    sla_ms: float | None = None
    percentile: str | None = None
    latency_verdict: str = "no budget"
    availability: float | None = None
    target: float | None = None
    availability_verdict: str = "unknown"


@dataclass(frozen=True)
class FlowChange:
    flow: str
    old: FlowNumbers | None
    new: FlowNumbers | None


def estimates(base: Any, head: Any) -> list[EstimateChange]:
    """Estimates whose value changed, appeared or disappeared, in the head's order."""
    old_rows = base.estimates.rows if base is not None else {}
    new_rows = head.estimates.rows if head is not None else {}
    names = list(new_rows) + [n for n in old_rows if n not in new_rows]
    out = []
    for name in names:
        old, new = old_rows.get(name), new_rows.get(name)
        old_text, new_text = _shown(old), _shown(new)
        if old_text == new_text and _same(old, new):
            continue
        out.append(EstimateChange(name, old_text, new_text, _ratio(old, new)))
    return out


def _shown(row: Any) -> str | None:
    if row is None:
        return None
    return row.shown if row.value is not None else "-"


def _same(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is new
    try:
        return bool(old.value == new.value)
    except (TypeError, ValueError, ArithmeticError, AttributeError):
        return False


def _ratio(old: Any, new: Any) -> float | None:
    """new / old as a plain number, when both exist and have the same dimension."""
    if old is None or new is None or old.value is None or new.value is None:
        return None
    try:
        quotient = new.value / old.value
        if hasattr(quotient, "to_reduced_units"):
            quotient = quotient.to_reduced_units()
            if not quotient.dimensionless:
                return None
            quotient = quotient.to("dimensionless").magnitude
        value = float(quotient)
    except (TypeError, ValueError, ArithmeticError, AttributeError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def flows(base: Any, head: Any) -> list[FlowChange]:
    """Flows whose latency budget, availability or targets changed (or that came or went)."""
    old = _all_flows(base)
    new = _all_flows(head)
    out = []
    for fid in list(new) + [f for f in old if f not in new]:
        if old.get(fid) != new.get(fid):
            out.append(FlowChange(fid, old.get(fid), new.get(fid)))
    return out


def _all_flows(ctx: Any) -> dict[str, FlowNumbers]:
    if ctx is None:
        return {}
    design = ctx.design
    return {fid: _flow(design, fid, flow) for fid, flow in design.flows.items()}


def _flow(design: Any, fid: str, flow: Any) -> FlowNumbers:
    b = capacity.budget(design, fid, flow)
    a = capacity.availability(design, fid, flow)
    verdict = "no budget" if not b.hops else "no sla" if b.sla is None else "ok"
    if b.exceeded:
        verdict = "exceeded"
    a_verdict = "unknown" if not a.parts else "no target" if a.target is None else "ok"
    if a.short:
        a_verdict = "short"
    return FlowNumbers(
        latency_ms=round(b.total * 1000, 6) if b.hops else None,
        sla_ms=round(b.sla.base * 1000, 6) if b.sla else None,
        percentile=b.percentile,
        latency_verdict=verdict,
        availability=round(a.product, 12) if a.parts else None,
        target=round(a.target, 12) if a.target is not None else None,
        availability_verdict=a_verdict,
    )
