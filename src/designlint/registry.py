"""The rule registry: `@rule` binds code, name, severity, options and docs to one check function.

Rules register themselves when their module is imported; `all_rules()` imports every module
under `designlint.rules` once, so adding a rule never means editing a central list. Import
errors are not swallowed: a broken rule module must fail loudly.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel

from designlint.findings import Severity, Violation

if TYPE_CHECKING:
    from designlint.context import Context

Check = Callable[["Context"], Iterable[Violation]]
DOCS_URL = "https://github.com/designlint/designlint/blob/main/docs/rules/{code}.md"

_RULES: dict[str, Rule] = {}
_ALIASES: dict[str, str] = {}  # former name -> current name
_LOADED = False


@dataclass(frozen=True)
class Rule:
    """Everything about one rule, in one record."""

    code: str
    name: str
    severity: Severity
    check: Check | None  # None: emitted by the loader or the suppression engine, not a check
    doc: str
    module: str
    options: type[BaseModel] | None = None
    suppressible: bool = True
    aliases: tuple[str, ...] = ()  # former names, still accepted wherever a name is

    @property
    def family(self) -> str:
        return self.code[:3]

    @property
    def summary(self) -> str:
        """First sentence of "What it does", for `designlint rules` and SARIF short text."""
        match = re.search(r"## What it does\s*\n(.+?)(?:\n\s*\n|$)", self.doc, re.S)
        text = " ".join(match.group(1).split()) if match else self.name
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        return first

    @property
    def url(self) -> str:
        return DOCS_URL.format(code=self.code)

    def default_options(self) -> BaseModel | None:
        return self.options() if self.options else None


def rule(
    code: str,
    name: str,
    severity: str = "error",
    options: type[BaseModel] | None = None,
    suppressible: bool = True,
    aliases: tuple[str, ...] = (),
) -> Callable[[Check], Check]:
    """Register the decorated check; its docstring is the rule's documentation.

    `aliases`: former names. A code never changes; a name may, when it no longer says what the
    rule reports, and then the old one keeps working in selectors, suppressions and config."""

    def register(func: Check) -> Check:
        doc = func.__doc__ or ""
        add(code, name, severity, func, doc, func.__module__, options, suppressible, aliases)
        return func

    return register


def add(
    code: str,
    name: str,
    severity: str,
    check: Check | None,
    doc: str,
    module: str,
    options: type[BaseModel] | None = None,
    suppressible: bool = True,
    aliases: tuple[str, ...] = (),
) -> None:
    """Register a rule; used by `@rule` and by modules documenting loader-emitted codes."""
    if code in _RULES and _RULES[code].module != module:
        raise ValueError(f"rule code {code} registered twice ({_RULES[code].module}, {module})")
    taken = {n for r in _RULES.values() if r.code != code for n in (r.name, *r.aliases)}
    if taken & {name, *aliases}:
        raise ValueError(f"rule name {sorted(taken & {name, *aliases})[0]} registered twice")
    doc = _dedent(doc)
    _RULES[code] = Rule(
        code, name, Severity.parse(severity), check, doc, module, options, suppressible, aliases
    )
    for alias in aliases:
        _ALIASES[alias] = name


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def all_rules() -> dict[str, Rule]:
    """Every registered rule by code, importing the rule packages on first use."""
    global _LOADED
    if not _LOADED:
        import designlint.rules as package

        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
        _LOADED = True
    return dict(sorted(_RULES.items()))


def canonical_name(name: str) -> str:
    """The current name for a former one (`estimate-cycle` -> `unevaluable-estimate`)."""
    if not _LOADED:
        all_rules()
    name = name.strip().lower()
    return _ALIASES.get(name, name)


def lookup(key: str) -> Rule | None:
    """A rule by code (`DL301`), name (`offset-pagination`) or former name, case-insensitively."""
    rules = all_rules()
    key = key.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    name = canonical_name(key)
    for r in rules.values():
        if r.name == name:
            return r
    return None
