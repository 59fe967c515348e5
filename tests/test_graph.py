"""The component graph: its shape, cycle naming, and that it stays linear on a huge design.

Also the architecture-rule behaviours a fixture cannot express (a fixture must mark at least one
finding): designs that must stay quiet, the no-client case, option overrides.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from designlint import config
from designlint.graph import (
    KIND_ORDER,
    GraphFacts,
    adjacency,
    build_graph,
    cycle_in,
    reachable,
    references,
)
from designlint.linter import lint_text
from designlint.model import Design

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def design(**sections) -> Design:
    return Design.model_validate({"designlint": 1, "name": "t", **sections})


def twitter() -> Design:
    import yaml

    return Design.model_validate(yaml.safe_load((EXAMPLES / "twitter.yaml").read_text()))


def codes(text: str, select: str, **options) -> list[tuple[int, str]]:
    settings = config.Settings(select=(select,), rule_options=options)
    return [(f.span.line, f.code) for f in lint_text(text, "t.yaml", settings) if f.code == select]


def test_nodes_are_keyed_by_model_path_with_attributes():
    graph = build_graph(twitter())
    node = ("services", "tweet-service")
    assert node in graph
    assert graph.nodes[node]["section"] == "services"
    assert graph.nodes[node]["id"] == "tweet-service"
    assert graph.nodes[node]["model"].name == "Tweet Service"
    assert ("clients", "mobile") in graph
    assert ("queues", "new-tweets-dlq") in graph


def test_twitter_edges_have_the_documented_kinds():
    g = build_graph(twitter())

    def kind(a, b):
        return g.edges[a, b]["kind"]

    assert kind(("clients", "mobile"), ("edge", "cdn")) == "call"
    assert kind(("edge", "api-gateway"), ("services", "timeline-service")) == "call"
    assert kind(("services", "timeline-service"), ("services", "tweet-service")) == "call"
    assert kind(("services", "tweet-service"), ("queues", "new-tweets")) == "publish"
    assert kind(("queues", "new-tweets"), ("services", "fanout-worker")) == "consume"
    assert kind(("queues", "new-tweets"), ("queues", "new-tweets-dlq")) == "dead-letter"
    assert kind(("services", "fanout-worker"), ("caches", "timeline-cache")) == "fanout"
    assert kind(("services", "timeline-service"), ("datastores", "tweet-db")) == "fanout"
    # Read, write and own on one pair: one edge, every kind kept, the strongest as `kind`.
    edge = g.edges[("services", "tweet-service"), ("datastores", "tweet-db")]
    assert edge["kinds"] == {"read", "write", "own"}
    assert edge["kind"] == "write"
    assert edge["paths"]["own"] == ("services", "tweet-service", "owns", 0)


def test_owner_declared_on_the_store_side_is_an_own_edge():
    stores = {"db": {"kind": "relational", "owner": "s"}}
    g = build_graph(design(services={"s": {}}, datastores=stores))
    assert g.edges[("services", "s"), ("datastores", "db")]["kinds"] == {"own"}
    assert g.edges[("services", "s"), ("datastores", "db")]["paths"]["own"] == (
        "datastores",
        "db",
        "owner",
    )


def test_unknown_ids_and_wrong_sections_are_skipped():
    g = build_graph(
        design(
            clients={"web": {"calls": ["ghost"]}},
            services={"s": {"calls": ["nowhere"], "reads": ["s"], "publishes": ["db"]}},
            datastores={"db": {"kind": "relational", "owner": "phantom"}},
        )
    )
    assert set(g.nodes) == {("clients", "web"), ("services", "s"), ("datastores", "db")}
    assert g.number_of_edges() == 0


def test_first_declaration_wins_for_duplicate_ids():
    g = build_graph(design(services={"x": {}}, datastores={"x": {"kind": "relational"}}))
    assert set(g.nodes) == {("services", "x")}


def test_build_graph_is_the_adjacency_handed_to_networkx():
    d = twitter()
    succ = adjacency(d)
    g = build_graph(d)
    assert list(g.nodes) == list(succ)
    assert list(g.edges) == [(u, v) for u, targets in succ.items() for v in targets]
    first: dict = {}
    for src, dst, kind, path in references(d):
        first.setdefault((src, dst), {}).setdefault(kind, path)
    for u, v, data in g.edges(data=True):
        assert data["paths"] == first[u, v] and list(data["paths"]) == list(succ[u][v])
        assert data["kinds"] == set(succ[u][v])
        assert data["kind"] == min(data["kinds"], key=KIND_ORDER.index)


def test_reachable_follows_only_the_given_kinds():
    g = adjacency(twitter())
    calls = reachable(g, [("clients", "mobile")], ("call",))
    assert ("services", "media-service") in calls
    assert ("services", "fanout-worker") not in calls
    everything = reachable(g, [("clients", "mobile")], ("call", "publish", "consume"))
    assert ("services", "fanout-worker") in everything


def _ring(n: int) -> nx.DiGraph:
    g = nx.DiGraph()
    nodes = [("services", f"s{i}") for i in range(n)]
    g.add_edges_from(zip(nodes, nodes[1:] + nodes[:1], strict=True))
    return g


def test_cycle_in_finds_the_shortest_way_back():
    g = _ring(4)
    g.add_edge(("services", "s0"), ("services", "s2"))  # a shortcut: s0 -> s2 -> s3 -> s0
    component = set(g.nodes)
    cycle = cycle_in(g, component, ("services", "s0"))
    assert [n[1] for n in cycle] == ["s0", "s2", "s3"]


def test_cycle_in_self_loop():
    g = nx.DiGraph([(("services", "a"), ("services", "a"))])
    assert cycle_in(g, {("services", "a")}, ("services", "a")) == [("services", "a")]


CYCLE = """\
designlint: 1
name: t
services:
  a: {calls: [b]}
  b: {calls: [c]}
  c: {calls: [a, d]}
  d: {}
