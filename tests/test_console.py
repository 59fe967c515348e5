"""The installed `designlint` command turns the cyclic GC off before it imports anything.

`cli.main` turns the GC off too, but after importing click and the command table; the console
entry point does it first, so the shipped command runs what `make bench`'s what-if runs
(`gc.disable()` on the interpreter's first line). These run real interpreters: the GC state and
the modules loaded are those of a fresh process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TWITTER = ROOT / "examples" / "twitter.yaml"

# Records the GC state at the moment click is first imported, then runs the entry point.
PROBE = (
    "import builtins, gc, json, sys\n"
    "seen = {}\n"
    "real = builtins.__import__\n"
    "def spy(name, *a, **k):\n"
    "    if name == 'click' and 'click' not in seen:\n"
    "        seen['click'] = gc.isenabled()\n"
    "    return real(name, *a, **k)\n"
    "builtins.__import__ = spy\n"
    "import designlint.console\n"
    "builtins.__import__ = real\n"
    "print(json.dumps({'click': seen.get('click'), 'after': gc.isenabled()}))\n"
)


def probe(**env: str) -> dict[str, bool]:
    """The GC state when click was imported and after the entry module, in a fresh process
    whose environment is this one's without DESIGNLINT_GC, plus `env`."""
    base = {k: v for k, v in os.environ.items() if k != "DESIGNLINT_GC"}
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={**base, **env},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_the_installed_command_starts_at_the_console_module():
    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "designlint"]
    assert script.value == "designlint.console:main"


def test_the_gc_is_off_before_click_is_imported():
    assert probe() == {"click": False, "after": False}


def test_designlint_gc_keeps_it_on():
    assert probe(DESIGNLINT_GC="1") == {"click": True, "after": True}


def test_python_dash_m_runs_the_same_entry_point():
    run = subprocess.run(
        [sys.executable, "-m", "designlint", "check", str(TWITTER)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "All checks passed" in run.stdout
