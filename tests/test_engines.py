"""Dask and Spark run the recipes of docs/registry.md for real and give the reports serial scoring gives.

The code between ``# --8<-- [start:NAME]`` and ``# --8<-- [end:NAME]`` is what the docs show, character
for character (tests/test_docs.py checks it). Each engine starts once per session: a Dask ``LocalCluster``
with two worker processes, a Spark session on ``local[2]``.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import openness
from openness import catalogue

# --8<-- [start:score-frame]
RUBRIC = "osaid-1.0"  # or a loaded openness.Rubric: it pickles, so the engine can ship it
COLUMNS = ["model", "score", "verdicts", "report"]


def score_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Score one partition: a `descriptor` column of descriptor JSON in, one row per model out."""
    reports = openness.score_many((json.loads(text) for text in frame["descriptor"]), RUBRIC)
    rows = [
        (
            report.model["id"],
            report.score,
            ",".join(v.id for v in report.verdicts if v.met),
            report.to_json(indent=None),
        )
        for report in reports
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def score_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Spark's mapInPandas hands over an iterator of pandas frames and takes one back."""
    for frame in batches:
        yield score_frame(frame)


# --8<-- [end:score-frame]


def _descriptors() -> list[dict[str, Any]]:
    """The catalogue three times over, with fresh ids, so every partition holds several models."""
    out = []
    for copy in range(3):
        for descriptor in catalogue.all():
            data = descriptor.to_dict()
            out.append({**data, "model": {**data["model"], "id": f"{data['model']['id']}-{copy}"}})
    return out


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A registry twice: a folder of descriptor JSON files and a Parquet file with a `descriptor` column."""
    root = tmp_path_factory.mktemp("registry")
    descriptors = _descriptors()
    folder = root / "descriptors"
    folder.mkdir()
    paths = []
    for data in descriptors:
        path = folder / f"{data['model']['id']}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    parquet = str(root / "registry.parquet")
    pd.DataFrame({"descriptor": [json.dumps(d) for d in descriptors]}).to_parquet(parquet, row_group_size=20)
    expected = [openness.score(d, RUBRIC) for d in descriptors]
    return {"paths": paths, "parquet": parquet, "expected": expected}


def _same_rows(scores: pd.DataFrame, expected: list[openness.Report]) -> None:
    """One row per model, each row what serial scoring gives for that model."""
    got = sorted(zip(scores["model"], scores["score"], scores["verdicts"], scores["report"], strict=True))
    want = sorted(
        (r.model["id"], r.score, ",".join(v.id for v in r.verdicts if v.met), r.to_json(indent=None)) for r in expected
    )
    assert len(got) == len(expected)
    assert got == want


def _needed(module: str, extra: str) -> Any:
    """Import an engine; when it is missing, skip saying which extra installs it (under CI: fail)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        message = f"{module} is not installed: pip install '.[{extra}]' (the test group has it)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI requires it")
        pytest.skip(message)


# ---------------------------------------------------------------- Dask


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    """A Dask client on a LocalCluster of two worker processes (one thread each), closed at the end."""
    _needed("distributed", "dask")
    # --8<-- [start:dask-client]
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0")  # worker processes; any free port
    client = Client(cluster)
    # --8<-- [end:dask-client]
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_dask_executor(client: Any, registry: dict[str, Any]) -> None:
    """score_many with a Dask executor: the worker processes read the files; reports equal serial scoring."""
    paths = registry["paths"]
    # --8<-- [start:dask-executor]
    reports = list(openness.score_many(paths, RUBRIC, executor=client.get_executor(), chunk_size=8))
    # --8<-- [end:dask-executor]
    assert reports == registry["expected"]
    workers = client.run(os.getpid)
    assert len(set(workers.values()) - {os.getpid()}) == 2


def test_dask_dataframe(client: Any, registry: dict[str, Any]) -> None:
    """map_partitions over a Dask DataFrame of descriptor JSON gives serial scoring's rows."""
    parquet = registry["parquet"]
    # --8<-- [start:dask-dataframe]
    import dask.dataframe as dd

    frame = dd.read_parquet(parquet, split_row_groups=True)  # a `descriptor` column of JSON text
    meta = pd.DataFrame({c: pd.Series(dtype="float64" if c == "score" else "object") for c in COLUMNS})
    scores = frame.map_partitions(score_frame, meta=meta).compute()
    # --8<-- [end:dask-dataframe]
    assert frame.npartitions > 1
    _same_rows(scores, registry["expected"])


def test_dask_bag(client: Any, registry: dict[str, Any]) -> None:
    """A Dask bag of file paths, scored partition by partition, gives serial scoring's reports in order."""
    paths = registry["paths"]
    # --8<-- [start:dask-bag]
    import dask.bag as db

    bag = db.from_sequence(paths, npartitions=4)
    reports = bag.map_partitions(lambda part: list(openness.score_many(part, RUBRIC))).compute()
    # --8<-- [end:dask-bag]
    assert reports == registry["expected"]


# ---------------------------------------------------------------- Spark


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A Spark session on local[2]; its Python workers import this file (shipped with addPyFile)."""
    _needed("pyspark.sql", "spark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        message = "Spark needs a Java runtime (17 or newer): apt-get install openjdk-17-jre-headless"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI requires it (.ci/run installs it)")
        pytest.skip(message)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # --8<-- [start:spark-session]
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")  # two worker threads, each running Python workers
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.files.maxPartitionBytes", "4096")  # a small registry in several partitions
        .getOrCreate()
    )
    # --8<-- [end:spark-session]
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.addPyFile(str(Path(__file__)))  # the workers import score_batches from this file
    try:
        yield spark
    finally:
        spark.stop()


# PySpark warns that it does not yet fully support pandas 3 (its own FutureWarning, at each conversion); the
# recipe is run and its rows checked all the same.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_spark_map_in_pandas(spark: Any, registry: dict[str, Any], tmp_path: Path) -> None:
    """mapInPandas on a local[2] Spark session gives serial scoring's rows."""
    parquet, out = registry["parquet"], str(tmp_path / "scores")
    # --8<-- [start:spark]
    schema = "model string, score double, verdicts string, report string"
    scores = spark.read.parquet(parquet).mapInPandas(score_batches, schema=schema)
    scores.write.parquet(out)  # one file per partition, written by the workers
    # --8<-- [end:spark]
    assert spark.read.parquet(parquet).rdd.getNumPartitions() > 1
    _same_rows(pd.read_parquet(out), registry["expected"])
