"""`designlint estimate FILE`: the capacity table, showing the working behind DL2xx and DL70x.

`check` reports only what is wrong; a reviewer also wants to see the numbers that are right:
every estimate with its expression, computed and declared value and verdict, then each flow's
latency budget against its SLA and its availability composed in series against its target.
The same arithmetic as the rules (`numbers.estimates`, `numbers.capacity`), so the table
and the findings never disagree.

Exit codes: 0 when everything adds up; 1 when an estimate mismatches (DL201), has the wrong
dimension (DL202) or cannot be evaluated (DL203), or a flow's hop budgets exceed its SLA
(DL704) or its composed availability falls short of its target (DL706); 2 for usage and input
errors (an unreadable file, a design that does not validate, a bad `--set`).
"""

from __future__ import annotations

import json
from typing import Any

import click

from designlint.commands.params import FiniteFloat
from designlint.errors import InputError

BAD_VERDICTS = ("mismatch", "unit-mismatch", "error")


@click.command("estimate")
@click.argument("file")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="What-if: override an estimate (repeatable), e.g. --set dau=2bn.",
)
@click.option(
    "--tolerance",
    type=FiniteFloat(min=0),
    default=10.0,
    show_default=True,
    help="Allowed gap between declared and computed values, in percent.",
)
def command(fmt: str, file: str, overrides: tuple[str, ...], tolerance: float) -> int:
    """Print every estimate (name, expression, computed, declared, verdict) and each flow's
    latency budget and composed availability.

    Exit codes: 0 everything adds up, 1 an estimate mismatches or cannot be evaluated or a
    flow exceeds its latency SLA or misses its availability target, 2 usage or input error.
    """
    from designlint.commands.check import _parse_overrides

    design, source = _load(file)
    report = build(design, source, _parse_overrides(overrides), tolerance / 100)
    report["file"] = file
    if fmt == "json":
        click.echo(json.dumps(_json_safe(report), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        click.echo(render(report), nl=False)
    return 1 if report["mismatch"] else 0


def _load(file: str) -> tuple[Any, Any]:
    from designlint import config
    from designlint.linter import read_bytes
    from designlint.reading.load import validate
    from designlint.reading.source import decode, load_text

    limits = config.Settings().limits
    text, problem = decode(read_bytes(file, limits.max_bytes))
    if text is None:
        raise InputError(f"{file}: cannot be decoded; run `designlint check {file}`")
    source = load_text(text, limits)
    if any(code == "DL001" for code, _ in source.problems):
        raise InputError(f"{file}: not valid YAML; run `designlint check {file}` for details")
    design, _ = validate(source)
    if design is None:
        raise InputError(f"{file}: not a valid design; run `designlint check {file}` for details")
    return design, source


def build(design: Any, source: Any, overrides: dict[str, str], tolerance: float) -> dict:
    """The whole table as plain data (the JSON output; the text output renders it)."""
    from designlint.numbers import capacity
    from designlint.numbers import unitfmt as fmt
    from designlint.numbers.estimates import evaluate

    estimates = evaluate(design, overrides, source)
    rows = []
    for row in estimates.rows.values():
        computed = row.computed
        verdict = row.verdict(tolerance)
        rows.append(
            {
                "name": row.name,
                "expr": row.expr,
                "computed": fmt.show(computed, row.declared) if computed is not None else None,
                "computed_base": _base(computed),
                "declared": row.declared.text if row.declared else row.words,
                "value": row.shown if row.value is not None else None,
                "verdict": verdict,
                "deviation": _finite(row.deviation),  # JSON has no Infinity: null
                "error": row.error,
                "overridden": row.overridden,
                "what_if": row.stale,
            }
        )
    flows = []
    for fid, flow in design.flows.items():
        b = capacity.budget(design, fid, flow)
        a = capacity.availability(design, fid, flow)
        latency: dict[str, Any] = {
            "hops": [{"component": c, "ms": s * 1000} for c, s in b.hops],
            "unbudgeted": b.unbudgeted,
            "total_ms": b.total * 1000 if b.hops else None,
            "sum": _sum_text(b),
            "unsized": [{"component": c, "text": t} for c, t in b.unsized],
            "sla": b.sla_id,
            "sla_ms": b.sla.base * 1000 if b.sla else None,
            "percentile": b.percentile,
            "verdict": _latency_verdict(b),
        }
        avail: dict[str, Any] = {
            "components": [
                {"component": c, "availability": x, "replicas": k, "group": g}
                for c, x, k, g in a.parts
            ],
            "unknown": a.unknown,
            "product": a.product if a.parts else None,
            "upper_bound": bool(a.parts and a.unknown),
            "working": a.product_text() if a.parts else None,
            "downtime_per_month": capacity.downtime(a.product) if a.parts else None,
            "target": a.target,
            "target_name": a.nfr_id,
            "allowed_downtime_per_month": capacity.downtime(a.target) if a.target else None,
            "verdict": _availability_verdict(a),
        }
        flows.append({"flow": fid, "latency": latency, "availability": avail})
    mismatch = any(r["verdict"] in BAD_VERDICTS for r in rows) or any(
        f["latency"]["verdict"] == "exceeded" or f["availability"]["verdict"] == "short"
        for f in flows
    )
    return {
        "tolerance": tolerance,
        "overrides": overrides,
        "estimates": rows,
        "flows": flows,
        "mismatch": mismatch,
    }


def _json_safe(value: Any) -> Any:
    """The report with every NaN or infinity as null: `Infinity` is not JSON (jq refuses it)."""
    if isinstance(value, float):
        return _finite(value)
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def _finite(x: float | None) -> float | None:
    import math

    return x if x is not None and math.isfinite(x) else None


def _base(q: Any) -> dict | None:
    if q is None:
        return None
    base = q.to_base_units()
    return {"value": base.magnitude, "unit": f"{base.units:~}" or "1"}


def _sum_text(b: Any) -> str | None:
    """The budget sum; hops budgeted in words are named, since the sum skips them."""
    words = ", ".join(f"`{c}` {t}" for c, t in b.unsized)
    if not b.hops:
        return f"in words only: {words}" if words else None
    return b.sum_text() + (f", plus in words: {words}" if words else "")


def _latency_verdict(b: Any) -> str:
    # Budgets in words make the sum a lower bound: exceeded if even that is over, else unknown.
    if not b.hops:
        return "unknown" if b.unsized else "no budget"
    if b.sla is None:
        return "no sla"
    if b.exceeded:
        return "exceeded"
    return "unknown" if b.unsized else "ok"


def _availability_verdict(a: Any) -> str:
    # With components that state nothing the product is only an upper bound: short when even
    # the bound misses the target, unknown otherwise, never ok.
    if not a.parts:
        return "unknown"
    if a.target is None:
        return "no target"
    if a.short:
        return "short"
    return "unknown" if a.unknown else "ok"


def _clean(text: Any, width: int | None = None) -> str:
    from designlint.visible import visible

    text = "-" if text is None else str(text)
    text = visible(text)
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return lines


def render(report: dict) -> str:
    """The report as terminal text."""
    from designlint.numbers import unitfmt as fmt
    from designlint.numbers.capacity import unstated_note

    out = [f"{_clean(report['file'])}: estimates (tolerance {report['tolerance'] * 100:g}%)"]
    if report["overrides"]:
        sets = ", ".join(f"{k}={v}" for k, v in report["overrides"].items())
        out.append(f"what-if: {_clean(sets)}")
    out.append("")
    if report["estimates"]:
        rows = []
        for r in report["estimates"]:
            verdict = r["verdict"]
            if verdict in ("ok", "mismatch") and r["deviation"] is not None:
                verdict += f" ({fmt.off(r['deviation'])})"
            if r["what_if"]:
                verdict += " [what-if]"
            rows.append(
                [
                    _clean(r["name"], 32),
                    _clean(r["expr"], 40),
                    _clean(r["computed"]),
                    _clean(r["declared"]),
                    verdict,
                ]
            )
        out += _table(["name", "expression", "computed", "declared", "verdict"], rows)
        errors = [r for r in report["estimates"] if r["error"]]
        for r in errors:
            out.append(f"  {_clean(r['name'])}: {_clean(r['error'], 200)}")
    else:
        out.append("no estimates")
    if report["flows"]:
        out += ["", "latency budgets"]
        rows = []
        for f in report["flows"]:
            lat = f["latency"]
            sla = "-"
            if lat["sla_ms"] is not None:
                sla = f"{lat['sla_ms']:g} ms"
                if lat["percentile"]:
                    sla += f" {lat['percentile']}"
            rows.append([_clean(f["flow"], 32), _clean(lat["sum"] or "-", 60), sla, lat["verdict"]])
        out += _table(["flow", "hop budgets", "sla", "verdict"], rows)
        out += ["", "availability (in series, redundant groups 1 - (1 - a)^k)"]
        rows = []
        for f in report["flows"]:
            av = f["availability"]
            product = "-" if av["product"] is None else _pct(av["product"])
            if av["upper_bound"]:
                product = f"<= {product}"
            target = "-" if av["target"] is None else _pct(av["target"])
            skipped = unstated_note(av)
            rows.append(
                [
                    _clean(f["flow"], 32),
                    product,
                    av["downtime_per_month"] or "-",
                    target,
                    av["verdict"],
                    skipped,
                ]
            )
        out += _table(["flow", "composed", "downtime", "target", "verdict", "note"], rows)
    out += ["", "some numbers do not add up" if report["mismatch"] else "everything adds up"]
    return "\n".join(out) + "\n"


def _pct(x: float) -> str:
    from designlint.numbers.capacity import pct

    return pct(x)
