"""``openness import mot|osai FILE... [--out DIR]``: other formats written as descriptor TOML files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from openness._errors import DescriptorError, Problem
from openness.importers._common import yaml_files

__all__ = ["add_import_command"]


def add_import_command(commands: Any) -> None:
    """Register the ``import`` subcommand on an argparse subparsers object."""
    command = commands.add_parser(
        "import",
        help="convert Model Openness Tool or Open Source AI Index YAML files into descriptor TOML files",
    )
    command.add_argument("kind", choices=("mot", "osai"), help="the files' format")
    command.add_argument("files", nargs="+", type=Path, help="YAML files, or folders of them")
    command.add_argument("--out", type=Path, default=Path(), help="folder for the TOML files (default: .)")
    command.set_defaults(run=_cmd_import)


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += yaml_files(path)
        else:
            found.append(path)
    return found


def _cmd_import(args: argparse.Namespace) -> str:
    """Write the descriptors; the text returned is what goes to stdout."""
    from openness.importers import mot, osai  # noqa: PLC0415 - YAML support is optional

    args.out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    lines = []
    for path in _files(args.files):
        if args.kind == "osai" and path.name.startswith("_"):
            sys.stderr.write(f"openness: skipped {path}: index metadata (parameter registry), not a model\n")
            continue
        descriptor = mot.read(path) if args.kind == "mot" else osai.read(path)
        dropped = descriptor.extra.get("osai", {}).get("dropped")
        if dropped:
            sys.stderr.write(f"openness: {path}: written, but the index does not score it: {dropped}\n")
        target = args.out / f"{descriptor.id}.toml"
        if descriptor.id in written:
            raise DescriptorError(
                [Problem(message=f"gives the same id {descriptor.id!r} as {written[descriptor.id]}", source=str(path))]
            )
        written[descriptor.id] = path
        target.write_text(descriptor.to_toml(), encoding="utf-8")
        lines.append(f"{path} -> {target}")
    return "\n".join(lines) + "\n" if lines else ""
