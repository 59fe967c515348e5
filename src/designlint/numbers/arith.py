"""Evaluating a parsed estimate expression with units, within bounds.

The postfix program from designlint.numbers.expr runs on a value stack of pint quantities (see
designlint.numbers.units), so nothing recurses however long the expression. Every limit that keeps
hostile input cheap and finite lives here: literals and intermediate results must be 0 or
between 1e-100 and 1e100 in magnitude (beyond, they overflow or underflow), exponents must be
plain numbers of at most 64 (whole when the base has a unit), division by zero is caught
before pint sees it, and adding a size to a duration is refused with both dimensions named.
Failures raise EvalError, whose message is the DL203 finding; nothing here ever runs user text
as code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from designlint.numbers import expr as ex
from designlint.numbers import quantity as qty
from designlint.numbers import unitfmt as fmt
from designlint.numbers import units

MAX_MAGNITUDE = 1e100
MIN_MAGNITUDE = 1e-100  # below it a ratio to another value overflows (or becomes 0 / 0)
MAX_EXPONENT = 64

# name -> (value, how to show it) for an estimate, None when no estimate has that name.
Resolver = Callable[[str], "tuple[Any, str] | None"]


class EvalError(ValueError):
    """Evaluating one expression failed; the message is the finding."""


class Missing(Exception):
    """A name whose estimate has no value because it failed elsewhere (reported there)."""


class Names:
    """The estimates' names, and "did you mean" for unknown names and units within one budget
    per design (`designlint.suggest`): 10,000 expressions naming a missing estimate each must
    not compare every name with every other."""

    def __init__(self, estimates: Iterable[str]) -> None:
        from designlint.suggest import Budget, Suggester

        self.known = set(estimates)
        budget = Budget()
        self.estimates = Suggester(self.known, budget)
        self.units = Suggester(_unit_names(), budget)

    def __contains__(self, name: object) -> bool:
        return name in self.known


def run(
    program: ex.Program, resolve: Resolver, estimates: Names | Iterable[str]
) -> tuple[Any, str]:
    """Evaluate a parsed expression; EvalError or Missing when it cannot be."""
    if not isinstance(estimates, Names):
        estimates = Names(estimates)
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
                stack.append(units.quantity(op.value, _unit(op, estimates)))
        elif op.kind == "name":
            stack.append(_name(op, resolve, estimates, pieces))
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
    if 0 < abs(op.value) < MIN_MAGNITUDE:
        raise EvalError(f"`{op.text}` is too small (at least 1e-100 unless it is 0)")


def _bounded(value: Any) -> None:
    m = value.magnitude
    if not math.isfinite(m) or abs(m) > MAX_MAGNITUDE:
        raise EvalError("an intermediate result is too large (more than 1e100): it overflows")
    if 0 < abs(m) < MIN_MAGNITUDE:
        raise EvalError("an intermediate result is too small (less than 1e-100): it underflows")


@lru_cache(maxsize=1)
def _unit_names() -> dict[str, str]:
    """Every unit spelling designlint.numbers.quantity accepts -> its pint name."""
    return {k: v[0] for k, v in qty.UNITS.items()}


def _unit(op: ex.Op, estimates: Names) -> str:
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
    if name in estimates:
        raise EvalError(
            f"`{op.text}`: `{name}` is an estimate, not a unit; write `{op.value:g} * {name}`"
        )
    raise EvalError(_unknown(name, estimates, "unit"))


def _unknown(name: str, estimates: Names, what: str) -> str:
    if name == "m":
        return "`m` is ambiguous: write `min` for minutes or `M` for a million"
    hint = estimates.estimates(name) or estimates.units(name)
    text = f"unknown {what} `{name}`"
    return text + (f"; did you mean `{hint}`?" if hint else "")


def _name(
    op: ex.Op, resolve: Resolver, estimates: Names, pieces: list[tuple[int, int, str]]
) -> Any:
    """A bare name: an estimate if one has that name, else a unit (`1/day`)."""
    found = resolve(op.name)
    if found is not None:
        value, shown = found
        pieces.append((op.start, op.end, shown))
        return value
    names = _unit_names()
    if op.name in names:
        return units.quantity(1.0, names[op.name])
    if op.name.lower() in qty.RATE_WORDS:
        return units.quantity(1.0, "1 / second")
    raise EvalError(_unknown(op.name, estimates, "name"))


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
    e = units.magnitude_in(exponent, "dimensionless")
    if abs(e) > MAX_EXPONENT:
        raise EvalError(f"the exponent {fmt.num(e)} is larger than {MAX_EXPONENT}")
    if fmt.dims(base) and e != int(e):
        raise EvalError("a quantity with a unit can only be raised to a whole power")
    b = base.magnitude
    if b == 0 and e < 0:
        raise EvalError("division by zero (0 raised to a negative power)")
    if b < 0 and e != int(e):
        raise EvalError("a negative number raised to a fractional power")
    scale = e * math.log10(abs(b)) if b != 0 else 0.0
    if scale > 100:
        raise EvalError(f"{fmt.num(b)}^{fmt.num(e)} is too large (more than 1e100): it overflows")
    if scale < -100:
        raise EvalError(f"{fmt.num(b)}^{fmt.num(e)} is too small (less than 1e-100): it underflows")
    return base ** (int(e) if e == int(e) else e)
