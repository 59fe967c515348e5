"""Span, Severity and Finding: the frozen records that every part of designlint trades in."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

ModelPath = tuple[str | int, ...]


class Severity(str, Enum):
    """Ordered so that `--fail-on` can compare: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls(text.strip().lower())


class Span(NamedTuple):
    """1-based line and column, as editors and SARIF count them.

    A NamedTuple rather than a frozen dataclass: the loader makes one per YAML node (a million
    on the 10k-service benchmark design), and a frozen dataclass costs several times more to
    build; the load is about 13% faster. Immutable, hashable and ordered all the same.
    """

    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    def end(self) -> tuple[int, int]:
        return (self.end_line or self.line, self.end_column or self.column)


@dataclass(frozen=True)
class Violation:
    """What a rule yields: where (a model path) and what, before the engine stamps code and span."""

    path: ModelPath
    message: str
    fix: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Finding:
    """A located, coded problem in one file. Sorting puts findings in file order."""

    code: str
    rule: str
    severity: Severity
    message: str
    file: str
    span: Span = field(default_factory=Span)
    model_path: ModelPath = ()
    help: str | None = None
    url: str | None = None

    def sort_key(self) -> tuple:
        return (self.file, self.span.line, self.span.column, self.code, self.message)

    def to_json(self) -> dict:
        end_line, end_column = self.span.end()
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.file,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": end_line,
            "end_column": end_column,
            "help": self.help,
            "url": self.url,
            "model_path": [str(p) for p in self.model_path],
        }
