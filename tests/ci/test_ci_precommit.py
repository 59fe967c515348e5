"""The real pre-commit runs our hook (`pre-commit try-repo` against this repository).

try-repo installs designlint from the repository's HEAD into its own virtualenv, which needs
PyPI: slow (about a minute) and skipped when the network or git is unavailable. Both runs
share one PRE_COMMIT_HOME and one revision so the environment is built once.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from ci_helpers import BIN, CLEAN, ROOT

PRE_COMMIT = BIN / "pre-commit"
OFFLINE = ("NewConnectionError", "Temporary failure in name resolution", "No matching distribution")


def _git(*args: str, cwd) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    if not PRE_COMMIT.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("the checkout is not a git repository (try-repo needs one)")
    rev = _git("rev-parse", "HEAD", cwd=ROOT)
    tracked = _git("ls-tree", "--name-only", rev, ".pre-commit-hooks.yaml", cwd=ROOT)
    if not tracked:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "designs"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    (repo / "clean.design.yaml").write_text(CLEAN)
    (repo / "broken.design.yaml").write_text("designlint: 1\nname: X\ndatastore: {}\n")
    (repo / "notes.yaml").write_text("not: [a design\n")  # outside the hook's `files:`
    # Keep the verdict about this test's designs, not about rules being added elsewhere.
    (repo / ".designlint.yaml").write_text("select: [DL0]\n")
    _git("add", ".", cwd=repo)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "NO_COLOR": "1",
    }
    _git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "designs", cwd=repo)
    return repo, rev, env


def try_repo(workspace, *files: str) -> subprocess.CompletedProcess:
    repo, rev, env = workspace
    cmd = [str(PRE_COMMIT), "try-repo", str(ROOT), "designlint", "--ref", rev, "--color", "never"]
    result = subprocess.run(
        [*cmd, "--files", *files], cwd=repo, env=env, capture_output=True, text=True, timeout=900
    )
    if result.returncode not in (0, 1) or "An unexpected error" in result.stdout:
        if any(marker in result.stdout + result.stderr for marker in OFFLINE):
            pytest.skip("pre-commit could not install designlint (no network to PyPI?)")
    return result


def test_hook_passes_on_a_clean_design(workspace):
    result = try_repo(workspace, "clean.design.yaml", "notes.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "designlint" in result.stdout and "Passed" in result.stdout


def test_hook_fails_on_a_broken_design(workspace):
    result = try_repo(workspace, "clean.design.yaml", "broken.design.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "broken.design.yaml:3:1: DL002" in result.stdout
    assert "clean.design.yaml:" not in result.stdout


def test_hook_file_matches_only_design_files():
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "designlint")
    assert hook["entry"] == "designlint check" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("designs/a.design.yaml") and pattern.search("b.design.yml")
    assert not pattern.search("notes.yaml") and not pattern.search("x.design.yaml.bak")
