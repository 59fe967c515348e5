"""The PR-comment Markdown renders as GitHub does (CommonMark + GFM tables, via markdown-it-py),
keeps a design's text inert, and stays under GitHub's 65,536-character comment limit."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from designlint.diff import markdown
from designlint.diff.compare import DesignDiff, Diff
from designlint.diff.findings import FindingChanges
from designlint.diff.structure import ElementChange, Structure
from designlint.findings import Finding, Severity, Span

GFM = MarkdownIt("commonmark", {"html": True}).enable("table")


def _finding(message: str, file: str = "designs/a.design.yaml", line: int = 3) -> Finding:
    return Finding(
        "DL601",
        "cache-without-eviction",
        Severity.WARNING,
        message,
        file,
        Span(line, 5),
        ("caches", "links"),
        url="https://example.com/DL601",
    )


def _diff(designs: list[DesignDiff]) -> Diff:
    return Diff("origin/main", "working tree", designs)


def test_summary_table_new_findings_and_code_spans_render():
    new = _finding("cache `links|users` has neither an eviction policy nor a TTL")
    fixed = _finding("cache `old` has neither", file="designs/a`b.design.yaml", line=9)
    structure = Structure(added=[ElementChange("services", "media-service")])
    d = DesignDiff(
        "modified",
        "designs/a.design.yaml",
        "designs/a.design.yaml",
        FindingChanges([new], [fixed], 4),
        structure=structure,
    )
    text = markdown.render(_diff([d]))
    assert text.startswith(markdown.MARKER + "\n")
    page = GFM.render(text)
    tables = re.findall(r"<table>.*?</table>", page, re.S)
    assert len(tables) == 3  # designs, new findings, fixed findings (in the details)
    summary_rows = re.findall(r"<tr>.*?</tr>", tables[0], re.S)
    assert len(summary_rows) == 2 and ">4</td>" in summary_rows[1]
    # A `|` inside a name stays inside its code span and its cell.
    assert "<code>links|users</code>" in tables[1]
    assert len(re.findall(r"<td>", re.findall(r"<tr>.*?</tr>", tables[1], re.S)[1])) == 4
    # A backtick inside a name: a longer fence keeps the span whole.
    assert "<code>designs/a`b.design.yaml</code>:9" in tables[2]
    assert "<td>cache <code>old</code> has neither</td>" in tables[2]
    assert "<code>media-service</code>" in page
    assert "<details>" in page and "<summary><code>designs/a.design.yaml</code>" in page


def test_a_designs_text_cannot_inject_markup():
    hostile = "cache `<img src=x onerror=alert(1)>` by @octocat, see https://evil.example"
    d = DesignDiff(
        "added",
        None,
        "designs/<b>x</b>.design.yaml",
        FindingChanges([_finding(hostile, file="designs/<b>x</b>.design.yaml")], [], 0),
    )
    page = GFM.render(markdown.render(_diff([d])))
    assert "<img" not in page and "<b>x" not in page
    assert "@octocat" not in page  # written as an entity: no mention
    assert 'href="https://evil' not in page


def test_a_huge_diff_is_cut_under_the_limit_with_a_note():
    many = [ElementChange("services", f"service-{i:05d}") for i in range(150)]
    designs = [
        DesignDiff(
            "modified",
            f"designs/d{i:04d}.design.yaml",
            f"designs/d{i:04d}.design.yaml",
            FindingChanges([], [_finding("cache `x` 🔥")] * 3, 0),
            structure=Structure(added=many),
        )
        for i in range(400)
    ]
    text = markdown.render(_diff(designs))
    assert markdown.size(text) < markdown.LIMIT
    assert "Cut to stay under GitHub's 65,536-character limit" in text
    page = GFM.render(text)
    assert page.count("<details>") == page.count("</details>") > 0  # no block cut in half
    assert "… and 50 more" in text  # long lists are cut per section too
    small = markdown.render(_diff(designs[:1]))
    assert "Cut to stay" not in small
