"""designlint: lint system designs written as YAML, and draw them.

The stable public API for rule plug-ins is `from designlint import rule, Violation, Context`
(docs/custom-rules.md). The names resolve on first access, so that importing the package (as
every command does) loads none of the modules behind them.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: this module runs before the installed command turns
# the cyclic GC off (designlint.console), and importing typing here would run with it on. Type
# checkers read a module-level `TYPE_CHECKING = False` as they read typing's.
TYPE_CHECKING = False

__version__ = "0.1.0"
__all__ = ["Context", "Violation", "rule", "__version__"]

_API = {
    "rule": "designlint.registry",
    "Violation": "designlint.findings",
    "Context": "designlint.context",
}

if TYPE_CHECKING:
    from typing import Any

    from designlint.context import Context
    from designlint.findings import Violation
    from designlint.registry import rule


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'designlint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
