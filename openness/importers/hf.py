r"""Hugging Face model cards, snapshots on disk and models on the Hub, as partial descriptors.

>>> from openness.importers import hf
>>> card = "---\nlicense: apache-2.0\ndatasets: [allenai/dolma]\n---\n# My Model\n"
>>> descriptor = hf.read(card, source="https://huggingface.co/me/my-model")
>>> descriptor.components["weights"].licence
'apache-2.0'

:func:`read` takes a card (``README.md``, or its text) or a downloaded snapshot (the card with the
repository's files beside it); :func:`fetch` reads a model from the Hub by its id (the ``hf``
extra). What the card and the files state becomes a fact with them as its source; what they do not
state stays absent, so a report lists it as unknown. Keys this importer does not map are kept
verbatim in ``descriptor.extra["model-card"]``; what it could not read is said in
``descriptor.extra["warnings"]``. Needs PyYAML (the ``import`` extra).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from openness import licences
from openness._errors import DescriptorError, OpennessError, Problem, install_hint
from openness._model.descriptor import RELATIONS, Descriptor, descriptor_from_mapping
from openness._reading.documents import read_text
from openness.importers import _hub

__all__ = [
    "COMPONENT_KEYS",
    "GENERIC_HEADINGS",
    "PIPELINE_MODALITIES",
    "WEIGHT_SUFFIXES",
    "fetch",
    "front_matter",
    "read",
]

#: Front-matter keys that state facts about each component (used to point at a line of the card).
COMPONENT_KEYS: dict[str, tuple[str, ...]] = {
    "weights": ("license", "license_name", "license_link", "gated", "extra_gated_prompt", "extra_gated_fields"),
    "training-data": ("datasets",),
    "preprint": ("tags",),
}
#: File suffixes of model weights (checkpoints in the formats the Hub's libraries save).
WEIGHT_SUFFIXES = (
    ".safetensors",
    ".bin",
    ".gguf",
    ".ggml",
    ".pt",
    ".pth",
    ".ckpt",
    ".h5",
    ".keras",
    ".msgpack",
    ".onnx",
    ".tflite",
    ".mlmodel",
    ".nemo",
    ".ot",
)
#: Files with a weight suffix that hold training state, not weights (transformers' Trainer writes them).
_NOT_WEIGHTS = re.compile(r"(^|/)(training_args\.bin|optimizer\.pt|scheduler\.pt|scaler\.pt|rng_state[^/]*\.pth)$")
#: Section titles that name a part of a card, not the model: a heading with one of these titles is skipped.
GENERIC_HEADINGS = frozenset(
    {
        "model card",
        "model details",
        "model description",
        "model summary",
        "model information",
        "model overview",
        "overview",
        "introduction",
        "summary",
        "table of contents",
        "contents",
        "toc",
        "highlights",
        "usage",
        "how to use",
        "quick start",
        "quickstart",
        "getting started",
        "installation",
        "license",
        "licence",
        "citation",
        "intended uses",
        "uses",
    }
)
#: The modalities each Hub ``pipeline_tag`` (the task) implies: inputs and outputs together.
PIPELINE_MODALITIES: dict[str, tuple[str, ...]] = {
    "text-generation": ("text",),
    "text2text-generation": ("text",),
    "text-classification": ("text",),
    "token-classification": ("text",),
    "fill-mask": ("text",),
    "question-answering": ("text",),
    "summarization": ("text",),
    "translation": ("text",),
    "sentence-similarity": ("text",),
    "feature-extraction": ("text",),
    "zero-shot-classification": ("text",),
    "table-question-answering": ("text",),
    "image-classification": ("image",),
    "image-segmentation": ("image",),
    "object-detection": ("image",),
    "depth-estimation": ("image",),
    "image-feature-extraction": ("image",),
    "zero-shot-image-classification": ("image", "text"),
    "image-to-image": ("image",),
    "unconditional-image-generation": ("image",),
    "text-to-image": ("text", "image"),
    "image-to-text": ("image", "text"),
    "image-text-to-text": ("image", "text"),
    "visual-question-answering": ("image", "text"),
    "document-question-answering": ("image", "text"),
    "automatic-speech-recognition": ("audio", "text"),
    "audio-classification": ("audio",),
    "audio-to-audio": ("audio",),
    "text-to-speech": ("text", "audio"),
    "text-to-audio": ("text", "audio"),
    "voice-activity-detection": ("audio",),
    "video-classification": ("video",),
    "text-to-video": ("text", "video"),
    "image-to-video": ("image", "video"),
    "video-text-to-text": ("video", "text"),
    "text-to-3d": ("text", "3d"),
    "image-to-3d": ("image", "3d"),
}
_LICENCE_KEYS = ("license", "license_name", "license_link")
_GATE_PREFIX = "extra_gated_"
_GATE_TEXT_KEYS = ("extra_gated_prompt", "extra_gated_heading", "extra_gated_description", "extra_gated_button_content")
_WEIGHT_KEYS = {*_LICENCE_KEYS, "gated"}
_UNSTATED_LICENCES = ("other", "unknown")
_ARXIV_TAG = re.compile(r"^arxiv:(?P<id>\d{4}\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?/\d{7})$", re.IGNORECASE)
_DELIMITER = re.compile(r"^(---|\.\.\.)[ \t]*$")
_HEADING = re.compile(r"^ {0,3}(?P<level>#{1,6})[ \t]+(?P<title>.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_LINK_TEXT = re.compile(r"\[(?P<text>[^\]\n]{2,100})\]\(")
_HUB = "https://huggingface.co"
_CARD = "README.md"
_NO_FRONT_MATTER = "the model card has no YAML front matter: it states no licence, gate, datasets or base model"


def _yaml_load(text: str, *, source: str, first_line: int) -> object:
    try:
        import yaml  # noqa: PLC0415, F401 - optional dependency, loaded when a card is read
    except ImportError:
        msg = f"reading Hugging Face model cards needs PyYAML: {install_hint('import')}"
        raise ImportError(msg) from None
    from openness.importers._common import load_yaml_text  # noqa: PLC0415 - the limits for untrusted YAML

    try:
        return load_yaml_text(text, source=source, first_line=first_line)
    except DescriptorError as exc:
        named = [
            attrs.evolve(
                problem, message=problem.message.replace("invalid YAML:", "invalid YAML in the front matter:", 1)
            )
            for problem in exc.problems
        ]
        raise type(exc)(named) from None


def front_matter(text: str, *, source: str = "<model card>") -> tuple[dict[str, Any] | None, str]:
    """Split a model card into its YAML front matter (``None`` when it has none) and its body.

    Raises :class:`openness.DescriptorError` naming ``source`` and the line for broken YAML or
    front matter that is not a mapping.
    """
    lines = text.removeprefix("\ufeff").split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return None, text
    for index in range(1, len(lines)):
        if _DELIMITER.match(lines[index].rstrip("\r\n")):
            block, body = "".join(lines[1:index]), "".join(lines[index + 1 :])
            break
    else:
        problem = Problem(message="the front matter opened on line 1 is never closed by '---'", source=source, line=1)
        raise DescriptorError([problem])
    data = _yaml_load(block, source=source, first_line=2)
    if data is None:
        return {}, body
    if not isinstance(data, Mapping):
        message = f"the front matter must be a YAML mapping, got {type(data).__name__}"
        raise DescriptorError([Problem(message=message, source=source, line=2)])
    return {str(key): _plain(value) for key, value in data.items()}, body


def _plain(value: Any) -> Any:
    """YAML values as TOML/JSON-ready data: dates as ISO text, keys as strings, nulls left out."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value if v is not None]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # other YAML types (sets, binary) as text, so the descriptor stays TOML/JSON-ready


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._")
    return slug or "model-card"


