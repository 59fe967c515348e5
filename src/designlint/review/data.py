"""Gather everything a design-review report shows, once, for both the HTML and Markdown outputs.

The findings come from the same `lint_path` as `check`, the phase scores from
`designlint.phases`, the capacity table and flow budgets from `designlint estimate`'s `build`,
and the pictures from the diagram plan. A design that does not load (DL001/DL002) still gets a
report: score 0, its document findings, and no diagram or table. A diagram that Graphviz cannot
draw (missing, failing, too slow) is left out with the reason, never fatal: the report is
about the findings and the numbers, the picture is a bonus.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from typing import Any

from designlint import __version__, config
from designlint.findings import Finding, Severity
from designlint.phases import PhaseScore, phase_of, score
from designlint.registry import Rule, all_rules

# Findings at these severities are coloured in the diagram (as `designlint diagram` does).
HIGHLIGHT = (Severity.ERROR, Severity.WARNING)


@dataclass
class ReportData:
    """What a report shows; plain values, escaped only by the renderers."""

    file: str
    title: str
    description: str | None
    findings: list[Finding]
    phases: list[PhaseScore]
    overall: float
    rules: dict[str, Rule]
    loaded: bool
    capacity: dict[str, Any] | None = None  # designlint.commands.estimate.build's record
    svg: str | None = None  # inline <svg> with icons as data URIs
    svg_note: str | None = None  # why there is no picture
    svg_width: int = 0  # the picture's natural width in CSS pixels (for "full size")
    mermaid: str | None = None
    version: str = __version__
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def document(self) -> list[Finding]:
        """Findings about the document itself (DL0xx): no phase, shown apart."""
        return [f for f in self.findings if phase_of(f.code) == "document"]

    def rule_url(self, f: Finding) -> str | None:
        """The finding's documentation link: its own, else its rule's."""
        if f.url:
            return f.url
        rule = self.rules.get(f.code)
        return rule.url if rule else None


def gather(
    file: str, out_dir: str, want_svg: bool, timeout: float = 30.0, config_file: str | None = None
) -> ReportData:
    """Lint, score and measure `file`; draw it as SVG (into a temporary dir under `out_dir`).

    Settings are `check`'s: `config_file`, else the config discovered upward from `file`, so
    that the report scores exactly the rules `check` runs."""
    from designlint.linter import lint_path, read_bytes, rule_enabled
    from designlint.reading.load import validate
    from designlint.reading.source import decode, load_text

    settings = config.Resolver({}, explicit=config_file).for_file(file)
    findings = sorted(lint_path(file, settings), key=Finding.sort_key)
    rules = all_rules()
    enabled = [r for r in rules.values() if rule_enabled(r, settings, file)]
    phases, overall = score(findings, enabled)
    text, _ = decode(read_bytes(file, settings.limits.max_bytes))
    source = load_text(text, settings.limits) if text is not None else None
    design, problems = None, []
    if source is not None and not any(code == "DL001" for code, _ in source.problems):
        design, problems = validate(source)
    counts = {s.value: sum(f.severity is s for f in findings) for s in reversed(Severity)}
    data = ReportData(
        file=file,
        title=design.name if design is not None else os.path.basename(file),
        description=design.description if design is not None else None,
        findings=findings,
        phases=phases,
        overall=overall,
        rules=rules,
        loaded=design is not None,
        counts=counts,
    )
    if design is None:
        data.svg_note = "The design does not load (see the document findings): nothing to draw."
        return data
    from designlint.commands.estimate import build as capacity

    data.capacity = capacity(design, source, {}, 0.10)
    if problems:  # nodes were set aside: judged without them, but not drawn without them
        data.svg_note = "Some nodes do not load (see the document findings): nothing to draw."
        return data
    _draw(data, design, out_dir, want_svg, timeout)
    return data


def _draw(data: ReportData, design: Any, out_dir: str, want_svg: bool, timeout: float) -> None:
    from designlint.diagram import mermaid
    from designlint.diagram import plan as planning
    from designlint.errors import InputError, RenderError

    shown = [f for f in data.findings if f.severity in HIGHLIGHT]
    plan = planning.build(design, shown)
    data.mermaid = mermaid.render(plan)
    if not want_svg:
        return
    try:
        from designlint.diagram import render
    except ImportError:  # `diagrams` is the optional `diagram` extra
        data.svg_note = (
            "No picture: drawing needs the diagram extra. Install it with "
            "`pip install 'designlint[diagram]'` (and Graphviz) and write the report again; "
            "`designlint diagram FILE -o design.mmd` writes the Mermaid text without it."
        )
        return
    if shutil.which("dot") is None:
        data.svg_note = (
            "No diagram: Graphviz is not installed (`dot` is not on PATH). Install it (e.g. "
            "`sudo apt-get install graphviz`) and write the report again to see the picture."
        )
        return
    # The picture keeps fewer components than the Mermaid text: Graphviz time grows fast.
    image_plan = planning.build(design, shown, planning.IMAGE_MAX_NODES)
    try:
        raw = render.render(image_plan, os.path.join(out_dir, "report.svg"), "svg", timeout=timeout)
    except (RenderError, InputError) as exc:
        data.svg_note = f"No diagram: {str(exc).rstrip('.')}."
        return
    text = raw.decode("utf-8", "replace")
    data.svg_width = natural_width(text)
    data.svg = inline_svg(text)


_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)
_SIZE = re.compile(r'(<svg\b[^>]*?)\s(width|height)="[^"]*"', re.S)
_LINKS = re.compile(r'\s(?:xlink:)?href="(?!data:image/png;base64,|#)[^"]*"')


_VIEWBOX = re.compile(r'<svg\b[^>]*?\sviewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"', re.S)


def natural_width(svg: str) -> int:
    """The drawing's width in CSS pixels (Graphviz's viewBox is in points: 1pt = 4/3 px)."""
    match = _VIEWBOX.search(svg)
    return round(float(match.group(1)) * 4 / 3) if match else 0


def inline_svg(svg: str) -> str:
    """Graphviz's SVG file as an element for an HTML page: no prolog, doctype or comments, no
    fixed size (CSS scales it to the page), and no link that is not an embedded icon."""
    svg = _PROLOG.sub("", svg)
    for _ in range(2):
        svg = _SIZE.sub(r"\1", svg, count=1)
    svg = _LINKS.sub("", svg)
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    svg = svg.replace("<svg", '<svg role="img" aria-label="architecture diagram"', 1)
    return svg.strip()


# Shared wording, so that the HTML page, the Markdown comment and docs/report.md agree.
SCORING = (
    "Each rule family belongs to one interview phase: requirements and estimates (DL1xx, DL2xx), "
    "high-level design and API (DL3xx, DL4xx), deep dive (DL5xx, DL6xx), trade-offs and "
    "reliability (DL7xx, DL8xx).",
    "A phase's coverage is the share of its enabled rules the design passes: a rule with an "
    "error finding earns 0, with only warnings 0.5, with only infos or no finding 1.",
    "The overall score is the plain mean of the four phases, so a phase with few rules weighs as "
    "much as one with many. A design that does not load (DL001 YAML, DL002 schema) scores 0.",
    "Document findings (DL0xx) belong to no phase; info findings cost nothing.",
)


def band(value: float) -> str:
    """good (>= 90), fair (>= 60) or poor: the colour of a score."""
    return "good" if value >= 90 else "fair" if value >= 60 else "poor"


def verdict_text(row: dict[str, Any]) -> str:
    """An estimate row's verdict with its deviation, as `designlint estimate` prints it."""
    from designlint.numbers import unitfmt as fmt

    verdict = str(row["verdict"])
    if verdict in ("ok", "mismatch") and row.get("deviation") is not None:
        verdict += f" ({fmt.off(row['deviation'])})"
    if row.get("what_if"):
        verdict += " [what-if]"
    return verdict


def sla_text(latency: dict[str, Any]) -> str:
    """`200 ms p99`, or `-` without an SLA."""
    if latency.get("sla_ms") is None:
        return "-"
    pct = f" {latency['percentile']}" if latency.get("percentile") else ""
    return f"{latency['sla_ms']:g} ms{pct}"


def breakdown(phase: PhaseScore) -> str:
    """How a phase's score comes about: `10 rules: 6 pass, 3 warn (half credit), 1 fails`."""
    failed = {f.code for f in phase.findings if f.severity is Severity.ERROR}
    warned = {f.code for f in phase.findings if f.severity is Severity.WARNING} - failed
    passed = max(phase.rules - len(failed) - len(warned), 0)
    parts = [f"{passed} pass"]
    if warned:
        parts.append(f"{len(warned)} with warnings only (half credit)")
    if failed:
        parts.append(f"{len(failed)} with errors (no credit)")
    n = len(phase.findings)
    return f"{phase.rules} rules: {', '.join(parts)}; {n} finding{'s' if n != 1 else ''}."
