"""Custom rules into the registry, so that selection, suppressions, baselines, SARIF, `rules`
and `explain` treat them exactly as built-in rules."""

from __future__ import annotations

import json

from designlint.custom.check import SchemaCheck
from designlint.custom.definition import CustomRule
from designlint.registry import Rule, register_extra


def as_rule(defn: CustomRule) -> Rule:
    from designlint.findings import Severity

    return Rule(
        code=defn.code,
        name=defn.name,
        severity=Severity.parse(defn.severity),
        check=SchemaCheck(defn),
        doc=document(defn),
        module="designlint.custom",
        kind="custom",
        origin=defn.origin,
        docs_url=defn.url,
    )


def register(defs: tuple[CustomRule, ...]) -> None:
    """Register each definition (the same definition twice is a no-op); ValueError on a clash."""
    for defn in defs:
        register_extra(as_rule(defn))


def document(defn: CustomRule) -> str:
    """The rule's page for `explain` and SARIF, in the sections of the built-in rules."""
    what = defn.description or f"Reports: {defn.message}"
    given = ", ".join(f"`{g}`" for g in defn.given)
    parts = [
        "## What it does",
        what,
        "",
        "## Why is this bad?",
        f"A house rule of this repository, defined in `{defn.origin}`."
        + (f" {defn.help}" if defn.help else ""),
        "",
        "## Definition",
        f"Checks every node at {given}"
        + (" that matches `when`" if defn.when else "")
        + " against this JSON Schema (Draft 2020-12):",
        "",
        "```json",
        json.dumps(defn.schema_data, indent=2, sort_keys=True),
        "```",
    ]
    if defn.when:
        parts += ["", "`when`:", "", "```json", json.dumps(defn.when_data, indent=2), "```"]
    return "\n".join(parts)
