"""One file through the pipeline: read -> load -> validate -> rules -> located, sorted findings."""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterable
from dataclasses import replace

from designlint import config, process
from designlint import suppression as suppress
from designlint.context import Context
from designlint.errors import InputError
from designlint.findings import Finding, Severity, Violation
from designlint.model import Design
from designlint.reading.files import read_bytes
from designlint.reading.load import validate
from designlint.reading.source import Source, decode, load_text
from designlint.registry import Rule, all_rules, lookup

# Codes about the document itself: always on, never suppressible (docs/cli.md).
ALWAYS_ON = ("DL001", "DL002", "DL003", "DL004", "DL005", "DL006", "DL007")


def lint_path(path: str, settings: config.Settings) -> list[Finding]:
    """Lint one file on disk; InputError when it cannot be read at all."""
    return lint_bytes(read_bytes(path, settings.limits.max_bytes), path, settings)


def lint_bytes(raw: bytes, file: str, settings: config.Settings) -> list[Finding]:
    """Lint file contents. Never raises for bad content: everything becomes a finding."""
    if len(raw) > settings.limits.max_bytes:
        msg = f"the file exceeds the {settings.limits.max_bytes:,}-byte limit"
        return [_stamp("DL001", Violation((), msg), file, None)]
    text, problem = decode(raw)
    if text is None:
        return [_stamp(problem[0], problem[1], file, None)] if problem else []
    return lint_text(text, file, settings)


def lint_text(text: str, file: str, settings: config.Settings) -> list[Finding]:
    KEPT.clear()  # the previous file's data goes before this one is loaded
    source = load_text(text, settings.limits)
    findings, ctx = analyse(source, file, settings)
    if process.exits_fast:
        KEPT.append((source, ctx))
    return findings


# A process about to exit need not free the last file's source map, models and graph one object
# at a time (~3% of checking the 10k-service design, bench/README.md): see designlint.process.
# At most one file's data is kept, so memory stays bounded by the largest file as before.
KEPT: list[tuple[Source, Context | None]] = []


def lint_source(source: Source, file: str, settings: config.Settings) -> list[Finding]:
    return analyse(source, file, settings)[0]


def analyse(
    source: Source, file: str, settings: config.Settings
) -> tuple[list[Finding], Context | None]:
    """The findings, and the rules' context (design, graph, estimates) when the design loads:
    `designlint diff` compares what the rules already computed, and the language server answers
    hover and definition from it, instead of computing it again."""
    _register(settings)
    rules = all_rules()
    findings = [_stamp(code, v, file, source) for code, v in source.problems]
    if any(f.code == "DL001" for f in findings):
        return _finish(findings, settings, file, rules), None
    design, problems = validate(source)
    findings += [_stamp(code, v, file, source) for code, v in problems]
    if design is None:  # DL006 still runs without a design
        findings += [
            _stamp("DL006", v, file, source) for v in _traps_without_design(source, problems)
        ]
    ctx = None
    if design is not None:
        ctx = Context(design, source, file, overrides=dict(settings.overrides), settings=settings)
        for r in rules.values():
            if r.check is not None and rule_enabled(r, settings, file):
                findings.extend(_run_rule(r, ctx, settings, source))
        findings = _quiet_about(findings, design)
    findings = [
        f for f in findings if f.code not in rules or rule_enabled(rules[f.code], settings, file)
    ]
    sups = suppress.scan(source.text)
    if sups:
        findings = _suppress(findings, sups, ctx, settings, source, file)
    return _finish(findings, settings, file, rules), ctx


def _register(settings: config.Settings) -> None:
    """Make the settings' plug-in and custom rules known in this process (a worker process
    started afresh has only the settings it was handed)."""
    if settings.plugins:
        from designlint import plugins

        plugins.load()
    if settings.custom_rules:
        from designlint.custom.register import register

        register(settings.custom_rules)


