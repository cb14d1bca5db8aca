"""``openness import mot|osai FILE... [--out DIR]``: other formats written as descriptor TOML files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from openness._errors import DescriptorError, Problem
from openness.importers import YAML_SUFFIXES, yaml_files

__all__ = ["add_import_command"]


def add_import_command(commands: Any) -> None:
    """Register the ``import`` subcommand on an argparse subparsers object."""
    command = commands.add_parser(
        "import",
        help="convert Model Openness Tool or Open Source AI Index YAML files into descriptor TOML files",
    )
    command.add_argument("kind", choices=("mot", "osai"), help="the files' format")
    command.add_argument(
        "files",
        nargs="+",
        type=Path,
        help="YAML files, or folders holding them directly (subfolders are not searched: a folder without "
        "YAML files of its own is an error naming the subfolders that have some)",
    )
    command.add_argument("--out", type=Path, default=Path(), help="folder for the TOML files (default: .)")
    command.set_defaults(run=_cmd_import)


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += yaml_files(path) or _refuse_folder(path)
        else:
            found.append(path)
    return found


def _refuse_folder(folder: Path) -> list[Path]:
    """Raise: ``folder`` holds no YAML files of its own; name the subfolders that do, and how to import them."""
    message = "holds no .yml/.yaml files (subfolders are not searched)"
    nested = sorted({p.parent for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()})
    if nested:
        shown = ", ".join(str(p) for p in nested[:3]) + (f" and {len(nested) - 3} more" if len(nested) > 3 else "")
        noun = "subfolder holds" if len(nested) == 1 else "subfolders hold"
        message += f"; {len(nested)} {noun} some ({shown}): name them instead, e.g. {folder / '*'}"
    raise DescriptorError([Problem(message=message, source=str(folder))])


def _cmd_import(args: argparse.Namespace) -> str:
    """Write the descriptors; the text returned is what goes to stdout."""
    from openness.importers import mot, osai  # noqa: PLC0415 - YAML support is optional

    files = _files(args.files)  # a folder without YAML files is refused before anything is written
    args.out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    lines = []
    for path in files:
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
