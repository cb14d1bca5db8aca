"""openness.diff and `openness diff`: changed catalogue models with reasons, and generated witnesses."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import openness
from openness._cli.main import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
OLD = "osaid-1.0"
#: A draft OSAID in which gated weights under any commercial-use licence count as open parameters.
LOOSER_PARAMETERS = (
    '  when = { component = "weights", access = "public", licence = "osd-conformant" }',
    '  when = { component = "weights", access = ["public", "gated"], licence = "commercial-use" }',
)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """osaid-1.0 with its 'parameters: open' level loosened, as version 1.1-draft."""
    text = (REPO / "rubrics" / "osaid-1.0.toml").read_text(encoding="utf-8")
    assert LOOSER_PARAMETERS[0] in text
    text = text.replace(*LOOSER_PARAMETERS).replace('version = "1.0"', 'version = "1.1-draft"', 1)
    path = tmp_path / "osaid-1.1-draft.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _changed_by_direct_scoring(draft: Path) -> set[str]:
    """The catalogue models whose parameters grade differs when each is scored under both rubrics."""
    old, new = openness.load_rubric(OLD), openness.load_rubric(draft)
    return {
        descriptor.id
        for descriptor in openness.catalogue.all()
        if openness.score(descriptor, old).result("parameters").grade
        != openness.score(descriptor, new).result("parameters").grade
    }


def test_diff_lists_changed_catalogue_models_with_reasons(draft: Path) -> None:
    """Models whose weights are not OSD-licensed but allow commercial use move from partial to open."""
    result = openness.diff(OLD, draft, witnesses=0)
    changed = {m.model: m for m in result.changed_models}
    assert set(changed) == _changed_by_direct_scoring(draft)
    assert {"bloom", "llama-3.1-8b"} <= set(changed)
    (change,) = changed["llama-3.1-8b"].criteria
    assert (change.criterion, change.old, change.new) == ("parameters", "partial", "open")
    assert change.old_reason is not None
    assert change.old_reason.startswith("partial: Final model weights: a gated download")
    assert change.new_reason is not None
    assert change.new_reason.startswith("open: Final model weights: a gated download")
    assert {m.model for m in result.models} == set(openness.catalogue.ids())


def test_diff_generates_minimal_witnesses(draft: Path) -> None:
    """A witness for the parameters criterion is one component: weights under non-OSD commercial terms."""
    result = openness.diff(OLD, draft, witnesses=3)
    by_aspect = {w.aspect: w for w in result.witnesses}
    assert set(by_aspect) == {"criterion parameters", "verdict open-source-ai"}
    witness = by_aspect["criterion parameters"]
    assert list(witness.descriptor.components) == ["weights"]
    weights = witness.descriptor.components["weights"]
    reading = openness.licences.read(str(weights.licence))
    assert reading.check(("commercial-use",)) is True
    assert reading.check(("osd-conformant",)) is not True
    old = openness.score(witness.descriptor, OLD).result("parameters").grade
    new = openness.score(witness.descriptor, draft).result("parameters").grade
    assert old != new
    verdict = by_aspect["verdict open-source-ai"].change.verdicts
    assert [(v.verdict, v.old, v.new) for v in verdict] == [("open-source-ai", False, True)]
    assert [(v.old_status, v.new_status) for v in verdict] == [("not-met", "met")]


def test_identical_rubrics_have_no_changes_and_no_witness() -> None:
    """Comparing a rubric with itself finds nothing to change and nothing to witness."""
    result = openness.diff(OLD, OLD)
    assert result.changed_models == ()
    assert result.witnesses == ()
    assert result.unwitnessed == ()


def test_models_from_a_folder(tmp_path: Path, draft: Path) -> None:
    """--models DIR reads every descriptor file in the folder."""
    models = tmp_path / "models"
    models.mkdir()
    llama = openness.catalogue.load("llama-3.1-8b")
    (models / "llama.toml").write_text(llama.to_toml(), encoding="utf-8")
    result = openness.diff(OLD, draft, models, witnesses=0)
    assert [m.model for m in result.models] == ["llama-3.1-8b"]


def test_cli_text_output(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`openness diff` prints the changed models, their reasons and the witnesses."""
    assert main(["diff", OLD, str(draft), "--witnesses", "1"]) == 0
    out = capsys.readouterr().out
    changed, total = len(_changed_by_direct_scoring(draft)), len(openness.catalogue.ids())
    assert out.startswith(
        f"Rubric diff: osaid-1.0 1.0 -> osaid-1.0 1.1-draft\n\nModels: {changed} of {total} change grade or verdict."
    )
    assert "llama-3.1-8b (Llama 3.1 8B): score 0.50 -> 0.67\n  parameters: partial -> open\n    old: partial:" in out
    assert "Generated witnesses: 1\n\nwhere criterion parameters:" in out
    assert '    [components.weights]\n    access = "' in out


def test_cli_json_output(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json gives the versioned diff document, witnesses as descriptor mappings."""
    assert main(["diff", OLD, str(draft), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data)[:4] == ["format", "openness", "old", "new"]
    assert data["new"]["version"] == "1.1-draft"
    assert [m["model"] for m in data["models"]] == sorted(_changed_by_direct_scoring(draft))
    assert data["witnesses"]
    descriptor = data["witnesses"][0]["descriptor"]
    assert openness.load_descriptor(descriptor).components["weights"].licence


def test_cli_rejects_a_bad_models_argument(capsys: pytest.CaptureFixture[str]) -> None:
    """--models that is neither 'catalogue' nor a folder is a bad input (exit 2)."""
    assert main(["diff", OLD, OLD, "--models", "nowhere", "--witnesses", "0"]) == 2
    assert "--models must be 'catalogue' or a folder" in capsys.readouterr().err


def test_diff_is_exported_lazily() -> None:
    """openness.diff is listed in dir() and resolves without importing Hypothesis at import time."""
    assert "diff" in dir(openness)
    assert callable(openness.diff)
    assert tomllib  # the TOML reader the fixtures rely on
