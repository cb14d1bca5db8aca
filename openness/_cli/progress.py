"""A progress bar on stderr for long runs: drawn on a terminal, silent when stderr is piped or a file.

A dozen lines do the job, so no dependency (tqdm, rich) is added for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["progress"]

T = TypeVar("T")
_WIDTH = 30


def _wanted(stream: TextIO, total: int) -> bool:
    if total < 2 or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress(items: Iterable[T], *, total: int, label: str, stream: TextIO) -> Iterator[T]:
    """Yield ``items``, drawing ``[####    ] n/total label`` on ``stream`` when it is a terminal."""
    if not _wanted(stream, total):
        yield from items
        return
    width = _WIDTH + len(label) + 2 * len(str(total)) + 5

    def draw(done: int) -> None:
        filled = _WIDTH * done // total
        stream.write(f"\r[{'#' * filled}{' ' * (_WIDTH - filled)}] {done}/{total} {label}")
        stream.flush()

    done = 0
    draw(done)
    try:
        for item in items:
            yield item
            done += 1
            draw(done)
    finally:
        stream.write("\r" + " " * width + "\r")
        stream.flush()
