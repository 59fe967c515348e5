"""What estimates cost: pint's default registry against designlint's small one, lark, evaluation.

Usage: python bench/estimates.py [--repeat N] [DESIGN]
Prints one JSON object of milliseconds (median and minimum), each measured in a fresh
interpreter (so module imports are cold, as they are for a user running `designlint check`):

- import_pint: `import pint` after designlint's own imports (pydantic, yaml, click...)
- default_registry: `pint.UnitRegistry()`, pint's full definitions (the cost avoided)
- custom_registry: `designlint.numbers.units.registry()`, the shipped 25-unit definitions file
- lark: importing lark and building the LALR expression parser
- evaluate: evaluating DESIGN's estimates (default examples/twitter.yaml) once everything above
  is loaded
- pint_imported_without_estimates: whether linting a design with no estimates imports pint
  (it must not)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TWITTER = os.path.join(HERE, "..", "examples", "twitter.yaml")

PROBE = r"""
import json, sys, time
import designlint.linter, designlint.model, designlint.registry
designlint.registry.all_rules()
out = {}
t = time.perf_counter(); import pint; out["import_pint"] = time.perf_counter() - t
t = time.perf_counter(); pint.UnitRegistry(); out["default_registry"] = time.perf_counter() - t
from designlint.numbers import units
t = time.perf_counter(); units.registry(); out["custom_registry"] = time.perf_counter() - t
from designlint.numbers import expr
t = time.perf_counter(); expr._parser(); out["lark"] = time.perf_counter() - t
from designlint.numbers.estimates import evaluate
from designlint.reading.load import validate
from designlint.reading.source import load_text
design, _ = validate(load_text(open(sys.argv[1], encoding="utf-8").read()))
t = time.perf_counter(); evaluate(design, {}, None); out["evaluate"] = time.perf_counter() - t
print(json.dumps(out))
"""

WITHOUT = r"""
import sys
from designlint import config
from designlint.linter import lint_text
lint_text("designlint: 1\nname: X\n", "x.yaml", config.Settings())
print("pint" in sys.modules)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("design", nargs="?", default=TWITTER)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    runs: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        result = subprocess.run(
            [sys.executable, "-c", PROBE, args.design], capture_output=True, text=True, check=True
        )
        for key, seconds in json.loads(result.stdout).items():
            runs.setdefault(key, []).append(seconds * 1000)
    report: dict[str, object] = {
        k: {"median": round(statistics.median(v), 2), "min": round(min(v), 2)}
        for k, v in runs.items()
    }
    without = subprocess.run(
        [sys.executable, "-c", WITHOUT], capture_output=True, text=True, check=True
    )
    report["pint_imported_without_estimates"] = without.stdout.strip() == "True"
    report["unit"] = "ms"
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
