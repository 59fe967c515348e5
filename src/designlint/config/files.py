"""Config files: discovery upward from a design, reading, validation with file:line:col errors.

Discovery starts in the checked file's directory and walks up. In each directory it takes
`.designlint.yaml` (or `.designlint.yml`), else a `pyproject.toml` that has a `[tool.designlint]`
table (a `pyproject.toml` without one is passed over). The walk stops after the directory that
holds `.git` (the repository root) or at the filesystem root, so a config above the repository
never leaks in. YAML configs are read with designlint's own loader, so errors carry positions.
"""

from __future__ import annotations

import difflib
import os
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from designlint.config.settings import Settings, split_codes, unknown_selector
from designlint.errors import ConfigError
from designlint.findings import Severity, Span

YAML_NAMES = (".designlint.yaml", ".designlint.yml")
_CODES = list[str] | str


class FileConfig(BaseModel):
    """The config keys; they mirror the `check` flags."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)

    select: _CODES | None = None
    extend_select: _CODES | None = Field(None, alias="extend-select")
    ignore: _CODES | None = None
    fail_on: Literal["error", "warning", "info"] | None = Field(None, alias="fail-on")
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    per_file_ignores: dict[str, _CODES] = Field(default_factory=dict, alias="per-file-ignores")


KEYS = sorted(f.alias or name for name, f in FileConfig.model_fields.items())


def discover(directory: str) -> str | None:
    """The config that applies to files in `directory`, or None."""
    current = os.path.abspath(directory)
    while True:
        for name in YAML_NAMES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(current, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_table(pyproject):
            return pyproject
        parent = os.path.dirname(current)
        if os.path.exists(os.path.join(current, ".git")) or parent == current:
            return None
        current = parent


def _has_table(path: str) -> bool:
    """Whether a pyproject.toml configures designlint: `[tool.designlint]`, or the
    `[[tool.designlint]]` mistake, which `load` then reports rather than passing over it."""
    from designlint.reading.files import CONFIG_MAX_BYTES

    try:  # `discover` has checked that it is a regular file; a bigger one is refused by `load`
        with open(path, "rb") as handle:
            head = handle.read(CONFIG_MAX_BYTES + 1).decode("utf-8", "replace")
    except OSError:
        return False
    return _TABLE.search(head) is not None


_TABLE = re.compile(r"^\s*\[\[?\s*tool\s*\.\s*designlint\b", re.M)


def display(path: str) -> str:
    """A discovered (absolute) path, shown relative to the working directory when inside it."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel


def load(path: str) -> Settings:
    """Read and validate one config file; exit 2 with file:line:col if bad."""
    from designlint.reading.files import unfit_value

    if os.path.basename(path) == "pyproject.toml" or path.endswith(".toml"):
        data, locate = _read_toml(path)
    else:
        data, locate = _read_yaml(path)
    unfit = unfit_value(data)
    if unfit is not None:
        span = locate(unfit[0])
        raise ConfigError(f"{display(path)}:{span.line}:{span.column}: {unfit[1]}")
    return _settings(path, data, locate)


def _read_yaml(path: str):
    from designlint.reading.files import CONFIG_MAX_BYTES, read_text
    from designlint.reading.source import load_text

    source = load_text(read_text(path, CONFIG_MAX_BYTES, "config", display(path)))
    for _code, violation in source.problems:
        span = violation.span or source.smap.locate(violation.path)
        raise ConfigError(f"{display(path)}:{span.line}:{span.column}: {violation.message}")
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(f"{display(path)}:1:1: a config is a mapping of keys such as `select`")

    def locate(loc: tuple, key: bool = False) -> Span:
        return source.smap.locate(loc, prefer_key=key)

    return data, locate


def _read_toml(path: str):
    from designlint.reading.files import CONFIG_MAX_BYTES, read_toml

    data, text = read_toml(path, CONFIG_MAX_BYTES, "config", display(path))
    lines = text.splitlines()
    table = data.get("tool", {}).get("designlint", {}) if isinstance(data.get("tool"), dict) else {}
    if not isinstance(table, dict):  # `[[tool.designlint]]`: an array of tables
        line = next((n for n, t in enumerate(lines, 1) if _ARRAY_HEADER.match(t)), 1)
        raise ConfigError(
            f"{display(path)}:{line}:1: `tool.designlint` is an array of tables "
            "(`[[tool.designlint]]`); write one table, `[tool.designlint]`"
        )

    def locate(loc: tuple, key: bool = False) -> Span:
        return _toml_span(lines, tuple(str(p) for p in loc))

    return table, locate


_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*tool\s*\.\s*designlint\s*\]\]")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[\w.-]+)\s*=""")


