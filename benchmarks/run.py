"""Benchmarks for openness: every figure is a ratio to a baseline measured in the same run.

    python benchmarks/run.py            # everything (the 1,000,000-descriptor run takes minutes)
    python benchmarks/run.py --quick    # fewer repeats, scale and registry up to 10,000 only
    python benchmarks/run.py --only import --only scale

Prints a table and writes ``benchmarks/results.json`` (not committed: figures depend on the machine).

Each benchmark is one function registered with :func:`benchmark`; it gets the :class:`Options` and
returns :class:`Row` objects. To add one, write the function in this file (or import it here) and
decorate it; the runner, the table and the JSON need no change.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import osaid_by_hand  # beside this file: a script's folder is first on sys.path
from generated import descriptors, hub_descriptors

import openness
from openness._reading.resources import rubrics_dir
from openness._scoring.engine import _compile, compile_rubric

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Options:
    """How hard to measure."""

    quick: bool = False

    @property
    def repeat(self) -> int:
        """How many timed rounds to take the best of."""
        return 3 if self.quick else 7


@dataclass(frozen=True)
class Row:
    """One figure: ``value`` measured against ``baseline`` (same unit), and the goal for the ratio."""

    benchmark: str
    case: str
    value: float
    baseline: float
    baseline_name: str
    unit: str
    goal: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        """``value / baseline``."""
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def verdict(self) -> str:
        """``ok`` or ``MISSED`` against the goal, ``-`` when there is none."""
        if self.goal is None:
            return "-"
        return "ok" if self.ratio <= self.goal else "MISSED"


@dataclass(frozen=True)
class Benchmark:
    """A registered benchmark."""

    name: str
    run: Callable[[Options], list[Row]]
    description: str = field(default="")


BENCHMARKS: list[Benchmark] = []


def benchmark(name: str) -> Callable[[Callable[[Options], list[Row]]], Callable[[Options], list[Row]]]:
    """Register a benchmark function under ``name`` (its docstring describes it)."""

    def register(function: Callable[[Options], list[Row]]) -> Callable[[Options], list[Row]]:
        BENCHMARKS.append(Benchmark(name=name, run=function, description=(function.__doc__ or "").strip()))
        return function

    return register


# ---------------------------------------------------------------- timing helpers


def best_time(
    function: Callable[[], object], *, repeat: int, number: int = 1, clock: Callable[[], float] = time.process_time
) -> float:
    """The best of ``repeat`` rounds, in seconds per call (GC off while timing, as timeit does).

    The clock is this process's CPU time by default, so other busy processes on the machine (which
    delay us without costing us CPU) do not count; wall time for what runs in other processes.
    """
    times = []
    for _ in range(repeat):
        gc.disable()
        try:
            start = clock()
            for _ in range(number):
                function()
            times.append((clock() - start) / number)
        finally:
            gc.enable()
    return min(times)


def paired_best(
    measured: Callable[[], object],
    baseline: Callable[[], object],
    *,
    repeat: int,
    number: int = 1,
    clock: Callable[[], float] = time.process_time,
) -> tuple[float, float]:
    """Best times of two functions, their rounds interleaved so machine noise hits both alike."""
    mine, theirs = [], []
    for _ in range(repeat):
        mine.append(best_time(measured, repeat=1, number=number, clock=clock))
        theirs.append(best_time(baseline, repeat=1, number=number, clock=clock))
    return min(mine), min(theirs)


def python_command(code: str) -> list[str]:
    """A command running ``code`` in a fresh interpreter (the one running this script)."""
    return [sys.executable, "-c", code]


def run_json(code: str) -> Any:
    """Run ``code`` in a fresh interpreter; it prints one JSON document as its last line."""
    out = subprocess.run(python_command(code), capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


# ---------------------------------------------------------------- engine against hand-written code


def _engine_rows(
    name: str,
    evaluator: Any,
    descriptors: list[Any],
    by_hand: Callable[[], object],
    options: Options,
    *,
    number: int,
    note: str,
) -> list[Row]:
    """The engine against a hand-written baseline, three ways.

    Warm: the evaluator remembers the grading of each pattern of check answers it has seen (after
    the first pass, every pattern). Cold: that table is emptied before every pass, so each pass
    grades every distinct pattern afresh. Read in full: each report's reasons, evidence and
    verdict texts are written too (reading ``results`` builds them all): within 5x of the hand-written
    decision, which writes no text at all.
    """

    def warm() -> None:
        for descriptor in descriptors:
            evaluator(descriptor)

    def cold() -> None:
        evaluator._memo.clear()  # noqa: SLF001 - measuring the engine without its remembered gradings
        for descriptor in descriptors:
            evaluator(descriptor)

    def read_in_full() -> None:
        for descriptor in descriptors:
            _ = evaluator(descriptor).results  # builds every explaining part

    per = len(descriptors)
    rows = []
    for case, run, goal in (
        ("compiled evaluator", warm, 2.0),
        ("compiled evaluator, nothing remembered", cold, 2.0),
        ("evaluator + every report read in full", read_in_full, 5.0),
    ):
        mine, theirs = paired_best(run, by_hand, repeat=options.repeat, number=number)
        rows.append(Row(name, case, mine / per, theirs / per, "hand-written", "s", goal, note))
    return rows


@benchmark("engine-osaid-1.0")
def engine_against_hand_written(options: Options) -> list[Row]:
    """The engine against a hand-written osaid-1.0.

    Scoring the catalogue with osaid-1.0: the engine against a hand-written function computing the
    same grades, score and verdict (benchmarks/osaid_by_hand.py) from the same loaded descriptors.
    The engine decides grades, points, score and verdicts (met and progress) when it scores; a
    report writes its reasons and evidence when first read, which the last row measures.
    """
    descriptors = openness.catalogue.all()
    rubric = openness.load_rubric("osaid-1.0")
    evaluator = compile_rubric(rubric)
    for descriptor in descriptors:  # the baseline must compute the same thing
        report, mine = evaluator(descriptor), osaid_by_hand.grade(descriptor)
        if mine.grades != {r.criterion: r.grade for r in report.results} or mine.score != report.score:
            raise AssertionError(f"the hand-written osaid-1.0 disagrees with the engine on {descriptor.id}")

    def by_hand() -> None:
        for descriptor in descriptors:
            osaid_by_hand.grade(descriptor)

    def through_score() -> None:
        for descriptor in descriptors:
            openness.score(descriptor, rubric)

    number = 20 if options.quick else 100
    note = f"{len(descriptors)} catalogue descriptors, per descriptor"
    rows = _engine_rows("engine-osaid-1.0", evaluator, descriptors, by_hand, options, number=number, note=note)
    public, theirs = paired_best(through_score, by_hand, repeat=options.repeat, number=number)
    per = len(descriptors)
    rows.append(Row("engine-osaid-1.0", "openness.score()", public / per, theirs / per, "hand-written", "s", 2.0, note))
    return rows


# ---------------------------------------------------------------- scale

SCALE_SIZES = (1_000, 10_000, 100_000, 1_000_000)
QUICK_SCALE_SIZES = (1_000, 10_000)

#: Run in a fresh interpreter per size: generate N descriptors lazily, score them all, report time and peak RSS.
SCALE_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {here!r})
from generated import descriptors, hub_descriptors
import openness
size = {size}
reports = openness.score_many(descriptors(size), "osaid-1.0")
start, cpu_start = time.perf_counter(), time.process_time()
count = 0
met = 0
for report in reports:
    count += 1
    met += bool(report.met)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
assert count == size, count
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({{"seconds": elapsed, "cpu_seconds": cpu, "peak_rss": rss, "met": met}}))
"""


