"""YAML text -> plain data + SourceMap, by building from libyaml's event stream.

Why not `yaml.safe_load`: it forgets positions, keeps the last of duplicate keys silently, reads
YAML 1.1 booleans/sexagesimals/octals, raises non-YAML exceptions on odd scalars, recurses (493
levels crash the pure loader, ~25k segfault the C one) and expands alias bombs. Building from
events with our own stack keeps every key's and value's line:col, resolves scalars by YAML 1.2
rules while noting where a YAML 1.1 reader would differ (DL006), and applies depth, size and
alias-expansion limits before anything big exists. See docs/loading.md for the numbers.
"""

from __future__ import annotations

import codecs
import gc
import re
from dataclasses import dataclass, field

import yaml

from designlint.findings import ModelPath, Span, Violation

try:  # libyaml's C parser: several times faster, same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile input from costing unbounded time or memory."""

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 2_000_000  # counting every node an alias expands to
    max_scalar: int = 1_000_000  # characters in one scalar
    max_problems: int = 1_000  # loader and schema problems reported per file; the rest counted


@dataclass
class SourceMap:
    """Model path -> position of the key (for mapping entries) and of the value.

    Positions are stored as plain `(line, column, end_line, end_column)` tuples and become
    `Span`s only when asked for: a 10k-service design has about a million of them, and a
    plain tuple costs a fraction of a NamedTuple to build (bench/README.md).
    """

    keys: dict[ModelPath, tuple[int, int, int, int]] = field(default_factory=dict)
    values: dict[ModelPath, tuple[int, int, int, int]] = field(default_factory=dict)

    def locate(self, path: ModelPath, prefer_key: bool = False) -> Span:
        """The span of the nearest existing node on `path`, walking up to the root."""
        path = tuple(path)
        while True:
            key, value = self.keys.get(path), self.values.get(path)
            # A block value starts on a later line than its key: the key is where people look.
            if key is not None and (prefer_key or value is None or value[0] > key[0]):
                return Span(*key)
            if value is not None:
                return Span(*value)
            if not path:
                return Span(1, 1)
            path = path[:-1]

    def key_span(self, path: ModelPath) -> Span | None:
        """The span of the key that introduces `path`, if the path is a mapping entry."""
        raw = self.keys.get(tuple(path))
        return Span(*raw) if raw is not None else None

    def has(self, path: ModelPath) -> bool:
        return tuple(path) in self.values


@dataclass
class Trap:
    """A plain scalar whose YAML 1.1 reading differs from the YAML 1.2 one we use (DL006)."""

    path: ModelPath
    span: Span
    text: str
    yaml11: str


@dataclass
class Source:
    """What the loader hands on: the data, where each part came from, and what went wrong."""

    data: object
    smap: SourceMap
    problems: list[tuple[str, Violation]]
    traps: list[Trap]
    text: str = ""
    limits: Limits = field(default_factory=Limits)


# YAML 1.2 core schema, plain scalars only.
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
# Where YAML 1.1 (PyYAML, yamllint, most tools) reads something else.
_Y11_BOOL = re.compile(r"y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF")
_Y11_SEXA = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_Y11_OCT = re.compile(r"[-+]?0[0-7_]+")
_Y11_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?")
_Y11_FLOATISH = re.compile(r"[-+]?[0-9][0-9_]*\.[0-9_]*0")  # `1.10` -> 1.1 for both readers
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}
MAX_INT_DIGITS = 4000  # below CPython's 4,300-digit str->int limit
MAX_KEY = 1024  # characters in a mapping key: libyaml's own limit for simple keys


def _span(event: yaml.Event) -> Span:
    return Span(*_raw(event))


