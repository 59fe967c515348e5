"""`designlint rules` and `designlint explain` as a user runs them."""

from __future__ import annotations

import json

from conftest import run_cli


def test_rules_lists_every_rule_as_text_and_json() -> None:
    text = run_cli("rules")
    assert text.returncode == 0
    assert "DL301  offset-pagination" in text.stdout
    rows = json.loads(run_cli("rules", "--format", "json").stdout)
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    assert {"code", "name", "severity", "summary", "url"} <= set(rows[0])


def test_explain_by_code_and_by_name() -> None:
    by_code = run_cli("explain", "DL301")
    by_name = run_cli("explain", "offset-pagination")
    assert by_code.returncode == 0 and by_code.stdout == by_name.stdout
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead:"):
        assert heading in by_code.stdout
    assert "```" not in by_code.stdout and "**" not in by_code.stdout


def test_explain_unknown_rule_is_a_usage_error() -> None:
    result = run_cli("explain", "DL999")
    assert result.returncode == 2
    assert "unknown rule" in result.stderr and "Traceback" not in result.stderr
