"""A custom rule as written in config, validated with the config file's line and column.

One entry of the config's `rules:` table that has a `given` key is a custom rule:

    ACME001:
      name: service-names-team
      given: services.*
      schema: {required: [x-team]}
      message: "service `{id}` names no owning team"

The definition is kept as plain data (schemas as JSON text) so that it pickles to worker
processes, compares by value, and costs nothing until a design is checked.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from designlint.custom import paths

CODE = re.compile(r"^[A-Z]+[0-9]+$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
FIELDS = ("name", "given", "schema", "when", "message", "help", "severity", "url", "description")
REQUIRED = ("name", "given", "schema", "message")
# Placeholders every message may use; a node's own keys are allowed once the schema names them.
RESERVED = ("id", "path", "code", "name", "error", "property", "value")
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_KEY = re.compile(r"^[A-Za-z_][\w-]*$")

# fail(loc, message, key=False) -> an exception carrying the config file's line and column
Fail = Callable[..., Exception]


@dataclass(frozen=True)
class CustomRule:
    """One house rule; `origin` (the config file) does not take part in equality."""

    code: str
    name: str
    severity: str
    given: tuple[str, ...]
    schema: str  # JSON text
    message: str
    when: str | None = None
    help: str | None = None
    url: str | None = None
    description: str | None = None
    origin: str = field(default="", compare=False)

    @property
    def schema_data(self) -> Any:
        return json.loads(self.schema)

    @property
    def when_data(self) -> Any:
        return json.loads(self.when) if self.when is not None else None


def is_definition(table: object) -> bool:
    """Whether a `rules:` entry defines a rule (has `given`) rather than configuring one."""
    return isinstance(table, dict) and "given" in table


def parse(code: str, table: dict, origin: str, fail: Fail) -> CustomRule:
    """Validate one definition; raise `fail(...)` at the first problem."""
    at = ("rules", code)
    if code.upper().startswith("DL"):
        raise fail(at, f"`{code}`: the `DL` prefix is designlint's own; pick your own", key=True)
    if not CODE.match(code):
        raise fail(
            at, f"`{code}`: a rule code is upper-case letters then digits, e.g. ACME001", key=True
        )
    for key in table:
        if key not in FIELDS:
            hint = difflib.get_close_matches(str(key), FIELDS, n=1, cutoff=0.6)
            more = f"; did you mean `{hint[0]}`?" if hint else f" (known: {', '.join(FIELDS)})"
            raise fail((*at, key), f"{code}: unknown key `{key}`{more}", key=True)
    for key in REQUIRED:
        if key not in table:
            raise fail(at, f"{code}: a custom rule needs `{key}`", key=True)
    text = {k: _text(code, table, k, at, fail) for k in ("name", "message", "help", "url")}
    text["description"] = _text(code, table, "description", at, fail)
    if not NAME.match(text["name"] or ""):
        raise fail((*at, "name"), f"{code}: a rule name is kebab-case, e.g. service-names-team")
    severity = str(table.get("severity", "warning")).lower()
    if severity not in ("error", "warning", "info"):
        raise fail((*at, "severity"), f"{code}: severity is error, warning or info")
    given = _given(code, table["given"], at, fail)
    schema = _schema(code, table["schema"], (*at, "schema"), fail)
    when = _schema(code, table["when"], (*at, "when"), fail) if "when" in table else None
    _placeholders(code, text["message"] or "", (*at, "message"), [schema, when], fail)
    if text["help"]:
        _placeholders(code, text["help"], (*at, "help"), [schema, when], fail)
    return CustomRule(
        code=code,
        name=text["name"] or "",
        severity=severity,
        given=given,
        schema=json.dumps(schema, sort_keys=True),
        message=text["message"] or "",
        when=json.dumps(when, sort_keys=True) if when is not None else None,
        help=text["help"],
        url=text["url"],
        description=text["description"],
        origin=origin,
    )


def _text(code: str, table: dict, key: str, at: tuple, fail: Fail) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise fail((*at, key), f"{code}: `{key}` is a non-empty string")
    return value.strip()


def _given(code: str, value: object, at: tuple, fail: Fail) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise fail((*at, "given"), f"{code}: `given` is a path such as `services.*`, or a list")
    for i, item in enumerate(items):
        loc = (*at, "given") if isinstance(value, str) else (*at, "given", i)
        if not isinstance(item, str):
            raise fail(loc, f"{code}: `given` paths are strings such as `services.*`")
        try:
            paths.parse(item)
        except paths.PathError as exc:
            raise fail(loc, f"{code}: bad path in `given`: {exc}") from exc
    return tuple(items)


def _schema(code: str, value: object, at: tuple, fail: Fail) -> Any:
    """A valid Draft 2020-12 schema whose references stay inside it (nothing is fetched)."""
    from designlint.jsonschemas import SchemaProblem, check_schema, risky_patterns

    if not isinstance(value, (dict, bool)):
        raise fail(at, f"{code}: `{at[-1]}` is a JSON Schema (a mapping)")
    try:
        check_schema(value)
    except SchemaProblem as exc:
        raise fail((*at, *exc.path), f"{code}: invalid JSON Schema in `{at[-1]}`: {exc}") from exc
    for path in risky_patterns(value):
        raise fail(
            (*at, *path),
            f"{code}: this pattern has nested quantifiers, which can take exponential time on "
            "the designs it meets; rewrite it without a repeated group that itself repeats",
        )
    return value


def _placeholders(code: str, text: str, at: tuple, schemas: list, fail: Fail) -> None:
    known = set(RESERVED) | {k for s in schemas if s is not None for k in property_names(s)}
    for m in PLACEHOLDER.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        name = m.group(1)
        if name is None:
            raise fail(at, f"{code}: a lone `{token}` (write `{token * 2}` for the character)")
        if not _KEY.match(name):
            raise fail(at, f"{code}: `{{{name}}}` is not a placeholder name")
        if name not in known:
            hint = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            more = f"; did you mean `{{{hint[0]}}}`?" if hint else ""
            raise fail(
                at,
                f"{code}: unknown placeholder `{{{name}}}`{more} (use {', '.join(RESERVED)}, "
                "or a key the schema names)",
            )


def property_names(schema: object) -> set[str]:
    """Keys a schema names anywhere: under `properties` and in `required` lists."""
    out: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                out.update(k for k in props if isinstance(k, str))
            req = node.get("required")
            if isinstance(req, list):
                out.update(k for k in req if isinstance(k, str))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out
