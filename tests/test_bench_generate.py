"""bench/generate.py makes designs that load and validate (no DL001/DL002), deterministically.

Performance itself lives in `make bench`, never in timed tests.
"""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT


def _generate():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("n", [2, 10, 100])
def test_generated_design_loads_and_validates(n, lint):
    gen = _generate()
    text = gen.dump(gen.design(n))
    findings = lint(text)
    assert not [f for f in findings if f.code in ("DL001", "DL002", "DL003", "DL004", "DL005")]


def test_generated_design_is_clean_and_acyclic(lint):
    gen = _generate()
    data = gen.design(100)
    calls = {sid: svc["calls"] for sid, svc in data["services"].items()}
    order = list(calls)
    assert all(order.index(t) > order.index(s) for s, ts in calls.items() for t in ts)
    assert 1.5 * len(calls) < sum(map(len, calls.values())) <= 2 * len(calls)
    findings = lint(gen.dump(data))
    assert [f"{f.code} {f.message}" for f in findings] == []


def test_generation_is_deterministic():
    gen = _generate()
    assert gen.dump(gen.design(50)) == gen.dump(gen.design(50))
