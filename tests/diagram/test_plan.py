"""The diagram plan as data, without Graphviz: a golden of the twitter plan, ids, edge types,
flow rates, clusters, highlighting and the collapse of large designs.

Regenerate the golden after an intended change: DESIGNLINT_UPDATE_GOLDEN=1 pytest tests/diagram
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from designlint.diagram import plan as planning
from designlint.findings import Finding, Severity
from designlint.model import Design
from designlint.reading.load import validate
from designlint.reading.source import load_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GOLDEN = HERE / "golden" / "twitter.plan.json"


def load(path: Path) -> Design:
    design, problems = validate(load_text(path.read_text(encoding="utf-8")))
    assert design is not None, problems
    return design


def design(**sections) -> Design:
    return Design.model_validate({"designlint": 1, "name": "t", **sections})


def as_json(plan: planning.Plan) -> str:
    data = dataclasses.asdict(plan)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def edge(plan: planning.Plan, kind: str, source: str | None = None) -> planning.PlanEdge:
    found = [e for e in plan.edges if e.kind == kind and (source is None or e.source == source)]
    assert len(found) == 1, (kind, found)
    return found[0]


def test_twitter_plan_matches_golden() -> None:
    text = as_json(planning.build(load(ROOT / "examples" / "twitter.yaml")))
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_twitter_shows_post_path_fanout_timeline_cache_pull_and_read_path() -> None:
    plan = planning.build(load(ROOT / "examples" / "twitter.yaml"))
    publish = edge(plan, "publish")
    assert (publish.source, publish.target) == ("services__tweet_service", "queues__new_tweets")
    assert publish.style == "dashed" and ("post-tweet", "1.2k/s") in publish.flows
    consume = [e for e in plan.edges if e.kind == "consume" and e.target.endswith("fanout_worker")]
    assert consume and consume[0].style == "dashed"
    fan = edge(plan, "fan-out")
    assert (fan.source, fan.target) == ("services__fanout_worker", "caches__timeline_cache")
    assert "fan-out on write (≤ 10k followers)" in fan.text()
    pull = edge(plan, "pull")
    assert (pull.source, pull.target) == ("services__timeline_service", "datastores__tweet_db")
    assert pull.text().startswith("celebrity pull (> 10k followers)")
    read = [e for e in plan.edges if ("read-timeline", "120k/s") in e.flows]
    targets = {e.target for e in read}
    assert {"edge__api_gateway", "services__timeline_service", "caches__timeline_cache"} <= targets
    # The read path reaches the celebrity tweets through their owner, the tweet service.
    assert {(e.source, e.target) for e in read} >= {
        ("services__tweet_service", "datastores__tweet_db")
    }
    assert plan.node("caches__timeline_cache").technology == "redis"


def test_ids_come_from_model_paths_and_never_collide() -> None:
    d = design(
        services={"tweet-service": {}, "tweet_service": {}, "%%": {}, "end": {}},
        caches={"tweet-service": {}},
    )
    ids = [n.id for n in planning.build(d).nodes]
    assert ids[0] == "services__tweet_service"
    assert ids[1].startswith("services__tweet_service_") and ids[1] != ids[0]
    assert ids[2].startswith("services__x") and ids[3] == "services__end"
    assert len(set(ids)) == len(ids)
    assert all(c.isalnum() or c == "_" for i in ids for c in i)


def test_same_input_same_plan() -> None:
    d = load(ROOT / "examples" / "twitter.yaml")
    assert as_json(planning.build(d)) == as_json(planning.build(d))


def test_labels_are_one_clean_line() -> None:
    d = design(services={"s": {"name": "a\nb\tc\x1bd\u2028" + "x" * 100}})
    label = planning.build(d).nodes[0].label
    assert "\n" not in label and "\x1b" not in label and len(label) <= planning.MAX_LABEL


def test_reads_writes_calls_and_dead_letters_are_typed() -> None:
    d = design(
        services={
            "a": {"calls": ["b"], "reads": ["db"], "writes": ["db", "c"], "publishes": ["q"]},
            "b": {},
        },
        datastores={"db": {"kind": "relational"}, "c": {"kind": "key-value"}},
        queues={"q": {"dead_letter": "dlq", "consumers": {"b": {}}}, "dlq": {}},
    )
    kinds = {(e.source, e.target): (e.kind, e.style) for e in planning.build(d).edges}
    assert kinds[("services__a", "services__b")] == ("call", "solid")
    assert kinds[("services__a", "datastores__db")] == ("read-write", "solid")
    assert kinds[("services__a", "datastores__c")] == ("write", "solid")
    assert kinds[("services__a", "queues__q")] == ("publish", "dashed")
    assert kinds[("queues__q", "services__b")] == ("consume", "dashed")
    assert kinds[("queues__q", "queues__dlq")] == ("dead-letter", "dashed")


def test_regions_cluster_the_components_that_name_them() -> None:
    d = design(
        regions={"us": {}, "eu": {}},
        clients={"web": {"regions": ["us"], "calls": ["lb"]}},
        edge={"lb": {"kind": "load-balancer", "regions": ["us"]}},
        services={"a": {"regions": ["us", "eu"], "owns": ["db"]}, "b": {}},
        datastores={"db": {"kind": "relational"}},
    )
    plan = planning.build(d)
    labels = {c.label: c for c in plan.clusters}
    assert set(labels) == {"region us", "regions us, eu"}
    assert labels["region us"].clusters[0].kind == "edge"
    assert labels["regions us, eu"].clusters[0].nodes == ("services__a", "datastores__db")
    assert [n.id for n in plan.loose_nodes()] == ["services__b"]


def test_findings_colour_their_components() -> None:
    d = design(services={"a": {}, "b": {}}, fanout={"f": {"strategy": "push", "worker": "b"}})

    def finding(path: tuple, severity: Severity) -> Finding:
        return Finding("DL999", "x", severity, "m", "f.yaml", model_path=path)

    found = [
        finding(("services", "a", "calls", 0), Severity.WARNING),
        finding(("services", "a"), Severity.ERROR),
        finding(("fanout", "f"), Severity.WARNING),
        finding(("requirements",), Severity.ERROR),
        finding(("services", "b"), Severity.INFO),
    ]
    plan = planning.build(d, found)
    assert [n.severity for n in plan.nodes] == ["error", "warning"]
    assert plan.highlight == {"error": 1, "warning": 1}
    assert planning.build(d).highlight == {}


def test_large_designs_fold_then_leave_out_and_say_so() -> None:
    services = {
        f"s{i}": {"owns": [f"db{i}"], "calls": [f"s{i + 1}"] if i < 199 else []} for i in range(200)
    }
    stores = {f"db{i}": {"kind": "relational"} for i in range(200)}
    d = design(services=services, datastores=stores, flows={"f": {"path": ["s0", "s1", "s2"]}})
    plan = planning.build(d, max_nodes=50)
    assert len(plan.nodes) == 50
    assert plan.omitted[0] == "200 owned datastores and caches folded into their services"
    assert plan.omitted[1].startswith("left out 150 of 400 components")
    ids = {n.id for n in plan.nodes}
    assert {"services__s0", "services__s1", "services__s2"} <= ids
    assert all(e.source in ids and e.target in ids for e in plan.edges)
    small = planning.build(design(services={"a": {}}))
    assert small.omitted == ()


def test_dense_designs_keep_flow_edges_first_under_the_edge_cap() -> None:
    names = [f"s{i}" for i in range(30)]
    services = {n: {"calls": [m for m in names if m != n]} for n in names}
    d = design(services=services, flows={"f": {"path": ["s29", "s0"]}})
    plan = planning.build(d)
    assert len(plan.edges) == planning.MAX_EDGES
    assert plan.omitted == (
        f"left out {870 - planning.MAX_EDGES} of 870 edges (kept those on flows first)",
    )
    assert any(e.flows for e in plan.edges)