"""


def test_cycle_rule_names_the_whole_cycle_once():
    settings = config.Settings(select=("DL405",))
    findings = lint_text(CYCLE, "t.yaml", settings)
    assert len(findings) == 1
    assert "`a` -> `b` -> `c` -> `a`" in findings[0].message
    assert findings[0].span.line == 4


def test_big_synthetic_design_builds_and_the_cycle_rule_runs():
    n = 10_000
    services = {f"s{i}": {"calls": [f"s{i + 1}"] if i + 1 < n else []} for i in range(n)}
    services["s9999"]["calls"] = ["s5000"]  # one cycle of 5,000 services at the tail
    for i in range(0, n, 100):  # and a self-call every hundred services in the head
        if i < 5000:
            services[f"s{i}"]["calls"].append(f"s{i}")
    d = design(
        clients={"web": {"calls": ["s0"]}},
        services=services,
        datastores={f"db{i}": {"kind": "relational", "owner": f"s{i}"} for i in range(0, n, 10)},
    )
    g = build_graph(d)
    assert g.number_of_nodes() == n + n // 10 + 1
    assert g.number_of_edges() == (n - 1) + 1 + 50 + n // 10 + 1
    sccs = [c for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert len(sccs) == 1 and len(sccs[0]) == 5000
    cycle = cycle_in(g, sccs[0], ("services", "s5000"))
    assert len(cycle) == 5000

    from designlint.context import Context
    from designlint.reading.source import load_text
    from designlint.rules.services.sync_call_cycle import sync_call_cycle

    ctx = Context(d, load_text("designlint: 1\nname: t\n"), "t.yaml")
    found = list(sync_call_cycle(ctx))
    assert len(found) == 51  # the 5,000-service ring once, and 50 self-calls
    ring = [v for v in found if "s5000" in v.message]
    assert len(ring) == 1
    # named by its ends and counted, not printed in full (a 10,000-ring was a 109 KB message)
    assert "`s5000` -> `s5001`" in ring[0].message and "... (4991 more)" in ring[0].message
    assert ring[0].message.count("->") == 10 and len(ring[0].message) < 300


# ── rule behaviours a fixture cannot mark ────────────────────────────────────────────────────


def test_twitter_is_clean_under_the_architecture_and_data_rules():
    text = (EXAMPLES / "twitter.yaml").read_text()
    for prefix in ("DL4", "DL5", "DL702"):
        findings = lint_text(text, "twitter.yaml", config.Settings(select=(prefix,)))
        assert findings == [], [f.message for f in findings]


def test_no_clients_is_one_finding():
    text = "designlint: 1\nname: t\nservices:\n  a: {}\n  b: {}\n"
    assert len(codes(text, "DL406")) == 1


def test_nothing_declared_is_quiet():
    assert codes("designlint: 1\nname: t\n", "DL406") == []
    assert codes("designlint: 1\nname: t\nclients:\n  web: {}\n", "DL406") == []


SPOF = """\
designlint: 1
name: t
requirements:
  non_functional:
    uptime: {kind: availability, target: 99.5%}
