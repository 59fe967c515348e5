"""Property tests: whatever the input, the real pipeline ends in findings or a documented exit
code, never an exception, and its JSON (and SARIF, when present) output stays valid.

Examples per CI run (derandomized): 1,000 YAML-like token soups + 400 structured documents +
300 random byte strings + 250 data mutations and 150 text mutations of examples/twitter.yaml
+ 40 runs through the CLI = 2,140.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from designlint import config
from designlint.findings import Finding
from designlint.formats import REPORTERS, get
from designlint.linter import lint_bytes
from designlint.reading.source import load_text

from .conftest import scale

ROOT = Path(__file__).resolve().parents[2]
TWITTER = (ROOT / "examples" / "twitter.yaml").read_bytes()
SETTINGS = config.Settings()
CODE = re.compile(r"DL\d{3}")

# -- invariants ------------------------------------------------------------------------------


def check(raw: bytes) -> list[Finding]:
    """Lint in process and check every output invariant; any exception fails the test."""
    findings = lint_bytes(raw, "fuzz.yaml", SETTINGS)
    assert isinstance(findings, list)
    for f in findings:
        assert CODE.fullmatch(f.code), f
        assert f.span.line >= 1 and f.span.column >= 1, f
        assert f.file == "fuzz.yaml"
    payload = json.loads(get("json")(findings, 1, {}))
    assert len(payload["findings"]) == len(findings)
    text = get("text")(findings, 1, {"quiet": True})
    assert len([ln for ln in text.splitlines() if ln.startswith("fuzz.yaml:")]) == len(findings)
    if "sarif" in REPORTERS:
        sarif = json.loads(get("sarif")(findings, 1, {}))
        assert sarif["version"] == "2.1.0"
        assert len(sarif["runs"][0]["results"]) <= len(findings)
    return findings


# -- generated YAML-like text -------------------------------------------------------------

TOKENS = [
    "designlint: 1\n",
    "name: X\n",
    "services:\n",
    "datastores:\n",
    "estimates:\n",
    "flows:\n",
    "  ",
    "    ",
    "- ",
    ": ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!map ",
    "!!seq ",
    "!!binary ",
    "!!python/object/apply:os.system ",
    "!foo ",
    "! ",
    "'",
    '"',
    "# c",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,1:\n",
    "<<: ",
    "NO",
    "on",
    "yes",
    "1:30",
    "010",
    "0o7",
    "0x1F",
    "1e400",
    "-.inf",
    ".nan",
    "~",
    "null",
    "true",
    "False",
    "9" * 60,
    "2024-13-45",
    "|\n",
    ">-\n",
    "|+2\n",
    "\ufeff",
    "\x00",
    "\u2028",
    "\x85",
    "\x07",
    "é",
    "\U0001f600",
    '"\\u0000"',
    '"\\ud800"',
    '"\\e[31m"',
    "calls: [",
    "replicas: ",
    "value: ",
    "description: ",
    "link-service",
    "user-service",
    "x-ext: ",
    "kind: cache\n",
    "10k/s",
    "200 ms",
    "99.99%",
    "expr: dau * 2\n",
    "{component: a, budget: 5ms}",
]
soup = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=60).map(
    lambda parts: "".join(parts)
)

FIELDS = [
    "designlint",
    "name",
    "description",
    "services",
    "datastores",
    "caches",
    "queues",
    "estimates",
    "flows",
    "requirements",
    "calls",
    "reads",
    "writes",
    "owns",
    "replicas",
    "value",
    "expr",
    "path",
    "component",
    "kind",
    "regions",
    "x-note",
    "<<",
    "1",
    "",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["NO", "on", "1:30", "010", "10k/s", "link-service", "user-service"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), children, max_size=5
        ),
    ),
    max_leaves=30,
)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(max_examples=scale(1_000))
@given(soup)
@example("a: &a [*a]\n")  # an alias to its own container
@example("? [a]\n: 1\n? [a]\n: 2\n")  # complex keys, twice
@example("a: !!int 0x" + "f" * 5_000)  # a hex integer beyond CPython's digit limit
@example("designlint: true\nname: X\n")  # Literal[1] accepts True
@example("#\u2028a: 1\n")  # a key hidden in a comment for libyaml only
def test_yaml_like_text_never_escapes(text):
    check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=scale(400))
@given(documents)
def test_structured_documents_never_escape(data):
    header = {"designlint": 1, "name": "X"}
    body = {**header, **data} if isinstance(data, dict) else data
    check(dump(body).encode())


@settings(max_examples=scale(300))
@given(st.binary(max_size=300))
@example(b"\xff\xfe")  # a UTF-16 BOM and nothing else
@example(b"\xff\xfea\x00:")  # an odd number of UTF-16 bytes
@example(b"\x00\x00\xfe\xff")  # a UTF-32 BOM and nothing else
def test_random_bytes_never_escape(raw):
    check(raw)


# -- mutations of a valid design ----------------------------------------------------------

BASE = load_text(TWITTER.decode()).data
IDS = sorted(
    {k for section in ("services", "datastores", "caches", "queues") for k in BASE[section]}
)
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(),
    st.text(max_size=12),
    st.just([]),
    st.just({}),
    st.lists(st.sampled_from(IDS), max_size=3),
    st.sampled_from(["NO", "1:30", "010", "1e400", "-1", "0 ms", "bn", "\x1b[31m", "a\nb"]),
)


def paths(node: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


ALL_PATHS = paths(BASE)[1:]


def _get(node: object, path: tuple) -> object:
    for seg in path:
        node = node[seg]
    return node


def _copy(node: object) -> object:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


REF_PATHS = [p for p in ALL_PATHS if isinstance(_get(BASE, p), str) and _get(BASE, p) in IDS]


@st.composite
def mutated(draw) -> object:
    data = _copy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["drop", "wrong-type", "swap-ref", "rename", "hostile-id"]))
        path = draw(st.sampled_from(ALL_PATHS))
        try:
            parent = _get(data, path[:-1])
            key = path[-1]
            if kind == "drop":
                del parent[key]
            elif kind == "wrong-type":
                parent[key] = draw(WRONG)
            elif kind == "swap-ref":
                ref = draw(st.sampled_from(REF_PATHS))
                _get(data, ref[:-1])[ref[-1]] = draw(
                    st.sampled_from([*IDS, "nowhere", path[0] if path else "x"])
                )
            elif kind in ("rename", "hostile-id") and isinstance(parent, dict):
                new = (
                    draw(st.sampled_from(IDS))
                    if kind == "rename"
                    else draw(
                        st.sampled_from(["a b", "us\u0435r-service", "x\ny", "\x1b[2J", "<b>", ""])
                    )
                )
                parent[new] = parent.pop(key)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or retyped this path
    return data


@settings(max_examples=scale(250))
@given(mutated())
def test_mutated_twitter_never_escapes(data):
    check(dump(data).encode())


LINES = TWITTER.decode().splitlines(keepends=True)


@settings(max_examples=scale(150))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "truncate"]),
            st.integers(0, len(LINES) - 1),
            st.integers(0, len(LINES) - 1),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_text_mutations_of_twitter_never_escape(edits):
    lines = list(LINES)
    for op, i, j in edits:
        i, j = i % len(lines), j % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][2:]
        else:
            lines[i] = lines[i][: j % (len(lines[i]) + 1)]
        if not lines:
            break
    check("".join(lines).encode())


# -- a few through the command line, in process ---------------------------------------------


@settings(max_examples=scale(40))
@given(
    st.one_of(soup, mutated().map(dump), documents.map(dump)),
    st.sampled_from(sorted({"text", "json", "sarif"} & set(REPORTERS))),
)
def test_cli_ends_with_a_documented_exit_code(text, fmt):
    from designlint.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "fuzz.yaml")
        out = os.path.join(tmp, "report.out")
        with open(src, "wb") as handle:
            handle.write(text.encode("utf-8", "surrogatepass"))
        with pytest.raises(SystemExit) as exc:
            main(["check", "--no-color", "--format", fmt, "-o", out, src])
        assert exc.value.code in (0, 1), exc.value.code  # a readable file: findings or clean
        with open(out, encoding="utf-8") as handle:
            report = handle.read()
        if fmt != "text":
            json.loads(report)
