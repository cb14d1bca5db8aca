"""docs/notebooks/score-a-model.ipynb runs in a real Jupyter kernel and shows what openness.score computes."""

from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

import openness

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebooks" / "score-a-model.ipynb"


class _GradeCells(HTMLParser):
    """Reads (criterion id, grade) pairs from a report's HTML criteria table."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._in: str | None = None
        self._criterion: str | None = None
        self._row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "code":
            self._in = "code"
        elif tag == "td" and dict(attrs).get("class") in {"best", "middle", "worst", "none"}:
            self._in = "grade"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"code", "td"}:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "code":
            self._criterion = data
        elif self._in == "grade" and self._criterion is not None:
            self.pairs.append((self._criterion, data))
            self._criterion = None


def _grades(html_text: str) -> list[tuple[str, str]]:
    parser = _GradeCells()
    parser.feed(html_text)
    return parser.pairs


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook after a run in a kernel started from this interpreter (not any system-wide kernel)."""
    jupyter = tmp_path_factory.mktemp("jupyter")
    kernel = jupyter / "kernels" / "openness-test"
    kernel.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "openness test", "language": "python"}
    (kernel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(jupyter))
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")
        patch.setenv("JUPYTER_DATA_DIR", str(tmp_path_factory.mktemp("jupyter-data")))
        patch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path_factory.mktemp("jupyter-runtime")))
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        client = NotebookClient(
            notebook,
            kernel_name="openness-test",
            timeout=300,
            resources={"metadata": {"path": str(tmp_path_factory.mktemp("run"))}},
        )
        client.execute()
    return notebook


def _output(notebook: Any, source_start: str) -> dict[str, Any]:
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith(source_start)]
    (result,) = [o for o in cell.outputs if o.output_type == "execute_result"]
    data: dict[str, Any] = result["data"]
    return data


def test_notebook_is_stored_without_outputs() -> None:
    """The committed notebook holds no outputs, so what the test checks is what a reader's run shows."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert all(not c.outputs and c.execution_count is None for c in notebook.cells if c.cell_type == "code")


def test_notebook_runs_without_errors(executed: Any) -> None:
    """Every code cell runs; none writes to stderr or raises."""
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None
            assert not [o for o in cell.outputs if o.output_type == "error"]
            assert not [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]


def test_notebook_report_table_has_the_grades_openness_computes(executed: Any) -> None:
    """The report cell shows the HTML table with exactly the grades openness.score gives here."""
    data = _output(executed, "report = openness.score")
    expected = openness.score(openness.catalogue.load("llama-3.1-8b"), "osaid-1.0")
    assert data["text/plain"] == repr(expected)
    assert _grades(data["text/html"]) == [(r.criterion, r.grade) for r in expected.results]
    assert "<svg" in data["text/html"]
    assert data["text/markdown"] == expected.to_markdown()


def test_notebook_descriptor_and_chart_display(executed: Any) -> None:
    """The descriptor shows as a components table and the chart as SVG, identical to the library's output."""
    descriptor = openness.catalogue.load("llama-3.1-8b")
    assert _output(executed, "import openness")["text/html"] == descriptor._repr_html_()
    chart = _output(executed, "report.plot()")
    report = openness.score(descriptor, "osaid-1.0")
    assert chart["image/svg+xml"] == report.plot().to_svg()
    assert chart["text/html"] == report.plot().to_svg()


def test_notebook_comparison_and_frame(executed: Any) -> None:
    """The comparison shows one table with every model's grades, and the DataFrame pivot has the same grades."""
    ids = ["olmo-7b", "pythia-12b", "llama-3.1-8b", "mistral-7b"]
    expected = openness.compare(ids, "osaid-1.0")
    assert _output(executed, "comparison = ")["text/html"] == expected.to_html()
    pivot = _output(executed, "frame = ")
    wide = openness.to_frame(expected).pivot(index="criterion", columns="model", values="grade")
    assert pivot["text/plain"] == repr(wide)
    assert wide.loc["parameters", "olmo-7b"] == "open"
    assert wide.loc["parameters", "llama-3.1-8b"] == "partial"
