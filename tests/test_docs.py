"""The documentation matches the code: examples run, generated pages are current."""

from __future__ import annotations

import doctest
import json
import re
import shlex
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import openness

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
#: Put this HTML comment (with a reason) on the line before a ```python block that must not run.
NOT_RUN = re.compile(r"<!-- not-run: (?P<reason>[^>\n]*[^\s>][^>\n]*) -->\n```python\n")
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
#: A ```python block copied from a test's snippet (``# --8<-- [start:NAME]`` ... ``# --8<-- [end:NAME]``): ``same-as``
#: blocks also run on their page; ``run-by`` blocks run only in their test (they need a Dask or Spark cluster).
FROM_TEST = re.compile(
    r"<!-- (?P<kind>same-as|run-by): (?P<file>[\w/.]+)#(?P<name>[\w-]+) -->\n```python\n(?P<code>.*?)^```",
    re.DOTALL | re.MULTILINE,
)
SNIPPET = re.compile(r"^[ \t]*# --8<-- \[start:([\w-]+)\]\n(.*?)^[ \t]*# --8<-- \[end:\1\]", re.DOTALL | re.MULTILINE)
DOC_PAGES = sorted(DOCS.rglob("*.md"))


def _runnable_blocks(path: Path) -> list[str]:
    """The page's ```python blocks, less those marked not to run and those their test runs."""
    text = path.read_text(encoding="utf-8")
    skipped = {m.end() for m in NOT_RUN.finditer(text)}
    skipped |= {m.start("code") for m in FROM_TEST.finditer(text) if m.group("kind") == "run-by"}
    return [m.group(1) for m in PYTHON_BLOCK.finditer(text) if m.start() + len("```python\n") not in skipped]


def _snippets(path: Path) -> dict[str, str]:
    """A test file's marked snippets by name, dedented, without leading and trailing blank lines."""
    found = SNIPPET.findall(path.read_text(encoding="utf-8"))
    return {name: textwrap.dedent(code).strip("\n") + "\n" for name, code in found}


def test_engine_recipes_are_the_code_their_tests_run() -> None:
    """Every run-by/same-as block equals its test snippet, and every snippet of the engine tests is on a page."""
    used: set[tuple[str, str]] = set()
    for page in DOC_PAGES:
        for match in FROM_TEST.finditer(page.read_text(encoding="utf-8")):
            snippets = _snippets(REPO / match.group("file"))
            assert match.group("code") == snippets.get(match.group("name")), f"{page.name}: {match.group('name')}"
            used.add((match.group("file"), match.group("name")))
    engines = _snippets(REPO / "tests" / "test_engines.py")
    assert {"dask-executor", "dask-dataframe", "dask-bag", "spark"} <= set(engines)
    assert {("tests/test_engines.py", name) for name in engines} <= used
    assert "not-run" not in (DOCS / "batch.md").read_text(encoding="utf-8")
    sample = "x = 0\n    # --8<-- [start:a]\n    y = 1\n\n    # --8<-- [end:a]\n"
    assert SNIPPET.findall(sample) == [("a", "    y = 1\n\n")]


def _blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


def test_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's Python example runs and prints what its comments say."""
    (code,) = _blocks(REPO / "README.md", "python")
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - our own documentation
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["0.5 0.5", "not-met"]


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


def test_rubrics_page_is_current(script: Callable[[str], ModuleType]) -> None:
    """docs/rubrics.md is exactly what scripts/generate_rubric_docs.py writes."""
    module = script("generate_rubric_docs")
    assert (DOCS / "rubrics.md").read_text(encoding="utf-8") == module.render()


@pytest.mark.parametrize("stem", ["rubric", "descriptor"])
def test_schema_reference_pages_are_current(stem: str, script: Callable[[str], ModuleType]) -> None:
    """docs/reference/*-schema.md are exactly what scripts/generate_schema_docs.py writes from the schemas."""
    module = script("generate_schema_docs")
    page = (DOCS / "reference" / f"{stem}-schema.md").read_text(encoding="utf-8")
    assert page == module.render(stem), "regenerate with: python scripts/generate_schema_docs.py"


