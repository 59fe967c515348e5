"""Time the graph rules in process: the DL4xx and DL702 checks, as `check` runs them.

Usage: python bench/graph_rules.py DESIGN [--repeat N]
Prints one JSON object: the design's size, the median seconds of each rule and of the whole
(the component adjacency + shared analyses + rules) with every round's total, or
`{"skipped": reason}` when `designlint.graph` is not there yet. The headline figures run as
`check` does, with the cyclic GC off; the same with the GC on follow for comparison. Each round
starts from a fresh `Context`, so the adjacency and the shared analyses (`Context.graph_facts`,
`Context.shared`) are paid in every round, inside the first rule that asks. Beside the total,
not in it: `adjacency_s`, the walk over the design's references alone (paid inside the first
rule), and `build_graph_s`, networkx's `DiGraph` built in bulk from that adjacency with each
edge's paths collected from `references`, which `check` does not build (the rules read the
adjacency; `designlint diff` builds the graph).
Loading and validating are not timed: they are the CLI benchmarks' business.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import statistics
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("design")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if importlib.util.find_spec("designlint.graph") is None:
        print(json.dumps({"skipped": "designlint.graph is not written yet"}))
        return 0

    from designlint import config
    from designlint.context import Context
    from designlint.graph import adjacency, build_graph
    from designlint.linter import lint_source  # noqa: F401 - the rules' own import path
    from designlint.reading.load import validate
    from designlint.reading.source import load_text
    from designlint.registry import all_rules

    with open(args.design, encoding="utf-8") as handle:
        source = load_text(handle.read())
    design, problems = validate(source)
    if design is None:
        print(json.dumps({"skipped": f"the design does not validate: {problems[:1]}"}))
        return 1
    settings = config.Settings()
    rules = [
        r
        for code, r in all_rules().items()
        if r.check is not None and (code.startswith("DL4") or code == "DL702")
    ]
    graph = build_graph(design)  # for the figures below; networkx is imported here, untimed
    result: dict = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "sync_calls": sum(len(s.calls) for s in design.services.values()),
        "repeat": args.repeat,
    }
    # As `check` runs (cli.py turns the cyclic GC off), then with the GC on.
    for mode in ("gc_off", "gc_on"):
        if mode == "gc_off":
            gc.disable()
        else:
            gc.enable()
        result[mode] = _measure(design, source, args, rules, settings, Context)
        result[mode].update(_builds(design, args.repeat, adjacency, build_graph))
    result.update(result["gc_off"])  # the headline figures: as the CLI runs
    print(json.dumps(result))
    return 0


def _measure(design, source, args, rules, settings, context_type) -> dict:
    total: list[float] = []
    cpu: list[float] = []
    per_rule: dict[str, list[float]] = {r.code: [] for r in rules}
    findings: dict[str, int] = {}
    for _ in range(args.repeat):
        start = time.perf_counter()
        cpu_start = time.process_time()
        ctx = context_type(design, source, args.design, settings=settings)
        for r in rules:
            if r.options is not None:
                ctx.rule_options = {**ctx.rule_options, r.code: r.options()}
            ctx.current_rule = r.code
            t0 = time.perf_counter()
            findings[r.code] = sum(1 for _ in r.check(ctx))
            per_rule[r.code].append(time.perf_counter() - t0)
        total.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return {
        "rules_s": {code: statistics.median(v) for code, v in per_rule.items()},
        "total_s": statistics.median(total),
        "total_rounds_s": total,
        "cpu_s": statistics.median(cpu),  # this process's CPU: less hostage to the load
        "findings": {code: n for code, n in findings.items() if n},
    }


def _builds(design, repeat: int, adjacency, build_graph) -> dict:
    """The walk alone and networkx's bulk build from it, beside the total, not in it."""
    walk: list[float] = []
    build: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        succ = adjacency(design)
        walked = time.perf_counter()
        build_graph(design, succ)
        walk.append(walked - start)
        build.append(time.perf_counter() - walked)
    return {"adjacency_s": statistics.median(walk), "build_graph_s": statistics.median(build)}


if __name__ == "__main__":
    sys.exit(main())
