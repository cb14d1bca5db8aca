"""What the importers share: safe YAML reading, ids from file names, TOML-safe copies of raw data."""

from __future__ import annotations

import copy
import datetime
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openness._errors import DescriptorError, OpennessError, Problem, install_hint
from openness._reading.documents import read_text
from openness._reading.limit_checks import check_parsed, check_text, limit_error
from openness.importers._yaml_compose import load_checked

__all__ = ["YAML_SUFFIXES", "load_yaml", "load_yaml_text", "restore_nulls", "slug", "without_nulls", "yaml_files"]

#: File suffixes the importers read as YAML.
YAML_SUFFIXES = frozenset({".yml", ".yaml"})

_NOT_ID = re.compile(r"[^a-z0-9._-]+")


def _yaml() -> Any:
    try:
        import yaml  # noqa: PLC0415 - optional, behind the `import` extra
    except ImportError:
        msg = f"reading YAML needs PyYAML: {install_hint('import')}"
        raise ImportError(msg) from None
    return yaml


def load_yaml(path: str | Path) -> tuple[Any, str]:
    """Parse a YAML file with PyYAML's safe loader (the C one when present); errors name file, line, column.

    The limits of :mod:`openness.limits` apply (see :func:`load_yaml_text`); the size is checked
    before the file is read in full.
    """
    source = str(path)
    return load_yaml_text(read_text(Path(path), error=DescriptorError), source=source), source


def load_yaml_text(text: str, *, source: str, first_line: int = 1) -> Any:
    """Parse YAML text safely, within the limits of :mod:`openness.limits`; errors name ``source``.

    Text over ``max_bytes`` is refused before parsing. Nesting deeper than ``max_depth``, more than
    ``max_nodes`` values once aliases are expanded (billion-laughs documents) and aliases to a node
    that contains them (cycles) are refused with a :class:`~openness.LimitError` (or, for a cycle, a
    :class:`~openness.DescriptorError`), whichever layer notices first: PyYAML's own parser (libyaml
    0.2.6, in PyYAML 6.0.4 and newer, stops at 1,000 levels) or the project's checks.

    Two routes give the same data as ``yaml.load(text, Loader=CSafeLoader)`` (or ``SafeLoader``):

    - a text without aliases, read by a C parser that limits nesting itself, goes to PyYAML's C
      loader and the result is then walked for depth and size (no alias, so no bomb and no cycle);
    - any other text is composed in one pass from the parser's events, refusing before anything is
      built (see :mod:`openness.importers._yaml_compose`).

    ``first_line`` is the line of the file the text starts on (for YAML embedded in a larger file),
    used in error locations.
    """
    yaml = _yaml()
    check_text(text, source=source)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if "*" not in text and _c_parser_limits_nesting():
            data = yaml.load(text, Loader=loader)
            check_parsed(data, source=source, error=DescriptorError)
            return data
        return load_checked(
            yaml, text, loader, source, lambda message, mark: _yaml_error(message, source, mark, first_line)
        )
    except yaml.MarkedYAMLError as exc:
        if exc.problem and _NATIVE_NESTING in exc.problem:
            raise limit_error(
                "max_depth", "tables and lists are nested too deeply (the YAML parser's own limit)", source=source
            ) from None
        mark = exc.problem_mark or exc.context_mark
        context = exc.context
        if context and exc.context_mark is not None and exc.context_mark is not mark:
            context += f" (from line {first_line + exc.context_mark.line})"
        message = ", ".join(p for p in (context, exc.problem) if p) or "malformed YAML"
        raise _yaml_error(message, source, mark, first_line) from None
    except yaml.YAMLError as exc:
        raise DescriptorError([Problem(message=f"invalid YAML: {exc}", source=source)]) from None
    except OpennessError:
        raise
    except (ValueError, OverflowError) as exc:  # a scalar PyYAML's constructors cannot convert
        raise DescriptorError(
            [Problem(message=f"invalid YAML: a value cannot be read ({exc})", source=source)]
        ) from None


#: What libyaml 0.2.6 and newer say when nesting passes their own limit (1,000 levels).
_NATIVE_NESTING = "exceeded maximum nesting depth"


@functools.cache
def _c_parser_limits_nesting() -> bool:
    """Whether PyYAML's C parser is present and stops deep nesting itself (libyaml 0.2.6, PyYAML 6.0.4).

    Only then may the C composer, which recurses on the C stack, see a document: under its limit of
    1,000 levels it stays within a 512 KiB stack (measured with ``ulimit -s``). Asked once, of the
    parser itself, rather than read from a version number.
    """
    yaml = _yaml()
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return False
    parser = loader_class("[" * 1_001)
    try:
        while parser.get_event() is not None:
            pass
    except yaml.YAMLError as exc:
        return _NATIVE_NESTING in str(exc)
    finally:
        parser.dispose()
    return False


def _yaml_error(message: str, source: str, mark: Any, first_line: int) -> DescriptorError:
    """An invalid-YAML error located at a PyYAML mark (0-based lines, counted from ``first_line``)."""
    return DescriptorError(
        [
            Problem(
                message=f"invalid YAML: {message}",
                source=source,
                line=first_line + mark.line if mark else None,
                column=mark.column + 1 if mark else None,
            )
        ]
    )


def yaml_files(directory: Path) -> list[Path]:
    """The YAML files directly in ``directory``, sorted by name."""
    return sorted(p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def slug(name: str) -> str:
    """A descriptor id made from a file name: lower case, runs of other characters become '-'."""
    text = _NOT_ID.sub("-", name.lower()).strip("-._")
    return text or "model"


def without_nulls(value: Any, path: tuple[str | int, ...] = ()) -> tuple[Any, list[list[str | int]]]:
    """A copy of ``value`` that TOML and JSON can hold, and the key paths where ``None`` was.

    Mapping keys are turned into strings and dates into ISO text; :func:`restore_nulls` puts the
    ``None`` values back.
    """
    nulls: list[list[str | int]] = []
    at: list[str | int] = list(path)

    def walk(item: Any) -> Any:
        kind = type(item)
        if kind is dict or (kind is not list and isinstance(item, Mapping)):
            out = {}
            for key, inner in item.items():
                name = key if type(key) is str else str(key)
                if inner is None:
                    nulls.append([*at, name])
                elif type(inner) is str:
                    out[name] = inner
                else:
                    at.append(name)
                    out[name] = walk(inner)
                    at.pop()
            return out
        if kind is list:
            kept = []
            for index, inner in enumerate(item):
                if inner is None:
                    nulls.append([*at, index])
                    kept.append("")
                elif type(inner) is str:
                    kept.append(inner)
                else:
                    at.append(index)
                    kept.append(walk(inner))
                    at.pop()
            return kept
        if isinstance(item, (datetime.date, datetime.datetime)):
            return item.isoformat()
        return item

    return walk(value), nulls


def restore_nulls(value: Any, nulls: list[list[str | int]]) -> Any:
    """Undo :func:`without_nulls` on a deep copy of ``value``."""
    out = copy.deepcopy(value)
    for path in nulls:
        target = out
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = None
    return out
