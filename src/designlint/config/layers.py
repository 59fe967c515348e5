"""A config and the configs it `extends:`, validated one by one and layered into settings.

Each file is a layer, read first the files it extends (in the order given, depth first), then
itself. Every layer is validated against its own text, so an error in an extended file names
that file's line and column. Layering, later over earlier: `select`, `fail-on` and `plugins`
are replaced; `extend-select` and `ignore` add up; `per-file-ignores` and `rules` merge by key
(a custom rule defined again replaces the earlier definition; options of one rule merge).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from designlint.config.layer import KEYS, FileConfig, Layer
from designlint.config.rules_table import custom_rules, known_rules, rule_settings
from designlint.config.settings import Settings, split_codes, unknown_selector
from designlint.findings import Severity

PRESETS = os.path.join(os.path.dirname(__file__), "presets")
MAX_DEPTH = 16


def presets() -> list[str]:
    """The names `extends:` accepts besides paths."""
    return sorted(n[: -len(".yaml")] for n in os.listdir(PRESETS) if n.endswith(".yaml"))


def chain(path: str, read: Callable, display: Callable[[str], str]) -> list[Layer]:
    """The layers of `path`: what it extends first, itself last; cycles and missing files are
    errors at the `extends` entry that names them."""
    return _chain(path, read, display, ())


def _chain(path: str, read: Callable, display: Callable, stack: tuple[str, ...]) -> list[Layer]:
    data, locate = read(path)
    layer = Layer(path, display(path), data, locate)
    here = (*stack, os.path.realpath(path))
    raw = data.get("extends")
    if raw is None:
        return [layer]
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise layer.fail(("extends",), "`extends` is a path or preset name, or a list of them")
    out: list[Layer] = []
    for i, item in enumerate(items):
        loc = ("extends",) if isinstance(raw, str) else ("extends", i)
        target = _target(item.strip(), path)
        if target is None:
            known = ", ".join(presets())
            raise layer.fail(loc, f"`extends`: no file or preset `{item}` (presets: {known})")
        real = os.path.realpath(target)
        if real in here:
            names = [display(p) for p in here[here.index(real) :]] + [display(target)]
            raise layer.fail(loc, f"`extends` makes a cycle: {' -> '.join(names)}")
        if len(here) >= MAX_DEPTH:
            raise layer.fail(loc, f"`extends` nests deeper than {MAX_DEPTH} files")
        out += _chain(target, read, display, here)
    return [*out, layer]


def _target(item: str, extending: str) -> str | None:
    """A preset by bare name (`strict`), else a path relative to the extending file."""
    if os.sep not in item and "/" not in item and "." not in item:
        preset = os.path.join(PRESETS, f"{item}.yaml")
        return preset if os.path.isfile(preset) else None
    candidate = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(extending)), item))
    return candidate if os.path.isfile(candidate) else None


def build(layers: list[Layer], plugins: bool = True) -> Settings:
    """Validate every layer, then layer them into one Settings."""
    for layer in layers:
        layer.cfg = _shape(layer)
    plugins_on = plugins and _last(layers, "plugins") is not False
    if plugins_on:
        from designlint import plugins as plugin_loader

        plugin_loader.load()
    defs = custom_rules(layers)
    rules = known_rules(plugins_on, {d.code for d in defs})
    select: tuple[str, ...] = ()
    extend: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file: dict[str, tuple[str, ...]] = {}
    options: dict[str, dict[str, Any]] = {}
    severities: dict[str, Severity] = {}
    for layer in layers:
        cfg = layer.cfg
        assert cfg is not None
        picked = {
            "select": split_codes(cfg.select),
            "extend-select": split_codes(cfg.extend_select),
            "ignore": split_codes(cfg.ignore),
        }
        for key, sels in picked.items():
            for sel in sels:
                if unknown_selector(sel, rules, plugins_on):
                    raise layer.fail((key,), f"unknown rule or prefix `{sel}` in `{key}`")
        select = picked["select"] or select
        extend += picked["extend-select"]
        ignore += picked["ignore"]
        for pattern, codes in cfg.per_file_ignores.items():
            per_file[pattern] = split_codes(codes)
            for sel in per_file[pattern]:
                if unknown_selector(sel, rules, plugins_on):
                    loc = ("per-file-ignores", pattern)
                    raise layer.fail(loc, f"unknown rule or prefix `{sel}`")
        more_options, more_severities = rule_settings(layer, rules)
        for code, table in more_options.items():
            options[code] = {**options.get(code, {}), **table}
        severities.update(more_severities)
    base = Settings()
    fail_on = _last(layers, "fail_on")
    top = layers[-1].path
    return Settings(
        select=select or base.select,
        extend_select=extend,
        ignore=ignore,
        fail_on=Severity.parse(fail_on) if fail_on else base.fail_on,
        rule_options=options,
        per_file_ignores=per_file,
        severities=severities,
        root=os.path.dirname(os.path.abspath(top)),
        config_file=top,
        plugins=plugins_on,
        custom_rules=tuple(defs),
    )


def _last(layers: list[Layer], field: str) -> Any:
    """The value of `field` in the last layer that sets it."""
    for layer in reversed(layers):
        value = getattr(layer.cfg, field)
        if value is not None:
            return value
    return None


def _shape(layer: Layer) -> FileConfig:
    """Known keys with the right types, or an error at the first wrong one."""
    for key in layer.data:
        if key not in KEYS:
            hint = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.6)
            more = f"; did you mean `{hint[0]}`?" if hint else f" (known: {', '.join(KEYS)})"
            raise layer.fail((key,), f"unknown config key `{key}`{more}", key=True)
    try:
        return FileConfig.model_validate(layer.data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        while loc and not isinstance(loc[-1], (str, int)):
            loc = loc[:-1]
        if len(loc) > 1 and loc[-1] in ("str", "list[str]"):
            loc = loc[:-1]
        dotted = ".".join(str(p) for p in loc)
        raise layer.fail(loc, f"`{dotted}`: {error['msg']}") from exc
