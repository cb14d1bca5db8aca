"""Hypothesis properties of the notebook and HTML renderings: any input text stays text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from hypothesis import example, given
from hypothesis import strategies as st

import openness
from openness._reading.vocabulary import ACCESS_LEVELS

# Any text, biased towards markup, quotes, control and bidi characters and XML-invalid code points.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("<>&\"'`|*_[]\\/=\n\t\x00\x07\x1b\u202e\ufffe\uffff")),
    ),
    max_size=40,
)
NAME = TEXT.filter(str.strip)
# Licence strings go through licence reading (fuzzy matching of unknown names), so draw them from a pool.
LICENCE = st.sampled_from(
    ["MIT", "llama3.1", "<b>bold</b>", '"><img src=x onerror=alert(1)>', "A & B <script>x</script>", "Frobnicate\u202e"]
)
STRUCTURE_NAME = "Plain name"


class _Shape(HTMLParser):
    """The sequence of start tags with their attribute names: the structure, without the text."""

    def __init__(self) -> None:
        super().__init__()
        self.shape: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, tuple(name for name, _ in attrs)))


def _shape(markup: str) -> list[tuple[str, tuple[str, ...]]]:
    parser = _Shape()
    parser.feed(markup)
    return parser.shape


def _descriptor(name: str, notes: str, licence: str, access: str) -> openness.Descriptor:
    return openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "m", "name": name, "organisation": name},
            "components": {"weights": {"access": access, "licence": licence, "notes": notes}},
        }
    )


@given(name=NAME, notes=TEXT, licence=LICENCE, access=st.sampled_from(ACCESS_LEVELS))
def test_input_text_never_changes_the_markup(name: str, notes: str, licence: str, access: str) -> None:
    """Whatever a name, note or licence says, the HTML has the same tags and attributes as with plain text."""
    hostile = _descriptor(name, notes, licence, access)
    plain = _descriptor(STRUCTURE_NAME, "notes", licence, access)
    report, plain_report = openness.score(hostile, "osaid-1.0"), openness.score(plain, "osaid-1.0")
    assert _shape(hostile._repr_html_()) == _shape(plain._repr_html_())
    assert _shape(report._repr_html_()) == _shape(plain_report._repr_html_())
    assert _shape(report.to_html()) == _shape(plain_report.to_html())


@given(name=NAME, licence=LICENCE)
@example(name="x\uffff\ufffe\ud800\x00", licence="MIT")  # XML forbids these code points
def test_charts_are_well_formed_svg_for_any_text(name: str, licence: str) -> None:
    """The report chart and the comparison grid parse as XML whatever the inputs contain."""
    descriptor = _descriptor(name, "", licence, "public")
    report = openness.score(descriptor)
    for svg in (report.plot().to_svg(), openness.compare([descriptor, descriptor]).plot().to_svg()):
        root = ET.fromstring(svg)  # noqa: S314 - our own output
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
