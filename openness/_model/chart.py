"""Charts as inline SVG (no plotting library): bars per criterion, and a grid of grades for several models.

Everything taken from inputs is escaped. Bars and cells are coloured by grade level (best, middle,
worst, none, unknown: the same classes as the HTML tables) and every mark carries a ``<title>`` with the
full text, so screen readers and tooltips get the criterion, the grade and the points.

A grade the stated facts do not settle is never drawn as if it were final: its bar is grey-blue, the
rest of its track a dashed outline (facts not stated could fill it), its label says the grade as stated
and at best (:func:`~openness._model.markup.grade_words`), and its ``<title>`` names the facts not
stated. In the grid such a cell reads ``closed to open`` inside a dashed border.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from openness._model.markup import grade_level, grade_words, h, score_range, title_line

if TYPE_CHECKING:
    from openness._model.report import CriterionResult, Report

__all__ = ["COLOURS", "Chart", "grid_svg", "report_svg"]

#: Fill colour per grade level. Colour is never the only cue: the grade is written beside every bar
#: and in every cell (``unknown``: a grade facts not stated could still raise, drawn with a dashed outline).
COLOURS = {"best": "#2e7d32", "middle": "#f0a30a", "worst": "#c62828", "none": "#9e9e9e", "unknown": "#b0bec5"}
_INK = {"best": "#ffffff", "middle": "#000000", "worst": "#ffffff", "none": "#000000", "unknown": "#000000"}
#: The outline of what facts not stated leave open: dashed, so it reads without colour.
_OPEN = 'stroke="#546e7a" stroke-dasharray="4 3"'

_FONT = 'font-family="system-ui,sans-serif" font-size="12"'
_ROW = 24
_LABEL = 220
_BAR = 260
_LABEL_CHARS = 34


def _shorten(text: str, limit: int = _LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@attrs.frozen
class Chart:
    """An SVG chart that displays itself in notebooks; :meth:`to_svg` gives the SVG text."""

    svg: str

    def to_svg(self) -> str:
        """The chart as a standalone SVG document (UTF-8 text)."""
        return self.svg

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_html_(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"<Chart: {len(self.svg)} characters of SVG; .to_svg() gives the text>"


def _mark_title(result: CriterionResult) -> str:
    text = (
        f"{result.title} ({result.criterion}): {grade_words(result)}, {result.points:g} of {result.max_points:g} points"
    )
    if not result.determined and result.unknown:
        text += f"; not stated: {', '.join(result.unknown)}"
    return text


def report_svg(report: Report) -> str:
    """One horizontal bar per criterion: its length is points / max points, its colour the grade level.

    A bar whose grade facts not stated could raise sits on a dashed track and says its grade as stated and at best.
    """
    results = report.results
    top = 28
    height = top + _ROW * len(results) + 8
    heading = f"Points per criterion: {title_line(report)}"
    summary = "; ".join(f"{r.criterion} {grade_words(r)} ({r.points:g}/{r.max_points:g})" for r in results)
    best = f", {report.best_score:.2f} at best" if report.best_score != report.score else ""
    label_width = max(170, max((6.5 * len(grade_words(r)) + 40 for r in results), default=0))
    width = _LABEL + _BAR + round(label_width)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="openness-chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" {_FONT}>',
        f"<title>{h(heading)}</title>",
        f"<desc>Score {report.score:.2f}{best}. {h(summary)}</desc>",
        f'<text x="0" y="16" font-weight="bold">Points per criterion (score {report.score:.2f}, '
        f"{report.points:g} of {report.max_points:g} points{best})</text>",
    ]
    for index, result in enumerate(results):
        y = top + index * _ROW
        ratio = result.points / result.max_points if result.max_points > 0 else 0.0
        bar = max(round(ratio * _BAR, 1), 3.0)
        colour = COLOURS[grade_level(result)]
        track = 'fill="#ffffff" ' + _OPEN if not result.determined else 'fill="#eeeeee"'
        parts.append(
            f'<g class="criterion"><title>{h(_mark_title(result))}</title>'
            f'<text x="{_LABEL - 8}" y="{y + 15}" text-anchor="end">{h(_shorten(result.criterion))}</text>'
            f'<rect x="{_LABEL}" y="{y + 3}" width="{_BAR}" height="{_ROW - 8}" {track}/>'
            f'<rect x="{_LABEL}" y="{y + 3}" width="{bar:g}" height="{_ROW - 8}" fill="{colour}"/>'
            f'<text x="{_LABEL + _BAR + 8}" y="{y + 15}">{h(grade_words(result))} '
            f"{result.points:g}/{result.max_points:g}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def grid_svg(reports: Sequence[Report]) -> str:
    """A grid of grades: one row per criterion, one column per model, each cell coloured by grade level."""
    criteria = [result.criterion for result in reports[0].results] if reports else []
    column = 130
    top = 48
    height = top + _ROW * (len(criteria) + 1) + 8
    width = _LABEL + column * len(reports)
    rubric = reports[0].rubric if reports else {}
    heading = f"Grades per criterion under {rubric.get('title')} ({rubric.get('id')} {rubric.get('version')})"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="openness-chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" {_FONT}>',
        f"<title>{h(heading)}</title>",
        f"<desc>{h('; '.join(_model_summary(r) for r in reports))}</desc>",
        f'<text x="0" y="16" font-weight="bold">{h(_shorten(heading, 90))}</text>',
    ]
    for col, report in enumerate(reports):
        x = _LABEL + col * column
        name = str(report.model.get("id"))
        parts.append(
            f'<text x="{x + column / 2:g}" y="{top - 8}" text-anchor="middle">'
            f"<title>{h(report.model.get('name'))}</title>{h(_shorten(name, 18))}</text>"
        )
    for row, criterion_id in enumerate(criteria):
        y = top + row * _ROW
        parts.append(f'<text x="{_LABEL - 8}" y="{y + 15}" text-anchor="end">{h(_shorten(criterion_id))}</text>')
        for col, report in enumerate(reports):
            x = _LABEL + col * column
            result = report.result(criterion_id)
            level = grade_level(result)
            outline = "" if result.determined else " " + _OPEN
            parts.append(
                f'<g class="cell"><title>{h(report.model.get("id"))}: {h(_mark_title(result))}</title>'
                f'<rect x="{x + 2}" y="{y + 2}" width="{column - 4}" height="{_ROW - 4}" '
                f'fill="{COLOURS[level]}"{outline}/>'
                f'<text x="{x + column / 2:g}" y="{y + 15}" text-anchor="middle" fill="{_INK[level]}">'
                f"{h(_shorten(grade_words(result, short=True), 19))}</text></g>"
            )
    y = top + len(criteria) * _ROW
    parts.append(f'<text x="{_LABEL - 8}" y="{y + 15}" text-anchor="end" font-weight="bold">score</text>')
    for col, report in enumerate(reports):
        x = _LABEL + col * column
        parts.append(
            f'<text x="{x + column / 2:g}" y="{y + 15}" text-anchor="middle" font-weight="bold">'
            f"{score_range(report)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _model_summary(report: Report) -> str:
    grades = ", ".join(f"{r.criterion} {grade_words(r)}" for r in report.results)
    return f"{report.model.get('id')}: score {score_range(report)} ({grades})"
