"""Notebook display: HTML/Markdown reprs of reports, rubrics and descriptors, SVG charts, comparisons, DataFrames."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

import openness
from openness._errors import install_hint
from openness._model.chart import COLOURS
from openness._model.markup import grade_level

INPUTS = Path(__file__).resolve().parent / "golden" / "inputs"
MODELS = ("example-gated", "example-open", "example-unknown")
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>document.title="PWNED"</script> "><img src=x onerror=alert(1)> | *b* `c`'


def _input(name: str) -> openness.Descriptor:
    return openness.load_descriptor(INPUTS / f"{name}.toml", source=f"{name}.toml")


def _unknown_report(rubric: str) -> openness.Report:
    return openness.score(_input("example-unknown"), rubric)


def _hostile() -> openness.Descriptor:
    return openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "evil", "name": HOSTILE, "organisation": HOSTILE, "homepage": "javascript:alert(3)"},
            "components": {
                "weights": {"access": "public", "licence": HOSTILE, "notes": HOSTILE, "sources": ["javascript:x"]},
                "training-code": {"access": "gated", "url": 'https://example.org/"onmouseover="alert(4)'},
            },
            "assessments": {HOSTILE: {HOSTILE: {"grade": HOSTILE}}},
        }
    )


class _Tags(HTMLParser):
    """Collects the start tags and attribute names an HTML string really contains."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs


