"""The picture's HTML-like labels as strings: design text escaped once, names wrapped, the
service name not repeated inside its own cluster, the legend beside the title."""

from __future__ import annotations

from designlint.diagram import labels
from designlint.diagram.records import Plan, PlanNode


def node(**kw) -> PlanNode:
    base = {
        "id": "services__a",
        "path": ("services", "a"),
        "label": "a",
        "section": "services",
        "kind": "service",
        "detail": "service ×3",
    }
    return PlanNode(**{**base, **kw})


def test_markup_in_a_name_stays_text() -> None:
    out = labels.node(node(label='<b>&"x"</b> <IMG SRC="/etc/passwd"/>'), "/icons/a.png")
    assert "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;" in out
    assert out.count("<IMG") == 1 and 'SRC="/etc/passwd"' not in out


def test_long_names_wrap_at_hyphens_and_very_long_words_break() -> None:
    assert labels.wrap("a-service-whose-name-goes-on") == ["a-service-whose-", "name-goes-on"]
    assert max(len(line) for line in labels.wrap("x" * 50)) == labels.WRAP


def test_a_node_in_its_own_cluster_says_only_kind_and_replicas() -> None:
    named = labels.node(node(label="Tweet Service"), "/i.png")
    unnamed = labels.node(node(label="Tweet Service"), "/i.png", named=False)
    assert "Tweet Service" in named and "Tweet Service" not in unnamed
    assert "service ×3" in unnamed


def test_highlighted_nodes_are_framed_in_their_colour() -> None:
    out = labels.node(node(severity="error"), "/i.png")
    assert 'BORDER="3"' in out and "#D62728" in out


def test_the_legend_sits_beside_the_title() -> None:
    plan = Plan("T", (), (), (), flows=("post",), highlight={"error": 2})
    out = labels.title(plan)
    assert out.startswith("<<TABLE") and out.endswith("</TABLE>>")
    assert out.index("T<") < out.index("flow post") < out.index("error (2)")
    assert out.count("<TR>") >= 2  # one row: title cell, then the legend's table
