"""Write ``rubrics/mot-1.0.toml`` and ``rubrics/mof-1.0.toml`` from the component vocabulary.

    python scripts/generate_mof_rubrics.py [--mot-licences ../shared/data/mot/licences]

Both rubrics have one criterion per Model Openness Framework component (17, in MOT's order) and
the three cumulative classes as verdicts; they differ only in the licence each component needs.
``mot-1.0`` uses the Model Openness Tool's open-licence set, computed here from MOT's own licence
files (``licenses.json`` then ``mof-licenses.json``, a later row replacing an earlier one with the
same id; open = OSI-approved or FSF-libre, or on MOT's hard-coded open-data list, or OpenMDW-1.0)
and matched exactly as MOT does. Without ``--mot-licences`` the list already in
``rubrics/mot-1.0.toml`` is kept. A test checks the committed files equal what this script writes.
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


from openness._reading.vocabulary import components

ROOT = Path(__file__).resolve().parent.parent
MOT_RUBRIC = ROOT / "rubrics" / "mot-1.0.toml"
MOF_RUBRIC = ROOT / "rubrics" / "mof-1.0.toml"

#: MOT's hard-coded open-data list (LicenseHandler.php), complete.
MOT_OPEN_DATA = [
    "CC0-1.0",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-2.5-AU",
    "CC-BY-3.0",
    "CC-BY-3.0-AT",
    "CC-BY-3.0-AU",
    "CC-BY-3.0-DE",
    "CC-BY-3.0-IGO",
    "CC-BY-3.0-NL",
    "CC-BY-3.0-US",
    "CC-BY-4.0",
    "CC-BY-SA-1.0",
    "CC-BY-SA-2.0",
    "CC-BY-SA-2.0-UK",
    "CC-BY-SA-2.1-JP",
    "CC-BY-SA-2.5",
    "CC-BY-SA-3.0",
    "CC-BY-SA-3.0-AT",
    "CC-BY-SA-4.0",
    "CDLA-Permissive-1.0",
    "CDLA-Permissive-2.0",
    "CDLA-Sharing-1.0",
    "ODC-PDDL-1.0",
    "ODC-By-1.0",
    "ODbL-1.0",
    "GFDL-1.3",
    "OGL-Canada-2.0",
    "OGL-UK-2.0",
    "OGL-UK-3.0",
]
MOT_EXTRA_OPEN = ("OpenMDW-1.0",)

#: MOT's order of components (mof.settings.yml): class III, then II, then I; required before optional.
MOT_ORDER = (
    "model-architecture",
    "weights",
    "evaluation-results",
    "model-card",
    "data-card",
    "technical-report",
    "sample-outputs",
    "training-code",
    "inference-code",
    "evaluation-code",
    "evaluation-data",
    "supporting-libraries",
    "training-data",
    "data-preprocessing-code",
    "intermediate-weights",
    "research-paper",
    "model-metadata",
)
CLASS_NAMES = {3: "III", 2: "II", 1: "I"}
VERDICTS = {
    3: ("class-3", "Class III - Open Model"),
    2: ("class-2", "Class II - Open Tooling Model"),
    1: ("class-1", "Class I - Open Science Model"),
}

# MOF-as-intended: which licences suit each kind of component (LF AI & Data guidance, 2025-07-22).
MOF_CLASSES = {"code": "osi-approved", "data": "open-data", "weights": "open-data", "documentation": "open-data"}


def mot_open_licences(folder: Path) -> list[str]:
    """MOT's open-licence ids, computed as LicenseHandler.php does."""
    rows: dict[str, dict[str, object]] = {}
    for name in ("licenses.json", "mof-licenses.json"):
        for row in json.loads((folder / name).read_text(encoding="utf-8"))["licenses"]:
            rows[row["licenseId"]] = row  # a later row replaces every field of an earlier one
    open_ids = {i for i, row in rows.items() if row.get("isOsiApproved") or row.get("isFsfLibre")}
    open_ids |= set(MOT_OPEN_DATA) | set(MOT_EXTRA_OPEN)
    return sorted(open_ids)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _list(items: list[str], indent: str = "  ") -> str:
    lines = [f"{indent}{_string(item)}," for item in items]
    return "[\n" + "\n".join(lines) + "\n]"


