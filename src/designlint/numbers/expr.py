"""Estimate expressions (`dau * posting_ratio / 1 day`) -> a bounded postfix program.

Why a grammar and not `eval`: an estimate comes from a file someone else wrote, and
`__import__('os').system('id')` must be a finding, not a shell. The lark LALR grammar admits
numbers (with the whiteboard suffixes k, M, bn..., or one scale word: `2 million`), names,
`+ - * / ^` and parentheses, nothing else; a call, an attribute or a string is a syntax error.

Why postfix: parse trees of left-associative chains are as deep as the expression is long, and
every recursive walk over 2,000 characters of `1+1+1...` or `-----1` risks RecursionError. The
tree is flattened into postfix with an explicit stack, and the evaluator (`numbers.estimates`)
runs it with a value stack, so no step recurses. Parenthesis depth is capped before lark sees
the text at all.

Lark is imported lazily, only when a design has expressions (~15 ms on a quiet machine,
bench/estimates.py). Building this LALR parser from the grammar costs another ~25 ms of CPU on
every run, so its tables ship with the package (`expr.lalr`, written by lark's own
`Lark.save` through `python -m designlint.numbers.expr`, which `make docs` runs) and load in
~2 ms. The file names the lark version and the hash of the grammar it was built from; when
either differs (another lark installed, the grammar edited) the parser is built from the
grammar as before, so the tables can only make a run faster, never parse differently. The file
is ours, in the package: nothing from the user's machine is unpickled (lark's own `cache=True`
would read a file from the shared temporary directory).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from designlint.numbers import bounds

MAX_LENGTH = 2000  # the model caps `expr` at 2,000 characters too
MAX_DEPTH = 32  # nested parentheses

GRAMMAR = r"""
?start: sum
?sum: product
    | sum "+" product   -> add
    | sum "-" product   -> sub
?product: unary
    | product "*" unary -> mul
    | product "/" unary -> div
?unary: power
    | "-" unary         -> neg
    | "+" unary
?power: atom
    | atom POW unary    -> pow
?atom: NUMBER               -> number
    | NUMBER NAME          -> quantity
    | NUMBER PERCENT       -> percent
    | NAME                 -> name
    | "(" sum ")"
