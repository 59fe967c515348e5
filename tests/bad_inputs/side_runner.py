"""Run the side-door cases (side_cases.yaml) through the real CLI in this process.

Imported by test_side_doors.py, and run as a script by it in a child process whose peak memory
is then measured: `python side_runner.py` runs every case once and prints its own peak resident
memory in kB (VmHWM), which, unlike the rusage of a child, does not carry over the memory of
the large test process that spawned it (Linux keeps a process's rusage peak across exec).
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "side_cases.yaml").read_text(encoding="utf-8"))
HEAD = "designlint: 1\nname: X\n"
ROOT_ONLY = ("chardev", "blockdev")


def _alias_key() -> str:
    """A 1 MB description used as a mapping key 3,000 times (issue 14: 3.9 GB, then a panic)."""
    rows = "".join(f"  s{i}: {{*b : 1}}\n" for i in range(3000))
    return HEAD + "description: &b " + "x" * 1_000_000 + "\nservices:\n" + rows


def _did_you_mean() -> str:
    """10,000 services, each calling an undeclared id (issue 14: 26 s of "did you mean")."""
    rows = "".join(f"  service-{i}:\n    calls: [missing-{i}]\n" for i in range(10_000))
    return HEAD + "services:\n" + rows


def _call_cycle() -> str:
    """A ring of 10,000 services (issue 14: a 109 KB DL405 message)."""
    rows = "".join(
        f"  service-{i}: {{calls: [service-{(i + 1) % 10_000}]}}\n" for i in range(10_000)
    )
    return HEAD + "services:\n" + rows


def _unknown_names() -> str:
    """3,000 expressions, each naming a missing estimate: "did you mean" over every name."""
    rows = "".join(f"  est_{i}: {{expr: missing_{i} * 2}}\n" for i in range(3_000))
    return HEAD + "estimates:\n" + rows


GENERATORS = {
    "alias-key": _alias_key,
    "did-you-mean": _did_you_mean,
    "unknown-estimates": _unknown_names,
    "call-cycle": _call_cycle,
}


def needs_root(case: dict) -> bool:
    specs = case.get("files", {}).values()
    return any(isinstance(s, dict) and s.keys() & set(ROOT_ONLY) for s in specs)


def make_files(case: dict, folder: Path) -> None:
    if "generate" in case:
        (folder / "x.yaml").write_text(GENERATORS[case["generate"]](), encoding="utf-8")
    for name, spec in case.get("files", {}).items():
        path = folder / name
        if isinstance(spec, str):
            path.write_text(spec, encoding="utf-8", errors="surrogatepass")
        elif isinstance(spec, list):
            path.write_text("".join(text * times for text, times in spec), encoding="utf-8")
        elif "latin1" in spec:
            path.write_bytes(spec["latin1"].encode("latin-1"))
        elif "fifo" in spec:
            os.mkfifo(path)
        elif "link" in spec:
            path.symlink_to(spec["link"])
        elif "hardlink" in spec:
            os.link(folder / spec["hardlink"], path)
        elif "chardev" in spec:  # the same device as /dev/null
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        elif "blockdev" in spec:  # a loop device number; never opened: refused on stat
            os.mknod(path, 0o600 | stat.S_IFBLK, os.makedev(7, 250))
        else:
            raise ValueError(f"{case['name']}: unknown file spec {spec}")


def run(case: dict, folder: Path) -> tuple[int, str, str, float]:
    """(exit code, stdout, stderr, seconds) of the case's command line, run in `folder`."""
    from designlint.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(folder)
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(case["args"]))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0
    finally:
        seconds = time.perf_counter() - start
        os.chdir(before)
    return code, out.getvalue(), err.getvalue(), seconds


def main() -> None:
    import tempfile

    for case in CASES:
        if needs_root(case) and os.geteuid() != 0:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            make_files(case, Path(tmp))
            run(case, Path(tmp))
    status = Path("/proc/self/status").read_text(encoding="ascii")
    print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))


if __name__ == "__main__":
    sys.exit(main())
