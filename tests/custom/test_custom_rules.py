"""Custom rules from config, end to end: findings at the right lines in every output format,
selection, suppressions and baselines, and the rule in `rules` and `explain`."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, SHARED, catalogue_row, run_cli

HERE = Path(__file__).parent
HOUSE = HERE / "house.designlint.yaml"
TWITTER = (EXAMPLES / "twitter.yaml").read_text()
SERVICES = ["tweet-service", "timeline-service", "fanout-worker", "user-service", "media-service"]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def variant() -> str:
    """twitter.yaml with an owning team on one service, and money in the Cassandra store."""
    text = TWITTER.replace("  tweet-service:\n", "  tweet-service:\n    x-team: timeline\n", 1)
    return text.replace("  tweet-db:\n", "  tweet-db:\n    handles_money: true\n", 1)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".designlint.yaml").write_text(HOUSE.read_text())
    (tmp_path / "twitter.yaml").write_text(TWITTER)
    (tmp_path / "variant.yaml").write_text(variant())
    return tmp_path


def check_json(repo: Path, *args: str) -> list[dict]:
    result = run_cli("check", "--format", "json", *args, cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def custom(items: list[dict]) -> list[tuple[str, str, int]]:
    return [(f["code"], f["path"], f["line"]) for f in items if not f["code"].startswith("DL")]


def test_the_two_rules_on_twitter_and_a_variant_at_the_right_lines(repo):
    found = check_json(repo, "twitter.yaml", "variant.yaml")
    text = variant()
    expected = [("ACME001", "twitter.yaml", line_of(TWITTER, f"  {s}:")) for s in SERVICES]
    expected += [("ACME001", "variant.yaml", line_of(text, f"  {s}:")) for s in SERVICES[1:]]
    expected.append(("ACME002", "variant.yaml", line_of(text, "    technology: cassandra")))
    assert line_of(text, "    technology: cassandra") > line_of(text, "  tweet-db:")
    assert sorted(custom(found)) == sorted(expected)
    money = next(f for f in found if f["code"] == "ACME002")
    assert money["message"] == "`tweet-db` handles money on cassandra, not PostgreSQL"
    assert money["rule"] == "payments-on-postgres" and money["severity"] == "warning"
    assert money["model_path"] == ["datastores", "tweet-db", "technology"]
    team = next(f for f in found if f["code"] == "ACME001")
    assert team["message"] == "service `tweet-service` names no owning team"
    assert team["help"] == "add `x-team: <team>`"
    assert team["url"] == "https://wiki.example.com/house-rules#ACME001"
    assert not [f for f in found if f["path"] == "twitter.yaml" and f["code"].startswith("DL")]


def test_a_missing_property_is_reported_at_the_matched_node(repo):
    text = variant().replace("    technology: cassandra\n", "", 1)
    (repo / "variant.yaml").write_text(text)
    money = [f for f in check_json(repo, "variant.yaml") if f["code"] == "ACME002"]
    assert [(f["line"], f["message"]) for f in money] == [
        (line_of(text, "  tweet-db:"), "`tweet-db` handles money on (not set), not PostgreSQL")
    ]


def test_every_output_format(repo):
    args = ("variant.yaml",)
    line = line_of(variant(), "    technology: cassandra")
    col = len("    technology: ") + 1  # the value the error is about
    text = run_cli("check", *args, cwd=repo)
    assert text.returncode == 1
    assert f"variant.yaml:{line}:{col}: ACME002 [warning] `tweet-db` handles money" in text.stdout
    github = run_cli("check", "--format", "github", *args, cwd=repo)
    assert f"::warning file=variant.yaml,line={line},col={col}" in github.stdout
    assert "ACME002" in github.stdout
    markdown = run_cli("check", "--format", "markdown", *args, cwd=repo).stdout
    assert "ACME002" in markdown and "payments-on-postgres" in markdown
    junit = ET.fromstring(run_cli("check", "--format", "junit", *args, cwd=repo).stdout)
    cases = {c.get("name"): c for c in junit.iter("testcase")}
    assert cases["ACME002 payments-on-postgres"].find("failure") is not None
    assert cases["ACME001 service-names-team"].find("failure") is not None
    sarif = json.loads(run_cli("check", "--format", "sarif", *args, cwd=repo).stdout)
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["ACME002"]["name"] == "payments-on-postgres"
    assert rules["ACME002"]["defaultConfiguration"] == {"level": "warning"}
    assert "helpUri" not in rules["ACME002"]  # no page given: none invented
    assert rules["ACME001"]["helpUri"] == "https://wiki.example.com/house-rules#ACME001"
    assert "custom" in rules["ACME001"]["properties"]["tags"]
    result = next(r for r in run["results"] if r["ruleId"] == "ACME002")
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "ACME002"
    schema = SHARED / "data" / "sarif-schema-2.1.0.json"
    if schema.exists():
        import jsonschema

        jsonschema.validate(sarif, json.loads(schema.read_text()))


def test_select_ignore_and_per_file_ignores(repo):
    assert {f["code"] for f in check_json(repo, "--select", "ACME", "variant.yaml")} == {
        "ACME001",
        "ACME002",
    }
    assert {f["code"] for f in check_json(repo, "--select", "ACME002", "variant.yaml")} == {
        "ACME002"
    }
    only = check_json(repo, "--ignore", "service-names-team", "variant.yaml")
    assert {f["code"] for f in only} == {"ACME002", "DL108"}
    assert not custom(check_json(repo, "--select", "DL", "variant.yaml"))
    cfg = repo / ".designlint.yaml"
    cfg.write_text(cfg.read_text() + "per-file-ignores:\n  variant.yaml: [ACME0]\n")
    found = custom(check_json(repo, "twitter.yaml", "variant.yaml"))
    assert {path for _, path, _ in found} == {"twitter.yaml"}
    cfg.write_text(cfg.read_text() + "ignore: [ACME9]\n")
    bad = run_cli("check", "variant.yaml", cwd=repo)
    assert bad.returncode == 2 and "unknown rule or prefix `ACME9`" in bad.stderr


def test_severity_is_overridden_like_a_built_in_rule_in_an_extending_config(repo):
    (repo / "strict.yaml").write_text(
        "extends: .designlint.yaml\nrules:\n  ACME001: {severity: error}\n"
    )
    found = check_json(repo, "--config", "strict.yaml", "twitter.yaml")
    assert {(f["code"], f["severity"]) for f in found} == {("ACME001", "error")}


def test_inline_suppression_and_unused_suppression(repo):
    text = variant().replace(
        "    technology: cassandra\n",
        "    technology: cassandra  # designlint: ignore[ACME002] migrating in Q3\n",
    )
    text = text.replace(
        "  user-service:\n", "  user-service:  # designlint: ignore[service-names-team] shared\n"
    )
    text = text.replace(
        "  tweet-service:\n", "  tweet-service:  # designlint: ignore[ACME001] stale\n"
    )
    (repo / "variant.yaml").write_text(text)
    found = check_json(repo, "variant.yaml")
    assert sorted(f["code"] for f in found if f["code"] in ("ACME001", "ACME002", "DL009")) == [
        "ACME001"
    ] * 3 + ["DL009"]
    unused = next(f for f in found if f["code"] == "DL009")
    assert "ACME001 (service-names-team) matches no finding" in unused["message"]


def test_baseline_records_and_hides_custom_findings(repo):
    baseline = repo / "baseline.json"
    written = run_cli("check", "--write-baseline", str(baseline), "variant.yaml", cwd=repo)
    assert written.returncode == 0, written.stderr
    assert "ACME002" in baseline.read_text()
    again = run_cli("check", "--baseline", str(baseline), "variant.yaml", cwd=repo)
    assert again.returncode == 0, again.stdout + again.stderr


def test_rules_and_explain_know_the_custom_rules(repo):
    listed = run_cli("rules", cwd=repo)
    row = catalogue_row(listed.stdout, "ACME002")
    assert re.search(r"payments-on-postgres\s+warning", row) and ".designlint.yaml" in row
    rows = json.loads(run_cli("rules", "--format", "json", cwd=repo).stdout)
    mine = {r["code"]: r for r in rows if r["kind"] == "custom"}
    assert set(mine) == {"ACME001", "ACME002"}
    assert mine["ACME001"]["url"] == "https://wiki.example.com/house-rules#ACME001"
    explained = run_cli("explain", "payments-on-postgres", cwd=repo)
    assert explained.returncode == 0, explained.stderr
    assert "ACME002" in explained.stdout and '"postgresql"' in explained.stdout
    elsewhere = run_cli("explain", "ACME002", cwd=ROOT)
    assert elsewhere.returncode == 2 and "unknown rule `ACME002`" in elsewhere.stderr


def test_jobs_run_custom_rules_in_worker_processes(repo):
    serial = check_json(repo, "twitter.yaml", "variant.yaml")
    assert check_json(repo, "--jobs", "2", "twitter.yaml", "variant.yaml") == serial
