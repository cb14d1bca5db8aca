"""The command line: output, formats and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import openness
from openness._cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


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
