"""Dependency order and cycles of estimates, without recursion.

Estimates form a directed graph (an expression depends on the names it mentions). Evaluation
needs dependencies first, and a cycle must be reported by naming it. Designs are untrusted, so
a chain of thousands of estimates must not hit Python's recursion limit: Tarjan's algorithm and
the depth-first order here keep their own stacks. networkx would do the same, but costs an
import on a path that otherwise needs only a dict.
"""

from __future__ import annotations


def strongly_connected(names: list[str], deps: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively, in reverse topological order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    sccs: list[list[str]] = []
    counter = 0
    for root in names:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = deps.get(node, [])
            if i < len(children):
                work.append((node, i + 1))
                child = children[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                scc = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    scc.append(top)
                    if top == node:
                        break
                sccs.append(scc)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sccs


def cycles(names: list[str], deps: dict[str, list[str]]) -> list[tuple[set[str], list[str]]]:
    """Every cycle as (its members, a shortest path around it from its first name in `names`)."""
    order = {n: i for i, n in enumerate(names)}
    out = []
    for scc in strongly_connected(names, deps):
        if len(scc) == 1 and scc[0] not in deps.get(scc[0], []):
            continue
        start = min(scc, key=order.__getitem__)
        out.append((set(scc), shortest_cycle(start, set(scc), deps)))
    return out


def shortest_cycle(start: str, members: set[str], deps: dict[str, list[str]]) -> list[str]:
    """Breadth-first from `start` back to itself inside its strongly connected component."""
    parent: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for d in deps.get(node, []):
            if d not in members:
                continue
            if d == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if d not in parent:
                parent[d] = node
                queue.append(d)
    return [start, start]  # pragma: no cover - a strongly connected component always closes


def dependency_order(names: list[str], deps: dict[str, list[str]], skip: set[str]) -> list[str]:
    """Dependencies first, document order otherwise; names on cycles keep their place."""
    done: set[str] = set()
    result: list[str] = []
    for root in names:
        work = [(root, False)]
        while work:
            node, expanded = work.pop()
            if node in done:
                continue
            if expanded or node in skip:
                done.add(node)
                result.append(node)
                continue
            work.append((node, True))
            for d in reversed(deps.get(node, [])):
                if d not in done:
                    work.append((d, False))
    return result


def chain(names: list[str]) -> str:
    """`a` -> `b` -> `c` for a message; a long cycle is named by its ends, not in full (a
    10,000-service ring would otherwise be a 100 KB message)."""
    shown = [f"`{n}`" for n in names]
    if len(shown) > 12:
        shown = [*shown[:5], f"... ({len(names) - 10} more)", *shown[-5:]]
    return " -> ".join(shown)
