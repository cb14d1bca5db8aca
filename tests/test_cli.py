"""The command line: output, formats and exit codes."""

from __future__ import annotations

import argparse
import io
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import run_cli

import openness
from openness._cli.main import main
from openness.importers import hf

_run = run_cli


def test_score_catalogue_model_text(capsys: pytest.CaptureFixture[str]) -> None:
    """`openness score ID` prints the report for a catalogue model with the default rubric."""
    code, out, err = _run(capsys, "score", "olmo-7b")
    assert (code, err) == (0, "")
    assert out == openness.score(openness.catalogue.load("olmo-7b")).to_text()


def test_score_json_is_exactly_to_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON output is the report's to_json(), starting with the format version."""
    code, out, _ = _run(capsys, "score", "llama-3.1-8b", "--rubric", "osaid-1.0", "--format", "json")
    assert code == 0
    report = openness.score(openness.catalogue.load("llama-3.1-8b"), "osaid-1.0")
    assert out == report.to_json() + "\n"
    assert next(iter(json.loads(out))) == "format"


def test_score_descriptor_file_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A descriptor path is scored; markdown output is the report's Markdown."""
    path = tmp_path / "m.toml"
    path.write_text('format = 1\n[model]\nid = "m"\nname = "M"\n', encoding="utf-8")
    code, out, _ = _run(capsys, "score", str(path), "--format", "markdown")
    assert code == 0
    assert out.startswith("## M (m) under openness default rubric")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["score", "olmo7b"],
            "openness: 'olmo7b' is neither a descriptor file nor a catalogue model (did you mean 'olmo-7b'?)",
        ),
        (["score", "olmo-7b", "--rubric", "osaid"], "openness: no built-in rubric 'osaid'"),
        (["score", "missing.toml"], "openness: missing.toml: cannot read file"),
        (["score", "olmo-7b", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_exits_2_with_error_on_stderr(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Bad input or options: exit 2, the error on stderr, nothing on stdout."""
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err


def test_rubrics_lists_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    """`openness rubrics` lists every built-in rubric and marks the default."""
    code, out, _ = _run(capsys, "rubrics")
    assert code == 0
    expected = [f"{r} (default)" if r == "openness-default" else r for r in openness.list_rubrics()]
    assert [line.split(":")[0] for line in out.splitlines()] == expected
    assert {"mot-1.0", "mof-1.0", "osai-2023", "osai-index", "osaid-1.0"} <= set(openness.list_rubrics())


def test_summaries_keep_undetermined_verdicts_apart_from_unmet_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """The several-report summary gives undetermined verdicts their own column and the score its best."""
    unknown = str(Path(__file__).resolve().parent / "golden" / "inputs" / "example-unknown.toml")
    code, out, _ = _run(capsys, "score", "mistral-7b", unknown, "--rubric", "osaid-1.0")
    assert code == 0
    assert out.splitlines()[2:5] == [
        "model            rubric     score         verdicts met  undetermined",
        "mistral-7b       osaid-1.0  0.50          none          none",
        "example-unknown  osaid-1.0  0.17 to 1.00  none          open-source-ai",
    ]
    code, out, _ = _run(capsys, "score", "mistral-7b", unknown, "--rubric", "osaid-1.0", "--format", "html")
    assert "<td>0.17 to 1.00</td><td>none</td><td>open-source-ai</td>" in out


def test_catalogue_line_says_which_verdicts_are_undetermined(capsys: pytest.CaptureFixture[str]) -> None:
    """`openness catalogue` names a verdict facts not stated leave open as undetermined, never as not met."""
    code, out, _ = _run(capsys, "catalogue")
    assert code == 0
    lines = dict(line.split(": ", 1) for line in out.splitlines())
    seen = set()
    for descriptor in openness.catalogue.all():
        report = openness.score(descriptor)
        line = lines[descriptor.id]
        for verdict in report.verdicts:
            seen.add(verdict.status)
            assert (f"{verdict.id} undetermined" in line) == (verdict.status == "undetermined"), line
        if report.best_score != report.score:
            assert f"score {report.score:.2f} to {report.best_score:.2f} (" in line
        if not any(v.status in {"met", "undetermined"} for v in report.verdicts):
            assert line.endswith("(no verdict met)")
    assert seen == {"met", "not-met", "undetermined"}


def test_catalogue_and_licence_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """`openness catalogue` lists every model; `openness licence` explains a licence string."""
    code, out, _ = _run(capsys, "catalogue")
    assert code == 0
    assert len(out.splitlines()) == len(openness.catalogue.ids())
    code, out, _ = _run(capsys, "licence", "llama3.1")
    assert code == 0
    assert "'llama3.1' reads as: LicenseRef-Llama-3.1" in out
    assert "Cap: 700,000,000 monthly active users." in out


def test_python_dash_m_entry_point() -> None:
    """`python -m openness` runs the same command line."""
    result = subprocess.run([sys.executable, "-m", "openness", "rubrics"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "osaid-1.0" in result.stdout


# --- several models and rubrics, output formats, -o -------------------------------------------------------------

CARDS = Path(__file__).resolve().parent / "data" / "model-cards"
GOLDEN_INPUTS = Path(__file__).resolve().parent / "golden" / "inputs"


def test_score_several_models_and_rubrics_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Several models and rubrics give one JSON object listing every report, model by model."""
    code, out, err = _run(
        capsys, "score", "olmo-7b", "llama-3.1-8b", "--rubric", "osaid-1.0", "--rubric", "openness-default",
        "--format", "json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["format", "openness", "reports"]
    assert (data["format"], data["openness"]) == (1, openness.__version__)
    expected = [
        openness.score(openness.catalogue.load(m), r).to_dict()
        for m in ("olmo-7b", "llama-3.1-8b")
        for r in ("osaid-1.0", "openness-default")
    ]
    assert data["reports"] == expected


def test_score_several_text_markdown_html(capsys: pytest.CaptureFixture[str]) -> None:
    """Text and Markdown start with a summary and hold every report; HTML is one page."""
    reports = [openness.score(openness.catalogue.load(m)) for m in ("olmo-7b", "mistral-7b")]
    code, out, _ = _run(capsys, "score", "olmo-7b", "mistral-7b")
    assert code == 0
    assert out.startswith(
        "2 reports\n\nmodel       rubric            score  verdicts met        undetermined\n"
        "olmo-7b     openness-default"
    )
    assert all(r.to_text() in out for r in reports)
    code, out, _ = _run(capsys, "score", "olmo-7b", "mistral-7b", "--format", "markdown")
    assert out.startswith("# openness: 2 reports\n\n| model | rubric | score | verdicts met | undetermined |")
    assert all(r.to_markdown() in out for r in reports)
    code, out, _ = _run(capsys, "score", "olmo-7b", "mistral-7b", "--format", "html")
    assert out.count("<!DOCTYPE html>") == 1
    assert out.count("<html") == 1
    assert out.count('<div class="openness-report">') == 3  # the summary and one per report


def test_score_several_html_escapes_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Names from descriptors are escaped in the combined page (and its summary)."""
    path = tmp_path / "evil.toml"
    path.write_text('format = 1\n[model]\nid = "evil"\nname = "<script>alert(1)</script>"\n', encoding="utf-8")
    code, out, _ = _run(capsys, "score", str(path), "olmo-7b", "--format", "html")
    assert code == 0
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_score_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """-o FILE writes the output there and nothing to stdout; an unwritable FILE exits 2."""
    target = tmp_path / "report.json"
    code, out, err = _run(capsys, "score", "olmo-7b", "--format", "json", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == openness.score(openness.catalogue.load("olmo-7b")).to_json() + "\n"
    code, out, err = _run(capsys, "score", "olmo-7b", "-o", str(tmp_path / "missing" / "r.txt"))
    assert (code, out) == (2, "")
    assert "r.txt: cannot write file" in err


def test_score_model_card(capsys: pytest.CaptureFixture[str]) -> None:
    """`openness score path/to/README.md` reads a Hugging Face model card and says what it leaves unknown."""
    code, out, err = _run(capsys, "score", str(CARDS / "olmo-like" / "README.md"))
    assert (code, err) == (0, "")
    assert out.startswith("Example Open 7B (example-open-7b) under openness default rubric")
    assert "Unknown facts: components.weights.access" in out


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        (
            str(CARDS / "broken" / "README.md"),
            f"openness: {CARDS / 'broken' / 'README.md'}:4:5: invalid YAML in the front matter",
        ),
        (
            str(CARDS.parent / "model-cards"),
            f"openness: {CARDS.parent / 'model-cards'}: a folder with no descriptor files directly in it"
            " (read: .json, .markdown, .md, .toml, .yaml, .yml)",
        ),
    ],
)
def test_score_bad_model_files_exit_2(capsys: pytest.CaptureFixture[str], argument: str, message: str) -> None:
    """A broken card or an unknown kind of file: exit 2, the error on stderr."""
    code, out, err = _run(capsys, "score", argument)
    assert (code, out) == (2, "")
    assert message in err


def test_score_without_pyyaml_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PyYAML a model card is an error naming the extra, exit 2."""
    monkeypatch.setitem(sys.modules, "yaml", None)
    code, out, err = _run(capsys, "score", str(CARDS / "gated" / "README.md"))
    assert (code, out) == (2, "")
    assert "pip install 'pyyaml>=6.0' (or, in a checkout of openness: pip install '.[import]')" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_terminal_only(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Several models draw a progress bar on a terminal's stderr, and nothing when stderr is piped."""
    _, _, err = _run(capsys, "score", "olmo-7b", "mistral-7b", "--format", "json")
    assert err == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.delenv("TERM", raising=False)
    assert main(["score", "olmo-7b", "mistral-7b", "--format", "json"]) == 0
    drawn = terminal.getvalue()
    assert f"\r[{'#' * 30}] 2/2 scoring" in drawn
    assert f"\r[{' ' * 30}] 0/2 reading" in drawn
    assert drawn.endswith("\r")
    assert capsys.readouterr().err == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["score", "olmo-7b", "--format", "json"]) == 0
    assert terminal.getvalue() == ""


# --- check: the CI gate -----------------------------------------------------------------------------------------


def test_check_holds_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """A model that meets the required verdict and score: exit 0 and one line saying so."""
    code, out, err = _run(
        capsys, "check", "olmo-7b", "--rubric", "osaid-1.0", "--require", "open-source-ai", "--fail-under", "0.9"
    )
    assert (code, err) == (0, "")
    assert out == (
        "olmo-7b: ok under osaid-1.0: verdict open-source-ai (Open Source AI (OSAID 1.0)) met; score 1.00 >= 0.9\n"
    )


def test_check_fails_exit_1_saying_what_would_have_to_change(capsys: pytest.CaptureFixture[str]) -> None:
    """A verdict not met: exit 1, the failed requirement and what would have to change, on stdout."""
    code, out, err = _run(capsys, "check", "llama-3.1-8b", "--rubric", "openness-default", "--require", "open-weights")
    assert (code, err) == (1, "")
    verdict = openness.score(openness.catalogue.load("llama-3.1-8b"), "openness-default").verdict("open-weights")
    assert not verdict.met
    assert verdict.missing
    assert out.splitlines()[:2] == [
        "llama-3.1-8b: FAILED under openness-default",
        "  verdict open-weights (Open weights) is not met; what would have to change:",
    ]
    assert out.splitlines()[2:] == [f"    - {m}" for m in verdict.missing]


def test_check_fail_under(capsys: pytest.CaptureFixture[str]) -> None:
    """--fail-under: exit 1 below the score, listing each criterion below its best grade and what it needs."""
    report = openness.score(openness.catalogue.load("llama-3.1-8b"), "osaid-1.0")
    code, out, _ = _run(capsys, "check", "llama-3.1-8b", "--rubric", "osaid-1.0", "--fail-under", "0.6")
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == [
        "llama-3.1-8b: FAILED under osaid-1.0",
        f"  score {report.score:.2f} is below 0.6; criteria below their best grade:",
    ]
    assert len(lines) == 2 + sum(r.points < r.max_points for r in report.results)
    assert lines[2].startswith("    - data-information: partial, its best grade would add up to 0.17; open would need:")
    code, out, _ = _run(capsys, "check", "llama-3.1-8b", "--rubric", "osaid-1.0", "--fail-under", "0.5")
    assert (code, out) == (0, "llama-3.1-8b: ok under osaid-1.0: score 0.50 >= 0.5\n")


def test_check_several_models_all_must_hold(capsys: pytest.CaptureFixture[str]) -> None:
    """With several models (as pre-commit passes them) every one must hold; each gets its lines."""
    code, out, _ = _run(
        capsys, "check", "olmo-7b", "llama-3.1-8b", "--rubric", "osaid-1.0", "--require", "open-source-ai"
    )
    assert code == 1
    assert out.startswith("olmo-7b: ok under osaid-1.0")
    assert "\nllama-3.1-8b: FAILED under osaid-1.0\n" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "olmo-7b"], "openness: check needs --require VERDICT or --fail-under SCORE (or both)"),
        (
            ["check", "olmo-7b", "--require", "opn"],
            "openness: --require: openness-default has no verdict 'opn' (did you mean 'open'?); verdicts: open, "
            "open-weights",
        ),
        (["check", "olmo-7b", "--fail-under", "80"], "openness: --fail-under: a score is between 0 and 1 (got 80)"),
        (["check", "olmo-7b", "--fail-under", "high"], "argument --fail-under: invalid float value: 'high'"),
        (["check", "missing.toml", "--fail-under", "0.5"], "openness: missing.toml: cannot read file"),
        (["check", "olmo-7b", "--rubric", "nope", "--fail-under", "0.5"], "openness: no built-in rubric 'nope'"),
        (["check"], "the following arguments are required: model"),
    ],
)
def test_check_bad_input_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    """Bad options or input to the gate: exit 2, the error on stderr, nothing on stdout."""
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err


