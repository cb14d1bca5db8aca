"""Print pip constraints that pin every runtime dependency to the lowest version pyproject.toml declares.

Covers ``[project] dependencies`` and every extra in ``[project.optional-dependencies]``: each
``name>=X`` becomes ``name==X`` (markers kept), so that CI can run the test suite against the
oldest versions the package claims to work with. A dependency without a lower bound is an error:
the claim would be untested. Usage: ``python scripts/lowest_constraints.py > lowest.txt``, then
``pip install -c lowest.txt ...``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def lowest_pins(pyproject: Path = PYPROJECT) -> list[str]:
    """One ``name==minimum`` line (with its marker) per runtime dependency, in the order declared."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    declared = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        declared.extend(extra)
    pins: dict[str, str] = {}
    for text in declared:
        requirement = Requirement(text)
        minimums = [spec.version for spec in requirement.specifier if spec.operator in {">=", "=="}]
        if len(minimums) != 1:
            msg = f"{pyproject}: {text!r} declares no single lower bound (>= or ==)"
            raise SystemExit(msg)
        marker = f"; {requirement.marker}" if requirement.marker else ""
        pin = f"{requirement.name}=={minimums[0]}{marker}"
        if pins.setdefault(requirement.name.lower(), pin) != pin:
            msg = f"{pyproject}: {requirement.name} is declared with two different lower bounds"
            raise SystemExit(msg)
    return list(pins.values())


if __name__ == "__main__":
    print("\n".join(lowest_pins()))
