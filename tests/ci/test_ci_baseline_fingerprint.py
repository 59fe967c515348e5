"""Baseline fingerprints: code, model path and subject, so improving a number is not "new";
a baseline written by the previous format (`legacy/baseline-0.1.0.json`, written by designlint
0.1.0 before fingerprints changed) still matches."""

from __future__ import annotations

import json
import shutil

from ci_helpers import ROOT, designlint, findings

from designlint import fingerprint
from designlint.findings import Finding, Severity

LEGACY = ROOT / "tests" / "ci" / "legacy"
# Rules whose findings on the legacy design changed on purpose since 0.1.0 (a design with no
# client and no API is no longer asked for users or a read rate; DL406 names jobs too). These
# tests pin the baseline's format, not the rules, so those two are left out where an old
# baseline is read.
EVOLVED = ("--ignore", "DL204,DL406")


def _finding(message: str, code: str = "DL103", path: tuple = ("requirements",)) -> Finding:
    return Finding(code, "x", Severity.ERROR, message, "a.yaml", model_path=path)


def test_numbers_and_prose_do_not_change_the_fingerprint():
    one = _finding("only 1 non-functional requirement carries a numeric target; at least 3 needed")
    two = _finding("only 2 non-functional requirements carry a numeric target; at least 3 needed")
    assert fingerprint.fingerprint(one) == fingerprint.fingerprint(two)
    sized = _finding("cache `links` needs 3.2 TB, more than `nodes: 20`", "DL604")
    resized = _finding("cache `links` needs 4 TB, more than `nodes: 24`", "DL604")
    assert fingerprint.fingerprint(sized) == fingerprint.fingerprint(resized)


def test_subject_code_and_path_do_change_it():
    base = _finding("no estimate of read rate (an estimate with `measures: read-rate`)", "DL204")
    other = _finding("no estimate of users (an estimate with `measures: users`)", "DL204")
    assert fingerprint.fingerprint(base) != fingerprint.fingerprint(other)
    moved = _finding(base.message, "DL204", ("estimates",))
    assert fingerprint.fingerprint(base) != fingerprint.fingerprint(moved)
    assert fingerprint.fingerprint(base) != fingerprint.fingerprint(_finding(base.message, "DL205"))


def test_fixing_a_vague_target_does_not_make_the_count_finding_new(tmp_path):
    design = tmp_path / "shortener.design.yaml"
    shutil.copy(LEGACY / "shortener.design.yaml", design)
    baseline = tmp_path / "baseline.json"
    written = designlint("check", "--write-baseline", str(baseline), str(design))
    assert written.returncode == 0, written.stderr
    assert json.loads(baseline.read_text())["baseline"] == 2
    design.write_text(design.read_text().replace("target: fast", "target: 200ms"))
    left = findings("--baseline", str(baseline), str(design))
    # DL103 now says "only 2 ... carry": the same finding, still hidden. DL105 is fixed, so
    # its entry is stale (DL009, in the baseline file); nothing in the design is new.
    assert [f["code"] for f in left] == ["DL009"]
    assert "DL105" in left[0]["message"] and left[0]["path"] == str(baseline)


def test_a_baseline_written_by_designlint_0_1_0_still_matches(tmp_path):
    for name in ("shortener.design.yaml", "baseline-0.1.0.json"):
        shutil.copy(LEGACY / name, tmp_path / name)
    old = json.loads((tmp_path / "baseline-0.1.0.json").read_text())
    assert old["baseline"] == 1 and len(old["entries"]) == 15
    result = designlint("check", "--baseline", "baseline-0.1.0.json", *EVOLVED, ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    # ... and keeps matching once the design improves a number in a message.
    design = tmp_path / "shortener.design.yaml"
    design.write_text(design.read_text().replace("target: fast", "target: 200ms"))
    left = findings("--baseline", "baseline-0.1.0.json", *EVOLVED, ".", cwd=tmp_path)
    assert [f["code"] for f in left] == ["DL009"] and "DL105" in left[0]["message"]


def test_a_format_1_entry_without_its_message_matches_by_the_old_hash(tmp_path):
    shutil.copy(LEGACY / "shortener.design.yaml", tmp_path / "shortener.design.yaml")
    old = json.loads((LEGACY / "baseline-0.1.0.json").read_text())
    for entry in old["entries"]:
        del entry["message"]
    (tmp_path / "b.json").write_text(json.dumps(old, indent=1))
    # The old hash covered the message, and DL103's wording changed since (it counts kinds).
    reworded = ("--ignore", "DL103,DL204,DL406")
    result = designlint("check", "--baseline", "b.json", *reworded, ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sarif_alerts_keep_their_identity_when_a_number_improves(tmp_path):
    design = tmp_path / "shortener.design.yaml"
    shutil.copy(LEGACY / "shortener.design.yaml", design)

    def prints() -> dict[str, str]:
        log = json.loads(designlint("check", "--format", "sarif", str(design)).stdout)
        return {
            r["ruleId"]: r["partialFingerprints"]["designlint/v1"]
            for r in log["runs"][0]["results"]
            if r["ruleId"] == "DL103"
        }

    before = prints()
    design.write_text(design.read_text().replace("target: fast", "target: 200ms"))
    assert prints() == before and before