def test_check_descriptor_file(capsys: pytest.CaptureFixture[str]) -> None:
    """The gate reads descriptor files, as the pre-commit hook passes them."""
    code, out, _ = _run(
        capsys,
        "check",
        str(GOLDEN_INPUTS / "example-gated.toml"),
        "--rubric",
        "osaid-1.0",
        "--require",
        "open-source-ai",
    )
    assert code == 1
    assert out.startswith("example-gated: FAILED under osaid-1.0\n")


def _card(tmp_path: Path) -> Path:
    """A model card stating only an Apache-2.0 licence: how the weights are released is not stated."""
    card = tmp_path / "README.md"
    card.write_text("---\nlicense: apache-2.0\n---\n# Bare\n", encoding="utf-8")
    return card


def test_check_undetermined_exits_3_naming_the_facts_not_stated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A required verdict that facts not stated leave open is not established: exit 3, the facts named."""
    card = _card(tmp_path)
    verdict = openness.score(hf.read(card), "osaid-1.0").verdict("open-source-ai")
    assert verdict.status == "undetermined"
    code, out, err = _run(capsys, "check", str(card), "--rubric", "osaid-1.0", "--require", "open-source-ai")
    assert (code, err) == (3, "")
    lines = out.splitlines()
    assert lines[0].endswith("UNDETERMINED under osaid-1.0 (facts not stated)")
    assert lines[1] == (
        "  verdict open-source-ai (Open Source AI (OSAID 1.0)) is undetermined: not known until stated: "
        f"{', '.join(verdict.unknown)}; not yet established:"
    )
    assert "components.weights.access" in verdict.unknown
    assert "not met" not in out


def test_check_allow_undetermined_passes_and_still_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--allow-undetermined: the open requirement passes (exit 0), its lines still there; a failure still fails."""
    card = _card(tmp_path)
    code, out, _ = _run(
        capsys, "check", str(card), "--rubric", "osaid-1.0", "--require", "open-source-ai", "--allow-undetermined"
    )
    assert code == 0
    assert "ok under osaid-1.0: undetermined requirements allowed (--allow-undetermined)" in out
    assert "is undetermined: not known until stated:" in out
    code, _, _ = _run(
        capsys, "check", str(card), "llama-3.1-8b", "--rubric", "osaid-1.0", "--require", "open-source-ai"
    )
    assert code == 1  # a requirement that fails outranks one left open


