"""File-level and block suppressions, and `check --add-suppressions REASON`."""

from __future__ import annotations

from ci_helpers import CACHES, SELECT, codes_lines, designlint, findings

# Line 6 links, 7 users, 8 pages (with a TTL); a fourth cache without eviction on line 9.
FOUR = CACHES + "  feeds: {owner: link-service}\n"


def lint(tmp_path, text: str, *args: str) -> list[tuple[str, int]]:
    design = tmp_path / "x.design.yaml"
    design.write_text(text)
    return codes_lines(findings(*SELECT, *args, str(design)))


def test_disable_file_covers_every_line_and_takes_a_prefix(tmp_path):
    text = "# designlint: disable-file[DL6] caches are sized in ADR-3\n" + FOUR
    assert lint(tmp_path, text) == []
    stale = "# designlint: disable-file[DL7] nothing regional here\n" + FOUR
    assert lint(tmp_path, stale) == [("DL009", 1), ("DL601", 7), ("DL601", 8), ("DL601", 10)]


def test_disable_file_without_reason_is_dl008(tmp_path):
    text = FOUR + "# designlint: disable-file[DL601]\n"
    assert lint(tmp_path, text) == [("DL008", 10)]


def test_block_runs_to_its_enable(tmp_path):
    text = FOUR.replace(
        "  links:", "  # designlint: disable[cache-without-eviction] warmed at start\n  links:"
    ).replace("  pages:", "  # designlint: enable[DL601]\n  pages:")
    # links and users are inside the block; feeds (after enable) is reported.
    assert lint(tmp_path, text) == [("DL601", 11)]


def test_block_without_enable_runs_to_the_end_and_stray_enable_is_dl009(tmp_path):
    text = FOUR.replace("  users:", "  # designlint: disable[DL601] warmed\n  users:")
    assert lint(tmp_path, text) == [("DL601", 6)]
    stray = FOUR + "# designlint: enable[DL601]\n"
    found = lint(tmp_path, stray)
    assert ("DL009", 10) in found and ("DL601", 6) in found


def test_unused_block_is_dl009(tmp_path):
    text = FOUR.replace(
        "  pages:", "  # designlint: disable[DL605] no queues yet\n  pages:"
    ).replace("  feeds:", "  # designlint: enable[DL605]\n  feeds:")
    assert ("DL009", 8) in lint(tmp_path, text)


def test_inline_ignore_with_a_prefix_explains_itself(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(
        FOUR.replace("link-service: {}", "link-service: {}  # designlint: ignore[DL6] x")
    )
    found = findings(*SELECT, str(design))
    assert "disable-file[DL6]" in next(f["message"] for f in found if f["code"] == "DL009")


def test_add_suppressions_silences_todays_findings(tmp_path):
    design = tmp_path / "x.design.yaml"
    text = FOUR.replace(
        "links: {owner: link-service}",
        "links: {owner: link-service}  # designlint: ignore[DL605] queues later",
    ).replace("  users: {owner: link-service}", "  users:\n    owner: link-service")
    design.write_text(text, newline="")
    result = designlint("check", *SELECT, "--add-suppressions", "known, see ADR-7", str(design))
    assert "added 3 suppressions to 1 file" in result.stderr, result.stderr
    after = design.read_text()
    # Merged into the comment already there (its reason kept); a new comment elsewhere.
    assert "# designlint: ignore[DL605, DL601] queues later" in after
    assert "  users:  # designlint: ignore[DL601] known, see ADR-7\n" in after
    assert "feeds: {owner: link-service}  # designlint: ignore[DL601] known, see ADR-7" in after
    # Only DL009 about the stale DL605 is left; everything else is silenced.
    assert codes_lines(findings(*SELECT, str(design))) == [("DL009", 6)]
    assert result.returncode == 1


def test_add_suppressions_keeps_crlf_and_skips_block_scalars(tmp_path):
    design = tmp_path / "x.design.yaml"
    text = FOUR.replace("name: Shortener", "name: Shortener\ndescription: >\n  two\n  lines")
    design.write_bytes(text.replace("\n", "\r\n").encode())
    result = designlint("check", *SELECT, "--add-suppressions", "later", str(design))
    assert result.returncode == 0, result.stdout + result.stderr
    raw = design.read_bytes()
    assert raw.count(b"\r\n") == text.count("\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"  lines\r\n" in raw  # the folded scalar is untouched


def test_add_suppressions_refuses_bad_reasons_and_stdin(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(FOUR)
    for reason in ["", "a # b", "a]b"]:
        result = designlint("check", "--add-suppressions", reason, str(design))
        assert result.returncode == 2, reason
    assert design.read_text() == FOUR
    result = designlint("check", "--add-suppressions", "x", "-")
    assert result.returncode == 2 and "standard input" in result.stderr
