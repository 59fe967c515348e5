"""Suppression comments in designs: reading them (`comments`), applying and judging them
(`judge`), and writing them for today's findings (`writer`, for `check --add-suppressions`)."""

from designlint.suppression.comments import Suppression, close_blocks, scalar_ranges, scan
from designlint.suppression.judge import apply, problems, rules_named

__all__ = [
    "Suppression",
    "apply",
    "close_blocks",
    "problems",
    "rules_named",
    "scalar_ranges",
    "scan",
]