def test_check_score_undetermined_when_facts_not_stated_could_lift_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--fail-under: below as stated but not at best is undetermined (exit 3); below at best fails (exit 1)."""
    card = _card(tmp_path)
    report = openness.score(hf.read(card), "osaid-1.0")
    assert report.score < 0.5 <= report.best_score
    code, out, _ = _run(capsys, "check", str(card), "--rubric", "osaid-1.0", "--fail-under", "0.5")
    assert code == 3
    assert f"score {report.score:.2f} as stated is below 0.5, {report.best_score:.2f} at best: undetermined" in out
    code, _, _ = _run(capsys, "check", "llama-3.1-8b", "--rubric", "osaid-1.0", "--fail-under", "0.6")
    assert code == 1


# --- explain ----------------------------------------------------------------------------------------------------


def test_explain_rubric(capsys: pytest.CaptureFixture[str]) -> None:
    """`openness explain RUBRIC` gives the source, the grades, every criterion and every verdict."""
    code, out, _ = _run(capsys, "explain", "openness-default")
    assert code == 0
    rubric = openness.load_rubric("openness-default")
    lines = out.splitlines()
    assert lines[0] == "openness default rubric (openness-default 1.0)"
    assert lines[1].startswith("Source: openness/rubrics/openness-default.toml")
    assert "Grades, best first: open (1), partial (0.5), closed (0)" in lines
    assert all(f"  {c.id}: {c.title} (weight 1, group {c.group})" in lines for c in rubric.criteria)
    assert "  open-weights: Open weights; needs weights at least open" in lines


def test_explain_criterion(capsys: pytest.CaptureFixture[str]) -> None:
    """`openness explain RUBRIC CRITERION`: why, each level's condition in words, facts read, source."""
    from openness._model.conditions import describe

    code, out, _ = _run(capsys, "explain", "openness-default", "code-access")
    assert code == 0
    criterion = openness.load_rubric("openness-default").criterion("code-access")
    partial = criterion.levels[1]
    assert partial.when is not None
    lines = out.splitlines()
    assert lines[:2] == [
        "Code access (code-access), in openness default rubric (openness-default 1.0)",
        "Weight 1, group code",
    ]
    assert "  Are the training and inference code public, under an OSI-approved licence?" in lines
    assert f"  open: {criterion.levels[0].requirement_text()}" in lines
    assert f"  partial: {partial.says}" in lines
    assert f"      condition: {describe(partial.when)}" in lines
    assert "  closed: otherwise" in lines
    read = [line for line in lines if line.startswith("  components.")]
    assert read == ["  components.training-code", "  components.inference-code"]
    assert "  open (Open across the board): at least open" in lines
    assert lines[-1].startswith("Source: openness/rubrics/openness-default.toml")


