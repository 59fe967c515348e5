"""Config files: discovery upward from a design, reading, validation with file:line:col errors.

Discovery starts in the checked file's directory and walks up. In each directory it takes
`.designlint.yaml` (or `.designlint.yml`), else a `pyproject.toml` that has a `[tool.designlint]`
table (a `pyproject.toml` without one is passed over). The walk stops after the directory that
holds `.git` (the repository root) or at the filesystem root, so a config above the repository
never leaks in. YAML configs are read with designlint's own loader, so errors carry positions.

`extends:` names other configs (a path relative to the extending file, or a preset shipped in
`designlint/config/presets/`); they are read first and the extending file layered on top, each
validated with its own file:line:col. A `pyproject.toml` named explicitly (`--config`,
`extends:`) must have a `[tool.designlint]` table: one without it is an error, not a no-op.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from designlint.config import layers
from designlint.config.settings import Settings
from designlint.errors import ConfigError
from designlint.findings import Span

YAML_NAMES = (".designlint.yaml", ".designlint.yml")
Locate = Callable[..., Span]


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


def load(path: str, plugins: bool = True) -> Settings:
    """Read and validate one config and what it extends; ConfigError (exit 2) with
    file:line:col if bad. `plugins=False` (`--no-plugins`) keeps plug-ins unloaded."""
    return layers.build(layers.chain(path, read, display), plugins)


def read(path: str) -> tuple[dict, Locate]:
    """One config file as plain data and a function from key paths to spans, read through the
    one reader of designlint's files (regular files only, a size cap, located decode errors,
    bounded nesting and numbers; NaN and infinity refused)."""
    from designlint.reading.files import unfit_value

    if os.path.basename(path) == "pyproject.toml" or path.endswith(".toml"):
        data, locate = _read_toml(path)
    else:
        data, locate = _read_yaml(path)
    unfit = unfit_value(data)
    if unfit is not None:
        span = locate(unfit[0])
        raise ConfigError(f"{display(path)}:{span.line}:{span.column}: {unfit[1]}")
    return data, locate


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
    tool = data.get("tool")
    table = tool.get("designlint") if isinstance(tool, dict) else None
    if isinstance(table, list):  # `[[tool.designlint]]`: an array of tables
        line = next((n for n, t in enumerate(lines, 1) if _ARRAY_HEADER.match(t)), 1)
        raise ConfigError(
            f"{display(path)}:{line}:1: `tool.designlint` is an array of tables "
            "(`[[tool.designlint]]`); write one table, `[tool.designlint]`"
        )
    if not isinstance(table, dict):
        raise ConfigError(
            f"{display(path)}:1:1: no [tool.designlint] table; add one, or name a "
            ".designlint.yaml instead"
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
