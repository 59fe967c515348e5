"""JSON Schemas that users write (custom rules, API contracts): the only import of jsonschema.

Every schema is read as Draft 2020-12. References must stay inside the schema (`#/$defs/x`,
`#anchor`): nothing is fetched, from the network or the disk. `format` is an annotation, as the
draft says, not an assertion. A `pattern` runs Python's `re`; schemas that come from a design
under review are validated with `safe=True`, which leaves out patterns whose nested
quantifiers could backtrack for ever and strings longer than `MAX_PATTERN_INPUT`.

jsonschema costs about 150 ms to import, so it is imported on first use: a design with no
custom rules and no schema examples never pays for it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAX_PATTERN_INPUT = 10_000
# A quantified group that itself contains a quantifier or an alternation: `(a+)+`, `(a|a)*`.
_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[+*}|](?:[^()\\]|\\.)*\)\s*[+*{]")


class SchemaProblem(ValueError):
    """An invalid schema; `path` leads to the offending part inside it."""

    def __init__(self, message: str, path: tuple = ()) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Problem:
    """One way an instance fails a schema: where (inside the instance) and why."""

    path: tuple[str | int, ...]
    message: str
    keyword: str
    value: Any
    missing: str | None = None  # the property a `required` error is about


def check_schema(schema: Any) -> None:
    """Raise SchemaProblem when `schema` is no valid Draft 2020-12 schema or refers outside."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise SchemaProblem(exc.message, tuple(exc.path)) from exc
    for path, ref in _refs(schema, ()):
        if not ref.startswith("#"):
            raise SchemaProblem(f"`{ref}`: only references inside the schema are followed", path)
        if not _resolves(schema, ref):
            raise SchemaProblem(f"`{ref}` refers to nothing in this schema", path)


def _refs(node: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from _refs(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, (*path, i))


def _resolves(schema: Any, ref: str) -> bool:
    fragment = ref[1:]
    if not fragment.startswith("/") and fragment:
        anchors = ("$anchor", "$dynamicAnchor")
        return any(
            isinstance(n, dict) and fragment in (n.get(a) for a in anchors) for n in _nodes(schema)
        )
    node = schema
    for raw in fragment.split("/")[1:] if fragment else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


@functools.lru_cache(maxsize=256)
def _compiled(text: str, safe: bool) -> Any:
    from jsonschema import Draft202012Validator, validators

    cls = Draft202012Validator
    if safe:
        cls = validators.extend(cls, {"pattern": _safe_pattern}, version="designlint-safe")
    return cls(json.loads(text))


def _safe_pattern(validator: Any, pattern: Any, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "string") or not isinstance(pattern, str):
        return
    if _NESTED.search(pattern) or len(instance) > MAX_PATTERN_INPUT:
        return  # not evaluated: a hostile pattern must not cost unbounded time
    if not re.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _key(schema: Any) -> str:
    """A schema as JSON text (the cache key); text is taken to be JSON already."""
    return schema if isinstance(schema, str) else json.dumps(schema, sort_keys=True)


def is_valid(schema: Any, instance: Any, safe: bool = False) -> bool:
    """Whether `instance` passes `schema` (a schema, or its JSON text)."""
    return _compiled(_key(schema), safe).is_valid(instance)


def problems(schema: Any, instance: Any, safe: bool = False) -> list[Problem]:
    """Every way `instance` fails `schema`, in a stable order (by path, then message)."""
    out = []
    for error in _compiled(_key(schema), safe).iter_errors(instance):
        missing = None
        if error.validator == "required" and isinstance(error.instance, dict):
            gone = [p for p in error.validator_value if p not in error.instance]
            missing = next((p for p in gone if repr(p) in error.message), None)
        out.append(
            Problem(
                tuple(error.absolute_path),
                error.message,
                str(error.validator),
                error.instance,
                missing,
            )
        )
    return sorted(out, key=lambda p: ([str(s) for s in p.path], p.message))
