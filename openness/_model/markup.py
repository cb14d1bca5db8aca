"""Markup shared by every view: escaping for Markdown and HTML, grade levels, title lines, the report stylesheet."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Protocol

from openness._words import clean

if TYPE_CHECKING:
    from openness._model.report import CriterionResult, Report, VerdictResult

__all__ = [
    "STATUS_WORDS",
    "STYLE",
    "grade_level",
    "grade_words",
    "h",
    "md",
    "md_code",
    "md_code_span",
    "percent",
    "score_range",
    "score_words",
    "status_level",
    "status_words",
    "title_line",
]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: object) -> str:
    """Text for Markdown: cleaned, Markdown's special characters backslash-escaped, ``<`` and ``>`` as entities."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")


def md_code(text: object) -> str:
    """Text for inside a Markdown code span in a table cell: no backticks; pipes escaped (GFM tables)."""
    return clean(text).replace("`", "'").replace("|", "\\|")


def md_code_span(text: object) -> str:
    """A Markdown code span in a table cell holding ``text`` (see :func:`md_code`)."""
    return f"`{md_code(text)}`"


def h(text: object) -> str:
    """Text for HTML, quotes included: cleaned, then escaped with :func:`html.escape`."""
    return html.escape(clean(text), quote=True)


def percent(value: float) -> str:
    """A share between 0 and 1 as a whole percentage: ``0.5`` is ``50%``."""
    return f"{value * 100:.0f}%"


def grade_level(result: CriterionResult) -> str:
    """The colour class of a result: ``best``, ``worst``, ``middle``, ``none`` (no maximum) or ``unknown``.

    ``best`` has all its points, ``worst`` none; ``unknown`` is not final: facts not stated could raise it.
    """
    if result.max_points <= 0:
        return "none"
    if not result.determined:
        return "unknown"
    ratio = result.points / result.max_points
    return "best" if ratio >= 1 else "worst" if ratio <= 0 else "middle"


def grade_words(result: CriterionResult, *, short: bool = False) -> str:
    """A result's grade in words (not escaped): an undetermined grade says it is only as stated, and its best.

    ``short`` (a table or chart cell): ``closed to open`` and ``closed, not final``.
    """
    if result.determined:
        return result.grade
    if result.best_grade == result.grade:
        return f"{result.grade}, not final" if short else f"{result.grade} as stated, not final"
    return (
        f"{result.grade} to {result.best_grade}" if short else f"{result.grade} as stated, {result.best_grade} at best"
    )


#: A verdict's status in words: never a bare "not met" for a verdict facts not stated could still meet.
STATUS_WORDS = {"met": "met", "not-met": "not met", "undetermined": "undetermined"}


def status_words(verdict: VerdictResult) -> str:
    """``met``, ``not met`` or ``undetermined`` (not escaped)."""
    return STATUS_WORDS[verdict.status]


def status_level(verdict: VerdictResult) -> str:
    """The colour class of a verdict: ``best`` (met), ``unknown`` (undetermined), ``worst`` or ``middle`` (not met)."""
    if verdict.status == "met":
        return "best"
    if verdict.status == "undetermined":
        return "unknown"
    return "worst" if verdict.progress == 0 else "middle"


def score_words(report: Report) -> str:
    """The score with its points, and, when facts not stated could raise it, the best it could be (not escaped)."""
    text = f"{report.score:.2f} ({report.points:g} of {report.max_points:g} points)"
    if report.best_score != report.score:
        text += f"; {report.best_score:.2f} at best, if the facts not stated allow"
    return text


class Scored(Protocol):
    """Anything with a score and the best score facts not stated allow (a report, a contrast's standing)."""

    @property
    def score(self) -> float:
        """The lowest score the stated facts allow."""

    @property
    def best_score(self) -> float:
        """The highest score some completion of the facts not stated could give."""


def score_range(scored: Scored) -> str:
    """The score in a table cell: ``0.50``, or ``0.17 to 1.00`` when facts not stated could raise it."""
    if scored.best_score != scored.score:
        return f"{scored.score:.2f} to {scored.best_score:.2f}"
    return f"{scored.score:.2f}"


def title_line(report: Report) -> str:
    """The first line of every view of a report: the model and the rubric, each with its id (not escaped)."""
    model, rubric = report.model, report.rubric
    about = f"{model.get('name')} ({model.get('id')})"
    return f"{about} under {rubric.get('title')} ({rubric.get('id')} {rubric.get('version')})"


STYLE = """
.openness-report{font-family:system-ui,sans-serif;font-size:14px;line-height:1.4;max-width:72em}
.openness-report table{border-collapse:collapse;margin:.5em 0}
.openness-report th,.openness-report td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
.openness-report .best{background:#d4f4d2}.openness-report .middle{background:#fcefc7}
.openness-report .worst{background:#f8d3d0}.openness-report .none{background:#eee}
.openness-report .unknown{background:repeating-linear-gradient(45deg,#eee,#eee 6px,#fff 6px,#fff 12px)}
.openness-report .small{color:#555;font-size:90%;overflow-wrap:anywhere}
.openness-report .openness-chart{display:block;margin:.5em 0}
"""
