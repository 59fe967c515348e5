"""The rule registry: `@rule` binds code, name, severity, options and docs to one check function.

Rules register themselves when their module is imported; `all_rules()` imports every module
under `designlint.rules` once, so adding a rule never means editing a central list. Import
errors are not swallowed: a broken rule module must fail loudly.

Rules from elsewhere (plug-ins, through the same `@rule`, and custom rules from a config file)
are kept apart from the built-in ones: `builtin_rules()` is the catalogue that designlint
documents, `all_rules()` adds whatever this process has registered since.
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
_EXTRA: dict[str, Rule] = {}  # plug-in and custom rules, by code
_LOADED = False
_ORIGIN: list[str] = []  # the plug-in being imported, so its rules know where they come from


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
    kind: str = "builtin"  # builtin, plugin or custom
    origin: str = "designlint"  # the distribution (plug-ins) or config file (custom rules)
    docs_url: str | None = None

    @property
    def family(self) -> str:
        """The letters and first digit of the code: `DL3` for DL301, `ACME0` for ACME001."""
        match = re.match(r"[A-Za-z]+\d?", self.code)
        return match.group(0) if match else self.code

    @property
    def summary(self) -> str:
        """First sentence of "What it does", for `designlint rules` and SARIF short text."""
        match = re.search(r"## What it does\s*\n(.+?)(?:\n\s*\n|$)", self.doc, re.S)
        text = " ".join(match.group(1).split()) if match else self.name
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        return first

    @property
    def url(self) -> str | None:
        """The rule's page: designlint's for built-in rules, the author's (if any) otherwise."""
        if self.docs_url or self.kind != "builtin":
            return self.docs_url
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
    url: str | None = None,
) -> Callable[[Check], Check]:
    """Register the decorated check; its docstring is the rule's documentation.

    Part of the public API (`from designlint import rule`): plug-ins register with it too.
    `aliases`: former names. A code never changes; a name may, when it no longer says what the
    rule reports, and then the old one keeps working in selectors, suppressions and config."""

    def register(func: Check) -> Check:
        add(
            code,
            name,
            severity,
            func,
            func.__doc__ or "",
            func.__module__,
            options,
            suppressible,
            aliases,
            url,
        )
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
    url: str | None = None,
) -> None:
    """Register a rule; used by `@rule` and by modules documenting loader-emitted codes.

    A module outside the `designlint` package is a plug-in: its rules go beside the built-in
    ones, with the distribution being imported as their origin."""
    builtin = module == "designlint" or module.startswith("designlint.")
    r = Rule(
        code,
        name,
        Severity.parse(severity),
        check,
        _dedent(doc),
        module,
        options,
        suppressible,
        aliases,
        kind="builtin" if builtin else "plugin",
        origin="designlint" if builtin else (_ORIGIN[-1] if _ORIGIN else module),
        docs_url=url,
    )
    if builtin:
        if code in _RULES and _RULES[code].module != module:
            raise ValueError(f"rule code {code} registered twice ({_RULES[code].module}, {module})")
        taken = {n for o in _RULES.values() if o.code != code for n in (o.name, *o.aliases)}
        if taken & {name, *aliases}:
            raise ValueError(f"rule name {sorted(taken & {name, *aliases})[0]} registered twice")
        _RULES[code] = r
        for alias in aliases:
            _ALIASES[alias] = name
    else:
        register_extra(r)


def register_extra(r: Rule) -> None:
    """Add a plug-in or custom rule; ValueError when its code or name is taken by another."""
    all_rules()
    for other in (*_RULES.values(), *_EXTRA.values()):
        if other.code == r.code:
            if other == r or (other.kind == r.kind == "custom" and other.check == r.check):
                return  # the same definition again (two configs extending one file)
            raise ValueError(f"rule code {r.code} is already defined by {other.origin}")
        if other.name == r.name:
            raise ValueError(f"rule name {r.name} is already used by {other.code} ({other.origin})")
    _EXTRA[r.code] = r


def importing(origin: str):
    """A context in which `@rule` calls are credited to the plug-in `origin`."""
    from contextlib import contextmanager

    @contextmanager
    def scope():
        _ORIGIN.append(origin)
        try:
            yield
        finally:
            _ORIGIN.pop()

    return scope()


def extra_rules() -> dict[str, Rule]:
    """The plug-in and custom rules registered so far (tests save and restore these)."""
    return _EXTRA


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def builtin_rules() -> dict[str, Rule]:
    """designlint's own rules by code, importing the rule packages on first use."""
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
        builtin_rules()
    name = name.strip().lower()
    return _ALIASES.get(name, name)


def all_rules() -> dict[str, Rule]:
    """Every registered rule by code: the built-in ones, then plug-in and custom ones."""
    rules = builtin_rules()
    if _EXTRA:
        rules.update(sorted(_EXTRA.items()))
    return rules


def lookup(key: str) -> Rule | None:
    """A rule by code (`DL301`), name (`offset-pagination`) or former name, case-insensitively."""
    return find(key, all_rules())


def find(key: str, rules: dict[str, Rule]) -> Rule | None:
    """`lookup` within a given set of rules (those a config or a command knows)."""
    key = key.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    name = canonical_name(key)
    return next((r for r in rules.values() if r.name == name), None)
