"""HTML reports in a real browser (headless Chromium): they render, and hostile inputs stay text.

Chromium is Debian's ``chromium`` package; ``.ci/run`` installs it when it is missing. Without it
these tests skip with the reason, except under CI, where its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

import openness

WINDOW = (1200, 1400)
PAYLOAD_SCRIPT = "<script>document.title='PWNED'</script>"
PAYLOAD_IMG = "\"><img src=x onerror=\"document.body.setAttribute('data-pwned', 'yes')\">"
HOSTILE = f"Evil {PAYLOAD_SCRIPT} {PAYLOAD_IMG}"


@pytest.fixture(scope="module")
def chromium() -> str:
    """The chromium executable; a skip with the reason when absent, a failure under CI."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None)
    if found is None:
        message = "headless Chromium not found (Debian: apt-get install -y chromium; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI requires it")
        pytest.skip(message)
    return found


Browse = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def browse(chromium: str, tmp_path: Path) -> Browse:
    """Run headless Chromium, isolated and offline-quiet, on a local page with extra flags."""

    def run(page: Path, *flags: str) -> subprocess.CompletedProcess[str]:
        profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *flags,
            page.as_uri(),
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)

    return run


class _Dom(HTMLParser):
    """The elements, attributes, document title (the first <title>) and text of a serialised DOM."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False
        self._titles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        self._in_title = tag == "title" and self._titles == 0
        self._titles += tag == "title"

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 - HTMLParser API
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.text.append(data)


def _dom(markup: str) -> _Dom:
    parser = _Dom()
    parser.feed(markup)
    return parser


def _page(tmp_path: Path, name: str, markup: str) -> Path:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return path


def _hostile_descriptor() -> openness.Descriptor:
    return openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "evil", "name": HOSTILE, "organisation": HOSTILE},
            "components": {
                "weights": {"access": "public", "licence": HOSTILE, "notes": HOSTILE},
                "training-data": {"access": "not-released", "notes": HOSTILE},
            },
        }
    )


def _descriptor_page(descriptor: openness.Descriptor) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>descriptor</title></head>'
        f"<body>{descriptor._repr_html_()}</body></html>\n"
    )


def test_report_page_renders_with_colour_in_a_browser(browse: Browse, tmp_path: Path) -> None:
    """The page's screenshot is not blank: text, the coloured grade cells and the chart bars are painted."""
    report = openness.score(openness.catalogue.load("mistral-7b"), "openness-default")
    page = _page(tmp_path, "report.html", report.to_html())
    shot = tmp_path / "shot.png"
    browse(page, f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}")
    with Image.open(shot) as image:
        assert image.size == WINDOW
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=WINDOW[0] * WINDOW[1])
    assert colours is not None
    counts = {colour: count for count, colour in colours}
    white = counts.get((255, 255, 255), 0)
    assert white < 0.97 * WINDOW[0] * WINDOW[1], "the page is (almost) blank"
    assert len(counts) > 20, "only a few colours: no text was painted"
    # Table cells of each grade level and the chart's bars (a closed criterion's bar is a 3-pixel stub),
    # painted in their exact colours.
    for hex_colour in ("#d4f4d2", "#fcefc7", "#f8d3d0", "#2e7d32", "#f0a30a", "#c62828"):
        rgb_colour = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        assert counts.get(rgb_colour, 0) > 40, f"{hex_colour} is not painted"


def test_report_page_dom_has_verdicts_grades_reasons_and_links(browse: Browse, tmp_path: Path) -> None:
    """The rendered DOM holds every verdict, grade, reason and evidence link, and loads nothing external."""
    report = openness.score(openness.catalogue.load("llama-3.1-8b"), "osaid-1.0")
    markup = report.to_html()
    source = _dom(markup)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(source.tags)
    assert not [value for name, value in source.attributes if name in {"src", "srcset"}]
    assert "url(" not in markup
    assert "@import" not in markup
    dom = _dom(browse(_page(tmp_path, "report.html", markup), "--dump-dom").stdout)
    text = " ".join(" ".join(dom.text).split())
    for verdict in report.verdicts:
        assert verdict.title in text
    for result in report.results:
        assert result.grade in text
        assert " ".join(result.reason.split()) in text
    links = {value for name, value in dom.attributes if name == "href"}
    evidence = {source for r in report.results for e in r.evidence for source in e.sources[:1]}
    assert evidence
    assert evidence <= links


@pytest.mark.parametrize("kind", ["report", "descriptor"])
def test_hostile_names_and_notes_show_as_text_and_run_nothing(kind: str, browse: Browse, tmp_path: Path) -> None:
    """A descriptor whose name and notes hold <script> and an onerror <img> shows them as text; nothing runs."""
    descriptor = _hostile_descriptor()
    markup = openness.score(descriptor, "osaid-1.0").to_html() if kind == "report" else _descriptor_page(descriptor)
    dom = _dom(browse(_page(tmp_path, "hostile.html", markup), "--dump-dom", "--virtual-time-budget=2000").stdout)
    assert dom.title.startswith(HOSTILE if kind == "report" else "descriptor")
    assert ("data-pwned", "yes") not in dom.attributes
    assert "img" not in dom.tags
    assert "script" not in dom.tags
    text = "".join(dom.text)
    assert PAYLOAD_SCRIPT in text
    assert PAYLOAD_IMG in text
    if kind == "descriptor":
        assert text.count(HOSTILE) >= 4, "name, organisation, licence and both notes appear as text"


def test_the_browser_check_detects_script_that_runs(browse: Browse, tmp_path: Path) -> None:
    """Control: the same payload left unescaped does run in this browser, so the checks above can fail."""
    page = _page(
        tmp_path, "unsafe.html", f"<!DOCTYPE html><html><head><title>safe</title></head><body>{HOSTILE}</body></html>"
    )
    dom = _dom(browse(page, "--dump-dom", "--virtual-time-budget=2000").stdout)
    assert dom.title == "PWNED"
    assert ("data-pwned", "yes") in dom.attributes
