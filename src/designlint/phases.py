"""The interview phases the reference article grades a design by, and a coverage score per phase.

Rule families map onto phases: requirements and estimates are phase 1, the API contract and
services phase 2, the data model and caches/queues/fan-out phase 3, reliability and trade-offs
phase 4. Document rules (DL0xx) are not a phase: a design that does not load scores nothing.

Coverage of a phase = the share of its enabled rules that the design passes, where a rule with
an error finding counts 0, with only warnings 0.5, with only infos (or none) 1. The overall
score is the mean of the four phases, so a phase with few rules weighs as much as one with
many, as an interviewer would weigh them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from designlint.findings import Finding, Severity
from designlint.registry import Rule

PHASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("requirements", "1. Requirements and estimates", ("DL1", "DL2")),
    ("high-level", "2. High-level design and API", ("DL3", "DL4")),
    ("deep-dive", "3. Deep dive: data, caches, queues, fan-out", ("DL5", "DL6")),
    ("trade-offs", "4. Trade-offs, reliability and closing", ("DL7", "DL8")),
)


def phase_of(code: str) -> str:
    """The phase id of a rule code; `document` for DL0xx."""
    for pid, _title, prefixes in PHASES:
        if code.startswith(prefixes):
            return pid
    return "document"


@dataclass(frozen=True)
class PhaseScore:
    """One phase's coverage and the findings that cost it."""

    id: str
    title: str
    score: float  # 0..100
    rules: int
    findings: tuple[Finding, ...]


def _credit(findings: Iterable[Finding]) -> float:
    worst = max((f.severity.rank for f in findings), default=-1)
    if worst >= Severity.ERROR.rank:
        return 0.0
    if worst == Severity.WARNING.rank:
        return 0.5
    return 1.0


def score(findings: Sequence[Finding], rules: Iterable[Rule]) -> tuple[list[PhaseScore], float]:
    """Per-phase coverage and the overall score (0 when the document itself does not load)."""
    rules = list(rules)
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    out: list[PhaseScore] = []
    for pid, title, prefixes in PHASES:
        members = [r for r in rules if r.code.startswith(prefixes)]
        credit = sum(_credit(by_code.get(r.code, [])) for r in members)
        pct = 100.0 * credit / len(members) if members else 100.0
        mine = tuple(f for f in findings if phase_of(f.code) == pid)
        out.append(PhaseScore(pid, title, round(pct, 1), len(members), mine))
    broken = any(f.code in ("DL001", "DL002") for f in findings)
    overall = 0.0 if broken else round(sum(p.score for p in out) / len(out), 1)
    return out, overall
