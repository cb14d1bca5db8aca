"""How open is an AI model really? Score model descriptors against openness rubrics.

>>> import openness
>>> report = openness.score(openness.catalogue.load("olmo-7b"), "osaid-1.0")
>>> report.verdict("open-source-ai").met
True

Public API: :func:`load_rubric`, :func:`list_rubrics`, :func:`load_descriptor`, :func:`score`,
:func:`score_many`, :func:`components`, :func:`diff` (compare two rubrics), :func:`compare` (several
models side by side), :func:`contrast` (one model under several rubrics, and why they disagree),
:func:`to_frame` (reports as a pandas DataFrame, with the ``openness[pandas]`` extra), the
:mod:`openness.catalogue`, :mod:`openness.licences` and :mod:`openness.importers` modules, the data
classes :class:`Rubric`, :class:`Descriptor`, :class:`Report`, every class a public call returns
(:class:`Comparison`, :class:`Contrast`, :class:`Chart`, :class:`RubricDiff`, :class:`Criterion`, ...) and
the errors deriving from :class:`OpennessError` (itself a :class:`ValueError`).

Importing the package imports none of its modules: each public name is loaded on first use
(PEP 562), so ``import openness`` stays cheap for command-line tools and worker processes.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing (12 ms)
__version__ = "0.1.0"

# Written by scripts/generate_exports.py from _LAZY below; do not edit by hand.
if TYPE_CHECKING:
    from openness import catalogue, importers, licences, limits
    from openness._errors import (
        DescriptorError,
        LicenceError,
        LimitError,
        OpennessError,
        Problem,
        RubricError,
        UnknownIdError,
        UnsupportedFormatError,
    )
    from openness._model.chart import Chart
    from openness._model.descriptor import Component, Descriptor, Fact
    from openness._model.lineage import Base, Lineage, lineage
    from openness._model.report import CriterionResult, Evidence, Report, VerdictResult
    from openness._model.rubric import Criterion, Rubric, list_rubrics, load_rubric
    from openness._reading.vocabulary import components
    from openness._render.compare import Comparison, compare
    from openness._render.contrast import Contrast, DecidingFact, Disagreement, FactTest, Shortfall, Standing, contrast
    from openness._render.frame import to_frame
    from openness._scoring.batch import score_many
    from openness._scoring.diff import CriterionChange, ModelChange, RubricDiff, VerdictChange, Witness, diff
    from openness._scoring.engine import score
    from openness.importers import load_descriptor

__all__ = [
    "Base",
    "Chart",
    "Comparison",
    "Component",
    "Contrast",
    "Criterion",
    "CriterionChange",
    "CriterionResult",
    "DecidingFact",
    "Descriptor",
    "DescriptorError",
    "Disagreement",
    "Evidence",
    "Fact",
    "FactTest",
    "LicenceError",
    "LimitError",
    "Lineage",
    "ModelChange",
    "OpennessError",
    "Problem",
    "Report",
    "Rubric",
    "RubricDiff",
    "RubricError",
    "Shortfall",
    "Standing",
    "UnknownIdError",
    "UnsupportedFormatError",
    "VerdictChange",
    "VerdictResult",
    "Witness",
    "__version__",
    "catalogue",
    "compare",
    "components",
    "contrast",
    "diff",
    "importers",
    "licences",
    "limits",
    "lineage",
    "list_rubrics",
    "load_descriptor",
    "load_rubric",
    "score",
    "score_many",
    "to_frame",
]
# End of the written part.

#: The public names, each written only here, with where it lives. A name equal to its module's last
#: part (``catalogue``) is that module itself; any other name is an attribute of the module. To add
#: a public name, add it here and run ``python scripts/generate_exports.py``: it writes the
#: ``TYPE_CHECKING`` imports and ``__all__`` above, which type checkers and documentation tools read.
_LAZY: dict[str, str] = {
    "Base": "openness._model.lineage",
    "Chart": "openness._model.chart",
    "Comparison": "openness._render.compare",
    "Component": "openness._model.descriptor",
    "Contrast": "openness._render.contrast",
    "Criterion": "openness._model.rubric",
    "CriterionChange": "openness._scoring.diff",
    "CriterionResult": "openness._model.report",
    "DecidingFact": "openness._render.contrast",
    "Descriptor": "openness._model.descriptor",
    "DescriptorError": "openness._errors",
    "Disagreement": "openness._render.contrast",
    "Evidence": "openness._model.report",
    "Fact": "openness._model.descriptor",
    "FactTest": "openness._render.contrast",
    "LicenceError": "openness._errors",
    "LimitError": "openness._errors",
    "Lineage": "openness._model.lineage",
    "ModelChange": "openness._scoring.diff",
    "OpennessError": "openness._errors",
    "Problem": "openness._errors",
    "Report": "openness._model.report",
    "Rubric": "openness._model.rubric",
    "RubricDiff": "openness._scoring.diff",
    "RubricError": "openness._errors",
    "Shortfall": "openness._render.contrast",
    "Standing": "openness._render.contrast",
    "UnknownIdError": "openness._errors",
    "UnsupportedFormatError": "openness._errors",
    "VerdictChange": "openness._scoring.diff",
    "VerdictResult": "openness._model.report",
    "Witness": "openness._scoring.diff",
    "catalogue": "openness.catalogue",
    "compare": "openness._render.compare",
    "components": "openness._reading.vocabulary",
    "contrast": "openness._render.contrast",
    "diff": "openness._scoring.diff",
    "importers": "openness.importers",
    "licences": "openness.licences",
    "limits": "openness.limits",
    "lineage": "openness._model.lineage",
    "list_rubrics": "openness._model.rubric",
    "load_descriptor": "openness.importers",
    "load_rubric": "openness._model.rubric",
    "score": "openness._scoring.engine",
    "score_many": "openness._scoring.batch",
    "to_frame": "openness._render.frame",
}


def __getattr__(name: str) -> object:
    module_name = _LAZY.get(name)
    if module_name is None:
        msg = f"module 'openness' has no attribute {name!r}"
        raise AttributeError(msg)
    module = importlib.import_module(module_name)
    value = module if module_name == f"openness.{name}" else getattr(module, name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
