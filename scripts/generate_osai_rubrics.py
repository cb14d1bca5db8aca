"""Write ``rubrics/osai-2023.toml`` and ``rubrics/osai-index.toml``.

    python scripts/generate_osai_rubrics.py [--parameters ../shared/data/osai/current/_parameters.yml]

Both rubrics grade each parameter of the European Open Source AI Index from the index's own rating
(an external assessment in the descriptor: ``osai-2023`` for the legacy files, ``osai-index`` for
the current ones). ``osai-index`` takes its parameters, order and applicable system types from the
index's ``_parameters.yml``; without ``--parameters`` the ones already in the rubric are kept. A
test checks the committed files equal what this script writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


ROOT = Path(__file__).resolve().parent.parent
LEGACY_RUBRIC = ROOT / "rubrics" / "osai-2023.toml"
INDEX_RUBRIC = ROOT / "rubrics" / "osai-index.toml"

# Legacy parameters in the table's column order: key, group, title, open, partial, closed
# (paraphrased from projects/readme.md of opening-up-chatgpt.github.io).
LEGACY = (
    (
        "opencode",
        "Availability",
        "Open code",
        "all source code open for inspection",
        "some source code open",
        "no source code open",
    ),
    ("llmdata", "Availability", "LLM data", "all base-LLM training data open for inspection", "some of it", "none"),
    (
        "llmweights",
        "Availability",
        "LLM weights",
        "base weights shared and the training procedure fully open",
        "weights or procedure not fully open",
        "neither",
    ),
    ("rldata", "Availability", "RL data", "all RL and instruction-tuning data open", "some of it", "none"),
    (
        "rlweights",
        "Availability",
        "RL weights",
        "RL-tuned weights shared and the procedure fully open",
        "not fully shared or not fully open",
        "not shared",
    ),
    (
        "license",
        "Availability",
        "Licence",
        "the whole project under a genuine OSI-approved licence",
        "only parts OSI-licensed",
        "unclear or not OSI-approved",
    ),
    (
        "code",
        "Documentation",
        "Code documentation",
        "every component well documented",
        "some components documented",
        "none",
    ),
    (
        "architecture",
        "Documentation",
        "Architecture",
        "architecture and training set-up fully documented",
        "partly documented",
        "not documented",
    ),
    (
        "preprint",
        "Documentation",
        "Preprint",
        "archived preprints cover base model, fine-tuning and RL",
        "they cover some parts",
        "none",
    ),
    ("paper", "Documentation", "Paper", "peer-reviewed papers cover all parts", "they cover some parts", "none"),
    (
        "modelcard",
        "Documentation",
        "Model card",
        "a standard model card covering architecture, training, tuning and evaluation",
        "partial insight",
        "none",
    ),
    (
        "datasheet",
        "Documentation",
        "Datasheet",
        "a datasheet with full data collection and curation detail",
        "partial detail",
        "none",
    ),
    (
        "package",
        "Access",
        "Package",
        "a versioned package on a software index (PyPI, Homebrew, ...)",
        "user code or a web UI, no versioned package",
        "none",
    ),
    (
        "api",
        "Access",
        "API",
        "an API with unrestricted access (security and CDN limits aside)",
        "a commercial or restricted API",
        "none",
    ),
)

# Current parameters: key -> (title, open, partial); order and types come from _parameters.yml.
CURRENT = {
    "datasources_basemodel": (
        "Base Model Data",
        "all base-model training data openly available and documented",
        "some of it",
    ),
    "datasources_endmodel": (
        "End User Model Data",
        "all fine-tuning data openly available and documented",
        "some of it",
    ),
    "weights_basemodel": ("Base Model Weights", "base-model weights openly shared", "gated or not fully shared"),
    "weights_endmodel": ("End User Model Weights", "end-model weights openly shared", "gated or not fully shared"),
    "trainingcode": ("Training Code", "all training source code open", "some of it open"),
    "code": ("Code Documentation", "every component's code well documented", "some of it"),
    "hardware_architecture": ("Hardware Architecture", "architecture and training hardware fully documented", "partly"),
    "preprint": ("Preprint", "archived preprints cover the system", "they cover some parts"),
    "paper": ("Paper", "peer-reviewed papers cover the system", "they cover some parts"),
    "modelcard": ("Modelcard", "a model card covering architecture, training and evaluation", "partial insight"),
    "datasheet": (
        "Datasheet",
        "a datasheet (or an EU AI Act training-data summary) with full detail",
        "partial detail",
    ),
    "licenses": (
        "Licenses",
        "weights, training code and training data openly licensed",
        "at least two of them (partly) openly licensed",
    ),
}

LEGACY_HEADER = '''format = 1
id = "osai-2023"
title = "Opening up ChatGPT (European Open Source AI Index, legacy table)"
version = "2023"
source = "https://github.com/opening-up-chatgpt/opening-up-chatgpt.github.io/blob/801f68773ae7f7d9e527afb7bbaf3e9d8d29f2fb/projects/readme.md"
licence = "CC-BY-4.0"
retrieved = "2026-11-23"
description = """
The legacy "Opening up ChatGPT" openness table (Liesenfeld, Lopez & Dingemanse, CUI '23,
doi:10.1145/3571884.3604316): 14 parameters of availability, documentation and access, each rated
open, partial or closed by the index's authors. The total is the sum of the ratings (0 to 14).
Generated by scripts/generate_osai_rubrics.py."""
interpretation = """
Grades come from the index's own ratings (the descriptor's osai-2023 assessment), not from the
descriptor's components: this rubric reproduces the published table. A parameter that is missing,
empty or misspelt counts as closed, as in the index's scoring script. The report's points are the
index's total; its score is that total divided by 14. The index ranks by total, then by project
name in code-point order."""

[scale]
open = 1.0
partial = 0.5
closed = 0.0
'''

INDEX_HEADER = '''format = 1
id = "osai-index"
title = "European Open Source AI Index"
version = "2026-06"
source = "https://github.com/Language-Technology-Assessment/main-database/blob/376230f18fa16f9d6da6fba8aeb210402c359be7/_parameters.yml"
licence = "CC-BY-4.0"
retrieved = "2026-11-23"
description = """
The European Open Source AI Index (https://osai-index.eu; Liesenfeld & Dingemanse, FAccT '24,
doi:10.1145/3630106.3659005): 12 parameters of availability, documentation and access, each rated
open, partial or closed by the index. The score is the mean over the parameters that apply to the
system's type. Generated by scripts/generate_osai_rubrics.py."""
interpretation = """
Grades come from the index's own ratings (the descriptor's osai-index assessment). A parameter
applies when the model's modalities (the index's system type) include one of the types the index
lists for it; a parameter that applies but is missing or unrated counts as closed and stays in the
denominator, as on the index's site. The index ranks by score, then by file name descending in
code-point order, and shows scores rounded half up."""