@benchmark("scale")
def scale(options: Options) -> list[Row]:
    """Time and memory of score_many from 1,000 to 1,000,000 descriptors.

    score_many over generated descriptors (mappings made lazily, loaded and scored with osaid-1.0), each size
    in a fresh interpreter: CPU time per descriptor (CPU, not wall time, so other busy processes on the machine
    do not bend the line) and peak RSS, against the 1,000-descriptor run.
    """
    sizes = QUICK_SCALE_SIZES if options.quick else SCALE_SIZES
    measured = {}
    for size in sizes:
        measured[size] = run_json(SCALE_CHILD.format(here=str(HERE), size=size))
        shown = measured[size]
        print(f"  scale {size:>9,}: {shown['cpu_seconds']:.1f} s CPU, peak RSS {shown['peak_rss'] / 2**20:.1f} MiB")
    first = sizes[0]
    base_time = measured[first]["cpu_seconds"] / first
    base_rss = measured[first]["peak_rss"]
    rows = []
    for size in sizes:
        per = measured[size]["cpu_seconds"] / size
        note = f"{measured[size]['cpu_seconds']:.1f} s CPU, {measured[size]['seconds']:.1f} s wall in all"
        rows.append(
            Row("scale", f"CPU time per descriptor, {size:,}", per, base_time, f"at {first:,}", "s", None, note)
        )
        rows.append(
            Row("scale", f"peak RSS, {size:,}", measured[size]["peak_rss"], base_rss, f"at {first:,}", "B", 1.2)
        )
    return rows


