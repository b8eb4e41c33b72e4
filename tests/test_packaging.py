"""The built wheel carries the schemas and the installed command works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [built] = out.glob("cardlint-*.whl")
    return built


def test_wheel_contains_every_vendored_schema(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    for schema in (ROOT / "schemas").glob("*.json"):
        assert f"cardlint/schemas/{schema.name}" in names


def test_wheel_ships_the_py_typed_marker(wheel: Path):
    """PEP 561: without the marker, type checkers ignore cardlint's hints for API users."""
    assert "cardlint/py.typed" in zipfile.ZipFile(wheel).namelist()


def test_wheel_ships_the_render_templates_and_the_render_extra(wheel: Path):
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "cardlint/render/templates/page.html.j2" in names
    assert "cardlint/render/templates/page.css" in names
    [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
    lines = archive.read(metadata).decode().splitlines()
    assert "Provides-Extra: render" in lines
    assert "Requires-Dist: jinja2>=3.1; extra == 'render'" in lines


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The runtime dependencies come from the environment running the tests (a path line in a
    # .pth file), so nothing is downloaded and nothing is assumed of the base interpreter.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    card = tmp_path / "model-card.json"
    card.write_text('{"intended_uses": {"risk_rating": "low"}}')
    proc = subprocess.run(
        [str(env_dir / "bin" / "cardlint"), "check", "--format", "json", "model-card.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert '"code": "S002"' in proc.stdout
    where = subprocess.run(
        [str(python), "-c", "import cardlint.core.resources as r; print(r.schema_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert where.stdout.strip() == str(Path(site) / "cardlint" / "schemas")
