"""The HTML report in a real browser: headless Debian Chromium over the DevTools pipe.

Opens the report of examples/twitter.yaml, asserts no console errors and no request beyond the
file itself, that the diagram and the four phase sections are visible, and keeps a full-page
screenshot in tests/artifacts/. Then the XSS case: hostile names render as text and no injected
script runs, both with the page's Content-Security-Policy and with it removed (so that the
escaping, not the CSP, is what is tested). Skipped when Chromium is not installed
(`make test` installs it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from report_browser import Browser, find_chromium

from conftest import EXAMPLES, ROOT, run_cli

CHROME = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROME is None, reason="Chromium is not installed (`make test` installs Debian's chromium)"
)
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = Path(__file__).parent / "hostile.design.yaml"
PHASES = ("requirements", "high-level", "deep-dive", "trade-offs")

VISIBLE = """
(sel) => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
    && style.display !== 'none' && Number(style.opacity) > 0;
}
"""


def _visible(browser: Browser, selector: str) -> bool:
    return bool(browser.evaluate(f"({VISIBLE})({selector!r})"))


def _report(design: Path, out: Path) -> Path:
    result = run_cli("report", str(design), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_twitter_report_renders_in_chromium(tmp_path):
    page = _report(EXAMPLES / "twitter.yaml", tmp_path / "twitter.html")
    with Browser(CHROME) as browser:
        browser.open(page.as_uri())
        ARTIFACTS.mkdir(exist_ok=True)
        browser.screenshot(str(ARTIFACTS / "report-twitter.png"))
        assert browser.errors() == []
        assert {u for u in browser.requests() if not u.startswith("data:")} == {page.as_uri()}
        assert _visible(browser, "#diagram svg")
        assert browser.evaluate("document.querySelectorAll('#diagram svg image').length") > 0
        for phase in PHASES:
            assert _visible(browser, f"#phase-{phase}"), phase
            assert _visible(browser, f"#phase-{phase} h2"), phase
        for section in ("#overall", "#capacity", "#latency", "#latency .bar .seg", "#scoring"):
            assert _visible(browser, section), section
        widths = {}
        for step in ("fit", "readable", "100", "150"):
            browser.evaluate(f"document.querySelector('label[for=zoom-{step}]').click()")
            widths[step] = browser.evaluate("document.querySelector('#diagram svg').clientWidth")
        assert widths["fit"] < widths["readable"] < widths["100"] < widths["150"], widths
        assert abs(widths["150"] - 2 * widths["readable"]) <= 2, widths  # 75% of natural size
        browser.evaluate("document.querySelector('label[for=zoom-readable]').click()")
        text = browser.evaluate("document.body.innerText")
        assert "Twitter (home timeline)" in text
        assert "timeline_read_qps" in text
        assert "SLA 200 ms p99" in text


def _hostile_checks(browser: Browser) -> None:
    assert browser.evaluate("typeof window.__xss") == "undefined"
    assert browser.evaluate("document.scripts.length") == 0
    assert browser.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    title = browser.evaluate("document.querySelector('h1').textContent")
    assert title == "<script>window.__xss=1</script> shortener"
    text = browser.evaluate("document.body.textContent")
    assert "<script>window.__xss=2</script> Redis" in text  # the DL403 message
    assert "short links <img src=x onerror=window.__xss=3> &amp; counts" in text
    assert 'link_size * links_per_day * "<b>"' in text  # the capacity table's expression
    assert browser.evaluate("document.querySelectorAll('b').length") == 0


def test_hostile_names_render_as_text(tmp_path):
    page = _report(HOSTILE, tmp_path / "hostile.html")
    with Browser(CHROME) as browser:
        browser.open(page.as_uri())
        _hostile_checks(browser)
        assert browser.errors() == []


def test_hostile_names_render_as_text_without_csp(tmp_path):
    """The CSP is a second line; the escaping alone must hold."""
    page = _report(HOSTILE, tmp_path / "hostile.html")
    html = page.read_text(encoding="utf-8")
    start = html.index('<meta http-equiv="Content-Security-Policy"')
    stripped = html[:start] + html[html.index(">", start) + 1 :]
    assert "Content-Security-Policy" not in stripped
    page.write_text(stripped, encoding="utf-8")
    with Browser(CHROME) as browser:
        browser.open(page.as_uri())
        _hostile_checks(browser)
        assert browser.evaluate("document.querySelectorAll('#diagram svg').length") == 1


# The smallest and the median rendered height (CSS px) of the diagram's text labels.
LABEL_HEIGHTS = """
(() => {
  const hs = [...document.querySelectorAll('#diagram svg text')]
    .filter(t => t.textContent.trim())
    .map(t => t.getBoundingClientRect().height).sort((a, b) => a - b);
  return [hs.length, hs[0], hs[Math.floor(hs.length / 2)]];
})()
"""


@pytest.mark.parametrize("example", ["twitter.yaml", "common-mistakes.yaml"])
def test_diagram_labels_are_readable_at_the_default_zoom(tmp_path, example):
    """At 1280 px, with no script, the default zoom step draws every label 10 px high or more;
    `Fit` (what the page showed before) is one click away, never larger than the default."""
    page = _report(EXAMPLES / example, tmp_path / "report.html")
    with Browser(CHROME) as browser:
        browser.open(page.as_uri(), width=1280, height=900)
        assert browser.evaluate("document.scripts.length") == 0
        assert browser.evaluate("document.querySelector('#zoom-readable').checked") is True
        count, smallest, median = browser.evaluate(LABEL_HEIGHTS)
        assert count > 10 and smallest >= 10, (count, smallest, median)
        pane = browser.evaluate(
            "(() => { const d = document.querySelector('#diagram');"
            " return [d.clientWidth, d.scrollWidth]; })()"
        )
        assert pane[0] <= 1280, pane  # the picture pans inside its pane, the page does not grow
        browser.evaluate("document.querySelector('label[for=zoom-fit]').click()")
        _, fit_smallest, _ = browser.evaluate(LABEL_HEIGHTS)
        assert fit_smallest <= smallest
