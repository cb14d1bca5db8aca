"""Resource limits on untrusted input: file size, nesting, YAML aliases, rubric and licence sizes.

Every reader checks these before (or while) it parses, so a hostile file fails fast with a
:class:`LimitError` naming the file and the limit, instead of taking the process down.

>>> from openness import limits
>>> limits.current().max_depth
64
>>> with limits.limited(max_depth=200):
...     limits.current().max_depth
200

:func:`limited` changes the limits for the current thread or task only (a context variable),
:func:`set_limits` changes the process-wide defaults every thread starts from.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator

import attrs

from openness._errors import LimitError

__all__ = ["DEFAULT", "LimitError", "Limits", "current", "limited", "set_limits"]


@attrs.frozen(kw_only=True, cache_hash=True)  # a key of every criterion text written
class Limits:
    """The limits every reader enforces; each is a positive whole number."""

    #: Largest file or text a reader accepts, in bytes (UTF-8), checked before parsing.
    max_bytes: int = 10_000_000
    #: Deepest nesting of tables and lists (TOML, JSON, YAML, mappings), counted from the top.
    max_depth: int = 64
    #: Most values (tables, lists, scalars) in one document, counted with YAML aliases expanded.
    max_nodes: int = 1_000_000
    #: Most criteria in one rubric.
    max_criteria: int = 5_000
    #: Most verdicts in one rubric.
    max_verdicts: int = 1_000
    #: Longest licence string :func:`openness.licences.read` reads, in characters.
    max_licence_length: int = 10_000
    #: Most licence names (operands) in one licence expression.
    max_licence_terms: int = 256
    #: Most alternatives (choices after expanding AND over OR) in one licence expression.
    max_licence_alternatives: int = 1_024

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(Limits):
            value = getattr(self, field.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                msg = f"limit {field.name} must be a positive whole number, got {value!r}"
                raise ValueError(msg)


#: The limits a fresh process starts with.
DEFAULT = Limits()

_lock = threading.Lock()
_process_default = DEFAULT
_override: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("openness_limits", default=None)


def current() -> Limits:
    """The limits in force in this thread or task."""
    return _override.get() or _process_default


def set_limits(limits: Limits | None = None, /, **changes: int) -> Limits:
    """Change the process-wide limits (every thread not inside :func:`limited`); return the old ones.

    ``set_limits(max_bytes=50_000_000)`` changes one limit; ``set_limits(old)`` restores; with no
    arguments the built-in :data:`DEFAULT` comes back.
    """
    global _process_default  # noqa: PLW0603 - the process-wide default is the point
    with _lock:
        old = _process_default
        base = limits if limits is not None else (old if changes else DEFAULT)
        _process_default = attrs.evolve(base, **changes)
    return old


@contextlib.contextmanager
def limited(limits: Limits | None = None, /, **changes: int) -> Iterator[Limits]:
    """Use other limits inside a ``with`` block, in this thread or task only; blocks nest."""
    new = attrs.evolve(limits if limits is not None else current(), **changes)
    token = _override.set(new)
    try:
        yield new
    finally:
        _override.reset(token)
