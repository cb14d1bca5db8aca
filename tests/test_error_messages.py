"""Error quality: the exact messages for common mistakes, kept in one golden file (tests/golden/errors.txt).

Each case writes a small input file (or passes a name), loads it, and records the message lines:
file, line and column for syntax errors, key path for wrong values, "did you mean" when a name is
close. Refresh with ``pytest --update-golden`` after an intended change, and read the diff.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import openness
from openness import OpennessError, limits
from openness.importers import mot, read

RUBRIC = """\
format = 1
id = "mine"
title = "My rubric"
version = "1"
source = "https://example.org/rubric"

[scale]
open = 1.0
partial = 0.5
closed = 0.0

[licence-lists]
open-licences = { ids = ["MIT", "Apache-2.0"] }

[[criteria]]
id = "weights"
title = "Weights are public"

  [[criteria.levels]]
  grade = "open"
  when = { component = "weights", access = "public" }

[[verdicts]]
id = "open-weights"
title = "Open weights"
requires = { criteria = ["weights"], grade = "open" }
"""

DESCRIPTOR = """\
format = 1

[model]
id = "olmo-7b"
name = "OLMo 7B"
released = "2024-02-01"

[components.weights]
access = "public"
licence = "Apache-2.0"
"""

MOT = """\
framework:
  name: Model Openness Framework
  version: '1.0'
release:
  name: Example
  producer: Example Lab
  components:
  - name: Model parameters (Final)
    license: Apache-2.0
