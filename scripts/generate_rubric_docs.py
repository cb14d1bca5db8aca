"""Regenerate ``docs/rubrics.md`` from the built-in rubric files.

    python scripts/generate_rubric_docs.py

A test checks the committed page equals what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openness
from openness._model.views import verdict_needs

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rubrics.md"

INTRO = """# The built-in rubrics

Generated from `rubrics/*.toml` by `scripts/generate_rubric_docs.py`; do not edit by hand.
Each rubric names its source and says where it interprets it. `openness.load_rubric(ID)` loads one;
the [rubric format](rubric-format.md) explains the fields. Grades not reached by any level fall to the
scale's lowest grade ("otherwise" below).
"""


def _paragraph(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def render() -> str:
    """The text of docs/rubrics.md."""
    out = [INTRO]
    for rubric_id in openness.list_rubrics():
        rubric = openness.load_rubric(rubric_id)
        default = " (the default)" if rubric_id == "openness-default" else ""
        out += [f"## {rubric.title}{default}", "", f"- id: `{rubric.id}`, version {rubric.version}"]
        out.append(f"- source: {rubric.source}")
        if rubric.licence:
            out.append(f"- licence of the rubric text: {rubric.licence}")
        if rubric.retrieved:
            out.append(f"- source read on: {rubric.retrieved}")
        scale = ", ".join(f"{grade} = {rubric.scale[grade]:g}" for grade in rubric.grades)
        out += [f"- scale: {scale}", ""]
        if rubric.description:
            out += [_paragraph(rubric.description), ""]
        if rubric.interpretation:
            out += [f"**Interpretation.** {_paragraph(rubric.interpretation)}", ""]
        out += ["### Criteria", ""]
        for criterion in rubric.criteria:
            out.append(f"#### `{criterion.id}`: {criterion.title} (weight {criterion.weight:g})")
            out.append("")
            if criterion.description:
                out += [_paragraph(criterion.description), ""]
            if criterion.interpretation:
                out += [f"*Interpretation:* {_paragraph(criterion.interpretation)}", ""]
            out += [f"- **{level.grade}**: {level.requirement_text()}" for level in criterion.levels]
            out += [f"- **{rubric.lowest_grade}**: otherwise", ""]
        if rubric.verdicts:
            out += ["### Verdicts", ""]
            for verdict in rubric.verdicts:
                parts = verdict_needs(verdict, lambda c: f"`{c}`", str)
                out.append(f"- `{verdict.id}` ({verdict.title}): {'; '.join(parts)}.")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    """Write the page."""
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
