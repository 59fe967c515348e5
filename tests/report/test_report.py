"""`designlint report`: Markdown content and escaping, self-containment of the HTML page, the
refusals (output equal to the input, missing directory, unknown suffix), the report of a design
that does not load, and the HTML report without Graphviz. No browser here (see
test_report_browser.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli

HOSTILE = Path(__file__).parent / "hostile.design.yaml"
PHASE_TITLES = (
    "1. Requirements and estimates",
    "2. High-level design and API",
    "3. Deep dive: data, caches, queues, fan-out",
    "4. Trade-offs, reliability and closing",
)


def _write(design: Path, out: Path, *extra: str, env: dict | None = None) -> str:
    result = run_cli("report", str(design), "-o", str(out), *extra, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out.read_text(encoding="utf-8")


def test_markdown_report_of_twitter(tmp_path):
    text = _write(EXAMPLES / "twitter.yaml", tmp_path / "report.md")
    assert text.startswith("# Design review: Twitter (home timeline)\n")
    assert "**Overall coverage: 100/100**" in text
    for title in PHASE_TITLES:
        assert f"## {title}: 100/100" in text
    assert "```mermaid\n---\ntitle:" in text and "flowchart LR" in text
    assert text.count("```") == 2
    assert "| timeline\\_read\\_qps | read\\_write\\_ratio \\* tweet\\_write\\_qps |" in text
    assert "| read-timeline |" in text and "200 ms p99" in text and "┃" in text
    assert "## How the score is computed" in text


def test_markdown_escapes_hostile_names(tmp_path):
    """Judged on what a CommonMark/GFM renderer makes of it: no tag, link or emphasis from the
    design; the hostile names read as text (tests/ci/test_ci_markdown.py has the general case)."""
    markdown_it = pytest.importorskip("markdown_it")
    text = _write(HOSTILE, tmp_path / "report.md")
    page = markdown_it.MarkdownIt("gfm-like").render(text)
    for tag in ("<script", "<img", "<b>"):
        assert tag not in page
    assert re.findall(r"<strong>[^<]*</strong>", page) == [
        "<strong>Overall coverage: 97.7/100</strong>"
    ]
    assert set(re.findall(r"<em>[^<]*</em>", page)) == {"<em>fix:</em>"}  # our own markup only
    assert "<h1>Design review: &lt;script&gt;window.__xss=1&lt;/script&gt; shortener</h1>" in page
    # The DL403 message quotes the hostile display name: inert, one table row, linked rule.
    row = next(line for line in text.splitlines() if "DL403" in line)
    assert row.startswith("| 🟡 warning | [DL403](https://") and row.endswith(" |")
    links = re.findall(r'href="([^"]*)"', page)
    assert links and all(h.startswith("https://github.com/designlint/") for h in links)
    # The Mermaid block cannot be closed by a backtick in a name.
    block = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "`" not in block and "<script" not in block
    assert "#60;script#62;window.__xss=2" in block


def test_html_report_is_self_contained_and_escaped(tmp_path):
    page = _write(HOSTILE, tmp_path / "report.html")
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=window.__xss=3&gt;" in page
    for _attr, value in re.findall(r'\b(src|href|xlink:href)="([^"]*)"', page):
        assert value.startswith(("data:image/png;base64,", "#", "https://github.com/")), value
    assert '<svg role="img"' in page
    assert 'id="phase-requirements"' in page and 'id="scoring"' in page


def test_html_report_of_twitter_has_every_section(tmp_path):
    page = _write(EXAMPLES / "twitter.yaml", tmp_path / "report.html")
    for anchor in ("overall", "diagram", "capacity", "latency", "availability", "scoring"):
        assert f'id="{anchor}"' in page, anchor
    for pid in ("requirements", "high-level", "deep-dive", "trade-offs"):
        assert f'id="phase-{pid}"' in page
    assert "15 + 1 + 10 + 20 + 1 = 47 ms" in page and "SLA 200 ms p99" in page
    assert "@media print" in page
    again = _write(EXAMPLES / "twitter.yaml", tmp_path / "again.html")
    assert again == page  # byte-identical across runs: reports can be diffed and cached


def test_findings_link_to_rule_docs(tmp_path):
    page = _write(EXAMPLES / "common-mistakes.yaml", tmp_path / "report.html")
    assert '<a href="https://github.com/designlint/designlint/blob/main/docs/rules/DL201.md">' in (
        page
    )
    assert 'class="finding sev-error"' in page


def test_html_without_graphviz_says_so(tmp_path):
    if not shutil.which("dot"):
        pytest.skip("Graphviz is absent anyway: covered by every other HTML test")
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_cli(
        "report", str(EXAMPLES / "twitter.yaml"), "-o", str(tmp_path / "r.html"),
        env={"PATH": str(empty)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Graphviz is not installed" in result.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="diagram-missing"' in page and "Graphviz is not installed" in page
    assert "<svg" not in page.split('id="architecture"', 1)[1].split("</section>", 1)[0]
    assert "flowchart LR" in page  # the Mermaid text instead
    assert not list(tmp_path.glob(".designlint-*"))


def test_refuses_output_equal_to_input(tmp_path):
    design = tmp_path / "d.md"
    design.write_bytes((EXAMPLES / "twitter.yaml").read_bytes())
    result = run_cli("report", str(design), "-o", str(design))
    assert result.returncode == 2
    assert "refusing to overwrite" in result.stderr
    assert design.read_bytes() == (EXAMPLES / "twitter.yaml").read_bytes()


def test_refuses_a_hard_link_to_the_input(tmp_path):
    design = tmp_path / "d.yaml"
    design.write_bytes((EXAMPLES / "twitter.yaml").read_bytes())
    alias = tmp_path / "alias.md"
    alias.hardlink_to(design)
    result = run_cli("report", str(design), "-o", str(alias))
    assert result.returncode == 2 and "refusing to overwrite" in result.stderr
    assert design.read_bytes() == (EXAMPLES / "twitter.yaml").read_bytes()


def test_missing_output_directory_is_exit_2(tmp_path):
    out = tmp_path / "nowhere" / "report.html"
    result = run_cli("report", str(EXAMPLES / "twitter.yaml"), "-o", str(out))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_unknown_suffix_is_exit_2(tmp_path):
    result = run_cli("report", str(EXAMPLES / "twitter.yaml"), "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 2
    assert ".html" in result.stderr


def test_missing_input_is_exit_2(tmp_path):
    result = run_cli("report", str(tmp_path / "absent.yaml"), "-o", str(tmp_path / "r.md"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert not (tmp_path / "r.md").exists()


def test_design_that_does_not_load_still_gets_a_report(tmp_path):
    design = tmp_path / "broken.yaml"
    design.write_text("designlint: 1\nname: [unclosed\n", encoding="utf-8")
    result = run_cli("report", str(design), "-o", str(tmp_path / "r.html"))
    assert result.returncode == 1, result.stdout + result.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="phase-document"' in page and "DL001" in page
    assert '<span class="num">0</span>' in page


def test_exceeded_budget_is_marked_in_both_formats(tmp_path):
    slow = tmp_path / "slow.yaml"
    text = (EXAMPLES / "twitter.yaml").read_text(encoding="utf-8")
    slow.write_text(
        text.replace("budget: 15ms", "budget: 150ms").replace("budget: 20ms", "budget: 80ms")
    )
    page = _write(slow, tmp_path / "slow.html")
    assert '<div class="bar over"' in page and 'class="excess"' in page
    assert "150 + 1 + 10 + 80 + 1 = 242 ms (121% of the SLA)" in page
    md = _write(slow, tmp_path / "slow.md")
    row = next(line for line in md.splitlines() if line.startswith("| read-timeline |"))
    assert "┃▓" in row and "| exceeded |" in row
    assert "DL704" in md


def test_report_uses_checks_config(tmp_path):
    cfg = tmp_path / ".designlint.yaml"
    cfg.write_text("ignore: [DL403]\n", encoding="utf-8")
    md = _write(HOSTILE, tmp_path / "r.md", "--config", str(cfg))
    assert "DL403" not in md
    assert "| 2. High-level design and API | 100 |" in md