def _headings(body: str) -> list[tuple[int, str]]:
    """The ATX headings of a card body with their level, outside code fences, HTML comments and HTML blocks."""
    body = re.sub(r"<!--.*?(-->|\Z)", "", body, flags=re.DOTALL)
    found: list[tuple[int, str]] = []
    fence: str | None = None
    in_html = False
    for line in body.splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening["fence"][0] == fence[0] and len(opening["fence"]) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening["fence"]
            continue
        stripped = line.strip()
        if in_html:  # an HTML block ends at a blank line (CommonMark)
            in_html = bool(stripped)
            continue
        if stripped.startswith("<") and not stripped.startswith("<http"):
            in_html = True
            continue
        heading = _HEADING.match(line)
        if heading:
            found.append((len(heading["level"]), _plain_title(heading["title"])))
    return [(level, title) for level, title in found if title]


def _plain_title(title: str) -> str:
    """A heading as plain words: links, emphasis, code marks and leading symbols (emoji) removed."""
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    title = re.sub(r"[*_`]+", "", title).strip()
    title = re.sub(r"^[^\w(\"']+", "", title)
    match = re.match(r"^model\s*card\s*(for|of)\s+(?P<name>.+)$", title, re.IGNORECASE)
    if match:
        return match["name"].strip()
    match = re.match(r"^(?P<name>.+?)\s+model\s*card$", title, re.IGNORECASE)
    return match["name"].strip() if match else title