def _raw(event: yaml.Event) -> tuple[int, int, int, int]:
    """An event's 1-based position as a plain tuple: the hot path of the loader."""
    start, end = event.start_mark, event.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _yaml11_reading(text: str) -> str | None:
    """What YAML 1.1 makes of a plain scalar that YAML 1.2 reads as a string, if different."""
    if _Y11_BOOL.fullmatch(text):
        return "a boolean"
    if _Y11_SEXA.fullmatch(text):
        return "a base-60 number"
    if _Y11_OCT.fullmatch(text) and len(text.lstrip("+-")) > 1:
        return "an octal number"
    if _Y11_DATE.fullmatch(text):
        return "a date"
    return None


class _Stop(Exception):
    """A problem after which the rest of the document cannot be trusted (DL001)."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.span = span


# Characters libyaml (YAML 1.1) counts as line breaks but YAML 1.2, editors and GitHub do not.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_ODD_NAMES = {"\x85": "U+0085 NEXT LINE", "\u2028": "U+2028 LINE SEPARATOR"}


def decode(raw: bytes) -> tuple[str | None, tuple[str, Violation] | None]:
    """Bytes -> text, honouring BOMs; invalid UTF-8 and NUL bytes are DL001 at their place."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_bom(raw, "utf-32")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_bom(raw, "utf-16")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8")  # valid up to here: count characters, not bytes
        bad = raw[exc.start : exc.start + 1].hex()
        msg = f"the file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8"
        return None, ("DL001", Violation((), msg, span=_editor_span(good, len(good))))
    return _check_nul(text)


def _decode_bom(raw: bytes, codec: str) -> tuple[str | None, tuple[str, Violation] | None]:
    try:
        return _check_nul(raw.decode(codec).lstrip("\ufeff"))
    except UnicodeDecodeError:
        msg = f"the file starts with a {codec.upper()} byte-order mark but is not valid {codec}"
        return None, ("DL001", Violation((), msg, span=Span(1, 1)))


def _check_nul(text: str) -> tuple[str | None, tuple[str, Violation] | None]:
    pos = text.find("\x00")
    if pos < 0:
        return text, None
    msg = "the file contains a NUL byte; it is binary or in an encoding other than UTF-8"
    if pos == 1 or text[1:8:2] == "\x00" * len(text[1:8:2]):
        msg = "the file contains NUL bytes; it looks like UTF-16 without a byte-order mark"
    return None, ("DL001", Violation((), msg, span=_editor_span(text, pos)))


def _editor_span(text: str, pos: int) -> Span:
    """Line and column of `pos` as an editor counts them: `\\n`, `\\r\\n` and `\\r` end lines."""
    head = text[:pos]
    line = head.count("\n") + head.count("\r") - head.count("\r\n") + 1
    start = max(head.rfind("\n"), head.rfind("\r")) + 1
    return Span(line, pos - start + 1)


def _odd_break(text: str) -> tuple[str, Violation] | None:
    """U+0085/U+2028/U+2029: a line break for libyaml, not for editors, GitHub or YAML 1.2.

    Every line number after one would drift from what reviewers see, and a comment could hide
    a key that libyaml reads (`# note<U+2028>admin: true`); so the file is refused, at the
    position an editor shows.
    """
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return None  # three substring scans: several times faster than the regex on big files
    match = _ODD_BREAKS.search(text)
    if match is None:  # pragma: no cover - one of the characters is there
        return None
    char = match.group()
    name = _ODD_NAMES.get(char, "U+2029 PARAGRAPH SEPARATOR")
    msg = (
        f"the file contains {name}, a line break for YAML 1.1 readers but not for editors or "
        f"YAML 1.2, so lines and meaning differ between tools; remove it (in a double-quoted "
        f"string, write it as `\\u{ord(char):04x}`)"
    )
    return "DL001", Violation((), msg, span=_editor_span(text, match.start()))


def _inner_bom(text: str) -> tuple[str, Violation] | None:
    """A byte-order mark after the start (two files pasted together, an editor's slip): an
    invisible character that libyaml reports as a missing key somewhere else."""
    pos = text.find("\ufeff", 1)
    if pos < 0:
        return None
    msg = (
        "the file contains a byte-order mark (U+FEFF, invisible) after its start, often left "
        "by joining two files; remove it (in a double-quoted string, write it as `\\ufeff`)"
    )
    return "DL001", Violation((), msg, span=_editor_span(text, pos))


