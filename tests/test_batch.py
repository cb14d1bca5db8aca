"""Batch scoring: score_many gives what score gives, in order, lazily, in one process or spread over many."""

from __future__ import annotations

import pickle
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import openness
from openness import catalogue

RUBRIC_IDS = openness.list_rubrics()


def _dicts() -> list[dict[str, Any]]:
    """Every catalogue descriptor as a mapping, plus a sparse one and one that states nothing."""
    out = [d.to_dict() for d in catalogue.all()]
    out.append({"format": 1, "model": {"id": "sparse", "name": "Sparse"}, "components": {"weights": {}}})
    out.append({"format": 1, "model": {"id": "empty", "name": "Empty"}})
    return out


class Recorder:
    """An iterable that records how many items were taken from it."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items
        self.taken = 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.taken += 1
            yield item


class InlineExecutor(Executor):
    """Runs each task when submitted and counts the submissions (a stand-in that keeps the test in-process)."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


class _DeferredFuture(Future[Any]):
    """A future whose task runs only when its result is first asked for."""

    def __init__(self, task: Callable[[], Any]) -> None:
        super().__init__()
        self._task = task

    def result(self, timeout: float | None = None) -> Any:
        if self.set_running_or_notify_cancel():  # False once cancelled: a cancelled task never runs
            self.set_result(self._task())
        return super().result(timeout)


class DeferredExecutor(Executor):
    """Keeps each submitted task pending until its result is asked for, and records the futures it made."""

    def __init__(self) -> None:
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = _DeferredFuture(lambda: fn(*args, **kwargs))
        self.futures.append(future)
        return future


class GatedThreadPool(ThreadPoolExecutor):
    """One worker thread; every task after the first waits for ``release``. Records futures and counts tasks run."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.release = threading.Event()
        self.futures: list[Future[Any]] = []
        self.ran = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        gated = bool(self.futures)

        def task() -> Any:
            if gated:
                self.release.wait(timeout=30)
            self.ran += 1
            return fn(*args, **kwargs)

        future = super().submit(task)
        self.futures.append(future)
        return future


@pytest.mark.parametrize("rubric", RUBRIC_IDS)
def test_same_reports_as_score_in_order(rubric: str) -> None:
    """Without an executor every report equals score()'s report for the same item, in input order."""
    items = _dicts()
    reports = list(openness.score_many(items, rubric))
    assert reports == [openness.score(item, rubric) for item in items]
    assert [r.model["id"] for r in reports] == [item["model"]["id"] for item in items]


@pytest.mark.parametrize("rubric", RUBRIC_IDS)
def test_process_pool_gives_the_same_reports_in_order(rubric: str) -> None:
    """With a process pool and small chunks, reports equal score()'s and come in input order."""
    items = _dicts() * 3
    with ProcessPoolExecutor(max_workers=2) as pool:
        reports = list(openness.score_many(items, rubric, executor=pool, chunk_size=2, max_pending=3))
    assert reports == [openness.score(item, rubric) for item in items]


def test_mixed_inputs_paths_descriptors_and_mappings(tmp_path: Path) -> None:
    """Items may be paths, loaded descriptors and mappings, in one input, also across processes."""
    path = tmp_path / "olmo.json"
    path.write_text(catalogue.load("olmo-7b").to_json(), encoding="utf-8")
    items: list[Any] = [path, str(path), catalogue.load("bloom"), catalogue.load("bloom").to_dict()]
    expected = [openness.score(item, "osaid-1.0") for item in items]
    assert list(openness.score_many(items, "osaid-1.0")) == expected
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert list(openness.score_many(items, "osaid-1.0", executor=pool, chunk_size=1)) == expected


def test_generator_is_consumed_lazily_without_executor() -> None:
    """Each report is computed only when asked for: the input is read one item at a time."""
    source = Recorder(_dicts())
    reports = openness.score_many(source, "osaid-1.0")
    assert source.taken == 0
    next(reports)
    assert source.taken == 1
    next(reports)
    assert source.taken == 2


def test_generator_is_consumed_in_bounded_chunks_with_executor() -> None:
    """With an executor at most max_pending chunks are read ahead of the report being yielded."""
    items = _dicts() * 10
    source = Recorder(items)
    executor = InlineExecutor()
    reports = openness.score_many(source, "osaid-1.0", executor=executor, chunk_size=4, max_pending=2)
    assert source.taken == 0
    first = next(reports)
    assert first == openness.score(items[0], "osaid-1.0")
    assert source.taken == 8  # two chunks of four, no more
    assert executor.submitted == 2
    for _ in range(4):  # the rest of the first chunk, then the first report of the next
        next(reports)
    assert source.taken == 12
    assert executor.submitted == 3
    assert len(list(reports)) == len(items) - 5


def test_threads_give_the_same_reports() -> None:
    """Any Executor works, a thread pool too."""
    items = _dicts()
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(openness.score_many(items, "openness-default", executor=pool, chunk_size=3))
    assert reports == [openness.score(item) for item in items]


def test_rubric_errors_raise_at_the_call() -> None:
    """A bad rubric raises when score_many is called, before any item is read."""
    source = Recorder(_dicts())
    with pytest.raises(openness.RubricError, match="no built-in rubric 'nope'"):
        openness.score_many(source, "nope")
    assert source.taken == 0


