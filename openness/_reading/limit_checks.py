"""Enforcing :mod:`openness.limits`: sizes before parsing, nesting and cycles after, in linear time."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openness._errors import LimitError, OpennessError, PathSegment, Problem
from openness.limits import current

__all__ = ["check_bytes", "check_count", "check_parsed", "check_text", "check_tree", "limit_error", "read_capped"]


def limit_error(limit: str, what: str, *, source: str | None, path: Sequence[PathSegment] = ()) -> LimitError:
    """A :class:`LimitError`: what went over, the limit's value, and how to raise it."""
    value = getattr(current(), limit)
    message = (
        f"{what}, over the limit {limit} = {value:,}"
        f" (raise it with openness.limits.limited({limit}=...) or openness.limits.set_limits)"
    )
    return LimitError([Problem(message=message, source=source, path=tuple(path))], limit=limit)


def check_bytes(size: int, *, source: str | None) -> None:
    """Refuse an input of ``size`` bytes when it is over ``max_bytes``."""
    if size > current().max_bytes:
        raise limit_error("max_bytes", f"the input is {size:,} bytes", source=source)


def check_text(text: str, *, source: str | None) -> None:
    """Refuse a text whose UTF-8 form is over ``max_bytes`` (counted without encoding when it is clearly under)."""
    cap = current().max_bytes
    if len(text) > cap:
        raise limit_error("max_bytes", f"the input is over {cap:,} bytes", source=source)
    if len(text) * 4 > cap:
        check_bytes(len(text.encode("utf-8", "surrogatepass")), source=source)


def read_capped(path: Path, *, source: str, error: type[OpennessError]) -> bytes:
    """A file's bytes, refusing it (before reading it all) when it is over ``max_bytes``."""
    cap = current().max_bytes
    try:
        with path.open("rb") as handle:
            # Asking for cap + 1 bytes at once costs a buffer that large (10 MB) per file: ask for what
            # the file says it holds, then for the rest of the cap only if it grew (or has no size).
            size = min(os.fstat(handle.fileno()).st_size, cap)
            raw = handle.read(size + 1)
            if len(raw) > size:
                raw += handle.read(cap + 1 - len(raw))
    except OSError as exc:
        raise error([Problem(message=f"cannot read file: {exc.strerror or exc}", source=source)]) from None
    if len(raw) > cap:
        raise limit_error("max_bytes", f"the file is more than {cap:,} bytes", source=source)
    return raw


def check_count(count: int, limit: str, what: str, *, source: str | None, path: Sequence[PathSegment] = ()) -> None:
    """Refuse ``count`` items of ``what`` when it is over ``limit``."""
    if count > getattr(current(), limit):
        raise limit_error(limit, f"{count:,} {what}", source=source, path=path)


def check_tree(value: object, *, source: str | None, error: type[OpennessError]) -> None:
    """Walk nested mappings and lists without recursion: refuse too deep, too many values, or a cycle.

    A mapping handed in by a caller may contain itself; that is an ``error``, not a limit. Key
    paths are built only for an error: each entry links to its parent's (``_Link``).
    """
    limits = current()
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    nodes = 0
    # Each entry: (value, depth, the link to where it sits).
    stack: list[tuple[object, int, _Link | None]] = [(value, 0, None)]
    while stack:
        item, depth, link = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            raise limit_error("max_nodes", "the document has too many values", source=source)
        kind = type(item)
        if kind is dict or (kind is not list and kind is not tuple and isinstance(item, Mapping)):
            children: list[tuple[PathSegment, Any]] = [
                (k if isinstance(k, (str, int)) else str(k), v)
                for k, v in item.items()  # type: ignore[attr-defined]
            ]
        elif kind is list or kind is tuple or isinstance(item, (list, tuple)):
            children = list(enumerate(item))  # type: ignore[arg-type]
        else:
            continue
        if depth + 1 > max_depth:
            raise limit_error("max_depth", "tables and lists are nested too deeply", source=source, path=_path(link))
        identity = id(item)
        above = link
        while above is not None:
            if above[2] == identity:
                raise error([Problem(message="this value contains itself (a cycle)", source=source, path=_path(link))])
            above = above[0]
        stack.extend((child, depth + 1, (link, key, identity)) for key, child in reversed(children))


def check_parsed(value: object, *, source: str | None, error: type[OpennessError]) -> None:
    """:func:`check_tree` for a tree a parser just built of dicts and lists, which shares no node.

    Such a tree has no cycle, so a lean walk counts values and depth; when it finds a limit
    exceeded, or a value of another kind, :func:`check_tree` walks again to raise its exact error.
    """
    limits = current()
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    nodes = 1
    stack: list[tuple[Any, int]] = [(value, 0)] if type(value) in (dict, list) else []
    lean = True  # while the tree is within the limits and made of dicts and lists
    while stack and lean:
        item, depth = stack.pop()
        children = item.values() if type(item) is dict else item
        nodes += len(children)
        lean = depth < max_depth and nodes <= max_nodes
        for child in children:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append((child, depth + 1))
            elif kind is tuple or isinstance(child, (Mapping, list)):
                lean = False  # not a parser's tree: let check_tree judge it
    if not lean:
        check_tree(value, source=source, error=error)


#: Where a value sits: (the parent's link, its key in the parent, the parent's id).
_Link = tuple[Any, "PathSegment", int]


def _path(link: _Link | None) -> tuple[PathSegment, ...]:
    keys: list[PathSegment] = []
    while link is not None:
        keys.append(link[1])
        link = link[0]
    return tuple(reversed(keys))