def test_explain_criterion_from_a_rubric_file(capsys: pytest.CaptureFixture[str]) -> None:
    """A rubric file works too; interpretation notes are shown."""
    rubric_path = REPO / "rubrics" / "openness-default.toml"
    code, out, _ = _run(capsys, "explain", str(rubric_path), "retrainability")
    assert code == 0
    assert "How openness interprets the source:" in out
    assert "  Training configurations are taken to be part of the training code" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["explain", "osaid-1.0", "cod"],
            "openness: osaid-1.0: unknown criterion 'cod' (did you mean 'code'?); "
            "expected one of data-information, code, parameters",
        ),
        (["explain", "osaid"], "openness: no built-in rubric 'osaid'"),
    ],
)
def test_explain_unknown_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    """An unknown rubric or criterion: exit 2 with a suggestion."""
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err


# --- lint -------------------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
_BAD_RUBRIC = """\
format = 1
id = "bad"
title = "Bad"
version = "1"
source = "https://example.org"

[scale]
open = 1.0
closed = 0.0

[[criteria]]
id = "a"
title = "A"

  [[criteria.levels]]
  grade = "open"
  when = { component = "weights", acess = "public" }

[[criteria]]
id = "b"
titel = "B"
levels = [{ grade = "open", when = { component = "weights", access = "public" } }]
"""


