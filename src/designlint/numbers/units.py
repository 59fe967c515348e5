"""The pint unit registry for estimates: small, built once, and only when a design has estimates.

Measured on the project machine (pint 0.25.3, lark 1.3.1, CPython 3.11, fresh interpreter per
run after designlint's own imports, `python bench/estimates.py --repeat 9`, minimum / median in
ms; the machine was shared and loaded, so medians run high):

    import pint                                        67 / 110   (73 on a quiet run)
    pint.UnitRegistry(), pint's default definitions   167 / 246   (190 on a quiet run)
    registry() here: units.txt, 25 units              6 / 7
    import lark + build the LALR expression parser     32 / 45
    evaluate examples/twitter.yaml (15 estimates)      3.6 / 5
    `python -X importtime`: pint's own import is mostly its definition parser and typing
    machinery (pint.delegates ~140 ms of ~210 ms cold); nothing to trim from outside.

Choice: a custom definitions file shipped in the package (`units.txt`, 25 units of time and
data plus percent), about 30x cheaper than the default registry. pint's on-disk cache
(`cache_folder=":auto:"`) was not used: it still parses a cache, writes into the user's cache
directory, and saves little over a 25-unit file. lark's own parser cache (`cache=True`) was not
used either: it unpickles a file from the shared temporary directory, which another user can
plant. What remains, importing pint and lark, is paid only when a design has estimates:
`designlint.context` evaluates estimates on first use, the capacity rules return early on a
design without estimates, and `tests/test_estimates.py` asserts that linting such a design
imports neither pint nor lark.

Every unit spelling a user may write goes through `designlint.numbers.quantity.UNITS` first (`GB`,
`msec`, `d`), which maps it to one of the pint names defined here: declared values and
expressions therefore share a single vocabulary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

DEFINITIONS = Path(__file__).with_name("units.txt")


@lru_cache(maxsize=1)
def registry() -> Any:
    """The process-wide registry (pint quantities must share one)."""
    import pint

    return pint.UnitRegistry(
        filename=str(DEFINITIONS),
        cache_folder=None,
        autoconvert_offset_to_baseunit=False,
        on_redefinition="raise",
    )


@lru_cache(maxsize=256)
def unit(name: str) -> Any:
    """A parsed unit, cached: pint re-parses a unit string on every `Quantity(value, "day")`,
    which dominated the evaluation of long estimate lists."""
    return registry().parse_units(name)


def quantity(value: float, name: str) -> Any:
    """`value` in the unit `name` (a pint expression such as `byte`, `1 / second`)."""
    return registry().Quantity(value, unit(name))


def magnitude_in(q: Any, target: Any) -> Any:
    """`q.to(target).magnitude`, `target` a unit name or a pint unit, with the factor cached per
    pair of units: pint's `to` walks its containers, dimensionality, context and offset checks
    on every call, which dominated formatting the working of findings and DL208's second pass.
    The arithmetic is pint's: the magnitude unchanged between equal units, else times the
    conversion factor. A conversion between dimensions raises pint's DimensionalityError."""
    dst = unit(target) if isinstance(target, str) else target
    src = q.units
    if src == dst:
        return q.magnitude
    return q.magnitude * _factor(src, dst)


@lru_cache(maxsize=1024)
def _factor(src: Any, dst: Any) -> Any:
    # From an int 1, the factor keeps pint's type (`minute` -> `second` is the int 60), so an
    # int magnitude converts to what pint gives.
    return registry().Quantity(1, src).to(dst).magnitude
