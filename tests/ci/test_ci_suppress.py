"""Inline suppressions (DL008, DL009), baselines (surviving unrelated edits), and --jobs."""

from __future__ import annotations

import json

from ci_helpers import CACHES, CLEAN, SELECT, codes_lines, designlint, findings


def lint(tmp_path, text: str, *args: str) -> list[tuple[str, int]]:
    design = tmp_path / "x.design.yaml"
    design.write_text(text)
    return codes_lines(findings(*SELECT, *args, str(design)))


def test_without_suppressions(tmp_path):
    assert lint(tmp_path, CACHES) == [("DL601", 6), ("DL601", 7)]


def test_trailing_comment_suppresses_its_line_only(tmp_path):
    text = CACHES.replace(
        "links: {owner: link-service}",
        "links: {owner: link-service}  # designlint: ignore[DL601] links never change",
    )
    assert lint(tmp_path, text) == [("DL601", 7)]


def test_comment_on_the_line_above_and_rule_names(tmp_path):
    text = CACHES.replace(
        "  users:",
        "  # designlint: ignore[cache-without-eviction] sized by the user count\n  users:",
    )
    assert lint(tmp_path, text) == [("DL601", 6)]


def test_comment_on_a_block_mapping_key(tmp_path):
    text = CACHES.replace(
        "  links: {owner: link-service}",
        "  links:  # designlint: ignore[DL601] immutable\n    owner: link-service",
    )
    assert lint(tmp_path, text) == [("DL601", 8)]


def test_several_codes_and_hash_inside_quotes_is_not_a_comment(tmp_path):
    text = CACHES.replace(
        "links: {owner: link-service}",
        "links: {owner: link-service}  # designlint: ignore[DL605, DL601] reviewed in #12",
    ).replace(
        "pages: {owner: link-service, ttl: 1d}",
        "pages: {owner: link-service, ttl: 1d, note: 'x # designlint: ignore[DL601] y'}",
    )
    # The quoted one is text, so it is neither a suppression nor unused (DL009).
    found = lint(tmp_path, text.replace("note:", "eviction: lru, description:"))
    assert ("DL601", 6) not in found
    assert ("DL009", 6) in found  # DL605 suppressed nothing on that line
    assert [c for c, line in found if line == 8] == []


def test_block_scalar_text_is_not_a_comment(tmp_path):
    text = (
        "designlint: 1\nname: Shortener\ndescription: |\n"
        "  # designlint: ignore[DL601] not a comment, just prose\n"
        "services:\n  link-service: {}\n"
    )
    assert lint(tmp_path, text) == []


def test_suppression_without_reason_is_dl008_and_still_suppresses(tmp_path):
    text = CACHES.replace(
        "links: {owner: link-service}", "links: {owner: link-service}  # designlint: ignore[DL601]"
    )
    assert lint(tmp_path, text) == [("DL008", 6), ("DL601", 7)]


def test_unused_suppression_is_dl009(tmp_path):
    text = CACHES.replace(
        "pages: {owner: link-service, ttl: 1d}",
        "pages: {owner: link-service, ttl: 1d}  # designlint: ignore[DL601] has a TTL now",
    )
    design = tmp_path / "x.design.yaml"
    design.write_text(text)
    found = findings(*SELECT, str(design))
    assert codes_lines(found) == [("DL601", 6), ("DL601", 7), ("DL009", 8)]
    assert found[-1]["column"] == text.splitlines()[7].index("#") + 1
    # Unused is a fact about the design: DL601 is run quietly to judge it when not selected.
    assert codes_lines(findings("--select", "DL0", str(design))) == [("DL009", 8)]
    assert codes_lines(findings("--select", "DL009", str(design))) == [("DL009", 8)]
    assert codes_lines(findings("--select", "DL6", str(design))) == [("DL601", 6), ("DL601", 7)]
    # And DL009 itself can be switched off.
    assert ("DL009", 8) not in codes_lines(findings(*SELECT, "--ignore", "DL009", str(design)))


def test_document_rules_cannot_be_suppressed(tmp_path):
    text = (
        "designlint: 1\nname: X\nservices:\n  a: {calls: [b]}  # designlint: ignore[DL003] later\n"
    )
    found = lint(tmp_path, text)
    assert found == [("DL003", 4), ("DL009", 4)]


def test_unknown_code_in_a_suppression_is_dl009(tmp_path):
    text = CACHES.replace(
        "links: {owner: link-service}",
        "links: {owner: link-service}  # designlint: ignore[DL601, no-such-rule] reason",
    )
    design = tmp_path / "x.design.yaml"
    design.write_text(text)
    found = findings(*SELECT, str(design))
    assert codes_lines(found) == [("DL009", 6), ("DL601", 7)]
    assert "`no-such-rule`" in found[0]["message"]


