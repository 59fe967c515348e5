"""`designlint diff` against `check` on both versions of a 1,000-service design.

Usage: python bench/diff.py [N] [--rounds R]   (default N=1000, R=5)

The base is bench/generate.py's design of N services; the head is a plausible revision of
it: every 10th service gets one more replica, every cache twice the memory per node, and ten
new services are added (copies of existing ones under new ids, called by nobody, so the diff
has new findings to report as well as structure to compare). Each round runs
`designlint check BASE HEAD` and `designlint diff BASE HEAD` (order alternating between rounds,
the output to /dev/null) and the ratio is the median of the per-round ratios of wall time.
No test asserts a timing: the figure goes to bench/README.md.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate  # noqa: E402


def revision(data: dict) -> dict:
    head = copy.deepcopy(data)
    services = head["services"]
    for i, sid in enumerate(list(services)):
        if i % 10 == 0:
            services[sid]["replicas"] = services[sid].get("replicas", 1) + 1
    for cache in head.get("caches", {}).values():
        if "node_memory" in cache:
            cache["node_memory"] = "128 GB"
    for sid in list(services)[:10]:
        clone = copy.deepcopy(services[sid])
        clone.pop("owns", None)
        clone.pop("reads", None)
        clone.pop("writes", None)
        clone.pop("publishes", None)
        services[f"{sid}-next"] = clone
    return head


def _time(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    out = os.path.join(HERE, "out")
    os.makedirs(out, exist_ok=True)
    base_data = generate.design(args.n)
    base = os.path.join(out, f"services-{args.n}.design.yaml")
    head = os.path.join(out, f"services-{args.n}-v2.design.yaml")
    for path, data in ((base, base_data), (head, revision(base_data))):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(generate.dump(data))
    exe = os.path.join(os.path.dirname(sys.executable), "designlint")
    check = [exe, "check", base, head]
    diff = [exe, "diff", base, head]
    _time(check), _time(diff)  # warm the bytecode and file caches
    ratios, checks, diffs = [], [], []
    for r in range(args.rounds):
        if r % 2:
            d, c = _time(diff), _time(check)
        else:
            c, d = _time(check), _time(diff)
        checks.append(c)
        diffs.append(d)
        ratios.append(d / c)
    summary = subprocess.run(diff, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    print(f"designs: {base} -> {head}")
    print(f"diff says: {summary}")
    print(f"check on both: median {statistics.median(checks):.2f} s over {args.rounds} rounds")
    print(f"diff:          median {statistics.median(diffs):.2f} s")
    print(f"diff / check:  median ratio {statistics.median(ratios):.2f} (limit 2.0)")


if __name__ == "__main__":
    main()
