"""Phrases shared by the text and Markdown renderings: numbers, arrows, element names.

Each function takes a `code` callable that marks a design's own text (identity for the
terminal, a code span for Markdown), so both renderings say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable

from designlint.diff.compare import DesignDiff, Diff
from designlint.diff.numbers import EstimateChange, FlowChange, FlowNumbers
from designlint.diff.structure import EdgeChange, ElementChange, OwnerChange
from designlint.numbers.capacity import pct

Code = Callable[[str], str]
ARROW = "→"
_SECTION_NOUN = {
    "clients": "client",
    "edge": "edge component",
    "services": "service",
    "datastores": "datastore",
    "caches": "cache",
    "queues": "queue",
    "apis": "endpoint",
    "fanout": "fan-out",
    "flows": "flow",
    "regions": "region",
    "bottlenecks": "bottleneck",
    "decisions": "decision",
    "requirements.functional": "functional requirement",
    "requirements.non_functional": "non-functional requirement",
}


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def move(old: str | None, new: str | None, code: Code) -> str:
    """`a → b`, `(none) → b`, `a → (none)`."""
    left = code(old) if old is not None else "(none)"
    right = code(new) if new is not None else "(none)"
    return f"{left} {ARROW} {right}"


def ratio(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:.3g}" if value < 100 else f"{value:,.0f}"
    return f"×{text}"


def estimate(e: EstimateChange, code: Code) -> str:
    r = ratio(e.ratio)
    return f"{code(e.name)}: {move(e.old, e.new, code)}" + (f" ({r})" if r else "")


def _ms(value: float | None) -> str | None:
    return None if value is None else f"{value:g} ms"


def _pct(value: float | None) -> str | None:
    return None if value is None else pct(value)


def latency(f: FlowChange, code: Code) -> str | None:
    """The flow's latency budget old → new against its SLA, or None when neither has one."""
    old, new = f.old or FlowNumbers(), f.new or FlowNumbers()
    if old.latency_ms is None and new.latency_ms is None and old.sla_ms == new.sla_ms:
        return None
    text = f"latency budget {move(_ms(old.latency_ms), _ms(new.latency_ms), code)}"
    if new.sla_ms is not None or old.sla_ms is not None:
        sla = move(_ms(old.sla_ms), _ms(new.sla_ms), code) if old.sla_ms != new.sla_ms else None
        target = sla or code(f"{new.sla_ms:g} ms")
        text += f" against {target}" + (f" {new.percentile}" if new.percentile else "")
    return text + _verdict(old.latency_verdict, new.latency_verdict)


def availability(f: FlowChange, code: Code) -> str | None:
    old, new = f.old or FlowNumbers(), f.new or FlowNumbers()
    if old.availability is None and new.availability is None and old.target == new.target:
        return None
    text = f"availability {move(_pct(old.availability), _pct(new.availability), code)}"
    if old.target != new.target:
        text += f" against {move(_pct(old.target), _pct(new.target), code)}"
    elif new.target is not None:
        text += f" against {code(pct(new.target))}"
    return text + _verdict(old.availability_verdict, new.availability_verdict)


def _verdict(old: str, new: str) -> str:
    return f" ({new})" if old == new else f" ({old} {ARROW} {new})"


def element(e: ElementChange, code: Code) -> str:
    if e.section == "design":
        return code(e.id)
    return f"{_SECTION_NOUN.get(e.section, e.section)} {code(e.id)}"


def field_changes(e: ElementChange, code: Code) -> str:
    return "; ".join(f"{code(c.field)} {move(c.old, c.new, code)}" for c in e.fields)


def edge(e: EdgeChange, code: Code) -> str:
    kinds = ", ".join(e.new or e.old)
    where = f"{code(e.source)} {ARROW} {code(e.target)}"
    if e.old and e.new:
        return f"{where}: {', '.join(e.old)} {ARROW} {kinds}"
    return f"{where} ({kinds})"


def owner(o: OwnerChange, code: Code) -> str:
    names = [", ".join(code(x) for x in side) or "(no owner)" for side in (o.old, o.new)]
    return f"owner of {code(o.store)}: {names[0]} {ARROW} {names[1]}"


def title(d: DesignDiff) -> str:
    if d.status == "renamed":
        return f"{d.head} (renamed from {d.base})"
    return f"{d.name} ({d.status})"


def summary(diff: Diff) -> str:
    """One sentence for the whole run."""
    new = diff.new
    by = [plural(n, s) for s, n in diff.counts().items() if n]
    new_text = plural(len(new), "new finding") + (f" ({', '.join(by)})" if by else "")
    changes = sum(d.changes() for d in diff.designs)
    return (
        f"{plural(len(diff.designs), 'design')} compared: {new_text}, "
        f"{len(diff.fixed)} fixed, {diff.unchanged} unchanged; {plural(changes, 'model change')}."
    )
