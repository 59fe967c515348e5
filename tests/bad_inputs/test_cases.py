"""The committed bad-input corpus: every case ends in the expected finding, in bounded time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from designlint import config
from designlint.linter import lint_path

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))


def test_every_file_has_a_case_and_back():
    files = {p.name for p in (HERE / "cases").iterdir()}
    listed = {c["file"] for c in CASES}
    assert files == listed
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_case(case):
    start = time.perf_counter()
    findings = lint_path(str(HERE / "cases" / case["file"]), config.Settings())
    elapsed = time.perf_counter() - start
    shown = [(f.code, f.span.line, f.span.column, f.message) for f in findings]
    if "code" in case:
        hits = [
            f
            for f in findings
            if f.code == case["code"]
            and case.get("message", "") in f.message
            and f.span.line == case.get("line", f.span.line)
            and f.span.column == case.get("column", f.span.column)
        ]
        assert hits, shown
        if case.get("only"):
            assert len(findings) == 1, shown
    for code in case.get("absent", []):
        assert code not in {f.code for f in findings}, shown
    for f in findings:  # every finding is located inside the file
        assert f.span.line >= 1 and f.span.column >= 1, shown
    assert elapsed < case.get("seconds", 5.0)
