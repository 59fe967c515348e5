"""The one way designlint reads a file from disk: designs, config files and baselines alike.

Every file goes through the same door: one `stat` (regular files only: a FIFO blocks forever,
`/dev/zero` never ends), a byte cap checked before reading, decoding with the failing byte
located, and for the JSON and TOML files a nesting and number-size check before the parser
(which recurses, and raises `ValueError` on a 5,000-digit integer) ever sees the text. Every
failure is one `InputError` line (exit 2) naming `file:line:col` where there is one. Each file
read is registered as an input of the run, so that no output can overwrite it.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from typing import Any

from designlint.errors import InputError

CONFIG_MAX_BYTES = 1024 * 1024  # a config is a few hundred bytes; pyproject.toml a few KB
BASELINE_MAX_BYTES = 16 * 1024 * 1024  # ~80,000 entries, the same cap as a design
MAX_DEPTH = 64  # as for designs: real configs nest 3 levels, baselines 4
MAX_DIGITS = 4000  # below CPython's 4,300-digit int() limit


def read_bytes(path: str, max_bytes: int, what: str = "", name: str | None = None) -> bytes:
    """Read a regular file of at most `max_bytes`; every way a path can fail is an InputError.

    `what` names the kind of file in messages ("config"), `name` the path as shown.
    """
    shown = path if name is None else name
    label = f"{shown}: cannot read the {what}:" if what else f"{shown}:"
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{label} is a directory")
        if not stat.S_ISREG(info.st_mode):  # a FIFO can block forever, a device never ends
            raise InputError(f"{label} not a regular file")
        if info.st_size > max_bytes:
            raise InputError(f"{label} {info.st_size:,} bytes exceeds the {max_bytes:,}-byte limit")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except InputError:
        raise
    except FileNotFoundError as exc:
        raise InputError(f"{label} no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{label} permission denied") from exc
    except OSError as exc:
        the = f" the {what}" if what else ""
        raise InputError(f"{shown}: cannot read{the} ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:  # grew between stat and read (a log being appended)
        raise InputError(f"{label} more than {max_bytes:,} bytes exceeds the limit")
    from designlint.output import protect

    protect(path)
    return data


def read_text(path: str, max_bytes: int, what: str, name: str | None = None) -> str:
    """A file's text: UTF-8, or UTF-8/16/32 with a byte-order mark; a bad byte is located."""
    from designlint.reading.source import decode

    text, problem = decode(read_bytes(path, max_bytes, what, name))
    path = path if name is None else name
    if text is None:
        span = problem[1].span if problem and problem[1].span else None
        where = f"{span.line}:{span.column}" if span else "1:1"
        reason = problem[1].message if problem else "cannot be decoded"
        raise InputError(f"{path}:{where}: {reason.replace('the file', f'the {what}', 1)}")
    return text


# What matters before parsing, outside strings and comments (which are matched whole and
# skipped): brackets, and numbers too long for `int()`.
_LONG = rf"|(?<![0-9a-zA-Z_.])(?P<number>[-+]?(?:0[xob])?[0-9][0-9a-fA-F_]{{{MAX_DIGITS},}})"
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]' + _LONG)
_TOML_TOKENS = re.compile(
    r'"""(?:[^\\]|\\[\s\S])*?"""|\'\'\'[\s\S]*?\'\'\'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'|#[^\n]*'
    r"|[\[\]{}]" + _LONG
)


def check_shape(text: str, tokens: re.Pattern[str], path: str, what: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH and over-long integers where they are, before a
    parser that recurses (RecursionError) or converts them (ValueError) sees the text."""
    depth = 0
    for match in tokens.finditer(text):
        char = match.group()
        if match.group("number"):
            line, column = position(text, match.start())
            digits = sum(ch.isdigit() for ch in char)
            raise InputError(
                f"{path}:{line}:{column}: a number of {digits:,} digits in the {what} is too large"
            )
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = position(text, match.start())
                deep = f"is nested more than {MAX_DEPTH} levels deep"
                raise InputError(f"{path}:{line}:{column}: the {what} {deep}")
        elif char in "]}":
            depth = max(0, depth - 1)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of `offset`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_json(path: str, max_bytes: int, what: str, name: str | None = None) -> tuple[Any, str]:
    """(data, text) of a JSON file; NaN and infinities are refused (they are not JSON).

    The shape check runs only when the parser fails: a 16 MiB baseline parses in 0.2 s, while
    scanning it in Python first would take ten times as long.
    """
    text = read_text(path, max_bytes, what, name)
    path = path if name is None else name

    def constant(name: str) -> Any:
        raise ValueError(f"`{name}` is not a JSON number")

    def finite(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise ValueError(f"`{literal}` is too large for a number")
        return value

    def integer(literal: str) -> int:
        if len(literal) > MAX_DIGITS:
            raise ValueError("too many digits")
        return int(literal)

    try:
        data = json.loads(text, parse_constant=constant, parse_float=finite, parse_int=integer)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from exc
    except (ValueError, RecursionError) as exc:
        check_shape(text, _JSON_TOKENS, path, what)  # too deep or too long: located there
        literal = re.search(r"`([^`]+)`", str(exc))
        offset = text.find(literal.group(1)) if literal else -1
        line, column = position(text, offset) if offset >= 0 else (1, 1)
        raise InputError(f"{path}:{line}:{column}: {exc} in the {what}") from exc
    return data, text


def read_toml(
    path: str, max_bytes: int, what: str, name: str | None = None
) -> tuple[dict[str, Any], str]:
    """(data, text) of a TOML file, with errors located."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    text = read_text(path, max_bytes, what, name)
    path = path if name is None else name
    check_shape(text, _TOML_TOKENS, path, what)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        where = f"{m.group(1)}:{m.group(2)}" if m else "1:1"
        reason = re.sub(r"\s*\(at line.*\)$", "", str(exc))
        raise InputError(f"{path}:{where}: {reason}") from exc
    except (ValueError, RecursionError) as exc:  # pragma: no cover - both are checked above
        raise InputError(f"{path}:1:1: the {what} cannot be read ({exc})") from exc
    return data, text


def unfit_value(data: Any) -> tuple[tuple, str] | None:
    """(path, reason) of the first NaN or infinity in parsed data, walked without recursion.

    TOML writes them as `nan` and `inf`, YAML as `.nan` and `.inf`; no setting means either,
    and `nan` compares false with everything, so a tolerance of `nan` would pass any check.
    """
    stack: list[tuple[tuple, Any]] = [((), data)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            return where, f"`{node}` is not a finite number"
        if isinstance(node, dict):
            stack.extend(((*where, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*where, i), v) for i, v in enumerate(node))
    return None
