"""docs/custom-rules.md's worked examples run as written, and the shipped house-rules example
config loads and reports on the Twitter example."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, ROOT, run_cli

DOC = ROOT / "docs" / "custom-rules.md"
_BLOCK = re.compile(r"<!-- custom-rules: (\w+) -->\n```\w+\n(.*?)```", re.S)


def worked_examples() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for kind, body in _BLOCK.findall(DOC.read_text()):
        if kind == "config":
            out.append({})
        out[-1][kind] = body
    return out


def test_the_doc_has_three_worked_examples():
    examples = worked_examples()
    assert len(examples) == 3
    assert all(set(e) == {"config", "design", "output"} for e in examples)


@pytest.mark.parametrize("example", worked_examples(), ids=lambda e: e["output"].split()[1])
def test_worked_example_output(tmp_path, example):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".designlint.yaml").write_text(example["config"])
    (tmp_path / "design.yaml").write_text(example["design"])
    result = run_cli("check", "--select", "ACME", "--quiet", "design.yaml", cwd=tmp_path)
    assert result.stderr == ""
    lines = [line for line in result.stdout.splitlines() if line.startswith("design.yaml:")]
    assert lines == example["output"].splitlines()


def test_the_house_rules_example_config():
    config = EXAMPLES / "house-rules.designlint.yaml"
    result = run_cli("check", "--config", str(config), str(EXAMPLES / "twitter.yaml"), cwd=ROOT)
    assert result.returncode == 0, result.stderr  # warnings only; `interview` fails on errors
    codes = re.findall(r"^\S+:\d+:\d+: (\w+)", result.stdout, re.M)
    assert codes == ["ACME001"] * 5 + ["ACME004"] * 2
