"""DL308 example-violates-schema."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.components import Body
from designlint.registry import rule


@rule("DL308", "example-violates-schema", "error")
def example_violates_schema(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an example body that does not match the JSON Schema beside it, where an endpoint
    gives its `request` or `response` as `{schema: {...}, examples: [...]}`. Each mismatch is
    reported at the part of the example it is about (the example itself for a missing
    property). A schema that is not valid JSON Schema (Draft 2020-12) is reported at the
    schema.

    Schemas are read as Draft 2020-12; `format` is an annotation, not a check; references must
    stay inside the schema (`#/$defs/...`), since nothing is fetched. A pattern with nested
    quantifiers (`(a+)+`, in `pattern` or `patternProperties`) can take exponential time to
    match: it is reported, and the examples beside it are not checked, so that a hostile design
    cannot make the check run for ever.

    ## Why is this bad?
    An example is what readers copy: into a client, a mock server, a contract test. An example
    that its own schema rejects means one of them is wrong, and the reviewer cannot tell which
    the team intends. Checked examples keep the contract honest as either side changes.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      post-tweet:
        method: POST
        path: /v1/tweets
        request:
          schema:
            type: object
            required: [content]
            properties: {content: {type: string, maxLength: 280}}
          examples:
            - {text: hello}
        response: {tweet_id: uuid}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      post-tweet:
        method: POST
        path: /v1/tweets
        request:
          schema:
            type: object
            required: [content]
            properties: {content: {type: string, maxLength: 280}}
          examples:
            - {content: hello}
        response: {tweet_id: uuid}
    ```
    """
    for aid, api in ctx.design.apis.items():
        for part in ("request", "response"):
            body = getattr(api, part)
            if isinstance(body, Body) and body.examples:
                yield from _check(("apis", aid, part), body)


def _check(at: tuple, body: Body) -> Iterator[Violation]:
    from designlint import jsonschemas

    try:
        jsonschemas.check_schema(body.schema_)
    except jsonschemas.SchemaProblem as exc:
        yield Violation(
            (*at, "schema", *exc.path),
            f"`{'.'.join(map(str, at[1:]))}.schema` is not valid JSON Schema: {exc}",
            fix="fix the schema (JSON Schema Draft 2020-12) so that its examples can be checked",
        )
        return
    for path in jsonschemas.risky_patterns(body.schema_):
        yield Violation(
            (*at, "schema", *path),
            f"`{'.'.join(map(str, at[1:]))}.schema` has a pattern whose nested quantifiers can "
            "take exponential time to match; its examples are not checked",
            fix="rewrite the pattern without a quantified group that itself repeats",
        )
        return
    for i, example in enumerate(body.examples):
        for problem in jsonschemas.problems(body.schema_, example, safe=True):
            where = ".".join(str(p) for p in problem.path)
            inside = f" at `{where}`" if where else ""
            yield Violation(
                (*at, "examples", i, *problem.path),
                f"example {i + 1} of `{at[1]}` {at[2]} does not match its schema{inside}: "
                f"{problem.message}",
                fix="correct the example, or the schema if the example shows the intent",
            )
