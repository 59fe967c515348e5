"""Evaluate a design's estimates with units, in dependency order, and say what does not add up.

The reference article's advice is to "drive the numbers yourself": 500M DAU, 20 % post, so 100M
tweets a day, so ~1,200 writes a second. Each step is arithmetic a reader can check, and a
design whose steps do not follow from each other is built on numbers nobody computed. Here every
`expr` is parsed (designlint.expr, never `eval`), evaluated with pint's dimensional analysis
(designlint.units) and compared with the declared `value`.

Which value flows downstream. A step is checked on its own: an estimate that declares a value
passes that declared value on, so a mistake is reported once, where it is made, and rounding
does not compound (the article's `3 x 1,200 = 3,600` rather than `3 x 1,157`). An estimate with
only an expression passes its computed value on. Under a what-if (`check --set dau=2bn`) the
declared values downstream of an override describe the old scenario, so there the computed
values flow instead, and every declared number that no longer follows is reported.

Bounds: expressions are capped at 2,000 characters and 32 nested parentheses (expr.py); every
number and intermediate result must be finite and at most 1e100 in magnitude; exponents must be
plain numbers of at most 64 in magnitude (integers when the base has a unit); division by zero
is caught before pint sees it. Anything that still goes wrong while evaluating one estimate
becomes a DL203 finding for that estimate: hostile input yields findings, never exceptions.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from designlint import expr as ex
from designlint import quantity as qty
from designlint import unitfmt as fmt
from designlint import units
from designlint.errors import UsageError
from designlint.findings import ModelPath
from designlint.model import Design
from designlint.model.estimates import Estimate

DEFAULT_TOLERANCE = 0.10
MAX_MAGNITUDE = 1e100
MAX_EXPONENT = 64


class EvalError(ValueError):
    """Evaluating one expression failed; the message is the finding."""


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
    blocked: bool = False  # an estimate it uses failed (reported there)
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
        steps = [f"`{row.expr}`"]
        if row.substituted and row.substituted.strip() != (row.expr or "").strip():
            steps.append(row.substituted)
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


def _gap(row: Row) -> str:
    declared = row.declared_pint.to(row.computed.units).magnitude
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
    for name in _order(names, deps, in_cycle):
        row = out.rows[name]
        if name in programs and name not in in_cycle and row.error is None:
            row.stale = any(out.rows[d].overridden or out.rows[d].stale for d in deps[name])
            _compute(row, programs[name], out)
        _settle(row)
    return out


def _registry() -> Any:
    from designlint.units import registry

    return registry()


def _row(name: str, raw: Any, out: Estimates) -> Row:
    if isinstance(raw, Estimate):
        row = Row(name, expr=raw.expr, declared=raw.value, spec=raw)
        if raw.tolerance is not None:
            # `10%` and `0.1` are the same tolerance; a plain number above 1 means percent.
            t = raw.tolerance
            percent = t.dimension == "percent" or t.magnitude > 1
            row.tolerance = t.magnitude / 100 if percent else t.magnitude
    else:
        row = Row(name)
        try:
            row.declared = qty.parse(raw)
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
    """Find every cycle (iterative Tarjan), report each once, return the names on cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    sccs: list[list[str]] = []
    counter = 0
    for root in names:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = deps.get(node, [])
            if i < len(children):
                work.append((node, i + 1))
                child = children[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                scc = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    scc.append(top)
                    if top == node:
                        break
                sccs.append(scc)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    cyclic: set[str] = set()
    order = {n: i for i, n in enumerate(names)}
    for scc in sccs:
        if len(scc) == 1 and scc[0] not in deps.get(scc[0], []):
            continue
        members = set(scc)
        start = min(scc, key=order.__getitem__)
        path = _shortest_cycle(start, members, deps)
        chain = " -> ".join(f"`{n}`" for n in path)
        row = out.rows[start]
        row.error = f"estimates depend on each other in a cycle: {chain}"
        out.problems.append(
            Problem("DL203", row.expr_path(), row.error, fix="give one of them a plain value")
        )
        for n in members:
            cyclic.add(n)
            out.rows[n].error = out.rows[n].error or f"on the cycle {chain}"
    return cyclic


def _shortest_cycle(start: str, members: set[str], deps: dict[str, list[str]]) -> list[str]:
    """Breadth-first from `start` back to itself inside its strongly connected component."""
    parent: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for d in deps.get(node, []):
            if d not in members:
                continue
            if d == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if d not in parent:
                parent[d] = node
                queue.append(d)
    return [start, start]  # pragma: no cover - a strongly connected component always closes


def _order(names: list[str], deps: dict[str, list[str]], skip: set[str]) -> list[str]:
    """Dependencies first, document order otherwise; names on cycles keep their place."""
    done: set[str] = set()
    result: list[str] = []
    for root in names:
        work = [(root, False)]
        while work:
            node, expanded = work.pop()
            if node in done:
                continue
            if expanded or node in skip:
                done.add(node)
                result.append(node)
                continue
            work.append((node, True))
            for d in reversed(deps.get(node, [])):
                if d not in done:
                    work.append((d, False))
    return result


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
        value, substituted = _run(program, out)
    except EvalError as exc:
        _fail(row, out, f"cannot evaluate `{row.name}`: {exc}")
        return
    except _Missing:
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
        shown = fmt.show(value)
        out.problems.append(
            Problem(
                "DL202",
                row.value_path(),
                f"`{row.name}` is declared as {row.declared.text} "
                f"({fmt.describe(fmt.dims(row.declared_pint))}) but `{row.expr}` = {shown} "
                f"is {fmt.describe(fmt.dims(value))}",
                fix=f"declare {fmt.describe(fmt.dims(value))} (e.g. `{shown}`) "
                "or fix the expression",
            )
        )
        return
    declared = row.declared_pint.to(value.units).magnitude
    computed = value.magnitude
    if computed == 0:
        row.deviation = 0.0 if declared == 0 else math.inf
    else:
        row.deviation = abs(declared - computed) / abs(computed)


class _Missing(Exception):
    """A name whose estimate has no value because it failed elsewhere."""


def _run(program: ex.Program, out: Estimates) -> tuple[Any, str]:
    stack: list[Any] = []
    pieces: list[tuple[int, int, str]] = []
    for op in program.ops:
        if op.kind in ("num", "unit", "percent"):
            _bounded_number(op)
            if op.kind == "num":
                stack.append(units.quantity(op.value, "dimensionless"))
            elif op.kind == "percent":
                stack.append(units.quantity(op.value / 100.0, "dimensionless"))
            else:
                stack.append(units.quantity(op.value, _unit(op, out)))
        elif op.kind == "name":
            stack.append(_name(op, out, pieces))
        elif op.kind == "neg":
            stack.append(-stack.pop())
        else:
            right = stack.pop()
            left = stack.pop()
            stack.append(_binary(op.kind, left, right))
        _bounded(stack[-1])
    text = program.source
    for start, end, shown in sorted(pieces, reverse=True):
        text = text[:start] + shown + text[end:]
    return stack[0], " ".join(text.split())


def _bounded_number(op: ex.Op) -> None:
    if not math.isfinite(op.value) or abs(op.value) > MAX_MAGNITUDE:
        raise EvalError(f"`{op.text}` is too large (at most 1e100)")


def _bounded(value: Any) -> None:
    m = value.magnitude
    if not math.isfinite(m) or abs(m) > MAX_MAGNITUDE:
        raise EvalError("an intermediate result is too large (more than 1e100)")


@lru_cache(maxsize=1)
def _unit_names() -> dict[str, str]:
    """Every unit spelling designlint.quantity accepts -> its pint name."""
    return {k: v[0] for k, v in qty.UNITS.items()}


def _unit(op: ex.Op, out: Estimates) -> str:
    """The unit after a number (`200 B`, `1 day`): units win here, even over an estimate's name."""
    name = op.name
    if op.glued and name == "B":
        glued = op.text.replace(" ", "")
        raise EvalError(f"`{glued}` is ambiguous: a billion or bytes? write `bn` or `{op.text}`")
    if name.lower() in qty.RATE_WORDS:
        return "1 / second"
    names = _unit_names()
    if name in names:
        return names[name]
    if name in out.rows:
        raise EvalError(
            f"`{op.text}`: `{name}` is an estimate, not a unit; write `{op.value:g} * {name}`"
        )
    raise EvalError(_unknown(name, out, "unit"))


def _unknown(name: str, out: Estimates, what: str) -> str:
    if name == "m":
        return "`m` is ambiguous: write `min` for minutes or `M` for a million"
    hint = difflib.get_close_matches(name, list(out.rows), n=1, cutoff=0.6)
    hint = hint or difflib.get_close_matches(name, list(_unit_names()), n=1, cutoff=0.6)
    text = f"unknown {what} `{name}`"
    return text + (f"; did you mean `{hint[0]}`?" if hint else "")


def _name(op: ex.Op, out: Estimates, pieces: list[tuple[int, int, str]]) -> Any:
    row = out.rows.get(op.name)
    if row is not None:
        if row.value is None:
            if row.error or row.computed is not None:
                raise _Missing
            raise EvalError(f"`{op.name}` has neither a value nor an expression")
        pieces.append((op.start, op.end, row.shown))
        return row.value
    names = _unit_names()
    if op.name in names:
        return units.quantity(1.0, names[op.name])
    if op.name.lower() in qty.RATE_WORDS:
        return units.quantity(1.0, "1 / second")
    raise EvalError(_unknown(op.name, out, "name"))


def _binary(kind: str, left: Any, right: Any) -> Any:
    if kind in "+-":
        if fmt.dims(left) != fmt.dims(right):
            raise EvalError(
                f"cannot {'add' if kind == '+' else 'subtract'} "
                f"{fmt.describe(fmt.dims(right))} {'to' if kind == '+' else 'from'} "
                f"{fmt.describe(fmt.dims(left))} ({fmt.show(left)} {kind} {fmt.show(right)})"
            )
        return left + right if kind == "+" else left - right
    if kind == "*":
        return left * right
    if kind == "/":
        if right.magnitude == 0:
            raise EvalError(f"division by zero ({fmt.show(left)} / {fmt.show(right)})")
        return left / right
    return _power(left, right)


def _power(base: Any, exponent: Any) -> Any:
    if fmt.dims(exponent):
        raise EvalError(
            f"an exponent must be a plain number, not {fmt.describe(fmt.dims(exponent))}"
        )
    e = exponent.to("dimensionless").magnitude
    if abs(e) > MAX_EXPONENT:
        raise EvalError(f"the exponent {fmt.num(e)} is larger than {MAX_EXPONENT}")
    if fmt.dims(base) and e != int(e):
        raise EvalError("a quantity with a unit can only be raised to a whole power")
    b = base.magnitude
    if b == 0 and e < 0:
        raise EvalError("division by zero (0 raised to a negative power)")
    if b < 0 and e != int(e):
        raise EvalError("a negative number raised to a fractional power")
    if b != 0 and abs(e * math.log10(abs(b))) > 100:
        raise EvalError(f"{fmt.num(b)}^{fmt.num(e)} is too large (more than 1e100)")
    return base ** (int(e) if e == int(e) else e)