@benchmark("processes")
def processes(options: Options) -> list[Row]:
    """score_many across processes against score_many in one.

    score_many through a ProcessPoolExecutor with one worker per CPU, against score_many in this process,
    on the same generated descriptors (wall time for all; below 1.0 means the pool is faster; on a machine
    busy with other work the pool cannot win).
    """
    size = 2_000 if options.quick else 20_000
    workers = os.cpu_count() or 1

    def serial() -> None:
        collections.deque(openness.score_many(descriptors(size), "osaid-1.0"), maxlen=0)

    with ProcessPoolExecutor(max_workers=workers) as pool:
        collections.deque(openness.score_many(descriptors(workers * 256), "osaid-1.0", executor=pool), maxlen=0)

        def spread() -> None:
            collections.deque(openness.score_many(descriptors(size), "osaid-1.0", executor=pool), maxlen=0)

        mine, theirs = paired_best(spread, serial, repeat=2 if options.quick else 3, clock=time.perf_counter)
    return [Row("processes", f"{workers} processes, {size:,} descriptors", mine, theirs, "one process", "s")]


# ---------------------------------------------------------------- registry: the command line over JSON Lines

REGISTRY_SIZES = (1_000, 10_000, 100_000, 1_000_000)
QUICK_REGISTRY_SIZES = (1_000, 10_000)

#: Run in a fresh interpreter: `openness score FILE --format json-lines --jobs N`, output to /dev/null; report
#: wall time, CPU time of this process and its worker processes, and this process's peak RSS.
REGISTRY_CHILD = """
import json, os, resource, sys, time
from openness._cli.main import main
start = time.perf_counter()
argv = ["score", {path!r}, "--rubric", "osaid-1.0", "--format", "json-lines", "-o", os.devnull]
code = main([*argv, "--jobs", "{jobs}"])
elapsed = time.perf_counter() - start
assert code == 0, code
me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
rss = me.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({{"seconds": elapsed, "cpu_seconds": cpu, "peak_rss": rss}}))
"""


