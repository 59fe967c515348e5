"""`designlint diagram --diff BASE`: the Twitter revision drawn against the original, through the
real Graphviz and the real Mermaid parser; BASE as a file and as a git ref."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from repo import Repo

from conftest import EXAMPLES, ROOT, run_cli
from designlint.diagram import changes, dot, mermaid
from designlint.diagram import plan as planning
from designlint.reading.load import validate
from designlint.reading.source import load_text

TWITTER, V2 = EXAMPLES / "twitter.yaml", EXAMPLES / "twitter-v2.yaml"


def _design(path):
    design, problems = validate(load_text(path.read_text(encoding="utf-8")))
    assert design is not None, problems
    return design


def marked() -> planning.Plan:
    base, head = _design(TWITTER), _design(V2)
    return changes.mark(
        planning.build(head), planning.build(base), changes.changed_components(base, head)
    )


def test_the_plan_marks_added_removed_and_changed():
    plan = marked()
    by_change = {}
    for n in plan.nodes:
        by_change.setdefault(changes.change_of(n), set()).add(n.path[1])
    assert by_change["added"] == {"media-upload-service"}
    assert by_change["removed"] == {"media-service"}
    assert {"timeline-cache", "media-store", "api-gateway", "tweet-service"} <= by_change["changed"]
    assert "tweet-db" in by_change[None]
    edges = {(e.source, e.target): changes.change_of(e) for e in plan.edges}
    assert edges[("services__tweet_service", "services__media_upload_service")] == "added"
    assert edges[("services__tweet_service", "services__media_service")] == "removed"
    assert plan.notes[-1] == "changes: 4 added, 4 removed, 5 changed"


def test_graphviz_draws_the_marks():
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    plan = marked()
    text = dot.render(plan)
    done = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, check=True)
    svg = ET.fromstring(done.stdout)
    ns = "{http://www.w3.org/2000/svg}"
    nodes = {g.find(f"{ns}title").text: g for g in svg.iter(f"{ns}g") if g.get("class") == "node"}

    def colours(node_id: str, attr: str) -> set[str]:
        return {(el.get(attr) or "").lower() for el in nodes[node_id].iter()}

    removed = nodes["services__media_service"]
    assert any(el.get("stroke-dasharray") for el in removed.iter())
    assert changes.REMOVED[0].lower() in colours("services__media_service", "stroke")
    assert changes.ADDED[1].lower() in colours("services__media_upload_service", "fill")
    assert changes.CHANGED.lower() in colours("caches__timeline_cache", "stroke")
    assert {"legend_change_added", "legend_change_removed", "legend_change_changed"} <= set(nodes)


def test_mermaid_parses_the_marks(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "diagram"))
    from test_mermaid import mermaid_parse

    plan = marked()
    out = tmp_path / "diff.mmd"
    text = mermaid.render(plan)
    out.write_text(text, encoding="utf-8")
    (result,) = mermaid_parse([out])
    assert result["ok"], result.get("error")
    assert set(result["vertices"]) == {n.id for n in plan.nodes}
    assert "class services__media_upload_service added" in text
    assert "class services__media_service removed" in text


def test_diff_against_a_file_and_a_git_ref(tmp_path):
    out = tmp_path / "d.dot"
    result = run_cli("diagram", str(V2), "--diff", str(TWITTER), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "changes: 4 added, 4 removed, 5 changed" in out.read_text()
    (tmp_path / "repo").mkdir()
    repo = Repo(tmp_path / "repo")
    repo.write("twitter.design.yaml", TWITTER.read_text())
    repo.commit()
    repo.git("mv", "twitter.design.yaml", "social.design.yaml")
    repo.write("social.design.yaml", V2.read_text())
    result = run_cli(
        "diagram", "social.design.yaml", "--diff", "HEAD", "-o", "d.mmd", cwd=repo.path
    )
    assert result.returncode == 0, result.stderr
    assert "class services__media_service removed" in (repo.path / "d.mmd").read_text()
    png = run_cli("diagram", "social.design.yaml", "--diff", "HEAD", "-o", "d.png", cwd=repo.path)
    assert png.returncode == 0, png.stderr
    assert (repo.path / "d.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = run_cli("diagram", "social.design.yaml", "--diff", "nope", "-o", "x.dot", cwd=repo.path)
    assert bad.returncode == 2 and "nope" in bad.stderr