POW: "^" | "**"
PERCENT: "%"
NUMBER: /NUMBER_RE/ | /\.[0-9]+/
NAME: /[A-Za-z_\u00b5][A-Za-z0-9_]*/
%ignore /[ \t\r\n]+/
""".replace(
    "NUMBER_RE",
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:_[0-9]+)*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
    r"(?:bn|mn|tn|[kKMG](?![A-Za-z]))?",
)

SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "mn": 1e6, "bn": 1e9, "tn": 1e12}


# The end of `1 billion `: in an expression one scale word ends the number.
_AFTER_SCALE_WORD = re.compile(rf"\d\s*(?:{'|'.join(bounds.ORDERS)})s?\s*$", re.IGNORECASE)


class ExprError(ValueError):
    """An expression that cannot be read; the message is shown to the user as is."""


@dataclass(frozen=True)
class Op:
    """One postfix instruction.

    kind: "num" (value=float, text), "unit" (number followed by a unit/name: value=float,
    name), "name" (name), "percent" (value), or an operator "+ - * / ^ neg".
    start/end: character offsets in the expression, for substituting values into messages.
    """

    kind: str
    value: float = 0.0
    name: str = ""
    text: str = ""
    start: int = 0
    end: int = 0
    glued: bool = False  # number and unit written without a space (`1B`)


@dataclass(frozen=True)
class Program:
    """A parsed expression: postfix ops plus the names it mentions, in order of appearance."""

    source: str
    ops: tuple[Op, ...]
    names: tuple[Op, ...]


TABLES = Path(__file__).with_name("expr.lalr")
_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "maybe_placeholders": False,
    "propagate_positions": False,
}


@lru_cache(maxsize=1)
def _parser() -> Any:
    from lark import Lark

    tables = _load_tables(TABLES)
    if tables is not None:
        return tables
    return Lark(GRAMMAR, **_OPTIONS)


def _stamp() -> bytes:
    """The first line of the tables file: what they were built from."""
    import hashlib

    import lark

    digest = hashlib.sha256(f"{GRAMMAR}\0{sorted(_OPTIONS.items())}".encode()).hexdigest()
    return f"designlint-expr lark={lark.__version__} grammar={digest}\n".encode()


def _load_tables(path: Path) -> Any:
    """The saved parser, or None when it is missing, damaged or built for another lark or
    grammar."""
    from lark import Lark

    from designlint import saved

    body = saved.payload(path, _stamp())
    if body is None:
        return None
    try:
        return Lark.load(io.BytesIO(body))
    except Exception:  # noqa: BLE001 - a damaged file costs the build, never the run
        return None


def write_tables(path: Path = TABLES) -> None:
    """Build the parser from the grammar and save its tables for `_parser` to load."""
    from lark import Lark

    from designlint import saved

    out = io.BytesIO()
    Lark(GRAMMAR, **_OPTIONS).save(out)
    saved.write(path, _stamp(), out.getvalue())


def number(text: str) -> float:
    """The value of a NUMBER token: `1,200` -> 1200.0, `2bn` -> 2e9, `1e400` -> inf."""
    scale = 1.0
    for suffix in ("bn", "mn", "tn", "k", "K", "M", "G"):
        if text.endswith(suffix):
            scale = SCALES[suffix]
            text = text[: -len(suffix)]
            break
    return float(text.replace(",", "").replace("_", "")) * scale


def _check_shape(text: str) -> None:
    if len(text) > MAX_LENGTH:
        raise ExprError(f"the expression is longer than {MAX_LENGTH:,} characters")
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise ExprError(f"parentheses are nested {deepest:,} deep; at most {MAX_DEPTH} allowed")
    if not text.strip():
        raise ExprError("the expression is empty")


def _syntax_message(text: str, exc: Exception) -> str:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream
        char = text[pos] if pos < len(text) else ""
        what = {
            "'": "strings",
            '"': "strings",
            ".": "attributes",
            "[": "indexing",
            ",": "commas",
        }.get(char)
        hint = f" ({what} are not part of an estimate expression)" if what else ""
        return f"unexpected `{char}` at column {pos + 1}{hint}"
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        if token.type == "$END":
            return "the expression ends too early"
        pos = (token.start_pos or 0) + 1
        if token.type == "LPAR":
            return f"unexpected `(` at column {pos}: calls are not part of an estimate expression"
        if token.type == "NAME" and _AFTER_SCALE_WORD.search(text[: pos - 1]):
            return (
                f"unexpected `{token}` at column {pos}: in an expression a scale word ends "
                "its number; glue the scale (`1M B`) or multiply (`1 million * 1 B`)"
            )
        return f"unexpected `{token}` at column {pos}"
    if isinstance(exc, UnexpectedEOF):
        return "the expression ends too early"
    return "the expression cannot be read"


@lru_cache(maxsize=4096)
def parse(text: str) -> Program:
    """Parse an expression into postfix; ExprError with a readable reason otherwise.

    Cached by text: the same expression in many estimates or files is parsed once."""
    from lark import Token, Tree
    from lark.exceptions import LarkError

    _check_shape(text)
    try:
        tree = _parser().parse(text)
    except LarkError as exc:
        raise ExprError(_syntax_message(text, exc)) from None
    ops: list[Op] = []
    names: list[Op] = []
    binary = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "^"}
    # Explicit stack: (node, visited). Children are pushed so that they are emitted in order.
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        node, visited = stack.pop()
        if isinstance(node, Token):  # the unary `+` alias leaves a bare tree; tokens are leaves
            continue
        assert isinstance(node, Tree)
        kind = node.data
        if kind in ("number", "quantity", "percent", "name"):
            op = _leaf(kind, node.children)
            ops.append(op)
            if op.kind in ("name", "unit"):
                names.append(op)
            continue
        if visited:
            if kind in binary:
                ops.append(Op(binary[kind]))
            elif kind == "neg":
                ops.append(Op("neg"))
            continue
        stack.append((node, True))
        children = [c for c in node.children if isinstance(c, Tree)]
        for child in reversed(children):
            stack.append((child, False))
    return Program(text, tuple(ops), tuple(names))


def _leaf(kind: str, children: list[Any]) -> Op:
    tok = children[0]
    start, end = tok.start_pos or 0, tok.end_pos or 0
    if kind == "name":
        return Op("name", name=str(tok), text=str(tok), start=start, end=end)
    value = number(str(tok))
    if kind == "number":
        return Op("num", value=value, text=str(tok), start=start, end=end)
    if kind == "percent":
        return Op("percent", value=value, text=f"{tok}%", start=start, end=children[1].end_pos)
    unit = children[1]
    order = bounds.ORDERS.get(str(unit).lower().removesuffix("s"))
    if order is None and str(unit) in ("k", "K", "M", "mn", "bn", "tn"):
        order = SCALES[str(unit)]  # `10 k`: the suffix set apart, as in every quantity
    if order is not None:  # `1 billion`: a scale word, as in every quantity
        return Op("num", value=value * order, text=f"{tok} {unit}", start=start, end=unit.end_pos)
    return Op(
        "unit",
        value=value,
        name=str(unit),
        text=f"{tok} {unit}",
        start=start,
        end=unit.end_pos or end,
        glued=unit.start_pos == end,
    )


if __name__ == "__main__":
    if _load_tables(TABLES) is None:  # the stamp names every input: a fresh file stays as it is
        write_tables()
