"""Shared fixtures: the reference data beside the checkout, golden files, Hypothesis profiles."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"

settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder ../shared/data; skipped when absent, but a failure under CI."""
    if not SHARED_DATA.is_dir():
        message = f"reference data not found at {SHARED_DATA} (it sits beside the checkout as ../shared/data)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI requires it")
        pytest.skip(message)
    return SHARED_DATA


@pytest.fixture(scope="session")
def script() -> Callable[[str], ModuleType]:
    """Load one of the generator scripts in scripts/ as a module, by file stem."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
        assert spec
        assert spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with a golden file, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            if not update and os.environ.get("CI"):
                pytest.fail(f"golden file {name} is missing; create it with --update-golden")
            path.write_text(actual, encoding="utf-8")
        assert actual == path.read_text(encoding="utf-8"), f"output differs from golden file {name}"

    return check
