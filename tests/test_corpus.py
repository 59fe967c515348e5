"""The corpus: designs written from public write-ups, linted with every rule, as a user would.

Each `tests/corpus/*.design.yaml` carries the findings a strict reviewer expects, decided from
the source before running the tool, as `# expect: CODE` marks (the convention of
tests/test_rules.py). Every file must match its marks exactly: a missed mark is a miss, an
unmarked finding a false positive, and either fails. A `*.reviewed.design.yaml` (the design
fixed the way a senior engineer would) must also have no error-severity finding.

The figures over the whole corpus, recall and false positives per 100 findings, are printed
in pytest's terminal summary (and with `-s`) and checked against the targets in
docs/precision.md. How to add a design: docs/precision.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from designlint import config
from designlint.findings import Finding, Severity
from designlint.linter import lint_text
from test_rules import expected

CORPUS = Path(__file__).parent / "corpus"
MIN_RECALL = 0.98
MAX_FALSE_PER_100 = 1.0
# Filled by test_corpus_figures and printed by the terminal-summary hook in conftest.py.
FIGURES: list[str] = []


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.design.yaml"))


@dataclass(frozen=True)
class Outcome:
    """One design: what its marks expect, what designlint found, and the findings themselves."""

    want: frozenset[tuple[int, str]]
    got: frozenset[tuple[int, str]]
    findings: tuple[Finding, ...]

    @property
    def misses(self) -> set[tuple[int, str]]:
        return set(self.want - self.got)

    @property
    def false(self) -> set[tuple[int, str]]:
        return set(self.got - self.want)


@cache
def outcome(path: Path) -> Outcome:
    """All rules selected, configuration defaults: what a new user runs."""
    text = path.read_text(encoding="utf-8")
    findings = lint_text(text, path.name, config.Settings())
    got = frozenset((f.span.line, f.code) for f in findings)
    return Outcome(frozenset(expected(text)), got, tuple(findings))


def test_corpus_is_not_empty() -> None:
    assert corpus_files(), f"no *.design.yaml in {CORPUS}: the corpus test measures nothing"


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_design_matches_its_marks(path: Path) -> None:
    result = outcome(path)
    by_key = {(f.span.line, f.code): f for f in result.findings}
    lines = [f"missed {line}: {code}" for line, code in sorted(result.misses)]
    for key in sorted(result.false):
        found = by_key[key]
        lines.append(f"unexpected {key[0]}:{found.span.column} {key[1]} {found.message}")
    assert not lines, f"{path.name}:\n" + "\n".join(lines)


def test_reviewed_designs_have_no_error() -> None:
    reviewed = [p for p in corpus_files() if p.name.endswith(".reviewed.design.yaml")]
    assert reviewed, f"no *.reviewed.design.yaml in {CORPUS}: nothing shows a fixed design clean"
    errors = [
        f"{p.name}:{f.span.line} {f.code} {f.message}"
        for p in reviewed
        for f in outcome(p).findings
        if f.severity is Severity.ERROR
    ]
    assert not errors, "\n".join(errors)


def figures(results: list[Outcome]) -> tuple[float, float, list[str]]:
    """Recall, false positives per 100 findings, and the lines of the summary table."""
    expected_total = sum(len(r.want) for r in results)
    found = sum(len(r.want & r.got) for r in results)
    reported = sum(len(r.got) for r in results)
    false = sum(len(r.false) for r in results)
    recall = found / expected_total if expected_total else 1.0
    per_100 = 100 * false / reported if reported else 0.0
    lines = [
        f"corpus: {len(results)} designs, {expected_total} expected findings, {reported} reported",
        f"recall {recall:.1%} ({found}/{expected_total}), "
        f"false positives {per_100:.1f} per 100 findings ({false}/{reported})",
    ]
    return recall, per_100, lines


def test_corpus_figures() -> None:
    files = corpus_files()
    assert files, f"no *.design.yaml in {CORPUS}"
    recall, per_100, lines = figures([outcome(p) for p in files])
    FIGURES[:] = lines
    print("\n" + "\n".join(lines))
    assert recall >= MIN_RECALL, lines[1]
    assert per_100 <= MAX_FALSE_PER_100, lines[1]


def test_figures_count_misses_and_false_positives() -> None:
    """The arithmetic itself, on a made-up outcome: one miss, one false positive."""
    want = frozenset({(1, "DL101"), (2, "DL204"), (3, "DL401")})
    got = frozenset({(1, "DL101"), (2, "DL204"), (9, "DL505")})
    recall, per_100, _ = figures([Outcome(want, got, ())])
    assert recall == pytest.approx(2 / 3)
    assert per_100 == pytest.approx(100 / 3)
