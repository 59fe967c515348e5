"""Settings for one run: which rules, which severities fail, per-rule options, limits.

Flags build these directly; config files (`.designlint.yaml`, `[tool.designlint]` in
`pyproject.toml`, read by `designlint.config.files`) feed the same fields; this module imports
neither of them, so settings are built in one direction. Selection accepts codes,
code prefixes (`DL3`) and rule names everywhere.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field, replace
from typing import Any

from designlint.errors import UsageError
from designlint.findings import Severity
from designlint.reading.source import Limits


@dataclass(frozen=True)
class Settings:
    """Resolved settings; immutable so that one run's files cannot leak into each other."""

    select: tuple[str, ...] = ("ALL",)  # designlint's, plug-in and custom rules
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
    plugins: bool = True  # run plug-in rules (`--no-plugins`, `plugins: false`)
    custom_rules: tuple[Any, ...] = ()  # designlint.custom.definition.CustomRule, from config

    @property
    def custom_codes(self) -> frozenset[str]:
        return frozenset(d.code for d in self.custom_rules)

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


_PREFIX = re.compile(r"([A-Za-z]+)([0-9]*)")


def matches(selector: str, code: str, name: str) -> bool:
    """A selector matches by code prefix, by name (or a former name), or `ALL`.

    A prefix has all the letters of the code and the start of its digits: `DL`, `DL3` and
    `DL301` select DL301, and `ACME` selects ACME001, but `D` selects nothing."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    prefix = _PREFIX.fullmatch(sel)
    if prefix:
        letters = _PREFIX.match(code)
        if (
            letters
            and letters.group(1) == prefix.group(1).upper()
            and letters.group(2).startswith(prefix.group(2))
        ):
            return True
    from designlint.registry import canonical_name

    return canonical_name(sel) == name


def unknown_selector(sel: str, rules: dict, plugins: bool = True) -> bool:
    """No rule answers to `sel`. With plug-ins off, a selector outside designlint's `DL`
    codes may name a rule of a plug-in that is not loaded, so it is let through."""
    if any(matches(sel, r.code, r.name) for r in rules.values()):
        return False
    return plugins or sel.strip().upper().startswith("DL")


def check_selectors(selectors: tuple[str, ...], rules: dict, plugins: bool = True) -> None:
    """Unknown selectors are usage errors: a typo must not silently select nothing."""
    for sel in selectors:
        if unknown_selector(sel, rules, plugins):
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
    if flags.get("no_plugins"):
        changes["plugins"] = False
    return base.with_(**changes) if changes else base
