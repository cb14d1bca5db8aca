"""The built wheel carries the rubrics and works outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from the checkout with hatchling (no network: the backend is already installed)."""
    out = tmp_path_factory.mktemp("dist")
    script = (
        "import sys, os; from hatchling.build import build_wheel; "
        "os.chdir(sys.argv[1]); print(build_wheel(sys.argv[2]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPO), str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return out / result.stdout.strip().splitlines()[-1]


def test_wheel_contains_every_rubric_and_data_file(wheel: Path) -> None:
    """Every rubrics/*.toml ships as openness/rubrics/*.toml, with the data tables, schemas and catalogue."""
    names = set(zipfile.ZipFile(wheel).namelist())
    rubrics = sorted(p.name for p in (REPO / "rubrics").glob("*.toml"))
    assert rubrics
    assert {f"openness/rubrics/{name}" for name in rubrics} <= names
    for folder in ("data", "schemas", "catalogue"):
        shipped = {
            p.relative_to(REPO).as_posix()
            for p in (REPO / "openness" / folder).iterdir()
            if p.is_file() and p.suffix in {".toml", ".json"}
        }
        assert shipped <= names, folder
    assert "openness/py.typed" in names


def test_installed_wheel_works_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    """Installed in a fresh virtual environment, openness imports from site-packages and loads every rubric."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--force-reinstall",
            "-q",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    # Written after the install, so pip cannot mistake the test environment's copy for this one.
    # Dependencies (attrs, cattrs, tomli-w) come from the test environment, listed after the new
    # environment's own site-packages, so the wheel's copy of openness is the one imported.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    here = [p for p in sys.path if p.endswith("site-packages")]
    (Path(purelib) / "test-deps.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    check = (
        "import openness, sys; "
        "assert 'site-packages' in openness.__file__, openness.__file__; "
        "ids = openness.list_rubrics(); [openness.load_rubric(i) for i in ids]; "
        "r = openness.score(openness.catalogue.load('olmo-7b'), 'osaid-1.0'); "
        "print(openness.__file__, ids, r.verdict('open-source-ai').met)"
    )
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(python), "-c", check], cwd=tmp_path, capture_output=True, text=True, check=False, env=environment
    )
    assert result.returncode == 0, result.stderr
    assert str(env_dir) in result.stdout
    assert f"{sorted(p.stem for p in (REPO / 'rubrics').glob('*.toml'))} True" in result.stdout
