"""The graph rules' shortcuts agree with the definitions they shortcut, on every design we have.

`adjacency` is the walk of `references` without the paths, written out inline for speed; the
examples, the corpus and every rule fixture hold the odd cases (duplicate ids, owner lists,
unknown references, fan-outs, dead letters) that the two walks must treat alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from designlint.graph import GraphFacts, adjacency, call_paths, references
from designlint.model import Design
from designlint.reading.load import validate
from designlint.reading.source import load_text
from designlint.rules.services.technology_named_service import _any_technology, technology_in

ROOT = Path(__file__).resolve().parents[1]
DESIGNS = sorted(
    [
        *ROOT.glob("examples/*.yaml"),
        *ROOT.glob("tests/corpus/**/*.design.yaml"),
        *ROOT.glob("tests/rules/**/*.yaml"),
    ]
)


def load(path: Path) -> Design | None:
    try:
        source = load_text(path.read_text(encoding="utf-8"))
    except Exception:  # a fixture of the loader's own errors: nothing to walk
        return None
    design, _ = validate(source)
    return design


def slow_adjacency(design: Design) -> dict:
    succ: dict = {(section, cid): {} for cid, (section, _) in design.components.items()}
    for src, dst, kind, _ in references(design):
        kinds = succ[src].setdefault(dst, ())
        if kind not in kinds:
            succ[src][dst] = (*kinds, kind)
    return succ


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: str(p.relative_to(ROOT)))
def test_adjacency_is_the_references_without_their_paths(path: Path):
    design = load(path)
    if design is None:
        pytest.skip("does not validate")
    fast = adjacency(design)
    slow = slow_adjacency(design)
    assert list(fast) == list(slow)
    for node, targets in slow.items():
        assert list(fast[node].items()) == list(targets.items()), node


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: str(p.relative_to(ROOT)))
def test_call_paths_are_the_first_call_references(path: Path):
    design = load(path)
    if design is None:
        pytest.skip("does not validate")
    first: dict = {}
    for src, dst, kind, where in references(design):
        if kind == "call":
            first.setdefault(src, {}).setdefault(dst, where)
    for cid, (section, _) in design.components.items():
        assert call_paths(design, (section, cid)) == first.get((section, cid), {})


TEXTS = [
    "tweet-service",
    "GoService",
    "golang-api",
    "mongoose",
    "Node.js gateway",
    "k8s-operator",
    "python3-worker",
    "Lambdas",
    "data-nodes",
    "s3",
    "orders-12",
    "Orders 12",
    "tweetRedisCache",
    "ABCKafka",
    "café-kafka",
    "İndex service",
    "timeline_svc",
    "Search (Elasticsearch)",
    "2048",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_joined_technology_check_is_the_per_name_one(text: str):
    assert _any_technology([text]) == bool(technology_in(text))


def test_the_joined_technology_check_sees_every_name():
    quiet = [t for t in TEXTS if not technology_in(t)]
    assert not _any_technology(quiet)
    for loud in (t for t in TEXTS if technology_in(t)):
        assert _any_technology([*quiet, loud]), loud


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: str(p.relative_to(ROOT)))
def test_few_replicas_are_the_models_with_fewer_than_two(path: Path):
    design = load(path)
    if design is None:
        pytest.skip("does not validate")
    expected = {
        (section, cid): model.replicas
        for cid, (section, model) in design.components.items()
        if not (type(model.replicas) is int and model.replicas >= 2)
    }
    assert GraphFacts(design).few_replicas == expected