# -- baseline -----------------------------------------------------------------------------


def test_baseline_hides_recorded_findings_and_survives_an_unrelated_edit(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(CACHES)
    baseline = tmp_path / "designlint-baseline.json"
    written = designlint("check", *SELECT, "--write-baseline", str(baseline), str(design))
    assert written.returncode == 0, written.stdout + written.stderr
    entries = json.loads(baseline.read_text())["entries"]
    assert [(e["code"], e["path"]) for e in entries] == [
        ("DL601", ["caches", "links"]),
        ("DL601", ["caches", "users"]),
    ]
    assert all("line" not in e for e in entries)
    # Unrelated edit: lines inserted above every finding.
    design.write_text("# Reviewed in design review #42.\n" + CACHES.replace("name:", "\n\nname:"))
    result = designlint("check", *SELECT, "--baseline", str(baseline), str(design))
    assert result.returncode == 0, result.stdout
    # A new finding is reported; the recorded ones stay hidden.
    design.write_text(CACHES + "  feeds: {owner: link-service}\n")
    new = findings(*SELECT, "--baseline", str(baseline), str(design))
    assert [(f["code"], f["model_path"]) for f in new] == [("DL601", ["caches", "feeds"])]


def test_stale_baseline_entry_is_dl009_at_its_line(tmp_path, monkeypatch):
    design = tmp_path / "x.design.yaml"
    design.write_text(CACHES)
    baseline = tmp_path / "baseline.json"
    designlint("check", *SELECT, "--write-baseline", str(baseline), str(design))
    design.write_text(
        CACHES.replace("users: {owner: link-service}", "users: {owner: link-service, ttl: 1h}")
    )
    found = findings(*SELECT, "--baseline", str(baseline), str(design))
    assert [(f["code"], f["path"]) for f in found] == [("DL009", str(baseline))]
    line = found[0]["line"]
    assert '"users"' in baseline.read_text().splitlines()[line - 1]
    # Running from another directory with relative paths matches the same entries.
    monkeypatch.chdir(tmp_path)
    assert findings(*SELECT, "--baseline", "baseline.json", "x.design.yaml")[0]["code"] == "DL009"
    # Entries of files not checked in this run are not judged.
    other = tmp_path / "other.design.yaml"
    other.write_text(CACHES.replace("links", "blobs").replace("users", "teams"))
    assert codes_lines(findings(*SELECT, "--baseline", str(baseline), str(other))) == [
        ("DL601", 6),
        ("DL601", 7),
    ]


def test_bad_baseline_is_exit_2(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(CACHES)
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    result = designlint("check", "--baseline", str(bad), str(design))
    assert result.returncode == 2 and f"{bad}:1:2:" in result.stderr
    missing = designlint("check", "--baseline", str(tmp_path / "nope.json"), str(design))
    assert missing.returncode == 2 and "cannot read the baseline: no such file" in missing.stderr


# -- jobs ---------------------------------------------------------------------------------


def test_jobs_give_the_same_output_as_serial(tmp_path):
    for i in range(6):
        text = CACHES if i % 2 else CLEAN
        if i == 3:
            text = "designlint: 1\nname: [\n"
        (tmp_path / f"d{i}.design.yaml").write_text(text)
    serial = designlint("check", *SELECT, str(tmp_path))
    for fmt in ("text", "json", "sarif"):
        one = designlint("check", "--format", fmt, *SELECT, str(tmp_path))
        two = designlint("check", "--format", fmt, "--jobs", "2", *SELECT, str(tmp_path))
        assert (one.returncode, one.stdout) == (two.returncode, two.stdout)
    assert serial.returncode == 1 and "d3.design.yaml:3:1: DL001" in serial.stdout
    every_cpu = designlint("check", "-j", "0", *SELECT, str(tmp_path))
    assert every_cpu.stdout == serial.stdout


def test_comment_scanner_edge_cases():
    from designlint.suppression import scan

    text = (
        'a: "x\n  # designlint: ignore[DL601] inside a quoted string"\n'
        "b: c#x # designlint: ignore[DL601] after a plain scalar with a hash\n"
        "d: e # designlint: ignore[DL601] crlf\r\n"
        "f: 1\r\n"
        "# designlint: ignore[DL1, DL2]\r\n"
        "g: |\n  # designlint: ignore[DL601] prose in a block scalar\n"
        "# designlint: ignore[DL601]: after the block\n"
        "h: 2\n"
    )
    found = [(s.line, s.column, s.applies_to, s.codes, s.reason) for s in scan(text)]
    assert found == [
        (3, 8, 3, ("DL601",), "after a plain scalar with a hash"),
        (4, 6, 4, ("DL601",), "crlf"),
        (6, 1, 7, ("DL1", "DL2"), ""),
        (9, 1, 10, ("DL601",), "after the block"),
    ]
