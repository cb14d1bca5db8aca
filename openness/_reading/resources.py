"""Files shipped with the package: data tables, built-in rubrics and the catalogue.

Everything is read lazily, through :mod:`importlib.resources`, never at import time.
"""

from __future__ import annotations

import functools
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openness._errors import OpennessError, Problem

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover
        from importlib.abc import Traversable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["catalogue_dir", "data_table", "rubrics_dir"]


@functools.lru_cache(maxsize=1)
def rubrics_dir() -> Traversable:
    """Where the built-in rubrics are.

    An installed wheel carries them as ``openness/rubrics/``; an editable install or a checkout
    keeps them in the top-level ``rubrics/`` beside the package.
    """
    packaged = resources.files("openness") / "rubrics"
    if packaged.is_dir():
        return packaged
    checkout = Path(str(resources.files("openness"))).parent / "rubrics"
    if checkout.is_dir():
        return checkout
    msg = f"the built-in rubrics are missing: looked in {packaged} and {checkout}"
    raise OpennessError([Problem(message=msg)])


def catalogue_dir() -> Traversable:
    """Where the catalogue descriptors are (inside the package)."""
    return resources.files("openness") / "catalogue"


@functools.cache
def data_table(name: str) -> dict[str, Any]:
    """A TOML table shipped in ``openness/data`` (parsed once)."""
    path = resources.files("openness") / "data" / f"{name}.toml"
    table: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    return table
