"""The documented GitHub Actions workflow is a valid workflow and uses what it claims to."""

from __future__ import annotations

import subprocess

import yaml
from ci_helpers import BIN, ROOT

WORKFLOW = ROOT / "docs" / "examples" / "designlint.yml"


def test_workflow_example_validates_with_check_jsonschema():
    exe = BIN / "check-jsonschema"
    result = subprocess.run(
        [str(exe), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_check_uploads_sarif_and_writes_the_summary():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = workflow["jobs"]["designlint"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "designlint check" in runs and "--format github" in runs
    assert "--output sarif=designlint.sarif" in runs and "--output markdown=designlint.md" in runs
    assert "$GITHUB_STEP_SUMMARY" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload"))
    assert upload["with"]["sarif_file"] == "designlint.sarif"
    assert workflow["permissions"]["security-events"] == "write"


def test_docs_mention_every_new_flag():
    text = (ROOT / "docs" / "ci.md").read_text() + (ROOT / "README.md").read_text()
    for flag in ("--output", "--config", "--baseline", "--write-baseline", "--jobs", "files:"):
        assert flag in text, flag
