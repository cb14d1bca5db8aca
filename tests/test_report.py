"""Report data and renderings: dict/JSON layout, golden files, escaping."""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import openness
from openness._model.markup import grade_level
from openness._scoring import texts as _explanations

INPUTS = Path(__file__).resolve().parent / "golden" / "inputs"
#: (model, rubric) pairs with golden text, Markdown, JSON and HTML: each rubric once or more, and between them every
#: branch of the renderers (test_golden_cases_cover_every_rendering_path checks that the inputs still give them).
CASES = [
    ("example-gated", "osaid-1.0"),  # one verdict, not met; unsure and unknown facts; sources with notes; the full page
    ("example-open", "openness-default"),  # every verdict met, nothing to raise
    ("example-unknown", "openness-default"),  # a warning, no model sources, markup characters in the model's name
    ("example-gated", "mof-1.0"),  # tiered verdicts, many things to change, criteria worth no points
    ("example-open", "mot-1.0"),  # a verdict in progress, neither met nor at 0%
    ("example-unknown", "osai-2023"),  # no verdicts; assessments unknown, evidence without sources
    ("example-gated", "osai-index"),  # no verdicts; evidence with sources
    ("example-open", "eu-ai-act-2024"),  # fact checks: unknown numbers and yes/no answers, undetermined verdicts
]
#: The case whose HTML golden file is the whole page, stylesheet included; the others have a placeholder for it.
FULL_PAGE = ("example-gated", "osaid-1.0")


def _report(model: str, rubric: str) -> openness.Report:
    return openness.score(openness.load_descriptor(INPUTS / f"{model}.toml", source=f"{model}.toml"), rubric)


@pytest.mark.parametrize(("model", "rubric"), CASES)
def test_rendered_reports_match_golden_files(
    model: str, rubric: str, golden: Callable[[str, str], None], golden_html: Callable[[str, str], None]
) -> None:
    """Text, Markdown, JSON and HTML renderings of reports match their golden files (one HTML page in full)."""
    report = _report(model, rubric)
    golden(f"{model}.{rubric}.txt", report.to_text())
    golden(f"{model}.{rubric}.md", report.to_markdown())
    golden(f"{model}.{rubric}.json", report.to_json() + "\n")
    (golden if (model, rubric) == FULL_PAGE else golden_html)(f"{model}.{rubric}.html", report.to_html())


def test_golden_cases_cover_every_rendering_path() -> None:
    """Between them the golden cases render each built-in rubric and each branch the report renderers take."""
    reports = [_report(model, rubric) for model, rubric in CASES]
    verdicts = [v for r in reports for v in r.verdicts]
    results = [x for r in reports for x in r.results]
    evidence = [e for x in results for e in x.evidence]
    assert {r.rubric["id"] for r in reports} == set(openness.list_rubrics())
    assert FULL_PAGE in CASES
    paths = {
        "verdict met": any(v.met for v in verdicts),
        "verdict at 0%": any(v.progress == 0 for v in verdicts),
        "verdict in progress": any(0 < v.progress < 1 and not v.met for v in verdicts),
        "things to change": any(v.missing for v in verdicts),
        "no verdicts": any(not r.verdicts for r in reports),
        "to raise": any(x.to_raise for x in results),
        "nothing to raise": any(not x.to_raise for x in results),
        "unknown facts": any(x.unknown for x in results),
        "undetermined grade": any(not x.determined for x in results),
        "verdict undetermined": any(v.status == "undetermined" for v in verdicts),
        "verdict not met": any(v.status == "not-met" for v in verdicts),
        "score below its best": any(r.best_score != r.score for r in reports),
        "unsure facts": any(x.unsure for x in results),
        "warnings": any(r.warnings for r in reports),
        "model sources": any(r.model.get("sources") for r in reports),
        "no model sources": any(not r.model.get("sources") for r in reports),
        "evidence with a source": any(e.sources for e in evidence),
        "evidence with a source note": any(e.sources and e.source_note for e in evidence),
        "evidence without a source": any(not e.sources for e in evidence),
    }
    assert [path for path, covered in paths.items() if not covered] == []
    assert {grade_level(x) for x in results} == {"best", "middle", "worst", "none", "unknown"}


