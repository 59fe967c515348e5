"""`designlint diagram` end to end with the real Graphviz: PNG, SVG, PDF, DOT, Mermaid, the exit
codes, Graphviz missing or hanging, and that nothing is left in the working directory."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_cli

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TWITTER = str(ROOT / "examples" / "twitter.yaml")
HOSTILE = str(HERE / "hostile.yaml")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def draw(out: Path, *extra: str, src: str = TWITTER, cwd: Path | None = None, env=None):
    return run_cli("diagram", src, "-o", str(out), *extra, cwd=cwd, env=env)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    path = tmp_path / "cwd"
    path.mkdir()
    return path


@needs_dot
def test_png_has_sane_dimensions_and_nothing_lands_in_cwd(tmp_path: Path, cwd: Path) -> None:
    out = tmp_path / "out" / "twitter.png"
    out.parent.mkdir()
    done = draw(out, cwd=cwd)
    assert done.returncode == 0, done.stderr
    width, height = png_size(out.read_bytes())
    assert 800 < width < 20000 and 300 < height < 20000
    assert list(cwd.iterdir()) == []
    assert [p.name for p in out.parent.iterdir()] == ["twitter.png"]  # no temp dir left
    assert "wrote" in done.stdout


@needs_dot
@pytest.mark.parametrize("src", [TWITTER, HOSTILE])
def test_svg_is_xml_and_self_contained(src: str, tmp_path: Path, cwd: Path) -> None:
    out = tmp_path / "d.svg"
    done = draw(out, src=src, cwd=cwd)
    assert done.returncode == 0, done.stderr
    svg = ET.parse(out).getroot()
    links = [v for el in svg.iter() for k, v in el.attrib.items() if k.endswith("href") and v]
    assert links and all(v.startswith("data:image/png;base64,") for v in links)
    assert not [el for el in svg.iter() if el.tag.endswith(("script", "foreignObject"))]
    assert list(cwd.iterdir()) == []


@needs_dot
def test_highlight_marks_findings_with_a_legend(tmp_path: Path) -> None:
    on, off = tmp_path / "on.svg", tmp_path / "off.svg"
    assert draw(on, src=HOSTILE).returncode == 0
    assert draw(off, "--no-highlight", src=HOSTILE).returncode == 0
    assert "#d62728" in on.read_text().lower() and ">error (" in on.read_text()
    assert "#d62728" not in off.read_text().lower()


@needs_dot
def test_pdf_starts_with_pdf_magic(tmp_path: Path) -> None:
    out = tmp_path / "twitter.pdf"
    assert draw(out).returncode == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("suffix", [".dot", ".mmd"])
def test_text_outputs_are_byte_identical_across_runs(suffix: str, tmp_path: Path) -> None:
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    for out in (first, second):
        assert draw(out, env={"PYTHONHASHSEED": "random"}).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().endswith(b"\n")


def bare_path(tmp_path: Path) -> str:
    """A PATH with no `dot` on it (the interpreter and the script are called by full path)."""
    empty = tmp_path / "bin"
    empty.mkdir(exist_ok=True)
    return str(empty)


def test_missing_graphviz_is_one_line_and_exit_2(tmp_path: Path, cwd: Path) -> None:
    env = {"PATH": bare_path(tmp_path)}
    done = draw(tmp_path / "t.png", cwd=cwd, env=env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Graphviz is not installed" in lines[0], done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "t.png").exists()
    # text outputs and `check` never need Graphviz
    assert draw(tmp_path / "t.mmd", env=env).returncode == 0
    assert run_cli("check", TWITTER, env=env).returncode in (0, 1)


def test_graphviz_that_hangs_is_stopped_with_a_clear_message(tmp_path: Path, cwd: Path) -> None:
    fake = tmp_path / "slow"
    fake.mkdir()
    script = fake / "dot"
    script.write_text("#!/bin/sh\nexec sleep 60\n")
    script.chmod(0o755)
    env = {"PATH": f"{fake}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = draw(tmp_path / "t.png", "--timeout", "1", cwd=cwd, env=env)
    assert done.returncode == 2
    assert "did not finish within 1 s" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "t.png").exists() and list(cwd.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".designlint")] == []


def test_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    src = tmp_path / "design.mmd"
    shutil.copy(TWITTER, src)
    done = run_cli("diagram", str(src), "-o", str(src))
    assert done.returncode == 2 and "refusing to overwrite" in done.stderr
    assert src.read_text() == Path(TWITTER).read_text()


def test_missing_output_directory_is_one_line(tmp_path: Path) -> None:
    done = draw(tmp_path / "nope" / "t.mmd")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "does not exist" in done.stderr


def test_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    done = draw(tmp_path / "t.jpeg")
    assert done.returncode == 2 and "unknown output suffix" in done.stderr


def test_a_design_that_does_not_load_exits_1_with_the_count(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("designlint: 1\nname: x\nservices:\n  a: {calls: 3}\n")
    done = draw(tmp_path / "t.mmd", src=str(bad))
    assert done.returncode == 1, done.stderr
    assert "cannot draw: 1 finding stops the design" in done.stderr
    assert not (tmp_path / "t.mmd").exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("designlint: 1\nname: [x\n")
    assert draw(tmp_path / "t.mmd", src=str(broken)).returncode == 1


def test_diagrams_is_imported_only_by_render() -> None:
    src = ROOT / "src" / "designlint"
    importers = sorted(
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if any(
            line.startswith(("import diagrams", "from diagrams"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    )
    assert importers == ["diagram/render.py"]
    code = (
        "import sys, designlint.commands.diagram, designlint.diagram.dot, "
        "designlint.diagram.mermaid, designlint.diagram.plan; "
        "assert 'diagrams' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@needs_dot
def test_an_unwritable_output_directory_is_an_input_error(tmp_path: Path) -> None:
    from designlint.diagram import plan as planning
    from designlint.diagram import render
    from designlint.errors import InputError
    from designlint.model import Design

    plan = planning.build(Design.model_validate({"designlint": 1, "name": "t"}))
    with pytest.raises(InputError, match="cannot write in"):
        render.render(plan, str(tmp_path / "gone" / "x.png"), "png")


def test_every_icon_in_the_table_exists_in_diagrams() -> None:
    import diagrams

    from designlint.diagram import icons, render

    names = {*icons.TECH_ICONS.values(), *icons.KIND_ICONS.values(), *icons.SECTION_ICONS.values()}
    base = Path(diagrams.__file__).resolve().parents[1]
    for name in sorted(names):
        cls = render._icon_class(name)
        assert (base / cls._icon_dir / cls._icon).is_file(), name
    assert render._icon_class(icons.FALLBACK_ICON)


def test_refuses_a_hard_link_to_the_input(tmp_path: Path) -> None:
    src = tmp_path / "design.yaml"
    shutil.copy(TWITTER, src)
    link = tmp_path / "link.mmd"
    os.link(src, link)
    done = run_cli("diagram", str(src), "-o", str(link))
    assert done.returncode == 2 and "refusing to overwrite" in done.stderr
    assert src.read_text() == Path(TWITTER).read_text()
