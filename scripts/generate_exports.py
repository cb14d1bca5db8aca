"""Rewrite the copies of the public names in ``openness/__init__.py`` from its ``_LAZY`` table.

    python scripts/generate_exports.py

The public names are written once, in ``_LAZY`` (name -> module). Type checkers and documentation
tools read two more copies without running the package: the ``TYPE_CHECKING`` imports and a
literal ``__all__``. This script writes both between the marker comments; a test checks the
committed file equals what it writes, so the three cannot drift.
"""

from __future__ import annotations

import ast
from pathlib import Path

INIT = Path(__file__).resolve().parent.parent / "openness" / "__init__.py"
BEGIN = "# Written by scripts/generate_exports.py from _LAZY below; do not edit by hand.\n"
END = "# End of the written part.\n"
_LINE = 120  # ruff's line length


def lazy_table(source: str) -> dict[str, str]:
    """The ``_LAZY`` table of the package's ``__init__`` source, read without importing it."""
    for node in ast.parse(source).body:
        if not isinstance(node, ast.AnnAssign) or node.value is None:
            continue
        if isinstance(node.target, ast.Name) and node.target.id == "_LAZY":
            table: dict[str, str] = ast.literal_eval(node.value)
            return table
    msg = "no _LAZY table in openness/__init__.py"
    raise ValueError(msg)


def _order(name: str) -> tuple[int, str]:
    """Ruff's (isort's) order of imported names: constants, then classes, then the rest."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[0].isupper() else 2
    return kind, name.lower()


def _import(module: str, names: list[str]) -> list[str]:
    line = f"    from {module} import {', '.join(names)}"
    if len(line) <= _LINE:
        return [line]
    return [f"    from {module} import (", *(f"        {name}," for name in names), "    )"]


def block(table: dict[str, str]) -> str:
    """The ``TYPE_CHECKING`` imports and ``__all__``, as ruff formats them."""
    by_module: dict[str, list[str]] = {}
    for name, module in table.items():
        origin = "openness" if module == f"openness.{name}" else module
        by_module.setdefault(origin, []).append(name)
    lines = ["if TYPE_CHECKING:"]
    for module in sorted(by_module, key=str.lower):
        lines += _import(module, sorted(by_module[module], key=_order))
    lines += ["", "__all__ = [", *(f'    "{name}",' for name in sorted([*table, "__version__"])), "]"]
    return "\n".join(lines) + "\n"


def render(source: str) -> str:
    """``source`` with the part between the markers written afresh from its ``_LAZY`` table."""
    if BEGIN not in source or END not in source:
        msg = "openness/__init__.py has lost a marker comment of the written part"
        raise ValueError(msg)
    head, _, rest = source.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return head + BEGIN + block(lazy_table(source)) + END + tail


if __name__ == "__main__":
    INIT.write_text(render(INIT.read_text(encoding="utf-8")), encoding="utf-8")
