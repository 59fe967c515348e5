"""Settings for one run: which rules, which severities fail, per-rule options, limits.

Flags build these directly; config files (`.designlint.yaml`, `[tool.designlint]`) feed the same
fields. Selection accepts codes, code prefixes (`DL3`) and rule names everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from designlint.errors import UsageError
from designlint.findings import Severity
from designlint.source import Limits


@dataclass(frozen=True)
class Settings:
    """Resolved settings; immutable so that one run's files cannot leak into each other."""

    select: tuple[str, ...] = ("DL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def split_codes(values: tuple[str, ...] | list[str] | str | None) -> tuple[str, ...]:
    """`"DL3,offset-pagination"` or repeated flags -> a tuple of selectors."""
    if not values:
        return ()
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return tuple(out)


def matches(selector: str, code: str, name: str) -> bool:
    """A selector matches by code prefix (`DL3`, `DL301`), by name, or `ALL`."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    if sel.upper().startswith("DL"):
        return code.startswith(sel.upper())
    return sel.lower() == name


def check_selectors(selectors: tuple[str, ...], rules: dict) -> None:
    """Unknown selectors are usage errors: a typo must not silently select nothing."""
    for sel in selectors:
        if not any(matches(sel, r.code, r.name) for r in rules.values()):
            raise UsageError(f"unknown rule or prefix `{sel}` (see `designlint rules`)")


def enabled(settings: Settings, code: str, name: str, extra_ignores: tuple[str, ...] = ()) -> bool:
    """Whether a rule runs: selected (or extended) and not ignored."""
    selected = any(matches(s, code, name) for s in settings.select + settings.extend_select)
    ignored = any(matches(s, code, name) for s in settings.ignore + extra_ignores)
    return selected and not ignored