def test_lint_clean_rubrics_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Every built-in rubric lints clean: exit 0, one ok line per file."""
    paths = sorted(str(p) for p in (REPO / "rubrics").glob("*.toml"))
    code, out, err = _run(capsys, "lint", *paths)
    assert (code, err) == (0, "")
    assert [line.split(": ok (")[0] for line in out.splitlines()] == paths


def test_lint_problems_exit_1_with_line_and_key_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Problems are printed with file:line:col and key path, all at once; exit 1."""
    path = tmp_path / "bad.toml"
    path.write_text(_BAD_RUBRIC, encoding="utf-8")
    code, out, err = _run(capsys, "lint", str(path))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{path}:17:3: criteria[0].levels[0].when.acess: unknown key 'acess' (did you mean 'access'?)",
        f"{path}:17:3: criteria[0].levels[0].when: a component check needs at least one of access, licence, "
        "licence-without, licence-in, coverage, present",
        f"{path}:21:1: criteria[1].titel: unknown key 'titel' (did you mean 'title'?)",
        f"{path}:19:3: criteria[1].title: required key is missing",
        "4 problems found",
    ]


def test_lint_semantic_problems_and_syntax_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Cross-reference problems are located too; a TOML syntax error is a finding with its position."""
    text = (REPO / "rubrics" / "openness-default.toml").read_text(encoding="utf-8")
    broken = text.replace(
        'requires = { criteria = ["weights"], grade = "open" }', 'requires = { criteria = ["weight"], grade = "opn" }'
    )
    path = tmp_path / "r.toml"
    path.write_text(broken, encoding="utf-8")
    code, out, _ = _run(capsys, "lint", str(path))
    line = broken.splitlines().index('requires = { criteria = ["weight"], grade = "opn" }') + 1
    assert code == 1
    assert out.splitlines() == [
        f"{path}:{line}:1: verdicts[1].requires[0].grade: unknown grade 'opn' (did you mean 'open'?)",
        f"{path}:{line}:1: verdicts[1].requires[0].criteria: unknown criterion 'weight' (did you mean 'weights'?)",
        "2 problems found",
    ]
    path.write_text("format = 1\nid = \n", encoding="utf-8")
    code, out, _ = _run(capsys, "lint", str(path))
    assert (code, out) == (1, f"{path}:2:6: invalid TOML: Invalid value\n1 problem found\n")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.toml", None, "missing.toml: cannot read file"),
        ("rubric.yaml", "id: x\n", "rubric.yaml: expected a rubric file ending in .toml or .json"),
        ("latin.toml", b"id = '\xe9'\n", "latin.toml: not UTF-8 text (byte 6)"),
    ],
)
def test_lint_unreadable_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: str | bytes | None, message: str
) -> None:
    """A file that cannot be read as a rubric file at all: exit 2, the error on stderr."""
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    code, out, err = _run(capsys, "lint", str(path))
    assert (code, out) == (2, "")
    assert message in err


def test_lint_json_rubric_problems_without_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """JSON rubrics are linted too; their problems carry the key path (JSON gives no positions)."""
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"format": 1, "id": "x"}), encoding="utf-8")
    code, out, _ = _run(capsys, "lint", str(path))
    assert code == 1
    assert f"{path}: title: required key is missing" in out.splitlines()


# --- pre-commit -------------------------------------------------------------------------------------------------


def test_pre_commit_hooks_name_real_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """.pre-commit-hooks.yaml parses; each hook runs a real subcommand with its args on a matching file."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["openness-check", "openness-lint"]
    samples = {
        "openness-check": (tmp_path / "openness.toml", (GOLDEN_INPUTS / "example-open.toml").read_text("utf-8")),
        "openness-lint": (tmp_path / "rubrics" / "mine.toml", (REPO / "rubrics" / "osaid-1.0.toml").read_text("utf-8")),
    }
    for hook in hooks:
        assert hook["language"] == "python"
        program, *entry = hook["entry"].split()
        assert program == "openness"
        path, text = samples[hook["id"]]
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        relative = path.relative_to(tmp_path).as_posix()
        assert re.search(hook["files"], relative), relative
        assert re.search(hook["files"], f"models/x/{relative}")
        code, out, err = _run(capsys, *entry, *hook.get("args", []), str(path))
        assert (code, err) == (0, ""), out
    check = hooks[0]
    assert check["entry"] == "openness check"
    assert not re.search(check["files"], "not-openness.toml")


