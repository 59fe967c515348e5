"""The laid-out picture, measured by Graphviz itself: `dot -Tjson` on the source `render` draws
gives every node's box and every label's text runs (position, width, font size). For every
example, generated designs and a design with long, wide and non-Latin names: no text runs past
its node, cluster or the drawing, and up to 30 components the drawing is 1:1 to 2.2:1 wide.
Also the levels: `--level context` of a 100-service design draws at most 15 boxes."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from designlint import config
from designlint.diagram import levels
from designlint.diagram import plan as planning
from designlint.linter import lint_path
from designlint.reading.load import validate
from designlint.reading.source import load_text

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
# Every example design (a `*.designlint.yaml` there is a config, not a design).
EXAMPLES = sorted(
    p for p in (ROOT / "examples").glob("*.yaml") if not p.name.endswith(".designlint.yaml")
)
ASPECT_UP_TO = 30  # components: the aspect aim holds up to here (docs/diagrams.md)
TOLERANCE = 1.0  # points: Graphviz rounds positions to tenths and widths to points

NAMES = {
    "long": "a-service-whose-name-goes-on-and-on-well-past-any-box",
    "wide": "ＷＩＤＥ　ＳＥＲＶＩＣＥ　ＮＡＭＥ",
    "cjk": "支付服务网关与结算中心",
    "cyrillic": "Служба уведомлений пользователей",
    "arabic": "خدمة الدفع والفواتير الإلكترونية",
    "greek": "Υπηρεσία Πληρωμών",
    "mixed": "WWWWWWWWWWWWWWWWWWWWWWWWWWWW",
}


def _generate():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def names_design() -> str:
    """Services named in many scripts and widths, calling each other, with owned stores and a
    queue; some findings (no replicas, no timeouts) so that highlighted nodes are measured too."""
    ids = list(NAMES)
    services = {
        sid: {
            "name": NAMES[sid],
            "replicas": 3,
            "calls": ids[i + 1 : i + 2],
            "owns": [f"{sid}-db"],
            "reads": [f"{sid}-db"],
        }
        for i, sid in enumerate(ids)
    }
    services["long"]["publishes"] = ["events"]
    datastores = {
        f"{sid}-db": {"kind": "relational", "technology": "PostgreSQL", "name": NAMES[sid] + " DB"}
        for sid in ids
    }
    design = {
        "designlint": 1,
        "name": "Names in many scripts: " + " · ".join(NAMES.values()),
        "clients": {"app": {"kind": "mobile", "calls": ["gateway"], "name": NAMES["cjk"]}},
        "edge": {"gateway": {"kind": "api-gateway", "routes_to": ids[:3]}},
        "services": services,
        "datastores": datastores,
        "queues": {
            "events": {"technology": "Kafka", "consumers": {"greek": {}}, "name": NAMES["wide"]}
        },
    }
    return json.dumps(design, ensure_ascii=False)


def designs(tmp: Path) -> list[Path]:
    gen = _generate()
    out = list(EXAMPLES)
    for n in (2, 5, 8, 11):
        path = tmp / f"services-{n}.yaml"
        path.write_text(gen.dump(gen.design(n)), encoding="utf-8")
        out.append(path)
    names = tmp / "names.yaml"
    names.write_text(names_design(), encoding="utf-8")
    out.append(names)
    return out


def plan_of(path: Path, **options) -> planning.Plan:
    """The plan `designlint diagram` draws for an image: findings highlighted."""
    design, problems = validate(load_text(path.read_text(encoding="utf-8")))
    assert design is not None, problems
    findings = lint_path(str(path), config.Resolver({}).for_file(str(path)))
    shown = [f for f in findings if f.severity.value in ("error", "warning")]
    return planning.build(design, shown, planning.IMAGE_MAX_NODES, **options)


def laid_out(plan: planning.Plan) -> dict:
    from designlint.diagram import render

    text, _ = render.source(plan)
    done = subprocess.run(
        ["dot", "-Tjson"], input=text.encode(), capture_output=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


def _box(obj: dict) -> tuple[float, float, float, float] | None:
    if "pos" in obj and "width" in obj:
        x, y = map(float, obj["pos"].split(","))
        w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
        return x - w / 2, y - h / 2, x + w / 2, y + h / 2
    if "bb" in obj:
        x0, y0, x1, y1 = map(float, obj["bb"].split(","))
        return x0, y0, x1, y1
    return None


def text_runs(obj: dict):
    """(text, left, right, bottom, top) of each text run in the object's label drawing."""
    size = 14.0
    for op in obj.get("_ldraw_", ()):
        if op.get("op") == "F":
            size = float(op["size"])
        elif op.get("op") == "T":
            x, y = op["pt"]
            width = float(op["width"])
            left = {"l": x, "c": x - width / 2, "r": x - width}[op["align"]]
            # baseline y: descenders reach ~0.25 em below, capitals ~0.8 em above
            yield op["text"], left, left + width, y - 0.25 * size, y + 0.8 * size


def overflows(graph: dict) -> list[str]:
    """Every text run that leaves its node's box, its cluster's box, or the drawing."""
    bad = []
    for obj in [graph, *graph.get("objects", ())]:
        box = _box(obj)
        if box is None:
            continue
        x0, y0, x1, y1 = box
        for text, left, right, bottom, top in text_runs(obj):
            if (
                left < x0 - TOLERANCE
                or right > x1 + TOLERANCE
                or bottom < y0 - TOLERANCE
                or top > y1 + TOLERANCE
            ):
                bad.append(f"{obj.get('name')}: {text!r} runs past {box} ({left:.0f}..{right:.0f})")
    return bad