def card_title(body: str) -> str | None:
    """The model's name in a card body: its first heading, unless that is a generic section title.

    Headings inside code fences, HTML comments and HTML blocks do not count (a ``# comment`` in a shell
    example is not a title). A card whose first heading is a section title (:data:`GENERIC_HEADINGS`,
    such as "Model Details") has no title: the sections that follow name parts of the card, not the
    model. "Model Card for X" and "X Model Card" give X.
    """
    headings = _headings(body)
    if not headings:
        return None
    title = headings[0][1]
    return None if title.lower().rstrip(":") in GENERIC_HEADINGS else title


def _names(card: Mapping[str, Any], body: str, path: Path | None, repo_id: str | None = None) -> tuple[str, str]:
    """The model's id and name (the rules are in docs/importers.md)."""
    index = card.get("model-index")
    indexed = index[0].get("name") if isinstance(index, list) and index and isinstance(index[0], Mapping) else None
    heading = card_title(body)
    from_path = None
    if path is not None:
        from_path = path.absolute().parent.name if path.name.lower() == "readme.md" else path.stem
    hub_id = repo_id.replace("/", "--") if repo_id else None
    model_id = _slug(str(next((c for c in (hub_id, indexed, from_path, heading) if c), "model-card")))
    name = str(next((c for c in (heading, repo_id, indexed) if c), model_id))
    return model_id, name


def _gate_licence(card: Mapping[str, Any]) -> str | None:
    """A licence the card's gate text names in a link (``[Falcon-180B TII license](...)``) that openness knows."""
    for key in _GATE_TEXT_KEYS:
        text = card.get(key)
        if not isinstance(text, str):
            continue
        for match in _LINK_TEXT.finditer(text):
            try:
                reading = licences.read(match["text"].strip())
            except OpennessError:
                continue
            if reading.known:
                return match["text"].strip()
    return None


def _licence(card: Mapping[str, Any], notes: list[str]) -> str | None:
    """The licence the card states: ``license``, or for ``other``/``unknown`` its ``license_name`` or gate text."""
    licence = card.get("license")
    if isinstance(licence, list):
        notes.append("The card lists several licences without saying how they combine; the licence is left unknown.")
        return None
    if not isinstance(licence, str) or not licence.strip():
        return None
    licence = licence.strip()
    if licence.lower() not in _UNSTATED_LICENCES:
        return licence
    name = card.get("license_name")
    if isinstance(name, str) and name.strip():
        notes.append(f"The card says license: {licence}, license_name: {name.strip()}.")
        return name.strip()
    gated = _gate_licence(card)
    if gated is not None:
        notes.append(f"The card says license: {licence}; its gate text names the {gated}.")
        return gated
    return licence


def _weights(card: Mapping[str, Any], sources: list[str]) -> dict[str, Any] | None:
    component: dict[str, Any] = {}
    notes: list[str] = []
    raw = {key: card[key] for key in (*_LICENCE_KEYS, "gated") if key in card}
    raw.update({key: value for key, value in card.items() if key.startswith(_GATE_PREFIX)})
    licence = _licence(card, notes)
    if licence is not None:
        component["licence"] = licence
    if _card_gates(card):
        component["access"] = "gated"
        notes.append("The card configures a gate: users must accept conditions before downloading.")
        if card.get("extra_gated_eu_disallowed") is True:
            notes.append("The gate refuses users in the European Union.")
    if not (component or notes):  # nothing stated about the weights: the keys stay in extra
        return None
    if notes:
        component["notes"] = " ".join(notes)
    component["sources"] = sources
    component["extra"] = {"model-card": raw}
    return component


