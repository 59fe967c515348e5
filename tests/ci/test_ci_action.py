"""The composite GitHub Action (`action.yml`) and the design-review workflow in docs/: valid
against GitHub's schemas, actions pinned by commit, and its shell steps run for real on a git
repository with a remote base branch, as a pull-request job would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from ci_helpers import BIN, CACHES, ROOT

from designlint.diff.markdown import MARKER

ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "docs" / "examples" / "design-review.yml"
SHA = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def steps() -> dict[str, dict]:
    action = yaml.safe_load(ACTION.read_text())
    return {s.get("name") or s["uses"]: s for s in action["runs"]["steps"]}


def test_action_and_workflow_validate_against_githubs_schemas():
    for schema, path in (("github-actions", ACTION), ("github-workflows", WORKFLOW)):
        result = subprocess.run(
            [str(BIN / "check-jsonschema"), "--builtin-schema", f"vendor.{schema}", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_by_commit():
    action = yaml.safe_load(ACTION.read_text())
    assert action["runs"]["using"] == "composite"
    uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
    assert len(uses) == 3 and all(SHA.match(u) for u in uses), uses
    workflow = yaml.safe_load(WORKFLOW.read_text())
    job = workflow["jobs"]["designlint"]
    assert SHA.match(job["steps"][0]["uses"])
    assert workflow["permissions"] == {
        "contents": "read",
        "security-events": "write",
        "pull-requests": "write",
    }


def test_the_comment_script_finds_its_comment_by_the_diffs_marker():
    script = steps()["Comment on the pull request"]["with"]["script"]
    assert f'"{MARKER}"' in script and "updateComment" in script and "paginate" in script
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    check = "new (Object.getPrototypeOf(async function () {}).constructor)(process.argv[1]);"
    done = subprocess.run(["node", "-e", check, script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # github-script runs it as an async function body


def _run(step: str, cwd: Path, tmp: Path, **env: str) -> tuple[int, dict, str]:
    output, summary = tmp / "output", tmp / "summary"
    output.write_text(""), summary.write_text("")
    full = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "NO_COLOR": "1",
        **env,
    }
    done = subprocess.run(
        ["bash", "-e", "-c", steps()[step]["run"]],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
    )
    values = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return done.returncode, values, done.stdout + done.stderr + summary.read_text()


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture
def pull_request(tmp_path) -> Path:
    """A clone whose `main` is on a remote, with a pull request's change checked out."""
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(tmp_path, "init", "-q", "-b", "main", str(work))
    for key, value in (("user.email", "t@example.com"), ("user.name", "T")):
        _git(work, "config", key, value)
    (work / "designs").mkdir()
    (work / "designs" / "short.design.yaml").write_text(CACHES)
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "base")
    _git(work, "remote", "add", "origin", str(origin))
    _git(work, "push", "-q", "origin", "main")
    _git(work, "checkout", "-q", "-b", "change")
    (work / "designs" / "short.design.yaml").write_text(CACHES + "  feeds: {owner: link-service}\n")
    (work / ".designlint.yaml").write_text("select: [DL0, DL6]\n")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "change")
    return work


def test_the_check_and_diff_steps_run_on_a_pull_request(pull_request, tmp_path):
    code, out, _ = _run("Check designs", pull_request, tmp_path, INPUT_PATHS="designs")
    assert code == 0 and out["status"] == "1"  # three findings, the verdict comes later
    assert (pull_request / "designlint.sarif").exists()
    code, out, text = _run(
        "Compare with the base branch",
        pull_request,
        tmp_path,
        INPUT_PATHS="designs",
        BASE_REF="main",
        FAIL_ON="new-warning",
    )
    assert code == 0, text
    assert out == {"status": "1", "new": "1"}
    assert "::warning file=designs/short.design.yaml,line=9" in text
    assert MARKER in text and "1 new warning" in text  # the job summary got the Markdown


@pytest.mark.parametrize(
    ("check", "diff", "verdict"),
    [("1", "0", 0), ("0", "1", 1), ("2", "0", 2), ("1", "", 1), ("0", "", 0), ("0", "2", 2)],
)
def test_the_verdict_step(check, diff, verdict, tmp_path):
    code, _, _ = _run("Verdict", tmp_path, tmp_path, CHECK=check, DIFF=diff)
    assert code == verdict