def test_to_dict_layout_and_json() -> None:
    """to_dict starts with the version header, uses the attribute names as keys, and to_json is its JSON."""
    report = openness.score(openness.catalogue.load("olmo-7b"), "osaid-1.0")
    data = report.to_dict()
    assert list(data)[:4] == ["format", "openness", "rubric", "model"]
    assert data["format"] == 2
    assert data["openness"] == openness.__version__
    assert (data["score"], data["best_score"]) == (report.score, report.best_score)
    assert {"best_grade", "determined"} <= set(data["results"][0])
    assert {"status", "unknown"} <= set(data["verdicts"][0])
    assert {"criterion", "grade", "points", "reason", "evidence"} <= set(data["results"][0])
    assert {"id", "title", "met", "progress"} <= set(data["verdicts"][0])
    assert json.loads(report.to_json()) == data


def _hostile_descriptor() -> openness.Descriptor:
    return openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "evil", "name": 'Evil <script>alert(1)</script> "><img src=x onerror=alert(2)>'},
            "components": {
                "weights": {
                    "access": "public",
                    "licence": "<b>bold</b>",
                    "sources": ["javascript:alert(3)"],
                }
            },
        }
    )


def test_html_escapes_everything_from_inputs() -> None:
    """Names, licences and sources from a descriptor appear as text in HTML, never as markup or links."""
    report = openness.score(_hostile_descriptor(), "osaid-1.0")
    for page in (report.to_html(), report._repr_html_()):
        assert "<script>" not in page
        assert "<img" not in page
        assert "<b>bold" not in page
        assert 'href="javascript:' not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_text_strips_terminal_control_sequences() -> None:
    """Control characters from inputs never reach the terminal."""
    descriptor = openness.load_descriptor(
        {"format": 1, "model": {"id": "m", "name": "M\x1b[2J\x07\u202e"}, "components": {}}
    )
    text = openness.score(descriptor).to_text()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", text)


def test_markdown_escapes_table_syntax() -> None:
    """Pipes and markup in inputs cannot break the Markdown table."""
    descriptor = openness.load_descriptor({"format": 1, "model": {"id": "m", "name": "a | b <i>"}, "components": {}})
    markdown = openness.score(descriptor).to_markdown()
    assert "a \\| b &lt;i&gt;" in markdown


