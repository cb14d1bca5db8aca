"""Rendering reports, rubrics and descriptors as text, Markdown and HTML. Everything from inputs is escaped."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from openness._model.chart import report_svg
from openness._model.markup import (
    STYLE,
    grade_level,
    grade_words,
    h,
    md,
    md_code,
    md_code_span,
    percent,
    score_words,
    status_level,
    status_words,
    title_line,
)
from openness._words import clean

if TYPE_CHECKING:
    from openness._model.descriptor import Component, Descriptor
    from openness._model.report import Report
    from openness._model.rubric import Rubric, Verdict

__all__ = [
    "descriptor_html",
    "descriptor_markdown",
    "report_html",
    "report_markdown",
    "report_page",
    "report_text",
    "rubric_html",
    "rubric_markdown",
    "verdict_needs",
]


# Control characters (terminal escapes), zero-width and bidi controls, and the code points XML forbids
# (lone surrogates, U+FFFE, U+FFFF), so text is safe in terminals, HTML and SVG alike.
def report_text(report: Report) -> str:
    """A plain-text report for terminals."""
    lines = [
        clean(title_line(report)),
        f"Score: {score_words(report)}",
        "",
        "Verdicts:",
    ]
    for verdict in report.verdicts:
        mark = status_words(verdict)
        lines.append(f"  [{mark}] {clean(verdict.title)} ({clean(verdict.id)}), progress {percent(verdict.progress)}")
        if verdict.unknown:
            lines.append(f"      not known until stated: {', '.join(clean(u) for u in verdict.unknown)}")
        lines += [f"      - {clean(m)}" for m in verdict.missing]
    if not report.verdicts:
        lines.append("  (this rubric defines no verdicts)")
    lines += ["", "Criteria:"]
    for result in report.results:
        lines.append(
            f"  {clean(result.criterion)}: {clean(grade_words(result))} ({result.points:g}/{result.max_points:g})"
            + (" [unsure facts]" if result.unsure else "")
        )
        lines.append(f"      {clean(result.reason)}")
        if result.to_raise:
            lines.append(f"      To raise: {clean(result.to_raise)}")
        if result.unknown:
            lines.append(f"      Unknown facts: {', '.join(clean(u) for u in result.unknown)}")
        for item in result.evidence:
            source = f" <{clean(item.sources[0])}>{item.source_note}" if item.sources else ""
            lines.append(f"      * {clean(item.fact)} = {clean(item.value)}{source}")
    if report.warnings:
        lines += ["", "Warnings:"] + [f"  - {clean(w)}" for w in report.warnings]
    sources = report.model.get("sources") or []
    if sources:
        lines += ["", "Model sources: " + ", ".join(clean(s) for s in sources)]
    return "\n".join(lines) + "\n"


def report_markdown(report: Report) -> str:
    """A Markdown report."""
    lines = [
        f"## {md(title_line(report))}",
        "",
        f"**Score:** {md(score_words(report))}",
        "",
        "| verdict | status | progress |",
        "|---|---|---|",
    ]
    lines += [f"| {md(v.title)} | {md(status_words(v))} | {percent(v.progress)} |" for v in report.verdicts]
    lines += ["", "| criterion | grade | points | reason |", "|---|---|---|---|"]
    for result in report.results:
        reason = md(result.reason) + (f" *To raise:* {md(result.to_raise)}" if result.to_raise else "")
        lines.append(
            f"| {md(result.title)} (`{md_code(result.criterion)}`) | {md(grade_words(result))} | "
            f"{result.points:g}/{result.max_points:g} | {reason} |"
        )
    missing = [(v, m) for v in report.verdicts for m in v.missing]
    if missing:
        lines += ["", "**What would have to change:**", ""]
        lines += [f"- {md(v.title)}: {md(m)}" for v, m in missing]
    open_verdicts = [v for v in report.verdicts if v.unknown]
    if open_verdicts:
        lines += ["", "**Not known until stated:**", ""]
        lines += [f"- {md(v.title)}: {md(', '.join(v.unknown))}" for v in open_verdicts]
    if report.warnings:
        lines += ["", "**Warnings:**", ""] + [f"- {md(w)}" for w in report.warnings]
    return "\n".join(lines) + "\n"


def _link(url: str) -> str:
    shown = h(url)
    if url.startswith(("https://", "http://")):
        return f'<a href="{shown}" rel="noopener noreferrer">{shown}</a>'
    return shown


def report_html(report: Report) -> str:
    """An HTML fragment (a table per section and a bar chart of the criteria), as shown in notebooks."""
    parts = [
        f'<div class="openness-report"><style>{STYLE}</style>',
        f"<h3>{h(title_line(report))}</h3>",
        f"<p><b>Score:</b> {h(score_words(report))}</p>",
        report_svg(report),
    ]
    if report.verdicts:
        parts.append(
            "<table><tr><th>verdict</th><th>status</th><th>progress</th><th>what would have to change</th></tr>"
        )
        for v in report.verdicts:
            missing = "<br>".join(h(m) for m in v.missing)
            if v.unknown:
                missing += f'<br><span class="small">Not known until stated: {h(", ".join(v.unknown))}</span>'
            parts.append(
                f'<tr><td>{h(v.title)}</td><td class="{status_level(v)}">{h(status_words(v))}</td>'
                f"<td>{percent(v.progress)}</td><td>{missing}</td></tr>"
            )
        parts.append("</table>")
    parts.append("<table><tr><th>criterion</th><th>grade</th><th>points</th><th>reason</th><th>evidence</th></tr>")
    for r in report.results:
        raise_text = f'<br><span class="small">To raise: {h(r.to_raise)}</span>' if r.to_raise else ""
        evidence = "<br>".join(
            f"{h(e.fact)} = {h(e.value)}" + (f" ({_link(e.sources[0])}){h(e.source_note)}" if e.sources else "")
            for e in r.evidence
        )
        parts.append(
            f"<tr><td>{h(r.title)}<br><code>{h(r.criterion)}</code></td>"
            f'<td class="{grade_level(r)}">{h(grade_words(r))}</td><td>{r.points:g}/{r.max_points:g}</td>'
            f'<td>{h(r.reason)}{raise_text}</td><td class="small">{evidence}</td></tr>'
        )
    parts.append("</table>")
    if report.warnings:
        parts.append("<p><b>Warnings:</b></p><ul>" + "".join(f"<li>{h(w)}</li>" for w in report.warnings) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def report_page(report: Report) -> str:
    """A complete, self-contained HTML page."""
    title = h(title_line(report))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{report_html(report)}</body></html>\n"
    )


def rubric_html(rubric: Rubric) -> str:
    """An HTML table of a rubric's criteria and levels."""
    parts = [
        f'<div class="openness-report"><style>{STYLE}</style>',
        f"<h3>{h(rubric.title)} ({h(rubric.id)} {h(rubric.version)})</h3>",
        f"<p>Source: {_link(rubric.source)}</p>",
        "<table><tr><th>criterion</th><th>weight</th><th>levels (best first)</th></tr>",
    ]
    for criterion in rubric.criteria:
        levels = "<br>".join(f"<b>{h(lv.grade)}</b>: {h(lv.requirement_text())}" for lv in criterion.levels)
        parts.append(
            f"<tr><td>{h(criterion.title)}<br><code>{h(criterion.id)}</code></td>"
            f"<td>{criterion.weight:g}</td><td>{levels}<br><b>{h(rubric.lowest_grade)}</b>: otherwise</td></tr>"
        )
    parts.append("</table>")
    if rubric.verdicts:
        parts.append("<table><tr><th>verdict</th><th>requires</th></tr>")
        for verdict in rubric.verdicts:
            needs = "<br>".join(verdict_needs(verdict, lambda text: f"<code>{h(text)}</code>", h))
            parts.append(f"<tr><td>{h(verdict.title)}<br><code>{h(verdict.id)}</code></td><td>{needs}</td></tr>")
        parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)


