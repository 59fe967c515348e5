"""Pint quantities shown as on a whiteboard: `1,157/s`, `3.2 TB`, `20 GB/day`.

Findings must show the working, so numbers are printed for people: thousands separators below a
million, `M`/`bn` above, three significant digits, byte prefixes chosen by size, and a rate kept
per the time unit the designer wrote (`/day` stays `/day`).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from designlint.numbers.quantity import Quantity as Declared
from designlint.numbers.units import magnitude_in

SYMBOLS = {
    "nanosecond": "ns",
    "microsecond": "us",
    "millisecond": "ms",
    "second": "s",
    "minute": "min",
    "hour": "h",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "byte": "B",
    "bit": "bit",
    "kilobyte": "KB",
    "megabyte": "MB",
    "gigabyte": "GB",
    "terabyte": "TB",
    "petabyte": "PB",
    "kibibyte": "KiB",
    "mebibyte": "MiB",
    "gibibyte": "GiB",
    "tebibyte": "TiB",
    "kilobit": "kbit",
    "megabit": "Mbit",
    "gigabit": "Gbit",
    "terabit": "Tbit",
    "petabit": "Pbit",
    "percent": "%",
}
BYTE_STEPS = (
    (1e15, "petabyte"),
    (1e12, "terabyte"),
    (1e9, "gigabyte"),
    (1e6, "megabyte"),
    (1e3, "kilobyte"),
)
TIME = "[time]"
DATA = "[information]"


def num(x: float) -> str:
    """A number for reading: `3.47M`, `115,741`, `0.2`, `1.2bn`."""
    if not math.isfinite(x):
        return str(x)
    a = abs(x)
    if a >= 1e12:
        return f"{_sig(x / 1e12)}tn" if a < 1e15 else f"{x:.3g}"
    if a >= 1e9:
        return f"{_sig(x / 1e9)}bn"
    if a >= 1e6:
        return f"{_sig(x / 1e6)}M"
    if a >= 100:
        return f"{round(x):,}"
    return _sig(x)


def _sig(x: float) -> str:
    return f"{x:.3g}"


def exact(x: float) -> str:
    """A number for arithmetic: `100,000,000`, `86,400`, `0.2`."""
    if math.isfinite(x) and x == int(x) and abs(x) < 1e18:
        return f"{int(x):,}"
    return f"{x:,.6g}"


def symbol(unit: str) -> str:
    return SYMBOLS.get(unit, unit)


def dims(q: Any) -> dict[str, float]:
    return dict(q.dimensionality)


def describe(dimensionality: dict[str, float]) -> str:
    """`{[information]: 1, [time]: -1}` -> "data per time"."""
    d = {k: v for k, v in dimensionality.items() if v}
    table = {
        (): "a plain number",
        ((TIME, 1),): "a duration",
        ((TIME, -1),): "a rate (per time)",
        ((DATA, 1),): "an amount of data",
        ((DATA, 1), (TIME, -1)): "data per time",
    }
    key = tuple(sorted(d.items()))
    if key in table:
        return table[key]
    parts = [f"{k.strip('[]')}^{v:g}" for k, v in sorted(d.items())]
    return " × ".join(parts)


def per_unit(q: Any) -> str | None:
    """The time unit a rate is per (`day` for 1e8/day), when it has exactly one."""
    ureg = q._REGISTRY
    per = [
        (u, e)
        for u, e in q.unit_items()
        if e < 0
        and ureg.get_dimensionality(u).get(TIME) == 1
        and len(ureg.get_dimensionality(u)) == 1
    ]
    if len(per) == 1 and per[0][1] == -1:
        return per[0][0]
    return None


def show(q: Any, like: Declared | None = None) -> str:
    """Format a pint quantity; `like` (a declared quantity) picks the units to show it in."""
    if q is None:
        return "-"
    ureg = q._REGISTRY
    d = {k: v for k, v in dims(q).items() if v}
    try:
        if like is not None and _same_dims(q, like):
            target = _declared_units(ureg, like.unit, like.per)
            return _compose(magnitude_in(q, target), like.unit, like.per)
        if not d:
            return num(magnitude_in(q, "dimensionless"))
        if d == {TIME: 1}:
            seconds = magnitude_in(q, "second")
            if seconds == 0:  # no unit is "the" unit of nothing; `0 ms` read as a choice
                return "0 s"
            for limit, unit in ((1, "millisecond"), (7200, "second"), (172800, "hour")):
                if abs(seconds) < limit:
                    return _compose(magnitude_in(q, unit), unit, None)
            if abs(seconds) < 2 * 31557600:
                return _compose(magnitude_in(q, "day"), "day", None)
            return _compose(magnitude_in(q, "year"), "year", None)
        if d in ({DATA: 1}, {DATA: 1, TIME: -1}, {TIME: -1}):
            per = (per_unit(q) or "second") if TIME in d else None
            base = "byte" if DATA in d else "1"
            m = magnitude_in(q, f"{base} / {per}" if per else base)
            if DATA not in d:
                return _compose(m, None, per)
            unit = "byte"
            for factor, name in BYTE_STEPS:
                if abs(m) >= factor:
                    m, unit = m / factor, name
                    break
            return _compose(m, unit, per)
    except Exception:  # noqa: BLE001 - formatting must never be why a finding is lost
        pass
    return f"{num(q.magnitude)} {q.units:~}"


def _same_dims(q: Any, like: Declared) -> bool:
    return dims(q) == _declared_dims(q._REGISTRY, like.dimension == "percent", like.unit, like.per)


@lru_cache(maxsize=256)
def _declared_dims(ureg: Any, percent: bool, unit: str | None, per: str | None) -> dict:
    """What `dims(to_pint(like))` gives, which depends on the units alone; cached, as `show`
    asks it for every number of every finding's working. Read-only to callers."""
    if percent:
        return dims(ureg.Quantity(1.0, "dimensionless"))
    name = unit or "dimensionless"
    return dims(ureg.Quantity(1.0, f"{name} / {per}" if per else name))