def _open(component: str, rubric: str) -> str:
    if rubric == "mot":
        return f'{{ component = "{component}", present = true, licence-in = "mot-open" }}'
    kind_class = MOF_CLASSES[components()[component].kind]
    return (
        f'{{ any = [{{ component = "{component}", present = true, licence = "{kind_class}" }}, '
        f'{{ component = "{component}", present = true, licence-in = "openmdw" }}] }}'
    )


def _criterion(component: str, rubric: str) -> str:
    spec = components()[component]
    if spec.mof is None:
        msg = f"{component} is not a MOF component"
        raise ValueError(msg)
    level = CLASS_NAMES[spec.mof.class_]
    weight = 1.0 if spec.mof.required else 0.0
    if rubric == "mot":
        needs = "listed, under a licence on MOT's open list (exact match)"
    else:
        needs = (
            f"listed, under a licence suited to {spec.kind}: "
            + ("OSI-approved" if spec.kind == "code" else "an open data or content licence")
            + ", or OpenMDW"
        )
    if component == "technical-report":
        return f"""[[criteria]]
id = "technical-report"
title = "Technical report (or a research paper standing in)"
group = "class-{level}"
weight = {weight}
description = \"\"\"
MOF component "{spec.mof.name}" (Class {level}, required). As in the Model Openness Tool, an open
research paper stands in for a technical report that is missing or not openly licensed.\"\"\"

  [[criteria.levels]]
  grade = "met"
  says = "the technical report {needs}; or, instead, the research paper, on the same terms"
  when = {{ any = [
    {_open("technical-report", rubric)},
    {_open("research-paper", rubric)},
  ] }}
"""
    optional = "required" if spec.mof.required else "optional; shown, never counted (weight 0)"
    return f"""[[criteria]]
id = "{component}"
title = {_string(spec.mof.name)}
group = "class-{level}"
weight = {weight}
description = "MOF component \\"{spec.mof.name}\\" (Class {level}, {optional})."

  [[criteria.levels]]
  grade = "met"
  says = "{spec.mof.name.lower()} {needs}"
  when = {_open(component, rubric)}
"""


def _mof_class(component: str) -> tuple[int, bool] | None:
    mof = components()[component].mof
    return (mof.class_, mof.required) if mof is not None else None


def _substitution(rubric: str) -> str:
    report, paper = _open("technical-report", rubric), _open("research-paper", rubric)
    return f"{{ all = [{{ not = {report} }}, {paper}] }}"


def _verdicts(rubric: str) -> str:
    out = []
    for level in (3, 2, 1):
        verdict_id, title = VERDICTS[level]
        required = [c for c in MOT_ORDER if _mof_class(c) == (level, True)]
        if level == 3:
            criteria, extra = required, ""
        elif level == 2:
            criteria, extra = required, 'builds-on = "class-3"\ngated = true\n'
        else:
            criteria = [c for c in required if c != "research-paper"]
            extra = 'builds-on = "class-2"\ngated = true\n'
        block = f"""[[verdicts]]
id = "{verdict_id}"
title = "{title}"
{extra}
  [[verdicts.requires]]
  grade = "met"
  criteria = {json.dumps(criteria)}
"""
        if level == 1:
            block += f"""
  [[verdicts.requires]]
  grade = "met"
  criteria = ["research-paper"]
  # When the paper already stands in for the technical report, it is not counted a second time.
  unless = {_substitution(rubric)}
"""
        out.append(block)
    return "\n".join(out)


