"""Several models scored against one rubric, side by side: one table and one chart."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from openness._errors import OpennessError
from openness._model.chart import Chart, grid_svg
from openness._model.descriptor import Descriptor
from openness._model.markup import (
    STYLE,
    grade_level,
    grade_words,
    h,
    md,
    md_code,
    score_range,
    status_level,
    status_words,
)
from openness._model.report import Report
from openness._model.rubric import Rubric, load_rubric
from openness._scoring.engine import score
from openness._words import clean

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Comparison", "compare"]

Model = Descriptor | Report | Mapping[str, Any] | str | Path


@attrs.frozen
class Comparison:
    """Reports of several models under one rubric. Displays as one table and one chart in notebooks.

    ``reports`` keeps the order the models were given in. Render with :meth:`to_text`,
    :meth:`to_markdown` or :meth:`to_html`; :meth:`plot` gives the chart alone. A grade facts not stated
    could raise reads ``closed as stated, open at best``, a verdict they leave open ``undetermined``,
    and a score they could raise ``0.17 to 1.00``.
    """

    reports: tuple[Report, ...]

    @property
    def rubric(self) -> dict[str, str]:
        """The rubric's id, title and version, as in each report."""
        return self.reports[0].rubric

    def plot(self) -> Chart:
        """A grid of grades (criteria by models), coloured by grade, as SVG."""
        return Chart(grid_svg(self.reports))

    def to_frame(self) -> pd.DataFrame:
        """The reports as a pandas DataFrame (see :func:`openness.to_frame`); needs ``openness[pandas]``."""
        from openness._render.frame import to_frame  # noqa: PLC0415

        return to_frame(self.reports)

    def to_text(self) -> str:
        """A plain-text table for terminals."""
        rows = [["criterion", *(clean(r.model.get("id")) for r in self.reports)]]
        rows += [
            [clean(result.criterion), *(_cell_text(r, result.criterion) for r in self.reports)]
            for result in self.reports[0].results
        ]
        rows.append(["score", *(score_range(r) for r in self.reports)])
        rows += [
            [f"verdict: {clean(v.id)}", *(status_words(r.verdict(v.id)) for r in self.reports)]
            for v in self.reports[0].verdicts
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [_title(self.rubric), ""]
        lines += [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
        ]
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        """A Markdown table: one row per criterion, one column per model."""
        header = ["criterion", *(md(r.model.get("name")) for r in self.reports)]
        lines = [
            f"## {md(_title(self.rubric))}",
            "",
            "| " + " | ".join(header) + " |",
            "|" + "---|" * len(header),
        ]
        for result in self.reports[0].results:
            cells = [md(_cell_text(r, result.criterion)) for r in self.reports]
            lines.append(f"| {md(result.title)} (`{md_code(result.criterion)}`) | " + " | ".join(cells) + " |")
        lines.append("| **score** | " + " | ".join(f"**{score_range(r)}**" for r in self.reports) + " |")
        for verdict in self.reports[0].verdicts:
            cells = [status_words(r.verdict(verdict.id)) for r in self.reports]
            lines.append(f"| verdict: {md(verdict.title)} | " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"

    def to_html(self) -> str:
        """An HTML fragment: the table, then the chart (inline SVG; inputs escaped)."""
        parts = [
            f'<div class="openness-report"><style>{STYLE}</style>',
            f"<h3>{h(_title(self.rubric))}</h3>",
            "<table><tr><th>criterion</th>",
        ]
        parts += [f"<th>{h(r.model.get('name'))}<br><code>{h(r.model.get('id'))}</code></th>" for r in self.reports]
        parts.append("</tr>")
        for result in self.reports[0].results:
            parts.append(f"<tr><td>{h(result.title)}<br><code>{h(result.criterion)}</code></td>")
            for report in self.reports:
                mine = report.result(result.criterion)
                parts.append(
                    f'<td class="{grade_level(mine)}" title="{h(mine.reason)}">{h(grade_words(mine))} '
                    f"({mine.points:g}/{mine.max_points:g})</td>"
                )
            parts.append("</tr>")
        parts.append("<tr><th>score</th>" + "".join(f"<th>{score_range(r)}</th>" for r in self.reports) + "</tr>")
        for verdict in self.reports[0].verdicts:
            parts.append(f"<tr><td>verdict: {h(verdict.title)}</td>")
            for report in self.reports:
                status = report.verdict(verdict.id)
                title = f' title="not known until stated: {h(", ".join(status.unknown))}"' if status.unknown else ""
                parts.append(f'<td class="{status_level(status)}"{title}>{h(status_words(status))}</td>')
            parts.append("</tr>")
        parts += ["</table>", grid_svg(self.reports), "</div>"]
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        models = ", ".join(f"{r.model.get('id')} {score_range(r)}" for r in self.reports)
        return f"<Comparison under {self.rubric.get('id')!r}: {models}>"


def _title(rubric: Mapping[str, str]) -> str:
    return f"Comparison under {rubric.get('title')} ({rubric.get('id')} {rubric.get('version')})"


def _cell_text(report: Report, criterion: str) -> str:
    result = report.result(criterion)
    return f"{clean(grade_words(result))} {result.points:g}/{result.max_points:g}"


def _report(model: Model, rubric: Rubric) -> Report:
    if isinstance(model, Report):
        if (model.rubric.get("id"), model.rubric.get("version")) != (rubric.id, rubric.version):
            message = (
                f"a report of {model.model.get('id')!r} under {model.rubric.get('id')!r} "
                f"cannot be compared under {rubric.id!r} {rubric.version}"
            )
            raise OpennessError(message)
        return model
    return score(model, rubric)  # a catalogue id loads as in score; an unknown one suggests close ones


def compare(models: Iterable[Model], rubric: Rubric | Mapping[str, Any] | str | Path | None = None) -> Comparison:
    """Score several models against one rubric (the default rubric when none is given), side by side.

    Each model is a :class:`Descriptor`, a mapping, a descriptor file, a catalogue id, or a
    :class:`Report` already scored under the same rubric. The result displays as one table and one
    chart in notebooks.

    >>> import openness
    >>> comparison = openness.compare(["olmo-7b", "llama-3.1-8b"], "osaid-1.0")
    >>> comparison.reports[1].score
    0.5
    """
    loaded = load_rubric(rubric)
    reports = tuple(_report(model, loaded) for model in models)
    if not reports:
        raise OpennessError("compare needs at least one model")
    return Comparison(reports)
