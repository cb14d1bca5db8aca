"""Reports as a pandas DataFrame (pandas is optional: the ``pandas`` extra)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from openness._errors import install_hint
from openness._model.report import Report

if TYPE_CHECKING:
    import pandas as pd

    from openness._render.compare import Comparison

__all__ = ["COLUMNS", "to_frame"]

#: The columns of :func:`to_frame`, in order.
COLUMNS = (
    "model",
    "model_name",
    "rubric",
    "rubric_version",
    "criterion",
    "title",
    "group",
    "grade",
    "best_grade",
    "determined",
    "points",
    "max_points",
    "weight",
    "unsure",
    "unknown",
    "reason",
    "score",
    "best_score",
    "verdicts_met",
    "verdicts_undetermined",
)


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415 - optional dependency, imported when used
    except ImportError as exc:
        message = f"openness.to_frame needs pandas: {install_hint('pandas')}"
        raise ImportError(message, name="pandas") from exc
    return pandas


def to_frame(reports: Report | Comparison | Iterable[Report]) -> pd.DataFrame:
    """A long DataFrame: one row per (report, criterion), in report order then criterion order.

    Columns: ``model`` and ``model_name`` (the descriptor's id and name), ``rubric`` and
    ``rubric_version``, ``criterion``, ``title``, ``group``, ``grade`` (as the stated facts establish),
    ``best_grade`` (the best a completion of the facts not stated could reach), ``determined`` (whether
    the stated facts settle the grade), ``points``, ``max_points``, ``weight``, ``unsure`` (the result
    rests on facts marked unsure), ``unknown`` (the facts the descriptor does not state,
    comma-separated), ``reason``; then, repeated on each row of a report, ``score`` (the report's
    overall score as stated, the lowest the facts allow), ``best_score`` (the highest),
    ``verdicts_met`` (the ids of the verdicts the stated facts establish, comma-separated) and
    ``verdicts_undetermined`` (those facts not stated leave open; a verdict in neither is not met).
    Pivot it for a wide view, e.g. ``frame.pivot(index="criterion", columns="model", values="grade")``.

    Needs pandas (the ``pandas`` extra); without it, an :class:`ImportError` says so.
    """
    pandas = _pandas()
    # A Comparison holds its reports (read by name: compare imports this module, not the reverse).
    items = [reports] if isinstance(reports, Report) else cast("Iterable[Report]", getattr(reports, "reports", reports))
    rows = [
        (
            report.model.get("id"),
            report.model.get("name"),
            report.rubric.get("id"),
            report.rubric.get("version"),
            result.criterion,
            result.title,
            result.group,
            result.grade,
            result.best_grade,
            result.determined,
            result.points,
            result.max_points,
            result.weight,
            result.unsure,
            ", ".join(result.unknown),
            result.reason,
            report.score,
            report.best_score,
            ", ".join(v.id for v in report.verdicts if v.status == "met"),
            ", ".join(v.id for v in report.verdicts if v.status == "undetermined"),
        )
        for report in items
        for result in report.results
    ]
    return pandas.DataFrame.from_records(rows, columns=list(COLUMNS))
