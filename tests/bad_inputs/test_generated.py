"""Big hostile inputs, generated here rather than committed: nesting, bombs, sizes, storms."""

from __future__ import annotations

import time

import pytest

from designlint import config
from designlint.linter import lint_bytes
from designlint.reading.source import Limits

HEAD = b"designlint: 1\nname: X\n"


def lint(raw: bytes, **limits):
    settings = config.Settings(limits=Limits(**limits)) if limits else config.Settings()
    start = time.perf_counter()
    findings = lint_bytes(raw, "gen.yaml", settings)
    return findings, time.perf_counter() - start


def only(findings, code: str, fragment: str):
    assert [f.code for f in findings] == [code], [(f.code, f.message) for f in findings]
    assert fragment in findings[0].message
    return findings[0]


@pytest.mark.parametrize("depth", [10_000, 100_000])
@pytest.mark.parametrize(
    "shape",
    [
        lambda d: HEAD + b"x-deep: " + b"[" * d + b"]" * d + b"\n",  # flow lists
        lambda d: HEAD + b"x-deep: " + b"{a: " * d + b"1" + b"}" * d + b"\n",  # flow maps
        lambda d: HEAD + b"x-deep: " + b"[" * d + b"\n",  # unclosed
        lambda d: HEAD + b"x-deep:\n" + b"- " * d + b"x\n",  # block lists on one line
        # indented block maps: 5,000 levels is 12.5 MB already, under the 16 MiB cap
        lambda d: HEAD + b"x-deep:\n" + b"".join(b" " * (i + 1) + b"k:\n" for i in range(5_000)),
    ],
    ids=["flow-list", "flow-map", "unclosed", "block-list", "block-map"],
)
def test_deep_nesting_is_a_finding_not_a_crash(depth, shape):
    raw = shape(depth)
    findings, seconds = lint(raw)
    f = only(findings, "DL001", "nested more than 64 levels deep")
    assert f.span.line >= 3
    assert seconds < 2.0


def test_billion_laughs_fast_and_located():
    lol = '"lol",' * 7 + '"lol"'
    lines = [HEAD.decode().rstrip("\n"), f"x-a0: &a0 [{lol}]"]
    for i in range(1, 12):  # 8**12 = 68 billion nodes if expanded
        lines.append(f"x-a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 8) + "]")
    findings, seconds = lint(("\n".join(lines) + "\n").encode())
    f = only(findings, "DL001", "alias bomb")
    assert (f.span.line, f.span.column) == (9, 32)  # the alias that crosses the limit
    assert seconds < 0.5


def test_alias_budget_is_configurable():
    raw = HEAD + b"x-a: &a [1, 2, 3, 4]\nx-b: [*a, *a, *a]\n"
    assert not [f for f in lint(raw)[0] if f.code == "DL001"]
    only(lint(raw, max_nodes=10)[0], "DL001", "more than 10 nodes")


def test_oversized_content_cap_configurable():
    raw = HEAD + b"description: " + b"x" * 2_000 + b"\n"
    f = only(lint(raw, max_bytes=1_000)[0], "DL001", "exceeds the 1,000-byte limit")
    assert (f.span.line, f.span.column) == (1, 1)


def test_default_byte_cap_is_16_mib():
    assert Limits().max_bytes == 16 * 1024 * 1024


@pytest.mark.parametrize("size", [1_000_001, 5_000_000])
def test_very_long_string_is_refused_at_its_place(size):
    raw = HEAD + b"description: " + b"x" * size + b"\n"
    f = only(lint(raw)[0], "DL001", f"a scalar of {size:,} characters")
    assert (f.span.line, f.span.column) == (3, 14)


def test_long_string_under_the_cap_is_fine():
    raw = HEAD + b"description: " + b"x" * 200_000 + b"\n"
    assert not [f for f in lint(raw)[0] if f.code in ("DL001", "DL002")]


@pytest.mark.parametrize(
    "body",
    [
        b"".join(b"k%d: 1\n" % i for i in range(30_000)),  # unknown keys ("did you mean")
        b"".join(b"a: 1\n" for _ in range(30_000)),  # duplicate keys
        b"services:\n  a:\n    calls: [" + b",".join([b"[]"] * 30_000) + b"]\n",  # type errors
        b"services:\n  a:\n    calls: [" + b",".join(b"n%d" % i for i in range(30_000)) + b"]\n",
        b"services:\n  a:\n    calls: [" + b",".join([b"NO"] * 30_000) + b"]\n",  # DL006 + DL003
    ],
    ids=["unknown-keys", "duplicate-keys", "type-errors", "bad-references", "traps"],
)
def test_problem_storms_are_capped(body):
    findings, seconds = lint(HEAD + body, max_problems=100)
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    assert max(by_code.values()) <= 102, by_code
    assert any("not shown" in f.message for f in findings)
    assert seconds < 20


def test_integer_digit_limit_is_below_cpythons():
    raw = HEAD + b"services:\n  a: {replicas: " + b"1" * 4_000 + b"}\n"
    assert not [f for f in lint(raw)[0] if f.code == "DL001"]  # 4,000 digits still load
    raw = HEAD + b"services:\n  a: {replicas: " + b"1" * 4_001 + b"}\n"
    only(lint(raw)[0], "DL001", "4,001 digits")


def test_many_plain_nodes_are_not_called_a_bomb():
    raw = HEAD + b"x-list: [" + b"1," * 300 + b"1]\n"
    f = only(lint(raw, max_nodes=100)[0], "DL001", "has more than 100 nodes")
    assert "alias" not in f.message
