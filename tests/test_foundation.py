"""Acceptance of the foundation: the CLI contract, locations, exit codes, the schema."""

from __future__ import annotations

import json

from conftest import EXAMPLES, ROOT, run_cli


def test_twitter_example_is_clean():
    result = run_cli("check", str(EXAMPLES / "twitter.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_json_output_has_the_cli_md_shape(tmp_path):
    bad = tmp_path / "x.design.yaml"
    bad.write_text("designlint: 1\nname: X\ndatastore: {}\n")
    # Only the document codes: with the unknown key set aside, every other rule runs too.
    result = run_cli("check", "--format", "json", "--select", "DL002", str(bad))
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert set(payload) == {"designlint", "findings", "summary"}
    assert payload["summary"] == {"files": 1, "errors": 1, "warnings": 0, "infos": 0}
    finding = payload["findings"][0]
    for key in ("code", "rule", "severity", "message", "path", "line", "column"):
        assert key in finding
    for key in ("end_line", "end_column", "help", "url"):
        assert key in finding
    assert (finding["code"], finding["line"], finding["column"]) == ("DL002", 3, 1)


def test_typo_top_level_key_suggests_the_right_one(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("designlint: 1\nname: X\ndatastore:\n  db: {kind: relational}\n")
    result = run_cli("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:3:1: DL002" in result.stdout
    assert "did you mean `datastores`" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_repeated_service_key_is_reported_at_the_second(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("designlint: 1\nname: X\nservices:\n  a: {}\n  b: {}\n  a: {}\n")
    result = run_cli("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:6:3: DL004" in result.stdout


def test_broken_yaml_is_a_finding_with_exit_1(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("designlint: 1\nname: [unclosed\n")
    result = run_cli("check", str(bad))
    assert result.returncode == 1
    assert "DL001" in result.stdout
    assert f"{bad}:3:1:" in result.stdout or f"{bad}:2:" in result.stdout
    assert "Traceback" not in result.stderr


def test_missing_path_is_exit_2_with_one_line(tmp_path):
    result = run_cli("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    good = EXAMPLES / "twitter.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text("designlint: 1\nname: [\n")
    result = run_cli("check", "--format", "json", str(bad), str(good))
    payload = json.loads(result.stdout)
    assert payload["summary"]["files"] == 2
    assert result.returncode == 1


def test_schema_command_matches_committed_schema():
    result = run_cli("schema")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "schemas" / "design.schema.json").read_text()


def test_schema_passes_metaschema_and_examples_validate():
    import subprocess
    import sys
    from pathlib import Path

    exe = Path(sys.executable).parent / "check-jsonschema"
    schema = ROOT / "schemas" / "design.schema.json"
    meta = subprocess.run([str(exe), "--check-metaschema", str(schema)], capture_output=True)
    assert meta.returncode == 0, meta.stdout
    # `*.designlint.yaml` examples are configs, not designs.
    examples = sorted(str(p) for p in EXAMPLES.glob("*.yaml") if ".designlint." not in p.name)
    result = subprocess.run(
        [str(exe), "--schemafile", str(schema), *examples], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_dash_m_and_version():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "designlint", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "designlint" in result.stdout


def test_selection_by_prefix_and_name(lint):
    text = (EXAMPLES / "twitter.yaml").read_text()
    assert lint(text) == []
    bad = "designlint: 1\nname: X\nservices:\n  a: {calls: [b]}\n"
    codes = {f.code for f in lint(bad, select=("DL0",))}
    assert codes == {"DL003"}


def test_yaml11_traps_where_strings_are_meant(tmp_path):
    design = tmp_path / "x.yaml"
    design.write_text(
        "designlint: 1\nname: X\nregions:\n  NO: {}\nservices:\n"
        "  a: {regions: [NO], description: on}\n"
        "  b: {name: 1:30, description: 010}\n"
    )
    result = run_cli("check", "--select", "DL006", str(design))
    assert result.returncode == 1
    for where in (":6:17: DL006", ":6:35: DL006", ":7:13: DL006", ":7:32: DL006"):
        assert where in result.stdout, result.stdout


def test_schema_accepts_every_fixture_the_linter_loads():
    """The schema and the loader agree: a fixture that loads (no DL002/DL007) validates."""
    import subprocess
    import sys
    from pathlib import Path

    from designlint import config
    from designlint.linter import lint_text

    exe = Path(sys.executable).parent / "check-jsonschema"
    schema = ROOT / "schemas" / "design.schema.json"
    loads = [
        str(p)
        for p in sorted((ROOT / "tests" / "rules").rglob("*.yaml"))
        if not any(
            f.code in ("DL001", "DL002", "DL004", "DL006", "DL007")
            for f in lint_text(p.read_text(encoding="utf-8"), str(p), config.Settings())
        )
    ]
    assert len(loads) > 50
    result = subprocess.run(
        [str(exe), "--schemafile", str(schema), *loads], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