"""

#: (title, file name, file text) ; a text of None means the name is passed as it is (built-in ids, licences).
CASES: list[tuple[str, str, str | None]] = [
    ("typo in a key", "typo.toml", DESCRIPTOR.replace('name = "OLMo 7B"', 'nmae = "OLMo 7B"')),
    ("wrong type", "wrong-type.toml", DESCRIPTOR.replace('access = "public"', "access = 1")),
    ("unknown component", "component.toml", DESCRIPTOR.replace("[components.weights]", "[components.weigths]")),
    ("unknown access value", "access.toml", DESCRIPTOR.replace('"public"', '"publc"')),
    ("bad date", "date.toml", DESCRIPTOR.replace('"2024-02-01"', '"2024-02-30"')),
    ("date in the wrong shape", "date-shape.toml", DESCRIPTOR.replace('"2024-02-01"', '"01/02/2024"')),
    ("invalid model id", "id.toml", DESCRIPTOR.replace('id = "olmo-7b"', 'id = "OLMo 7B"')),
    ("missing format key", "no-format.toml", DESCRIPTOR.replace("format = 1\n", "")),
    ("newer format", "format-2.toml", DESCRIPTOR.replace("format = 1", "format = 2")),
    ("malformed TOML: unclosed string", "syntax.toml", DESCRIPTOR.replace('name = "OLMo 7B"', 'name = "OLMo 7B')),
    ("malformed TOML: file ends mid-value", "unfinished.toml", DESCRIPTOR + "extra = [1,\n"),
    ("malformed TOML: duplicate table", "duplicate.toml", DESCRIPTOR + "\n[model]\n"),
    ("malformed JSON: trailing comma", "syntax.json", '{\n  "format": 1,\n  "model": {"id": "x",}\n}\n'),
    ("JSON that is not an object", "list.json", "[1, 2]\n"),
    ("licence typo (lookup)", "Apachee-2.0", None),
    ("unknown grade", "grade.toml", RUBRIC.replace('grade = "open"\n  when', 'grade = "opne"\n  when')),
    (
        "wrong type in a rubric",
        "weight.toml",
        RUBRIC.replace('title = "Weights are public"', 'title = "W"\nweight = "high"'),
    ),
    (
        "cyclic verdicts",
        "cycle.toml",
        RUBRIC
        + '\n[[verdicts]]\nid = "a"\ntitle = "A"\nbuilds-on = "b"\n'
        + '\n[[verdicts]]\nid = "b"\ntitle = "B"\nbuilds-on = "a"\n',
    ),
    (
        "empty rubric",
        "empty.toml",
        RUBRIC.split("[[criteria]]", maxsplit=1)[0].replace("[scale]", "criteria = []\n\n[scale]"),
    ),
    ("unknown licence list", "list.toml", RUBRIC.replace('access = "public" }', 'licence-in = "open-licenses" }')),
    ("unknown condition shape", "shape.toml", RUBRIC.replace('{ component = "weights"', '{ componnet = "weights"')),
    (
        "unknown criterion in a verdict",
        "verdict.toml",
        RUBRIC.replace('criteria = ["weights"]', 'criteria = ["weight"]'),
    ),
    ("unknown licence class", "class.toml", RUBRIC.replace('access = "public" }', 'licence = "osi-aproved" }')),
    ("unknown built-in rubric", "osaid", None),
    ("bad MOT component name", "bad-component.yml", MOT.replace("Model parameters (Final)", "Model Parameter (final)")),
    ("malformed YAML", "syntax.yml", MOT.replace("  producer: Example Lab", " producer: [Example Lab")),
    ("MOT file without a release table", "no-release.yml", "framework:\n  name: x\n"),
    ("YAML that is neither MOT nor index", "other.yml", "name: x\n"),
    ("YAML alias cycle", "alias.yml", "release: &r\n  name: x\n  again: *r\n"),
    ("file over the size limit", "big.toml", DESCRIPTOR + "# " + "x" * 300 + "\n"),
    ("not UTF-8", "latin1.toml", None),
]


def _loader(title: str, name: str) -> Callable[[str], object]:
    if title.startswith("licence"):
        return openness.licences.lookup
    if title == "unknown built-in rubric":
        return openness.load_rubric
    if name.endswith(".yml"):
        return mot.read if title.startswith(("bad MOT", "MOT")) else read
    text = {n: t for _, n, t in CASES}[name]
    return openness.load_rubric if text is not None and text.startswith(RUBRIC[:20]) else openness.load_descriptor


def _error_lines(title: str, name: str, text: str | None) -> list[str]:
    load = _loader(title, name)
    if name == "latin1.toml":
        Path(name).write_bytes(DESCRIPTOR.replace("OLMo", "OLMö").encode("latin-1"))
    elif text is not None:
        Path(name).write_text(text, encoding="utf-8")
    cap = len(DESCRIPTOR) + 100 if name == "big.toml" else limits.DEFAULT.max_bytes
    try:
        with limits.limited(max_bytes=cap):
            load(name)
    except OpennessError as exc:
        return exc.lines()
    pytest.fail(f"{title}: {name} loaded without an error")


def _render(title: str, name: str, text: str | None, lines: list[str]) -> str:
    if name == "latin1.toml":
        shown = "(the descriptor above, saved as Latin-1 with 'OLMö')"
    elif text is None:
        shown = json.dumps(name)
    else:
        shown = textwrap.indent(_changed(text), "  ")
    return f"=== {title}: {name}\n--- input\n{shown}\n--- error\n" + "\n".join(lines) + "\n"


def _changed(text: str) -> str:
    """The input as a diff against the base file it was made from (whole when it has no base)."""
    base = RUBRIC if text.startswith(RUBRIC[:20]) else DESCRIPTOR if text.startswith(("format", "\n[model]")) else ""
    if not base:
        return text.rstrip("\n")
    changed = [line.rstrip() for line in difflib.ndiff(base.splitlines(), text.splitlines()) if line[:1] in "+-"]
    shown = [line if len(line) <= 80 else line[:77] + "..." for line in changed]
    return "(the base file, changed)\n" + "\n".join(shown)


def test_common_mistakes_give_exact_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: object) -> None:
    """At least twenty common mistakes each give the message in tests/golden/errors.txt, line for line."""
    monkeypatch.chdir(tmp_path)
    blocks = [_render(title, name, text, _error_lines(title, name, text)) for title, name, text in CASES]
    assert len(CASES) >= 20
    golden("errors.txt", "\n".join(blocks))  # type: ignore[operator]


def test_base_inputs_are_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files the mistakes are made in load cleanly, so each message comes from its one change."""
    monkeypatch.chdir(tmp_path)
    Path("r.toml").write_text(RUBRIC, encoding="utf-8")
    Path("d.toml").write_text(DESCRIPTOR, encoding="utf-8")
    Path("m.yml").write_text(MOT, encoding="utf-8")
    assert openness.load_rubric("r.toml").id == "mine"
    assert openness.load_descriptor("d.toml").id == "olmo-7b"
    assert mot.read("m.yml").components["weights"].licence == "Apache-2.0"