def _toml_span(lines: list[str], loc: tuple[str, ...]) -> Span:
    """The line of the longest matching key under [tool.designlint] (TOML keeps no positions)."""
    best, best_len = Span(1, 1), -1
    table: tuple[str, ...] | None = None
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            parts = tuple(p.strip().strip("\"'") for p in header.group(1).split("."))
            table = parts[2:] if parts[:2] == ("tool", "designlint") else None
            if table is not None and best_len < len(table) and loc[: len(table)] == table:
                best, best_len = Span(number, 1), len(table)
            continue
        key = _KEY.match(line) if table is not None else None
        if key:
            full = table + tuple(p.strip("\"'") for p in key.group(1).split("."))
            n = len(full)
            if n > best_len and loc[:n] == full:
                best, best_len = Span(number, len(line) - len(line.lstrip()) + 1), n
    return best


def _settings(path: str, data: dict, locate) -> Settings:
    def fail(loc: tuple, message: str, key: bool = False) -> ConfigError:
        span = locate(loc, key)
        return ConfigError(f"{display(path)}:{span.line}:{span.column}: {message}")

    for key in data:
        if key not in KEYS:
            hint = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.6)
            more = f"; did you mean `{hint[0]}`?" if hint else f" (known: {', '.join(KEYS)})"
            raise fail((key,), f"unknown config key `{key}`{more}", key=True)
    try:
        cfg = FileConfig.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        while loc and not isinstance(loc[-1], (str, int)):
            loc = loc[:-1]
        if len(loc) > 1 and loc[-1] in ("str", "list[str]"):
            loc = loc[:-1]
        dotted = ".".join(str(p) for p in loc)
        raise fail(loc, f"`{dotted}`: {error['msg']}") from exc

    from designlint.registry import all_rules, lookup

    rules = all_rules()
    select = split_codes(cfg.select)
    extend = split_codes(cfg.extend_select)
    ignore = split_codes(cfg.ignore)
    for key, sels in (("select", select), ("extend-select", extend), ("ignore", ignore)):
        for sel in sels:
            if unknown_selector(sel, rules):
                raise fail((key,), f"unknown rule or prefix `{sel}` in `{key}`")
    per_file: dict[str, tuple[str, ...]] = {}
    for pattern, codes in cfg.per_file_ignores.items():
        per_file[pattern] = split_codes(codes)
        for sel in per_file[pattern]:
            if unknown_selector(sel, rules):
                raise fail(("per-file-ignores", pattern), f"unknown rule or prefix `{sel}`")
    options: dict[str, dict[str, Any]] = {}
    severities: dict[str, Severity] = {}
    for key, table in cfg.rules.items():
        r = lookup(key)
        if r is None:
            names = [c for r in rules.values() for c in (r.code, r.name)]
            hint = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
            more = f"; did you mean `{hint[0]}`?" if hint else ""
            raise fail(("rules", key), f"unknown rule `{key}` in `rules`{more}", key=True)
        table = dict(table)
        if "severity" in table:
            level = str(table.pop("severity")).lower()
            if level not in ("error", "warning", "info"):
                raise fail(("rules", key, "severity"), "severity is error, warning or info")
            if not r.suppressible:
                raise fail(("rules", key, "severity"), f"the severity of {r.code} is fixed")
            severities[r.code] = Severity.parse(level)
        if table and r.options is None:
            raise fail(("rules", key), f"{r.code} ({r.name}) has no options", key=True)
        if r.options is not None:
            known = sorted(f.alias or n for n, f in r.options.model_fields.items())
            for option in table:
                if option not in known and option not in r.options.model_fields:
                    hint = difflib.get_close_matches(str(option), known, n=1, cutoff=0.6)
                    more = (
                        f"; did you mean `{hint[0]}`?" if hint else f" (known: {', '.join(known)})"
                    )
                    raise fail(
                        ("rules", key, option), f"{r.code} has no option `{option}`{more}", key=True
                    )
            try:
                r.options(**table)
            except ValidationError as exc:
                error = exc.errors(include_url=False)[0]
                loc = ("rules", key, *error["loc"])
                name = ".".join(str(p) for p in error["loc"])
                raise fail(loc, f"{r.code} option `{name}`: {error['msg']}") from exc
            options[r.code] = table
    base = Settings()
    return Settings(
        select=select or base.select,
        extend_select=extend,
        ignore=ignore,
        fail_on=Severity.parse(cfg.fail_on) if cfg.fail_on else base.fail_on,
        rule_options=options,
        per_file_ignores=per_file,
        severities=severities,
        root=os.path.dirname(os.path.abspath(path)),
        config_file=path,
    )
