"""The top-level package: a curated, lazily loaded public API."""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import openness

INIT = Path(openness.__file__)


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


def test_written_copies_of_the_public_names_are_current(script: Callable[[str], ModuleType]) -> None:
    """The TYPE_CHECKING imports and __all__ are exactly what scripts/generate_exports.py writes from _LAZY."""
    source = INIT.read_text(encoding="utf-8")
    assert source == script("generate_exports").render(source), "regenerate with: python scripts/generate_exports.py"


PUBLIC_MODULES = (
    "openness",
    "openness.catalogue",
    "openness.importers",
    "openness.importers.hf",
    "openness.importers.mot",
    "openness.importers.osai",
    "openness.licences",
    "openness.limits",
    "openness.strategies",
    "openness.testing",
)


def _public_classes() -> set[type]:
    """The classes a user can import: those named in the __all__ of openness and its public modules."""
    names = [(module, name) for module in PUBLIC_MODULES for name in importlib.import_module(module).__all__]
    values = [getattr(importlib.import_module(module), name) for module, name in names]
    return {value for value in values if inspect.isclass(value)}


def _resolve(dotted: str, function: Callable[..., object]) -> object:
    """What a (possibly dotted) name in ``function``'s annotations stands for, TYPE_CHECKING imports included.

    A name taken from outside the package (``pd.DataFrame``) gives ``None``: only openness's own
    classes need to be public.
    """
    module = sys.modules[function.__module__]
    head, *rest = dotted.split(".")
    scope = {**vars(builtins), **vars(module)}
    if head not in scope:
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if (alias.asname or alias.name) == head and node.module.split(".")[0] == "openness":
                        scope[head] = getattr(importlib.import_module(node.module), alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if (alias.asname or alias.name) == head and alias.name.split(".")[0] != "openness":
                        return None
    value = scope[head]
    for part in rest:
        value = getattr(value, part)
    return value


def _annotated_classes(annotation: str, function: Callable[..., object]) -> set[type]:
    """openness's own classes named in one (string) annotation."""
    found = set()
    for node in ast.walk(ast.parse(annotation, mode="eval")):
        if isinstance(node, (ast.Name, ast.Attribute)):
            dotted = ast.unparse(node)
            value = _resolve(dotted, function)
            if inspect.isclass(value) and value.__module__.split(".")[0] == "openness":
                found.add(value)
    return found


def _public_callables(public: set[type]) -> dict[str, Callable[..., object]]:
    """The functions of the public modules' __all__ and the public methods and properties of the public classes."""
    found: dict[str, Callable[..., object]] = {}
    for module in PUBLIC_MODULES:
        for name in importlib.import_module(module).__all__:
            value = getattr(importlib.import_module(module), name)
            if inspect.isfunction(value):
                found[f"{module}.{name}"] = value
    for cls in public:
        for name, member in vars(cls).items():
            function = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
            function = getattr(function, "func", function)  # functools.cached_property
            if not name.startswith("_") and inspect.isfunction(function) and function.__module__ == cls.__module__:
                found[f"{cls.__qualname__}.{name}"] = function
    return found


def test_public_calls_return_public_types() -> None:
    """Every class a public function, method or property is annotated to return can be imported from openness."""
    public = _public_classes()
    private = {
        f"{where} -> {cls.__module__}.{cls.__qualname__}"
        for where, function in _public_callables(public).items()
        if isinstance(function.__annotations__.get("return"), str)
        for cls in _annotated_classes(function.__annotations__["return"], function) - public
    }
    assert sorted(private) == []
    assert {openness.Comparison, openness.Chart, openness.RubricDiff, openness.Criterion} <= public


def test_the_checker_sees_private_return_types() -> None:
    """The check itself: a class defined inside the package but not exported is reported, through a dotted name."""

    import openness._model.rubric

    def planted() -> openness._model.rubric.Level:
        raise NotImplementedError

    assert _annotated_classes(planted.__annotations__["return"], planted) - _public_classes() == {
        openness._model.rubric.Level
    }