[scale]
open = 1.0
partial = 0.5
closed = 0.0
'''


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _criterion(  # noqa: PLR0917 - one call site per generation, each passing a table row
    assessor: str, key: str, group: str, title: str, open_: str, partial: str, types: list[str] | None
) -> str:
    applies = f"applies-when = {{ modality = {json.dumps(types)} }}\n" if types is not None else ""
    return f"""[[criteria]]
id = "{key}"
title = {_s(title)}
group = "{group}"
description = {_s(f"The index's rating of {key!r}: open means {open_}; partial means {partial}.")}
{applies}
  [[criteria.levels]]
  grade = "open"
  says = {_s(f"{assessor} rates {key} open ({open_})")}
  when = {{ assessment = "{assessor}", parameter = "{key}", grade = "open" }}

  [[criteria.levels]]
  grade = "partial"
  says = {_s(f"{assessor} rates {key} partial ({partial})")}
  when = {{ assessment = "{assessor}", parameter = "{key}", grade = "partial" }}
"""


def render_legacy() -> str:
    """The text of ``rubrics/osai-2023.toml``."""
    parts = [LEGACY_HEADER]
    parts += [_criterion("osai-2023", key, group, title, o, p, None) for key, group, title, o, p, _ in LEGACY]
    return "\n".join(parts)


def render_index(parameters: list[tuple[str, str, list[str]]]) -> str:
    """The text of ``rubrics/osai-index.toml``."""
    parts = [INDEX_HEADER]
    for key, group, types in parameters:
        title, open_, partial = CURRENT[key]
        parts.append(_criterion("osai-index", key, group, title, open_, partial, types))
    return "\n".join(parts)


def parameters_from_registry(path: Path) -> list[tuple[str, str, list[str]]]:
    """(key, category, types) for each parameter of the index's ``_parameters.yml``, in order."""
    import yaml  # noqa: PLC0415 - only needed when regenerating from the index's registry

    return [
        (param["ref"], category["name"], [t.strip() for t in param["types"]])
        for category in yaml.safe_load(path.read_text(encoding="utf-8"))
        for param in category["params"]
    ]


def current_parameters() -> list[tuple[str, str, list[str]]]:
    """The parameters already in ``rubrics/osai-index.toml``."""
    data = tomllib.loads(INDEX_RUBRIC.read_text(encoding="utf-8"))
    return [(c["id"], c["group"], list(c["applies-when"]["modality"])) for c in data["criteria"]]


def main(argv: list[str]) -> int:
    """Write both rubric files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parameters", type=Path, help="the index's _parameters.yml")
    args = parser.parse_args(argv)
    parameters = parameters_from_registry(args.parameters) if args.parameters else current_parameters()
    LEGACY_RUBRIC.write_text(render_legacy(), encoding="utf-8")
    INDEX_RUBRIC.write_text(render_index(parameters), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
