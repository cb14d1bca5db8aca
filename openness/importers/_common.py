"""What the importers share: safe YAML reading, ids from file names, TOML-safe copies of raw data."""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openness._errors import DescriptorError, Problem

__all__ = ["load_yaml", "restore_nulls", "slug", "without_nulls"]

_NOT_ID = re.compile(r"[^a-z0-9._-]+")


def _yaml() -> Any:
    try:
        import yaml  # noqa: PLC0415 - optional, behind the `import` extra
    except ImportError:
        msg = "reading YAML needs PyYAML: pip install 'openness[import]'"
        raise ImportError(msg) from None
    return yaml


def load_yaml(path: str | Path) -> tuple[Any, str]:
    """Parse a YAML file with PyYAML's safe loader (the C one when present); errors name file, line, column."""
    yaml = _yaml()
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DescriptorError([Problem(message=f"cannot read file: {exc.strerror or exc}", source=source)]) from None
    except UnicodeDecodeError as exc:
        raise DescriptorError([Problem(message=f"not UTF-8 text (byte {exc.start})", source=source)]) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader), source
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "malformed YAML"
        raise DescriptorError(
            [
                Problem(
                    message=f"invalid YAML: {message}",
                    source=source,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise DescriptorError([Problem(message=f"invalid YAML: {exc}", source=source)]) from None


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

    def walk(item: Any, at: tuple[str | int, ...]) -> Any:
        if isinstance(item, Mapping):
            out = {}
            for key, inner in item.items():
                if inner is None:
                    nulls.append([*at, str(key)])
                    continue
                out[str(key)] = walk(inner, (*at, str(key)))
            return out
        if isinstance(item, list):
            kept = []
            for index, inner in enumerate(item):
                if inner is None:
                    nulls.append([*at, index])
                    kept.append("")
                    continue
                kept.append(walk(inner, (*at, index)))
            return kept
        if isinstance(item, (datetime.date, datetime.datetime)):
            return item.isoformat()
        return item

    return walk(value, path), nulls


def restore_nulls(value: Any, nulls: list[list[str | int]]) -> Any:
    """Undo :func:`without_nulls` on a deep copy of ``value``."""
    out = copy.deepcopy(value)
    for path in nulls:
        target = out
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = None
    return out
