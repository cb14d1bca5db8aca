"""Shared fixtures: the reference data beside the checkout, golden files and their orphan check, Hypothesis profiles."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Generator
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from hypothesis import HealthCheck, settings

from openness._model.markup import STYLE

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"

settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# No test reaches the Hugging Face Hub: huggingface_hub, imported after this, takes its endpoint from here (a
# closed local port), and tests/test_hub.py points it at its own server on 127.0.0.1 instead.
os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ.pop("HF_TOKEN", None)

pytest_plugins = ["pytester"]  # tests/test_golden.py runs pytest with this conftest on made-up golden files


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


@attrs.define
class _GoldenLedger:
    """What this session did with golden files, to find the ones no test compares."""

    compared: set[str] = attrs.Factory(set)  # names of golden files compared (or written)
    users: set[str] = attrs.Factory(set)  # node ids of the collected tests that use a golden fixture
    passed: set[str] = attrs.Factory(set)  # node ids of the tests that passed
    deselected: bool = False  # -k, -m, --deselect, --lf or --sw left some tests out


_LEDGER = pytest.StashKey[_GoldenLedger]()


def pytest_deselected(items: list[pytest.Item]) -> None:
    if items:
        _ledger_of(items[0].config).deselected = True


def pytest_collection_finish(session: pytest.Session) -> None:
    _ledger_of(session.config).users = {
        item.nodeid for item in session.items if {"golden", "golden_html"} & set(getattr(item, "fixturenames", ()))
    }


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call" and report.passed:
        _ledger_of(item.config).passed.add(item.nodeid)
    return report


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """After a green run of the whole suite, fail if tests/golden holds a file that no test compared."""
    config = session.config
    ledger = _ledger_of(config)
    tests = GOLDEN.parent
    args = [(config.invocation_params.dir / arg).resolve() for arg in config.args]
    whole_suite = any(path == tests or path in tests.parents for path in args)
    ran_every_golden_test = ledger.users and ledger.users <= ledger.passed  # no users: e.g. an xdist controller
    if exitstatus != pytest.ExitCode.OK or not whole_suite or ledger.deselected or not ran_every_golden_test:
        return
    orphans = sorted(path.name for path in GOLDEN.iterdir() if path.is_file() and path.name not in ledger.compared)
    if orphans:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        terminal = config.pluginmanager.get_plugin("terminalreporter")
        if terminal is not None:
            terminal.ensure_newline()
            terminal.write_sep("=", "golden files no test compares", red=True)
            terminal.write_line(f"delete them from {GOLDEN}: {', '.join(orphans)}")


def _ledger_of(config: pytest.Config) -> _GoldenLedger:
    return config.stash.setdefault(_LEDGER, _GoldenLedger())


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with a golden file; with --update-golden write it instead. A missing file fails."""
    update = bool(request.config.getoption("--update-golden"))
    compared = _ledger_of(request.config).compared

    def check(name: str, actual: str) -> None:
        compared.add(name)
        path = GOLDEN / name
        if update:
            path.write_text(actual, encoding="utf-8")
        elif not path.exists():
            pytest.fail(f"golden file {name} is missing; create it with `pytest --update-golden`, then review it")
        else:
            assert actual == path.read_text(encoding="utf-8"), (
                f"output differs from golden file {name}; after an intended change run `pytest --update-golden`"
            )

    return check


#: The stylesheet every HTML rendering carries, and what stands for it in golden files (one report page keeps it whole).
SHARED_STYLE = f"<style>{STYLE}</style>"
STYLE_PLACEHOLDER = "<style>/* the shared stylesheet: see FULL_PAGE in tests/test_report.py */</style>"


@pytest.fixture
def golden_html(golden: Callable[[str, str], None]) -> Callable[[str, str], None]:
    """Compare HTML with a golden file in which a placeholder stands for the shared stylesheet.

    The HTML must carry the stylesheet exactly once. A change of the stylesheet then touches one golden file only,
    the full report page tests/test_report.py compares with ``golden``.
    """

    def check(name: str, html_text: str) -> None:
        assert html_text.count(SHARED_STYLE) == 1, f"{name}: the shared stylesheet is not there exactly once"
        golden(name, html_text.replace(SHARED_STYLE, STYLE_PLACEHOLDER))

    return check
