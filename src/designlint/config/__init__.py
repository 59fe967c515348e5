"""Settings for a run and where they come from.

`settings` holds the resolved, immutable settings and the selector logic; `files` finds and reads
config files (`.designlint.yaml`, `[tool.designlint]` in `pyproject.toml`) into settings;
`resolver` picks the config that applies to each checked file and layers the flags on top.
Imports run one way: files and resolver build on settings, never the reverse.
"""

from designlint.config.resolver import Resolver
from designlint.config.settings import (
    Settings,
    apply_flags,
    check_selectors,
    enabled,
    matches,
    split_codes,
    unknown_selector,
)

__all__ = [
    "Resolver",
    "Settings",
    "apply_flags",
    "check_selectors",
    "enabled",
    "matches",
    "split_codes",
    "unknown_selector",
]
