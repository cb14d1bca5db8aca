"""How open is an AI model really? Score model descriptors against openness rubrics.

>>> import openness
>>> report = openness.score(openness.catalogue.load("olmo-7b"), "osaid-1.0")
>>> report.verdict("open-source-ai").met
True

Public API: :func:`load_rubric`, :func:`list_rubrics`, :func:`load_descriptor`, :func:`score`,
:func:`components`, the :mod:`openness.catalogue` and :mod:`openness.licences` modules, the data
classes :class:`Rubric`, :class:`Descriptor`, :class:`Report` and the errors deriving from
:class:`OpennessError` (itself a :class:`ValueError`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from openness._descriptor import Component, Descriptor, load_descriptor
from openness._engine import score
from openness._errors import (
    DescriptorError,
    LicenceError,
    LimitError,
    OpennessError,
    Problem,
    RubricError,
    UnsupportedFormatError,
)
from openness._report import CriterionResult, Evidence, Report, VerdictResult
from openness._rubric import Rubric, list_rubrics, load_rubric
from openness._vocabulary import components

if TYPE_CHECKING:
    from openness import catalogue, licences, limits

__version__ = "0.1.0"

__all__ = [
    "Component",
    "CriterionResult",
    "Descriptor",
    "DescriptorError",
    "Evidence",
    "LicenceError",
    "LimitError",
    "OpennessError",
    "Problem",
    "Report",
    "Rubric",
    "RubricError",
    "UnsupportedFormatError",
    "VerdictResult",
    "__version__",
    "catalogue",
    "components",
    "licences",
    "limits",
    "list_rubrics",
    "load_descriptor",
    "load_rubric",
    "score",
]

_SUBMODULES = {"catalogue", "licences", "limits"}


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"openness.{name}")
    msg = f"module 'openness' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(__all__)
