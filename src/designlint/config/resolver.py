"""Which settings apply to each checked file: an explicit config or the nearest one found."""

from __future__ import annotations

import os
from typing import Any

from designlint.config.settings import Settings, apply_flags


class Resolver:
    """Settings for each checked file: an explicit `--config`, or the nearest config found
    upward from the file, with the command-line flags layered on top. Cached per directory."""

    def __init__(self, flags: dict[str, Any], explicit: str | None = None) -> None:
        self.flags = flags
        self.explicit = explicit
        self._by_config: dict[str | None, Settings] = {}
        self._by_dir: dict[str, str | None] = {}

    def for_file(self, path: str) -> Settings:
        from designlint.config import files as configfile

        if self.explicit:
            found: str | None = self.explicit
        else:
            directory = os.path.dirname(os.path.abspath(path))
            if directory not in self._by_dir:
                self._by_dir[directory] = configfile.discover(directory)
            found = self._by_dir[directory]
        if found not in self._by_config:
            plugins = not self.flags.get("no_plugins")
            base = configfile.load(found, plugins) if found else Settings()
            settings = apply_flags(base, self.flags)
            if settings.plugins:
                from designlint import plugins as plugin_loader

                plugin_loader.load()
            self._by_config[found] = settings
        return self._by_config[found]

    def default(self) -> Settings:
        """Settings for things that belong to no design file (the baseline's stale entries)."""
        if self.explicit:
            return self.for_file(self.explicit)
        return self.for_file(os.path.join(os.getcwd(), "-"))
