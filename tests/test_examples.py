"""The examples behave: twitter is clean, common-mistakes fires exactly where it is marked."""

from __future__ import annotations

import json

from conftest import EXAMPLES, run_cli
from designlint import config
from designlint.linter import lint_text
from test_rules import expected


def test_common_mistakes_fires_exactly_on_marked_lines() -> None:
    text = (EXAMPLES / "common-mistakes.yaml").read_text(encoding="utf-8")
    findings = lint_text(text, "common-mistakes.yaml", config.Settings())
    got = {(f.span.line, f.code) for f in findings}
    want = expected(text)
    assert got == want, (sorted(got - want), sorted(want - got))


def test_twitter_is_clean_under_every_rule() -> None:
    text = (EXAMPLES / "twitter.yaml").read_text(encoding="utf-8")
    assert lint_text(text, "twitter.yaml", config.Settings()) == []


ACCEPTANCE = """\
designlint: 1
name: Feed
services:
  timeline-service:
    writes: [post-db]
  post-service:
    owns: [post-db]
    publishes: [new-posts]
  fanout-worker: {kind: worker}
datastores:
  post-db:
    kind: relational
    owner: post-service
    entities:
      posts:
        fields: {post_id: uuid, author_id: uuid, created_at: timestamp}
        primary_key: post_id
    queries:
      by-author:
        entity: posts
        equals: [author_id]
        limit: 20
queues:
  new-posts:
    delivery: at-least-once
    consumers:
      fanout-worker: {idempotent: false}
apis:
  timeline:
    method: GET
    path: /v1/timeline
    service: timeline-service
    params: {offset: int, limit: int}
    response: {posts: "post[]"}
"""


def test_issue_3_acceptance_design(tmp_path) -> None:
    design = tmp_path / "feed.design.yaml"
    design.write_text(ACCEPTANCE)
    result = run_cli(
        "check", "--format", "json", "--select", "DL301,DL401,DL402,DL503,DL604", str(design)
    )
    assert result.returncode == 1
    got = {(f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert ("DL604", 27) in got  # the consumer that is not idempotent
    assert ("DL301", 33) in got  # the offset parameter of the timeline endpoint
    assert ("DL402", 5) in got  # timeline-service writes the store post-service owns
    assert ("DL503", 19) in got  # by-author has no index on author_id
