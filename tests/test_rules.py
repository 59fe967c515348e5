"""Every fixture under tests/rules/ fires exactly on its `# expect: CODE` lines.

Each fixture is linted with only its own rule selected (the always-on document rules run too,
so a fixture must otherwise be a valid design), and the set of (line, code) pairs must equal
the marked ones: a missed line and an extra line both fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from designlint import config
from designlint.linter import lint_text

FIXTURES = Path(__file__).parent / "rules"
EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")


def expected(text: str) -> set[tuple[int, str]]:
    """(line, code) pairs marked in a fixture or example."""
    out: set[tuple[int, str]] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            out.update((number, c.strip()) for c in match.group(1).split(",") if c.strip())
    return out


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*/DL*.yaml"))


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    code = path.stem.split("_")[0]
    want = expected(text)
    assert want, f"{path} marks no line with `# expect: {code}`"
    assert {c for _, c in want} <= {code} | {"DL001", "DL002", "DL003", "DL004", "DL005"} | {
        "DL006",
        "DL007",
    }
    findings = lint_text(text, str(path), config.Settings(select=(code,)))
    got = {(f.span.line, f.code) for f in findings}
    assert got == want, "\n".join(
        f"{f.span.line}:{f.span.column} {f.code} {f.message}" for f in findings
    )
