"""The estimate-expression parser's saved LALR tables (`numbers/expr.lalr`).

They exist for start-up time only (see `designlint.numbers.expr`), so what matters is that the
shipped file is the one this lark and this grammar would build, that the loaded parser reads
every expression exactly as one built from the grammar, and that a stale or damaged file is
ignored rather than trusted.
"""

from __future__ import annotations

import pytest
from lark import Lark
from lark.exceptions import LarkError

from designlint.numbers import expr
from shipped import require_fresh

EXPRESSIONS = [
    "dau * posting_ratio / 1 day",
    "100M / 86400",
    "1,200 * 3 + 2bn - .5",
    "2 ^ 10 ** 2",
    "-(-3) * +4%",
    "20 GB/day * 365 day",
    "1_000_000 * 1.5e3 / (60 * 60 * 24)",
    "µs_budget * 3",
    "1 +",
    "(1 + 2",
    "a b c",
    "__import__('os')",
    "1 $ 2",
    "",
]


def test_the_shipped_tables_fit_this_lark_and_grammar() -> None:
    require_fresh(expr.TABLES, expr._stamp())
    assert expr._load_tables(expr.TABLES) is not None


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_the_loaded_parser_reads_as_the_grammar_does(text: str) -> None:
    built = Lark(expr.GRAMMAR, **expr._OPTIONS)
    loaded = expr._load_tables(expr.TABLES)

    def outcome(parser: Lark) -> object:
        try:
            tree = parser.parse(text)
        except LarkError as exc:  # lark lists what it expected in set order: compare sorted
            expected = sorted(getattr(exc, "expected", None) or ())
            return type(exc).__name__, expr._syntax_message(text, exc), expected
        tokens = [(t.type, str(t), t.start_pos, t.end_pos) for t in tree.scan_values(bool)]
        return tree, tokens  # positions too: messages substitute values by offset

    assert outcome(loaded) == outcome(built)


def test_write_tables_round_trips(tmp_path) -> None:
    path = tmp_path / "expr.lalr"
    expr.write_tables(path)
    assert expr._load_tables(path).parse("1 + 2") == expr._load_tables(expr.TABLES).parse("1 + 2")
