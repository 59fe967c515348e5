"""Running Graphviz `dot`: found on PATH, under one time budget, failures as RenderError.

Used twice per picture: to measure candidate layouts (`-Tplain`, whose first line is the drawing's
size) and to draw the chosen one. Both share the budget of `--timeout`, so measuring can never
make a render outlast it.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import time

from designlint.errors import RenderError

Done = subprocess.CompletedProcess

# The width:height the layout aims at (see docs/diagrams.md).
ASPECT = (1.0, 2.2)


def find_dot() -> str:
    exe = shutil.which("dot")
    if exe is None:
        raise RenderError(
            "Graphviz is not installed (`dot` is not on PATH): install it, e.g. "
            "`sudo apt-get install graphviz`, or write .dot or .mmd, which need no Graphviz"
        )
    return exe


class Budget:
    """The seconds left of one render's `--timeout`, and the message when they run out."""

    def __init__(self, timeout: float, components: int) -> None:
        self.timeout = timeout
        self.components = components
        self.end = time.monotonic() + timeout

    def run(
        self, args: list[str], text: str, cwd: str | None = None
    ) -> subprocess.CompletedProcess:
        left = self.end - time.monotonic()
        try:
            if left <= 0:
                raise subprocess.TimeoutExpired(args, self.timeout)
            return subprocess.run(
                [find_dot(), *args],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=left,
                cwd=cwd,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise RenderError(
                f"Graphviz did not finish within {self.timeout:g} s for {self.components} "
                "components; write .dot or .mmd instead, or raise --timeout"
            ) from exc
        except OSError as exc:
            raise RenderError(f"cannot run Graphviz `dot`: {exc.strerror or exc}") from exc


def misfit(text: str, budget: Budget) -> tuple[float, float]:
    """How far the laid-out width:height is from ASPECT (0 inside it, in log units), and the
    ratio. A layout Graphviz cannot make counts as a fit: the real render reports the failure."""
    done = budget.run(["-Tplain"], text)
    head = done.stdout.split(b"\n", 1)[0].split()
    if done.returncode != 0 or len(head) < 4:
        return 0.0, 1.0
    ratio = float(head[2]) / max(float(head[3]), 1e-6)
    low, high = ASPECT
    return max(0.0, math.log(low / ratio), math.log(ratio / high)), ratio
