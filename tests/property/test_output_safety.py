"""Output safety: whatever a descriptor says, every renderer shows it as data, never as markup or terminal codes."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from helpers import elements
from hypothesis import given
from hypothesis import strategies as st

import openness
from openness._cli.formats import render
from openness._cli.model_inputs import ModelInput
from openness._cli.scored import Scored

HOSTILE = [
    "<script>document.title='x'</script>",
    '"><img src=x onerror=alert(1)>',
    "\x1b[31mred\x1b[0m",
    "\x07\x08\r",
    "| a | b |",
    "`code` **bold** [link](javascript:alert(1))",
    "]]><x/>",
    "\u202eevil",
    "&amp; &lt;",
]
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))
CELL_BORDER = re.compile(r"(?<!\\)\|")  # a pipe that is not escaped: a Markdown table cell border
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


def _descriptor(name: str, notes: str, licence: str) -> openness.Descriptor:
    return openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "hostile", "name": name or "x", "organisation": notes or None},
            "components": {
                "weights": {"access": "public", "licence": licence or "MIT", "notes": notes or "n"},
                "training-code": {"access": "public", "licence": "MIT", "notes": name or "n"},
            },
        }
    )


BASELINE = _descriptor("plain", "plain", "MIT")


def _renderer_tags() -> set[str]:
    """Every element the renderers write for the catalogue (unknown licences and warnings included)."""
    found: set[str] = set()
    for descriptor in [*openness.catalogue.all(), _descriptor("x", "y", "Frobnicate-9 OR gpl")]:
        report = openness.score(descriptor, "osaid-1.0")
        for page in (report.to_html(), report._repr_html_(), descriptor._repr_html_()):
            found |= set(elements(page).tags)
    return found


RENDERER_TAGS = _renderer_tags()


@given(hostile_text, hostile_text, hostile_text)
def test_every_renderer_keeps_input_as_data(name: str, notes: str, licence: str) -> None:
    """Text has no control characters; HTML gains no element or attribute; SARIF, JUnit and JSON parse."""
    descriptor = _descriptor(name, notes, licence)
    rubric = openness.load_rubric("osaid-1.0")
    report, plain = openness.score(descriptor, rubric), openness.score(BASELINE, rubric)

    assert not CONTROL.search(report.to_text())

    for hostile_page, plain_page in (
        (report.to_html(), plain.to_html()),
        (report._repr_html_(), plain._repr_html_()),
        (descriptor._repr_html_(), BASELINE._repr_html_()),
    ):
        mine, theirs = elements(hostile_page), elements(plain_page)
        assert not {"script", "img", "x"} & set(mine.tags)
        assert not any(a.startswith("on") for a in mine.attributes)
        assert set(mine.tags) <= RENDERER_TAGS | set(theirs.tags)

    markdown = report.to_markdown()
    assert "<script" not in markdown
    assert "<img" not in markdown
    table_rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    plain_rows = [line for line in plain.to_markdown().splitlines() if line.startswith("| ")]
    assert len(table_rows) == len(plain_rows)
    assert [len(CELL_BORDER.findall(row)) for row in table_rows] == [
        len(CELL_BORDER.findall(row)) for row in plain_rows
    ]

    assert json.loads(report.to_json())["model"]["name"] == descriptor.model.name
    scored = [Scored(model=ModelInput(descriptor=descriptor, location="hostile.toml"), rubric=rubric, report=report)]
    sarif = json.loads(render(scored, "sarif"))
    assert sarif["version"] == "2.1.0"
    junit = ET.fromstring(render(scored, "junit"))  # noqa: S314 - our own output
    assert junit.tag in {"testsuites", "testsuite"}
