"""What a rule sees: the validated design, where it came from, its options, shared analyses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from designlint.findings import ModelPath, Span
from designlint.model import Design
from designlint.reading.source import Source

if TYPE_CHECKING:
    import networkx

    from designlint.graph import GraphFacts

T = TypeVar("T")


@dataclass
class Context:
    """Shared by every rule of one file; expensive analyses are computed once, on first use."""

    design: Design
    source: Source
    file: str = "<design>"
    rule_options: dict[str, BaseModel] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)  # `check --set NAME=VALUE`
    settings: Any = None
    current_rule: str | None = None
    _shared: dict[Callable[..., Any], Any] = field(default_factory=dict, repr=False)

    def options(self, code: str | None = None) -> Any:
        """The options of the running rule (or of `code`), defaults filled in."""
        return self.rule_options.get(code or self.current_rule or "")

    def span(self, path: ModelPath) -> Span:
        return self.source.smap.locate(path)

    @cached_property
    def graph(self) -> networkx.DiGraph:
        """The component graph as networkx's, built in bulk from `graph_facts`' adjacency."""
        from designlint.graph import build_graph

        return build_graph(self.design, self.graph_facts.succ)

    @cached_property
    def graph_facts(self) -> GraphFacts:
        """The component adjacency, its cycles, reachability and request paths, computed once
        for every rule."""
        from designlint.graph import GraphFacts

        return GraphFacts(self.design)

    def shared(self, compute: Callable[[Context], T]) -> T:
        """`compute(self)`, once per file: an analysis several rules read (store ownership,
        who touches which store) is not redone by each of them. `compute` is a module-level
        function, so that it is the same key for every rule."""
        try:
            return self._shared[compute]
        except KeyError:
            value = self._shared[compute] = compute(self)
            return value

    @cached_property
    def estimates(self) -> Any:
        """Evaluated estimates (computed lazily: only designs with estimates pay for units)."""
        from designlint.numbers.estimates import evaluate

        return evaluate(self.design, self.overrides, self.source)