def test_schema_reference_lists_every_schema_key() -> None:
    """Every property named anywhere in the rubric schema appears in its reference page."""
    schema = json.loads((REPO / "openness" / "schemas" / "rubric.schema.json").read_text(encoding="utf-8"))
    page = (DOCS / "reference" / "rubric-schema.md").read_text(encoding="utf-8")
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert {"format", "criteria", "levels", "when", "licence-without", "builds-on", "min-score"} <= keys
    assert not [key for key in keys if f"`{key}`" not in page]


@pytest.mark.parametrize("page", DOC_PAGES, ids=[str(p.relative_to(DOCS)) for p in DOC_PAGES])
def test_docs_python_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block in docs/ runs (blocks of one page share a namespace, in a scratch directory)."""
    blocks = _runnable_blocks(page)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for index, code in enumerate(blocks):
        exec(compile(code, f"{page.relative_to(REPO)}[python block {index}]", "exec"), namespace)  # noqa: S102


def test_docs_have_python_examples_and_marked_blocks_give_a_reason() -> None:
    """The docs hold runnable examples; a block excluded from running says why, in the documented marker."""
    assert sum(len(_runnable_blocks(page)) for page in DOC_PAGES) >= 12
    for page in DOC_PAGES:
        text = page.read_text(encoding="utf-8")
        assert len(re.findall(r"<!-- not-run", text)) == len(NOT_RUN.findall(text)), page
    sample = "<!-- not-run: needs a GPU -->\n```python\nraise SystemExit\n```\n\n```python\nx = 1\n```\n"
    assert [m.group(1) for m in PYTHON_BLOCK.finditer(sample)] == ["raise SystemExit\n", "x = 1\n"]
    skipped = {m.end() for m in NOT_RUN.finditer(sample)}
    assert [m.group(1) for m in PYTHON_BLOCK.finditer(sample) if m.start() + 10 not in skipped] == ["x = 1\n"]


def test_every_docs_page_is_in_the_site_nav() -> None:
    """Each docs page is listed in mkdocs.yml's nav (or, for pages from other branches, in not_in_nav)."""
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    listed: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            listed.add(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(config["nav"])
    exempt = {line.strip().lstrip("/") for line in config.get("not_in_nav", "").splitlines() if line.strip()}
    pages = {str(p.relative_to(DOCS)) for p in DOC_PAGES}
    assert not listed - pages, "nav names pages that do not exist"
    assert not pages - listed - exempt, "pages missing from the nav"


@pytest.mark.parametrize(
    "module",
    [
        "openness",
        "openness.licences",
        "openness.catalogue",
        "openness._render.compare",
        "openness._render.contrast",
        "openness.testing",
    ],
)
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


def test_install_hints_name_what_each_extra_of_pyproject_installs() -> None:
    """The hints in error messages pin the same requirement as pyproject's extras, so they install what is tested."""
    from openness._errors import EXTRAS

    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert {name: requirement for name, (requirement,) in extras.items()} == EXTRAS


def test_readme_command_line_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `openness` line of README's command-line block runs from the checkout and exits 0."""
    from openness._cli.main import main

    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## On the command line", 1)[1]
    lines = [line.split("  #", 1)[0].strip() for line in _blocks_from(block)[0].splitlines()]
    commands = [shlex.split(line) for line in lines if line.startswith("openness ")]
    assert len(commands) >= 7
    assert lines[0] == ". .venv/bin/activate"
    monkeypatch.chdir(REPO)
    for command in commands:
        args = [str(tmp_path / "out") if arg == "descriptors/" else arg for arg in command[1:]]
        assert main(args) == 0, command
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["demo-model.toml"]
