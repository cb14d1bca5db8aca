"""The package's shape: no import cycle at run time, no private name shared across stages, small folders."""

from __future__ import annotations

import ast
import importlib
import inspect
import typing
from collections.abc import Collection
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parent.parent / "openness"


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    """The finder itself: a -> b -> a is one cycle; a -> b -> c is none."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_cycle_at_run_time() -> None:
    """Every import the package runs (inside functions too; not those only under TYPE_CHECKING) is acyclic."""
    graph = grimp.build_graph("openness", exclude_type_checking_imports=True)
    edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    assert _cycles(edges) == []


def test_no_folder_of_the_package_holds_more_than_15_modules() -> None:
    """Each stage is a small folder: at most 15 Python modules, __init__ included."""
    folders = [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir() and p.name != "__pycache__")]
    sizes = {str(folder.relative_to(PACKAGE.parent)): len(list(folder.glob("*.py"))) for folder in folders}
    assert {folder: size for folder, size in sizes.items() if size > 15} == {}
    assert sizes["openness"] <= 10


def _module_names() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name), with its file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _package_of(dotted: str, modules: Collection[str]) -> str:
    """The stage a dotted name belongs to: ``openness.X`` when that is a module or package, else ``openness``.

    So ``openness._model.views._helper`` belongs to ``openness._model``, a top-level module such as
    ``openness._errors`` is its own stage, and ``openness._LAZY`` belongs to the package's ``__init__``.
    """
    top = ".".join(dotted.split(".")[:2])
    return top if top in modules else dotted.split(".", maxsplit=1)[0]


def _private_part(dotted: str, modules: Collection[str]) -> str | None:
    """The first underscore name (not a dunder) in ``dotted`` below its stage, if there is one."""
    below = dotted.split(".")[len(_package_of(dotted, modules).split(".")) :]
    return next((part for part in below if part.startswith("_") and not part.startswith("__")), None)


def _crossings(module: str, source: str, modules: Collection[str]) -> list[tuple[int, str]]:
    """The names (functions, constants, modules) that ``module`` takes from another stage: (line, dotted name).

    Every import counts, inside functions and under ``TYPE_CHECKING`` too, and so does an attribute
    read through an imported module (``strategies._drawing``).
    """
    home = _package_of(module, modules)
    is_package = any(other.startswith(f"{module}.") for other in modules)
    base = module.split(".") if is_package else module.split(".")[:-1]
    bound: dict[str, str] = {}  # local name -> the openness module it stands for
    used: list[tuple[int, str]] = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                used.append((node.lineno, alias.name))
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            start = ".".join(base[: len(base) - node.level + 1]) if node.level else ""
            origin = ".".join(part for part in (start, node.module or "") if part)
            for alias in node.names:
                dotted = f"{origin}.{alias.name}"
                used.append((node.lineno, dotted))
                if dotted in modules:
                    bound[alias.asname or alias.name] = dotted
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            chain: list[str] = []
            inner: ast.expr = node
            while isinstance(inner, ast.Attribute):
                chain.insert(0, inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id in bound:
                used.append((node.lineno, ".".join([bound[inner.id], *chain])))
    return sorted(
        (line, dotted)
        for line, dotted in used
        if dotted.split(".")[0] == "openness" and _package_of(dotted, modules) != home
    )


def _private_crossings(module: str, source: str, modules: Collection[str]) -> list[tuple[int, str]]:
    """The underscore names among :func:`_crossings`: a private helper, constant or module of another stage."""
    return [(line, dotted) for line, dotted in _crossings(module, source, modules) if _private_part(dotted, modules)]


def test_private_crossing_finder_finds_planted_crossings() -> None:
    """The finder itself: private names, private modules and attributes through a module, from another stage."""
    modules = {
        "openness",
        "openness._cli",
        "openness._cli.main",
        "openness._errors",
        "openness._model",
        "openness._model.views",
        "openness.licences",
        "openness.licences._table",
        "openness.strategies",
    }
    source = (
        "from openness._model.views import _verdict_needs, report_text\n"
        "def f():\n"
        "    from openness.licences import _spdx_data, read\n"
        "    import openness.licences._table as table\n"
        "from openness import _errors, strategies\n"
        "strategies._drawing(strategies.meeting, openness._model.views)\n"
        "from openness import _LAZY, __version__\n"
        "from . import _helper\n"
        "from ..licences import _table\n"
    )
    assert _private_crossings("openness._cli.main", source, modules) == [
        (1, "openness._model.views._verdict_needs"),
        (3, "openness.licences._spdx_data"),
        (4, "openness.licences._table"),
        (6, "openness.strategies._drawing"),
        (7, "openness._LAZY"),
        (9, "openness.licences._table"),
    ]
    assert _private_crossings("openness.licences._table", source, modules) == [
        (1, "openness._model.views._verdict_needs"),
        (6, "openness.strategies._drawing"),
        (7, "openness._LAZY"),
    ]
    assert _private_crossings("openness._model.views", source, modules)[0] == (3, "openness.licences._spdx_data")


def test_no_private_name_crosses_a_stage() -> None:
    """A module takes underscore names (and private modules) only from its own stage; helpers shared are named."""
    modules = _module_names()
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {dotted}"
        for module, path in modules.items()
        for line, dotted in _private_crossings(module, path.read_text(encoding="utf-8"), modules)
    ]
    assert found == []


def test_helpers_shared_across_stages_are_documented() -> None:
    """A function or class one stage takes from another's private modules (``_model.views``) has a docstring."""
    modules = _module_names()
    undocumented = []
    for module, path in modules.items():
        for line, dotted in _crossings(module, path.read_text(encoding="utf-8"), modules):
            origin, _, name = dotted.rpartition(".")
            if dotted in modules or not _package_of(dotted, modules).rpartition(".")[2].startswith("_"):
                continue
            value = getattr(importlib.import_module(origin), name)
            if typing.get_origin(value) is not None:  # a type alias such as Callable[...], a class on Python 3.10
                continue
            if (inspect.isfunction(value) or inspect.isclass(value)) and not inspect.getdoc(value):
                undocumented.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {dotted}")
    assert undocumented == []
