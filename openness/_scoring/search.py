"""Hypothesis searches for a minimal descriptor on which something fails: rubric checks and diff witnesses."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from openness._model.descriptor import Descriptor, load_descriptor

__all__ = ["minimise", "search", "search_settings"]

T = TypeVar("T")


def search_settings(max_examples: int | None = None) -> settings:
    """The Hypothesis settings the checks search with: the current profile's example count, a fixed seed.

    No example database, no deadline, no health checks (a check may run inside a test of yours).
    """
    return settings(
        max_examples=max_examples if max_examples is not None else settings().max_examples,
        database=None,
        derandomize=True,
        deadline=None,
        phases=(Phase.generate, Phase.target, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )


def search(
    strategy: st.SearchStrategy[T], failing: Callable[[T], str | None], config: settings
) -> tuple[T, str] | None:
    """The minimal example on which ``failing`` returns a message (an exception counts), or None."""

    def judge(value: T) -> str | None:
        try:
            return failing(value)
        except Exception as exc:  # noqa: BLE001 - a crash is a finding, shrunk like any other
            return f"raised {type(exc).__name__}: {exc}"

    try:
        found = find(strategy, lambda value: judge(value) is not None, settings=config)
    except NoSuchExample:
        return None
    if isinstance(found, Descriptor):
        found = cast("T", minimise(found, lambda d: judge(cast("T", d)) is not None))
    message = judge(found)
    return (found, message) if message is not None else None


def minimise(descriptor: Descriptor | str, keeps: Callable[[Descriptor], bool]) -> Descriptor:
    """Drop every component, assessment and detail whose removal keeps ``keeps`` true (a last, greedy pass).

    ``descriptor`` is a :class:`~openness.Descriptor` or anything :func:`openness.load_descriptor` reads
    (a catalogue id, a path).
    """
    data = load_descriptor(descriptor).to_dict()
    for path in _removable(data):
        trial = _without(data, path)
        try:
            candidate = load_descriptor(trial)
        except ValueError:
            continue
        if keeps(candidate):
            data = trial
    return load_descriptor(data)


def _removable(data: Mapping[str, Any]) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    for section in ("components", "assessments"):
        for key, table in data.get(section, {}).items():
            paths.append((section, key))
            paths += [(section, key, detail) for detail in table]
    return paths


def _without(data: Mapping[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(data))
    target: Any = out
    for key in path[:-1]:
        target = target.get(key)
        if not isinstance(target, dict):
            return out
    target.pop(path[-1], None)
    return out
