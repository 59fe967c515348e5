"""Evaluate a design's estimates with units, in dependency order, and say what does not add up.

The reference article's advice is to "drive the numbers yourself": 500M DAU, 20 % post, so 100M
tweets a day, so ~1,200 writes a second. Each step is arithmetic a reader can check, and a
design whose steps do not follow from each other is built on numbers nobody computed. Here every
`expr` is parsed (designlint.numbers.expr, never `eval`), evaluated with pint's dimensional analysis
(designlint.numbers.units) and compared with the declared `value`.

Which value flows downstream. A step is checked on its own: an estimate that declares a value
passes that declared value on, so a mistake is reported once, where it is made, and rounding
does not compound (the article's `3 x 1,200 = 3,600` rather than `3 x 1,157`). An estimate with
only an expression passes its computed value on. Under a what-if (`check --set dau=2bn`) the
declared values downstream of an override describe the old scenario, so there the computed
values flow instead, and every declared number that no longer follows is reported.

The parts: `expr` parses (lark, bounded length and nesting), `arith`
evaluates with units within bounds (magnitude 1e100, exponent 64, division by zero),
designlint.depgraph orders estimates and names cycles, `units` holds the small pint
registry and `unitfmt` prints quantities for people. Anything that still goes wrong
while evaluating one estimate becomes a DL203 finding for that estimate: hostile input yields
findings, never exceptions.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from typing import Any

from designlint import depgraph
from designlint.errors import UsageError
from designlint.findings import ModelPath
from designlint.model import Design
from designlint.model.estimates import Estimate
from designlint.numbers import arith
from designlint.numbers import expr as ex
from designlint.numbers import quantity as qty
from designlint.numbers import unitfmt as fmt
from designlint.numbers.units import magnitude_in

DEFAULT_TOLERANCE = 0.10


@dataclass(frozen=True)
class Problem:
    """A DL202/DL203 finding found while evaluating (DL201 depends on the rule's tolerance)."""

    code: str
    path: ModelPath
    message: str
    fix: str | None = None


@dataclass
class Row:
    """One estimate after evaluation."""

    name: str
    expr: str | None = None
    declared: qty.Quantity | None = None  # after an override
    declared_pint: Any = None
    computed: Any = None  # pint quantity, or None when there is no expression or it failed
    substituted: str | None = None  # the expression with the values it used written in
    value: Any = None  # what flows downstream and into derived checks
    shown: str = "-"  # `value` for people
    overridden: bool = False
    stale: bool = False  # downstream of an override
    error: str | None = None
    unit_mismatch: bool = False
    blocked: bool = False  # an estimate it uses failed (reported there) or is in words
    words: str | None = None  # the declared value, stated without a number
    deviation: float | None = None  # |declared - computed| / |computed|
    tolerance: float | None = None  # the estimate's own `tolerance`, as a fraction
    spec: Estimate | None = None

    @property
    def path(self) -> ModelPath:
        return ("estimates", self.name)

    def value_path(self) -> ModelPath:
        return (*self.path, "value") if isinstance(self.spec, Estimate) else self.path

    def expr_path(self) -> ModelPath:
        return (*self.path, "expr")

    def verdict(self, tolerance: float = DEFAULT_TOLERANCE) -> str:
        """ok | mismatch | unit-mismatch | error | blocked | declared | computed | override."""
        if self.error:
            return "error"
        if self.words is not None and self.computed is None:
            return "in words"
        if self.blocked:
            return "blocked"
        if self.overridden:
            return "override"
        if self.unit_mismatch:
            return "unit-mismatch"
        if self.deviation is not None:
            limit = self.tolerance if self.tolerance is not None else tolerance
            return "mismatch" if self.deviation > limit + 1e-12 else "ok"
        return "computed" if self.computed is not None else "declared"


@dataclass
class Estimates:
    """Every estimate evaluated, and the problems found on the way."""

    rows: dict[str, Row] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    overrides: dict[str, str] = field(default_factory=dict)
    ureg: Any = None
    names: Any = None  # arith.Names of the rows, made once: hints cost linear work per design
    programs: dict[str, ex.Program] = field(default_factory=dict)  # parsed expressions
    order: list[str] = field(default_factory=list)  # dependency order, evaluated rows only

    def value(self, name: str | None) -> Any:
        row = self.rows.get(name or "")
        return row.value if row else None

    def to_pint(self, q: qty.Quantity) -> Any:
        return fmt.to_pint(q, self.ureg) if self.ureg is not None else None

    def what_if(self) -> str:
        return ", ".join(f"--set {k}={v}" for k, v in self.overrides.items())

    def mismatch_message(self, row: Row, tolerance: float) -> str:
        """DL201's message: both values and the arithmetic."""
        assert row.declared is not None and row.computed is not None
        expr = short(row.expr or "")
        steps = [f"`{expr}`"]
        if row.substituted and row.substituted != " ".join((row.expr or "").split()):
            steps.append(short(row.substituted))
        steps.append(fmt.show(row.computed, row.declared))
        text = " = ".join(steps)
        working = conversion(row.computed, row.declared, self.ureg)
        if working:
            text += f" ({working})"
        limit = row.tolerance if row.tolerance is not None else tolerance
        scenario = f" under {self.what_if()}" if row.stale and self.overrides else ""
        return (
            f"`{row.name}` is declared as {row.declared.text} but{scenario} {text}: "
            f"{_gap(row)}, more than the {limit * 100:g}% tolerance"
        )


def short(text: str, limit: int = 120) -> str:
    """An expression for a one-line message: whitespace collapsed, long ones cut in the middle."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    half = (limit - 5) // 2
    return f"{text[:half]} ... {text[-half:]}"


def _gap(row: Row) -> str:
    declared = magnitude_in(row.declared_pint, row.computed.units)
    return fmt.gap(declared, row.computed.magnitude)


def conversion(computed: Any, declared: qty.Quantity, ureg: Any) -> str | None:
    """The unit conversion behind a rate: `100,000,000 / 86,400 s` for 100M/day in /s."""
    per = fmt.per_unit(computed)
    if not per or not declared.per or per == declared.per:
        return None
    try:
        total = computed * ureg.Quantity(1.0, per)
        total = total.to(declared.unit or "dimensionless").magnitude
        factor = ureg.Quantity(1.0, per).to(declared.per).magnitude
    except Exception:  # noqa: BLE001 - a missing explanation is not worth a crash
        return None
    return f"{fmt.exact(total)} / {fmt.exact(factor)} {fmt.symbol(declared.per)}"


def evaluate(
    design: Design, overrides: dict[str, str] | None = None, source: Any = None
) -> Estimates:
    """Evaluate every estimate; raise UsageError only for a bad `--set`."""
    overrides = dict(overrides or {})
    out = Estimates(overrides=overrides)
    names = list(design.estimates)
    for name in overrides:
        if name not in design.estimates:
            hint = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            extra = f"; did you mean `{hint[0]}`?" if hint else ""
            raise UsageError(f"--set {name}=...: the design has no estimate `{name}`{extra}")
    if not design.estimates:
        return out
    out.ureg = _registry()
    programs: dict[str, ex.Program] = {}
    for name, raw in design.estimates.items():
        row = _row(name, raw, out)
        out.rows[name] = row
        if name in overrides:
            _apply_override(row, overrides[name], out)
            continue
        if row.expr is not None:
            try:
                programs[name] = ex.parse(row.expr)
            except ex.ExprError as exc:
                _fail(row, out, f"cannot read the expression of `{name}`: {exc}")
    deps = {
        n: [op.name for op in p.names if op.kind == "name" and op.name in out.rows]
        for n, p in programs.items()
    }
    in_cycle = _report_cycles(names, deps, out)
    out.programs = programs
    for name in depgraph.dependency_order(names, deps, in_cycle):
        out.order.append(name)
        row = out.rows[name]
        if name in programs and name not in in_cycle and row.error is None:
            row.stale = any(out.rows[d].overridden or out.rows[d].stale for d in deps[name])
            _compute(row, programs[name], out)
        _settle(row)
    return out


def _registry() -> Any:
    from designlint.numbers.units import registry

    return registry()


def _row(name: str, raw: Any, out: Estimates) -> Row:
    if isinstance(raw, Estimate):
        value = raw.value
        words = value.text if isinstance(value, qty.Prose) else None
        row = Row(name, expr=raw.expr, declared=None if words else value, spec=raw, words=words)
        if raw.tolerance is not None:
            # `10%` and `0.1` are the same tolerance; a plain number above 1 means percent.
            t = raw.tolerance
            percent = t.dimension == "percent" or t.magnitude > 1
            row.tolerance = t.magnitude / 100 if percent else t.magnitude
    else:
        row = Row(name)
        try:
            found = qty.stated(raw)
            if isinstance(found, qty.Prose):
                row.words = found.text
            else:
                row.declared = found
        except qty.QuantityError as exc:
            _fail(row, out, f"`{name}` is not a quantity: {exc}", path=row.path)
    if row.declared is not None:
        row.declared_pint = out.to_pint(row.declared)
    return row


def _apply_override(row: Row, text: str, out: Estimates) -> None:
    try:
        value = qty.parse(text)
    except qty.QuantityError as exc:
        raise UsageError(f"--set {row.name}={text}: {exc}") from None
    new = out.to_pint(value)
    if row.declared_pint is not None and fmt.dims(new) != fmt.dims(row.declared_pint):
        was = fmt.describe(fmt.dims(row.declared_pint))
        raise UsageError(
            f"--set {row.name}={text}: `{row.name}` is {was}, not {fmt.describe(fmt.dims(new))}"
        )
    row.declared, row.declared_pint, row.overridden = value, new, True


def _fail(row: Row, out: Estimates, message: str, path: ModelPath | None = None) -> None:
    row.error = message
    out.problems.append(Problem("DL203", path or row.expr_path(), message))


def _report_cycles(names: list[str], deps: dict[str, list[str]], out: Estimates) -> set[str]:
    """Report each cycle once, on its first estimate; return the names on cycles."""
    cyclic: set[str] = set()
    for members, path in depgraph.cycles(names, deps):
        chain = depgraph.chain(path)
        row = out.rows[path[0]]
        row.error = f"estimates depend on each other in a cycle: {chain}"
        out.problems.append(
            Problem("DL203", row.expr_path(), row.error, fix="give one of them a plain value")
        )
        for n in members:
            cyclic.add(n)
            out.rows[n].error = out.rows[n].error or f"on the cycle {chain}"
    return cyclic


def _settle(row: Row) -> None:
    """Decide what flows downstream (see the module docstring) and how it is shown."""
    if row.overridden or (row.declared_pint is not None and not (row.stale and row.computed)):
        row.value = row.declared_pint
        row.shown = row.declared.text if row.declared else "-"
    elif row.computed is not None:
        row.value = row.computed
        row.shown = fmt.show(row.computed, row.declared)


def _compute(row: Row, program: ex.Program, out: Estimates) -> None:
    try:
        if out.names is None:
            out.names = arith.Names(out.rows)
        value, substituted = arith.run(program, lambda name: _resolve(name, out), out.names)
    except arith.EvalError as exc:
        _fail(row, out, f"cannot evaluate `{row.name}`: {exc}")
        return
    except arith.Missing:
        row.blocked = True  # a dependency failed and was reported where it failed
        return
    except Exception as exc:  # noqa: BLE001 - hostile input must yield a finding, not a crash
        _fail(row, out, f"cannot evaluate `{row.name}`: {type(exc).__name__}: {exc}")
        return
    row.computed, row.substituted = value, substituted
    if row.declared_pint is None:
        return
    if fmt.dims(value) != fmt.dims(row.declared_pint):
        row.unit_mismatch = True
        shown, expr = fmt.show(value), short(row.expr or "")
        out.problems.append(
            Problem(
                "DL202",
                row.value_path(),
                f"`{row.name}` is declared as {row.declared.text} "
                f"({fmt.describe(fmt.dims(row.declared_pint))}) but `{expr}` = {shown} "
                f"is {fmt.describe(fmt.dims(value))}",
                fix=f"declare {fmt.describe(fmt.dims(value))} (e.g. `{shown}`) "
                "or fix the expression",
            )
        )
        return
    declared = magnitude_in(row.declared_pint, value.units)
    computed = value.magnitude
    if computed == 0:
        row.deviation = 0.0 if declared == 0 else math.inf
    else:
        row.deviation = abs(declared - computed) / abs(computed)


def _resolve(name: str, out: Estimates) -> tuple[Any, str] | None:
    """An estimate's value and how to show it; None when no estimate has that name."""
    row = out.rows.get(name)
    if row is None:
        return None
    if row.value is None:
        if row.error or row.blocked or row.words is not None or row.computed is not None:
            raise arith.Missing(name)  # reported where it failed; words are skipped
        raise arith.EvalError(f"`{name}` has neither a value nor an expression")
    return row.value, row.shown
