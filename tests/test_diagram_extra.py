"""`diagrams` is the optional `diagram` extra: without it everything but pictures works.

The runs block `import diagrams` in a real interpreter (a `None` entry in `sys.modules` makes
Python raise ImportError), which is what an install without the extra looks like to our code.
The real install without the extra is exercised by tests/ci/test_ci_precommit.py: the hook's
environment is built from `pip install` of this repository and runs `check` there.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TWITTER = ROOT / "examples" / "twitter.yaml"
WITHOUT = "import sys; sys.modules['diagrams'] = None; from designlint.cli import main; main()"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT, *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _toml() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_diagrams_is_only_in_the_diagram_extra():
    project = _toml()["project"]
    assert not any(d.lower().startswith("diagrams") for d in project["dependencies"])
    assert any(d.startswith("diagrams") for d in project["optional-dependencies"]["diagram"])
    assert "'.[dev,diagram]'" in (ROOT / "Makefile").read_text()  # make demo and make test


def test_without_the_extra_check_works_and_diagram_says_how_to_get_it(tmp_path):
    check = run("check", str(TWITTER), cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    png = run("diagram", str(TWITTER), "-o", str(tmp_path / "t.png"), cwd=tmp_path)
    assert png.returncode == 2
    assert "pip install 'designlint[diagram]'" in png.stderr
    assert "Traceback" not in png.stderr and not (tmp_path / "t.png").exists()
    mmd = run("diagram", str(TWITTER), "-o", str(tmp_path / "t.mmd"), cwd=tmp_path)
    assert mmd.returncode == 0 and "\nflowchart LR\n" in (tmp_path / "t.mmd").read_text()


def test_without_the_extra_the_report_says_how_to_get_a_picture(tmp_path):
    out = tmp_path / "r.html"
    result = run("report", str(TWITTER), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert 'id="diagram-missing"' in page and "designlint[diagram]" in page


def test_the_hook_environment_size_is_measured_in_docs_ci():
    text = (ROOT / "docs" / "ci.md").read_text()
    before, now = (int(n.replace(",", "")) for n in re.findall(r"\| ([\d,]{9,}) bytes", text))
    assert now < before / 2, (before, now)
