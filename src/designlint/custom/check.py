"""Running a custom rule: match `given`, select with `when`, report each `schema` error.

A finding sits at the node the error's path names inside the matched node (jsonschema reports
paths of values that exist, so that node is in the source map), or at the matched node itself
for keywords such as `required` that judge the node as a whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from designlint.custom import paths
from designlint.custom.definition import PLACEHOLDER, CustomRule
from designlint.findings import ModelPath, Violation

if TYPE_CHECKING:
    from designlint.context import Context
    from designlint.jsonschemas import Problem

NOT_SET = "(not set)"
_MAX_VALUE = 80


@dataclass(frozen=True)
class SchemaCheck:
    """The check function of one custom rule (a value, so that equal definitions compare equal)."""

    rule: CustomRule

    def __call__(self, ctx: Context) -> Iterator[Violation]:
        from designlint import jsonschemas
        from designlint.errors import ConfigError

        try:
            yield from self._run(ctx, jsonschemas)
        except jsonschemas.SchemaProblem as exc:
            rule = self.rule
            message = f"{rule.origin}: {rule.code}: the schema cannot be used: {exc}"
            raise ConfigError(message) from exc

    def _run(self, ctx: Context, jsonschemas) -> Iterator[Violation]:
        rule = self.rule
        data = ctx.source.data
        for given in rule.given:
            for path, node in paths.match(paths.parse(given), data):
                if rule.when is not None and not jsonschemas.is_valid(rule.when, node, safe=True):
                    continue
                for problem in jsonschemas.problems(rule.schema, node, safe=True):
                    where = (*path, *problem.path)
                    fields = placeholders(rule, path, node, problem)
                    fix = fill(rule.help, fields) if rule.help else None
                    yield Violation(where, fill(rule.message, fields), fix=fix)


def placeholders(rule: CustomRule, path: ModelPath, node: object, problem: Problem) -> dict:
    """The values a message may name: the node's keys, then the reserved names."""
    fields: dict[str, str] = {}
    if isinstance(node, dict):
        fields.update({str(k): show(v) for k, v in node.items()})
    inner = problem.missing or (str(problem.path[-1]) if problem.path else "")
    fields.update(
        {
            "id": str(path[-1]) if path else "",
            "path": ".".join(str(p) for p in path),
            "code": rule.code,
            "name": rule.name,
            "error": problem.message,
            "property": inner,
            "value": show(problem.value),
        }
    )
    return fields


def show(value: object) -> str:
    """A value as one short line: strings as they are, anything else as JSON."""
    text = value if isinstance(value, str) else json.dumps(value, default=str, sort_keys=True)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def fill(template: str, fields: dict[str, str]) -> str:
    """Replace `{name}` placeholders (checked when the rule was read); `{{`/`}}` are braces."""

    def one(m) -> str:
        token = m.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return fields.get(m.group(1) or "", NOT_SET)

    return PLACEHOLDER.sub(one, template)