def _card_gates(card: Mapping[str, Any]) -> bool:
    gated = card.get("gated")
    return (gated not in (None, False) and str(gated).lower() != "false") or any(
        key.startswith(_GATE_PREFIX) for key in card
    )


def _training_data(card: Mapping[str, Any], sources: list[str], hub: str) -> dict[str, Any] | None:
    datasets = card.get("datasets")
    if isinstance(datasets, str):
        datasets = [datasets]
    if not isinstance(datasets, list) or not datasets:
        return None
    names = [str(d) for d in datasets]
    pages = [f"{hub}/datasets/{name}" for name in names]
    component: dict[str, Any] = {
        "notes": f"The card names the Hugging Face datasets used to train: {', '.join(names)}.",
        "sources": list(dict.fromkeys([*sources, *pages])),
        "extra": {"model-card": {"datasets": names}},
    }
    if len(names) == 1:
        component["url"] = pages[0]
    return component


def _preprint(tags: object, sources: list[str]) -> dict[str, Any] | None:
    if not isinstance(tags, list):
        return None
    papers = list(
        dict.fromkeys(m["id"] for tag in tags if isinstance(tag, str) and (m := _ARXIV_TAG.match(tag.strip())))
    )
    if not papers:
        return None
    return {
        "access": "public",
        "url": f"https://arxiv.org/abs/{papers[0]}",
        "notes": "The card's tags name arXiv papers: " + ", ".join(papers) + ".",
        "sources": sources,
    }


@attrs.frozen(kw_only=True)
class _Files:
    """The files of a repository or snapshot: what they say about the weights, and where they were listed."""

    names: tuple[str, ...]
    source: str
    gated: str | bool | None = None  # the Hub's setting; None: not known (a snapshot on disk)
    where: str = "repository"


def weight_files(names: tuple[str, ...] | list[str]) -> list[str]:
    """The names among ``names`` that are model weights (:data:`WEIGHT_SUFFIXES`, not training state)."""
    return [n for n in names if n.lower().endswith(WEIGHT_SUFFIXES) and not _NOT_WEIGHTS.search(n)]


def _weights_from_files(component: dict[str, Any] | None, card: Mapping[str, Any], files: _Files) -> dict[str, Any]:
    """The weights component once the files are known: access from the weight files and the gate."""
    component = dict(component or {})
    notes = [component["notes"]] if component.get("notes") else []
    found = weight_files(files.names)
    component.pop("access", None)
    if not found:
        notes.append(
            f"No weights in this {files.where} (none of its {len(files.names)} files is a weight file); "
            "they may be published elsewhere, so access is left unknown."
        )
    elif files.gated is None:  # a snapshot on disk: only the card can say whether there is a gate
        if _card_gates(card):
            component["access"] = "gated"
        else:
            component["access"] = "public"
            notes.append(
                "A snapshot on disk cannot show whether the Hub gates the repository; its card configures no "
                "gate, so the weights beside it are taken as public."
            )
    elif files.gated is False or str(files.gated).lower() == "false":
        component["access"] = "public"
        notes.append("The Hub does not gate the repository, which holds the weights.")
    else:
        component["access"] = "gated"
        notes.append(f"The Hub gates the repository (gated: {files.gated}): conditions must be accepted first.")
    if notes:
        component["notes"] = " ".join(notes)
    component["sources"] = list(dict.fromkeys([*component.get("sources", []), files.source]))
    extra = dict(component.get("extra", {}))
    extra["files"] = {"weights": found, **({} if files.gated is None else {"gated": files.gated})}
    component["extra"] = extra
    return component


