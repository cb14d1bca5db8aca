"""Where a key path sits in a TOML or model-card file: line and column, for messages and SARIF regions.

The TOML parser gives no positions, so this scans the text for table headers and ``key =`` lines,
which is enough to place a key path on its line. Values spread over several lines (inline tables,
arrays) are placed on the line of their key; paths inside them fall back to that line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from openness._errors import OpennessError, PathSegment

__all__ = ["Locations", "front_matter_lines", "nearest", "toml_locations"]

Position = tuple[int, int]
Locations = dict[tuple[PathSegment, ...], Position]

_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_HEADER = re.compile(rf"^[ \t]*(?P<open>\[\[?)[ \t]*(?P<key>{_DOTTED})[ \t]*\]\]?")
_ASSIGN = re.compile(rf"^(?P<indent>[ \t]*)(?P<key>{_DOTTED})[ \t]*=")
_PART = re.compile(_KEY)
_YAML_KEY = re.compile(r"""^(?P<key>[^\s#:'"\-][^:#]*?|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)""")


def _lines(text: str) -> list[str]:
    """Lines as TOML and YAML front matter count them: split at newlines only, not at U+0085 or U+2028."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def _unescape(quoted: str) -> str:
    """A basic-string key with escapes, decoded as TOML decodes it."""
    from openness._reading.documents import parse_text  # noqa: PLC0415

    try:
        return str(parse_text(f"k = {quoted}", kind="toml", source="<key>", error=OpennessError)["k"])
    except OpennessError:
        return quoted[1:-1]


def _parts(dotted: str) -> list[str]:
    out = []
    for match in _PART.finditer(dotted):
        part = match.group(0)
        if part[0] == '"' and "\\" in part:
            part = _unescape(part)
        elif part[0] in "\"'":
            part = part[1:-1]
        out.append(part)
    return out


def _strip_strings(line: str, state: str | None) -> tuple[str | None, bool]:
    """Track multi-line strings: return the delimiter still open after ``line`` and whether it started open."""
    started_inside = state is not None
    index = 0
    while index < len(line):
        if state is not None:
            end = line.find(state, index)
            if end < 0:
                return state, started_inside
            index, state = end + 3, None
            continue
        if line[index] == "#":
            break
        if line.startswith(('"""', "'''"), index):
            state, index = line[index : index + 3], index + 3
            continue
        if line[index] in "\"'":
            quote = line[index]
            index += 1
            while index < len(line) and line[index] != quote:
                index += 2 if quote == '"' and line[index] == "\\" else 1
        index += 1
    return state, started_inside


def toml_locations(text: str) -> Locations:
    """Map each table header and key in TOML ``text`` to its (line, column), both from 1."""
    found: Locations = {}
    counters: dict[tuple[PathSegment, ...], int] = {}
    current: tuple[PathSegment, ...] = ()
    state: str | None = None

    def resolve(parts: Sequence[str]) -> tuple[PathSegment, ...]:
        path: tuple[PathSegment, ...] = ()
        for part in parts:
            path = (*path, part)
            if path in counters:
                path = (*path, counters[path])
        return path

    for number, line in enumerate(_lines(text), start=1):
        state, inside = _strip_strings(line, state)
        if inside:
            continue
        header = _HEADER.match(line)
        if header:
            parts = _parts(header["key"])
            column = header.start("key") + 1
            if header["open"] == "[[":
                parent = resolve(parts[:-1])
                array = (*parent, parts[-1])
                counters[array] = counters.get(array, -1) + 1
                current = (*array, counters[array])
                found.setdefault(array, (number, column))
            else:
                current = resolve(parts)
            found[current] = (number, column)
            continue
        assign = _ASSIGN.match(line)
        if assign:
            path = (*current, *_parts(assign["key"]))
            found.setdefault(path, (number, assign.start("key") + 1))
    return found


def front_matter_lines(text: str) -> dict[str, int]:
    """Top-level keys of a Markdown file's YAML front matter, each with its line (from 1)."""
    lines = _lines(text.removeprefix("\ufeff"))
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in {"---", "..."}:
            break
        match = _YAML_KEY.match(line)
        if match:
            found.setdefault(match["key"].strip("\"'"), number)
    return found


def nearest(locations: Locations, path: Sequence[PathSegment]) -> Position | None:
    """The position of ``path``, or of its closest ancestor that has one."""
    for end in range(len(path), 0, -1):
        position = locations.get(tuple(path[:end]))
        if position is not None:
            return position
    return None
