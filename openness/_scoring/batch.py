"""Scoring many descriptors: lazily, in input order, optionally spread over an executor's processes."""

from __future__ import annotations

import hashlib
import itertools
import os
import pickle
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from openness._errors import OpennessError
from openness._model.descriptor import Descriptor, load_descriptor
from openness._model.report import Report
from openness._model.rubric import Rubric, load_rubric
from openness._scoring.engine import Evaluator, compile_rubric

__all__ = ["DescriptorInput", "score_many"]

#: What one item of the input may be: a loaded descriptor, a mapping, a ``.toml``/``.json`` path or a catalogue id.
DescriptorInput = Descriptor | Mapping[str, Any] | str | Path

_Chunk = list[tuple[int, DescriptorInput]]

#: Evaluators a worker process has compiled, keyed by the digest of the pickled rubric.
_WORKER_EVALUATORS: OrderedDict[str, Evaluator] = OrderedDict()
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
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    if max_pending is not None and max_pending < 1:
        raise ValueError(f"max_pending must be at least 1, got {max_pending}")
    loaded = load_rubric(rubric)
    if executor is None:
        return _score_here(descriptors, compile_rubric(loaded))
    return _score_spread(descriptors, loaded, executor, chunk_size, max_pending or 2 * (os.cpu_count() or 1))


def _load(item: DescriptorInput, index: int) -> Descriptor:
    if isinstance(item, Mapping):
        return load_descriptor(item, source=f"<item {index}>")
    return load_descriptor(item)


def _score_here(descriptors: Iterable[DescriptorInput], evaluator: Evaluator) -> Iterator[Report]:
    for index, item in enumerate(descriptors):
        yield evaluator(_load(item, index))


def _score_spread(
    descriptors: Iterable[DescriptorInput],
    rubric: Rubric,
    executor: Executor,
    chunk_size: int,
    max_pending: int,
) -> Iterator[Report]:
    # The rubric travels pickled once, as bytes made here (trusted); workers compile it on first sight.
    blob = pickle.dumps(rubric, protocol=pickle.HIGHEST_PROTOCOL)
    key = hashlib.sha256(blob).hexdigest()
    numbered = enumerate(descriptors)
    pending: deque[Future[list[Report | OpennessError]]] = deque()
    try:
        while True:
            while len(pending) < max_pending:
                chunk: _Chunk = list(itertools.islice(numbered, chunk_size))
                if not chunk:
                    break
                pending.append(executor.submit(_score_chunk, key, blob, chunk))
            if not pending:
                return
            for outcome in pending.popleft().result():
                if isinstance(outcome, OpennessError):
                    raise outcome
                yield outcome
    finally:
        for future in pending:
            future.cancel()


def _score_chunk(key: str, blob: bytes, chunk: _Chunk) -> list[Report | OpennessError]:
    """Run in a worker: score one chunk with the rubric compiled once per process.

    A malformed item ends the chunk with its error, so the caller raises it in its place in the order.
    """
    evaluator = _WORKER_EVALUATORS.get(key)
    if evaluator is None:
        rubric: Rubric = pickle.loads(blob)  # noqa: S301 - pickled by score_many in the calling process
        evaluator = compile_rubric(rubric)
        _WORKER_EVALUATORS[key] = evaluator
        while len(_WORKER_EVALUATORS) > _WORKER_EVALUATORS_MAX:
            _WORKER_EVALUATORS.popitem(last=False)
    out: list[Report | OpennessError] = []
    for index, item in chunk:
        try:
            out.append(evaluator(_load(item, index)))
        except OpennessError as error:  # noqa: PERF203 - one try per item: the error takes the item's place
            out.append(error)
            break
    return out