def _card_mapping(
    card: Mapping[str, Any],
    *,
    source: str,
    body: str = "",
    path: Path | None = None,
    repo_id: str | None = None,
    hub: str = _HUB,
) -> dict[str, Any]:
    """The descriptor mapping a card's front matter states (see :func:`read`)."""
    sources = [source]
    model_id, name = _names(card, body, path, repo_id)
    model: dict[str, Any] = {"id": model_id, "name": name, "sources": sources}
    base = card.get("base_model")
    model_extra: dict[str, Any] = {}
    if isinstance(base, str) and base.strip():
        model["base-model"] = base.strip()
    elif isinstance(base, list) and base and all(isinstance(b, str) and b.strip() for b in base):
        model["base-model"] = base[0].strip() if len(base) == 1 else [b.strip() for b in base]
    elif base is not None:
        model_extra["base_model"] = base
    relation = card.get("base_model_relation")
    if "base-model" in model and relation in RELATIONS:
        model["base-model-relation"] = relation
    elif relation is not None:
        model_extra["base_model_relation"] = relation
    if model_extra:
        model["extra"] = {"model-card": model_extra}
    modalities = PIPELINE_MODALITIES.get(str(card.get("pipeline_tag")))
    if modalities:
        model["modalities"] = list(modalities)
    components = {
        key: value
        for key, value in (
            ("weights", _weights(card, sources)),
            ("training-data", _training_data(card, sources, hub)),
            ("preprint", _preprint(card.get("tags"), sources)),
        )
        if value is not None
    }
    data: dict[str, Any] = {"format": 1, "model": model, "components": components}
    mapped = {"base_model", "base_model_relation"} | ({"datasets"} if "training-data" in components else set())
    if "weights" in components:
        mapped |= {key for key in card if key in _WEIGHT_KEYS or key.startswith(_GATE_PREFIX)}
    rest = {key: value for key, value in card.items() if key not in mapped}
    if rest:
        data["extra"] = {"model-card": rest}
    return data


def descriptor_from_card(
    card: Mapping[str, Any], *, source: str, body: str = "", path: Path | None = None
) -> Descriptor:
    """Build a partial descriptor from parsed front matter (see :func:`read`)."""
    return descriptor_from_mapping(_card_mapping(card, source=source, body=body, path=path), source=source)


def _warn(data: dict[str, Any], warning: str) -> None:
    data.setdefault("extra", {}).setdefault("warnings", []).append(warning)


def _snapshot_id(folder: Path) -> tuple[str | None, str | None]:
    """The repository id and commit of a folder laid out by the Hub cache (``models--ORG--NAME/snapshots/SHA``)."""
    folder = folder.absolute()
    repo = folder.parent.parent.name
    if folder.parent.name == "snapshots" and repo.startswith("models--") and repo.count("--") == 2:
        return repo.removeprefix("models--").replace("--", "/"), folder.name
    return None, None


