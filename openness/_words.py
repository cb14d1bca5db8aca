"""Words for counts: ``1 verdict``, ``2 verdicts``, wherever a count is printed."""

from __future__ import annotations

__all__ = ["counted"]


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` with the noun agreeing: ``counted(1, "verdict")`` is ``1 verdict``; ``plural`` if not ``-s``."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
