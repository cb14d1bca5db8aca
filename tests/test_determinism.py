"""Reports are byte-identical whatever the hash seed, and when many threads score at once."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import openness
from openness import catalogue, limits
from openness._scoring.engine import compile_rubric

MODELS = ["olmo-7b", "llama-3.1-8b", "mistral-7b", "bloom", "grok-1", "gpt-oss-20b"]
SCRIPT = f"""
import openness
from openness import catalogue
for model in {MODELS!r}:
    descriptor = catalogue.load(model)
    for rubric in openness.list_rubrics():
        print(openness.score(descriptor, rubric).to_json())
"""


def _serial() -> list[str]:
    return [
        openness.score(catalogue.load(model), rubric).to_json()
        for model in MODELS
        for rubric in openness.list_rubrics()
    ]


def test_reports_do_not_depend_on_the_hash_seed() -> None:
    """Scoring several catalogue models under every rubric prints the same bytes under three PYTHONHASHSEED values."""
    outputs = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, check=True, env=env, timeout=300)
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].decode("utf-8") == "".join(report + "\n" for report in _serial())


def test_many_threads_scoring_at_once_give_the_serial_reports() -> None:
    """Sixteen threads scoring with shared rubric objects (and a shared compile cache) match serial scoring."""
    expected = _serial()
    rubrics = [openness.load_rubric(r) for r in openness.list_rubrics()]
    descriptors = [catalogue.load(m) for m in MODELS]
    jobs = [(d, r) for d in descriptors for r in rubrics] * 8

    def run(job: tuple[openness.Descriptor, openness.Rubric]) -> str:
        return compile_rubric(job[1])(job[0]).to_json()

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(run, jobs))
    assert results == expected * 8


def test_limits_set_in_one_thread_do_not_leak_into_concurrent_scoring() -> None:
    """Threads scoring under their own limited() blocks each see only their own limits."""
    text = " OR ".join(["MIT"] * 6)

    def run(cap: int) -> tuple[int, bool]:
        with limits.limited(max_licence_terms=cap):
            return cap, bool(openness.licences.read(text).warnings)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, [3, 100] * 20))
    assert results == [(3, True), (100, False)] * 20
