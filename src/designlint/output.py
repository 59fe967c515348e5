"""Output files: which reports go where (`--output`), and writing them atomically (temporary
file, then rename), never over an input.

A regular file (or a symlink to one) is replaced atomically at its real location, so the link
stays a link. Anything else is never replaced: a character device (`/dev/null`, a terminal,
`/dev/stdout`) is written in place, a FIFO too when a process reads it (else refused, since
opening it would block), and block devices, sockets and directories are refused (exit 2).
Run as root, replacing `/dev/null` with a regular file would break the whole machine.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile

from designlint.errors import InputError, UsageError

_INPUTS: set[str] = set()
_INPUT_IDS: set[tuple[int, int]] = set()  # (device, inode): catches hard links too


def forget_inputs() -> None:
    """Start a new run (the CLI's `main` can be called more than once in one process)."""
    _INPUTS.clear()
    _INPUT_IDS.clear()


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
    kind = _unsafe_kind(path)
    if kind:
        raise InputError(f"{path}: is {kind}; refusing to write a report to it")


def _unsafe_kind(path: str) -> str | None:
    """The kind of an existing non-regular target that must not be written at all."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def write_atomic(path: str, data: str | bytes, allow_input: bool = False) -> None:
    """Write `data` to `path` so that readers never see half a file.

    The text is UTF-8; characters that cannot be encoded (lone surrogates from undecodable file
    names) are written as `\\udcxx` escapes, which JSON and SARIF readers accept. The file gets
    the mode a plain `open()` would give it (or keeps the mode of the file it replaces).
    `allow_input`: the caller edits an input on purpose (`--add-suppressions`).
    """
    if not allow_input:
        check_writable(path)
    payload = data if isinstance(data, bytes) else data.encode("utf-8", "backslashreplace")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(path, payload, mode)
        return
    _replace(path, os.path.realpath(path), payload)


def _write_in_place(path: str, payload: bytes, mode: int) -> None:
    """A character device or a FIFO: write into it, never replace it with a regular file."""
    flags = os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(mode) else 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO that nobody reads: opening it would block
            raise InputError(f"{path}: a FIFO that no process reads; refusing to wait") from exc
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        os.set_blocking(fd, True)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


def _replace(path: str, real: str, payload: bytes) -> None:
    """Temporary file beside the real target, fsync, rename: readers never see half a file."""
    directory = os.path.dirname(real)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".designlint-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(real))
        os.replace(tmp, real)
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


# `--output sarif=x.sarif`: a bare word before `=` names a format; `./a=b.txt` is a file.
_FORMAT_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def parse_targets(
    values: tuple[str, ...] | list[str], formats: list[str]
) -> tuple[str | None, list[tuple[str, str]]]:
    """`-o FILE` (the main report) and `--output FORMAT=FILE` (more reports).

    A value whose part before `=` is a bare word is a FORMAT=FILE pair, and an unknown format
    is a usage error with the nearest name: `sarfi=x.sarif` must not quietly become a file
    named `sarfi=x.sarif` holding the text report. A file name with `=` is still possible as
    `./a=b.txt`.
    """
    main: str | None = None
    extra: list[tuple[str, str]] = []
    for value in values:
        name, sep, target = value.partition("=")
        if sep and _FORMAT_PREFIX.match(name):
            if name not in formats:
                raise UsageError(
                    f"--output {value}: unknown format `{name}`{_did_you_mean(name, formats)}; "
                    f"formats: {', '.join(formats)} (a file name with `=` needs a directory, "
                    f"e.g. `./{value}`)"
                )
            if not target:
                raise UsageError(f"--output {value}: give a file after `=`")
            extra.append((name, target))
        elif main is None:
            main = value
        else:
            raise UsageError("only one --output FILE for the main report; use FORMAT=FILE")
    return main, extra


def _did_you_mean(word: str, choices: list[str]) -> str:
    import difflib

    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.5)
    return f" (did you mean `{lowered[close[0]]}`?)" if close else ""
