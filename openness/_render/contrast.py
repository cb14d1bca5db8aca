"""Why rubrics disagree on one model: ``contrast()`` and its views (text, Markdown, HTML, JSON).

The analysis (headline verdicts, disagreements, deciding facts) is :mod:`openness._scoring.contrast`;
this module scores the model under each rubric, and renders what the analysis finds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from openness._errors import OpennessError
from openness._model.descriptor import Descriptor
from openness._model.markup import STATUS_WORDS, STYLE, h, md, md_code, percent, score_range
from openness._model.report import Report
from openness._model.rubric import Rubric, load_rubric
from openness._scoring.contrast import (
    CONTRAST_FORMAT,
    LICENCE_READING,
    ONE_SIDED,
    DecidingFact,
    Disagreement,
    FactTest,
    Shortfall,
    Standing,
    analyse,
    answer_words,
)
from openness._scoring.engine import compile_rubric
from openness._words import clean, counted
from openness.importers import load_descriptor

__all__ = ["Contrast", "DecidingFact", "Disagreement", "FactTest", "Shortfall", "Standing", "contrast"]

RubricLike = Rubric | Mapping[str, Any] | str | Path

#: How each kind of deciding fact is headed.
_KIND_WORDS = {
    LICENCE_READING: "licence reading",
    "judged-differently": "judged differently",
    ONE_SIDED: "required by one rubric only",
}


@attrs.frozen(kw_only=True)
class Contrast:
    """One model under several rubrics: where each puts it, and why they disagree.

    ``standings`` has one :class:`Standing` per rubric, in the order given; ``disagreements`` one
    :class:`Disagreement` per pair of rubrics that disagree (pairs in input order); ``agreements``
    the pairs whose headline verdicts agree. ``reports`` are the engine's reports, one per rubric.
    Render with :meth:`to_text`, :meth:`to_markdown`, :meth:`to_html` or :meth:`to_json`; in a
    notebook a contrast displays as HTML.
    """

    model: dict[str, str]
    standings: tuple[Standing, ...]
    disagreements: tuple[Disagreement, ...]
    agreements: tuple[tuple[str, str], ...]
    reports: tuple[Report, ...] = attrs.field(repr=False)

    @property
    def title(self) -> str:
        """The first line of every view (not escaped)."""
        rubrics = counted(len(self.standings), "rubric")
        return f"Contrast: {self.model.get('name')} ({self.model.get('id')}) under {rubrics}"

    def standing(self, label: str) -> Standing:
        """The standing of one rubric, by its label (its id)."""
        for standing in self.standings:
            if standing.label == label:
                return standing
        known = ", ".join(s.label for s in self.standings)
        message = f"no rubric {label!r} in this contrast (rubrics: {known})"
        raise OpennessError(message)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: a version header first (format, openness version, model), then sorted keys."""
        from openness import __version__  # noqa: PLC0415 - the package's version, set after its modules

        return {
            "format": CONTRAST_FORMAT,
            "openness": __version__,
            "model": dict(sorted(self.model.items())),
            "agreements": [
                {"rubrics": list(pair), "status": self.standing(pair[0]).status} for pair in self.agreements
            ],
            "disagreements": [d.to_dict() for d in self.disagreements],
            "rubrics": [s.to_dict() for s in self.standings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contrast as JSON text (what ``openness contrast --format json`` prints)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        """A plain-text rendering for terminals (control characters from inputs removed)."""
        return _text(self)

    def to_markdown(self) -> str:
        """A Markdown rendering (inputs escaped)."""
        return _markdown(self)

    def to_html(self) -> str:
        """A self-contained HTML page (no scripts, no external assets; inputs escaped)."""
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{h(self.title)}</title></head><body>{_html(self)}</body></html>\n"
        )

    def _repr_html_(self) -> str:
        return _html(self)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __str__(self) -> str:
        """The text rendering (:meth:`to_text`)."""
        return self.to_text()

    def __repr__(self) -> str:
        heads = ", ".join(f"{s.label} {s.headline} {s.status}" for s in self.standings if s.headline)
        return f"<Contrast of {self.model.get('id')!r}: {heads or 'no verdicts'}; {len(self.disagreements)} disagree>"


# --- words shared by the views -----------------------------------------------------------------------------------


def _headline(standing: Standing) -> str:
    if standing.headline is None:
        return "no verdicts"
    verdict = standing.verdict(standing.headline)
    text = f"{verdict.title} ({verdict.id}): {STATUS_WORDS[verdict.status]}"
    if standing.top:
        text += ", its highest verdict"
    return text


def _verdicts(standing: Standing) -> list[str]:
    """Each verdict, least demanding first: id, status, progress, and the facts not stated that leave it open."""
    found = []
    for verdict_id in standing.ladder:
        verdict = standing.verdict(verdict_id)
        text = f"{verdict.id} {STATUS_WORDS[verdict.status]} ({percent(verdict.progress)})"
        if verdict.unknown:
            text += f"; not known until stated: {', '.join(verdict.unknown)}"
        found.append(text)
    return found


def _shortfall(item: Shortfall) -> str:
    what = item.criterion or "score"
    grade = f" at least {item.grade}" if item.grade is not None else ""
    state = "undetermined" if item.holds is None else "not met"
    return f"{what}{grade} ({state}; now {item.now}): needs {item.needs}"


def _test(test: FactTest) -> str:
    where = f" ({test.criterion})" if test.criterion else " (unless)"
    return f"{test.rubric}{where}: {test.says}: {answer_words(test.answer)}"


def _kind(fact: DecidingFact, disagreement: Disagreement) -> str:
    if fact.kind == ONE_SIDED:
        return (
            f"required by {disagreement.trailing} only; {disagreement.leading}'s "
            f"{disagreement.leading_verdict.id} does not rest on it"
        )
    return _KIND_WORDS[fact.kind]


# --- text --------------------------------------------------------------------------------------------------------


def _text(contrast: Contrast) -> str:
    lines = [clean(contrast.title), "", "Rubrics:"]
    for standing in contrast.standings:
        rubric = standing.rubric
        lines.append(f"  {clean(standing.label)}: {clean(rubric['title'])} (version {clean(rubric['version'])})")
        lines.append(f"      score {score_range(standing)}")
        lines.append(f"      headline: {clean(_headline(standing))}")
        if standing.ladder:
            lines.append("      verdicts, least demanding first:")
            lines += [f"        - {clean(v)}" for v in _verdicts(standing)]
    pairs = len(contrast.disagreements) + len(contrast.agreements)
    lines += ["", f"Disagreements: {len(contrast.disagreements)} of {counted(pairs, 'pair')} compared"]
    for disagreement in contrast.disagreements:
        lines += ["", clean(disagreement.summary) + ".", f"  {clean(disagreement.explanation)}"]
        verdict = disagreement.trailing_verdict.id
        lines.append(f"  What {clean(disagreement.trailing)}'s {clean(verdict)} requires and this model does not meet:")
        lines += [f"    - {clean(_shortfall(s))}" for s in disagreement.shortfalls]
        if disagreement.facts:
            lines.append("  Deciding facts:")
        for fact in disagreement.facts:
            lines.append(f"    - {clean(fact.fact)} = {clean(fact.value)}")
            lines.append(f"      {clean(_kind(fact, disagreement))}:")
            lines += [f"        {clean(_test(t))}" for t in (*fact.trailing, *fact.leading)]
    if contrast.agreements:
        lines += ["", "Agreeing pairs:"]
        lines += [
            f"  {clean(a)} and {clean(b)}: both {STATUS_WORDS[contrast.standing(a).status or 'not-met']}"
            for a, b in contrast.agreements
        ]
    return "\n".join(lines) + "\n"


# --- Markdown ----------------------------------------------------------------------------------------------------


def _markdown(contrast: Contrast) -> str:
    lines = [
        f"## {md(contrast.title)}",
        "",
        "| rubric | score | headline verdict | verdicts, least demanding first |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {md(s.rubric['title'])} (`{md_code(s.label)}`) | {score_range(s)} | {md(_headline(s))} | "
        f"{'<br>'.join(md(v) for v in _verdicts(s)) or 'none'} |"
        for s in contrast.standings
    ]
    lines += ["", f"**Disagreements:** {len(contrast.disagreements)}"]
    for disagreement in contrast.disagreements:
        lines += ["", f"### {md(disagreement.summary)}", "", md(disagreement.explanation), ""]
        verdict = disagreement.trailing_verdict.id
        lines += [f"What {md(disagreement.trailing)}'s {md(verdict)} requires and this model does not meet:", ""]
        lines += [f"- {md(_shortfall(s))}" for s in disagreement.shortfalls]
        if disagreement.facts:
            lines += ["", "| fact | value | kind | tests |", "|---|---|---|---|"]
        for fact in disagreement.facts:
            tests = "<br>".join(md(_test(t)) for t in (*fact.trailing, *fact.leading))
            lines.append(f"| `{md_code(fact.fact)}` | {md(fact.value)} | {md(_kind(fact, disagreement))} | {tests} |")
    if contrast.agreements:
        lines += ["", "**Agreeing pairs:**", ""]
        lines += [
            f"- {md(a)} and {md(b)}: both {STATUS_WORDS[contrast.standing(a).status or 'not-met']}"
            for a, b in contrast.agreements
        ]
    return "\n".join(lines) + "\n"


# --- HTML --------------------------------------------------------------------------------------------------------

_LEVELS = {"met": "best", "undetermined": "unknown", "not-met": "worst"}


def _answer_class(answer: bool | None) -> str:
    return "unknown" if answer is None else "best" if answer else "worst"


def _html(contrast: Contrast) -> str:
    parts = [
        f'<div class="openness-report"><style>{STYLE}</style>',
        f"<h3>{h(contrast.title)}</h3>",
        "<table><tr><th>rubric</th><th>score</th><th>headline verdict</th>"
        "<th>verdicts, least demanding first</th></tr>",
    ]
    for standing in contrast.standings:
        level = _LEVELS.get(standing.status or "", "none")
        verdicts = "<br>".join(h(v) for v in _verdicts(standing)) or "none"
        parts.append(
            f"<tr><td>{h(standing.rubric['title'])}<br><code>{h(standing.label)}</code></td>"
            f'<td>{h(score_range(standing))}</td><td class="{level}">{h(_headline(standing))}</td>'
            f'<td class="small">{verdicts}</td></tr>'
        )
    parts.append("</table>")
    parts.append(f"<p><b>Disagreements:</b> {len(contrast.disagreements)}</p>")
    for disagreement in contrast.disagreements:
        parts += [f"<h4>{h(disagreement.summary)}</h4>", f"<p>{h(disagreement.explanation)}</p>"]
        verdict = disagreement.trailing_verdict.id
        parts.append(
            f"<p>What {h(disagreement.trailing)}'s <code>{h(verdict)}</code> requires and this model does not meet:</p>"
        )
        parts.append("<ul>" + "".join(f"<li>{h(_shortfall(s))}</li>" for s in disagreement.shortfalls) + "</ul>")
        if disagreement.facts:
            parts.append("<table><tr><th>fact</th><th>value</th><th>kind</th><th>tests</th></tr>")
        for fact in disagreement.facts:
            tests = "<br>".join(
                f'<span class="{_answer_class(t.answer)}">{h(_test(t))}</span>' for t in (*fact.trailing, *fact.leading)
            )
            parts.append(
                f'<tr><td><code>{h(fact.fact)}</code></td><td class="small">{h(fact.value)}</td>'
                f"<td>{h(_kind(fact, disagreement))}</td><td>{tests}</td></tr>"
            )
        if disagreement.facts:
            parts.append("</table>")
    if contrast.agreements:
        items = "".join(
            f"<li>{h(a)} and {h(b)}: both {h(STATUS_WORDS[contrast.standing(a).status or 'not-met'])}</li>"
            for a, b in contrast.agreements
        )
        parts.append(f"<p><b>Agreeing pairs:</b></p><ul>{items}</ul>")
    parts.append("</div>")
    return "".join(parts)


# --- the call ----------------------------------------------------------------------------------------------------


def contrast(
    descriptor: Descriptor | Mapping[str, Any] | str | Path,
    rubrics: Iterable[RubricLike],
) -> Contrast:
    """Score one model under several rubrics, and say why they disagree.

    ``descriptor`` is a :class:`Descriptor`, a mapping, a descriptor file or a catalogue id;
    ``rubrics`` (at least two) are :class:`Rubric` objects, mappings, files or built-in ids. Each
    rubric's *headline* verdict is the highest verdict the model meets (verdicts ordered by how
    much they require); when none is met, the lowest one facts not stated leave open, else the
    lowest one. Two rubrics disagree when their headline statuses differ, or when both meet a
    verdict and only one meets its highest; each disagreement names the requirements the trailing
    rubric's missed verdict makes that the model does not meet, and the facts that decide them: those
    only it requires, and those both rubrics test differently (licence readings).

    >>> import openness
    >>> found = openness.contrast("olmo-7b", ["osaid-1.0", "mof-1.0"])
    >>> found.disagreements[0].summary
    'osaid-1.0 meets open-source-ai while mof-1.0 misses class-3'
    >>> found.disagreements[0].facts[0].kind
    'licence-reading'
    """
    loaded = load_descriptor(descriptor)
    rubric_list = [load_rubric(r) for r in rubrics]
    if len(rubric_list) < 2:
        message = f"contrast needs at least two rubrics (got {len(rubric_list)})"
        raise OpennessError(message)
    reports = tuple(compile_rubric(r)(loaded) for r in rubric_list)
    standings, disagreements, agreements = analyse(loaded, rubric_list, reports)
    model = loaded.model
    return Contrast(
        model={"id": model.id, "name": model.name},
        standings=standings,
        disagreements=disagreements,
        agreements=agreements,
        reports=reports,
    )
