"""`diff --format json`: the documented, stable shape (docs/diff.md, "JSON")."""

from __future__ import annotations

import json
from typing import Any

from designlint.diff.compare import DesignDiff, Diff
from designlint.diff.numbers import FlowNumbers
from designlint.findings import Finding
from designlint.fingerprint import fingerprint

VERSION = 1


def finding(f: Finding) -> dict[str, Any]:
    return {**f.to_json(), "fingerprint": fingerprint(f)}


def _flow(n: FlowNumbers | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {
        "latency_ms": n.latency_ms,
        "sla_ms": n.sla_ms,
        "percentile": n.percentile,
        "latency_verdict": n.latency_verdict,
        "availability": n.availability,
        "availability_target": n.target,
        "availability_verdict": n.availability_verdict,
    }


def design(d: DesignDiff) -> dict[str, Any]:
    s = d.structure
    return {
        "status": d.status,
        "base": d.base,
        "head": d.head,
        "loaded": {"base": d.loaded[0], "head": d.loaded[1]},
        "findings": {
            "new": [finding(f) for f in d.findings.new],
            "fixed": [finding(f) for f in d.findings.fixed],
            "unchanged": d.findings.unchanged,
        },
        "estimates": [
            {"name": e.name, "old": e.old, "new": e.new, "ratio": e.ratio} for e in d.estimates
        ],
        "flows": [{"flow": f.flow, "old": _flow(f.old), "new": _flow(f.new)} for f in d.flows],
        "structure": {
            "added": [{"section": e.section, "id": e.id} for e in s.added],
            "removed": [{"section": e.section, "id": e.id} for e in s.removed],
            "changed": [
                {
                    "section": e.section,
                    "id": e.id,
                    "fields": [{"field": c.field, "old": c.old, "new": c.new} for c in e.fields],
                }
                for e in s.changed
            ],
            "edges": [
                {"from": e.source, "to": e.target, "old": list(e.old), "new": list(e.new)}
                for e in s.edges
            ],
            "ownership": [
                {"store": o.store, "old": list(o.old), "new": list(o.new)} for o in s.owners
            ],
        },
    }


def render(diff: Diff) -> str:
    doc = {
        "version": VERSION,
        "base": diff.base_label,
        "head": diff.head_label,
        "summary": {
            "designs": len(diff.designs),
            "new": len(diff.new),
            "fixed": len(diff.fixed),
            "unchanged": diff.unchanged,
            "new_by_severity": diff.counts(),
            "changes": sum(d.changes() for d in diff.designs),
        },
        "designs": [design(d) for d in diff.designs],
        "errors": list(diff.errors),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
