"""``openness explain``: what a rubric's criteria check and why, in words, from the rubric file."""

from __future__ import annotations

import textwrap

from openness._model.conditions import describe
from openness._model.rubric import Criterion, Rubric
from openness._model.views import verdict_needs
from openness._words import clean

__all__ = ["explain_criterion", "explain_rubric"]


def _para(text: str | None, indent: str = "  ") -> list[str]:
    if not text:
        return []
    flowed = " ".join(clean(text).split())
    return textwrap.wrap(flowed, width=100, initial_indent=indent, subsequent_indent=indent)


def _source(rubric: Rubric) -> str:
    parts = [f"Source: {clean(rubric.source)}"]
    if rubric.retrieved:
        parts.append(f"retrieved {clean(rubric.retrieved)}")
    if rubric.licence:
        parts.append(f"text under {clean(rubric.licence)}")
    return ", ".join(parts)


def explain_rubric(rubric: Rubric) -> str:
    """The rubric: source, description, interpretation, scale, criteria and verdicts."""
    lines = [f"{clean(rubric.title)} ({clean(rubric.id)} {clean(rubric.version)})", _source(rubric), ""]
    if rubric.description:
        lines += ["What it measures:", *_para(rubric.description), ""]
    if rubric.interpretation:
        lines += ["How openness reads it:", *_para(rubric.interpretation), ""]
    lines.append("Grades, best first: " + ", ".join(f"{clean(g)} ({rubric.scale[g]:g})" for g in rubric.grades))
    lines += ["", "Criteria (openness explain RUBRIC CRITERION for details):"]
    for criterion in rubric.criteria:
        group = f", group {clean(criterion.group)}" if criterion.group else ""
        lines.append(f"  {clean(criterion.id)}: {clean(criterion.title)} (weight {criterion.weight:g}{group})")
    if rubric.verdicts:
        lines += ["", "Verdicts:"]
        for verdict in rubric.verdicts:
            needs = verdict_needs(verdict, str, str)
            lines.append(f"  {clean(verdict.id)}: {clean(verdict.title)}; needs {clean('; '.join(needs))}")
    return "\n".join(lines) + "\n"


def explain_criterion(rubric: Rubric, criterion: Criterion) -> str:
    """One criterion: what it checks (each level's condition in words), why, and where that comes from."""
    group = f", group {clean(criterion.group)}" if criterion.group else ""
    lines = [
        f"{clean(criterion.title)} ({clean(criterion.id)}), in {clean(rubric.title)} ({clean(rubric.id)} "
        f"{clean(rubric.version)})",
        f"Weight {criterion.weight:g}{group}",
        "",
    ]
    if criterion.description:
        lines += ["Why it matters:", *_para(criterion.description), ""]
    lines.append("What it checks (levels, best first; the first level whose condition holds is the grade):")
    for level in criterion.levels:
        lines.append(f"  {clean(level.grade)}: {clean(level.requirement_text())}")
        if level.says and level.when is not None:
            lines += _para(f"condition: {describe(level.when)}", indent="      ")
        elif level.when is None:
            lines.append("      (no condition: reached whenever the levels above are not)")
    lines.append(f"  {clean(rubric.lowest_grade)}: otherwise")
    lines += ["", "Facts it reads:"]
    facts = [f"components.{key}" for key in criterion.components()]
    facts += [f"assessments.{a}.{p}" for a, p in criterion.assessments()]
    lines += [f"  {clean(f)}" for f in facts] or ["  none"]
    lines += ["  A fact a descriptor does not state is unknown, and a level whose condition is unknown is not reached."]
    if criterion.interpretation:
        lines += ["", "How openness interprets the source:", *_para(criterion.interpretation)]
    if rubric.interpretation:
        lines += ["", "Rubric-wide interpretation:", *_para(rubric.interpretation)]
    used = [v for v in rubric.verdicts if any(criterion.id in r.criteria for r in v.requires)]
    if used:
        lines += ["", "Verdicts that require it:"]
        for verdict in used:
            grades = [r.grade for r in verdict.requires if criterion.id in r.criteria]
            lines.append(f"  {clean(verdict.id)} ({clean(verdict.title)}): at least {clean(' and '.join(grades))}")
    lines += ["", _source(rubric)]
    return "\n".join(lines) + "\n"
