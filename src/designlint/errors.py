"""Tool failures, as opposed to findings.

DesignlintError            a condition the CLI reports in one line with exit 2
  UsageError               bad flags, unknown rule names
  InputError               a path that cannot be read (missing, directory, loop, permissions)
  ConfigError              a config file that is not valid (carries file:line)
  RenderError              Graphviz missing, failed or timed out
  PluginError              a rule plug-in that fails to import or to register
Anything else escaping to the CLI is a bug: exit 3.
"""

from __future__ import annotations


class DesignlintError(Exception):
    """Reported as one line on stderr, exit code 2."""

    exit_code = 2


class UsageError(DesignlintError):
    pass


class InputError(DesignlintError):
    pass


class ConfigError(DesignlintError):
    pass


class RenderError(DesignlintError):
    pass


class PluginError(DesignlintError):
    pass
