"""The repository stands alone: what code and docs cite, it has.

A clone with nothing beside it must build, test and read completely. So every Markdown link
to a local file resolves, every `*.md` a text names exists in the repository, and every path
under one of the repository's own folders (`docs/...`, `tests/...`) exists. Vendored files keep
their notice and their exact bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
    "dist",
}
TEXT = {".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".mjs", ".cfg"}
SKIP_FILES = {"package-lock.json"}
TOP = ("src", "tests", "docs", "examples", "bench", "schemas")

_LINK = re.compile(r"\]\(([^)\s]+)\)")
# `RULES.md`, `CHANGELOG.md`: the upper-case names documents go by; `../x/y.md`: any path.
_MD_NAME = re.compile(
    r"(?<![\w./:-])((?:[\w.-]+/)*[A-Z][A-Z0-9_-]*\.md|(?:[\w.-]+/)+[\w.-]+\.md)\b"
)
_TOP_PATH = re.compile(
    rf"(?<![\w./:-])((?:{'|'.join(TOP)})/[\w./-]*\.(?:py|md|ya?ml|json|txt|toml|mjs))\b"
)
# Paths that name what a command writes, or a placeholder: not files the repository holds.
GENERATED = ("bench/out/", "docs/rules/CODE.md", "tests/artifacts/")


def _files() -> list[Path]:
    out = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in rel.parts):
            continue
        if path.is_file() and (path.suffix in TEXT or path.name == "Makefile"):
            if path.name not in SKIP_FILES and "data" not in rel.parts[:2]:
                out.append(path)
    return out


FILES = _files()
NAMES = {p.name for p in FILES} | {p.name for p in ROOT.rglob("*.md") if ".venv" not in p.parts}


def _exists(target: str, source: Path) -> bool:
    target = target.split("#", 1)[0].rstrip(".")
    if not target:
        return True
    for base in (source.parent, ROOT):
        candidate = (base / target).resolve()
        if candidate.exists() and candidate.is_relative_to(ROOT):
            return True
    return False


def _missing(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    out: list[str] = []
    if path.suffix == ".md":
        for target in _LINK.findall(text):
            if re.match(r"[a-z]+:", target) or target.startswith(("#", "<")):
                continue  # a URL, an anchor
            if not _exists(target, path):
                out.append(f"link {target}")
    for name in _MD_NAME.findall(text) + _TOP_PATH.findall(text):
        if name.startswith(GENERATED) or f"link {name}" in out:
            continue
        found = _exists(name, path) if "/" in name else name in NAMES
        if not found and name not in out:
            out.append(name)
    return out


def test_code_and_docs_cite_only_files_the_repository_has() -> None:
    assert len(FILES) > 100
    missing = {}
    for path in FILES:
        if path == Path(__file__).resolve():
            continue  # names missing files on purpose, below
        found = _missing(path)
        if found:
            missing[str(path.relative_to(ROOT))] = found
    assert not missing, f"cited but not in the repository: {missing}"


def test_the_check_catches_a_citation_of_a_missing_file(tmp_path) -> None:
    probe = ROOT / "docs" / "cli.md"
    fake = tmp_path / "x.md"
    fake.write_text("See `../shared/spec/LOADING.md`, RULES.md and [ci](docs/none.md).\n")
    assert _missing(fake) == ["link docs/none.md", "../shared/spec/LOADING.md", "RULES.md"]
    assert _missing(probe) == []


def test_sarif_schema_comes_from_a_registry_not_a_copy() -> None:
    """OASIS's schema is installed with the test tools (package.json), never committed."""
    assert not list(ROOT.glob("**/sarif-schema*.json")) or all(
        "node_modules" in p.parts or ".venv" in p.parts for p in ROOT.glob("**/sarif-schema*.json")
    )
    packages = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    assert "@microsoft/jest-sarif" in packages


def test_licence_and_changelog() -> None:
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License") and "Permission is hereby granted" in licence
    from designlint import __version__

    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert f"## {__version__}" in changelog or "## Unreleased" in changelog


def _docs() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_pre_commit_examples_name_a_rev_that_exists() -> None:
    """No release is tagged yet: an example `rev:` is `main` (to be pinned by autoupdate) or a
    commit sha, never a tag the repository does not have."""
    import subprocess

    tags = set()
    if (ROOT / ".git").exists():
        done = subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True)
        tags = set(done.stdout.split())
    revs = [r for doc in _docs() for r in re.findall(r"^\s*rev:\s*(\S+)", doc.read_text(), re.M)]
    assert revs
    for rev in revs:
        assert rev == "main" or re.fullmatch(r"[0-9a-f]{40}", rev) or rev in tags, rev


def test_schema_lines_point_at_the_real_schema() -> None:
    lines = [(doc, m) for doc in _docs() for m in re.findall(r"\$schema=(\S+)", doc.read_text())]
    assert lines
    raw = "https://raw.githubusercontent.com/designlint/designlint/main/"
    for doc, target in lines:
        assert "..." not in target, (doc, target)
        if target.startswith(raw):
            assert (ROOT / target[len(raw) :]).is_file(), target
        else:
            assert not re.match(r"[a-z]+:", target), target  # a local path, next to the design
