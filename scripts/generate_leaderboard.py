"""Regenerate ``docs/leaderboard.md`` and ``docs/leaderboard.html``: every catalogue model under every built-in rubric.

    python scripts/generate_leaderboard.py

A test checks the committed pages equal what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openness
from openness import catalogue
from openness._render.leaderboard import board, board_html, board_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"

INTRO = """
Generated from the catalogue (`openness/catalogue/*.toml`) and the built-in rubrics (`rubrics/*.toml`) by
`scripts/generate_leaderboard.py`; do not edit by hand. Each rubric lists every catalogue model with its score,
the verdicts it meets (or how far it is from them) and the grade of each criterion, then every criterion's
reason. Every fact behind a grade carries its source in the model's descriptor (`openness score ID` shows them);
"unsure facts" marks a grade resting on a fact the descriptor marks as not confirmed. A fact a descriptor does not
state is unknown, not closed: such a grade reads "closed as stated, open at best", a verdict it leaves open
"undetermined" (not "not met"), and a score it could raise "0.17 to 1.00" (as stated to at best). Models are
ordered by the score as stated, then by the best score.
"""


def render() -> dict[str, str]:
    """The text of each generated page, keyed by file name under docs/."""
    data = board(catalogue.all(), [openness.load_rubric(r) for r in openness.list_rubrics()])
    return {
        "leaderboard.md": board_markdown(data, intro=INTRO),
        "leaderboard.html": board_html(data, intro=INTRO),
    }


def main() -> int:
    """Write the pages."""
    for name, text in render().items():
        (DOCS / name).write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {DOCS / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