def load_text(text: str, limits: Limits = Limits()) -> Source:
    """Build plain data from YAML text. Never raises on bad input: problems are returned."""
    builder = _Builder(limits)
    odd = _odd_break(text) or _inner_bom(text)
    if odd is not None:
        return Source(None, builder.smap, [odd], [], text, limits)
    enabled = gc.isenabled()
    gc.disable()  # the cyclic GC slows building big trees about 4x (docs/loading.md)
    try:
        builder.run(text)
    finally:
        if enabled:
            gc.enable()
    builder.close()
    return Source(builder.root, builder.smap, builder.problems, builder.traps, text, limits)


# Plain scalars that are not text in YAML 1.2, or that YAML 1.1 reads otherwise, and that do not
# start like a number: one dict lookup settles every plain scalar that starts with a letter.
_YAML11_BOOL = object()
_WORDS: dict[str, object] = {
    **dict.fromkeys(_NULL),
    **dict.fromkeys(_TRUE, True),
    **dict.fromkeys(_FALSE, False),
    **dict.fromkeys(_Y11_BOOL.pattern.split("|"), _YAML11_BOOL),
}
# The first characters of every other plain scalar that is not plain text (numbers, `.inf`,
# `.nan`) or that YAML 1.1 reads otherwise (octals, base-60 numbers, dates).
_NUMERIC_START = frozenset("0123456789+-.")


