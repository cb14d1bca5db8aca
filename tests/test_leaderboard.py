"""The leaderboard: generated pages are current, their verdicts are what the rubrics compute, inputs are escaped."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

import openness
from openness import catalogue
from openness._render.leaderboard import board, board_html, board_markdown

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_leaderboard", REPO / "scripts" / "generate_leaderboard.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _expected(report: openness.Report, verdict_id: str) -> str:
    verdict = report.verdict(verdict_id)
    return "met" if verdict.met else f"not met ({verdict.progress * 100:.0f}%)"


def test_leaderboard_pages_are_current() -> None:
    """docs/leaderboard.md and docs/leaderboard.html are exactly what scripts/generate_leaderboard.py writes."""
    for name, text in _script().render().items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run scripts/generate_leaderboard.py"
        )


def _markdown_rows(text: str, rubric_id: str) -> dict[str, list[str]]:
    section = re.search(rf"^## .*\(`{re.escape(rubric_id)}` .*?$(.*?)^### ", text, re.MULTILINE | re.DOTALL)
    assert section, f"no section for {rubric_id}"
    rows: dict[str, list[str]] = {}
    for line in section.group(1).splitlines():
        found = re.match(r"\| .*?\(`([a-z0-9._-]+)`\) \| (.*) \|$", line)
        if found:
            rows[found.group(1)] = found.group(2).split(" | ")
    return rows


@pytest.mark.parametrize("rubric_id", openness.list_rubrics())
def test_markdown_verdicts_and_scores_are_what_score_computes(rubric_id: str) -> None:
    """Every catalogue model's row in the committed Markdown shows the score and verdicts openness.score gives."""
    rubric = openness.load_rubric(rubric_id)
    rows = _markdown_rows((DOCS / "leaderboard.md").read_text(encoding="utf-8"), rubric_id)
    assert sorted(rows) == catalogue.ids()
    for model_id, cells in rows.items():
        report = openness.score(catalogue.load(model_id), rubric)
        assert cells[0] == f"{report.score:.2f}", model_id
        verdicts = cells[1 : 1 + len(rubric.verdicts)]
        assert verdicts == [_expected(report, v.id) for v in rubric.verdicts], model_id
        grades = cells[1 + len(rubric.verdicts) :]
        assert [g.removesuffix(" (unsure facts)") for g in grades] == [r.grade for r in report.results], model_id


@pytest.mark.parametrize("rubric_id", openness.list_rubrics())
def test_html_verdicts_and_scores_are_what_score_computes(rubric_id: str) -> None:
    """Every catalogue model's row in the committed HTML shows the score and verdicts openness.score gives."""
    rubric = openness.load_rubric(rubric_id)
    text = (DOCS / "leaderboard.html").read_text(encoding="utf-8")
    for model_id in catalogue.ids():
        row = re.search(
            rf'<tr data-rubric="{re.escape(rubric_id)}" data-model="{re.escape(model_id)}">(.*?)</tr>', text
        )
        assert row, (rubric_id, model_id)
        report = openness.score(catalogue.load(model_id), rubric)
        assert f'data-score="{report.score:.2f}"' in row.group(1)
        for verdict in rubric.verdicts:
            cell = re.search(rf'data-verdict="{re.escape(verdict.id)}">([^<]*)</td>', row.group(1))
            assert cell, (model_id, verdict.id)
            assert cell.group(1) == _expected(report, verdict.id), (model_id, verdict.id)


def test_html_page_is_self_contained() -> None:
    """The HTML page loads nothing from elsewhere and runs no script."""
    text = (DOCS / "leaderboard.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    for forbidden in ("<script", "src=", "<link", "@import", "url("):
        assert forbidden not in text.lower(), forbidden


def test_models_are_ordered_by_score_then_id() -> None:
    """Within each rubric the best-scoring model comes first; ties go by id."""
    rubrics = [openness.load_rubric(r) for r in openness.list_rubrics()]
    for _, reports in board(catalogue.all(), rubrics):
        keys = [(-r.score, r.model["id"]) for r in reports]
        assert keys == sorted(keys)
        assert len(reports) == len(catalogue.ids())


HOSTILE = "<script>alert(1)</script> | *bold* `tick`"


def _hostile_descriptor() -> openness.Descriptor:
    return openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "hostile", "name": HOSTILE},
            "components": {"weights": {"access": "public", "licence": "MIT", "notes": HOSTILE}},
        }
    )


def test_untrusted_text_is_escaped() -> None:
    """A model name with HTML and Markdown syntax is escaped in both renderings."""
    data = board([_hostile_descriptor()], [openness.load_rubric("osaid-1.0")])
    html_text = board_html(data, intro=HOSTILE)
    assert "<script>" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    markdown = board_markdown(data, intro="")
    assert "<script>" not in markdown
    assert r"\| \*bold\* \`tick\`" in markdown
    row = next(line for line in markdown.splitlines() if "(`hostile`)" in line)
    assert row.count(" | ") == 2 + len(data[0][0].verdicts) + len(data[0][0].criteria) - 1
