"""Time every rule of `check` in process, as `check` runs them, one design per process.

Usage: python bench/rule_times.py DESIGN [--rounds N]
Prints one JSON object per round: each enabled rule's CPU seconds (`time.process_time`), and
`_pre`, the estimates and the graph facts, computed before the rules so that no rule is charged
for them. Each round runs in a fresh process (the rules' per-process caches start empty, as in
`check`) with the cyclic GC off, on a fresh `Context`. Loading and validating are not timed.
Compare two versions in alternating runs, the other one through `PYTHONPATH=<its src>`.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time


def one_round(design: str) -> dict[str, float]:
    from designlint import config
    from designlint.context import Context
    from designlint.linter import _run_rule, rule_enabled
    from designlint.reading.load import validate
    from designlint.reading.source import load_text
    from designlint.registry import all_rules

    with open(design, encoding="utf-8") as handle:
        source = load_text(handle.read())
    loaded, problems = validate(source)
    if loaded is None:
        raise SystemExit(f"the design does not validate: {problems[:1]}")
    settings = config.Settings()
    rules = [
        r for r in all_rules().values() if r.check is not None and rule_enabled(r, settings, design)
    ]
    gc.disable()
    ctx = Context(loaded, source, design, overrides=dict(settings.overrides), settings=settings)
    start = time.process_time()
    _ = ctx.estimates, ctx.graph_facts
    times = {"_pre": time.process_time() - start}
    for r in rules:
        start = time.process_time()
        _run_rule(r, ctx, settings, source)
        times[r.code] = time.process_time() - start
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("design")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_process:
        print(json.dumps(one_round(args.design)))
        return 0
    for _ in range(args.rounds):
        subprocess.run([sys.executable, __file__, "--in-process", args.design], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
