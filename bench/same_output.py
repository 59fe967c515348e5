"""Check that a performance change left `check`'s output alone, byte for byte.

Usage:
  python bench/same_output.py snapshot DIR   # `check --format json` of every design into DIR
  python bench/same_output.py compare A B    # exit 1 and name the files whose output differs

The designs: examples/, tests/corpus/ (pending included), every fixture under tests/rules/ and
the generated 10-, 100- and 1,000-service designs in bench/out/ (run `generate.py` first). Each
file is checked in its own `designlint` process, as a user runs it, and its exit code is kept
beside its output. Take a snapshot before the change, one after, and compare them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESIGNLINT = Path(sys.executable).with_name("designlint")


def designs() -> list[Path]:
    found = [
        *sorted(ROOT.glob("examples/*.yaml")),
        *sorted(ROOT.glob("tests/corpus/**/*.design.yaml")),
        *sorted(ROOT.glob("tests/rules/**/*.yaml")),
    ]
    found += [ROOT / "bench" / "out" / f"services-{n}.design.yaml" for n in (10, 100, 1000)]
    return [path for path in found if path.is_file()]


def snapshot(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for path in designs():
        run = subprocess.run(
            [str(DESIGNLINT), "check", "--format", "json", str(path.relative_to(ROOT))],
            cwd=ROOT,
            capture_output=True,
        )
        name = str(path.relative_to(ROOT)).replace("/", "_")
        (out / f"{name}.json").write_bytes(run.stdout + f"\nexit {run.returncode}\n".encode())
        (out / f"{name}.err").write_bytes(run.stderr)
    print(f"{len(designs())} designs -> {out}")
    return 0


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differ = [
        n
        for n in names
        if not (a / n).is_file()
        or not (b / n).is_file()
        or (a / n).read_bytes() != (b / n).read_bytes()
    ]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} files identical")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("snapshot").add_argument("dir", type=Path)
    both = sub.add_parser("compare")
    both.add_argument("a", type=Path)
    both.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        return snapshot(args.dir)
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
