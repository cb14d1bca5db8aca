"""The leaderboard: many models scored under many rubrics, rendered as Markdown and as one HTML page.

Rendering reuses the escaping helpers of :mod:`openness._model.views`; every value from a rubric or a
descriptor is escaped. The output is deterministic: models are ordered by score (as stated), then by best
score, then by id. A fact nobody stated is unknown, not closed: a verdict it leaves open reads
``undetermined``, never ``not met``; a grade it could raise reads ``closed as stated, open at best``; a
score it could raise ``0.17 to 1.00``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from openness._model.markup import STYLE, grade_level, grade_words, h, md, md_code, percent, score_range, status_level
from openness._scoring.engine import score

if TYPE_CHECKING:
    from openness._model.descriptor import Descriptor
    from openness._model.report import CriterionResult, Report
    from openness._model.rubric import Rubric

__all__ = ["Board", "board", "board_html", "board_markdown"]

#: One rubric and the reports of every model under it, best first.
Board = list[tuple["Rubric", list["Report"]]]

_TITLE = "Openness leaderboard"


def board(descriptors: Iterable[Descriptor], rubrics: Iterable[Rubric]) -> Board:
    """Score every descriptor under every rubric; reports sorted by score, then best score (highest first), then id.

    The score is what the stated facts establish; among equal scores, the model facts not stated could
    raise further comes first. A verdict plays no part in the order, so an undetermined one never counts
    as not met.
    """
    models = list(descriptors)
    out: Board = []
    for rubric in rubrics:
        reports = [score(d, rubric) for d in models]
        reports.sort(key=lambda r: (-r.score, -r.best_score, str(r.model.get("id"))))
        out.append((rubric, reports))
    return out


def _verdict_cell(report: Report, verdict_id: str) -> tuple[str, str]:
    result = report.verdict(verdict_id)
    if result.status == "met":
        return "met", status_level(result)
    state = "undetermined" if result.status == "undetermined" else "not met"
    return f"{state} ({percent(result.progress)})", status_level(result)


def _grade(result: CriterionResult) -> str:
    return grade_words(result) + (" (unsure facts)" if result.unsure else "")


def _model_label(report: Report) -> tuple[object, object]:
    return report.model.get("name"), report.model.get("id")


def board_markdown(data: Board, *, intro: str = "") -> str:
    """The leaderboard as Markdown: per rubric, a summary table, then every criterion's grade and reason."""
    lines = [f"# {_TITLE}", ""]
    if intro:
        lines += [intro.strip(), ""]
    for rubric, reports in data:
        lines += [f"## {md(rubric.title)} (`{md_code(rubric.id)}` {md(rubric.version)})", ""]
        verdicts = [v.id for v in rubric.verdicts]
        criteria = [c.id for c in rubric.criteria]
        head = [
            "model",
            "score",
            *(f"verdict `{md_code(v)}`" for v in verdicts),
            *(f"`{md_code(c)}`" for c in criteria),
        ]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for report in reports:
            name, model_id = _model_label(report)
            cells = [f"{md(name)} (`{md_code(model_id)}`)", score_range(report)]
            cells += [_verdict_cell(report, v)[0] for v in verdicts]
            cells += [md(_grade(report.result(c))) for c in criteria]
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", "### Criteria, model by model", ""]
        for report in reports:
            name, model_id = _model_label(report)
            lines += [
                f"#### {md(name)} (`{md_code(model_id)}`) under `{md_code(rubric.id)}`: {score_range(report)}",
                "",
                "| criterion | grade | points | reason |",
                "|---|---|---|---|",
            ]
            for r in report.results:
                reason = md(r.reason) + (f" *To raise:* {md(r.to_raise)}" if r.to_raise else "")
                lines.append(
                    f"| `{md_code(r.criterion)}` | {md(_grade(r))} | {r.points:g}/{r.max_points:g} | {reason} |"
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def board_html(data: Board, *, intro: str = "") -> str:
    """The leaderboard as one self-contained HTML page: no scripts, no external assets, everything escaped."""
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{h(_TITLE)}</title><style>{STYLE}</style></head>",
        f'<body><div class="openness-report"><h1>{h(_TITLE)}</h1>',
    ]
    if intro:
        parts.append(f"<p>{h(' '.join(intro.split()))}</p>")
    for rubric, reports in data:
        verdicts = [v.id for v in rubric.verdicts]
        criteria = [c.id for c in rubric.criteria]
        parts.append(
            f'<h2 id="{h(rubric.id)}">{h(rubric.title)} (<code>{h(rubric.id)}</code> {h(rubric.version)})</h2>'
        )
        parts.append("<table><tr><th>model</th><th>score</th>")
        parts += [f"<th>verdict <code>{h(v)}</code></th>" for v in verdicts]
        parts += [f"<th><code>{h(c)}</code></th>" for c in criteria]
        parts.append("</tr>")
        for report in reports:
            name, model_id = _model_label(report)
            parts.append(
                f'<tr data-rubric="{h(rubric.id)}" data-model="{h(model_id)}">'
                f'<td>{h(name)}<br><code>{h(model_id)}</code></td><td data-score="{report.score:.2f}" '
                f'data-best-score="{report.best_score:.2f}">{score_range(report)}</td>'
            )
            for v in verdicts:
                text, css = _verdict_cell(report, v)
                parts.append(f'<td class="{css}" data-verdict="{h(v)}">{h(text)}</td>')
            for c in criteria:
                result = report.result(c)
                parts.append(f'<td class="{grade_level(result)}">{h(_grade(result))}</td>')
            parts.append("</tr>")
        parts.append("</table>")
        for report in reports:
            name, model_id = _model_label(report)
            parts.append(
                f"<details><summary>{h(name)} (<code>{h(model_id)}</code>): {score_range(report)}</summary>"
                "<table><tr><th>criterion</th><th>grade</th><th>points</th><th>reason</th></tr>"
            )
            for r in report.results:
                raise_text = f'<br><span class="small">To raise: {h(r.to_raise)}</span>' if r.to_raise else ""
                parts.append(
                    f'<tr><td><code>{h(r.criterion)}</code></td><td class="{grade_level(r)}">{h(_grade(r))}</td>'
                    f"<td>{r.points:g}/{r.max_points:g}</td><td>{h(r.reason)}{raise_text}</td></tr>"
                )
            parts.append("</table></details>")
    parts.append("</div></body></html>\n")
    return "".join(parts)
