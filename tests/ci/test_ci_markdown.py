"""Markdown output read back by a real CommonMark/GFM parser (markdown-it-py, tables + linkify).

What GitHub shows is the rendered HTML, so that is what is checked: code spans of messages stay
`<code>`, no text from a design becomes a tag, link or entity soup, and every character of it
survives (text out == text in).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from ci_helpers import SELECT, designlint
from hypothesis import given, settings
from hypothesis import strategies as st

from designlint.formats.markdown import code_spans, escape
from designlint.visible import visible

markdown_it = pytest.importorskip("markdown_it")


def render(text: str) -> str:
    return markdown_it.MarkdownIt("gfm-like").render(text)


class _Cells(HTMLParser):
    """Tags seen, and the text of each table cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "td":
            self._in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        if self._in_cell:
            self.cells[-1] += data


def cells(markdown: str) -> _Cells:
    parser = _Cells()
    parser.feed(render(markdown))
    return parser


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="`|\\*_[]<>&#;@:/w. -+=!~()a1x\u00a0", max_size=40)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
)
def test_escaped_text_renders_as_itself_in_a_table_cell(text):
    parsed = cells(f"| a |\n|---|\n| {escape(text)} |\n")
    assert len(parsed.cells) == 1
    assert {tag for tag, _ in parsed.tags} <= {"table", "thead", "tr", "th", "tbody", "td", "code"}
    # Code spans lose their backticks and nothing else; every other character is kept, but
    # a character that prints nothing is shown as its escape (designlint.visible).
    expected = _without_fences(visible(" ".join(text.split())))
    assert parsed.cells[0].replace("\u200b", "") == expected.replace("\u200b", "")


def _without_fences(text: str) -> str:
    out, pos = [], 0
    for start, end, inner_start, inner_end in code_spans(text):
        out += [text[pos:start], text[inner_start:inner_end]]
        pos = end
    return "".join(out) + text[pos:]


def test_hostile_backtick_runs_cost_linear_time():
    text = "".join("`" * i + "a" for i in range(1, 600))  # no run has a closer: all literal
    assert code_spans(text) == []
    assert escape(text).count("\\`") == text.count("`")


def test_code_spans_stay_code_and_arrows_stay_arrows():
    out = render(escape("estimates reference each other: `a` -> `b` -> `a`"))
    assert "<code>a</code> -&gt; <code>b</code>" in out  # `-&gt;` in HTML is the character `>`
    assert "`" not in out and "&amp;gt;" not in out
    assert escape("`a` -> `b`") == "`a` -> `b`"  # the Markdown source itself reads naturally


def test_check_markdown_renders_names_as_code(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(
        "designlint: 1\nname: X\nservices:\n"
        "  a: {calls: ['<script>alert(1)</script>', 'x|y', '@octocat', '**b**', 'www.evil.com']}\n"
    )
    result = designlint("check", "--format", "markdown", *SELECT, str(design))
    assert result.returncode == 1
    assert "**5 findings** in 1 file: 5 errors" in result.stdout
    parsed = cells(result.stdout)
    page = render(result.stdout)
    for name in ["&lt;script&gt;alert(1)&lt;/script&gt;", "x|y", "@octocat", "**b**"]:
        assert f"<code>{name}</code>" in page
    assert "<script>" not in page and "`" not in "".join(parsed.cells)
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert links and all(h.startswith("https://github.com/designlint/") for h in links)
    rows = [c for c in parsed.cells if c.startswith("🔴")]
    assert len(rows) == 5


def test_report_markdown_renders_names_as_code(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(
        "designlint: 1\nname: A -> B & <C>\nservices:\n  a: {calls: [ghost]}\n"
        "caches:\n  c: {owner: a}\n"
    )
    out = tmp_path / "r.md"
    result = designlint("report", str(design), "-o", str(out))
    assert result.returncode in (0, 1), result.stderr
    text = out.read_text()
    page = render(text)
    assert "<h1>Design review: A -&gt; B &amp; &lt;C&gt;</h1>" in page
    assert "&amp;gt;" not in page and "&amp;amp;" not in page and "&amp;lt;" not in page
    assert "<code>ghost</code>" in page
    assert "\\`" not in text and "-&gt;" not in text
    assert html.unescape(page).count("<C>") >= 1