# --- the documentation ------------------------------------------------------------------------------------------


def _doc_commands() -> list[str]:
    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    return [line for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("command", _doc_commands())
def test_documented_examples_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Every example command in docs/cli.md runs from the checkout with a documented result."""
    monkeypatch.chdir(REPO)
    program, *argv = shlex.split(command)
    assert program == "openness"
    code, out, err = _run(capsys, *argv)
    assert err == ""
    assert out
    expected = 1 if "--fail-under 0.8" in command else 0
    assert code == expected


def test_docs_name_every_command_and_option() -> None:
    """docs/cli.md documents every subcommand, every option and every output format."""
    from openness._cli.formats import FORMATS
    from openness._cli.main import _parser

    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = _parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, sub in subparsers.choices.items():
        assert f"openness {name}" in text
        for action in sub._actions:
            for option in action.option_strings:
                assert f"`{option}" in text or f" {option} " in text, f"{name} {option}"
    assert all(f"`{f}`" in text for f in FORMATS)


def test_counts_agree_with_their_nouns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rubric with one criterion and one verdict lints as '1 criterion, 1 verdict', not '1 verdicts'."""
    rubric = openness.load_rubric("openness-default").to_dict()
    rubric["criteria"] = rubric["criteria"][1:2]
    rubric["verdicts"] = [v for v in rubric["verdicts"] if v["id"] == "open-weights"]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(rubric), encoding="utf-8")
    code, out, _ = _run(capsys, "lint", str(path))
    assert (code, out.splitlines()[0]) == (0, f"{path}: ok (1 criterion, 1 verdict)")
    assert repr(openness.load_rubric(path)).endswith(": 1 criterion, 1 verdict>")


