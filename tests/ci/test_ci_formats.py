"""Output formats read back by the real consumers: SARIF schema, junitparser, GitHub, Markdown."""

from __future__ import annotations

import json

import pytest
from ci_helpers import CACHES, CLEAN, SELECT, designlint

from sarif_schemas import validate_sarif


@pytest.fixture
def designs(tmp_path):
    bad = tmp_path / "bad.design.yaml"
    bad.write_text(CACHES + "  feed: {owner: feed-service}\n")
    clean = tmp_path / "clean.design.yaml"
    clean.write_text(CLEAN)
    return bad, clean


def test_sarif_validates_against_the_oasis_schema(designs, tmp_path):
    bad, clean = designs
    result = designlint("check", "--format", "sarif", *SELECT, str(bad), str(clean))
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    validate_sarif(log)  # never skipped: see tests/sarif_schemas.py
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {"DL001", "DL601"} <= {r["id"] for r in rules}
    for r in rules:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["helpUri"].startswith("https://")
    results = run["results"]
    assert sorted(r["ruleId"] for r in results) == ["DL003", "DL601", "DL601", "DL601"]
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["partialFingerprints"]["designlint/v1"]
    links = next(r for r in results if "`links`" in r["message"]["text"])
    assert links["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert links["level"] == "warning"


def test_sarif_fingerprints_survive_inserted_lines(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(CACHES)
    before = json.loads(designlint("check", "--format", "sarif", *SELECT, str(design)).stdout)
    design.write_text("# a new comment\n# and another\n" + CACHES)
    after = json.loads(designlint("check", "--format", "sarif", *SELECT, str(design)).stdout)

    def prints(log):
        return [r["partialFingerprints"]["designlint/v1"] for r in log["runs"][0]["results"]]

    def lines(log):
        return [
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in log["runs"][0]["results"]
        ]

    assert prints(before) == prints(after)
    assert len(set(prints(before))) == len(prints(before)) == 2
    assert [n + 2 for n in lines(before)] == lines(after)


def test_junit_is_read_back_by_junitparser(designs, tmp_path):
    from junitparser import Failure, JUnitXml, Skipped

    from designlint.registry import all_rules

    bad, clean = designs
    broken = tmp_path / "broken.design.yaml"
    broken.write_text("designlint: 1\nname: [unclosed\n")
    out = tmp_path / "report.xml"
    result = designlint(
        "check", "--format", "junit", "-o", str(out), *SELECT, str(bad), str(clean), str(broken)
    )
    assert result.returncode == 1, result.stderr
    xml = JUnitXml.fromfile(str(out))
    selected = [r for r in all_rules().values() if r.code.startswith(("DL0", "DL6"))]
    assert xml.tests == 3 * len(selected)  # one testcase per file and rule
    assert xml.failures == 3  # bad: DL003, DL601; broken: DL001
    needs_design = [r for r in selected if r.check is not None]
    assert xml.skipped == len(needs_design)  # the broken file's rules that could not run
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {str(bad), str(clean), str(broken)}
    cases = {case.name: case for case in suites[str(bad)]}
    dl601 = cases["DL601 cache-without-eviction"]
    assert isinstance(dl601.result[0], Failure)
    assert "`links`" in dl601.result[0].text and "`users`" in dl601.result[0].text
    assert all(not case.result for case in suites[str(clean)])
    skipped = [c for c in suites[str(broken)] if c.result and isinstance(c.result[0], Skipped)]
    assert len(skipped) == len(needs_design)


def test_junit_below_fail_on_is_not_a_failure(designs, tmp_path):
    from junitparser import JUnitXml

    bad, _ = designs
    out = tmp_path / "report.xml"
    designlint(
        "check", "--format", "junit", "-o", str(out), "--fail-on", "error", *SELECT, str(bad)
    )
    assert JUnitXml.fromfile(str(out)).failures == 1  # DL003 only; DL601 is a warning


def test_github_workflow_commands_and_escaping(tmp_path):
    design = tmp_path / "odd,name:x.design.yaml"
    design.write_text(
        "designlint: 1\nname: X\nservices:\n  a: {calls: ['50%off', \"two\\nlines\"]}\n"
        "caches:\n  c: {owner: a}\n"
    )
    result = designlint("check", "--format", "github", *SELECT, str(design))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(errors) == 2 and len(warnings) == 1
    escaped_file = str(design).replace(",", "%2C").replace(":", "%3A")
    assert errors[0].startswith(f"::error file={escaped_file},line=4,col=")
    assert ",title=DL003::" in errors[0] and "(unknown-reference)" in errors[0]
    assert "50%25off" in errors[0]
    assert "two%0Alines" in errors[1]
    assert all("\r" not in line for line in lines)
    assert warnings[0].startswith(f"::warning file={escaped_file},line=6,")
    assert "title=DL601::" in warnings[0]


def test_github_info_is_a_notice(tmp_path):
    from designlint.findings import Finding, Severity
    from designlint.formats.github import render

    f = Finding("DL999", "x", Severity.INFO, "a, b: c", "d.yaml")
    assert render([f], 1, {"quiet": True}).startswith(
        "::notice file=d.yaml,line=1,col=1,endLine=1,endColumn=1,title=DL999::a, b: c (x)"
    )


def test_markdown_clean_run(tmp_path):
    clean = tmp_path / "clean.design.yaml"
    clean.write_text(CLEAN)
    result = designlint("check", "--format", "markdown", *SELECT, str(clean))
    assert result.returncode == 0
    assert "All checks passed (1 file)" in result.stdout


def test_several_outputs_in_one_run(designs, tmp_path):
    bad, clean = designs
    sarif, md, main = tmp_path / "r.sarif", tmp_path / "r.md", tmp_path / "r.json"
    result = designlint(
        "check",
        *SELECT,
        "--format",
        "json",
        "-o",
        str(main),
        "--output",
        f"sarif={sarif}",
        "--output",
        f"markdown={md}",
        str(bad),
        str(clean),
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert len(json.loads(main.read_text())["findings"]) == 4
    assert len(json.loads(sarif.read_text())["runs"][0]["results"]) == 4
    assert md.read_text().startswith("## designlint")
    again = designlint("check", "--output", "a.txt", "-o", "b.txt", str(clean))
    assert again.returncode == 2 and "FORMAT=FILE" in again.stderr


def test_statistics_quiet_and_colour(designs):
    bad, clean = designs
    stats = designlint("check", "--statistics", "-q", *SELECT, str(bad))
    assert "    3  DL601  cache-without-eviction" in stats.stdout
    assert "|" not in stats.stdout  # --quiet: no excerpts
    quiet_clean = designlint("check", "-q", *SELECT, str(clean))
    assert quiet_clean.returncode == 0 and quiet_clean.stdout == ""
    data = json.loads(
        designlint("check", "--format", "json", "--statistics", *SELECT, str(bad)).stdout
    )
    assert data["statistics"] == {"DL601": 3, "DL003": 1}
    # Not a terminal (captured): never colour, whatever NO_COLOR says.
    plain = designlint("check", *SELECT, str(bad), env={"NO_COLOR": ""})
    assert "\x1b[" not in plain.stdout


def test_colour_only_on_a_terminal(monkeypatch):
    from designlint.commands.check import _use_colour

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert _use_colour(False, None)
    assert not _use_colour(True, None)
    assert not _use_colour(False, "out.txt")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _use_colour(False, None)
