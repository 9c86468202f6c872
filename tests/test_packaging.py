"""The project's own house: the sdist holds the project, not a learner's exported runs."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tracked_files() -> list[str]:
    result = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.skip("not a git checkout")
    return [name for name in result.stdout.split("\0") if name]


def test_sdist_leaves_out_exported_runs_and_stray_screenshots(tmp_path):
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    checkout = tmp_path / "checkout"
    for name in _tracked_files():
        target = checkout / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    # What a learner leaves behind by following the README or using the window.
    (checkout / "run.csv").write_text("step,x\n0,10\n")
    (checkout / "engine" / "mine.csv").write_text("step,x\n")
    (checkout / "shots").mkdir()
    (checkout / "shots" / "window.png").write_bytes(b"\x89PNG")
    out = tmp_path / "dist"
    subprocess.run(
        [uv, "build", "--sdist", "--out-dir", str(out), "--quiet"],
        cwd=checkout,
        check=True,
        timeout=300,
        capture_output=True,
    )
    (archive,) = out.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        names = [name.split("/", 1)[1] for name in tar.getnames() if "/" in name]
    assert not [n for n in names if n.endswith(".csv")], names
    assert not [n for n in names if n.startswith(("shots/", ".venv/", "dist/"))], names
    assert "LICENSE" in names and "README.md" in names and "engine/__init__.py" in names


def test_license_is_the_mit_license_pyproject_names():
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_readme_examples_write_outside_the_checkout():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        if "--csv" in line and line.lstrip().startswith("uv run backprop-lab"):
            target = line.split("--csv", 1)[1].split()[0]
            assert target == "-" or target.startswith(("/", "~")), line
