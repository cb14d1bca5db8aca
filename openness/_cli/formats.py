"""Output of ``openness score`` in every format, for one report or several.

One model under one rubric prints exactly what the report's own renderer gives (``to_text()``,
``to_json()``, ...). Several print one document: text and Markdown start with a summary table and
then give each report (the summary gives the score as stated with its best, the verdicts met and,
apart, those facts not stated leave undetermined); JSON is
``{"format": 1, "openness": VERSION, "reports": [...]}``; HTML is one page; SARIF and JUnit always
hold every report; JSON Lines is one report per line, always.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence

from openness._cli.registry import json_lines
from openness._cli.scored import Scored
from openness._model.markup import md, score_range
from openness._model.views import report_html
from openness._words import clean, counted

__all__ = ["FORMATS", "MULTI_FORMAT", "render"]

FORMATS = ("text", "json", "json-lines", "markdown", "html", "sarif", "junit")
#: Version of the combined JSON layout (several reports).
MULTI_FORMAT = 1
_RULE = "=" * 72


#: The summary table's columns: an undetermined verdict is neither met nor not met, so it has its own column.
_SUMMARY = ("model", "rubric", "score", "verdicts met", "undetermined")


def _verdicts(item: Scored, status: str) -> str:
    return ", ".join(v.id for v in item.report.verdicts if v.status == status) or "none"


def _summary_rows(scored: Sequence[Scored]) -> list[tuple[str, ...]]:
    return [
        (
            str(s.report.model.get("id")),
            str(s.report.rubric.get("id")),
            score_range(s.report),
            _verdicts(s, "met"),
            _verdicts(s, "undetermined"),
        )
        for s in scored
    ]


def _text(scored: Sequence[Scored]) -> str:
    rows = [_SUMMARY, *_summary_rows(scored)]
    last = len(_SUMMARY) - 1
    widths = [max(len(clean(row[i])) for row in rows) for i in range(last)]
    lines = [f"{counted(len(scored), 'report')}", ""]
    lines += [
        "  ".join(clean(cell).ljust(widths[i]) if i < last else clean(cell) for i, cell in enumerate(row))
        for row in rows
    ]
    parts = ["\n".join(lines) + "\n"]
    parts += [s.report.to_text() for s in scored]
    return f"\n{_RULE}\n\n".join(parts)


def _markdown(scored: Sequence[Scored]) -> str:
    lines = [
        f"# openness: {counted(len(scored), 'report')}",
        "",
        f"| {' | '.join(_SUMMARY)} |",
        "|" + "---|" * len(_SUMMARY),
    ]
    lines += [f"| {' | '.join(md(cell) for cell in row)} |" for row in _summary_rows(scored)]
    return "\n".join(lines) + "\n\n" + "\n".join(s.report.to_markdown() for s in scored)


def _html(scored: Sequence[Scored]) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(clean(cell))}</td>" for cell in row) + "</tr>"
        for row in _summary_rows(scored)
    )
    title = f"openness: {counted(len(scored), 'report')}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>"
        f'<div class="openness-report"><h2>{title}</h2><table><tr>{"".join(f"<th>{c}</th>" for c in _SUMMARY)}</tr>'
        f"{rows}</table></div>" + "<hr>".join(report_html(s.report) for s in scored) + "</body></html>\n"
    )


def _json(scored: Sequence[Scored]) -> str:
    from openness import __version__  # noqa: PLC0415

    data = {"format": MULTI_FORMAT, "openness": __version__, "reports": [s.report.to_dict() for s in scored]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(scored: Sequence[Scored], output_format: str) -> str:
    """Every report of one command in ``output_format`` (one of :data:`FORMATS`)."""
    if output_format == "sarif":
        from openness._cli.sarif import to_sarif  # noqa: PLC0415

        return to_sarif(scored)
    if output_format == "json-lines":  # ``openness score`` streams it (registry.json_lines per model); here all at once
        return "".join(json_lines(None, [s.report]) for s in scored)
    if output_format == "junit":
        from openness._cli.junit import to_junit  # noqa: PLC0415

        return to_junit(scored)
    if len(scored) == 1:
        report = scored[0].report
        single: dict[str, Callable[[], str]] = {
            "text": report.to_text,
            "markdown": report.to_markdown,
            "html": report.to_html,
            "json": lambda: report.to_json() + "\n",
        }
        return single[output_format]()
    several = {"text": _text, "markdown": _markdown, "html": _html, "json": _json}
    return several[output_format](scored)