class _Builder:
    """Folds parser events into dicts, lists and scalars with an explicit stack.

    The loop is the loader's hot path (a 10k-service design is 1.3M events): the innermost open
    container lives in local variables, each plain scalar is resolved with one dict lookup
    unless it starts like a number, and only the rare cases (tags, anchors, aliases, refused
    keys, limits) call out.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.smap = SourceMap()
        self.problems: list[tuple[str, Violation]] = []
        self.traps: list[Trap] = []
        self.root: object = None
        self.anchors: dict[str, tuple[object, int]] = {}
        self.expanded = 0  # nodes that aliases stand for
        self.documents = 0
        self.dropped: dict[str, tuple[int, Span]] = {}  # problems past max_problems, by code
        # Every text scalar and key, one object per distinct text: an id declared as a key and
        # referenced elsewhere is then the same object, so looking it up matches by identity.
        self.strings: dict[str, str] = {}

    def problem(self, code: str, violation: Violation) -> None:
        """Record a problem, or only count it once there are max_problems already."""
        if len(self.problems) < self.limits.max_problems:
            self.problems.append((code, violation))
            return
        count, first = self.dropped.get(code, (0, violation.span or Span(1, 1)))
        self.dropped[code] = (count + 1, first)

    def close(self) -> None:
        for code, (count, span) in self.dropped.items():
            msg = f"{count:,} more problem(s) like this from here on are not shown"
            self.problems.append((code, Violation((), msg, span=span)))

    def run(self, text: str) -> None:
        loader = _Loader(text)
        try:
            self._consume(loader.get_event)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            span = Span(mark.line + 1, mark.column + 1) if mark else Span(1, 1)
            reason = exc.problem or str(exc).splitlines()[0]
            context = f" {exc.context}" if exc.context else ""
            message = f"{reason}{context}"
            if "expected ':' while scanning a simple key" in message:
                message += " (a missing `:`, or a key longer than libyaml's 1,024 characters)"
            if "maximum nesting depth" in message:  # libyaml's own cap (1,000) came first
                message = f"the document is nested more than {self.limits.max_depth} levels deep"
            self.problems.append(("DL001", Violation((), message, span=span)))
        except yaml.reader.ReaderError as exc:  # a character YAML forbids; no mark, an offset
            char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
            pos = text.find(char)
            span = _editor_span(text, pos) if pos >= 0 else Span(1, 1)
            msg = (
                f"the character U+{ord(char[:1] or ' '):04X} is not allowed in YAML ({exc.reason})"
            )
            self.problems.append(("DL001", Violation((), msg, span=span)))
        except yaml.YAMLError as exc:
            self.problems.append(("DL001", Violation((), str(exc).splitlines()[0])))
        except _Stop as exc:
            self.problems.append(("DL001", Violation((), str(exc), span=exc.span)))
        except (RecursionError, MemoryError):  # pragma: no cover - the stack is ours; last guard
            self.problems.append(("DL001", Violation((), "the document is too large or too deep")))
        finally:
            loader.dispose()

    def _consume(self, next_event) -> None:  # noqa: C901 - one loop over the event kinds
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, map_end = yaml.MappingStartEvent, yaml.MappingEndEvent
        seq_start, seq_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
        keys, values = self.smap.keys, self.smap.values
        words, numeric_start, skip, yaml11_bool = _WORDS, _NUMERIC_START, _SKIP, _YAML11_BOOL
        max_key = MAX_KEY
        max_depth, max_nodes = self.limits.max_depth, self.limits.max_nodes
        max_scalar = self.limits.max_scalar
        same = self.strings.setdefault
        # The innermost open container: the dict or list (None outside the root), its path,
        # whether it is a mapping, and for a mapping the pending key (None while a key is
        # awaited) and that key's path. Enclosing ones are saved on `stack`, each with what the
        # container opened there needs when it ends: its anchor, the node count before it, and
        # the span of a complex key (`? [a]`) it stands for.
        container: dict | list | None = None
        path: ModelPath = ()
        is_map = False
        key: str | None = None
        key_path: ModelPath = ()
        stack: list[tuple] = []
        nodes = 0
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                text = event.value
                tag = event.tag
                if tag is not None:
                    self._check_tag(event, "scalar")
                nodes += 1
                if nodes > max_nodes:
                    raise self._too_many(event, nodes)
                if len(text) > max_scalar:
                    raise _Stop(
                        f"a scalar of {len(text):,} characters exceeds the limit of {max_scalar:,}",
                        _span(event),
                    )
                start, end = event.start_mark, event.end_mark
                raw = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
                if is_map and key is None:
                    # Keys are kept as text: `1:` and `true:` must not collide as in YAML 1.1.
                    name = same(text, text) if tag is None else self._tagged(event, text, tag)
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (name, 1)
                    if type(name) is not str or len(name) > max_key:
                        name = self._refused_key(container, path, name, raw)
                    elif name == "<<" and not event.style and tag is None:
                        # only a plain `<<` is a merge key; `"<<"` is an ordinary (if odd) key
                        msg = "merge keys (`<<`) are not supported; write the keys out"
                        self.problem("DL002", Violation(path, msg, span=Span(*raw)))
                        name = skip
                    elif name in container:  # type: ignore[operator]
                        name = self._refused_key(container, path, name, raw)
                    else:
                        key_path = path + (name,)
                        keys[key_path] = raw
                        key = name
                        continue
                    key = name
                    key_path = path + (name,)
                    continue
                if is_map:
                    here = key_path
                elif container is not None:
                    here = path + (len(container),)
                else:
                    here = ()
                if tag is not None:
                    value = self._tagged(event, text, tag)
                elif event.style:  # quoted or block scalars are text
                    value = same(text, text)
                elif text[:1] in numeric_start:
                    value = self._plain(event, text, here)
                else:
                    value = words.get(text, text)
                    if value is text:
                        value = same(text, text)
                    elif value is yaml11_bool:
                        value = text
                        self.traps.append(Trap(here, _span(event), text, "a boolean"))
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                values[here] = raw
                if is_map:
                    if key is not skip:
                        container[key] = value  # type: ignore[index]
                    key = None
                elif container is not None:
                    container.append(value)  # type: ignore[union-attr]
                elif self.documents <= 1:
                    self.root = value
            elif kind is map_start or kind is seq_start:
                if len(stack) >= max_depth:
                    raise _Stop(
                        f"the document is nested more than {max_depth} levels deep",
                        _span(event),
                    )
                if event.tag is not None:
                    self._check_tag(event, "map" if kind is map_start else "seq")
                opened: dict | list = {} if kind is map_start else []
                start, end = event.start_mark, event.end_mark
                raw = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
                complex_key = None
                if is_map and key is None:  # `? [a]`: a complex key, read and refused at its end
                    here = (*path, "?")
                    complex_key = raw
                elif is_map:
                    here = key_path
                    values[here] = raw
                    if key is not skip:
                        container[key] = opened  # type: ignore[index]
                    key = None
                elif container is not None:
                    here = path + (len(container),)
                    values[here] = raw
                    container.append(opened)  # type: ignore[union-attr]
                else:
                    here = ()
                    values[here] = raw
                    if self.documents <= 1:
                        self.root = opened
                stack.append(
                    (container, path, is_map, key, key_path, event.anchor, nodes, complex_key)
                )
                container, path, is_map, key = opened, here, kind is map_start, None
                nodes += 1
                if nodes > max_nodes:
                    raise self._too_many(event, nodes)
            elif kind is map_end or kind is seq_end:
                closed = container
                container, path, is_map, key, key_path, anchor, before, complex_key = stack.pop()
                if anchor is not None:
                    self.anchors[anchor] = (closed, nodes - before)
                if complex_key is not None:
                    key = self._refused_key(container, path, closed, complex_key)
                    key_path = path + (key,)
            elif kind is alias_event:
                value, size = self._alias(event, stack)
                nodes += size
                if size > 1:
                    self.expanded += size
                if nodes > max_nodes:
                    raise self._too_many(event, nodes)
                raw = _raw(event)
                if is_map and key is None:
                    if isinstance(value, str) and len(value) <= max_key:
                        nodes += len(value)  # an alias key costs what it spells out
                        if len(value) > 1:
                            self.expanded += len(value)
                        if nodes > max_nodes:
                            raise self._too_many(event, nodes)
                    if type(value) is str and value not in container and len(value) <= max_key:
                        key = value
                        key_path = path + (value,)
                        keys[key_path] = raw
                    else:
                        key = self._refused_key(container, path, value, raw)
                        key_path = path + (key,)
                    continue
                if is_map:
                    values[key_path] = raw
                    if key is not skip:
                        container[key] = value  # type: ignore[index]
                    key = None
                elif container is not None:
                    values[path + (len(container),)] = raw
                    container.append(value)  # type: ignore[union-attr]
                else:
                    values[()] = raw
                    if self.documents <= 1:
                        self.root = value
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    msg = (
                        "the file holds more than one YAML document; "
                        "designlint reads one design per file"
                    )
                    self.problems.append(("DL001", Violation((), msg, span=_span(event))))
                    return

    # -- the rare cases ------------------------------------------------------------------
    def _too_many(self, event: yaml.Event, nodes: int) -> _Stop:
        if self.expanded * 2 > nodes:  # aliases made most of it
            what, why = "expands to", " (an alias bomb?)"
        else:
            what, why = "has", ""
        return _Stop(
            f"the document {what} more than {self.limits.max_nodes:,} nodes{why}", _span(event)
        )

    def _check_tag(self, event: yaml.Event, kind: str) -> None:
        """Only the standard tags, and only on the kind of node they name (no construction)."""
        tag = event.tag
        if tag not in _STANDARD_TAGS:
            raise _Stop(
                f"the tag `{_short(tag)}` is not supported; designlint reads plain YAML data only",
                _span(event),
            )
        if tag == "!":  # the non-specific tag: a string, a mapping or a list as written
            return
        wanted = tag.rsplit(":", 1)[-1]
        fits = wanted == kind if kind != "scalar" else wanted not in ("map", "seq")
        if not fits:
            what = {"map": "a mapping", "seq": "a list"}.get(kind, "a scalar")
            raise _Stop(f"the tag `!!{wanted}` cannot be given to {what}", _span(event))

    def _alias(self, event: yaml.AliasEvent, stack: list[tuple]) -> tuple[object, int]:
        entry = self.anchors.get(event.anchor)
        if entry is None:
            if any(frame[5] == event.anchor for frame in stack):
                msg = f"the alias `*{event.anchor}` refers to a node that contains it (a cycle)"
            else:
                msg = f"the alias `*{event.anchor}` refers to no earlier anchor"
            raise _Stop(msg, _span(event))
        return entry

    def _tagged(self, event: yaml.ScalarEvent, text: str, tag: str) -> object:
        """An explicitly tagged scalar (`!!int 5`): the tag decides, and must fit the text."""
        kind = tag.rsplit(":", 1)[-1]
        if kind in ("str", "!"):
            return text
        value = self._plain(event, text, (), trap=False)
        fits = {
            "null": value is None,
            "bool": isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        }
        if not fits.get(kind, False):
            shown = text if len(text) <= 40 else text[:40] + "..."
            raise _Stop(f"`{shown}` is not a valid `!!{kind}`", _span(event))
        return float(value) if kind == "float" else value

    def _plain(
        self, event: yaml.ScalarEvent, text: str, path: ModelPath, trap: bool = True
    ) -> object:
        """A plain scalar by the YAML 1.2 core schema, noting YAML 1.1 readings (DL006)."""
        if text in _NULL:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if _INT.fullmatch(text):
            if len(text) > MAX_INT_DIGITS:
                raise _Stop(f"an integer of {len(text):,} digits is too large", _span(event))
            if trap and _Y11_OCT.fullmatch(text) and len(text.lstrip("+-")) > 1:
                self.traps.append(Trap(path, _span(event), text, "an octal number"))
            return int(text)
        if _OCT.fullmatch(text) or _HEX.fullmatch(text):
            if len(text) > MAX_INT_DIGITS:
                raise _Stop(f"an integer of {len(text):,} digits is too large", _span(event))
            return int(text[2:], 8 if text[1] == "o" else 16)
        if _FLOAT.fullmatch(text):
            return float(text)
        if _INF.fullmatch(text):
            return float("-inf") if text.startswith("-") else float("inf")
        if _NAN.fullmatch(text):
            return float("nan")
        reading = _yaml11_reading(text) if trap else None
        if reading:
            self.traps.append(Trap(path, _span(event), text, reading))
        return text

    def _refused_key(self, mapping: dict, path: ModelPath, key: object, raw: tuple) -> str:
        """Report a key the design cannot have (too long, not text, repeated); its entry is
        read and dropped."""
        if isinstance(key, str) and len(key) > MAX_KEY:
            # libyaml refuses longer plain keys itself; this catches `? long` and `*alias` keys,
            # which would otherwise be copied into every error that names their path.
            msg = f"a key of {len(key):,} characters is longer than {MAX_KEY:,}"
            self.problem("DL002", Violation(path, msg, span=Span(*raw)))
        elif not isinstance(key, str):
            span = Span(*raw)
            self.problem("DL002", Violation(path, "mapping keys must be plain strings", span=span))
        else:
            first = self.smap.keys.get((*path, key))
            where = f" (first at line {first[0]})" if first else ""
            msg = f"the key `{key}` is repeated{where}; YAML readers silently keep only one"
            self.problem("DL004", Violation((*path, key), msg, span=Span(*raw)))
        return _SKIP


def _short(tag: str | None) -> str:
    tag = tag or ""
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag[len("tag:yaml.org,2002:") :]
    return tag if len(tag) <= 80 else tag[:80] + "..."


class _Skip(str):
    """Marks a mapping entry whose value must be read but dropped (duplicate or bad key)."""


_SKIP = _Skip("\x00skip")
