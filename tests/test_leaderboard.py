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
    words = {"met": "met", "not-met": "not met", "undetermined": "undetermined"}[verdict.status]
    return words if verdict.met else f"{words} ({verdict.progress * 100:.0f}%)"


def _score(report: openness.Report) -> str:
    best = f" to {report.best_score:.2f}" if report.best_score != report.score else ""
    return f"{report.score:.2f}{best}"


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
        assert cells[0] == _score(report), model_id
        verdicts = cells[1 : 1 + len(rubric.verdicts)]
        assert verdicts == [_expected(report, v.id) for v in rubric.verdicts], model_id
        grades = cells[1 + len(rubric.verdicts) :]
        stated = [g.removesuffix(" (unsure facts)").split(" as stated, ")[0] for g in grades]
        assert stated == [r.grade for r in report.results], model_id
        assert [" as stated, " in g for g in grades] == [not r.determined for r in report.results], model_id


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
        assert (
            f'data-score="{report.score:.2f}" data-best-score="{report.best_score:.2f}">{_score(report)}<'
            in row.group(1)
        )
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


def test_models_are_ordered_by_score_then_best_score_then_id() -> None:
    """Within each rubric the best-scoring model comes first; ties go by best score, then by id."""
    rubrics = [openness.load_rubric(r) for r in openness.list_rubrics()]
    for _, reports in board(catalogue.all(), rubrics):
        keys = [(-r.score, -r.best_score, r.model["id"]) for r in reports]
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


def test_undetermined_verdicts_and_open_grades_are_not_shown_as_not_met() -> None:
    """A model with facts not stated: its verdict undetermined, its score a range, its grades as stated and at best."""
    unknown = openness.load_descriptor(REPO / "tests" / "golden" / "inputs" / "example-unknown.toml")
    data = board([unknown], [openness.load_rubric("osaid-1.0")])
    markdown, html_text = board_markdown(data), board_html(data)
    row = next(line for line in markdown.splitlines() if "(`example-unknown`)" in line and line.startswith("| "))
    cells = row.split(" | ")[1:]
    assert cells[:2] == ["0.17 to 1.00", "undetermined (0%)"]
    assert cells[2:] == [
        "closed as stated, open at best",
        "closed as stated, open at best",
        "partial as stated, open at best |",
    ]
    assert '<td class="unknown" data-verdict="open-source-ai">undetermined (0%)</td>' in html_text
    assert 'data-score="0.17" data-best-score="1.00">0.17 to 1.00</td>' in html_text
    for rendering in (markdown, html_text):
        assert "not met" not in rendering


def test_equal_scores_rank_the_higher_best_score_first() -> None:
    """Of two models with the same score as stated, the one facts not stated could raise further comes first."""
    components = ("weights", "training-data", "data-card", "training-code", "data-preprocessing-code", "inference-code")
    closed = {
        "format": 1,
        "model": {"id": "a-closed", "name": "A"},
        "components": {name: {"access": "not-released"} for name in components},
    }
    unknown = {"format": 1, "model": {"id": "z-unknown", "name": "Z"}, "components": {}}
    rubric = openness.load_rubric("osaid-1.0")
    reports = board([openness.load_descriptor(d) for d in (closed, unknown)], [rubric])[0][1]
    assert [r.model["id"] for r in reports] == ["z-unknown", "a-closed"]
    assert reports[0].score == reports[1].score == 0
    assert reports[0].best_score > reports[1].best_score