# --- registries: folders and JSON Lines files, streamed ---------------------------------------------------------


def _registry(tmp_path: Path, lines: list[str] | None = None) -> tuple[Path, Path, list[dict[str, Any]]]:
    """The catalogue as a JSON Lines file (with a blank line) and as a folder of JSON files."""
    descriptors = [d.to_dict() for d in openness.catalogue.all()]
    jsonl = tmp_path / "registry.jsonl"
    texts = [json.dumps(d) for d in descriptors]
    texts.insert(2, "")
    jsonl.write_text("\n".join(lines if lines is not None else texts) + "\n", encoding="utf-8")
    folder = tmp_path / "registry"
    folder.mkdir()
    for data in descriptors:
        (folder / f"{data['model']['id']}.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "notes.txt").write_text("not a descriptor", encoding="utf-8")
    return jsonl, folder, descriptors


@pytest.mark.parametrize("jobs", ["0", "2"])
def test_json_lines_and_folders_score_one_report_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    """A JSON Lines file and a folder give one report per line, in order (the folder's by name), in workers too."""
    jsonl, folder, descriptors = _registry(tmp_path)
    code, out, err = _run(
        capsys, "score", str(jsonl), "--rubric", "osaid-1.0", "--format", "json-lines", "--jobs", jobs
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [openness.score(d, "osaid-1.0").to_json(indent=None) for d in descriptors]
    code, out, err = _run(
        capsys, "score", str(folder), "--rubric", "osaid-1.0", "--format", "json-lines", "--jobs", jobs
    )
    by_name = sorted(descriptors, key=lambda d: str(d["model"]["id"]))
    assert [json.loads(line)["model"]["id"] for line in out.splitlines()] == [d["model"]["id"] for d in by_name]


def test_registry_in_a_document_format_reads_every_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The other formats take a registry too: one document of every report, each line's model named FILE:LINE."""
    jsonl, _, descriptors = _registry(tmp_path)
    code, out, _ = _run(capsys, "score", str(jsonl), "--rubric", "osaid-1.0", "--format", "json", "--jobs", "2")
    assert code == 0
    assert json.loads(out)["reports"] == [openness.score(d, "osaid-1.0").to_dict() for d in descriptors]
    code, out, _ = _run(capsys, "score", str(jsonl), "--rubric", "osaid-1.0", "--format", "sarif")
    locations = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]
    }
    assert locations  # each model is located as FILE:LINE
    assert {location.rsplit(":", 1)[0] for location in locations} == {str(jsonl)}


