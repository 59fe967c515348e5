"""Gather the pairs to compare (two files, or the working tree against a git ref) into a Diff.

Both versions of a design are judged under the same settings (the head's config, or the
base's for a deleted design), so that the diff shows what the design change did, not what a
config change did.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from designlint.diff import git, sides
from designlint.diff.compare import Diff, compare
from designlint.errors import InputError

SettingsFor = Callable[[str], Any]


def from_files(base: str, head: str, settings_for: SettingsFor) -> Diff:
    """Compare two design files."""
    from designlint.linter import read_bytes

    settings = settings_for(head)
    old = sides.load(read_bytes(base, settings.limits.max_bytes), base, settings)
    new = sides.load(read_bytes(head, settings.limits.max_bytes), head, settings)
    return Diff(base, head, [compare(old, new, "modified")])


def from_git(ref: str, pathspecs: list[str], settings_for: SettingsFor) -> Diff:
    """Compare each design changed since `ref` with its version there (renames paired)."""
    from designlint.linter import read_bytes

    commit = git.resolve(ref)
    top = git.root()
    designs = []
    errors: list[str] = []
    for change in git.changes(commit, pathspecs):
        if not any(p and git.is_yaml(p) for p in (change.base, change.head)):
            continue  # a design is YAML: nothing else is read
        head_path = _local(top, change.head) if change.head else None
        base_name = _local(top, change.base) if change.base else None
        settings = settings_for(head_path or base_name or ".")
        limit = settings.limits.max_bytes
        try:
            new_raw = read_bytes(head_path, limit) if head_path else None
        except InputError as exc:
            errors.append(str(exc))
            continue
        old_raw = git.show(commit, change.base, limit) if change.base else None
        if not any(
            git.is_design(path, raw)
            for path, raw in ((change.head, new_raw), (change.base, old_raw))
            if path is not None and raw is not None
        ):
            continue
        old = sides.load(old_raw, base_name, settings)
        new = sides.load(new_raw, head_path, settings)
        designs.append(compare(old, new, change.status))
    designs.sort(key=lambda d: d.name)
    return Diff(ref, "working tree", designs, errors)


def _local(top: str, path: str) -> str:
    """A repository path as the user reaches it from the working directory."""
    full = os.path.join(top, path)
    rel = os.path.relpath(full)
    return full if rel.startswith("..") else rel
