"""`--format json`: the stable machine-readable shape of docs/cli.md."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from designlint import __version__
from designlint.findings import Finding
from designlint.formats.summary import counts


def render(findings: Sequence[Finding], files: int, options: dict | None = None) -> str:
    payload = {
        "designlint": __version__,
        "findings": [f.to_json() for f in findings],
        "summary": counts(findings, files),
    }
    if (options or {}).get("statistics"):  # only when asked: the default shape stays stable
        by_rule = Counter(f.code for f in findings)
        payload["statistics"] = dict(sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
