"""One open document, analysed: the same findings as `check`, plus what the editor asks about.

The text goes through the pipeline `check` uses (the loader's limits, schema, every selected
rule, inline suppressions), so the editor and the terminal never disagree; the rules' context
is kept, so the editor's own questions (ids, estimates) reuse the design and the evaluated
estimates instead of loading the text a second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from designlint.config.settings import Settings
from designlint.context import Context
from designlint.findings import Finding
from designlint.linter import analyse as lint_and_keep_context
from designlint.lsp.symbols import Index
from designlint.reading.source import Source, load_text


@dataclass
class Analysis:
    """What one version of a document says and what is wrong with it."""

    text: str
    file: str
    settings: Settings
    findings: list[Finding] = field(default_factory=list)
    source: Source | None = None
    context: Context | None = None
    setting_error: str | None = None

    @property
    def design(self) -> Any:
        return self.context.design if self.context is not None else None

    @cached_property
    def index(self) -> Index | None:
        if self.design is None or self.source is None:
            return None
        return Index(self.design, self.source.smap)

    @cached_property
    def estimates(self) -> Any:
        """Evaluated estimates; only designs that have some pay for units."""
        if self.context is None or not self.context.design.estimates:
            return None
        return self.context.estimates


def analyse(text: str, file: str, settings: Settings, setting_error: str | None = None) -> Analysis:
    """Lint `text` as the file `file` would be linted, and keep the context for the features."""
    source = load_text(text, settings.limits)
    findings, context = lint_and_keep_context(source, file, settings)
    return Analysis(text, file, settings, findings, source, context, setting_error)