def test_streamed_output_comes_before_a_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reports are written as they come: a bad third line exits 2 after two reports, naming FILE:LINE:COLUMN."""
    good = [d.to_dict() for d in openness.catalogue.all()[:2]]
    jsonl, _, _ = _registry(tmp_path, [*(json.dumps(d) for d in good), '{"format": 1, oops}', json.dumps(good[0])])
    code, out, err = _run(capsys, "score", str(jsonl), "--format", "json-lines", "--jobs", "1")
    assert code == 2
    assert out.splitlines() == [openness.score(d).to_json(indent=None) for d in good]
    assert err == f"openness: {jsonl}:3:15: invalid JSON: Expecting property name enclosed in double quotes\n"
    bad = [json.dumps(good[0]), json.dumps({"format": 1, "model": {"id": "x"}})]
    (tmp_path / "again").mkdir()
    jsonl, _, _ = _registry(tmp_path / "again", bad)
    code, out, err = _run(capsys, "check", str(jsonl), "--fail-under", "0")
    assert (code, len(out.splitlines())) == (2, 1)
    assert err == f"openness: {jsonl}:2: model.name: required key is missing\n"


def test_check_streams_a_folder_and_fails_on_any_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` over a folder: a line per model that holds, failures and open ones explained, exit 1 if any fails."""
    _, folder, descriptors = _registry(tmp_path)
    code, out, err = _run(capsys, "check", str(folder), "--rubric", "osaid-1.0", "--require", "open-source-ai")
    assert err == ""
    status = {d["model"]["id"]: openness.score(d, "osaid-1.0").verdict("open-source-ai").status for d in descriptors}
    met = sorted(model for model, found in status.items() if found == "met")
    assert 0 < len(met) < len(descriptors)
    assert code == 1
    assert sorted(line.split(":")[0] for line in out.splitlines() if ": ok under " in line) == met
    for word, found in (("FAILED", "not-met"), ("UNDETERMINED", "undetermined")):
        said = sum(f": {word} under osaid-1.0" in line for line in out.splitlines())
        assert said == sum(value == found for value in status.values())


def test_registry_progress_on_terminal_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON Lines file draws a bar counting its models (blank lines aside) on a terminal; piped, none."""
    jsonl, _, descriptors = _registry(tmp_path)
    _, _, err = _run(capsys, "score", str(jsonl), "--format", "json-lines")
    assert err == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.delenv("TERM", raising=False)
    assert main(["check", str(jsonl), "--fail-under", "0"]) == 0
    total = len(descriptors)
    assert f"\r[{'#' * 30}] {total}/{total} checking" in terminal.getvalue()


@pytest.mark.parametrize("value", ["-1", "two"])
def test_jobs_must_be_a_count(capsys: pytest.CaptureFixture[str], value: str) -> None:
    """--jobs takes 0 or more worker processes; anything else exits 2."""
    code, out, err = _run(capsys, "score", "olmo-7b", "--jobs", value)
    assert (code, out) == (2, "")
    assert f"a number of worker processes, 0 or more (got {value!r})" in err
