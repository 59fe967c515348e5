"""References inside a JSON Schema that a user wrote: where they point, and loops that never end.

Plain data walks, no jsonschema: `jsonschemas` uses them to refuse a schema before validating
with it. Only references inside the schema are understood (`#/json/pointer`, `#anchor`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Keywords whose subschemas apply to the same value as their parent (no step down into it).
_IN_PLACE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas")


def endless_loop(schema: Any) -> tuple | None:
    """The path of a `$ref` that leads back to itself without stepping into the value: jsonschema
    would recurse for ever (a loop through `properties` or `items` ends with the value)."""
    edges: dict[tuple, list[tuple]] = {}
    for path, node in subschemas(schema, ()):
        out = edges.setdefault(path, [])
        for key in ("$ref", "$dynamicRef"):
            ref = node.get(key)
            goal = target(schema, ref) if isinstance(ref, str) else None
            if goal is not None:
                out.append(goal)
        for key in _IN_PLACE:
            value = node.get(key)
            if isinstance(value, list):
                out += [(*path, key, i) for i in range(len(value))]
            elif key == "dependentSchemas" and isinstance(value, dict):
                out += [(*path, key, k) for k in value]
            elif isinstance(value, dict):
                out.append((*path, key))
    state: dict[tuple, int] = {}  # 1: on the current walk, 2: done

    def visit(start: tuple) -> tuple | None:
        stack = [(start, iter(edges.get(start, ())))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                return node
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(edges.get(child, ()))))
        return None

    for start in edges:
        if start not in state:
            found = visit(start)
            if found is not None:
                return found
    return None


def subschemas(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every mapping in the schema with its path (keyword values that are data are included;
    they have no `$ref` and no in-place keywords that matter)."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key not in ("const", "enum", "examples", "default"):
                yield from subschemas(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from subschemas(value, (*path, i))


def refs(node: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from refs(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from refs(value, (*path, i))


def target(schema: Any, ref: str) -> tuple | None:
    """The path inside `schema` that a local reference names, or None."""
    fragment = ref[1:]
    if fragment and not fragment.startswith("/"):
        anchors = ("$anchor", "$dynamicAnchor")
        return next(
            (p for p, n in subschemas(schema, ()) if fragment in (n.get(a) for a in anchors)),
            None,
        )
    node, path = schema, ()
    for raw in fragment.split("/")[1:] if fragment else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node, path = node[part], (*path, part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node, path = node[int(part)], (*path, int(part))
        else:
            return None
    return path
