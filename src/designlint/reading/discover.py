"""Turn the PATH arguments of `check` into design files: files, directories and globs."""

from __future__ import annotations

import glob
import os

from designlint.errors import InputError

DESIGN_SUFFIXES = (".design.yaml", ".design.yml")
_SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}


def declares_format(path: str) -> bool:
    """A YAML file with a top-level `designlint:` key in its first lines is a design."""
    try:
        if not os.path.isfile(path):  # opening a FIFO found while walking would block forever
            return False
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return declares(head)


def declares(head: bytes) -> bool:
    """Whether the first 4 KiB of a file hold a top-level `designlint:` key."""
    return any(line.startswith(b"designlint:") for line in head[:4096].splitlines())


def expand(paths: tuple[str, ...] | list[str]) -> tuple[list[str], list[str]]:
    """(files to check, error messages for arguments that name nothing readable)."""
    files: list[str] = []
    errors: list[str] = []
    for arg in paths:
        if os.path.isdir(arg):
            found, skipped = _walk(arg)
            if not found:
                errors.append(_no_design(arg, skipped))
            files.extend(found)
        elif os.path.exists(arg) or os.path.islink(arg):
            files.append(arg)
        elif any(ch in arg for ch in "*?["):
            matched = sorted(glob.glob(arg, recursive=True))
            if not matched:
                errors.append(f"{arg}: the pattern matches no file")
            files.extend(m for m in matched if os.path.isfile(m))
        else:
            errors.append(f"{arg}: no such file or directory")
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, errors


def _no_design(directory: str, skipped: int) -> str:
    """A folder that holds no design fails loudly: a CI job pointed at the wrong one must not
    pass green on zero files."""
    why = (
        f" ({skipped} YAML file{'s' if skipped != 1 else ''} without a top-level `designlint:` "
        "line were passed over)"
        if skipped
        else ""
    )
    return (
        f"{directory}: no design found{why}; designs are *.design.yaml, *.design.yml, or YAML "
        "files that start with `designlint: 1`"
    )


def _walk(root: str) -> tuple[list[str], int]:
    """(design files under root, how many other YAML files were passed over)."""
    found: list[str] = []
    skipped = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.endswith(DESIGN_SUFFIXES):
                found.append(path)
            elif name.endswith((".yaml", ".yml")):
                if declares_format(path):
                    found.append(path)
                else:
                    skipped += 1
    return found, skipped


def check_readable(path: str) -> None:
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file (or a broken link)")
