"""`designlint diff BASE HEAD` on files: the Twitter revision in examples/, formats, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from repo import CACHES, SELECT

from conftest import EXAMPLES, ROOT, run_cli
from designlint import config
from designlint.linter import lint_text
from sarif_schemas import validate_sarif

TWITTER, V2 = str(EXAMPLES / "twitter.yaml"), str(EXAMPLES / "twitter-v2.yaml")


def test_twitter_v2_is_clean_under_every_rule() -> None:
    text = Path(V2).read_text(encoding="utf-8")
    assert lint_text(text, "twitter-v2.yaml", config.Settings()) == []


def test_the_twitter_revision_shows_numbers_flows_and_structure():
    result = run_cli("diff", TWITTER, V2, "--format", "json")
    assert result.returncode == 0, result.stderr
    (d,) = json.loads(result.stdout)["designs"]
    assert d["findings"] == {"new": [], "fixed": [], "unchanged": 0}
    assert d["estimates"] == [
        {"name": "timeline_cache_memory", "old": "3.2 TB", "new": "4 TB", "ratio": 1.25}
    ]
    (flow,) = d["flows"]
    assert flow["flow"] == "read-timeline"
    assert (flow["old"]["latency_ms"], flow["new"]["latency_ms"]) == (47, 52)
    assert flow["new"]["sla_ms"] == 200 and flow["new"]["latency_verdict"] == "ok"
    assert flow["old"]["availability"] is None and flow["new"]["availability_verdict"] == "ok"
    s = d["structure"]
    assert s["added"] == [
        {"section": "services", "id": "media-upload-service"},
        {"section": "regions", "id": "sa-east"},
    ]
    assert s["removed"] == [{"section": "services", "id": "media-service"}]
    changed = {(c["section"], c["id"]): c["fields"] for c in s["changed"]}
    assert {"field": "nodes", "old": "20", "new": "24"} in changed[("caches", "timeline-cache")]
    assert changed[("datastores", "media-store")] == [
        {"field": "owner", "old": "media-service", "new": "media-upload-service"}
    ]
    edges = {(e["from"], e["to"]): (e["old"], e["new"]) for e in s["edges"]}
    assert edges[("tweet-service", "media-upload-service")] == ([], ["call"])
    assert edges[("tweet-service", "media-service")] == (["call"], [])
    assert s["ownership"] == [
        {"store": "media-store", "old": ["media-service"], "new": ["media-upload-service"]}
    ]
    text = run_cli("diff", TWITTER, V2).stdout
    assert "timeline_cache_memory: 3.2 TB → 4 TB (×1.25)" in text
    assert "latency budget 47 ms → 52 ms against 200 ms p99 (ok)" in text
    assert "~ owner of media-store: media-service → media-upload-service" in text


@pytest.fixture
def pair(tmp_path):
    base = tmp_path / "base.design.yaml"
    head = tmp_path / "head.design.yaml"
    base.write_text(CACHES)
    head.write_text(CACHES.replace("pages:", "feeds: {owner: link-service}\n  pages:"))
    return base, head


def test_sarif_and_github_carry_the_new_findings_only(pair, tmp_path):
    base, head = pair
    checked = json.loads(run_cli("check", "--format", "sarif", *SELECT, str(head)).stdout)
    assert len(checked["runs"][0]["results"]) == 3
    out = tmp_path / "new.sarif"
    result = run_cli("diff", str(base), str(head), *SELECT, "--format", "sarif", "-o", str(out))
    assert result.returncode == 1 and result.stdout == ""
    (new,) = json.loads(out.read_text())["runs"][0]["results"]
    assert new["ruleId"] == "DL601"
    assert new["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "caches.feeds"
    assert new in checked["runs"][0]["results"]
    validate_sarif(json.loads(out.read_text()))
    github = run_cli("diff", str(base), str(head), *SELECT, "--format", "github").stdout
    annotations = [line for line in github.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and annotations[0].startswith("::warning file=")
    assert ",line=8," in annotations[0]


def test_unreadable_input_and_usage_errors(pair, tmp_path):
    base, head = pair
    missing = run_cli("diff", str(base), str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "nope.yaml: no such file" in missing.stderr
    one = run_cli("diff", str(base))
    assert one.returncode == 2 and "BASE and HEAD" in one.stderr
    refused = run_cli("diff", str(base), str(head), "-o", str(head))
    assert refused.returncode == 2 and "refusing to overwrite" in refused.stderr
    bad_rule = run_cli("diff", str(base), str(head), "--select", "DL999x")
    assert bad_rule.returncode == 2


def test_a_design_that_stops_loading_still_diffs_its_findings(pair):
    base, head = pair
    head.write_text("designlint: 1\nname: [broken\n")
    result = run_cli("diff", str(base), str(head), *SELECT, "--format", "json")
    assert result.returncode == 1
    (d,) = json.loads(result.stdout)["designs"]
    assert d["loaded"] == {"base": True, "head": False}
    assert [f["code"] for f in d["findings"]["new"]] == ["DL001"]
    assert len(d["findings"]["fixed"]) == 2 and d["structure"]["added"] == []


def test_help_documents_the_command():
    text = run_cli("diff", "--help").stdout
    for flag in ("--git", "--format", "--fail-on", "new-error", "--output", "--config"):
        assert flag in text
    assert "diff" in run_cli("--help").stdout


def _shape(value):
    """Keys all the way down (the first item stands for a list's items)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return None


def _merge(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: _merge(a.get(k), b.get(k)) for k in {*a, *b}}
    if isinstance(a, list) or isinstance(b, list):
        return [_merge((a or [None])[0], (b or [None])[0])] if (a or b) else []
    return a if a is not None else b


def test_the_json_shape_is_the_documented_one(pair):
    base, head = pair
    doc = (ROOT / "docs" / "diff.md").read_text()
    documented = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    shown = json.loads(run_cli("diff", TWITTER, V2, "--format", "json").stdout)
    found = json.loads(run_cli("diff", str(base), str(head), *SELECT, "--format", "json").stdout)
    assert _shape(documented) == _merge(_shape(shown), _shape(found))


def test_single_parts_of_a_design_are_compared_too(tmp_path):
    head = tmp_path / "t.design.yaml"
    text = Path(TWITTER).read_text().replace("lag: 500ms", "lag: 2s")
    head.write_text(text.replace("out_of_scope: [search,", "out_of_scope: ["))
    (d,) = json.loads(run_cli("diff", TWITTER, str(head), "--format", "json").stdout)["designs"]
    changed = {(c["section"], c["id"]): c["fields"] for c in d["structure"]["changed"]}
    assert changed[("design", "replication")] == [{"field": "lag", "old": "500ms", "new": "2s"}]
    (scope,) = changed[("design", "out_of_scope")]
    assert scope["old"].startswith('["search"') and "search" not in scope["new"]
