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


def test_rules_wraps_to_the_terminal_width() -> None:
    for columns in (100, 72, 50):
        out = run_cli("rules", env={"COLUMNS": str(columns)}).stdout
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= columns, columns
        # Every rule still starts a line with its code; continuation lines are indented.
        assert sum(line.startswith("DL") for line in lines) == len(
            json.loads(run_cli("rules", "--format", "json").stdout)
        )
    wide = run_cli("rules", env={"COLUMNS": "120"}).stdout
    assert "while any of these holds:" not in wide  # DL701's summary is a whole sentence


CYCLE = """\
designlint: 1
name: X
estimates:
  a: {expr: b * 2}
  b: {expr: a / 2}
"""


def test_a_former_rule_name_is_still_accepted(tmp_path) -> None:
    design = tmp_path / "x.design.yaml"
    design.write_text(CYCLE)
    current = run_cli("check", "--select", "unevaluable-estimate", "--format", "json", str(design))
    former = run_cli("check", "--select", "estimate-cycle", "--format", "json", str(design))
    assert current.returncode == 1 and former.stdout == current.stdout
    assert {f["code"] for f in json.loads(former.stdout)["findings"]} == {"DL203"}
    ignored = run_cli(
        "check", "--ignore", "estimate-cycle", "--select", "DL2", "--format", "json", str(design)
    )
    assert "DL203" not in {f["code"] for f in json.loads(ignored.stdout)["findings"]}
    # In a suppression and in a config's `rules:` table.
    design.write_text(CYCLE.replace("b * 2}", "b * 2}  # designlint: ignore[estimate-cycle] wip"))
    quiet = run_cli("check", "--select", "DL0,DL203", "--format", "json", str(design))
    assert quiet.returncode == 0, quiet.stdout  # suppressed, and no DL009 "unknown rule"
    design.write_text(CYCLE)
    (tmp_path / ".designlint.yaml").write_text("rules:\n  estimate-cycle: {severity: info}\n")
    info = run_cli("check", "--select", "DL203", "--format", "json", str(design))
    assert {f["severity"] for f in json.loads(info.stdout)["findings"]} == {"info"}
    assert run_cli("explain", "estimate-cycle").stdout == run_cli("explain", "DL203").stdout
