"""Reading TOML and JSON documents into plain mappings, with syntax errors located by line and column."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from openness._errors import OpennessError, Problem
from openness._reading.limit_checks import check_parsed, check_text, limit_error, read_capped

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["parse_text", "read_document", "read_text"]

_TOML_POSITION = re.compile(r"^(?P<message>.*?) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.DOTALL)
_TOML_END = re.compile(r"^(?P<message>.*?) \(at end of document\)$", re.DOTALL)


def parse_text(text: str, *, kind: str, source: str, error: type[OpennessError]) -> dict[str, Any]:
    """Parse ``text`` as ``kind`` ("toml" or "json") into a dict; raise ``error`` naming ``source``.

    The limits of :mod:`openness.limits` apply: size before parsing, nesting and values after.
    """
    check_text(text, source=source)
    data: dict[str, Any]
    if kind == "json":
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise error(
                [Problem(message=f"invalid JSON: {exc.msg}", source=source, line=exc.lineno, column=exc.colno)]
            ) from None
        except RecursionError:
            raise limit_error("max_depth", "tables and lists are nested too deeply", source=source) from None
        except ValueError as exc:  # a number with more digits than Python converts
            raise error([Problem(message=f"invalid JSON: {exc}", source=source)]) from None
        if not isinstance(loaded, dict):
            raise error(
                [Problem(message=f"expected a JSON object at the top, got {type(loaded).__name__}", source=source)]
            )
        data = loaded
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise error([_toml_problem(exc, source, text)]) from None
        except RecursionError:
            raise limit_error("max_depth", "tables and lists are nested too deeply", source=source) from None
        except ValueError as exc:  # a number with more digits than Python converts
            raise error([Problem(message=f"invalid TOML: {exc}", source=source)]) from None
    check_parsed(data, source=source, error=error)  # a parser's tree: no shared node, no cycle
    return data


def _end_position(text: str) -> tuple[int, int]:
    """Line and column just after the document's last character that is not white space."""
    body = text.rstrip()
    last_break = body.rfind("\n")
    return body.count("\n") + 1, len(body) - last_break


def _toml_problem(exc: Exception, source: str, document: str) -> Problem:
    text = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    message = getattr(exc, "msg", None)
    if message is None or line is None:
        match = _TOML_POSITION.match(text)
        if match:
            message, line, column = match["message"], int(match["line"]), int(match["column"])
        else:
            end = _TOML_END.match(text)
            message = f"{end['message']} (at end of document)" if end else text
            if end:
                line, column = _end_position(document)
    return Problem(message=f"invalid TOML: {message}", source=source, line=line, column=column)


def read_document(path: str | Path, *, error: type[OpennessError]) -> tuple[dict[str, Any], str]:
    """Read a ``.toml`` or ``.json`` file into a dict; return it with the path as given (for messages)."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in {".toml", ".json"}:
        raise error([Problem(message="expected a .toml or .json file", source=source)])
    return parse_text(read_text(path, error=error), kind=suffix[1:], source=source, error=error), source


def read_text(path: Path, *, error: type[OpennessError]) -> str:
    """A UTF-8 text file's content (size-capped); ``error`` naming the file when it cannot be read or decoded."""
    raw = read_capped(path, source=str(path), error=error)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error([Problem(message=f"not UTF-8 text (byte {exc.start})", source=str(path))]) from None
