"""One schema error never hides the rest: the loader sets the failing node aside and every rule
still runs on the rest of the design (docs/format.md, "When a node does not load")."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from designlint import config
from designlint.findings import Finding
from designlint.linter import ABSENCE_RULES, lint_text, lost_parts
from designlint.reading.load import validate
from designlint.reading.source import load_text

TEXT = (EXAMPLES / "common-mistakes.yaml").read_text(encoding="utf-8")
SETTINGS = config.Settings()
ROOT_REQUIRED = {("designlint",), ("name",)}


def _leaves() -> list[tuple]:
    """Every single-line scalar value of the example, with its model path and span."""
    source = load_text(TEXT, SETTINGS.limits)
    out = []
    for path, (line, col, end_line, end_col) in source.smap.values.items():
        node = source.data
        for seg in path:
            node = node[seg]
        if isinstance(node, dict | list) or line != end_line or path in ROOT_REQUIRED:
            continue
        out.append((path, line, col, end_col))
    return sorted(out, key=lambda leaf: (leaf[1], leaf[2]))


def _mutate(line: int, col: int, end_col: int, value: str) -> str:
    lines = TEXT.split("\n")
    text = lines[line - 1]
    lines[line - 1] = text[: col - 1] + value + text[end_col - 1 :]
    return "\n".join(lines)


def _entry(path: tuple) -> tuple:
    """The mapping entry a path belongs to: `services.x`, `requirements.functional.y`."""
    depth = 3 if path[0] == "requirements" and len(path) > 2 else 2
    return tuple(path[:depth])


def _about(finding: Finding, entry: tuple) -> bool:
    """About the entry, naming it, or about the collection it belongs to (a count of them)."""
    path = tuple(finding.model_path)
    named = len(entry) > 1 and f"`{entry[-1]}`" in finding.message
    return (
        path[: len(entry)] == entry
        or named
        or (0 < len(path) < len(entry) and entry[: len(path)] == path)
    )


def _key(finding: Finding) -> tuple:
    return (finding.code, tuple(finding.model_path), finding.message)


def _mentions(entry: tuple) -> set[str]:
    node = load_text(TEXT, SETTINGS.limits).data
    for seg in entry:
        node = node[seg]
    out = {str(entry[-1])}
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.add(item)
        elif isinstance(item, dict):
            out.update(k for k in item if isinstance(k, str) and k not in _FIELDS)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


_FIELDS = {"kind", "value", "description", "target", "replicas", "path", "owner", "flows"}

BASELINE = lint_text(TEXT, "common-mistakes.yaml", SETTINGS)
LEAVES = _leaves()


@pytest.mark.parametrize("leaf", LEAVES, ids=[".".join(map(str, leaf[0])) for leaf in LEAVES])
def test_a_broken_field_leaves_every_other_finding_in_place(leaf: tuple) -> None:
    path, line, col, end_col = leaf
    text = _mutate(line, col, end_col, "{mutated: 1}")
    found = lint_text(text, "m.yaml", SETTINGS)
    design, _ = validate(load_text(text, SETTINGS.limits))
    assert design is not None
    errors = [f for f in found if f.code in ("DL002", "DL007")]
    assert errors, f"mutating {path} gave no schema error"
    assert all(f.span.line == line for f in errors if not _about(f, _entry(path))), errors
    entry = _entry(path)
    want = {_key(f) for f in BASELINE if not _about(f, entry)}
    got = {_key(f) for f in found if not _about(f, entry) and f.code not in ("DL002", "DL007")}
    assert not got - want, f"a cascade of findings: {sorted(got - want)}"
    # A finding may only go quiet when it depends on what was set aside: it names an id the
    # broken entry mentions.
    said = _mentions(entry)
    unknowable = {c for c, needs in ABSENCE_RULES.items() if needs & lost_parts(design.set_aside)}
    lost = [
        k
        for k in want - got
        if k[0] not in unknowable and not any(f"`{m}" in k[2] or m in k[1] for m in said)
    ]
    assert not lost, f"findings lost without cause: {lost}"


def test_replicas_one_keeps_the_other_findings() -> None:
    text = TEXT.replace("replicas: 1", "replicas: one", 1)
    assert text != TEXT
    found = lint_text(text, "common-mistakes.yaml", SETTINGS)
    bad = [f for f in found if f.code == "DL007"]
    assert len(bad) == 1 and "spells a number" in bad[0].message
    # Only the finding about those replicas (DL702 on line 99) goes; it is now the DL007.
    gone = {_key(f) for f in BASELINE} - {_key(f) for f in found}
    assert [(code, path[-1]) for code, path, _ in gone] == [("DL702", "replicas")]
    assert len(found) == len(BASELINE)
