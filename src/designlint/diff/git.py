"""Find the designs a working tree changed since a git ref, and read their old text.

Git runs as a subprocess with an argument list (never a shell), a timeout and bounded output:
`git diff --name-status -M REF` lists tracked changes including renames (compared with the
working tree, so uncommitted edits count), `git ls-files --others --exclude-standard` the new
untracked files, and `git show REF:PATH` the old contents; nothing is checked out. Paths from
git are relative to the repository root and are turned into paths relative to the working
directory for reading and output.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from designlint.errors import InputError, UsageError
from designlint.reading.discover import DESIGN_SUFFIXES, declares

TIMEOUT = 120.0


@dataclass(frozen=True)
class Change:
    """A changed file: `base` its path at the ref (None: added), `head` in the working tree
    (None: deleted); both relative to the repository root."""

    status: str
    base: str | None
    head: str | None


def _git(args: list[str], cwd: str, limit: int | None = None) -> bytes:
    """Run git; its stdout (at most `limit` + 1 bytes). A failure is a usage error."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        with subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as proc:
            try:
                if limit is None:
                    out, err = proc.communicate(timeout=TIMEOUT)
                else:
                    out = proc.stdout.read(limit + 1) if proc.stdout else b""
                    if len(out) > limit:
                        proc.kill()
                    err = proc.communicate(timeout=TIMEOUT)[1]
            except subprocess.TimeoutExpired as exc:
                proc.kill()
                raise InputError(f"git {args[0]} did not finish within {TIMEOUT:g} s") from exc
    except FileNotFoundError as exc:
        raise UsageError("`--git` needs git, which is not installed (not on PATH)") from exc
    if proc.returncode != 0 and not (limit is not None and len(out) > limit):
        why = err.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {why[-1] if why else f'exit {proc.returncode}'}")
    return out


def root(cwd: str = ".") -> str:
    out = _git(["rev-parse", "--show-toplevel"], cwd)
    return os.fsdecode(out.rstrip(b"\n"))


def resolve(ref: str, cwd: str = ".") -> str:
    """The commit a ref names; a clear usage error when it names none."""
    if not ref or ref.startswith("-"):
        raise UsageError(f"--git {ref!r}: not a git ref")
    try:
        out = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except UsageError as exc:
        hint = f" (in CI, fetch it first: `git fetch origin {ref}`, then use `origin/{ref}`)"
        raise UsageError(f"--git {ref}: no such commit in this repository{hint}") from exc
    return out.decode("ascii").strip()


def changes(commit: str, pathspecs: list[str], cwd: str = ".") -> list[Change]:
    """Every file changed between `commit` and the working tree, with renames paired."""
    spec = ["--", *pathspecs] if pathspecs else []
    out = _git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", commit, *spec], cwd)
    fields = [os.fsdecode(f) for f in out.split(b"\0") if f]
    found: list[Change] = []
    i = 0
    while i < len(fields):
        status = fields[i][:1]
        if status in ("R", "C"):
            old, new = fields[i + 1], fields[i + 2]
            found.append(
                Change("renamed", old, new) if status == "R" else Change("added", None, new)
            )
            i += 3
            continue
        path = fields[i + 1]
        found.append(
            Change("added", None, path)
            if status == "A"
            else Change("deleted", path, None)
            if status == "D"
            else Change("modified", path, path)
        )
        i += 2
    others = _git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name", *spec], cwd)
    found += [Change("added", None, os.fsdecode(p)) for p in others.split(b"\0") if p]
    return found


def show(commit: str, path: str, limit: int, cwd: str = ".") -> bytes:
    """The file's bytes at `commit` (at most `limit` + 1: the linter reports the excess)."""
    return _git(["show", "--no-textconv", f"{commit}:{path}"], cwd, limit)


def is_yaml(path: str) -> bool:
    return path.lower().endswith((".yaml", ".yml"))


def is_design(path: str, head: bytes) -> bool:
    """A design by name (`*.design.yaml`) or, for other YAML, by a `designlint:` line."""
    if path.lower().endswith(DESIGN_SUFFIXES):
        return True
    return is_yaml(path) and declares(head)