def _write_registry(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        for descriptor in hub_descriptors(size):
            file.write(json.dumps(descriptor) + "\n")


@benchmark("registry")
def registry(options: Options) -> list[Row]:
    """The command line over a JSON Lines file of Hub-style descriptors, 1,000 to 1,000,000.

    `openness score FILE --rubric osaid-1.0 --format json-lines -o /dev/null` in a fresh interpreter per
    size, on descriptors shaped like Hugging Face model cards read by the hf importer (benchmarks/generated.py):
    CPU time per descriptor (reading, scoring, every report written as JSON) and peak RSS against the
    1,000-descriptor run (flat memory: goal 1.2x); then, at the largest size, wall time with `--jobs 2`
    against `--jobs 1` (two worker processes against one; goal 1 / 1.6 = 0.625x, a speed-up of 1.6 on 2 cores).
    """
    sizes = QUICK_REGISTRY_SIZES if options.quick else REGISTRY_SIZES
    measured: dict[int, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"registry-{size}.jsonl"
            _write_registry(path, size)
            measured[size] = run_json(REGISTRY_CHILD.format(path=str(path), jobs=0))
            shown = measured[size]
            print(
                f"  registry {size:>9,}: {shown['cpu_seconds']:.1f} s CPU, peak RSS {shown['peak_rss'] / 2**20:.1f} MiB"
            )
            if size != sizes[-1]:
                path.unlink()
        largest = Path(folder) / f"registry-{sizes[-1]}.jsonl"
        jobs = {n: run_json(REGISTRY_CHILD.format(path=str(largest), jobs=n)) for n in (1, 2)}
    first = sizes[0]
    base_time = measured[first]["cpu_seconds"] / first
    rows = []
    for size in sizes:
        per = measured[size]["cpu_seconds"] / size
        note = f"{measured[size]['cpu_seconds']:.1f} s CPU, {measured[size]['seconds']:.1f} s wall in all"
        rows.append(
            Row("registry", f"CPU time per descriptor, {size:,}", per, base_time, f"at {first:,}", "s", None, note)
        )
        rows.append(
            Row(
                "registry",
                f"peak RSS, {size:,}",
                measured[size]["peak_rss"],
                measured[first]["peak_rss"],
                f"at {first:,}",
                "B",
                1.2,
            )
        )
    one, two = jobs[1]["seconds"], jobs[2]["seconds"]
    cpus = f"{jobs[2]['cpu_seconds']:.0f} s CPU with 2, {jobs[1]['cpu_seconds']:.0f} s with 1"
    note = f"speed-up {one / two:.2f}x on {os.cpu_count()} CPUs; {cpus}"
    rows.append(Row("registry", f"--jobs 2, {sizes[-1]:,}, wall", two, one, "--jobs 1", "s", 1 / 1.6, note))
    return rows


# ---------------------------------------------------------------- import

IMPORT_CASES = {
    "import openness": "import openness",
    "import openness; openness.score": "import openness; openness.score",
}
IMPORT_BASELINE = "import attrs, cattrs"


@benchmark("import")
def import_time(options: Options) -> list[Row]:
    """Import time against attrs and cattrs.

    CPU time of a fresh interpreter running an import, best of several runs, against one that imports
    attrs and cattrs (openness's own dependencies). The second case also loads the scoring engine.
    """
    runs = 7 if options.quick else 21

    def cpu(code: str) -> float:
        """CPU time (user + system) of a fresh interpreter running ``code``: robust to a busy machine."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(python_command(code), check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    best: dict[str, float] = dict.fromkeys([*IMPORT_CASES.values(), IMPORT_BASELINE], float("inf"))
    for _ in range(runs):  # interleaved, so a busy moment hits every case alike
        for code, so_far in best.items():
            best[code] = min(so_far, cpu(code))
    return [
        Row(
            "import",
            name,
            best[code],
            best[IMPORT_BASELINE],
            IMPORT_BASELINE,
            "s",
            1.3 if code == "import openness" else None,
        )
        for name, code in IMPORT_CASES.items()
    ]


# ---------------------------------------------------------------- rubric load and compile


@benchmark("rubrics")
def rubrics(options: Options) -> list[Row]:
    """Load and compile time of each shipped rubric.

    For each shipped rubric: loading it from its file (parse, structure, check) against parsing the TOML
    alone; compiling it against scoring one catalogue descriptor with it.
    """
    descriptors = openness.catalogue.all()
    rows = []
    for name in openness.list_rubrics():
        path = Path(str(rubrics_dir() / f"{name}.toml"))
        text = path.read_text(encoding="utf-8")
        number = 5 if options.quick else 20
        load, parse = paired_best(
            lambda p=path: openness.load_rubric(p),
            lambda t=text: tomllib.loads(t),
            repeat=options.repeat,
            number=number,
        )
        rubric = openness.load_rubric(path)
        evaluator = compile_rubric(rubric)

        def score_all(e: Any = evaluator) -> None:
            for descriptor in descriptors:
                e(descriptor)

        compiling = best_time(lambda r=rubric: _compile(r), repeat=options.repeat, number=number)
        scoring = best_time(score_all, repeat=options.repeat, number=number) / len(descriptors)
        rows.append(Row("rubrics", f"load {name}", load, parse, "tomllib.loads of the file", "s"))
        rows.append(Row("rubrics", f"compile {name}", compiling, scoring, "scoring one descriptor", "s"))
    return rows


# ---------------------------------------------------------------- runner


def _shown(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value / 2**20:.1f} MiB"
    for scale, suffix in ((1, "s"), (1e-3, "ms"), (1e-6, "us")):
        if value >= scale:
            return f"{value / scale:.3g} {suffix}"
    return f"{value / 1e-9:.3g} ns"


def table(rows: list[Row]) -> str:
    """The rows as a plain-text table."""
    header = ("benchmark", "case", "measured", "baseline", "ratio", "goal", "", "baseline is")
    lines = [
        (
            r.benchmark,
            r.case,
            _shown(r.value, r.unit),
            _shown(r.baseline, r.unit),
            f"{r.ratio:.2f}x",
            f"<= {r.goal:g}x" if r.goal is not None else "",
            r.verdict if r.goal is not None else "",
            r.baseline_name + (f" ({r.note})" if r.note else ""),
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines, strict=True)]
    return "\n".join(
        "  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip() for line in [header, *lines]
    )


def _environment() -> dict[str, Any]:
    return {
        "openness": openness.__version__,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


# ---------------------------------------------------------------- the anchors: MOT and the legacy index

SHARED_DATA = HERE.parent.parent / "shared" / "data"


def _shared(folder: str) -> Path | None:
    path = SHARED_DATA / folder
    if not path.is_dir():
        print(f"skipped: {path} not found (the reference data sits beside the checkout)", file=sys.stderr)
        return None
    return path


@benchmark("engine-mot-1.0")
def engine_against_mot_by_hand(options: Options) -> list[Row]:
    """The engine against a hand-written MOT evaluator on the 273 MOT models.

    Both start from data already parsed: the engine scores the 273 imported descriptors with the
    compiled mot-1.0 rubric (grades, points, score, verdicts; reasons and evidence are written when a
    report is first read, which the last row measures); the hand-written function
    (benchmarks/mot_by_hand.py) computes class and progress from each model's component-to-licence
    mapping. Their results are checked to agree to the last digit before timing.
    """
    import mot_by_hand  # noqa: PLC0415 - beside this file

    from openness.importers import mot  # noqa: PLC0415

    folder = _shared("mot/models")
    if folder is None:
        return []
    rubric = openness.load_rubric("mot-1.0")
    open_ids = frozenset(rubric.licence_lists["mot-open"].ids)
    names = {key: spec.mof.name for key, spec in openness.components().items() if spec.mof is not None}
    descriptors = [mot.read(path) for path in sorted(folder.glob("*.yml"))]
    parsed = [{names[key]: c.licence or "" for key, c in d.components.items()} for d in descriptors]
    evaluator = compile_rubric(rubric)
    for descriptor, licences in zip(descriptors, parsed, strict=True):
        report, mine = evaluator(descriptor), mot_by_hand.classify(licences, open_ids)
        verdicts = {v.id: v for v in report.verdicts}
        klass = next((n for n in (1, 2, 3) if verdicts[f"class-{n}"].met), 0)
        engine = (klass, *(verdicts[f"class-{n}"].progress * 100 for n in (1, 2, 3)))
        if engine != tuple(mine):
            raise AssertionError(f"the hand-written MOT evaluator disagrees with mot-1.0 on {descriptor.id}")

    def by_hand() -> None:
        mot_by_hand.classify_all(parsed, open_ids)

    number = 3 if options.quick else 10
    note = f"{len(descriptors)} MOT models, per model"
    return _engine_rows("engine-mot-1.0", evaluator, descriptors, by_hand, options, number=number, note=note)


@benchmark("end-to-end-mot-1.0")
def end_to_end_mot(options: Options) -> list[Row]:
    """Read, score and write the JSON report of the 273 MOT files, against a hand-written reader.

    openness: ``mot.read`` each file (limits checked), score it with the compiled mot-1.0 rubric and
    write ``report.to_json()`` (every reason, evidence and verdict text). Baseline: the file texts
    parsed with PyYAML's C loader, MOT's licence inheritance, the hand-written classifier and a
    reason string per component, ``json.dumps`` (benchmarks/mot_by_hand.py, ``read_score_json``).
    Both read the files from disk in the timed part.
    """
    import mot_by_hand  # noqa: PLC0415 - beside this file
    import yaml  # noqa: PLC0415

    from openness.importers import mot  # noqa: PLC0415

    folder = _shared("mot/models")
    if folder is None:
        return []
    paths = sorted(folder.glob("*.yml"))
    rubric = openness.load_rubric("mot-1.0")
    evaluator = compile_rubric(rubric)
    open_ids = frozenset(rubric.licence_lists["mot-open"].ids)
    content_types = {
        spec.mof.name: mot.CONTENT_TYPES[spec.kind] for spec in openness.components().values() if spec.mof is not None
    }
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def ours() -> list[str]:
        return [evaluator(mot.read(path)).to_json() for path in paths]

    def by_hand() -> list[str]:
        texts = [path.read_text(encoding="utf-8") for path in paths]
        return mot_by_hand.read_score_json(texts, open_ids, content_types, loader)

    mine_reports, theirs_reports = ours(), by_hand()  # same classes first: the baseline must compute the same
    for report, theirs in zip(mine_reports, theirs_reports, strict=True):
        mine = json.loads(report)
        met = {v["id"]: v["met"] for v in mine["verdicts"]}
        klass = next((n for n in (1, 2, 3) if met[f"class-{n}"]), 0)
        if klass != json.loads(theirs)["class"]:
            raise AssertionError(f"the hand-written reader disagrees with mot-1.0 on {mine['model']['id']}")
    mine, theirs = paired_best(ours, by_hand, repeat=options.repeat, number=1)
    note = f"{len(paths)} files, all of them"
    case = "read + score + JSON report"
    return [Row("end-to-end-mot-1.0", case, mine, theirs, "hand-written reader", "s", 2.0, note)]


def _legacy_sum(paths: list[Path], keys: list[str], loader: Callable[[str], Any]) -> list[tuple[str, float]]:
    values = {"open": 1.0, "partial": 0.5}
    out = []
    for path in paths:
        data = loader(path.read_text(encoding="utf-8"))
        name = (data.get("project") or {}).get("name")
        if not name:
            continue
        out.append((name, sum(values.get((data.get(k) or {}).get("class"), 0.0) for k in keys)))
    return out


@benchmark("end-to-end-osai-2023")
def end_to_end_legacy_index(options: Options) -> list[Row]:
    """Loading and scoring the legacy index files, against the index's own approach.

    openness: read each of the 48 legacy project files with the index importer and score the 46 the
    index scores with osai-2023. Baseline: what the index's scoring script does
    (scripts/consolidate_csv.py: yaml.safe_load, PyYAML's pure-Python safe loader) and a plain sum
    of the 14 ratings. A second row, without a goal, gives the baseline PyYAML's C loader, which
    openness's reader uses when present. Totals are checked to agree first.
    """
    import yaml  # noqa: PLC0415

    from openness.importers import osai  # noqa: PLC0415

    folder = _shared("osai/legacy")
    if folder is None:
        return []
    paths = sorted(folder.glob("*.yaml"))
    rubric = openness.load_rubric("osai-2023")
    evaluator = compile_rubric(rubric)
    keys = [criterion.id for criterion in rubric.criteria]  # the index's 14 parameters

    def ours() -> list[tuple[str, float]]:
        out = []
        for path in paths:
            descriptor = osai.read(path)
            if descriptor.extra["osai"].get("dropped") is None:
                out.append((descriptor.model.name, evaluator(descriptor).points))
        return out

    c_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if sorted(ours()) != sorted(_legacy_sum(paths, keys, yaml.safe_load)):
        raise AssertionError("osai-2023 totals disagree with the plain sum")
    number = 1 if options.quick else 3
    mine, theirs = paired_best(
        ours, lambda: _legacy_sum(paths, keys, yaml.safe_load), repeat=options.repeat, number=number
    )
    mine_c, theirs_c = paired_best(
        ours,
        lambda: _legacy_sum(paths, keys, lambda text: yaml.load(text, Loader=c_loader)),
        repeat=options.repeat,
        number=number,
    )
    note = f"{len(paths)} files, all of them"
    return [
        Row("end-to-end-osai-2023", "import + score", mine, theirs, "yaml.safe_load + sum", "s", 1.5, note),
        # Stricter than the index's own approach, so shown without a goal (the goal is the row above).
        Row("end-to-end-osai-2023", "import + score", mine_c, theirs_c, "C loader + sum", "s", None, note),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; scale up to 10,000 descriptors")
    names = [b.name for b in BENCHMARKS]
    parser.add_argument("--only", action="append", choices=names, help="run only this benchmark (repeatable)")
    parser.add_argument("--output", type=Path, default=HERE / "results.json", help="where to write the JSON")
    args = parser.parse_args(argv)
    options = Options(quick=args.quick)
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    rows: list[Row] = []
    for bench in chosen:
        print(f"running {bench.name} ...", flush=True)
        rows += bench.run(options)
    print()
    print(table(rows))
    document = {
        "command": " ".join(["python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "environment": _environment(),
        "benchmarks": {b.name: b.description for b in chosen},
        "rows": [{**asdict(r), "ratio": r.ratio, "verdict": r.verdict} for r in rows],
    }
    args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.output}")
    missed = sum(r.verdict == "MISSED" for r in rows)
    print(f"{missed} of {sum(r.goal is not None for r in rows)} goals missed" if missed else "every goal met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