@pytest.mark.parametrize("executor", [None, "inline", "processes"])
def test_bad_item_names_its_position(executor: str | None) -> None:
    """A malformed mapping raises a DescriptorError naming the item by its position, after the reports before it."""
    items: list[Any] = [_dicts()[0], {"format": 1, "model": {"id": "x"}}, _dicts()[1]]
    with ProcessPoolExecutor(max_workers=1) as pool:
        chosen = {None: None, "inline": InlineExecutor(), "processes": pool}[executor]
        reports = openness.score_many(items, "osaid-1.0", executor=chosen)
        assert next(reports) == openness.score(items[0], "osaid-1.0")
        with pytest.raises(openness.DescriptorError) as caught:
            next(reports)
    assert str(caught.value) == "<item 1>: model.name: required key is missing"


@pytest.mark.parametrize(("option", "value"), [("chunk_size", 0), ("max_pending", 0)])
def test_bad_options_raise(option: str, value: int) -> None:
    """chunk_size and max_pending must be positive."""
    with pytest.raises(ValueError, match=f"{option} must be at least 1, got 0"):
        openness.score_many([], "osaid-1.0", **{option: value})


def test_empty_input_gives_no_reports() -> None:
    """No items, no reports, with or without an executor."""
    assert list(openness.score_many([], "osaid-1.0")) == []
    assert list(openness.score_many(iter([]), "osaid-1.0", executor=InlineExecutor())) == []


@pytest.mark.parametrize("stop", ["close", "error"])
def test_stopping_early_cancels_pending_chunks(stop: str) -> None:
    """Closing the generator, or an item's error, cancels every chunk submitted but not yet started."""
    items = _dicts() * 3
    if stop == "error":
        items[1] = {"format": 1, "model": {"id": "x"}}
    executor = DeferredExecutor()
    reports = openness.score_many(items, "osaid-1.0", executor=executor, chunk_size=1, max_pending=5)
    next(reports)
    if stop == "close":
        reports.close()  # type: ignore[attr-defined]
    else:
        with pytest.raises(openness.DescriptorError):
            next(reports)
    started = 1 if stop == "close" else 2  # the chunks whose reports were asked for
    assert len(executor.futures) == 5 + started - 1
    assert [future.cancelled() for future in executor.futures] == [False] * started + [True] * 4


def test_closing_early_cancels_queued_chunks_of_a_thread_pool() -> None:
    """With a real pool, closing the generator cancels the queued chunks: at most the one running is scored."""
    with GatedThreadPool() as pool:
        reports = openness.score_many(_dicts() * 20, "osaid-1.0", executor=pool, chunk_size=1, max_pending=50)
        next(reports)
        reports.close()  # type: ignore[attr-defined]
        pool.release.set()
    assert len(pool.futures) == 50
    assert all(future.cancelled() for future in pool.futures[2:])
    assert pool.ran <= 2  # the first chunk, and the second if the worker took it before the close


@pytest.mark.parametrize("rubric", RUBRIC_IDS)
def test_rubrics_reports_and_descriptors_pickle(rubric: str) -> None:
    """Rubrics, descriptors and reports survive a pickle round trip unchanged."""
    loaded = openness.load_rubric(rubric)
    assert _round_trip(loaded) == loaded
    for descriptor in catalogue.all():
        again = _round_trip(descriptor)
        assert again == descriptor
        assert again.source == descriptor.source
        report = openness.score(descriptor, loaded)
        assert _round_trip(report) == report
    error = openness.DescriptorError([openness.Problem(message="m", source="s", path=("model", "id"))])
    assert str(_round_trip(error)) == str(error)


def _round_trip(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - our own bytes


descriptor_dicts = st.fixed_dictionaries(
    {"format": st.just(1), "model": st.fixed_dictionaries({"id": st.just("m"), "name": st.just("M")})},
    optional={
        "components": st.dictionaries(
            st.sampled_from(list(openness.components())),
            st.fixed_dictionaries(
                {},
                optional={
                    "access": st.sampled_from(["public", "gated", "api-only", "not-released"]),
                    "licence": st.sampled_from(["Apache-2.0", "llama3.1", "CC-BY-NC-4.0", "Unknown-1"]),
                    "coverage": st.sampled_from(["full", "partial", "none"]),
                },
            ),
            max_size=6,
        )
    },
)


@given(st.lists(descriptor_dicts, max_size=12), st.integers(min_value=1, max_value=5), st.sampled_from(RUBRIC_IDS))
def test_chunking_never_changes_reports(items: list[dict[str, Any]], chunk_size: int, rubric: str) -> None:
    """For any input and chunk size, score_many through an executor equals score item by item."""
    reports = list(openness.score_many(items, rubric, executor=InlineExecutor(), chunk_size=chunk_size, max_pending=2))
    assert reports == [openness.score(item, rubric) for item in items]


def test_catalogue_ids_are_items_too() -> None:
    """``score_many`` scores catalogue ids like ``score`` does, in input order."""
    reports = list(openness.score_many(["olmo-7b", "llama-3.1-8b"], "osaid-1.0"))
    assert [r.model["id"] for r in reports] == ["olmo-7b", "llama-3.1-8b"]


def test_worker_errors_travel_without_what_they_were_raised_from() -> None:
    """A worker's error drops its context and traceback, so it unpickles even where tblib pickles tracebacks."""
    from openness._scoring import batch

    blob = pickle.dumps([openness.load_rubric("osaid-1.0")])
    chunk: list[tuple[int, Any]] = [(0, {"format": 1, "model": {"id": "x"}})]
    (error,) = batch._score_chunk("test-key", blob, chunk, batch._load, batch._only)
    assert isinstance(error, openness.DescriptorError)
    assert (error.__context__, error.__cause__, error.__traceback__) == (None, None, None)
    assert str(_round_trip(error)) == "<item 0>: model.name: required key is missing"
