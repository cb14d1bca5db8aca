"""Markup shared by every view: escaping for Markdown and HTML, grade levels, title lines, the report stylesheet."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from openness._words import clean

if TYPE_CHECKING:
    from openness._model.report import CriterionResult, Report

__all__ = ["STYLE", "grade_level", "h", "md", "md_code", "md_code_span", "percent", "title_line"]

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
    """The colour class of a result: ``best`` (all points), ``worst`` (none), ``middle``, or ``none`` (no maximum)."""
    if result.max_points <= 0:
        return "none"
    ratio = result.points / result.max_points
    return "best" if ratio >= 1 else "worst" if ratio <= 0 else "middle"


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
.openness-report .small{color:#555;font-size:90%;overflow-wrap:anywhere}
.openness-report .openness-chart{display:block;margin:.5em 0}
"""
