"""The config's `rules:` table: options and severities of known rules, and custom rules.

An entry with a `given` key defines a custom rule (designlint.custom); any other entry names a
known rule (built-in, plug-in or custom) by code or name and sets its severity or options.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from designlint.findings import Severity

if TYPE_CHECKING:
    from designlint.config.layer import Layer
    from designlint.custom.definition import CustomRule
    from designlint.registry import Rule


def custom_rules(layers: list[Layer]) -> list[CustomRule]:
    """The custom rules the layers define (a later definition of a code replaces an earlier
    one), registered so that every part of designlint knows them."""
    defs: dict[str, tuple[CustomRule, Layer]] = {}
    for layer in layers:
        assert layer.cfg is not None
        for code, table in layer.cfg.rules.items():
            if "given" not in table:
                continue
            from designlint.custom.definition import parse

            defs[code] = (parse(code, table, layer.shown, layer.fail), layer)
    if defs:
        from designlint.custom.register import register

        for code, (defn, layer) in defs.items():
            try:
                register((defn,))
            except ValueError as exc:
                raise layer.fail(("rules", code), f"{code}: {exc}", key=True) from exc
    return [d for d, _ in defs.values()]


def known_rules(plugins: bool, custom: set[str]) -> dict[str, Rule]:
    """The rules a config may name: built-in ones, plug-in ones when plug-ins are on, and its
    own custom rules (not those another config in the same run defines)."""
    from designlint.registry import all_rules

    return {
        code: r
        for code, r in all_rules().items()
        if r.kind == "builtin" or (r.kind == "plugin" and plugins) or code in custom
    }


def rule_settings(
    layer: Layer, rules: dict[str, Rule]
) -> tuple[dict[str, dict[str, Any]], dict[str, Severity]]:
    """The options and severities one layer sets for known rules."""
    from designlint.registry import find

    options: dict[str, dict[str, Any]] = {}
    severities: dict[str, Severity] = {}
    assert layer.cfg is not None
    for key, raw in layer.cfg.rules.items():
        if "given" in raw:
            continue
        r = find(key, rules)
        if r is None:
            names = [c for r in rules.values() for c in (r.code, r.name)]
            hint = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
            if hint:
                more = f"; did you mean `{hint[0]}`?"
            elif not key.upper().startswith("DL"):
                more = " (a custom rule is defined with `given`, `schema` and `message`)"
            else:
                more = ""
            raise layer.fail(("rules", key), f"unknown rule `{key}` in `rules`{more}", key=True)
        table = dict(raw)
        if "severity" in table:
            level = str(table.pop("severity")).lower()
            if level not in ("error", "warning", "info"):
                raise layer.fail(("rules", key, "severity"), "severity is error, warning or info")
            if not r.suppressible:
                raise layer.fail(("rules", key, "severity"), f"the severity of {r.code} is fixed")
            severities[r.code] = Severity.parse(level)
        if table and r.options is None:
            raise layer.fail(("rules", key), f"{r.code} ({r.name}) has no options", key=True)
        if r.options is not None:
            _check_options(layer, key, r, table)
            options[r.code] = table
    return options, severities


def _check_options(layer: Layer, key: str, r: Rule, table: dict) -> None:
    assert r.options is not None
    known = sorted(f.alias or n for n, f in r.options.model_fields.items())
    for option in table:
        if option not in known and option not in r.options.model_fields:
            hint = difflib.get_close_matches(str(option), known, n=1, cutoff=0.6)
            more = f"; did you mean `{hint[0]}`?" if hint else f" (known: {', '.join(known)})"
            raise layer.fail(
                ("rules", key, option), f"{r.code} has no option `{option}`{more}", key=True
            )
    try:
        r.options(**table)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = ("rules", key, *error["loc"])
        name = ".".join(str(p) for p in error["loc"])
        raise layer.fail(loc, f"{r.code} option `{name}`: {error['msg']}") from exc
