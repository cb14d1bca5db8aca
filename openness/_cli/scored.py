"""One model scored against one rubric, with what the output formats need to point back at the input."""

from __future__ import annotations

import attrs

from openness._cli.model_inputs import ModelInput
from openness._model.report import CriterionResult, Report
from openness._model.rubric import Rubric

__all__ = ["Scored", "is_top"]


@attrs.frozen(kw_only=True)
class Scored:
    """A report with the model input (file, text) and the rubric it was scored against."""

    model: ModelInput
    rubric: Rubric
    report: Report

    def line_of(self, result: CriterionResult) -> int | None:
        """The first line of the descriptor file that states a fact this criterion reads."""
        criterion = self.rubric.criterion(result.criterion)
        lines = [self.model.component_line(key) for key in criterion.components()]
        lines += [self.model.assessment_line(assessor) for assessor, _ in criterion.assessments()]
        found = [line for line in lines if line is not None]
        return min(found) if found else None


def is_top(result: CriterionResult) -> bool:
    """Whether a criterion result has its full points (the rubric's best grade)."""
    return result.points >= result.max_points
