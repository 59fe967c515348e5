"""Writing output files: atomically (temporary file, then rename), never over an input."""

from __future__ import annotations

import os
import tempfile

from designlint.errors import InputError

_INPUTS: set[str] = set()
_INPUT_IDS: set[tuple[int, int]] = set()  # (device, inode): catches hard links too


def protect(path: str) -> None:
    """Remember an input so that an output path equal to it is refused."""
    _INPUTS.add(os.path.realpath(path))
    try:
        info = os.stat(path)
    except OSError:
        return
    _INPUT_IDS.add((info.st_dev, info.st_ino))


def is_input(path: str) -> bool:
    """Whether writing `path` would overwrite a protected input (same file by any name)."""
    if os.path.realpath(path) in _INPUTS:
        return True
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) in _INPUT_IDS


def check_writable(path: str) -> None:
    """Refuse early (before any work) an output that equals an input or has no directory."""
    if is_input(path):
        raise InputError(f"{path}: refusing to overwrite an input file")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise InputError(f"{path}: the directory {directory} does not exist")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory")


def write_atomic(path: str, data: str | bytes) -> None:
    """Write `data` to `path` so that readers never see half a file.

    The text is UTF-8; characters that cannot be encoded (lone surrogates from undecodable file
    names) are written as `\\udcxx` escapes, which JSON and SARIF readers accept. The file gets
    the mode a plain `open()` would give it (or keeps the mode of the file it replaces).
    """
    check_writable(path)
    directory = os.path.dirname(os.path.abspath(path))
    payload = data if isinstance(data, bytes) else data.encode("utf-8", "backslashreplace")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".designlint-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _mode_for(path: str) -> int:
    """The existing file's permissions, else 0o666 less the umask (mkstemp's 0o600 is not)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def split_outputs(
    values: tuple[str, ...], formats: list[str]
) -> tuple[str | None, list[tuple[str, str]]]:
    """`-o FILE` (the main output) and `--output FORMAT=FILE` (more outputs, repeatable).

    A word before `=` that is no format is a mistake, not a file name (`sarfi=x.sarif`)."""
    from designlint.errors import UsageError

    main: str | None = None
    extra: list[tuple[str, str]] = []
    for value in values:
        name, sep, target = value.partition("=")
        if sep and name in formats:
            if not target:
                raise UsageError(f"--output {value}: give a file after `=`")
            extra.append((name, target))
        elif sep and name.isalpha():
            raise UsageError(f"--output {value}: unknown format `{name}` ({', '.join(formats)})")
        elif main is None:
            main = value
        else:
            raise UsageError("only one --output FILE for the main output; use FORMAT=FILE")
    return main, extra
