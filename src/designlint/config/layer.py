"""One config file as read: its plain data, a locator for its keys, its validated keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from designlint.errors import ConfigError
from designlint.findings import Span

_CODES = list[str] | str


class FileConfig(BaseModel):
    """The config keys; they mirror the `check` flags."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, defer_build=True)

    extends: list[str] | str | None = None
    select: _CODES | None = None
    extend_select: _CODES | None = Field(None, alias="extend-select")
    ignore: _CODES | None = None
    fail_on: Literal["error", "warning", "info"] | None = Field(None, alias="fail-on")
    plugins: bool | None = None
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    per_file_ignores: dict[str, _CODES] = Field(default_factory=dict, alias="per-file-ignores")


KEYS = sorted(f.alias or name for name, f in FileConfig.model_fields.items())


@dataclass
class Layer:
    """One config file: its data, how to locate a key path in it, and its validated keys."""

    path: str
    shown: str  # the path as messages show it
    data: dict
    locate: Callable[..., Span]
    cfg: FileConfig | None = None

    def fail(self, loc: tuple, message: str, key: bool = False) -> ConfigError:
        span = self.locate(loc, key)
        return ConfigError(f"{self.shown}:{span.line}:{span.column}: {message}")
