"""The ``openness`` command line: a thin layer over the library.

Exit codes: 0 success (the gate holds, the rubric is clean); 1 findings (``check``: a requirement
fails; ``lint``: problems found); 2 bad input or options (the error on stderr, nothing on stdout);
3 ``check`` only: no requirement fails, but facts not stated leave one open (``--allow-undetermined``
lets it pass).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from openness import catalogue
from openness._cli.formats import FORMATS, render
from openness._cli.import_command import add_import_command
from openness._cli.progress import progress
from openness._cli.registry import (
    count,
    input_descriptor,
    is_many,
    items,
    json_lines,
    keep,
    load_item,
    model_input,
)
from openness._cli.scored import Scored
from openness._errors import OpennessError, Problem
from openness._model.descriptor import Descriptor
from openness._model.markup import score_range
from openness._model.report import Report
from openness._model.rubric import DEFAULT_RUBRIC, Rubric, list_rubrics, load_rubric
from openness._scoring.batch import score_each
from openness._scoring.engine import score
from openness._words import clean, counted

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
#: ``check``: no requirement fails, but one is left open by facts not stated (and not allowed).
EXIT_UNDETERMINED = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


class _Result:
    """What a command prints on stdout and the exit code it ends with.

    ``output`` is text, or pieces of text written as they come (a stream, which may set ``code`` as it goes).
    """

    def __init__(self, output: str | Iterable[str], code: int = EXIT_OK) -> None:
        self.output = output
        self.code = code


I = TypeVar("I")  # noqa: E741 - an input item
T = TypeVar("T")


def _scored(
    models: Iterable[I],
    rubrics: Sequence[Rubric],
    load: Callable[[I, int], Descriptor],
    render: Callable[[I, list[Report]], T],
    jobs: int,
) -> Iterator[T]:
    """``render(model, reports)`` per model, in order; in ``jobs`` worker processes when ``jobs`` > 0."""
    pool: contextlib.AbstractContextManager[Executor | None] = (
        ProcessPoolExecutor(max_workers=jobs) if jobs else contextlib.nullcontext()
    )
    with pool as executor:
        yield from score_each(models, rubrics, load=load, render=render, executor=executor)


def _score_all(models: Sequence[str], rubrics: Sequence[Rubric], jobs: int) -> list[Scored]:
    reading = progress(items(models), total=lambda: count(models), label="reading", stream=sys.stderr)
    inputs = [model_input(item) for item in reading]
    reports = progress(
        _scored(inputs, rubrics, input_descriptor, keep, jobs), total=len(inputs), label="scoring", stream=sys.stderr
    )
    return [
        Scored(model=model, rubric=rubric, report=report)
        for model, per_model in zip(inputs, reports, strict=True)
        for rubric, report in zip(rubrics, per_model, strict=True)
    ]


def _stream(models: Sequence[str], pieces: Iterable[str]) -> Iterable[str]:
    """Pieces written as they come when a MODEL is a folder or a JSON Lines file; otherwise all made first."""
    return pieces if any(is_many(m) for m in models) else list(pieces)


def _cmd_score(args: argparse.Namespace) -> _Result:
    rubrics = [load_rubric(r) for r in args.rubric or [DEFAULT_RUBRIC]]
    if args.format != "json-lines":
        return _Result(render(_score_all(args.model, rubrics, args.jobs), args.format))
    lines: Iterator[str] = _scored(items(args.model), rubrics, load_item, json_lines, args.jobs)
    shown = progress(lines, total=lambda: count(args.model), label="scoring", stream=sys.stderr)
    return _Result(_stream(args.model, shown))


def _cmd_check(args: argparse.Namespace) -> _Result:
    from openness._cli.gate import FAILS, UNDETERMINED, check_model, check_requirements  # noqa: PLC0415

    rubric = load_rubric(args.rubric)
    check_requirements(rubric, args.require, args.fail_under)
    result = _Result("")
    gate = functools.partial(check_model, args.require, args.fail_under, args.allow_undetermined)
    outcomes = progress(
        _scored(items(args.model), [rubric], load_item, gate, args.jobs),
        total=lambda: count(args.model),
        label="checking",
        stream=sys.stderr,
    )

    def said() -> Iterator[str]:
        for outcome, lines in outcomes:
            if outcome == FAILS:
                result.code = EXIT_FINDINGS
            elif outcome == UNDETERMINED and result.code != EXIT_FINDINGS:
                result.code = EXIT_UNDETERMINED
            yield "\n".join(lines) + "\n"

    result.output = _stream(args.model, said())
    return result


def _cmd_explain(args: argparse.Namespace) -> _Result:
    from openness._cli.explain_command import explain_criterion, explain_rubric  # noqa: PLC0415

    rubric = load_rubric(args.rubric)
    if args.criterion is None:
        return _Result(explain_rubric(rubric))
    return _Result(explain_criterion(rubric, rubric.criterion(args.criterion)))


def _cmd_lint(args: argparse.Namespace) -> _Result:
    from openness._lang.lint import lint_rubric_file  # noqa: PLC0415

    lines: list[str] = []
    count = 0
    for path in progress(args.rubric_file, total=len(args.rubric_file), label="linting", stream=sys.stderr):
        rubric, problems = lint_rubric_file(path)
        if rubric is not None:
            criteria = counted(len(rubric.criteria), "criterion", "criteria")
            lines.append(f"{clean(path)}: ok ({criteria}, {counted(len(rubric.verdicts), 'verdict')})")
        count += len(problems)
        lines += [clean(str(p)) for p in problems]
    if count:
        lines.append(f"{count} problem{'s' if count > 1 else ''} found")
    return _Result("\n".join(lines) + "\n", EXIT_FINDINGS if count else EXIT_OK)


def _cmd_rubrics(_: argparse.Namespace) -> _Result:
    lines = []
    for rubric_id in list_rubrics():
        rubric = load_rubric(rubric_id)
        default = " (default)" if rubric_id == DEFAULT_RUBRIC else ""
        lines.append(f"{rubric_id}{default}: {rubric.title}, version {rubric.version} <{rubric.source}>")
    return _Result("\n".join(lines) + "\n")


def _cmd_catalogue(_: argparse.Namespace) -> _Result:
    lines = []
    for descriptor in catalogue.all():
        report = score(descriptor)
        met = [v.id for v in report.verdicts if v.met]
        met += [f"{v.id} undetermined" for v in report.verdicts if v.status == "undetermined"]
        verdicts = ", ".join(met) or "no verdict met"
        lines.append(f"{descriptor.id}: {clean(descriptor.model.name)}: score {score_range(report)} ({verdicts})")
    return _Result("\n".join(lines) + "\n")


def _cmd_licence(args: argparse.Namespace) -> _Result:
    from openness._cli.licence_command import describe  # noqa: PLC0415 - loads the licence table

    return _Result(describe(args.text))


def _cmd_lineage(args: argparse.Namespace) -> _Result:
    from openness._cli.lineage_command import describe_lineage  # noqa: PLC0415

    return _Result(describe_lineage(input_descriptor(model_input(args.model), 0)))


_MODEL_HELP = (
    "a catalogue id, a descriptor file (.toml, .json), a Hugging Face model card (.md),"
    " a MOT or index YAML file (.yml, .yaml), a folder of such files, or a JSON Lines file"
    " (.jsonl, .ndjson) of descriptors, one per line"
)
_JOBS_HELP = "score in N worker processes (default: 0, all in this process)"


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"a number of worker processes, 0 or more (got {text!r})")
    return value


_RUBRIC_HELP = f"a built-in rubric id or a rubric file (default: {DEFAULT_RUBRIC})"


def _score_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    cmd = commands.add_parser("score", help="score models against rubrics and print the reports")
    cmd.add_argument("model", nargs="+", help=_MODEL_HELP)
    cmd.add_argument("--rubric", action="append", help=f"{_RUBRIC_HELP}; repeat it to score against several rubrics")
    cmd.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    cmd.add_argument("--jobs", type=_jobs, default=0, metavar="N", help=_JOBS_HELP)
    cmd.set_defaults(run=_cmd_score)


def _check_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    cmd = commands.add_parser(
        "check", help="the CI gate: exit 1 unless every model meets the required verdicts and score"
    )
    cmd.add_argument("model", nargs="+", help=_MODEL_HELP)
    cmd.add_argument("--rubric", default=DEFAULT_RUBRIC, help=_RUBRIC_HELP)
    cmd.add_argument(
        "--require", action="append", default=[], metavar="VERDICT", help="a verdict that must be met (repeatable)"
    )
    cmd.add_argument("--fail-under", type=float, metavar="SCORE", help="fail when the score (0 to 1) is below SCORE")
    cmd.add_argument(
        "--allow-undetermined",
        action="store_true",
        help="let a requirement that facts not stated leave open pass (by default it exits 3)",
    )
    cmd.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    cmd.add_argument("--jobs", type=_jobs, default=0, metavar="N", help=_JOBS_HELP)
    cmd.set_defaults(run=_cmd_check)


def _cmd_diff(args: argparse.Namespace) -> str:
    from openness._scoring.diff import diff  # noqa: PLC0415 - only this command needs it

    try:
        result = diff(args.old, args.new, args.models, witnesses=args.witnesses, max_examples=args.max_examples)
    except ImportError as exc:
        raise OpennessError([Problem(message=str(exc))]) from None
    return result.to_json() + "\n" if args.format == "json" else result.to_text()


def _add_diff(commands: argparse._SubParsersAction[_Parser]) -> None:
    diff_cmd = commands.add_parser(
        "diff", help="compare two rubrics: models that change grade or verdict, and generated witnesses"
    )
    diff_cmd.add_argument("old", help="the old rubric: a built-in id or a rubric file")
    diff_cmd.add_argument("new", help="the new rubric: a built-in id or a rubric file")
    diff_cmd.add_argument("--models", default="catalogue", help="'catalogue' (default) or a folder of descriptor files")
    diff_cmd.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    diff_cmd.add_argument(
        "--witnesses", type=int, default=3, help="generated witnesses to look for (default: 3; 0: none)"
    )
    diff_cmd.add_argument(
        "--max-examples", type=int, default=None, help="examples per witness search (default: Hypothesis's)"
    )
    diff_cmd.set_defaults(run=_cmd_diff)


def _cmd_contrast(args: argparse.Namespace) -> str:
    from openness._cli.model_inputs import resolve_model  # noqa: PLC0415 - only this command needs them
    from openness._render.contrast import contrast  # noqa: PLC0415

    rubrics = args.rubric or list_rubrics()
    result = contrast(resolve_model(args.model).descriptor, rubrics)
    if args.format == "json":
        return result.to_json() + "\n"
    if args.format == "markdown":
        return result.to_markdown()
    if args.format == "html":
        return result.to_html()
    return result.to_text()


def _add_contrast(commands: argparse._SubParsersAction[_Parser]) -> None:
    cmd = commands.add_parser("contrast", help="one model under several rubrics: why their verdicts disagree")
    cmd.add_argument("model", help="a catalogue id, a descriptor file (.toml, .json), a model card or YAML file")
    cmd.add_argument(
        "--rubric", action="append", help="a built-in rubric id or a rubric file; repeatable (default: every built-in)"
    )
    cmd.add_argument(
        "--format", choices=("text", "markdown", "html", "json"), default="text", help="output format (default: text)"
    )
    cmd.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    cmd.set_defaults(run=_cmd_contrast)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="openness", description="How open is an AI model really? Score it against a rubric.")
    from openness import __version__  # noqa: PLC0415

    parser.add_argument("--version", action="version", version=f"openness {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _score_parser(commands)
    _check_parser(commands)
    explain = commands.add_parser("explain", help="what a rubric's criteria check and why")
    explain.add_argument("rubric", help="a built-in rubric id or a rubric file")
    explain.add_argument("criterion", nargs="?", help="a criterion id (default: the whole rubric)")
    explain.set_defaults(run=_cmd_explain)
    lint = commands.add_parser("lint", help="validate rubric files and print every problem with its key path")
    lint.add_argument("rubric_file", nargs="+", metavar="RUBRIC_FILE", help="a rubric file (.toml or .json)")
    lint.set_defaults(run=_cmd_lint)
    commands.add_parser("rubrics", help="list the built-in rubrics").set_defaults(run=_cmd_rubrics)
    commands.add_parser("catalogue", help="list the catalogue models with their default-rubric score").set_defaults(
        run=_cmd_catalogue
    )
    licence_cmd = commands.add_parser("licence", help="show how a licence string is read and what it allows")
    licence_cmd.add_argument("text", help="a licence id, alias or SPDX expression")
    licence_cmd.set_defaults(run=_cmd_licence)
    lineage_cmd = commands.add_parser(
        "lineage", help="show a model's base models, their licences, what flows down, and conflicts"
    )
    lineage_cmd.add_argument("model", help="a catalogue id, a descriptor file or a Hugging Face model card (.md)")
    lineage_cmd.set_defaults(run=_cmd_lineage)
    add_import_command(commands)
    _add_diff(commands)
    _add_contrast(commands)
    return parser


def _write(output: str | Iterable[str], target: str | None) -> None:
    pieces = [output] if isinstance(output, str) else output
    if target is None:
        for piece in pieces:
            sys.stdout.write(piece)
        return
    try:
        with Path(target).open("w", encoding="utf-8") as file:
            for piece in pieces:
                file.write(piece)
    except OSError as exc:
        raise OpennessError([Problem(message=f"cannot write file: {exc.strerror or exc}", source=target)]) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        result = args.run(args)
        if isinstance(result, str):
            result = _Result(result)
        _write(result.output, getattr(args, "output", None))
    except OpennessError as exc:
        for line in exc.lines():
            sys.stderr.write(f"openness: {clean(line)}\n")
        return EXIT_BAD_INPUT
    except ImportError as exc:
        sys.stderr.write(f"openness: {exc}\n")
        return EXIT_BAD_INPUT
    code: int = result.code
    return code
