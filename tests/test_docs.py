"""The documentation matches the code: examples run, generated pages are current."""

from __future__ import annotations

import doctest
import importlib.util
import re
import sys
from pathlib import Path

import pytest

import openness

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def _blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


def test_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's Python example runs and prints what its comments say."""
    (code,) = _blocks(REPO / "README.md", "python")
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - our own documentation
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["0.5", "False"]


def test_readme_has_exactly_two_setup_commands_at_the_top() -> None:
    """README opens with the two set-up commands: score a catalogue model, run the tests."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    top = text.split("## ", 1)[0]
    commands = _blocks_from(top)
    assert len(commands) == 2
    assert commands[0].endswith(".venv/bin/openness score olmo-7b")
    assert commands[1].endswith(".venv/bin/pytest")


def _blocks_from(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)]


def test_rubric_format_example_loads_and_scores() -> None:
    """The complete example in docs/rubric-format.md is a valid rubric that scores models."""
    import tomllib

    (example, *_) = _blocks(DOCS / "rubric-format.md", "toml")
    rubric = openness.load_rubric(tomllib.loads(example))
    assert [c.id for c in rubric.criteria] == ["weights", "no-use-restrictions"]
    report = openness.score(openness.catalogue.load("olmo-7b"), rubric)
    assert report.verdict("open-weights").met


def test_descriptor_format_example_loads() -> None:
    """The example in docs/descriptor-format.md is a valid descriptor."""
    (example, *_) = _blocks(DOCS / "descriptor-format.md", "toml")
    descriptor = openness.load_descriptor(example)
    assert descriptor.id == "olmo-7b"
    assert descriptor.assessments["osai-2023"]["opencode"].grade == "open"


def test_rubrics_page_is_current() -> None:
    """docs/rubrics.md is exactly what scripts/generate_rubric_docs.py writes."""
    spec = importlib.util.spec_from_file_location("generate_rubric_docs", REPO / "scripts" / "generate_rubric_docs.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DOCS / "rubrics.md").read_text(encoding="utf-8") == module.render()


@pytest.mark.parametrize("module", ["openness", "openness.licences", "openness.catalogue", "openness.testing"])
def test_docstring_examples(module: str) -> None:
    """Examples in the public modules' docstrings run."""
    result = doctest.testmod(sys.modules[module] if module in sys.modules else __import__(module, fromlist=["_"]))
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_links_exist() -> None:
    """Every docs/ page the README links to exists."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\((docs/[^)]+)\)", text):
        assert (REPO / target).is_file(), target


def test_rubric_change_how_to_runs_and_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    """Every Python block of docs/how-to/test-a-rubric-change.md runs; each print matches the text block after it."""
    path = DOCS / "how-to" / "test-a-rubric-change.md"
    text = path.read_text(encoding="utf-8")
    blocks = re.findall(r"```(python|text)\n(.*?)```", text, re.DOTALL)
    namespace: dict[str, object] = {}
    expected_after: list[tuple[str, str]] = []
    for index, (language, code) in enumerate(blocks):
        if language != "python":
            continue
        exec(compile(code, str(path), "exec"), namespace)  # noqa: S102 - our own documentation
        printed = capsys.readouterr().out
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and following[0] == "text":
            expected_after.append((printed, following[1]))
        else:
            assert printed == "", code
    assert len(expected_after) == 3
    for printed, expected in expected_after:
        assert printed == expected
