"""Real designs, as written: RPCs, facts in words, triggers, third parties, parts of services,
new store kinds and failover scopes load, draw, and are judged for what they say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from designlint import config
from designlint.linter import lint_text
from designlint.numbers import quantity as q

WRITE_UP = Path(__file__).parent / "diagram" / "write-up.yaml"
DOCUMENT_CODES = ("DL001", "DL002", "DL003", "DL004", "DL005", "DL006", "DL007")


def test_a_design_with_every_new_construct_loads_and_draws(tmp_path: Path) -> None:
    findings = lint_text(WRITE_UP.read_text(encoding="utf-8"), "w.yaml", config.Settings())
    assert not [f for f in findings if f.code in DOCUMENT_CODES]
    for suffix in ("svg", "mmd", "dot"):
        done = run_cli("diagram", str(WRITE_UP), "-o", str(tmp_path / f"w.{suffix}"))
        assert done.returncode == 0, done.stderr
    assert "push-gateway" in (tmp_path / "w.mmd").read_text(encoding="utf-8")


def test_composition_with_unstated_components_is_never_ok(tmp_path: Path) -> None:
    done = run_cli("estimate", str(WRITE_UP), "--format", "json")
    flows = json.loads(done.stdout)["flows"]
    (send,) = [f for f in flows if f["flow"] == "send"]
    assert send["availability"]["unknown"] and send["availability"]["verdict"] == "unknown"
    assert send["latency"]["verdict"] == "unknown"  # one hop's budget is in words
    text = run_cli("estimate", str(WRITE_UP)).stdout
    assert "at most 99.99%, 2 component(s) unstated" in text
    for suffix in ("md", "html"):
        out = tmp_path / f"r.{suffix}"
        assert run_cli("report", str(WRITE_UP), "-o", str(out)).returncode in (0, 1)
        body = out.read_text(encoding="utf-8")
        assert "at most 99.99%" in body and "a few ms" in body


@pytest.mark.parametrize(
    "text",
    [
        "multiple",
        "until the stay's last night",
        "a few ms",
        "read replicas",
        "hundreds of millions of users a day",
    ],
)
def test_words_are_prose(text: str) -> None:
    assert q.stated(text) == q.Prose(text)


@pytest.mark.parametrize(
    ("text", "low", "high", "kind"),
    [
        ("millions of queries", 1e6, 1e7, "count"),
        ("tens of thousands", 1e4, 1e5, "count"),
        ("several hundred", 200, 1000, "count"),
        ("a few hundred bytes", 200, 1000, "data"),
        ("hundreds of GB", 1e11, 1e12, "data"),
        ("a few thousand per second", 2000, 10_000, "count/time"),
        ("dozens", 24, 120, "count"),
    ],
)
def test_orders_of_magnitude_span_their_order(
    text: str, low: float, high: float, kind: str
) -> None:
    found = q.stated(text)
    assert isinstance(found, q.Magnitude) and found.text == text
    assert found.low is not None and found.high is not None
    assert (found.low.base, found.high.base, found.low.kind) == (low, high, kind)


def test_an_order_of_magnitude_of_another_dimension_stays_words() -> None:
    assert q.check_stated(q.stated("a few hundred"), ("time",)) == q.Prose("a few hundred")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("5 or 7", 5, 7),
        ("7 or 5", 5, 7),
        ("3-5", 3, 5),
        ("3 to 5", 3, 5),
        ("between 2 and 4", 2, 4),
        ("3-5 ms", 0.003, 0.005),
        ("1k-2k/s", 1000, 2000),
        ("1-2k/s", 1000, 2000),
        ("between 5 and 2 million", 5, 2e6),
        ("5 or more", 5, None),
        ("100+", 100, None),
        ("at least 3", 3, None),
        ("≥3", 3, None),
        ("up to 10k", None, 10_000),
        ("<5s", None, 5),
        ("500 or fewer", None, 500),
    ],
)
def test_ranges_and_bounds_keep_their_ends(
    text: str, low: float | None, high: float | None
) -> None:
    found = q.stated(text)
    assert isinstance(found, q.Bounds) and found.text == text
    assert (found.low and found.low.base, found.high and found.high.base) == (low, high)
    assert q.least(found) == low


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("one", "spells a number"),
        ("Two replicas", "spells a number"),
        ("one million", "spells a number"),
        ("Dozen", "spells a number"),
        ("about 5ms", "approximate number: write the number alone"),
        ("roughly 3", "approximate number"),
        ("TBD", "placeholder"),
        ("n/a", "placeholder"),
        ("1B", "ambiguous"),
        ("~200ms", "approximate number"),
        ("7-5", "runs backwards"),
        ("3 ms-5 GB", "different dimensions"),
        ("5 for reads", "`for reads` is not a unit"),
        ("5 or seven", "`or seven` is not a unit"),
        ("5m", "ambiguous"),
        ("x" * 201, "belongs in `description`"),
    ],
)
def test_number_attempts_are_errors_never_prose(text: str, reason: str) -> None:
    with pytest.raises(q.QuantityError, match=reason):
        q.stated(text)


@pytest.mark.parametrize(
    ("text", "kinds", "reason"),
    [
        ("30 GB", ("time",), "is a size; expected a duration"),
        ("5ms", ("percent", "ratio"), "is a duration; expected a percentage"),
        ("-5ms", ("time",), "negative"),
        ("150%", ("percent",), "more than 100%"),
        ("99.9", ("percent", "ratio"), "write `99.9%`"),
        ("12k/s", ("count",), "is a rate; expected a count"),
    ],
)
def test_a_value_of_the_wrong_dimension_is_an_error(text: str, kinds: tuple, reason: str) -> None:
    with pytest.raises(q.QuantityError, match=reason):
        q.check_kind(q.parse(text), kinds)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("0", ("time",)), ("0.999", ("percent", "ratio")), ("20 GB/day", ("data/time",))],
)
def test_a_value_of_the_right_dimension_passes(text: str, kinds: tuple) -> None:
    assert q.check_kind(q.parse(text), kinds).text == text


def test_a_service_writing_another_services_store_unless_part_of_it() -> None:
    base = (
        "designlint: 1\nname: X\ndatastores:\n  db: {kind: relational, owner: api}\n"
        "services:\n  api: {}\n  worker: {kind: worker, writes: [db]PART}\n"
    )
    select = config.Settings(select=("DL402",))
    foreign = lint_text(base.replace("PART", ""), "x.yaml", select)
    assert [f.code for f in foreign] == ["DL402"]
    assert lint_text(base.replace("PART", ", part_of: api"), "x.yaml", select) == []
