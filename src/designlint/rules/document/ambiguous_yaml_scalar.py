"""DL006 ambiguous-yaml-scalar."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.reading.source import Trap
from designlint.registry import rule

_MISSING = object()


def _value_at(design: object, path: tuple) -> object:
    node = design
    for seg in path:
        if isinstance(node, dict):
            node = node.get(seg, _MISSING)
        elif isinstance(node, list) and isinstance(seg, int) and seg < len(node):
            node = node[seg]
        elif isinstance(seg, str) and hasattr(node, seg):
            node = getattr(node, seg)
        else:
            return _MISSING
    return node


@rule("DL006", "ambiguous-yaml-scalar", "error", suppressible=False)
def ambiguous_yaml_scalar(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an unquoted value that YAML 1.1 readers (PyYAML, yamllint, most CI tools) read
    differently from YAML 1.2: `no`/`yes`/`on`/`off` become booleans, `1:30` becomes 90,
    `010` becomes 8, `2024-01-01` becomes a date.

    ## Why is this bad?
    The same file then means two things depending on the tool that reads it: a region named
    `NO` (Norway) turns into `false`, a time window `1:30` into a number. designlint reads
    YAML 1.2 and keeps the text, but other tools on the same file will not. Quote the value.
    A yes/no word given to a true/false field is not reported: both readers agree there.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    regions:
      NO: {}
    services:
      link-service: {regions: [NO]}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    regions:
      NO: {}
    services:
      link-service: {regions: ["NO"]}
    ```
    """
    for trap in ctx.source.traps:
        value = _value_at(ctx.design, trap.path)
        if isinstance(value, bool) and trap.yaml11 == "a boolean":
            continue
        yield trap_violation(trap)


def trap_violation(trap: Trap) -> Violation:
    return Violation(
        trap.path,
        f"`{trap.text}` is read as text here but as {trap.yaml11} by YAML 1.1 tools",
        fix=f'quote it: "{trap.text}"',
        span=trap.span,
    )
