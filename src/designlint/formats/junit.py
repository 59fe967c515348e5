"""`--format junit`: JUnit XML for CI test-report consumers (GitLab, Jenkins, Azure, ...).

One `<testsuite>` per checked file and one `<testcase>` per file and rule that ran on it. A
testcase fails when the rule has findings at or above `--fail-on` (their lines are in the
failure text); findings below it go to `<system-out>`. When a file is not a valid design, the
rules that need one did not run and their testcases are `<skipped>`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence

from designlint.findings import Finding, Severity
from designlint.registry import all_rules

_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def render(findings: Sequence[Finding], files: int, options: dict | None = None) -> str:
    options = options or {}
    fail_on: Severity = options.get("fail_on") or Severity.WARNING
    rules = all_rules()
    ran: dict[str, list[str]] = options.get("rules_by_file") or {}
    by_file: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        by_file[f.file][f.code].append(f)
    order = list(ran) + [f for f in by_file if f not in ran]
    root = ET.Element("testsuites", name="designlint")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for file in order:
        found = by_file.get(file, {})
        codes = list(ran.get(file, []))
        codes += sorted(c for c in found if c not in codes)
        invalid = any(c in found for c in ("DL001", "DL002"))
        suite = ET.SubElement(root, "testsuite", name=_clean(file))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for code in codes:
            r = rules.get(code)
            name = f"{code} {r.name}" if r else code
            case = ET.SubElement(suite, "testcase", classname=_clean(file), name=name)
            counts["tests"] += 1
            hits = found.get(code, [])
            failing = [f for f in hits if f.severity.rank >= fail_on.rank]
            lines = [_line(f) for f in hits]
            if failing:
                counts["failures"] += 1
                first = failing[0]
                failure = ET.SubElement(
                    case, "failure", message=_clean(first.message), type=first.severity.value
                )
                failure.text = _clean("\n".join(lines))
            elif hits:
                ET.SubElement(case, "system-out").text = _clean("\n".join(lines))
            elif invalid and r is not None and r.check is not None:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message="not run: the file is not a valid design")
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _line(f: Finding) -> str:
    text = f"{f.file}:{f.span.line}:{f.span.column}: {f.code} [{f.severity.value}] {f.message}"
    return text + (f"\n  help: {f.help}" if f.help else "")
