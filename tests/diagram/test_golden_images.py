"""Golden pictures: the rendered PNGs of the examples, compared with a tolerance, so that a
layout change shows up in review as a changed image in tests/diagram/golden/.

The comparison is on a thumbnail (at most THUMB px wide), which absorbs anti-aliasing and
sub-pixel font differences but not a moved box, a new edge or a changed shape. On a mismatch
the new thumbnail and a difference image land in tests/artifacts/ to look at.
Regenerate after an intended change: DESIGNLINT_UPDATE_GOLDEN=1 pytest tests/diagram
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

Image = pytest.importorskip("PIL.Image", reason="Pillow is a dev dependency (make setup)")
from PIL import ImageChops, ImageStat  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
GOLDEN = Path(__file__).resolve().parent / "golden"
ARTIFACTS = ROOT / "tests" / "artifacts"
THUMB = 640
# Mean absolute difference per channel (0-255) a thumbnail may differ by: measured 0 between
# runs on one machine; a moved node or edge changes it by several units.
TOLERANCE = 2.5
CASES = {
    "twitter": ("twitter.yaml",),
    "twitter-context": ("twitter.yaml", "--level", "context"),
    "common-mistakes": ("common-mistakes.yaml",),
}


def thumbnail(path: Path) -> Image.Image:
    with Image.open(path) as img:
        img = img.convert("RGB")
        img.thumbnail((THUMB, THUMB * 4), Image.Resampling.LANCZOS)
        return img


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean per-channel difference, or infinity when the shapes differ by more than 2 px."""
    if abs(a.width - b.width) > 2 or abs(a.height - b.height) > 2:
        return float("inf")
    b = b.resize(a.size, Image.Resampling.LANCZOS)
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendered_png_matches_golden(name: str, tmp_path: Path) -> None:
    src, *options = CASES[name]
    out = tmp_path / f"{name}.png"
    done = run_cli("diagram", str(ROOT / "examples" / src), "-o", str(out), *options)
    assert done.returncode == 0, done.stderr
    actual = thumbnail(out)
    golden = GOLDEN / f"{name}.png"
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        actual.save(golden, optimize=True)
    assert golden.exists(), f"no golden {golden.name}: run with DESIGNLINT_UPDATE_GOLDEN=1"
    with Image.open(golden) as img:
        expected = img.convert("RGB")
    diff = difference(actual, expected)
    if diff > TOLERANCE:
        ARTIFACTS.mkdir(exist_ok=True)
        actual.save(ARTIFACTS / f"{name}.actual.png")
        if diff != float("inf"):
            ImageChops.difference(actual, expected.resize(actual.size)).save(
                ARTIFACTS / f"{name}.diff.png"
            )
    assert diff <= TOLERANCE, (
        f"{name}: the picture changed (difference {diff:.2f} > {TOLERANCE}, sizes "
        f"{actual.size} vs {expected.size}); see tests/artifacts/{name}.actual.png, and "
        "regenerate with DESIGNLINT_UPDATE_GOLDEN=1 if the change is intended"
    )


def test_the_comparison_sees_a_changed_picture() -> None:
    """The tolerance is tight enough: one golden shifted by a few pixels does not pass."""
    with Image.open(GOLDEN / "twitter.png") as img:
        golden = img.convert("RGB")
    shifted = ImageChops.offset(golden, 6, 0)
    assert difference(golden, golden) == 0
    assert difference(shifted, golden) > TOLERANCE
