"""Custom rule definitions are validated when the config is read: exit 2 at the config's
line and column, never a traceback and never a rule that silently checks nothing."""

from __future__ import annotations

import textwrap

import pytest

from conftest import run_cli
from designlint.config.files import load
from designlint.custom import paths
from designlint.errors import ConfigError

GOOD = """\
rules:
  ACME001:
    name: service-names-team
    given: services.*
    message: "service `{id}` names no owning team"
    schema: {required: [x-team]}
"""


def error(tmp_path, text: str) -> str:
    cfg = tmp_path / ".designlint.yaml"
    cfg.write_text(textwrap.dedent(text))
    with pytest.raises(ConfigError) as info:
        load(str(cfg))
    return str(info.value).replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ("ACME001:", "DL901:", "2:3", "the `DL` prefix is designlint's own"),
        ("ACME001:", "acme-1:", "2:3", "upper-case letters then digits"),
        ("services.*", "services.*x", "4:12", "a wildcard is a whole segment"),
        ("services.*", "services..x", "4:12", "expected a key"),
        ("services.*", "'services.\"a'", "4:12", "bad path in `given`"),
        ("[x-team]", "[x-team], type: strnig", "6:40", "invalid JSON Schema in `schema`"),
        ("{required: [x-team]}", "[x-team]", "6:13", "`schema` is a JSON Schema"),
        (
            "{required: [x-team]}",
            "{$ref: 'https://example.com/s.json'}",
            "6:20",
            "only references inside the schema",
        ),
        ("{required: [x-team]}", "{$ref: '#/$defs/team'}", "6:20", "refers to nothing"),
        ("{required: [x-team]}", "{$ref: '#'}", "6:13", "loop back to the same value"),
        ("[x-team]", "[x-team], pattern: '(a+)+b'", "6:43", "nested quantifiers"),
        ("{id}", "{team}", "5:14", "unknown placeholder `{team}`"),
        ("{id}", "{id.__class__}", "5:14", "is not a placeholder name"),
        ("{id}", "{", "5:14", "a lone `{`"),
        ("    name:", "    nmae:", "3:5", "did you mean `name`?"),
        ("service-names-team", "Service Names", "3:11", "kebab-case"),
        ("    given:", "    severity: fatal\n    given:", "4:15", "error, warning or info"),
    ],
)
def test_bad_definitions_are_exit_2_at_the_config_location(tmp_path, old, new, where, says):
    message = error(tmp_path, GOOD.replace(old, new, 1))
    assert message.startswith(f".designlint.yaml:{where}: "), message
    assert says in message, message


def test_a_required_key_is_named(tmp_path):
    text = GOOD.replace('    message: "service `{id}` names no owning team"\n', "")
    assert "a custom rule needs `message`" in error(tmp_path, text)


def test_the_schema_error_points_inside_the_schema(tmp_path):
    text = GOOD.replace(
        "    schema: {required: [x-team]}\n",
        "    schema:\n      properties:\n        tier: {minimum: low}\n",
    )
    assert error(tmp_path, text).startswith(".designlint.yaml:8:25: ACME001: invalid JSON")


def test_placeholders_may_name_keys_the_schema_names(tmp_path):
    cfg = tmp_path / ".designlint.yaml"
    cfg.write_text(GOOD.replace("{id}", "{id} ({x-team}, {path}, {{literal}})"))
    settings = load(str(cfg))
    assert [d.code for d in settings.custom_rules] == ["ACME001"]


def test_a_custom_code_used_by_two_configs_differently_is_an_error(tmp_path):
    (tmp_path / ".git").mkdir()
    for name, given in (("a", "services.*"), ("b", "datastores.*")):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".designlint.yaml").write_text(GOOD.replace("services.*", given))
        (tmp_path / name / "x.design.yaml").write_text("designlint: 1\nname: X\n")
    result = run_cli("check", "a/x.design.yaml", "b/x.design.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "b/.designlint.yaml:2:3: ACME001: rule code ACME001 is already defined by" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("given", "data", "expected"),
    [
        ("services.*", {"services": {"a": {}, "b": 1}}, [("services", "a"), ("services", "b")]),
        ("**.technology", {"a": {"technology": 1}, "b": [{"technology": 2}]},
         [("a", "technology"), ("b", 0, "technology")]),
        ("$", {"a": 1}, [()]),
        ("$.a", {"a": 1}, [("a",)]),
        ('services."api.v1"', {"services": {"api.v1": 1, "api": 2}}, [("services", "api.v1")]),
        ("list.1", {"list": ["x", "y"]}, [("list", 1)]),
        ("a.**", {"a": {"b": {"c": 1}}}, [("a",), ("a", "b"), ("a", "b", "c")]),
        ("missing.*", {"a": 1}, []),
    ],
)  # fmt: skip
def test_given_paths(given, data, expected):
    assert [p for p, _ in paths.match(paths.parse(given), data)] == expected


@pytest.mark.parametrize("bad", ["", "a..b", "a.", "a.*b", "a.b[0]", '"a', "a.***"])
def test_bad_given_paths(bad):
    with pytest.raises(paths.PathError):
        paths.parse(bad)


def test_a_custom_rule_belongs_to_the_files_of_its_config(tmp_path):
    from designlint.config import Settings
    from designlint.linter import lint_text

    cfg = tmp_path / ".designlint.yaml"
    cfg.write_text(GOOD)
    mine = load(str(cfg)).with_(select=("ACME", "DL009"))
    design = "designlint: 1\nname: X\nservices:\n  a: {}  # designlint: ignore[ACME001] soon\n"
    assert [f.code for f in lint_text(design, "in.yaml", mine)] == []
    assert [f.code for f in lint_text(design.split("  #")[0] + "\n", "in.yaml", mine)] == [
        "ACME001"
    ]
    others = Settings(select=("ACME", "DL009"))
    other = [(f.code, f.message) for f in lint_text(design, "out.yaml", others)]
    assert other == [("DL009", "the suppression names `ACME001`, which is no designlint rule")]


def test_the_cli_stops_with_exit_2_and_the_location(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".designlint.yaml").write_text(GOOD.replace("[x-team]", "[x-team], type: 7"))
    (tmp_path / "x.design.yaml").write_text("designlint: 1\nname: X\n")
    for command in (("check", "x.design.yaml"), ("rules",), ("explain", "ACME001")):
        result = run_cli(*command, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith("designlint: error: .designlint.yaml:6:40: ACME001: ")
        assert "Traceback" not in result.stderr
