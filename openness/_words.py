"""Words for people: counts that agree with their nouns (``1 verdict``), and text made safe for a terminal."""

from __future__ import annotations

import re

__all__ = ["clean", "counted"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` with the noun agreeing: ``counted(1, "verdict")`` is ``1 verdict``; ``plural`` if not ``-s``."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def clean(text: object) -> str:
    """Text safe for a terminal: control characters (escape sequences included) removed."""
    return _CONTROL.sub("", str(text)).replace("\n", " ").replace("\t", " ")
