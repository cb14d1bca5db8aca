"""A progress bar on stderr for long runs: drawn on a terminal, silent when stderr is piped or a file.

A dozen lines do the job, so no dependency (tqdm, rich) is added for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["progress"]

T = TypeVar("T")
_WIDTH = 30


def _terminal(stream: TextIO) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress(items: Iterable[T], *, total: int | Callable[[], int], label: str, stream: TextIO) -> Iterator[T]:
    """Yield ``items``, drawing ``[####    ] n/total label`` on ``stream`` when it is a terminal.

    ``total`` may be a function, called only when the bar is drawn (counting a large input costs a pass over it).
    Items beyond the total (an input that grew) are yielded with the bar kept full.
    """
    if not _terminal(stream):
        yield from items
        return
    if callable(total):
        total = total()
    if total < 2:
        yield from items
        return
    width = _WIDTH + len(label) + 2 * len(str(total)) + 5

    def draw(done: int) -> None:
        filled = _WIDTH * min(done, total) // total
        stream.write(f"\r[{'#' * filled}{' ' * (_WIDTH - filled)}] {done}/{total} {label}")
        stream.flush()

    step = max(1, total // 1000)  # at most about a thousand redraws, however long the input
    done = 0
    draw(done)
    try:
        for item in items:
            yield item
            done += 1
            if done % step == 0 or done == total:
                draw(done)
    finally:
        stream.write("\r" + " " * width + "\r")
        stream.flush()
