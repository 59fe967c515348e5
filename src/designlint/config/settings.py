"""Settings for one run: which rules, which severities fail, per-rule options, limits.

Flags build these directly; config files (`.designlint.yaml`, `[tool.designlint]` in
`pyproject.toml`, read by `designlint.config.files`) feed the same fields; this module imports
neither of them, so settings are built in one direction. Selection accepts codes,
code prefixes (`DL3`) and rule names everywhere.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from typing import Any

from designlint.errors import UsageError
from designlint.findings import Severity
from designlint.reading.source import Limits


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
    severities: dict[str, Severity] = field(default_factory=dict)  # per-rule overrides
    root: str | None = None  # directory of the config file: per-file-ignores are relative to it
    config_file: str | None = None

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def file_ignores(self, file: str) -> tuple[str, ...]:
        """Selectors that `per-file-ignores` switch off for `file`."""
        if not self.per_file_ignores:
            return ()
        names = {file.replace(os.sep, "/"), os.path.basename(file)}
        if self.root:
            rel = os.path.relpath(os.path.abspath(file), self.root)
            names.add(rel.replace(os.sep, "/"))
        out: tuple[str, ...] = ()
        for pattern, codes in self.per_file_ignores.items():
            if any(fnmatch.fnmatchcase(name, pattern) for name in names):
                out += tuple(codes)
        return out


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
    """A selector matches by code prefix (`DL3`, `DL301`), by name (or a former name), or `ALL`."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    if sel.upper().startswith("DL"):
        return code.startswith(sel.upper())
    from designlint.registry import canonical_name

    return canonical_name(sel) == name


def unknown_selector(sel: str, rules: dict) -> bool:
    return not any(matches(sel, r.code, r.name) for r in rules.values())


def check_selectors(selectors: tuple[str, ...], rules: dict) -> None:
    """Unknown selectors are usage errors: a typo must not silently select nothing."""
    for sel in selectors:
        if unknown_selector(sel, rules):
            raise UsageError(f"unknown rule or prefix `{sel}` (see `designlint rules`)")


def enabled(settings: Settings, code: str, name: str, extra_ignores: tuple[str, ...] = ()) -> bool:
    """Whether a rule runs: selected (or extended) and not ignored."""
    selected = any(matches(s, code, name) for s in settings.select + settings.extend_select)
    ignored = any(matches(s, code, name) for s in settings.ignore + extra_ignores)
    return selected and not ignored


def apply_flags(base: Settings, flags: dict[str, Any]) -> Settings:
    """Layer command-line flags over a config: `--select` and `--fail-on` replace the config's
    values, `--extend-select` and `--ignore` add to them (as ruff does)."""
    changes: dict[str, Any] = {}
    if flags.get("select"):
        changes["select"] = flags["select"]
    if flags.get("extend_select"):
        changes["extend_select"] = base.extend_select + flags["extend_select"]
    if flags.get("ignore"):
        changes["ignore"] = base.ignore + flags["ignore"]
    if flags.get("fail_on"):
        changes["fail_on"] = flags["fail_on"]
    if flags.get("overrides"):
        changes["overrides"] = flags["overrides"]
    return base.with_(**changes) if changes else base
