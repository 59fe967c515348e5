"""Plain data + SourceMap -> Design, or DL002/DL007 violations located at the nearest real node.

pydantic reports error locations in model terms: union members appear as extra segments
(`Estimate`, `str`), a missing key names a node that does not exist, and a union tries every
member. Here each error is walked back onto the data that really exists, the noise from union
members that could never have matched is dropped, and unknown keys get a "did you mean".
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from designlint.findings import ModelPath, Violation
from designlint.model import Design, prebuilt
from designlint.model.design import SET_ASIDE
from designlint.reading import version
from designlint.reading.source import Source

_TYPE_ERRORS = {
    "string_type",
    "int_type",
    "int_parsing",
    "float_type",
    "float_parsing",
    "bool_type",
    "bool_parsing",
    "dict_type",
    "list_type",
    "model_type",
    "model_attributes_type",
    "literal_error",
}


def validate(source: Source) -> tuple[Design | None, list[tuple[str, Violation]]]:
    """Validate the loaded data; return the design or the problems that stop it."""
    data = source.data
    if data is None:
        msg = "the file holds no design; it starts with `designlint: 1` and a `name`"
        return None, [("DL002", Violation((), msg, span=source.smap.locate(())))]
    if not isinstance(data, dict):
        msg = f"a design is a mapping of keys, not a {_kind(data)}"
        return None, [("DL002", Violation((), msg, span=source.smap.locate(())))]
    wrong_version = version.problem(source)  # `true`, `1.0`, `+1`, `0x1`: pydantic takes them
    if wrong_version is not None:
        return None, [wrong_version]
    return _recover(source)


# Each pass sets aside at least one node, so this bounds the work; in practice one pass finds
# every schema error and a second validates the rest.
_MAX_PASSES = 8


def _recover(source: Source) -> tuple[Design | None, list[tuple[str, Violation]]]:
    """Validate, setting aside each node a schema error is about, until the rest validates.

    A typo in one field must not hide every rule finding (ruff and tsc keep going after an
    error too): the smallest node that can go (an optional field, a mapping entry, a whole
    section, an item of a list of ids) is removed from a copy of the data, the error is
    reported, and the design is validated again without it. A list item is replaced by a
    placeholder id instead of removed, so every other node keeps its model path and its
    position. An error that no removal can fix (the format version, the design's name) still
    stops the design.
    """
    data = source.data
    problems: list[tuple[str, Violation]] = []
    aside: dict[ModelPath, object] = {}
    extensions = may_have_extensions(source)
    for _ in range(_MAX_PASSES):
        try:
            design = prebuilt.validate(data, extensions)
        except ValidationError as exc:
            found, paths = _problems(exc, source, data)
        except RecursionError:  # pragma: no cover - depth is capped by the loader
            return None, [("DL002", Violation((), "the document is nested too deeply"))]
        else:
            found, paths = _cross_problems(design, source)
            if not found:
                design.set_aside_nodes(aside)
                return design, problems
        # A node that fails only because a field of it was set aside is set aside too, but its
        # error said it already.
        problems += [
            (code, v)
            for code, v in found
            if not (v.path and any(tuple(v.path) == p[: len(v.path)] for p in aside))
        ]
        if len(paths) > source.limits.max_problems:
            return None, problems  # past the problem cap, recovering is not worth its cost
        nodes = {_removable(p) for p in paths}
        if None in nodes or not nodes:
            return None, problems
        data = _without(data, nodes, aside)  # type: ignore[arg-type]
    return None, problems


def may_have_extensions(source: Source) -> bool:
    """Whether a key of the document may start with `x-`; False only when none can.

    Every key is text of the document: written out, or spelled with escapes in a double-quoted
    scalar (`"\\x78-a"`, or `"x\\` at a line's end followed by `-a"`), which all need a
    backslash. A key's first character follows a space, a line break, a quote or an indicator,
    never a word character, so the `x-` of `max-age` or `index-only` is no key's start. A
    document without such an `x-` and without a backslash has no extension key, and its models
    need not look for one (`prebuilt.validate`): ~17 ms for the 12 MB of the 10k-service design.
    """
    text = source.text
    if "\\" in text:
        return True
    at = text.find("x-")
    while at != -1:
        before = text[at - 1] if at else " "
        if not (before.isalnum() or before == "_"):  # what `re` calls a word character
            return True
        at = text.find("x-", at + 2)
    return False


def _removable(path: ModelPath) -> ModelPath | None:
    """The smallest node on `path` whose removal leaves a valid shape: a mapping entry, an
    optional field, or an item of a list of ids (replaced, so no sibling is renumbered)."""
    for end in range(len(path), 0, -1):
        last = path[end - 1]
        if isinstance(last, int):
            if str in types_at(path[:end]):
                return path[:end]  # replaced by SET_ASIDE, so its siblings keep their index
            continue
        for tp in types_at(path[: end - 1]):
            if typing.get_origin(tp) is dict:
                return path[:end]
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                field = tp.model_fields.get(str(last))
                if field is None or not field.is_required():
                    return path[:end]  # an unknown key, or an optional field
    return None


def _without(data: Any, nodes: set[ModelPath], aside: dict[ModelPath, object]) -> Any:
    """A copy of `data` without `nodes`; each removed subtree is kept in `aside`."""
    nodes = {n for n in nodes if not any(n[:i] in nodes for i in range(len(n)))}
    copied: dict[ModelPath, Any] = {(): dict(data)}
    root = copied[()]
    for node in sorted(nodes, key=len):
        parent = root
        for i, seg in enumerate(node[:-1]):
            key = node[: i + 1]
            if key not in copied:
                child = parent[seg]
                copied[key] = dict(child) if isinstance(child, dict) else list(child)
                parent[seg] = copied[key]
            parent = copied[key]
        if isinstance(parent, dict) and node[-1] in parent:
            aside[node] = parent.pop(node[-1])
        elif isinstance(parent, list) and isinstance(node[-1], int):
            aside[node] = parent[node[-1]]
            parent[node[-1]] = SET_ASIDE
    return root


def _cross_problems(
    design: Design, source: Source
) -> tuple[list[tuple[str, Violation]], list[ModelPath]]:
    """Shape errors that span two places: a flow's `sla` must name a latency requirement,
    its `availability` an availability requirement."""
    out: list[tuple[str, Violation]] = []
    paths: list[ModelPath] = []
    nfrs = design.requirements.non_functional
    for fid, flow in design.flows.items():
        for field, kind in (("sla", "latency"), ("availability", "availability")):
            nfr = nfrs.get(getattr(flow, field) or "")
            if nfr is None or nfr.kind == kind:
                continue
            path = ("flows", fid, field)
            msg = (
                f"`{_dotted(path)}` names `{_shown(getattr(flow, field))}`, a {nfr.kind} "
                f"requirement; `{field}` takes a{'n' if kind[0] in 'aeiou' else ''} {kind} "
                "requirement"
            )
            out.append(("DL002", Violation(path, msg, span=source.smap.locate(path))))
            paths.append(path)
    return out, paths


def _kind(value: object) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


def _problems(
    exc: ValidationError, source: Source, data: object
) -> tuple[list[tuple[str, Violation]], list[ModelPath]]:
    """The problems to report, and the path of every error (each one's node is set aside)."""
    located: list[tuple[ModelPath, dict]] = []
    for error in exc.errors(include_url=False):
        path = _data_path(data, error["loc"], error["type"])
        located.append((path, error))
    # A union reports one error per member; keep those from members that could have matched.
    deeper = {p[:i] for p, _ in located for i in range(len(p))}
    culprits: list[ModelPath] = []
    out: list[tuple[str, Violation]] = []
    seen: set[tuple[ModelPath, str]] = set()
    traps = {t.path: t for t in source.traps}
    limit = max(1, source.limits.max_problems - len(source.problems))
    dropped: tuple[int, ModelPath] | None = None
    for path, error in located:
        if error["type"] in _TYPE_ERRORS and path in deeper:
            continue
        culprits.append(path)
        if len(out) >= limit:  # a hostile file can hold millions; describing them costs
            dropped = (dropped[0] + 1 if dropped else 1, dropped[1] if dropped else path)
            continue
        trap = traps.get(path)
        if trap is not None and error["type"] == "string_type":
            # `010` meant as text: the YAML 1.1/1.2 trap is the real story, not the type.
            message = f"`{trap.text}` is read as a number here and as {trap.yaml11} by YAML 1.1"
            out.append(("DL006", Violation(path, message + "; quote it", span=trap.span)))
            continue
        code, message = _describe(path, error)
        if error["type"] == "extra_forbidden":
            message += _comma_hint(source, data, path)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        prefer_key = error["type"] in ("extra_forbidden", "missing")
        span = source.smap.locate(path, prefer_key=prefer_key)
        out.append((code, Violation(path, message, span=span)))
    if dropped:
        msg = f"{dropped[0]:,} more problem(s) from here on are not shown"
        out.append(("DL002", Violation(dropped[1], msg, span=source.smap.locate(dropped[1]))))
    return out, culprits


def _comma_hint(source: Source, data: object, path: ModelPath) -> str:
    """`{value: 50k, description: 50,000 sellers}`: YAML ends the value at the comma and reads
    `000 sellers` as a key of its own. Say so when an unknown key with no value follows a
    comma inside a flow mapping."""
    span = source.smap.key_span(path)
    parent: Any = data
    for seg in path[:-1]:
        parent = parent[seg] if isinstance(parent, dict | list) else None
    if span is None or not isinstance(parent, dict) or parent.get(path[-1]) is not None:
        return ""
    start = _line_start(source.text, span.line)
    raw = source.text[start : start + span.column - 1]
    before = raw.rstrip()
    gap = raw[len(before) :]
    keys = list(parent)
    at = keys.index(path[-1]) if path[-1] in keys else 0
    if not before.endswith(",") or at == 0 or not isinstance(parent[keys[at - 1]], str | int):
        return ""
    joined = f"{parent[keys[at - 1]]},{gap}{_shown(str(path[-1]), 40)}"
    return (
        f"; an unquoted comma inside `{{...}}` ends a value: quote it "
        f'(`{_shown(str(keys[at - 1]), 40)}: "{joined}"`)'
    )


@functools.lru_cache(maxsize=2)
def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets of each line (computed once per text: a str caches its hash)."""
    return (0, *(m.end() for m in re.finditer("\n", text)))


def _line_start(text: str, line: int) -> int:
    starts = _line_starts(text)
    return starts[line - 1] if 0 < line <= len(starts) else len(text)


def _data_path(data: object, loc: tuple, etype: str) -> ModelPath:
    """The longest prefix of `loc` that exists in the data, skipping union-member segments."""
    path: list[str | int] = []
    node = data
    for seg in loc:
        if isinstance(node, dict) and seg in node:
            node = node[seg]
            path.append(seg)
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            node = node[seg]
            path.append(seg)
        elif etype in ("extra_forbidden",) and seg == loc[-1] and isinstance(node, dict):
            path.append(seg)
    return tuple(path)


def _dotted(path: ModelPath) -> str:
    return _shown(".".join(str(p) for p in path) or "(root)")


def _shown(text: str, limit: int = 120) -> str:
    """User text in a message, cut short: a 1 MB key must not make a 1 MB finding."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(path: ModelPath, error: dict) -> tuple[str, str]:
    etype = error["type"]
    loc = error["loc"]
    if etype == "bad_quantity":
        return "DL007", f"`{_dotted(path)}`: {error['msg']}"
    if etype == "extra_forbidden":
        key = str(loc[-1])
        parent = path[:-1]
        known = _known_keys(tuple(loc[:-1]))
        hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6) if len(key) <= 100 else []
        where = f" in `{_dotted(parent)}`" if parent else ""
        text = f"unknown key `{_shown(key)}`{where}"
        if hint:
            text += f"; did you mean `{hint[0]}`?"
        return "DL002", text
    if etype == "missing":
        key = _shown(str(loc[-1]))
        return "DL002", f"`{_dotted(path)}` is missing the required key `{key}`"
    message = error["msg"]
    if etype == "literal_error":
        given = _shown(str(error.get("input")))
        message = f"{message} (got `{given}`)"
    return "DL002", f"`{_dotted(path)}`: {message}"


@functools.lru_cache(maxsize=256)
def _known_keys(loc: tuple) -> list[str]:
    """Field names allowed at a pydantic location, for "did you mean" (sorted, cached)."""
    keys: set[str] = set()
    for tp in types_at(loc):
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            keys.update(tp.model_fields)
    return sorted(keys)


def types_at(loc: tuple) -> list[Any]:
    """The types the format allows at a location (model field names, dict keys, indexes)."""
    candidates: list[Any] = [Design]
    for seg in loc:
        step: list[Any] = []
        for tp in _expand(candidates):
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                if seg in tp.model_fields:
                    step.append(tp.model_fields[seg].annotation)
                elif seg == tp.__name__:
                    step.append(tp)
                continue
            origin = typing.get_origin(tp)
            args = typing.get_args(tp)
            if origin is dict and args:
                step.append(args[1])
            elif origin is list and args and isinstance(seg, int):
                step.append(args[0])
        candidates = step
    return _expand(candidates)


def _expand(types_: list[Any]) -> list[Any]:
    out: list[Any] = []
    for tp in types_:
        origin = typing.get_origin(tp)
        if origin is typing.Union or origin is types.UnionType:
            out.extend(_expand(list(typing.get_args(tp))))
        elif origin is typing.Annotated:
            out.extend(_expand([typing.get_args(tp)[0]]))
        else:
            out.append(tp)
    return out
