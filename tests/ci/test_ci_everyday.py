"""Everyday use of `check`: --output targets, summary wording, no designs found, standard input."""

from __future__ import annotations

import json

from ci_helpers import CACHES, CLEAN, SELECT, designlint


def test_unknown_output_format_is_a_usage_error_with_a_suggestion(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(CLEAN)
    for value, nearest in [("sarfi=x.sarif", "sarif"), ("SARIF=x.sarif", "sarif")]:
        result = designlint("check", str(design), "--output", value, cwd=tmp_path)
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"did you mean `{nearest}`?" in result.stderr
        assert not list(tmp_path.glob("*=*")), "no file named after the mistyped pair"


def test_a_file_name_with_equals_is_still_possible(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(CLEAN)
    result = designlint("check", str(design), "--output", "./a=b.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "All checks passed" in (tmp_path / "a=b.txt").read_text()


def test_summary_uses_proper_plurals_in_every_format(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(CACHES)
    text = designlint("check", *SELECT, str(design)).stdout
    assert "Found 2 findings in 1 file: 0 errors, 2 warnings, 0 info." in text
    assert "(s)" not in text
    md = designlint("check", *SELECT, "--format", "markdown", str(design)).stdout
    assert "**2 findings** in 1 file: 0 errors, 2 warnings, 0 info." in md
    one = CACHES.replace("  users: {owner: link-service}\n", "")
    design.write_text(one)
    text = designlint("check", *SELECT, str(design)).stdout
    assert "Found 1 finding in 1 file: 0 errors, 1 warning, 0 info." in text


def test_github_summary_goes_to_stderr(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(CACHES)
    result = designlint("check", *SELECT, "--format", "github", str(design))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("::") for line in lines), result.stdout
    assert "designlint: 2 findings in 1 file: 0 errors, 2 warnings, 0 info." in result.stderr


def test_a_folder_without_designs_fails(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = designlint("check", str(empty))
    assert result.returncode == 2
    assert "no design found" in result.stderr and "All checks passed" not in result.stdout
    (empty / "notes.yaml").write_text("title: not a design\n")
    result = designlint("check", str(empty))
    assert result.returncode == 2
    assert "1 YAML file without a top-level `designlint:`" in result.stderr
    # One right folder does not hide a wrong one.
    good = tmp_path / "good"
    good.mkdir()
    (good / "x.design.yaml").write_text(CLEAN)
    result = designlint("check", str(good), str(empty))
    assert result.returncode == 2 and "no design found" in result.stderr


def _stdin(args, text: str, cwd):
    import os
    import subprocess

    from ci_helpers import BIN

    return subprocess.run(
        [str(BIN / "designlint"), "check", *args],
        input=text,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_standard_input_with_a_file_name(tmp_path):
    designs = tmp_path / "designs"
    designs.mkdir()
    # The config next to the named file applies: per-file ignores and selection.
    (designs / ".designlint.yaml").write_text(
        "select: [DL0, DL6]\nper-file-ignores:\n  'other.design.yaml': [DL601]\n"
    )
    result = _stdin(["-", "--stdin-filename", "designs/x.design.yaml"], CACHES, tmp_path)
    assert result.returncode == 1, result.stderr
    assert "designs/x.design.yaml:6:10: DL601" in result.stdout
    assert "  6 |   links: {owner: link-service}" in result.stdout  # the excerpt from stdin
    ignored = _stdin(["-", "--stdin-filename", "designs/other.design.yaml"], CACHES, tmp_path)
    assert ignored.returncode == 0, ignored.stdout
    suppressed = CACHES.replace(
        "users: {owner: link-service}",
        "users: {owner: link-service}  # designlint: ignore[DL601] sized by users",
    )
    out = _stdin(
        ["--format", "json", "-", "--stdin-filename", "designs/x.design.yaml"], suppressed, tmp_path
    )
    assert [f["line"] for f in json.loads(out.stdout)["findings"]] == [6]
    plain = _stdin(["--select", "DL0", "-"], "designlint: 1\nname: [\n", tmp_path)
    assert plain.returncode == 1 and plain.stdout.startswith("-:3:1: DL001")


def test_standard_input_misuse_is_a_usage_error(tmp_path):
    assert _stdin(["-", "x.design.yaml"], CLEAN, tmp_path).returncode == 2
    alone = _stdin(["x.design.yaml", "--stdin-filename", "y.design.yaml"], CLEAN, tmp_path)
    assert alone.returncode == 2 and "needs `-`" in alone.stderr
