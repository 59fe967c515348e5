"""Back-of-the-envelope estimates: named quantities, optionally computed from each other."""

from typing import Literal

from pydantic import Field

from designlint.model.base import Id, Model, Quantity, StatedQuantity


class Estimate(Model):
    """A named quantity: a declared value, an expression over other estimates, or both."""

    value: StatedQuantity | None = Field(
        None,
        description="The declared value with its unit (`1.2k/s`, `20 GB/day`, "
        "`10 million/day`); words when "
        "the source gives no number (arithmetic that uses it is skipped).",
    )
    expr: str | None = Field(
        None,
        max_length=2000,
        description="An expression over other estimates and constants with units, "
        "e.g. `tweets_per_day / 1 day`, `200 B * tweets_per_day`.",
    )
    measures: (
        Literal[
            "users", "write-rate", "read-rate", "storage", "storage-growth", "bandwidth", "other"
        ]
        | None
    ) = Field(None, description="What it sizes; used to find the missing scale estimates.")
    peak_of: Id | None = Field(
        None, description="This estimate is the peak of that (average) estimate."
    )
    flow: Id | None = Field(None, description="The functional requirement or flow it sizes.")
    tolerance: Quantity | None = Field(
        None, description="Allowed gap between declared and computed (`10%`)."
    )
    description: str | None = Field(None, description="Free text.")
