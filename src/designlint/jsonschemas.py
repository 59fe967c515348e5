"""JSON Schemas that users write (custom rules, API contracts): the only import of jsonschema.

Every schema is read as Draft 2020-12. References must stay inside the schema (`#/$defs/x`,
`#anchor`): nothing is fetched, from the network or the disk. `format` is an annotation, as the
draft says, not an assertion. A `pattern` runs Python's `re`, and the values it meets come
from designs under review: `risky_patterns` finds patterns whose nested quantifiers could
backtrack for ever, which callers refuse, and `safe=True` validation skips them as a second
guard, along with strings longer than `MAX_PATTERN_INPUT`.

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

from designlint.schemarefs import endless_loop, refs, subschemas, target

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
    for path, ref in refs(schema, ()):
        if not ref.startswith("#"):
            raise SchemaProblem(f"`{ref}`: only references inside the schema are followed", path)
        if target(schema, ref) is None:
            raise SchemaProblem(f"`{ref}` refers to nothing in this schema", path)
    loop = endless_loop(schema)
    if loop is not None:
        raise SchemaProblem("its references loop back to the same value without end", loop)


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


def risky_patterns(schema: Any) -> list[tuple]:
    """Paths of the `pattern`s and `patternProperties` keys whose nested quantifiers can take
    exponential time to match (`(a+)+`). Callers refuse such schemas; `safe` validation skips
    those patterns as a second guard."""
    out: list[tuple] = []
    for path, node in subschemas(schema):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and _NESTED.search(pattern):
            out.append((*path, "pattern"))
        keyed = node.get("patternProperties")
        if isinstance(keyed, dict):
            out += [(*path, "patternProperties", k) for k in keyed if _NESTED.search(str(k))]
    return out


def _key(schema: Any) -> str:
    """A schema as JSON text (the cache key); text is taken to be JSON already."""
    return schema if isinstance(schema, str) else json.dumps(schema, sort_keys=True)


def is_valid(schema: Any, instance: Any, safe: bool = False) -> bool:
    """Whether `instance` passes `schema` (a schema, or its JSON text)."""
    try:
        return _compiled(_key(schema), safe).is_valid(instance)
    except RecursionError as exc:  # a loop check_schema did not see (embedded `$id`s)
        raise SchemaProblem("its references loop back to the same value without end") from exc


def problems(schema: Any, instance: Any, safe: bool = False) -> list[Problem]:
    """Every way `instance` fails `schema`, in a stable order (by path, then message)."""
    try:
        errors = list(_compiled(_key(schema), safe).iter_errors(instance))
    except RecursionError as exc:  # a loop check_schema did not see (embedded `$id`s)
        raise SchemaProblem("its references loop back to the same value without end") from exc
    out = []
    for error in errors:
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
