"""One pair of versions compared, and the whole run: the records every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.diff import numbers, structure
from designlint.diff.findings import FindingChanges, match
from designlint.diff.sides import Side
from designlint.findings import Finding, Severity

STATUSES = ("added", "deleted", "renamed", "modified")


@dataclass(frozen=True)
class DesignDiff:
    """What changed between `base` and `head` of one design (either may be None)."""

    status: str
    base: str | None
    head: str | None
    findings: FindingChanges
    estimates: list[numbers.EstimateChange] = field(default_factory=list)
    flows: list[numbers.FlowChange] = field(default_factory=list)
    structure: structure.Structure = field(default_factory=structure.Structure)
    loaded: tuple[bool, bool] = (True, True)  # (base, head) loaded as a design (or absent)

    @property
    def name(self) -> str:
        return self.head or self.base or "?"

    def changes(self) -> int:
        """How many model-level changes (numbers and structure) this pair shows."""
        return len(self.estimates) + len(self.flows) + len(self.structure)


@dataclass(frozen=True)
class Diff:
    """Every compared design; `base_label`/`head_label` say what was compared (files, a ref)."""

    base_label: str
    head_label: str
    designs: list[DesignDiff] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def new(self) -> list[Finding]:
        return [f for d in self.designs for f in d.findings.new]

    @property
    def fixed(self) -> list[Finding]:
        return [f for d in self.designs for f in d.findings.fixed]

    @property
    def unchanged(self) -> int:
        return sum(d.findings.unchanged for d in self.designs)

    def counts(self) -> dict[str, int]:
        """New findings per severity, most severe first."""
        out = {s.value: 0 for s in sorted(Severity, key=lambda s: -s.rank)}
        for f in self.new:
            out[f.severity.value] += 1
        return out


def compare(base: Side, head: Side, status: str | None = None) -> DesignDiff:
    """Compare two loaded versions of one design."""
    if status is None:
        status = (
            "added"
            if not base.exists
            else "deleted"
            if not head.exists
            else "renamed"
            if base.name != head.name
            else "modified"
        )
    findings = match(base.findings, head.findings)
    loaded = (base.ctx is not None or not base.exists, head.ctx is not None or not head.exists)
    if not (base.exists and head.exists):
        # A whole design came or went: its findings say what matters; itemising every element
        # and number as added or removed would bury that (`check` and `estimate` show them).
        return DesignDiff(status, base.name, head.name, findings, loaded=loaded)
    return DesignDiff(
        status=status,
        base=base.name,
        head=head.name,
        findings=findings,
        estimates=numbers.estimates(base.ctx, head.ctx),
        flows=numbers.flows(base.ctx, head.ctx),
        structure=structure.compare(base.ctx, head.ctx),
        loaded=loaded,
    )
