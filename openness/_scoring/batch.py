"""Scoring many descriptors: lazily, in input order, optionally spread over an executor's processes."""

from __future__ import annotations

import hashlib
import itertools
import os
import pickle
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any, TypeVar

from openness._errors import OpennessError
from openness._model.descriptor import Descriptor
from openness._model.report import Report
from openness._model.rubric import Rubric, load_rubric
from openness._scoring.engine import Evaluator, compile_rubric
from openness.importers import load_descriptor

__all__ = ["DescriptorInput", "score_each", "score_many"]

#: What one item of the input may be: a loaded descriptor, a mapping, a ``.toml``/``.json`` path or a catalogue id.
DescriptorInput = Descriptor | Mapping[str, Any] | str | Path

I = TypeVar("I")  # noqa: E741 - an input item
T = TypeVar("T")  # what one item becomes

#: Evaluators a worker process has compiled, keyed by the digest of the pickled rubrics.
_WORKER_EVALUATORS: OrderedDict[str, list[Evaluator]] = OrderedDict()
_WORKER_EVALUATORS_MAX = 8


def score_many(
    descriptors: Iterable[DescriptorInput],
    rubric: Rubric | Mapping[str, Any] | str | Path | None = None,
    *,
    executor: Executor | None = None,
    chunk_size: int = 256,
    max_pending: int | None = None,
) -> Iterator[Report]:
    """Score every descriptor against one rubric; yield the reports lazily, in input order.

    ``descriptors`` is any iterable (a list, a generator over files, ``df.to_dict("records")``); each
    item is what :func:`openness.score` accepts: a :class:`~openness.Descriptor`, a mapping, a path or
    a catalogue id.
    The rubric is loaded at once (a bad rubric raises here) and compiled once per process.

    Without ``executor`` the items are scored one by one in this process. With an executor (for
    example :class:`concurrent.futures.ProcessPoolExecutor`) items are sent to it in chunks of
    ``chunk_size``, and at most ``max_pending`` chunks (default: twice the CPU count) are in flight
    at a time, so memory stays bounded whatever the input's length: the input is read only as fast
    as reports are taken. A malformed item raises :class:`openness.DescriptorError` when its report
    is reached; a mapping item is named ``<item N>`` (counting from 0) in the error.
    """
    _check_sizes(chunk_size, max_pending)
    loaded = load_rubric(rubric)
    return score_each(
        descriptors,
        [loaded],
        load=_load,
        render=_only,
        executor=executor,
        chunk_size=chunk_size,
        max_pending=max_pending,
    )


def score_each(
    items: Iterable[I],
    rubrics: Sequence[Rubric],
    *,
    render: Callable[[I, list[Report]], T],
    load: Callable[[I, int], Descriptor],
    executor: Executor | None = None,
    chunk_size: int = 256,
    max_pending: int | None = None,
) -> Iterator[T]:
    """Per item, in input order: ``render(item, reports)``, its reports under each rubric, lazily.

    :func:`score_many` is this with one rubric, ``render`` keeping the report and ``load(item, index)``
    (which makes the item's descriptor) taking what :func:`openness.score` accepts. With an executor,
    ``load``, the scoring and ``render`` all run in the workers, so both functions must pickle
    (module-level functions, or :func:`functools.partial` of them), and what ``render`` returns travels back.
    """
    _check_sizes(chunk_size, max_pending)
    if executor is None:
        return _score_here(items, [compile_rubric(r) for r in rubrics], load, render)
    pending = max_pending or 2 * (os.cpu_count() or 1)
    return _score_spread(
        items, list(rubrics), load, render, executor=executor, chunk_size=chunk_size, max_pending=pending
    )


def _check_sizes(chunk_size: int, max_pending: int | None) -> None:
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    if max_pending is not None and max_pending < 1:
        raise ValueError(f"max_pending must be at least 1, got {max_pending}")


def _load(item: DescriptorInput, index: int) -> Descriptor:
    if isinstance(item, Mapping):
        return load_descriptor(item, source=f"<item {index}>")
    return load_descriptor(item)


def _only(_: object, reports: list[Report]) -> Report:
    return reports[0]


def _score_here(
    items: Iterable[I],
    evaluators: list[Evaluator],
    load: Callable[[I, int], Descriptor],
    render: Callable[[I, list[Report]], T],
) -> Iterator[T]:
    for index, item in enumerate(items):
        descriptor = load(item, index)
        yield render(item, [evaluator(descriptor) for evaluator in evaluators])


def _score_spread(
    items: Iterable[I],
    rubrics: list[Rubric],
    load: Callable[[I, int], Descriptor],
    render: Callable[[I, list[Report]], T],
    *,
    executor: Executor,
    chunk_size: int,
    max_pending: int,
) -> Iterator[T]:
    # The rubrics travel pickled once, as bytes made here (trusted); workers compile them on first sight.
    blob = pickle.dumps(rubrics, protocol=pickle.HIGHEST_PROTOCOL)
    key = hashlib.sha256(blob).hexdigest()
    numbered = enumerate(items)
    pending: deque[Future[list[T | OpennessError]]] = deque()
    try:
        while True:
            while len(pending) < max_pending:
                chunk: list[tuple[int, I]] = list(itertools.islice(numbered, chunk_size))
                if not chunk:
                    break
                pending.append(executor.submit(_score_chunk, key, blob, chunk, load, render))
            if not pending:
                return
            for outcome in pending.popleft().result():
                if isinstance(outcome, OpennessError):
                    raise outcome
                yield outcome
    finally:
        for future in pending:
            future.cancel()


def _score_chunk(
    key: str,
    blob: bytes,
    chunk: list[tuple[int, I]],
    load: Callable[[I, int], Descriptor],
    render: Callable[[I, list[Report]], T],
) -> list[T | OpennessError]:
    """Run in a worker: load, score and render one chunk, the rubrics compiled once per process.

    A malformed item ends the chunk with its error, so the caller raises it in its place in the order.
    """
    evaluators = _WORKER_EVALUATORS.get(key)
    if evaluators is None:
        rubrics: list[Rubric] = pickle.loads(blob)  # noqa: S301 - pickled by score_each in the calling process
        evaluators = [compile_rubric(rubric) for rubric in rubrics]
        _WORKER_EVALUATORS[key] = evaluators
        while len(_WORKER_EVALUATORS) > _WORKER_EVALUATORS_MAX:
            _WORKER_EVALUATORS.popitem(last=False)
    out: list[T | OpennessError] = []
    for index, item in chunk:
        try:
            descriptor = load(item, index)
            out.append(render(item, [evaluator(descriptor) for evaluator in evaluators]))
        except OpennessError as error:  # noqa: PERF203 - one try per item: the error takes the item's place
            # What it was raised from (a cattrs exception group) stays here: pickled with the traceback, as
            # tblib does once Dask's distributed is imported, the group does not unpickle on Python 3.10.
            error.__context__ = error.__cause__ = error.__traceback__ = None
            out.append(error)
            break
    return out