def verdict_needs(verdict: Verdict, code: Callable[[str], str], text: Callable[[str], str]) -> list[str]:
    """What a verdict requires, one phrase per requirement; ``code`` and ``text`` escape ids and words.

    Shared by the rubric views (HTML, Markdown), ``openness explain`` and the generated rubric pages.
    """
    needs = [f"{', '.join(code(c) for c in r.criteria)} at least {text(r.grade)}" for r in verdict.requires]
    if verdict.builds_on:
        needs.insert(0, f"everything {code(verdict.builds_on)} requires")
    if verdict.min_score is not None:
        needs.append(f"a score of at least {verdict.min_score:g}")
    return needs


def rubric_markdown(rubric: Rubric) -> str:
    """A Markdown table of a rubric's criteria and levels, then its verdicts."""
    lines = [
        f"## {md(rubric.title)} (`{md_code(rubric.id)}` {md(rubric.version)})",
        "",
        f"Source: {md(rubric.source)}",
        "",
        "| criterion | weight | levels (best first) |",
        "|---|---|---|",
    ]
    for criterion in rubric.criteria:
        levels = "; ".join(f"**{md(lv.grade)}**: {md(lv.requirement_text())}" for lv in criterion.levels)
        lines.append(
            f"| {md(criterion.title)} (`{md_code(criterion.id)}`) | {criterion.weight:g} | "
            f"{levels}; **{md(rubric.lowest_grade)}**: otherwise |"
        )
    if rubric.verdicts:
        lines += ["", "| verdict | title | requires |", "|---|---|---|"]
        lines += [
            f"| `{md_code(v.id)}` | {md(v.title)} | {'; '.join(verdict_needs(v, md_code_span, md))} |"
            for v in rubric.verdicts
        ]
    return "\n".join(lines) + "\n"


