"""What several test modules share: running the command line in-process, and listing a page's HTML elements.

Importable from any test module as ``helpers`` (pytest puts the folder of the root ``conftest.py`` on the path).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from openness._cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``openness ARGV`` in this process: the exit code, stdout and stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class Elements(HTMLParser):
    """The start tags of a page and the names of their attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the tag and its attributes' names."""
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def elements(page: str) -> Elements:
    """The elements of ``page``."""
    parser = Elements()
    parser.feed(page)
    return parser
