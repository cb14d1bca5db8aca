"""The ``openness`` command line: a thin layer over the library.

Exit codes: 0 success; 2 bad input or options (the error on stderr, nothing on stdout).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from openness import catalogue
from openness._convert import did_you_mean
from openness._descriptor import Descriptor, load_descriptor
from openness._engine import score
from openness._errors import DescriptorError, OpennessError, Problem
from openness._render import clean
from openness._rubric import DEFAULT_RUBRIC, list_rubrics, load_rubric

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
FORMATS = ("text", "json", "markdown", "html")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _model(text: str) -> Descriptor:
    path = Path(text)
    if path.suffix.lower() in {".toml", ".json"} or path.exists():
        return load_descriptor(path)
    if text in catalogue.ids():
        return catalogue.load(text)
    hint = did_you_mean(text, catalogue.ids())
    message = (
        f"{text!r} is neither a descriptor file nor a catalogue model{hint}; catalogue: {', '.join(catalogue.ids())}"
    )
    raise DescriptorError([Problem(message=message)])


def _cmd_score(args: argparse.Namespace) -> str:
    report = score(_model(args.model), load_rubric(args.rubric))
    if args.format == "json":
        return report.to_json() + "\n"
    if args.format == "markdown":
        return report.to_markdown()
    if args.format == "html":
        return report.to_html()
    return report.to_text()


def _cmd_rubrics(_: argparse.Namespace) -> str:
    lines = []
    for rubric_id in list_rubrics():
        rubric = load_rubric(rubric_id)
        default = " (default)" if rubric_id == DEFAULT_RUBRIC else ""
        lines.append(f"{rubric_id}{default}: {rubric.title}, version {rubric.version} <{rubric.source}>")
    return "\n".join(lines) + "\n"


def _cmd_catalogue(_: argparse.Namespace) -> str:
    lines = []
    for descriptor in catalogue.all():
        report = score(descriptor)
        met = ", ".join(v.id for v in report.verdicts if v.met) or "no verdict met"
        lines.append(f"{descriptor.id}: {clean(descriptor.model.name)}: score {report.score:.2f} ({met})")
    return "\n".join(lines) + "\n"


def _cmd_licence(args: argparse.Namespace) -> str:
    from openness.licences import CLASSES, has_class, read  # noqa: PLC0415

    reading = read(args.text)
    lines = [f"{clean(args.text)!r} reads as: {clean(reading.expression)}"]
    lines += [f"  note: {clean(n)}" for n in reading.notes]
    lines += [f"  warning: {clean(w)}" for w in reading.warnings]
    for licence in reading.licences:
        lines.append(f"{licence.id}: {clean(licence.name)} [{licence.kind}]")
        classes = [name for name in CLASSES if has_class(licence, name)]
        unknown = [name for name in CLASSES if has_class(licence, name) is None]
        lines.append(f"  classes: {', '.join(classes) or 'none'}")
        if unknown:
            lines.append(f"  not known: {', '.join(unknown)}")
        lines.append(f"  restrictions: {', '.join(licence.restrictions) or 'none recorded'}")
        if licence.user_cap:
            lines.append(f"  user cap: {licence.user_cap:,} monthly active users")
        if licence.notes:
            lines.append(f"  notes: {clean(licence.notes)}")
        for source in licence.sources:
            lines.append(f"  source: {clean(source)}")
        if licence.unsure:
            lines.append("  (some facts about this licence are marked unsure)")
    return "\n".join(lines) + "\n"


def _cmd_diff(args: argparse.Namespace) -> str:
    from openness._diff import diff  # noqa: PLC0415 - only this command needs it

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
    score_cmd = commands.add_parser("score", help="score a model descriptor (a file or a catalogue id)")
    score_cmd.add_argument("model", help="a descriptor file (.toml or .json) or a catalogue id")
    score_cmd.add_argument(
        "--rubric", default=DEFAULT_RUBRIC, help=f"a built-in rubric id or a rubric file (default: {DEFAULT_RUBRIC})"
    )
    score_cmd.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    score_cmd.set_defaults(run=_cmd_score)
    commands.add_parser("rubrics", help="list the built-in rubrics").set_defaults(run=_cmd_rubrics)
    commands.add_parser("catalogue", help="list the catalogue models with their default-rubric score").set_defaults(
        run=_cmd_catalogue
    )
    licence_cmd = commands.add_parser("licence", help="show how a licence string is read and what it allows")
    licence_cmd.add_argument("text", help="a licence id, alias or SPDX expression")
    licence_cmd.set_defaults(run=_cmd_licence)
    _add_diff(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        output = args.run(args)
    except OpennessError as exc:
        for line in exc.lines():
            sys.stderr.write(f"openness: {clean(line)}\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(output)
    return EXIT_OK