#: How open each access value is, for colouring (same classes as grades).
_ACCESS_LEVEL = {
    "public": "best",
    "gated": "middle",
    "restricted": "middle",
    "api-only": "worst",
    "not-released": "worst",
}


def _access(component: Component) -> str:
    return str(component.access) if component.access is not None else "not stated"


def _bases(descriptor: Descriptor) -> str | None:
    """The model's bases as words ("a, b (merge)"), or ``None`` when it names none."""
    model = descriptor.model
    if not model.bases:
        return None
    relation = f" ({model.base_model_relation})" if model.base_model_relation else ""
    return ", ".join(model.bases) + relation


def descriptor_html(descriptor: Descriptor) -> str:
    """An HTML fragment: the model's identity, then a table of its components and their terms."""
    model = descriptor.model
    about = [
        ("organisation", model.organisation),
        ("version", model.version),
        ("released", model.released),
        ("checked", model.checked),
        ("base model", _bases(descriptor)),
    ]
    parts = [
        f'<div class="openness-report"><style>{STYLE}</style>',
        f"<h3>{h(model.name)} (<code>{h(model.id)}</code>)</h3>",
        "<p>" + "<br>".join(f"<b>{label}:</b> {h(value)}" for label, value in about if value) + "</p>",
    ]
    links = [*([model.homepage] if model.homepage else []), *model.sources]
    if links:
        parts.append('<p class="small">Sources: ' + ", ".join(_link(url) for url in links) + "</p>")
    parts.append(
        "<table><tr><th>component</th><th>access</th><th>licence</th><th>coverage</th><th>notes</th>"
        "<th>sources</th></tr>"
    )
    for key, component in descriptor.components.items():
        unsure = ' <span class="small">(unsure)</span>' if component.unsure else ""
        access = _access(component)
        links = [*([component.url] if component.url else []), *component.sources]
        parts.append(
            f"<tr><td><code>{h(key)}</code>{unsure}</td>"
            f'<td class="{_ACCESS_LEVEL.get(access, "none")}">{h(access)}</td>'
            f"<td>{h(component.licence or '')}</td><td>{h(component.coverage or '')}</td>"
            f"<td>{h(component.notes or '')}</td>"
            f'<td class="small">{"<br>".join(_link(url) for url in links)}</td></tr>'
        )
    if not descriptor.components:
        parts.append('<tr><td colspan="6">no components stated</td></tr>')
    parts.append("</table>")
    for assessor, ratings in descriptor.assessments.items():
        parts.append(f"<p><b>Assessed by {h(assessor)}:</b> ")
        parts.append(", ".join(f"{h(parameter)} = {h(rating.grade)}" for parameter, rating in ratings.items()))
        parts.append("</p>")
    parts.append("</div>")
    return "".join(parts)


def descriptor_markdown(descriptor: Descriptor) -> str:
    """A Markdown table of a descriptor's components and their terms."""
    model = descriptor.model
    lines = [f"## {md(model.name)} (`{md_code(model.id)}`)", ""]
    if model.organisation:
        lines += [f"Organisation: {md(model.organisation)}", ""]
    bases = _bases(descriptor)
    if bases:
        lines += [f"Base model: {md(bases)}", ""]
    lines += ["| component | access | licence | coverage | notes |", "|---|---|---|---|---|"]
    for key, component in descriptor.components.items():
        unsure = " (unsure)" if component.unsure else ""
        lines.append(
            f"| `{md_code(key)}`{unsure} | {md(_access(component))} | {md(component.licence or '')} | "
            f"{md(component.coverage or '')} | {md(component.notes or '')} |"
        )
    for assessor, ratings in descriptor.assessments.items():
        graded = ", ".join(f"{md(parameter)} = {md(rating.grade)}" for parameter, rating in ratings.items())
        lines += ["", f"Assessed by {md(assessor)}: {graded}"]
    return "\n".join(lines) + "\n"
