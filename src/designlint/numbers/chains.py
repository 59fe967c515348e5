"""Rounding that compounds along a chain of estimates (DL208).

Each estimate is checked on its own step (DL201): it passes its declared value on, so
`3 × 1.2k/s = 3.6k/s` is right although 1.2k/s rounds 1,157/s. Steps that each round the same
way can still add up: 1,000 declared as 1.08k (8 % up), doubled and declared as 2.3k (6.5 % up
on 2.16k) is 15 % above the 2,000 its root gives. Here every expression is evaluated a second
time with the values recomputed from the chain's roots instead of the declared ones, and the
estimates whose declared value has drifted past the tolerance from that are named with the
chain that carried the drift.

A chain restarts where a drift is reported, or where a step is itself wrong (DL201 reports it),
so each drift is reported once, at the first estimate where it passes the tolerance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from designlint.numbers import arith
from designlint.numbers import unitfmt as fmt
from designlint.numbers.estimates import Estimates, Row
from designlint.numbers.units import magnitude_in


@dataclass(frozen=True)
class Drift:
    """An estimate whose declared value is off from its chain's root by more than the tolerance."""

    row: Row
    chain: tuple[str, ...]  # root first, this estimate last
    recomputed: Any  # pint quantity: the expression evaluated from the root
    limit: float  # the tolerance that applied, as a fraction

    def message(self) -> str:
        declared = self.row.declared
        assert declared is not None
        shown = fmt.show(self.recomputed, declared)
        value = magnitude_in(self.row.declared_pint, self.recomputed.units)
        names = " -> ".join(f"`{n}`" for n in self.chain)
        return (
            f"`{self.row.name}` is declared as {declared.text}; each step of {names} is within "
            f"the {self.limit * 100:g}% tolerance, but recomputed from `{self.chain[0]}` it is "
            f"{shown}: {fmt.gap(value, self.recomputed.magnitude)}, the rounding compounds"
        )


def drifts(est: Estimates, tolerance: float) -> list[Drift]:
    """Every estimate whose rounding compounded past `tolerance` (or its own), in order."""
    chain_value: dict[str, Any] = {}  # the value recomputed from the roots
    carried: dict[str, tuple[str, ...]] = {}  # the chain that carried a drift here
    found: list[Drift] = []
    for name in est.order:
        row = est.rows[name]
        chain_value[name], carried[name] = row.value, (name,)
        if not _judged(row, est) or row.verdict(tolerance) not in ("ok", "computed"):
            continue  # a root, or a failed or wrong step (DL201-DL203): the chain restarts
        deps = list(
            dict.fromkeys(
                op.name
                for op in est.programs[name].names
                if op.kind == "name" and op.name in est.rows
            )
        )
        drift = {d: _drift(est.rows[d], chain_value[d]) for d in deps}
        drifted = [d for d in deps if drift[d] > 0]
        if not drifted:
            # The step's own rounding starts a chain from what it is computed from.
            chain_value[name] = row.computed
            carried[name] = (deps[0], name) if deps else (name,)
            continue
        value = _recompute(name, est, chain_value)
        if value is None:
            continue
        upstream = max(drifted, key=drift.__getitem__)
        chain_value[name], carried[name] = value, (*carried[upstream], name)
        limit = row.tolerance if row.tolerance is not None else tolerance
        if row.declared_pint is not None and _drift(row, value) > limit + 1e-12:
            found.append(Drift(row, carried[name], value, limit))
            chain_value[name], carried[name] = row.value, (name,)  # reported: restart here
    return found


def _judged(row: Row, est: Estimates) -> bool:
    """An estimate computed from others, whose own step went through (not under a what-if)."""
    return (
        row.name in est.programs
        and row.computed is not None
        and not (row.stale or row.overridden or row.unit_mismatch)
    )


def _recompute(name: str, est: Estimates, chain_value: dict[str, Any]) -> Any:
    def resolve(dep: str) -> tuple[Any, str] | None:
        if dep not in est.rows or chain_value.get(dep) is None:
            return None
        return chain_value[dep], ""  # the working's text is not kept: no number to format

    try:
        value, _ = arith.run(est.programs[name], resolve, est.names or est.rows)
    except Exception:  # noqa: BLE001 - the step itself evaluated; a second pass only adds
        return None
    return value


def _drift(row: Row, value: Any) -> float:
    """How far the value a row passes on sits from `value` recomputed from the roots."""
    if row.value is None or value is None or value is row.value:
        return 0.0
    try:
        passed = magnitude_in(row.value, value.units)
    except Exception:  # noqa: BLE001 - a unit problem is DL202's
        return 0.0
    if value.magnitude == 0:
        return 0.0 if passed == 0 else math.inf
    return abs(passed - value.magnitude) / abs(value.magnitude)