clients:
  web: {calls: [api-gateway]}
edge:
  api-gateway: {kind: api-gateway, auth: true, rate_limiting: true, routes_to: [link-service]}
services:
  link-service: {replicas: 1}
"""


def test_spof_quiet_below_the_threshold():
    assert codes(SPOF, "DL702") == []


def test_spof_threshold_is_an_option():
    found = codes(SPOF, "DL702", DL702={"min_availability": 99.0})
    assert (11, "DL702") in found and len(found) == 2  # the gateway states no replicas


def test_spof_quiet_without_an_availability_nfr():
    assert codes(SPOF.replace("availability", "latency").replace("99.5%", "100ms"), "DL702") == []


@pytest.mark.parametrize(
    ("words", "asks"),
    [
        ("highly available", True),
        ("reliable and fault tolerant", True),
        ("replication, no single point of failure", True),
        ("survives component, network and power failures", True),
        ("keeps limiting if a cache server goes down", True),
        ("always on", True),
        ("five nines", True),
        ("high availability for all users", True),
        ("high availability is not required", False),
        ("no need for high availability", False),
        ("general scalability, availability and reliability", False),
        ("best effort", False),
        # scoped to a part of the system the words do not map to components
        ("high availability for search and viewing", False),
    ],
)
def test_spof_availability_asked_in_words(words: str, asks: bool):
    text = SPOF.replace("99.5%", f'"{words}"')
    settings = config.Settings(select=("DL702",))
    found = [f for f in lint_text(text, "t.yaml", settings) if f.code == "DL702"]
    assert bool(found) is asks, [f.message for f in found]
    assert all(f'asks for "{words}"' in f.message for f in found)


@pytest.mark.parametrize(
    ("name", "fires"),
    [
        ("tweet-service", False),
        ("GoService", True),
        ("golang-api", True),
        ("mongoose", False),
        ("Node.js gateway", True),
        ("k8s-operator", True),
    ],
)
def test_technology_words(name, fires):
    from designlint.rules.services.technology_named_service import technology_in

    assert (technology_in(name) is not None) is fires


# ── shared analyses (GraphFacts): computed once, and only when a design needs the graph ────────


def facts(d: Design) -> GraphFacts:
    return GraphFacts(d)


def test_call_layer_keeps_only_what_can_be_on_a_cycle():
    d = design(
        services={
            "a": {"calls": ["b"]},
            "b": {"calls": ["c", "gw"]},
            "c": {"calls": ["a"]},  # a -> b -> c -> a
            "d": {"calls": ["a"]},  # calls into the ring: on no cycle
            "e": {"calls": ["e"]},  # a self-loop
            "f": {"calls": ["g"]},
            "g": {},
        },
        edge={"gw": {"kind": "api-gateway", "routes_to": ["b"]}},  # b -> gw -> b
    )
    f = facts(d)
    assert set(f.call_layer) == {("services", s) for s in "abce"} | {("edge", "gw")}
    assert f.call_layer[("services", "a")][("services", "b")]["path"] == (
        "services",
        "a",
        "calls",
        0,
    )
    cycles = sorted(sorted(c) for c in f.call_cycles)
    ring = [("edge", "gw"), ("services", "a"), ("services", "b"), ("services", "c")]
    assert cycles == [ring, [("services", "e")]]


def test_acyclic_call_layer_is_empty():
    d = design(
        services={f"s{i}": {"calls": [f"s{j}" for j in range(i + 1, 40)]} for i in range(40)}
    )
    f = facts(d)
    assert f.call_layer.number_of_nodes() == 0
    assert f.call_cycles == []


def test_request_path_and_reach_from_entries():
    d = design(
        clients={"web": {"calls": ["api"]}},
        services={
            "api": {"calls": ["users"], "publishes": ["jobs"]},
            "users": {"reads": ["users-db"]},
            "worker": {},
            "cron": {"kind": "job", "calls": ["report"]},
            "report": {},
            "orphan": {},
        },
        datastores={"users-db": {"kind": "relational", "owner": "users"}},
        queues={"jobs": {"consumers": {"worker": {"idempotent": True}}}},
    )
    f = facts(d)
    assert f.entry_points == [("clients", "web"), ("services", "cron")]
    assert ("services", "orphan") not in f.reached_from_entries
    assert {("services", "worker"), ("services", "report")} <= f.reached_from_entries
    why = f.request_path
    assert why[("services", "users")] == "called, directly or not, by client traffic"
    assert why[("datastores", "users-db")] == "read or written synchronously by `users`"
    assert ("services", "worker") not in why  # behind a queue


def test_workers_flow_hops_and_parts_reach():
    """A worker doing something runs on its own; a flow hop and `part_of` reach, edges aside."""
    d = design(
        clients={"web": {"calls": ["api"]}},
        services={
            "api": {},
            "puller": {"kind": "worker", "calls": ["frontier"]},
            "frontier": {},
            "idle": {"kind": "worker"},
            "transcoder": {"kind": "service"},
            "indexer": {"part_of": "transcoder", "writes": ["index"]},
            "lonely": {"calls": ["frontier"]},
        },
        datastores={"blobs": {"kind": "object-store"}, "index": {"kind": "search"}},
        flows={"upload": {"path": ["web", "api", "blobs", {"component": "transcoder"}]}},
    )
    f = facts(d)
    assert f.entry_points == [("clients", "web"), ("services", "puller")]
    reached = f.reached_from_entries
    flow_and_parts = {("datastores", "blobs"), ("services", "transcoder")}
    assert flow_and_parts | {("services", "indexer"), ("datastores", "index")} <= reached
    assert ("services", "frontier") in reached
    assert not {("services", "idle"), ("services", "lonely")} & reached


@pytest.mark.parametrize(
    "text",
    [
        "designlint: 1\nname: X\n",
        "designlint: 1\nname: X\nservices:\n  a: {}\n",
        "designlint: 1\nname: X\nclients:\n  cron: {kind: internal}\n",
        # calls, but no cycle: the graph rules read the plain adjacency
        "designlint: 1\nname: X\nclients:\n  web: {calls: [a]}\nservices:\n"
        "  a: {calls: [b], reads: [db]}\n  b: {}\ndatastores:\n  db: {owner: a}\n",
    ],
)
def test_designs_that_need_no_graph_do_not_import_networkx(text: str):
    code = (
        "import sys\n"
        "from designlint import config\n"
        "from designlint.linter import lint_text\n"
        f"lint_text({text!r}, 'x.yaml', config.Settings())\n"
        "print('networkx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def test_a_design_with_calls_imports_networkx_for_its_graph():
    code = (
        "import sys\n"
        "from designlint import config\n"
        "from designlint.linter import lint_text\n"
        "lint_text('designlint: 1\\nname: X\\nservices:\\n  a: {calls: [a]}\\n', 'x.yaml', "
        "config.Settings())\n"
        "print('networkx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True"]