def aspect(graph: dict) -> float:
    x0, y0, x1, y1 = map(float, graph["bb"].split(","))
    return (x1 - x0) / (y1 - y0)


def test_the_measure_sees_an_overflow() -> None:
    """The check can fail: a fixed-size box narrower than its label is reported."""
    src = 'digraph { a [shape=box, fixedsize=true, width=0.3, label="a label far too long"] }'
    graph = json.loads(
        subprocess.run(
            ["dot", "-Tjson"], input=src.encode(), capture_output=True, check=True
        ).stdout
    )
    assert overflows(graph) and "far too long" in overflows(graph)[0]


def test_no_label_overflows_and_the_shape_is_within_the_aim(tmp_path: Path) -> None:
    checked = 0
    for path in designs(tmp_path):
        plan = plan_of(path)
        graph = laid_out(plan)
        assert overflows(graph) == [], path.name
        nodes = [o for o in graph["objects"] if "pos" in o]
        assert len(nodes) == len(plan.nodes), path.name
        assert all(list(text_runs(n)) for n in nodes), path.name  # every node says something
        if len(plan.nodes) <= ASPECT_UP_TO:
            assert 1.0 <= aspect(graph) <= 2.2, (path.name, round(aspect(graph), 2))
            checked += 1
    assert checked >= 6


def test_highlighted_nodes_keep_their_whole_name(tmp_path: Path) -> None:
    """common-mistakes' highlighted `java-microservice` and `promotion-service` (once clipped)."""
    graph = laid_out(plan_of(ROOT / "examples" / "common-mistakes.yaml"))
    texts = {t for o in graph["objects"] for t, *_ in text_runs(o)}
    assert {"java-microservice", "promotion-service"} <= texts
    assert overflows(graph) == []


def test_a_service_cluster_says_the_name_once() -> None:
    graph = laid_out(plan_of(ROOT / "examples" / "twitter.yaml"))
    texts = [t for o in graph["objects"] for t, *_ in text_runs(o)]
    assert texts.count("Tweet Service") == 1
    assert "service ×6" in texts


@pytest.mark.parametrize("level", ["context", "containers", "full"])
def test_levels_of_every_example_fit_too(level: str) -> None:
    for path in EXAMPLES:
        assert overflows(laid_out(plan_of(path, level=level))) == [], (path.name, level)


def test_context_of_100_services_draws_at_most_15_boxes(tmp_path: Path) -> None:
    gen = _generate()
    path = tmp_path / "services-100.yaml"
    path.write_text(gen.dump(gen.design(100)), encoding="utf-8")
    out = tmp_path / "context.dot"
    done = run_cli("diagram", str(path), "-o", str(out), "--level", "context")
    assert done.returncode == 0, done.stderr
    graph = json.loads(
        subprocess.run(
            ["dot", "-Tjson"], input=out.read_bytes(), capture_output=True, check=True
        ).stdout
    )
    drawn = [o for o in graph["objects"] if "pos" in o]
    assert 2 <= len(drawn) <= levels.CONTEXT_MAX
    texts = {t for o in drawn for t, *_ in text_runs(o)}
    assert any("100 services" in t for t in texts), texts


def test_context_folds_many_clients_into_more_boxes(tmp_path: Path) -> None:
    clients = {f"c{i}": {"kind": "web", "calls": ["api"]} for i in range(40)}
    path = tmp_path / "clients.yaml"
    path.write_text(
        json.dumps({"designlint": 1, "name": "many", "clients": clients, "services": {"api": {}}}),
        encoding="utf-8",
    )
    plan = plan_of(path, level="context")
    assert len(plan.nodes) <= levels.CONTEXT_MAX
    assert any(n.kind == "more" and n.label.startswith("27 more") for n in plan.nodes), [
        n.label for n in plan.nodes
    ]
    assert any("folded" in note for note in plan.omitted)


def test_containers_edges_have_words_but_no_rates() -> None:
    plan = plan_of(ROOT / "examples" / "twitter.yaml", level="containers")
    texts = [e.text() for e in plan.edges]
    assert "publish" in texts and not any("/s" in t for t in texts)
    assert any(e.flows for e in plan.edges)  # the flows still colour them


def test_focus_keeps_one_component_and_its_neighbours() -> None:
    plan = plan_of(ROOT / "examples" / "twitter.yaml", focus="fanout-worker")
    ids = {n.path[1] for n in plan.nodes}
    assert ids == {
        "fanout-worker",
        "new-tweets",
        "timeline-cache",
        "user-service",
        "timeline-service",
    }
    assert any("focus: fanout-worker" in note for note in plan.notes)


def test_focus_on_an_unknown_id_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli(
        "diagram", str(EXAMPLES[-1]), "-o", str(tmp_path / "x.dot"), "--focus", "fanout-workr"
    )
    assert done.returncode == 2 and "did you mean `fanout-worker`" in done.stderr
    done = run_cli(
        "diagram",
        str(EXAMPLES[-1]),
        "-o",
        str(tmp_path / "x.dot"),
        "--focus",
        "cdn",
        "--level",
        "context",
    )
    assert done.returncode == 2 and "--focus" in done.stderr


@pytest.mark.parametrize("level", ["context", "full"])
def test_the_portable_dot_output_fits_too(level: str) -> None:
    """`-o x.dot` (plain shapes, no icons) laid out by Graphviz: no label leaves its shape."""
    from designlint.diagram import dot

    for path in EXAMPLES:
        text = dot.render(plan_of(path, level=level))
        done = subprocess.run(
            ["dot", "-Tjson"], input=text.encode(), capture_output=True, check=True, timeout=120
        )
        assert overflows(json.loads(done.stdout)) == [], (path.name, level)