def _read_snapshot(folder: Path, source: str | None) -> Descriptor:
    """A downloaded snapshot: its card, and the weights access its files show (see :func:`read`)."""
    where = source or str(folder)
    names = tuple(
        sorted(
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
    )
    card_path = folder / _CARD
    repo_id, _ = _snapshot_id(folder)
    if card_path.is_file():
        text = read_text(card_path, error=DescriptorError)
        card, body = front_matter(text, source=str(card_path))
        data = _card_mapping(card or {}, source=source or str(card_path), body=body, path=card_path, repo_id=repo_id)
        if card is None:
            _warn(data, _NO_FRONT_MATTER)
    else:
        card = None
        data = _card_mapping({}, source=where, path=None, repo_id=repo_id or folder.absolute().name)
        _warn(data, f"the snapshot has no {_CARD} (no model card)")
    files = _Files(names=tuple(n for n in names if n != _CARD), source=where, where="snapshot")
    components = data["components"]
    components["weights"] = _weights_from_files(components.get("weights"), card or {}, files)
    return descriptor_from_mapping(data, source=where, checked=False)


def read(path_or_text: str | Path, *, source: str | None = None) -> Descriptor:
    """Read a Hugging Face model card, or a downloaded snapshot, into a partial descriptor.

    A string holding a newline is the card's text; otherwise it is a path: a card (``README.md``),
    or a folder as ``snapshot_download`` lays it out (the card with the repository's files). From
    a card alone the weights' access stays unknown unless the card configures a gate; a snapshot's
    weight files (:data:`WEIGHT_SUFFIXES`) make it ``public`` when the card configures no gate
    (``gated`` when it does), and their absence leaves it unknown with a note. ``source`` (for
    example the card's URL) becomes the source of every fact; it defaults to the path given.
    Broken YAML raises :class:`openness.DescriptorError` naming the file and line. A card
    without front matter states nothing, and ``descriptor.extra["warnings"]`` says so.
    """
    path: Path | None = None
    if isinstance(path_or_text, str) and "\n" in path_or_text:
        text, where = path_or_text, source or "<model card>"
    else:
        path = Path(path_or_text)
        if path.is_dir():
            return _read_snapshot(path, source)
        where = source or str(path)
        text = read_text(path, error=DescriptorError)
    card, body = front_matter(text, source=str(path) if path is not None else where)
    data = _card_mapping(card or {}, source=where, body=body, path=path)
    if card is None:
        _warn(data, _NO_FRONT_MATTER)
    return descriptor_from_mapping(data, source=where)


def fetch(repo_id: str, revision: str | None = None) -> Descriptor:
    """Read a model from the Hugging Face Hub: ``fetch("allenai/OLMo-7B")``, or ``"hf:ORG/NAME@REVISION"``.

    Reads the model info (``gated``, the repository's files, tags, the revision's commit) and the
    card (``README.md``) at that commit, through ``huggingface_hub`` (the ``hf`` extra), whose
    settings apply (``HF_TOKEN``, ``HF_ENDPOINT``, ``HF_HOME``; with ``HF_HUB_OFFLINE=1`` the
    cache is read instead). Every fact cites the Hub at the pinned commit: the card's facts
    ``.../blob/SHA/README.md``, the files' ``.../tree/SHA``. Weight files make the weights
    ``public``, or ``gated`` when the Hub gates the repository; without any, access stays unknown
    with a note. Any failure (no such repository or revision, a gate without a token, no network,
    a rate limit) is a :class:`openness.DescriptorError` of one line naming ``hf:ORG/NAME``.
    """
    repo, pinned = _hub.parse_id(repo_id)
    if revision is not None and pinned is not None:
        message = "give the revision once: in the id (@REVISION) or as revision="
        raise DescriptorError([Problem(message=message, source=f"hf:{repo_id.removeprefix('hf:')}")])
    model = _hub.download(repo, revision or pinned)
    name = f"hf:{repo}" + (f"@{model.revision}" if model.revision else "")
    card_url = model.blob_url(_CARD)
    card, body = front_matter(model.card or "", source=card_url)
    data = _card_mapping(
        card or {},
        source=card_url if model.card is not None else model.tree_url,
        body=body,
        repo_id=repo,
        hub=model.endpoint,
    )
    info = data["model"]
    info["sources"] = list(dict.fromkeys([*info["sources"], model.tree_url]))
    info["organisation"] = repo.split("/")[0]
    info["homepage"] = model.page
    if model.retrieved:
        info["checked"] = model.retrieved
    if "modalities" not in info and model.pipeline_tag in PIPELINE_MODALITIES:
        info["modalities"] = list(PIPELINE_MODALITIES[model.pipeline_tag])
    info.setdefault("extra", {})["hub"] = {
        "repo": repo,
        "revision": model.revision or "main",
        "sha": model.sha,
        **({"pipeline_tag": model.pipeline_tag} if model.pipeline_tag else {}),
    }
    components = data["components"]
    hub_papers = _preprint([t for t in model.tags if t.lower().startswith("arxiv:")], [model.tree_url])
    if "preprint" not in components and hub_papers is not None:
        components["preprint"] = hub_papers
    if model.card is None:
        _warn(data, f"the repository has no {_CARD} (no model card)")
    elif card is None:
        _warn(data, _NO_FRONT_MATTER)
    if model.offline:
        _warn(
            data,
            "read offline from the Hub cache, which does not hold the model info: the repository's files "
            "and gate are not known",
        )
    else:
        files = _Files(names=tuple(model.files), source=model.tree_url, gated=model.gated)
        components["weights"] = _weights_from_files(components.get("weights"), card or {}, files)
    return descriptor_from_mapping(data, source=name)
