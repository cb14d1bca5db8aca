"""The top-level package: a curated, lazily loaded public API."""

from __future__ import annotations

import subprocess
import sys

import pytest

import openness


def test_import_loads_no_submodule_and_no_dependency() -> None:
    """`import openness` imports none of the package's modules, nor attrs, cattrs, YAML or pandas."""
    code = (
        "import sys, openness\n"
        "watched = ('openness', 'attr', 'attrs', 'cattrs', 'yaml', 'pandas', 'hypothesis', 'tomli_w')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in watched))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['openness']"


def test_first_use_loads_only_what_it_needs() -> None:
    """Reaching openness.score loads the engine but not YAML, pandas, Hypothesis or the SPDX table."""
    code = (
        "import sys, openness\n"
        "openness.score\n"
        "print(sorted(m for m in ('yaml', 'pandas', 'hypothesis', 'openness.licences._spdx_data',"
        " 'openness._scoring.engine')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['openness._scoring.engine']"


@pytest.mark.parametrize("name", openness.__all__)
def test_every_public_name_resolves_to_its_module_object(name: str) -> None:
    """Each name in __all__ is reachable and is the very object its module defines."""
    value = getattr(openness, name)
    if name == "__version__":
        assert value == "0.1.0"
        return
    module = sys.modules[openness._LAZY[name]]
    assert value is (module if module.__name__ == f"openness.{name}" else getattr(module, name))


def test_lazy_table_and_all_agree() -> None:
    """__all__ is sorted and names exactly the lazy names plus __version__; dir() shows the same."""
    assert openness.__all__ == sorted(openness.__all__)
    assert set(openness.__all__) == {*openness._LAZY, "__version__"}
    assert dir(openness) == sorted(openness.__all__)


def test_from_import_works() -> None:
    """`from openness import ...` and star imports resolve lazy names."""
    code = "from openness import *\nprint(score.__module__, catalogue.__name__, Report.__qualname__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["openness._scoring.engine", "openness.catalogue", "Report"]
    from openness import Report, score_many

    assert Report is openness._model.report.Report
    assert score_many is openness._scoring.batch.score_many


def test_unknown_attribute_raises_attribute_error() -> None:
    """A name the package does not have raises AttributeError naming it."""
    with pytest.raises(AttributeError, match="module 'openness' has no attribute 'scor'"):
        _ = openness.scor  # type: ignore[attr-defined]