def test_explanations_are_written_once_when_first_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring decides the numbers; reasons and evidence are written on first read, once."""
    calls: list[str] = []
    real = _explanations._explain

    def counting(*args: object) -> object:
        calls.append("explain")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_explanations, "_explain", counting)
    report = openness.score(openness.catalogue.load("olmo-7b"), "osaid-1.0")
    assert (report.score, report.points, report.max_points) != (0.0, 0.0, 0.0)
    assert report.met == ("open-source-ai",)
    assert calls == []
    assert report.results[0].reason
    assert report.verdicts
    assert report.warnings == ()
    assert calls == ["explain"]


def test_a_scored_report_equals_the_same_report_built_from_its_parts() -> None:
    """A report from the engine equals one built from its fields, survives pickle, and stays immutable."""
    report = openness.score(openness.catalogue.load("llama-2-7b"), "mof-1.0")
    built = openness.Report(
        rubric=report.rubric,
        model=report.model,
        score=report.score,
        points=report.points,
        max_points=report.max_points,
        verdicts=report.verdicts,
        results=report.results,
        warnings=report.warnings,
        best_score=report.best_score,
    )
    assert built == report
    assert built.met == report.met == tuple(v.id for v in report.verdicts if v.met)
    assert built != openness.score(openness.catalogue.load("olmo-7b"), "mof-1.0")
    assert pickle.loads(pickle.dumps(openness.score(openness.catalogue.load("llama-2-7b"), "mof-1.0"))) == report  # noqa: S301
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.score = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(report)


def test_explanations_read_licences_under_the_limits_scoring_used() -> None:
    """A report read outside the limits it was scored under still explains what scoring saw."""
    long = "Apache-2.0 AND " * 4 + "MIT"
    data = {
        "format": 1,
        "model": {"id": "m", "name": "M"},
        "components": {"weights": {"access": "public", "licence": long}},
    }
    # mot-1.0 matches licence strings exactly, so scoring never reads them: only the explanation does.
    with openness.limits.limited(max_licence_length=50):
        expected = openness.score(data, "mot-1.0").to_json()
        late = openness.score(data, "mot-1.0")
    assert "max_licence_length" in expected
    assert late.to_json() == expected
    assert openness.score(data, "mot-1.0").to_json() != expected


def test_an_unknown_verdict_lists_the_verdicts_and_suggests_a_close_one() -> None:
    """``report.verdict`` of an id the report lacks raises an UnknownIdError, a KeyError too, naming the ids."""
    report = openness.score("olmo-7b", "osaid-1.0")
    with pytest.raises(openness.UnknownIdError) as caught:
        report.verdict("open-source")
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, openness.OpennessError)
    known = ", ".join(v.id for v in report.verdicts)
    assert str(caught.value) == (
        "the report of 'olmo-7b' under 'osaid-1.0' has no verdict 'open-source' "
        f"(did you mean 'open-source-ai'?); its verdicts: {known}"
    )


def test_an_unknown_criterion_lists_the_criteria() -> None:
    """``report.result`` of an unknown id raises a KeyError listing the criteria, no guess when none is close."""
    report = openness.score("olmo-7b", "osaid-1.0")
    with pytest.raises(KeyError) as caught:
        report.result("nope")
    known = ", ".join(r.criterion for r in report.results)
    assert (
        str(caught.value) == f"the report of 'olmo-7b' under 'osaid-1.0' has no criterion 'nope'; its criteria: {known}"
    )
    assert pickle.loads(pickle.dumps(caught.value)).args == caught.value.args  # noqa: S301 - pickled here


def test_evidence_borrowing_the_model_sources_says_so() -> None:
    """A component stating no sources cites the model's, flagged in the evidence, its JSON and its text."""
    descriptor = {
        "format": 1,
        "model": {"id": "m", "name": "M", "sources": ["https://example.org/model"]},
        "components": {
            "weights": {"access": "public"},
            "training-code": {"access": "public", "sources": ["https://example.org/code"]},
        },
    }
    report = openness.score(descriptor, "osaid-1.0")
    weights = next(e for r in report.results for e in r.evidence if e.fact == "components.weights.access")
    code = next(e for r in report.results for e in r.evidence if e.fact == "components.training-code.access")
    assert (weights.sources, weights.sources_from_model) == (("https://example.org/model",), True)
    assert (code.sources, code.sources_from_model) == (("https://example.org/code",), False)
    evidence = [e for r in report.to_dict()["results"] for e in r["evidence"]]
    assert {"fact": "components.weights.access", "sources_from_model": True}.items() <= next(
        e for e in evidence if e["fact"] == "components.weights.access"
    ).items()
    assert (
        "* components.weights.access = public <https://example.org/model> "
        "(the model's sources; the component states none)" in report.to_text()
    )
    assert "<https://example.org/code> (" not in report.to_text()


def test_print_shows_the_text_report_and_repr_stays_short() -> None:
    """``str(report)`` is the text rendering; ``repr(report)`` is one short line."""
    report = openness.score("olmo-7b", "osaid-1.0")
    assert str(report) == report.to_text()
    assert repr(report) == "<Report 'olmo-7b' under 'osaid-1.0': score 1.00, verdicts met: open-source-ai>"