def _parse(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    return parser


@pytest.mark.parametrize("model", MODELS)
def test_display_renderings_match_golden_files(
    model: str, golden: Callable[[str, str], None], golden_html: Callable[[str, str], None]
) -> None:
    """Descriptor HTML/Markdown, the report chart and the rubric Markdown match their golden files."""
    descriptor = _input(model)
    golden_html(f"{model}.descriptor.html", descriptor._repr_html_() + "\n")
    golden(f"{model}.descriptor.md", descriptor._repr_markdown_())
    golden(f"{model}.osaid-1.0.svg", openness.score(descriptor, "osaid-1.0").plot().to_svg() + "\n")


@pytest.mark.parametrize("rubric", ["openness-default", "osaid-1.0"])
def test_rubric_markdown_matches_golden_file(
    rubric: str, golden: Callable[[str, str], None], golden_html: Callable[[str, str], None]
) -> None:
    """The Markdown and HTML renderings of two built-in rubrics match their golden files."""
    golden(f"rubric.{rubric}.md", openness.load_rubric(rubric)._repr_markdown_())
    golden_html(f"rubric.{rubric}.html", openness.load_rubric(rubric)._repr_html_() + "\n")


@pytest.mark.parametrize("rubric", openness.list_rubrics())
def test_every_rubric_renders_every_criterion(rubric: str) -> None:
    """Every built-in rubric's HTML and Markdown list each criterion and each verdict."""
    loaded = openness.load_rubric(rubric)
    markdown, html_text = loaded._repr_markdown_(), loaded._repr_html_()
    for criterion in loaded.criteria:
        assert f"<code>{criterion.id}</code>" in html_text
        assert f"(`{criterion.id}`)" in markdown
    for verdict in loaded.verdicts:
        assert f"| `{verdict.id}` |" in markdown
        assert f"<br><code>{verdict.id}</code></td>" in html_text


def test_comparison_renderings_match_golden_files(
    golden: Callable[[str, str], None], golden_html: Callable[[str, str], None]
) -> None:
    """A comparison renders one table (text, Markdown, HTML) and one grid chart, matching the golden files."""
    comparison = openness.compare([_input(m) for m in MODELS], "osaid-1.0")
    golden("comparison.osaid-1.0.txt", comparison.to_text())
    golden("comparison.osaid-1.0.md", comparison.to_markdown())
    golden_html("comparison.osaid-1.0.html", comparison.to_html() + "\n")
    golden("comparison.osaid-1.0.svg", comparison.plot().to_svg() + "\n")


def test_all_three_classes_display_in_notebooks() -> None:
    """Report, Rubric and Descriptor each offer HTML and Markdown for IPython's rich display."""
    descriptor = openness.catalogue.load("olmo-7b")
    rubric = openness.load_rubric("osaid-1.0")
    report = openness.score(descriptor, rubric)
    for shown in (descriptor, rubric, report):
        html_text = shown._repr_html_()
        assert html_text.startswith('<div class="openness-report">')
        assert html_text.endswith("</div>")
        assert shown._repr_markdown_().startswith("## ")
    assert "<td><code>weights</code></td>" in descriptor._repr_html_()
    assert "| `weights` | public | Apache-2.0 |" in descriptor._repr_markdown_()
    assert "(`parameters`)" in rubric._repr_markdown_()


def test_report_html_colours_grades_and_embeds_the_chart() -> None:
    """The report's notebook HTML colours each grade cell by level and embeds the bar chart as inline SVG."""
    report = openness.score(openness.catalogue.load("mistral-7b"), "openness-default")
    fragment = report._repr_html_()
    assert report.plot().to_svg() in fragment
    for result in report.results:
        ratio = result.points / result.max_points
        level = "best" if ratio >= 1 else "worst" if ratio <= 0 else "middle"
        assert f'<td class="{level}">{result.grade}</td>' in fragment
    assert {"best", "middle", "worst"} <= {v for k, v in _parse(fragment).attributes if k == "class"}, (
        "the mistral report has open, partial and closed criteria"
    )


def test_chart_bars_follow_points_and_grades() -> None:
    """Each bar's width is proportional to points / max points and its colour is the grade level's."""
    report = openness.score(openness.catalogue.load("mistral-7b"), "openness-default")
    chart = report.plot()
    root = ET.fromstring(chart.to_svg())  # noqa: S314 - our own output
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert "Mistral 7B" in (title.text or "")
    groups = root.findall(f"{SVG}g")
    assert len(groups) == len(report.results)
    for group, result in zip(groups, report.results, strict=True):
        track, bar = group.findall(f"{SVG}rect")
        expected = max(result.points / result.max_points * float(track.get("width", "0")), 3.0)
        assert float(bar.get("width", "0")) == pytest.approx(expected, abs=0.1)
        level = "best" if result.points == result.max_points else "worst" if result.points == 0 else "middle"
        assert bar.get("fill") == COLOURS[level]
        label = group.find(f"{SVG}title")
        assert label is not None
        assert result.criterion in (label.text or "")
        assert result.grade in (label.text or "")
    assert chart._repr_svg_() == chart._repr_html_() == chart.to_svg()
    assert repr(chart).startswith("<Chart: ")


def test_chart_shows_an_undetermined_grade_as_open_not_closed() -> None:
    """An undetermined bar sits on a dashed track, is labelled as stated and at best, and names the facts not stated."""
    report = _unknown_report("osaid-1.0")
    root = ET.fromstring(report.plot().to_svg())  # noqa: S314 - our own output
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert (desc.text or "").startswith("Score 0.17, 1.00 at best. data-information closed as stated, open at best")
    for group, result in zip(root.findall(f"{SVG}g"), report.results, strict=True):
        assert not result.determined
        track, bar = group.findall(f"{SVG}rect")
        assert track.get("stroke-dasharray") == "4 3"
        assert bar.get("fill") == COLOURS["unknown"]
        label = group.findall(f"{SVG}text")[-1].text or ""
        assert label == f"{result.grade} as stated, open at best {result.points:g}/{result.max_points:g}"
        title = group.find(f"{SVG}title")
        assert title is not None
        assert f"not stated: {', '.join(result.unknown)}" in (title.text or "")
    grid = ET.fromstring(openness.compare([report], "osaid-1.0").plot().to_svg())  # noqa: S314 - our own output
    cells = [cell.find(f"{SVG}text") for cell in grid.findall(f"{SVG}g")]
    assert [cell.text for cell in cells if cell is not None] == ["closed to open", "closed to open", "partial to open"]
    assert "0.17 to 1.00" in [t.text for t in grid.findall(f"{SVG}text")]


@pytest.mark.parametrize(
    ("grade", "best", "determined", "cell"),
    [
        ("closed", "closed", True, "closed"),
        ("closed", "open", False, "closed to open"),
        ("open", "open", False, "open, not final"),
    ],
)
def test_grid_cell_says_whether_a_grade_is_final(grade: str, best: str, determined: bool, cell: str) -> None:
    """A grid cell shows a settled grade alone, an open one as a range, and one that may not apply as not final."""
    from openness._model.markup import grade_words

    result = openness.CriterionResult(
        criterion="c",
        title="C",
        group=None,
        grade=grade,
        points=0.0,
        max_points=1.0,
        weight=1.0,
        reason="r",
        evidence=(),
        best_grade=best,
        determined=determined,
    )
    assert grade_words(result, short=True) == cell


def test_comparison_says_undetermined_never_not_met() -> None:
    """A verdict facts not stated leave open reads undetermined in every comparison format; grades say their best."""
    comparison = openness.compare([_input("example-open"), _input("example-unknown")], "osaid-1.0")
    text, markdown, html_text = comparison.to_text(), comparison.to_markdown(), comparison.to_html()
    assert text.splitlines()[-1].split() == ["verdict:", "open-source-ai", "met", "undetermined"]
    assert text.splitlines()[-2].split() == ["score", "1.00", "0.17", "to", "1.00"]
    assert "| verdict: Open Source AI (OSAID 1.0) | met | undetermined |" in markdown
    assert "| **score** | **1.00** | **0.17 to 1.00** |" in markdown
    assert "| code | open 1/1 | closed as stated, open at best 0/1 |" in re.sub(
        r"Code under [^|]*\(`code`\)", "code", markdown
    )
    assert '<td class="unknown" title="not known until stated: components.training-data, ' in html_text
    assert ">undetermined</td>" in html_text
    assert ">closed as stated, open at best (0/1)</td>" in html_text
    for rendering in (text, markdown, html_text):
        assert "not met" not in rendering
        assert "| no |" not in rendering


def test_comparison_grid_has_one_cell_per_model_and_criterion() -> None:
    """The comparison chart has a coloured cell for every criterion of every model, in the order given."""
    ids = ["olmo-7b", "llama-3.1-8b", "gpt-oss-20b"]
    comparison = openness.compare(ids, "osaid-1.0")
    assert [r.model["id"] for r in comparison.reports] == ids
    root = ET.fromstring(comparison.plot().to_svg())  # noqa: S314 - our own output
    cells = root.findall(f"{SVG}g")
    assert len(cells) == len(ids) * len(comparison.reports[0].results)
    expected = [
        COLOURS[grade_level(report.result(result.criterion))]
        for result in comparison.reports[0].results
        for report in comparison.reports
    ]
    assert [cell.find(f"{SVG}rect").get("fill") for cell in cells] == expected  # type: ignore[union-attr]
    assert comparison.to_text().splitlines()[2].split() == ["criterion", *ids]
    assert repr(comparison).startswith("<Comparison under 'osaid-1.0': olmo-7b 1.00")


def test_compare_accepts_descriptors_paths_and_reports() -> None:
    """compare takes catalogue ids, descriptor files, descriptors and reports under the same rubric."""
    path = INPUTS / "example-open.toml"
    report = openness.score(_input("example-gated"), "osaid-1.0")
    comparison = openness.compare(["olmo-7b", path, _input("example-unknown"), report], "osaid-1.0")
    assert [r.model["id"] for r in comparison.reports] == [
        "olmo-7b",
        "example-open",
        "example-unknown",
        "example-gated",
    ]
    assert comparison.reports[3] is report
    assert comparison.rubric["id"] == "osaid-1.0"


def test_compare_rejects_reports_under_another_rubric_and_empty_input() -> None:
    """A report under another rubric, or no model at all, is a clear error."""
    report = openness.score(_input("example-gated"), "openness-default")
    with pytest.raises(openness.OpennessError, match=r"cannot be compared under 'osaid-1\.0'"):
        openness.compare([report], "osaid-1.0")
    with pytest.raises(openness.OpennessError, match="at least one model"):
        openness.compare([], "osaid-1.0")
    with pytest.raises(
        openness.DescriptorError,
        match=r"'olmo-7' is neither a descriptor file nor a catalogue model \(did you mean 'olmo-7b'\?\)",
    ):
        openness.compare(["olmo-7"], "osaid-1.0")


def test_everything_from_inputs_is_escaped_in_every_rendering() -> None:
    """Hostile names, notes, licences and links never become markup, attributes or links in HTML and SVG."""
    descriptor = _hostile()
    report = openness.score(descriptor, "osaid-1.0")
    comparison = openness.compare([descriptor, "olmo-7b"], "osaid-1.0")
    for markup in (
        descriptor._repr_html_(),
        report._repr_html_(),
        report.to_html(),
        report.plot().to_svg(),
        comparison.to_html(),
        comparison.plot().to_svg(),
    ):
        parsed = _parse(markup)
        assert "script" not in parsed.tags
        assert "img" not in parsed.tags
        assert not [name for name, _ in parsed.attributes if name.startswith("on")]
        assert not [v for name, v in parsed.attributes if name == "href" and not (v or "").startswith("https://")]
        assert "&lt;script&gt;" in markup
    for svg in (report.plot().to_svg(), comparison.plot().to_svg()):
        ET.fromstring(svg)  # noqa: S314 - well-formed XML despite the hostile text
    for markdown in (descriptor._repr_markdown_(), report._repr_markdown_(), comparison.to_markdown()):
        assert "<script>" not in markdown
        assert "<img" not in markdown
        assert "\\|" in markdown


def test_to_frame_has_one_row_per_report_and_criterion() -> None:
    """to_frame gives the documented columns, one row per (report, criterion), values from the reports."""
    comparison = openness.compare(["olmo-7b", "llama-3.1-8b"], "osaid-1.0")
    frame = openness.to_frame(comparison)
    assert list(frame.columns) == list(openness._render.frame.COLUMNS)
    assert len(frame) == sum(len(r.results) for r in comparison.reports)
    for (_, row), (report, result) in zip(
        frame.iterrows(), [(r, x) for r in comparison.reports for x in r.results], strict=True
    ):
        assert (row["model"], row["criterion"], row["grade"]) == (report.model["id"], result.criterion, result.grade)
        assert row["points"] == result.points
        assert row["score"] == report.score
    wide = frame.pivot(index="criterion", columns="model", values="grade")
    assert wide.loc["parameters", "olmo-7b"] == "open"
    single = openness.to_frame(comparison.reports[0])
    assert list(single["model"].unique()) == ["olmo-7b"]
    assert openness.to_frame(list(comparison.reports)).equals(frame)
    assert comparison.to_frame().equals(frame)


def test_to_frame_keeps_grades_and_verdicts_open_where_facts_are_not_stated() -> None:
    """to_frame carries each grade at best and whether it is settled, the best score and the verdicts by status."""
    reports = [openness.score(_input(m), "osaid-1.0") for m in ("example-gated", "example-unknown")]
    frame = openness.to_frame(reports)
    rows = [(r, x) for r in reports for x in r.results]
    assert list(frame["best_grade"]) == [x.best_grade for _, x in rows]
    assert list(frame["determined"]) == [x.determined for _, x in rows]
    assert list(frame["best_score"]) == [r.best_score for r, _ in rows]
    unknown = frame[frame["model"] == "example-unknown"]
    assert set(unknown["verdicts_undetermined"]) == {"open-source-ai"}
    assert set(unknown["verdicts_met"]) == {""}
    assert not unknown["determined"].any()
    gated = frame[frame["model"] == "example-gated"]
    assert set(gated["verdicts_undetermined"]) == {""}
    assert list(gated["determined"]) == [False, True, True]


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_frame raises an ImportError that says to install the pandas extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    report = openness.score(openness.catalogue.load("olmo-7b"))
    with pytest.raises(
        ImportError,
        match=re.escape(install_hint("pandas")),
    ):
        openness.to_frame(report)


def test_import_openness_loads_no_optional_or_display_module() -> None:
    """import openness does not import pandas, the chart, comparison or frame modules."""
    code = (
        "import sys, openness; "
        "print(sorted(m for m in ('pandas', 'openness._model.chart', 'openness._render.compare',"
        " 'openness._render.frame') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert {"compare", "to_frame"} <= set(dir(openness))
