"""The ``openness`` command line: a thin layer over the library.

Exit codes: 0 success (the gate holds, the rubric is clean); 1 findings (``check``: a requirement
fails; ``lint``: problems found); 2 bad input or options (the error on stderr, nothing on stdout).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from openness import catalogue
from openness._cli.formats import FORMATS, render
from openness._cli.import_command import add_import_command
from openness._cli.model_inputs import resolve_model
from openness._cli.progress import progress
from openness._cli.scored import Scored
from openness._errors import OpennessError, Problem
from openness._model.markup import score_range
from openness._model.rubric import DEFAULT_RUBRIC, list_rubrics, load_rubric
from openness._scoring.engine import score
from openness._words import clean, counted

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


class _Result:
    """What a command prints on stdout and the exit code it ends with."""

    def __init__(self, output: str, code: int = EXIT_OK) -> None:
        self.output = output
        self.code = code


def _score_all(models: Sequence[str], rubrics: Sequence[str]) -> list[Scored]:
    loaded = [load_rubric(r) for r in rubrics]
    inputs = [resolve_model(m) for m in progress(models, total=len(models), label="reading", stream=sys.stderr)]
    pairs = [(model, rubric) for model in inputs for rubric in loaded]
    return [
        Scored(model=model, rubric=rubric, report=score(model.descriptor, rubric))
        for model, rubric in progress(pairs, total=len(pairs), label="scoring", stream=sys.stderr)
    ]


def _cmd_score(args: argparse.Namespace) -> _Result:
    return _Result(render(_score_all(args.model, args.rubric or [DEFAULT_RUBRIC]), args.format))


def _cmd_check(args: argparse.Namespace) -> _Result:
    from openness._cli.gate import check_report, check_requirements  # noqa: PLC0415

    rubric = load_rubric(args.rubric)
    check_requirements(rubric, args.require, args.fail_under)
    lines: list[str] = []
    holds = True
    for item in _score_all(args.model, [args.rubric]):
        ok, said = check_report(item.report, args.require, args.fail_under)
        holds = holds and ok
        lines += said
    return _Result("\n".join(lines) + "\n", EXIT_OK if holds else EXIT_FINDINGS)


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


_MODEL_HELP = (
    "a catalogue id, a descriptor file (.toml, .json), a Hugging Face model card (.md),"
    " or a MOT or index YAML file (.yml, .yaml)"
)
_RUBRIC_HELP = f"a built-in rubric id or a rubric file (default: {DEFAULT_RUBRIC})"


def _score_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    cmd = commands.add_parser("score", help="score models against rubrics and print the reports")
    cmd.add_argument("model", nargs="+", help=_MODEL_HELP)
    cmd.add_argument("--rubric", action="append", help=f"{_RUBRIC_HELP}; repeat it to score against several rubrics")
    cmd.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
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
    cmd.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
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
    add_import_command(commands)
    _add_diff(commands)
    return parser


def _write(output: str, target: str | None) -> None:
    if target is None:
        sys.stdout.write(output)
        return
    try:
        Path(target).write_text(output, encoding="utf-8")
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
