"""Mermaid and DOT text: parsed by the real Mermaid parser (Node.js, `make test` installs it) and
by the real Graphviz, for twitter and for a design whose names try to break out or inject."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from designlint.diagram import dot, mermaid
from designlint.diagram import plan as planning
from designlint.model import Design
from designlint.reading.load import validate
from designlint.reading.source import load_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PARSER = HERE / "mermaid_parse.mjs"
CASES = {
    "twitter": ROOT / "examples" / "twitter.yaml",
    "hostile": HERE / "hostile.yaml",
    "write-up": HERE / "write-up.yaml",
}


def load(path: Path) -> Design:
    design, problems = validate(load_text(path.read_text(encoding="utf-8")))
    assert design is not None, problems
    return design


def plan_of(name: str) -> planning.Plan:
    # Highlight something so that classDef, class and the legend are parsed too.
    from designlint import config
    from designlint.linter import lint_path

    findings = lint_path(str(CASES[name]), config.Settings())
    return planning.build(load(CASES[name]), findings)


def mermaid_parse(files: list[Path]) -> list[dict]:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed (make test installs the Mermaid parser)")
    if not (ROOT / "node_modules" / "mermaid" / "package.json").exists():
        pytest.skip("the mermaid npm package is missing: run `make test` (npm ci)")
    done = subprocess.run(
        ["node", str(PARSER), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(files), done.stderr
    return results


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_mermaid_parses_it_with_exactly_our_nodes_and_edges(name: str, tmp_path: Path) -> None:
    plan = plan_of(name)
    out = tmp_path / f"{name}.mmd"
    out.write_text(mermaid.render(plan), encoding="utf-8")
    (result,) = mermaid_parse([out])
    assert result["ok"], result.get("error")
    assert result["type"] == "flowchart-v2"
    legend = {f"legend_{level}" for level in plan.highlight}
    assert set(result["vertices"]) == {n.id for n in plan.nodes} | legend
    assert [e[:2] for e in result["edges"]] == [[e.source, e.target] for e in plan.edges]
    subgraphs = {s[0] for s in result["subgraphs"]}
    assert {c.id for c in plan.clusters} <= subgraphs
    for text in [*result["vertices"].values(), *(e[2] for e in result["edges"])]:
        assert "<" not in text.replace("<br>", ""), text  # no markup reaches the page
        assert '"' not in text and "%%" not in text


def test_hostile_labels_are_entities_in_the_text() -> None:
    text = mermaid.render(plan_of("hostile"))
    body = text.split("flowchart LR\n", 1)[1]
    assert "<script" not in body and "<img" not in body and "%%{" not in body
    assert "#60;script#62;" in text
    for line in body.splitlines():
        inner = re.findall(r'"([^"]*)"', line)
        assert all("|" not in part for part in inner)


def test_mermaid_and_dot_are_byte_identical_across_builds() -> None:
    for name in CASES:
        first, second = plan_of(name), plan_of(name)
        assert mermaid.render(first) == mermaid.render(second)
        assert dot.render(first) == dot.render(second)


@pytest.mark.parametrize("name", sorted(CASES))
def test_graphviz_reads_our_dot_with_exactly_our_nodes(name: str) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    plan = plan_of(name)
    done = subprocess.run(
        ["dot", "-Tsvg"],
        input=dot.render(plan).encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    svg = ET.fromstring(done.stdout)
    ns = "{http://www.w3.org/2000/svg}"
    titles = [g.find(f"{ns}title").text for g in svg.iter(f"{ns}g") if g.get("class") == "node"]
    legend = {f"legend_{level}" for level in plan.highlight}
    assert set(titles) == {n.id for n in plan.nodes} | legend
    assert not [el for el in svg.iter() if el.tag.endswith(("script", "foreignObject", "a"))]
    edges = [g for g in svg.iter(f"{ns}g") if g.get("class") == "edge"]
    assert len(edges) == len(plan.edges)


def test_every_level_and_a_focus_parse_in_real_mermaid(tmp_path: Path) -> None:
    """`--level context|containers` and `--focus` give plans Mermaid reads with our nodes."""
    from designlint.diagram import levels

    plans = [
        planning.build(load(CASES[name]), level=level)
        for name in sorted(CASES)
        for level in levels.LEVELS
    ]
    plans.append(planning.build(load(CASES["twitter"]), focus="fanout-worker"))
    files = []
    for i, plan in enumerate(plans):
        files.append(tmp_path / f"{i}.mmd")
        files[-1].write_text(mermaid.render(plan), encoding="utf-8")
    for plan, result in zip(plans, mermaid_parse(files), strict=True):
        assert result["ok"], result.get("error")
        assert set(result["vertices"]) == {n.id for n in plan.nodes}
        assert [e[:2] for e in result["edges"]] == [[e.source, e.target] for e in plan.edges]
