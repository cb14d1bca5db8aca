"""Coverage-guided fuzzing of every reader of untrusted input, with atheris (outside CI).

    python fuzz/run.py --seconds 60                # every target, 60 s each
    python fuzz/run.py --seconds 120 mot-yaml      # one target
    python fuzz/run.py --list                      # the targets

One target per entry of the reader registry (``readers.READERS``). Each target runs in
its own process for a fixed time, starting from a corpus of real inputs (shipped rubrics,
catalogue descriptors, the MOT and index files in ../shared/data when present). A target passes
when every input gives a value or an ``OpennessError``; anything else (another exception, a
time-out of 10 s on one input, more than 2 GB of memory) is a finding, saved under
``.fuzz/TARGET/`` with the input that caused it. Put each finding in the regression list of
``tests/property/test_hardening.py`` and fix it.

Needs the ``fuzz`` dependency group: ``pip install --group fuzz``.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / ".fuzz"
SHARED = REPO.parent / "shared" / "data"
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_STATS = re.compile(r"#(\d+)\s+(?:pulse|NEW|REDUCE|DONE|INITED)\b.*?cov: (\d+)")


def _registry() -> dict[str, object]:
    sys.path.insert(0, str(REPO))
    from readers import READERS  # noqa: PLC0415

    return dict(READERS)


def _write_corpus(name: str, corpus: Path) -> int:
    """Write the target's seeds (real inputs) as corpus files; return how many."""
    import yaml  # noqa: PLC0415

    reader = _registry()[name]
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = reader.seeds(SHARED if SHARED.is_dir() else None)  # type: ignore[attr-defined]
    for index, seed in enumerate(seeds):
        text = seed if isinstance(seed, str) else yaml.safe_dump(seed, sort_keys=False, allow_unicode=True)
        (corpus / f"seed-{index:04d}").write_text(text, encoding="utf-8")
    return len(seeds)


def _target(name: str, seconds: int) -> None:
    """Run inside the child process: instrument openness, then fuzz one reader."""
    import atheris  # noqa: PLC0415

    sys.path.insert(0, str(REPO))
    with atheris.instrument_imports(include=["openness"]):
        import readers  # noqa: PLC0415

        import openness  # noqa: PLC0415
        import openness.importers.mot  # noqa: PLC0415
        import openness.importers.osai  # noqa: PLC0415
        import openness.licences  # noqa: PLC0415
        from openness.importers._common import load_yaml_text  # noqa: PLC0415

    reader = readers.READERS[name]

    def one_input(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        value: object = text
        if reader.takes == "object":
            try:
                value = load_yaml_text(text, source="<fuzz>")
            except openness.OpennessError:
                return
        with contextlib.suppress(openness.OpennessError):
            reader.read(value)

    artifacts = WORK / name
    argv = [
        sys.argv[0],
        str(artifacts / "corpus"),
        f"-max_total_time={seconds}",
        "-timeout=10",
        "-rss_limit_mb=2048",
        "-max_len=32768",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def _run(name: str, seconds: int) -> dict[str, object]:
    artifacts = WORK / name
    seeds = _write_corpus(name, artifacts / "corpus")
    before = set(artifacts.glob("crash-*")) | set(artifacts.glob("timeout-*")) | set(artifacts.glob("oom-*"))
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, __file__, "--child", name, "--seconds", str(seconds)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.monotonic() - started
    (artifacts / "log.txt").write_text(result.stderr, encoding="utf-8")
    done = _DONE.search(result.stderr)
    runs = int(done.group(1)) if done else max((int(m.group(1)) for m in _STATS.finditer(result.stderr)), default=0)
    coverage = max((int(m.group(2)) for m in _STATS.finditer(result.stderr)), default=0)
    found = sorted(
        ({*artifacts.glob("crash-*"), *artifacts.glob("timeout-*"), *artifacts.glob("oom-*")} - before),
        key=str,
    )
    return {
        "target": name,
        "seeds": seeds,
        "runs": runs,
        "seconds": round(elapsed, 1),
        "per_second": round(runs / elapsed) if elapsed else 0,
        "coverage": coverage,
        "findings": [str(p.relative_to(REPO)) for p in found],
        "exit": result.returncode,
    }


def main() -> int:
    """Fuzz the named targets (all by default) for ``--seconds`` each; print one line per target."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="reader names (default: all)")
    parser.add_argument("--seconds", type=int, default=60, help="time per target (default 60)")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _target(args.child, args.seconds)
        return 0
    names = list(_registry())
    if args.list:
        print("\n".join(names))
        return 0
    unknown = [t for t in args.targets if t not in names]
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; targets: {', '.join(names)}")
    failed = False
    print(f"{'target':<20} {'seeds':>5} {'runs':>9} {'seconds':>7} {'runs/s':>7} {'cov':>5}  findings")
    for name in args.targets or names:
        row = _run(name, args.seconds)
        findings = row["findings"]
        failed |= bool(findings) or row["exit"] != 0
        print(
            f"{row['target']:<20} {row['seeds']:>5} {row['runs']:>9} {row['seconds']:>7} {row['per_second']:>7}"
            f" {row['coverage']:>5}  {', '.join(findings) if findings else 'none'}"  # type: ignore[arg-type]
            + ("" if row["exit"] == 0 or findings else f" (exit {row['exit']}: see .fuzz/{name}/log.txt)"),
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
