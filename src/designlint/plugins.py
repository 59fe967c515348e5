"""Rule plug-ins: installed packages that expose the entry-point group `designlint.rules`.

Loading a plug-in imports the module its entry point names; the module registers its rules with
the public `@rule` (`from designlint import rule`), and they are credited to the distribution
that ships it. Plug-ins load once per process, like flake8's, unless `--no-plugins` or
`plugins: false` turns them off; one that fails to import stops the run (exit 2) with its name.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from designlint.errors import PluginError

GROUP = "designlint.rules"


@dataclass(frozen=True)
class Plugin:
    name: str  # the entry point's name
    value: str  # module[:attribute]
    distribution: str  # "name version"


_LOADED: list[Plugin] | None = None


def load() -> list[Plugin]:
    """Import every plug-in once; PluginError names the one that fails."""
    global _LOADED
    if _LOADED is not None:
        return _LOADED
    if not _declared():
        _LOADED = []
        return _LOADED
    from importlib.metadata import entry_points

    from designlint.registry import all_rules, extra_rules, importing

    all_rules()
    found: list[Plugin] = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: (e.name, e.value)):
        dist = getattr(ep, "dist", None)
        origin = f"{dist.name} {dist.version}" if dist is not None else ep.value
        plugin = Plugin(ep.name, ep.value, origin)
        before = set(extra_rules())
        try:
            with importing(origin):
                ep.load()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure is the plug-in's
            raise PluginError(
                f"plug-in `{ep.name}` ({ep.value}, from {origin}) failed to load: "
                f"{type(exc).__name__}: {exc} (run with --no-plugins to skip plug-ins)"
            ) from exc
        for code in sorted(set(extra_rules()) - before):
            _check_rule(plugin, code, extra_rules()[code].name)
        found.append(plugin)
    _LOADED = found
    return found


def _declared() -> bool:
    """Whether any installed distribution may declare the group: a superset test.

    `importlib.metadata` costs ~20 ms to import (it brings in the `email` package) and every
    `check` asks, though plug-ins are rare. This reads the same `entry_points.txt` files its
    path finder reads (each `sys.path` folder's `*.dist-info` and `*.egg-info`, an `.egg`'s
    `EGG-INFO`) and looks for the group's name; anything it cannot read the same way (a zip on
    `sys.path`, another distribution finder) answers "maybe", and importlib.metadata decides.
    """
    from importlib.machinery import PathFinder

    if any(
        getattr(f, "find_distributions", None) is not None and f is not PathFinder
        for f in sys.meta_path
    ):
        return True
    for root in sys.path:
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.isfile(root):
                return True
            continue
        is_egg = os.path.basename(root).lower().endswith(".egg")
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")) or (is_egg and low == "egg-info"):
                try:
                    with open(os.path.join(root, child, "entry_points.txt"), "rb") as f:
                        if GROUP.encode() in f.read():
                            return True
                except OSError:
                    continue
    return False


def _check_rule(plugin: Plugin, code: str, name: str) -> None:
    from designlint.custom.definition import CODE, NAME  # custom rules' parser: only here

    where = f"plug-in `{plugin.name}` (from {plugin.distribution}) registers"
    if code.startswith("DL") or not CODE.match(code):
        raise PluginError(
            f"{where} `{code}`: plug-in codes are upper-case letters then digits, and `DL` is "
            "designlint's own prefix"
        )
    if not NAME.match(name):
        raise PluginError(f"{where} `{code}` as `{name}`: rule names are kebab-case")