@lru_cache(maxsize=256)
def _declared_units(ureg: Any, unit: str | None, per: str | None) -> Any:
    """The pint units a declared quantity is written in (`byte / day`), built once."""
    target = ureg.Quantity(1.0, unit or "dimensionless")
    if per:
        target = target / ureg.Quantity(1.0, per)
    return target.units


def _compose(value: float, unit: str | None, per: str | None) -> str:
    text = num(value)
    if unit:
        sym = symbol(unit)
        text += sym if sym == "%" else f" {sym}"
    if per:
        text += f"/{symbol(per)}"
    return text


def to_pint(q: Declared, ureg: Any) -> Any:
    """A designlint quantity as a pint quantity; a percentage becomes a plain fraction."""
    from designlint.numbers.units import quantity

    if q.dimension == "percent":
        return quantity(q.magnitude / 100.0, "dimensionless")
    name = q.unit or "dimensionless"
    return quantity(q.magnitude, f"{name} / {q.per}" if q.per else name)


def gap(stated: float, reference: float) -> str:
    """How far `stated` is from `reference`: `3.7% off`, `10.4x too high`, `4x too low`."""
    if not reference:
        return "the reference is 0" if stated else "0% off"
    ratio = stated / reference
    if not math.isfinite(ratio):
        return "far too high" if ratio > 0 else "far too low"
    if ratio >= 2:
        return f"{num(ratio)}x too high"
    if 0 < ratio <= 0.5:
        return f"{num(1 / ratio)}x too low"
    return off(abs(ratio - 1))


def off(deviation: float | None) -> str:
    """A relative deviation for a table: `3.7% off`, `120x off`; never `inf%` nor 300 digits."""
    if deviation is None or not math.isfinite(deviation):
        return "off a computed 0"
    if deviation >= 10:
        return f"{num(deviation)}x off"
    return f"{deviation * 100:,.1f}% off".replace(".0%", "%")
