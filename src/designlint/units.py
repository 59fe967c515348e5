"""The pint unit registry for estimates: small, built once, and only when a design has estimates.

Measured on the project machine (Python 3, pint 0.25.3, best of several noisy runs; the numbers
vary by 2x between runs):

    import pint (after designlint's own imports)      ~75 ms
    pint.UnitRegistry() (the default definitions)     ~190 ms  (up to 280 ms)
    pint.UnitRegistry(filename=units.txt) (this one)  ~8 ms
    first conversion                                  <1 ms

Choice: a custom definitions file shipped in the package (`units.txt`, 27 units of time and
data plus percent). pint's on-disk cache (`cache_folder=":auto:"`) was not used: it still
imports and parses the cache, writes into the user's cache directory, and saves little over a
27-line file. The import of pint itself is the remaining cost; `designlint.context` defers it
until a rule first asks for `ctx.estimates`, and `evaluate` does not import pint at all for a
design without estimates, so `check` on such a design pays nothing.

Every unit spelling a user may write goes through `designlint.quantity.UNITS` first (`GB`,
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
