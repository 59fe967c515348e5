"""The side doors (side_cases.yaml): config and baseline files, outputs, float options and big
designs through the real CLI, each ending in its documented exit code and message, in under
2 s, and (all of them, in one child process) under 200 MB."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from side_runner import CASES, HERE, make_files, needs_root, run

KINDS = {
    "char": stat.S_ISCHR,
    "block": stat.S_ISBLK,
    "fifo": stat.S_ISFIFO,
    "symlink": stat.S_ISLNK,
}
MAX_RSS_MB = 200


def _strict_json(text: str) -> None:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    json.loads(text, parse_constant=refuse)


def _control_free(text: str) -> bool:
    return not any(ord(ch) < 32 and ch not in "\n\t\r" or ord(ch) == 127 for ch in text)


def test_names_are_unique():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)) and len(names) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_side_door(case, tmp_path):
    if needs_root(case) and os.geteuid() != 0:
        pytest.skip("mknod needs root")
    make_files(case, tmp_path)
    kept = {
        name: (tmp_path / name).read_bytes() for name in case.get("after", {}).get("unchanged", [])
    }
    code, out, err, seconds = run(case, tmp_path)
    assert code == case["exit"], (code, out[-2000:], err[-2000:])
    assert "internal error" not in err and "Traceback" not in err, err
    assert case.get("stderr", "") in err, err[-2000:]
    assert case.get("stdout", "") in out, out[-2000:]
    if code == 2:  # one line (beside the usage lines click prints for a bad option)
        said = [line for line in err.splitlines() if line.strip()]
        assert len([line for line in said if not line.startswith(("Usage:", "Try "))]) == 1, err
    after = case.get("after", {})
    for name, data in kept.items():
        assert (tmp_path / name).read_bytes() == data, f"{name} was changed"
    for name, kind in after.get("kind", {}).items():
        assert KINDS[kind](os.lstat(tmp_path / name).st_mode), f"{name} is no longer a {kind}"
    texts = {"stdout": out}
    for name in after.get("json", []):
        _strict_json(texts.get(name) or (tmp_path / name).read_text(encoding="utf-8"))
    for name in after.get("printable", []):
        assert _control_free(texts.get(name) or (tmp_path / name).read_text(encoding="utf-8"))
    assert seconds < case.get("seconds", 2.0), f"{seconds:.2f} s"


def test_every_case_within_200_mb():
    """Every case again in one child process; its peak resident memory is the largest case's
    (plus the interpreter's), as the kernel counts it (VmHWM), not estimated."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    child = subprocess.run(
        [sys.executable, str(HERE / "side_runner.py")], env=env, capture_output=True, text=True
    )
    assert child.returncode == 0, child.stderr[-2000:]
    peak_mb = int(child.stdout.split()[-1]) / 1024  # VmHWM, kB: this process's own peak
    assert peak_mb < MAX_RSS_MB, f"peak {peak_mb:.0f} MB"


def test_fifo_output_with_a_reader_is_written_in_place(tmp_path):
    """A FIFO that a process reads gets the report through the pipe and stays a FIFO."""
    (tmp_path / "x.yaml").write_text("designlint: 1\nname: X\n")
    os.mkfifo(tmp_path / "out.pipe")
    reader = subprocess.Popen(["cat", str(tmp_path / "out.pipe")], stdout=subprocess.PIPE)
    case = {"args": ["check", "x.yaml", "--format", "json", "-o", "out.pipe"]}
    # On a loaded machine `cat` may not have reached its open() when Popen returns, and a FIFO
    # nobody reads yet is refused (by design, rather than waiting): try again until it reads.
    deadline = time.monotonic() + 60
    while True:
        code, _, err, _ = run(case, tmp_path)
        if "no process reads" not in err or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    received, _ = reader.communicate(timeout=30)
    assert code == 1, err
    _strict_json(received.decode())
    assert stat.S_ISFIFO(os.lstat(tmp_path / "out.pipe").st_mode)


def test_side_runner_is_in_the_corpus_folder():
    assert Path(__file__).parent == HERE


def test_output_to_proc_self_fd_1_is_written_to_stdout(tmp_path):
    """`-o /proc/self/fd/1` (a link to the pipe a real process writes to) reaches the pipe
    and replaces nothing; issue 14 saw it replaced by a regular file, exit 0."""
    from conftest import run_cli

    if not os.path.exists("/proc/self/fd/1"):
        pytest.skip("no /proc")
    (tmp_path / "x.yaml").write_text("designlint: 1\nname: X\n")
    result = run_cli("check", "x.yaml", "--format", "json", "-o", "/proc/self/fd/1", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    _strict_json(result.stdout)