# Rules that judge what nothing in the design does ("no endpoint serves it", "nothing reaches
# it") cannot judge while a node that might do it is set aside: each is listed with what its
# answer depends on, as `section` (a whole entry set aside) or `section.field`; `*` is any
# section.
ABSENCE_RULES: dict[str, frozenset[str]] = {
    code: frozenset(needs.split())
    for code, needs in {
        "DL107": "consistency datastores flows datastores.consistency flows.consistency",
        "DL109": "non_functional non_functional.kind non_functional.datastores "
        "datastores.source_of_truth",
        "DL204": "estimates estimates.measures",
        "DL205": "estimates estimates.measures estimates.peak_of",
        "DL305": "apis apis.flows flows flows.requirement functional.trigger *.serves",
        "DL406": "clients edge services queues fanout clients.calls edge.routes_to services.calls "
        "services.publishes services.reads services.writes services.owns services.kind "
        "services.part_of queues.consumers fanout.source fanout.worker fanout.target "
        "datastores.owner caches.owner",
        "DL702": "clients edge services flows non_functional clients.calls edge.routes_to "
        "services.calls services.reads services.writes flows.path flows.component flows.call "
        "non_functional.kind non_functional.target",
        "DL804": "functional flows apis flows.requirement flows.path flows.component apis.flows "
        "apis.service *.serves",
    }.items()
}


def lost_parts(aside: dict) -> set[str]:
    """What each set-aside node was, as ABSENCE_RULES names it: `services` for a whole entry,
    `services.calls` (and `*.calls`) for a field or an item of it."""
    out: set[str] = set()
    for path in aside:
        depth = 3 if path[:1] == ("requirements",) else 2
        section = str(path[depth - 2]) if len(path) >= depth - 1 else ""
        if len(path) <= depth:
            out.add(section or str(path[0]))
            continue
        field = next((seg for seg in reversed(path[depth:]) if isinstance(seg, str)), "")
        out.update((f"{section}.{field}", f"*.{field}"))
    return out


def _quiet_about(findings: list[Finding], design: Design) -> list[Finding]:
    """Drop rule findings a set-aside node could change: about the node or the entry holding
    it, and those of rules that judge what nothing in the design does while a node they
    depend on is set aside (ABSENCE_RULES). The schema error already says where to look;
    findings about the whole design stay."""
    aside = design.set_aside
    if not aside:
        return findings
    near = {p[:i] for p in aside for i in range(2, len(p) + 1)}
    lost = lost_parts(aside)
    unknowable = {code for code, needs in ABSENCE_RULES.items() if needs & lost}

    def quiet(path: tuple) -> bool:
        return path in near or any(path[:i] in aside for i in range(1, len(path)))

    return [
        f
        for f in findings
        if f.code in ALWAYS_ON or not (f.code in unknowable or quiet(tuple(f.model_path)))
    ]


def _traps_without_design(source: Source, problems: list[tuple[str, Violation]]) -> list[Violation]:
    """DL006 when validation failed: a yes/no word in a true/false field is not reported,
    since both YAML readers agree there; the field's type comes from the format models."""
    from designlint.reading.load import types_at
    from designlint.rules.document.ambiguous_yaml_scalar import trap_violation

    done = {v.path for c, v in problems if c == "DL006"}
    return [
        trap_violation(t)
        for t in source.traps[: source.limits.max_problems]
        if t.path not in done and not (t.yaml11 == "a boolean" and bool in types_at(t.path))
    ]


def _suppress(
    findings: list[Finding],
    sups: list[suppress.Suppression],
    ctx: Context | None,
    settings: config.Settings,
    source: Source,
    file: str,
) -> list[Finding]:
    """Apply inline suppressions; add DL008/DL009 about the suppressions themselves."""
    rules = all_rules()
    resolve = functools.cache(lambda key: _resolve(key, settings))
    suppress.close_blocks(sups, resolve)
    findings = suppress.apply(findings, sups, resolve, source.smap)
    unused = rules.get("DL009")
    if ctx is not None and unused is not None and rule_enabled(unused, settings, file):
        # "Suppresses nothing" is a fact about the design, whatever is selected: a named rule
        # that did not run is run quietly, only to judge its suppressions.
        named = {
            r.code: r
            for s in sups
            for w in s.codes
            for r in suppress.rules_named(s.kind, w, resolve)
        }
        for r in named.values():
            if r.check is not None and r.suppressible and not rule_enabled(r, settings, file):
                suppress.apply(_run_rule(r, ctx, settings, source), sups, resolve, source.smap)

    def judged(r: Rule) -> bool:
        return ctx is not None and r.check is not None

    found = suppress.problems(sups, resolve, judged)
    return findings + [_stamp(c, v, file, source) for c, v in found]