MOT_HEADER = '''format = 1
id = "mot-1.0"
title = "Model Openness Tool (MOF classes as MOT computes them)"
version = "1.0"
source = "https://github.com/lfai/model_openness_tool/blob/8b5d30e90a7c62d7d6ece48b91e69ff495920a4d/web/modules/mof/src/ModelEvaluator.php"
licence = "MIT"
retrieved = "2026-11-23"
description = """
The Model Openness Framework's three cumulative classes exactly as the Model Openness Tool
(https://mot.isitopen.ai, lfai/model_openness_tool at commit 8b5d30e) computes them: a class is met
when every required component of it and of the less demanding classes is listed and carries a
licence on MOT's open list. Generated by scripts/generate_mof_rubrics.py."""
interpretation = """
Reproduces MOT, quirks included. Licence strings are matched exactly and case-sensitively against
MOT's open list (OSI-approved or FSF-libre in MOT's licence files, MOT's open-data list, and
OpenMDW-1.0): "Apache 2.0" is not open here. A component that is not listed is missing. An open
research paper stands in for a missing or non-open technical report, and then counts once in Class I
(whose denominator drops to 13). Class progress is the share of requirements met, and stays 0 until
the class below is met (MOT's gating); MOT's percentages are progress x 100. Optional components
(sample outputs, supporting libraries, model metadata) are shown with weight 0 and never counted.
Licence inheritance from a MOT file's global licences is applied by the MOT importer
(openness.importers.mot), which writes each component's resolved licence."""

[scale]
met = 1.0
not-met = 0.0

[[allowances]]
check = "monotone"
reason = """
MOT matches licence strings exactly: a licence that is more open in the licence order but not on
MOT's list as written (an expression such as "MIT OR LicenseRef-Llama-3.1", which adds a choice to a
listed licence, or "Apache 2.0" for Apache-2.0) scores lower, as it does in MOT."""
'''

MOF_HEADER = '''format = 1
id = "mof-1.0"
title = "Model Openness Framework 1.0 (type-appropriate open licences)"
version = "1.0"
source = "https://arxiv.org/abs/2403.13784"
licence = "CC-BY-4.0"
retrieved = "2026-11-23"
description = """
The Model Openness Framework (White et al., arXiv 2403.13784; LF AI & Data) as its authors intend
it: the same three cumulative classes and components as the Model Openness Tool, but each component
must carry an open licence suited to its kind. Generated by scripts/generate_mof_rubrics.py."""
interpretation = """
Licence suited to its kind, after the framework's guidance (LF AI & Data blog, 2025-07-22,
https://lfaidata.foundation/blog/2025/07/22/simplifying-ai-model-licensing-with-openmdw): code
components need an OSI-approved licence (class osi-approved); data components, which include the
model parameters, and documentation need an open data or open content licence (class open-data:
CC-BY, CC-BY-SA, CC0, ODC-By, ODbL, PDDL, CDLA, OGL, ...); OpenMDW suits every kind. Licences are
read with the licence knowledge base, so "Apache 2.0" counts as Apache-2.0 and an expression's OR
lets the most open alternative decide. Everything else follows mot-1.0: listing means released,
an open research paper stands in for the technical report, classes are cumulative and gated,
optional components weigh 0. docs/mot-vs-mof.md lists where the two rubrics differ."""

[scale]
met = 1.0
not-met = 0.0

[licence-lists.openmdw]
match = "reading"
description = "The OpenMDW licences, written for model materials of every kind."
ids = ["OpenMDW-1.0", "LicenseRef-OpenMDW-1.1"]
'''


def render(rubric: str, open_ids: list[str]) -> str:
    """The rubric file's text: ``rubric`` is "mot" or "mof"."""
    parts = [MOT_HEADER if rubric == "mot" else MOF_HEADER]
    if rubric == "mot":
        parts.append(
            "[licence-lists.mot-open]\n"
            'match = "exact"\n'
            "description = \"MOT's open licences: OSI-approved or FSF-libre in its licence files, its open-data"
            ' list, OpenMDW-1.0."\n'
            'source = "https://github.com/lfai/model_openness_tool/blob/8b5d30e90a7c62d7d6ece48b91e69ff495920a4d'
            '/web/modules/mof/src/LicenseHandler.php"\n'
            f"ids = {_list(open_ids)}\n"
        )
    parts += [_criterion(c, rubric) for c in MOT_ORDER]
    parts.append(_verdicts(rubric))
    return "\n".join(parts)


def current_mot_list() -> list[str]:
    """The open list already in ``rubrics/mot-1.0.toml``."""
    data = tomllib.loads(MOT_RUBRIC.read_text(encoding="utf-8"))
    return list(data["licence-lists"]["mot-open"]["ids"])


def main(argv: list[str]) -> int:
    """Write both rubric files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mot-licences", type=Path, help="MOT's licence folder (licenses.json, mof-licenses.json)")
    args = parser.parse_args(argv)
    open_ids = mot_open_licences(args.mot_licences) if args.mot_licences else current_mot_list()
    MOT_RUBRIC.write_text(render("mot", open_ids), encoding="utf-8")
    MOF_RUBRIC.write_text(render("mof", open_ids), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
