"""JSON text as ``json.dumps(value, indent=..., ensure_ascii=False)`` writes it, faster when indented.

The standard library writes indented JSON with its pure-Python encoder, one generator per level.
A report's JSON is a tree of a few thousand small dicts, lists and strings, so :func:`json_text`
walks it with one function instead, encoding each string with the same C function ``json`` uses.
Without ``indent`` it is ``json.dumps`` itself (the C encoder).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

__all__ = ["Written", "json_text", "written"]

_CONSTANTS = {None: "null", True: "true", False: "false"}
_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def json_text(value: Any, *, indent: int | None = 2) -> str:
    """``json.dumps(value, indent=indent, ensure_ascii=False)`` for JSON data (str keys only).

    ``value`` is built of dicts with string keys, lists, tuples, strings, ints, floats, booleans
    and ``None``; anything else raises :class:`TypeError`, as ``json.dumps`` does.
    """
    if indent is None:
        return json.dumps(value, ensure_ascii=False)
    parts: list[str] = []
    _write(value, "\n", " " * indent, parts.append)
    return "".join(parts)


class Written(str):
    """JSON text already written for its place in a larger document: :func:`json_text` copies it as it is."""

    __slots__ = ()


def written(value: Any, *, depth: int, indent: int) -> Written:
    """``value``'s JSON text as :func:`json_text` would write it ``depth`` containers deep."""
    parts: list[str] = []
    step = " " * indent
    _write(value, "\n" + step * depth, step, parts.append)
    return Written("".join(parts))


def _write(value: Any, newline: str, step: str, add: Any) -> None:
    kind = type(value)
    if kind is str:
        add(encode_basestring(value))
    elif kind is Written:
        add(value)
    elif kind is dict:
        if not value:
            add("{}")
            return
        inner = newline + step
        opening = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                msg = f"keys must be str, not {type(key).__name__}"
                raise TypeError(msg)
            add(opening + encode_basestring(key) + ": ")
            opening = "," + inner
            _write(item, inner, step, add)
        add(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            add("[]")
            return
        inner = newline + step
        opening = "[" + inner
        for item in value:
            add(opening)
            opening = "," + inner
            _write(item, inner, step, add)
        add(newline + "]")
    elif value is None or value is True or value is False:
        add(_CONSTANTS[value])
    elif kind is int:
        add(int.__repr__(value))
    elif kind is float:
        text = float.__repr__(value)
        add(_NON_FINITE.get(text, text))
    else:
        msg = f"Object of type {kind.__name__} is not JSON serializable"
        raise TypeError(msg)
