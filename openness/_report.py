"""Reports: the result of scoring one descriptor against one rubric, as plain data."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from openness._chart import Chart

__all__ = ["REPORT_FORMAT", "CriterionResult", "Evidence", "Report", "VerdictResult"]

#: Version of the report's dict/JSON layout.
REPORT_FORMAT = 1


@attrs.frozen(kw_only=True)
class Evidence:
    """One fact a result rests on: where it is in the descriptor, what it says, where it comes from."""

    fact: str
    value: str
    sources: tuple[str, ...] = ()
    unsure: bool = False


@attrs.frozen(kw_only=True)
class CriterionResult:
    """The grade one criterion gave, with its reason, evidence and what would raise it."""

    criterion: str
    title: str
    group: str | None
    grade: str
    points: float
    max_points: float
    weight: float
    reason: str
    evidence: tuple[Evidence, ...]
    to_raise: str | None = None
    unknown: tuple[str, ...] = ()
    unsure: bool = False
    applies: bool = True


@attrs.frozen(kw_only=True)
class VerdictResult:
    """Whether a verdict is met, how far along the model is, and what is missing."""

    id: str
    title: str
    met: bool
    progress: float
    missing: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Report:
    """How open one model is under one rubric, criterion by criterion.

    ``score`` is ``points / max_points`` in [0, 1]. Render with :meth:`to_text`,
    :meth:`to_markdown`, :meth:`to_html` or :meth:`to_json`; :meth:`plot` draws the criteria.
    In a notebook a report displays as HTML tables with a bar chart.
    """

    rubric: dict[str, str]
    model: dict[str, Any]
    score: float
    points: float
    max_points: float
    verdicts: tuple[VerdictResult, ...]
    results: tuple[CriterionResult, ...]
    warnings: tuple[str, ...] = ()

    def result(self, criterion: str) -> CriterionResult:
        """The result of one criterion, by id."""
        for result in self.results:
            if result.criterion == criterion:
                return result
        raise KeyError(criterion)

    def verdict(self, verdict: str) -> VerdictResult:
        """The result of one verdict, by id."""
        for result in self.verdicts:
            if result.id == verdict:
                return result
        raise KeyError(verdict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: a version header first (format, openness version, rubric, model), then sorted keys."""
        from openness import __version__  # noqa: PLC0415

        body = {
            "max_points": self.max_points,
            "points": self.points,
            "results": [_sorted(attrs.asdict(r)) for r in self.results],
            "score": self.score,
            "verdicts": [_sorted(attrs.asdict(v)) for v in self.verdicts],
            "warnings": list(self.warnings),
        }
        return {
            "format": REPORT_FORMAT,
            "openness": __version__,
            "rubric": _sorted(dict(self.rubric)),
            "model": _sorted(dict(self.model)),
            **body,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text: exactly ``json.dumps(to_dict())`` (what the CLI prints)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        """A plain-text rendering for terminals (control characters from inputs are removed)."""
        from openness._render import report_text  # noqa: PLC0415

        return report_text(self)

    def to_markdown(self) -> str:
        """A Markdown rendering (inputs escaped)."""
        from openness._render import report_markdown  # noqa: PLC0415

        return report_markdown(self)

    def to_html(self) -> str:
        """A self-contained HTML page (no scripts, no external assets; inputs escaped)."""
        from openness._render import report_page  # noqa: PLC0415

        return report_page(self)

    def plot(self) -> Chart:
        """A bar chart of the criteria (points out of the maximum, coloured by grade) as SVG.

        Needs no plotting library: the chart displays itself in notebooks, and ``.to_svg()``
        gives its text to save or embed.
        """
        from openness._chart import Chart, report_svg  # noqa: PLC0415

        return Chart(report_svg(self))

    def _repr_html_(self) -> str:
        from openness._render import report_html  # noqa: PLC0415

        return report_html(self)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        met = [v.id for v in self.verdicts if v.met]
        return (
            f"<Report {self.model.get('id')!r} under {self.rubric.get('id')!r}: "
            f"score {self.score:.2f}, verdicts met: {', '.join(met) or 'none'}>"
        )


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(v) for key, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    return value
