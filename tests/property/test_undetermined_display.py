"""Hypothesis properties: whatever a descriptor leaves unstated, no renderer shows it as closed or not met.

For any descriptor the strategies draw for a shipped rubric, every verdict the stated facts leave open reads
"undetermined" on its own line (text report, Markdown report, comparison) and every grade they leave open
reads "as stated" (text report, SARIF message, JUnit skip), never a bare grade or "not met".
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import openness
from openness._cli.formats import render
from openness._cli.model_inputs import ModelInput
from openness._cli.scored import Scored
from openness._model.markup import md, status_words
from openness._words import clean
from openness.strategies import descriptor_dicts

RUBRICS = openness.list_rubrics()


@st.composite
def _reports(draw: st.DrawFn) -> tuple[openness.Rubric, openness.Descriptor, openness.Report]:
    rubric = openness.load_rubric(draw(st.sampled_from(RUBRICS)))
    descriptor = openness.load_descriptor(draw(descriptor_dicts(rubric)))
    return rubric, descriptor, openness.score(descriptor, rubric)


def _line(text: str, marker: str) -> str:
    (line,) = [line for line in text.splitlines() if marker in line]
    return line


@given(_reports())
def test_text_and_markdown_say_undetermined_on_the_verdict_line(drawn: tuple[Any, Any, openness.Report]) -> None:
    """Each verdict's line in the text and Markdown reports carries its own status: undetermined, met or not met."""
    _, _, report = drawn
    text, markdown = report.to_text(), report.to_markdown()
    verdict_rows = markdown.split("| verdict | status | progress |")[1].split("\n\n")[0]
    for verdict in report.verdicts:
        line = _line(text, f"({clean(verdict.id)}), progress ")
        assert line.startswith(f"  [{status_words(verdict)}] "), line
        row = next(row for row in verdict_rows.splitlines() if row.startswith(f"| {md(verdict.title)} | "))
        assert row.split(" | ")[1] == status_words(verdict), row
        if verdict.status == "undetermined":
            assert "undetermined" in line
            assert "undetermined" in row
            assert "not met" not in line
            assert "not met" not in row
    for result in report.results:
        line = _line(text, f"  {clean(result.criterion)}: ")
        assert (" as stated, " in line) == (not result.determined), line


@given(_reports())
def test_comparison_sarif_and_junit_keep_unknown_apart(drawn: tuple[Any, Any, openness.Report]) -> None:
    """A comparison's verdict row, a SARIF finding and a JUnit case say undetermined where the facts leave it open."""
    rubric, descriptor, report = drawn
    comparison = openness.compare([report], rubric).to_text()
    for verdict in report.verdicts:
        row = _line(comparison, f"verdict: {clean(verdict.id)} ")
        assert row.split()[-1] == status_words(verdict).split()[-1], row
        assert ("undetermined" in row) == (verdict.status == "undetermined"), row
    scored = [Scored(model=ModelInput(descriptor=descriptor, location="m.toml"), rubric=rubric, report=report)]
    below = [r for r in report.results if r.points < r.max_points]
    findings = json.loads(render(scored, "sarif"))["runs"][0]["results"]
    assert len(findings) == len(below)
    for finding, result in zip(findings, below, strict=True):
        assert (finding["level"] == "note") == (not result.determined)
        if not result.determined:
            assert f" is {result.grade} as stated, " in finding["message"]["text"]
    cases = ET.fromstring(render(scored, "junit")).iter("testcase")  # noqa: S314 - our own output
    for case, result in zip(cases, report.results, strict=True):
        if result.points >= result.max_points:
            assert list(case) == []
        elif result.determined:
            assert case.find("failure") is not None
        else:
            skipped = case.find("skipped")
            assert skipped is not None
            assert case.find("failure") is None
            assert skipped.get("message", "").startswith("undetermined: ")
