"""`designlint diff --git REF` on real repositories: changed, moved, added, renamed, deleted."""

from __future__ import annotations

import pytest
from repo import CACHES, SELECT, Repo, new_fixed

NEW = """\
designlint: 1
name: Media library with a longer name
description: stores uploaded images and serves thumbnails to the web client
services:
  upload-service: {description: accepts uploads}
  thumbnail-service: {description: renders thumbnails}
caches:
  blobs: {owner: thumbnail-service}
"""


@pytest.fixture
def repo(tmp_path) -> Repo:
    r = Repo(tmp_path)
    r.write("designs/short.design.yaml", CACHES)
    r.write("README.md", "designs\n")
    r.commit("first")
    return r


def test_a_change_reports_exactly_its_new_and_fixed_findings(repo):
    text = CACHES.replace("users: {owner: link-service}", "users: {owner: link-service, ttl: 1h}")
    repo.write("designs/short.design.yaml", text + "  feeds: {owner: link-service}\n")
    repo.commit("second")
    doc = repo.diff_json("--git", "HEAD~1")
    assert new_fixed(doc) == ([("DL601", "caches.feeds")], [("DL601", "caches.users")])
    (design,) = doc["designs"]
    assert design["status"] == "modified"
    assert design["base"] == design["head"] == "designs/short.design.yaml"
    assert design["findings"]["unchanged"] == 1
    assert design["findings"]["new"][0]["line"] == 9
    structure = design["structure"]
    assert structure["added"] == [{"section": "caches", "id": "feeds"}]
    assert structure["changed"] == [
        {"section": "caches", "id": "users", "fields": [{"field": "ttl", "old": None, "new": "1h"}]}
    ]
    assert structure["edges"] == [] and structure["ownership"][0]["store"] == "feeds"
    assert doc["summary"]["new_by_severity"] == {"error": 0, "warning": 1, "info": 0}


def test_an_edit_that_only_moves_lines_reports_nothing(repo):
    moved = (
        "# Reviewed on 2026-11-27.\n"
        "designlint: 1\nname: Shortener\n\n"
        "caches:\n"
        "  pages: {ttl: 1d, owner: link-service}\n"
        "  # the user cache\n"
        "  users:\n    owner: link-service\n"
        "  links: {owner: link-service}\n"
        "services:\n  link-service: {}\n"
    )
    repo.write("designs/short.design.yaml", moved)
    repo.commit("reorder")
    result = repo.diff("--git", "HEAD~1", *SELECT)
    assert result.returncode == 0, result.stdout + result.stderr
    doc = repo.diff_json("--git", "HEAD~1")
    assert new_fixed(doc) == ([], [])
    (design,) = doc["designs"]
    assert design["findings"]["unchanged"] == 2
    assert design["structure"] == {
        "added": [],
        "removed": [],
        "changed": [],
        "edges": [],
        "ownership": [],
    }
    assert design["estimates"] == [] and design["flows"] == []


def test_added_renamed_and_deleted_designs(repo):
    repo.write("designs/other.design.yaml", CACHES.replace("Shortener", "Other"))
    repo.commit("add other")
    repo.git("mv", "designs/short.design.yaml", "designs/shortener.design.yaml")
    repo.git("rm", "-q", "designs/other.design.yaml")
    # Different enough that git does not pair it with the deleted design as a rename.
    repo.write("designs/new.design.yaml", NEW)
    repo.commit("rename, delete, add")
    doc = repo.diff_json("--git", "HEAD~1")
    by_status = {d["status"]: d for d in doc["designs"]}
    assert set(by_status) == {"added", "renamed", "deleted"}
    renamed = by_status["renamed"]
    assert renamed["base"] == "designs/short.design.yaml"
    assert renamed["head"] == "designs/shortener.design.yaml"
    assert renamed["findings"] == {"new": [], "fixed": [], "unchanged": 2}
    added = by_status["added"]
    assert added["base"] is None and added["head"] == "designs/new.design.yaml"
    assert [f["model_path"] for f in added["findings"]["new"]] == [["caches", "blobs"]]
    deleted = by_status["deleted"]
    assert deleted["head"] is None and len(deleted["findings"]["fixed"]) == 2
    assert deleted["structure"]["removed"] == [] and deleted["estimates"] == []
    # Two commits back: `other` never existed there and is gone now, so it is not listed.
    two_back = repo.diff_json("--git", "HEAD~2")
    assert sorted(d["status"] for d in two_back["designs"]) == ["added", "renamed"]


def test_uncommitted_and_untracked_designs_count_and_other_yaml_does_not(repo):
    repo.write("designs/draft.yaml", "designlint: 1\nname: Draft\ncaches:\n  c: {}\n")
    repo.write("config/app.yaml", "designlint_version: 1\nother: true\n")
    repo.write("designs/short.design.yaml", CACHES.replace("pages", "sessions"))
    doc = repo.diff_json("--git", "HEAD")
    assert [(d["status"], d["head"]) for d in doc["designs"]] == [
        ("added", "designs/draft.yaml"),
        ("modified", "designs/short.design.yaml"),
    ]
    # PATHS limit the search.
    limited = repo.diff_json("--git", "HEAD", "designs/short.design.yaml")
    assert [d["head"] for d in limited["designs"]] == ["designs/short.design.yaml"]


def test_fail_on_levels(repo):
    repo.write("designs/short.design.yaml", CACHES + "  feeds: {owner: link-service}\n")
    assert repo.diff("--git", "HEAD", *SELECT).returncode == 1  # default: warning
    assert repo.diff("--git", "HEAD", *SELECT, "--fail-on", "new-warning").returncode == 1
    assert repo.diff("--git", "HEAD", *SELECT, "--fail-on", "any").returncode == 1
    assert repo.diff("--git", "HEAD", *SELECT, "--fail-on", "new-error").returncode == 0


def test_from_a_subdirectory_paths_are_relative_to_it(repo):
    repo.write("designs/short.design.yaml", CACHES + "  feeds: {owner: link-service}\n")
    from conftest import run_cli

    result = run_cli("diff", "--git", "HEAD", *SELECT, cwd=repo.path / "designs")
    assert result.returncode == 1
    assert "short.design.yaml:9:10: DL601" in result.stdout


def test_bad_refs_and_no_repository_are_usage_errors(repo, tmp_path_factory):
    result = repo.diff("--git", "no-such-branch")
    assert result.returncode == 2
    assert "no-such-branch: no such commit" in result.stderr and "Traceback" not in result.stderr
    assert repo.diff("--git", "--upload-pack=x").returncode == 2
    outside = tmp_path_factory.mktemp("plain")
    from conftest import run_cli

    result = run_cli("diff", "--git", "HEAD", cwd=outside)
    assert result.returncode == 2 and "git" in result.stderr and "Traceback" not in result.stderr
    assert repo.diff().returncode == 2  # neither files nor --git