def _resolve(key: str, settings: config.Settings) -> Rule | None:
    """The rule a suppression names, as this file's settings know it: a custom rule of another
    config is unknown here; with plug-ins off, a code outside `DL` may be a plug-in's, which is
    not judged (a stand-in without a check), rather than reported as no rule at all."""
    r = lookup(key)
    if r is not None and r.kind == "custom" and r.code not in settings.custom_codes:
        return None
    unloaded = r is None and not key.strip().upper().startswith("DL")
    if not settings.plugins and (unloaded or (r is not None and r.kind == "plugin")):
        code = r.code if r else key.strip().upper()
        return Rule(code, r.name if r else key, Severity.WARNING, None, "", "", kind="plugin")
    return r


def _run_rule(r: Rule, ctx: Context, settings: config.Settings, source: Source) -> list[Finding]:
    ctx.rule_options = _options(r, settings, ctx.rule_options)
    ctx.current_rule = r.code
    # Rules are generators: stop one past the cap so a hostile file costs bounded time.
    cap = settings.limits.max_problems
    found = list(itertools.islice(r.check(ctx), cap + 1))
    if len(found) > cap:
        more = Violation(
            found[cap].path,
            f"more {r.code} findings are not shown (at most {cap:,} per rule and file)",
            found[cap].fix,
            found[cap].span,
        )
        found[cap] = more
    return [_stamp(r.code, v, ctx.file, source) for v in found]


def lint_file(path: str, settings: config.Settings) -> tuple[list[Finding], str | None]:
    """`lint_path` for worker processes: (findings, error message) instead of raising."""
    try:
        return lint_path(path, settings), None
    except InputError as exc:
        return [], str(exc)


def lint_files(files: list[str], settings: dict[str, config.Settings], jobs: int) -> list:
    """`lint_file` for each file, in order; with jobs > 1 on a process pool (`map` keeps the
    serial order, so the output does not depend on --jobs). jobs 0: one process per CPU."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs == 1 or len(files) < 2:
        return [lint_file(p, settings[p]) for p in files]
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, len(files))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, len(files) // (workers * 4))
        return list(pool.map(lint_file, files, [settings[p] for p in files], chunksize=chunk))


def _options(r: Rule, settings: config.Settings, cache: dict) -> dict:
    if r.options is not None and r.code not in cache:
        raw = settings.rule_options.get(r.code) or settings.rule_options.get(r.name) or {}
        # The defaults need no validation: constructing them keeps a run without rule options
        # from building the options' validators (and pydantic's plug-in scan) at all.
        options = r.options(**raw) if raw else r.options.model_construct()
        cache = {**cache, r.code: options}
    return cache


def rule_enabled(r: Rule, settings: config.Settings, file: str) -> bool:
    """Whether rule `r` runs on `file` under `settings` (document codes always do)."""
    if r.code in ALWAYS_ON:
        return True
    if r.kind == "plugin" and not settings.plugins:
        return False
    if r.kind == "custom" and r.code not in settings.custom_codes:
        return False
    return config.enabled(settings, r.code, r.name, settings.file_ignores(file))


def _finish(
    findings: Iterable[Finding], settings: config.Settings, file: str, rules: dict[str, Rule]
) -> list[Finding]:
    kept = [
        f for f in findings if f.code not in rules or rule_enabled(rules[f.code], settings, file)
    ]
    if settings.severities:
        kept = [
            replace(f, severity=settings.severities[f.code]) if f.code in settings.severities else f
            for f in kept
        ]
    return sorted(kept, key=Finding.sort_key)


def _stamp(code: str, v: Violation, file: str, source: Source | None) -> Finding:
    r = all_rules().get(code)
    span = v.span or (source.smap.locate(v.path) if source else None)
    kwargs = {"span": span} if span else {}
    return Finding(
        code=code,
        rule=r.name if r else code,
        severity=r.severity if r else Severity.ERROR,
        message=v.message,
        file=file,
        model_path=tuple(v.path),
        help=v.fix,
        url=r.url if r else None,
        **kwargs,
    )
