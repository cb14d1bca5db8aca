"""Hugging Face model cards: front matter into a partial descriptor, facts sourced to the card."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import openness
from openness._errors import install_hint
from openness.importers import hf

CARDS = Path(__file__).resolve().parent / "data" / "model-cards"


def _card_keys(path: Path) -> set[str]:
    card, _ = hf.front_matter(path.read_text(encoding="utf-8"))
    assert card is not None
    return set(card)


def _kept_keys(descriptor: openness.Descriptor) -> set[str]:
    """Every front-matter key the descriptor keeps, structured or verbatim."""
    kept = set(descriptor.extra.get("model-card", {}))
    kept |= set(descriptor.model.extra.get("model-card", {}))
    if descriptor.model.base_model is not None:
        kept.add("base_model")
    if descriptor.model.base_model_relation is not None:
        kept.add("base_model_relation")
    for component in descriptor.components.values():
        kept |= set(component.extra.get("model-card", {}))
    return kept


def test_licensed_card_becomes_sourced_facts() -> None:
    """The licence, datasets, base model and arXiv tags of a card become facts whose source is the card."""
    path = CARDS / "olmo-like" / "README.md"
    descriptor = hf.read(path)
    source = str(path)
    assert descriptor.model.id == "example-open-7b"
    assert descriptor.model.name == "Example Open 7B"
    assert descriptor.model.base_model == "example-org/example-base-7b"
    assert descriptor.model.sources == (source,)
    weights = descriptor.components["weights"]
    assert (weights.licence, weights.access, weights.sources) == ("apache-2.0", None, (source,))
    data = descriptor.components["training-data"]
    assert data.extra == {"model-card": {"datasets": ["example-org/example-corpus"]}}
    assert data.url == "https://huggingface.co/datasets/example-org/example-corpus"
    assert (data.access, data.coverage, data.licence) == (None, None, None)
    preprint = descriptor.components["preprint"]
    assert (preprint.access, preprint.url) == ("public", "https://arxiv.org/abs/2402.00838")
    assert descriptor.extra["model-card"]["library_name"] == "transformers"
    assert descriptor.extra["model-card"]["pipeline_tag"] == "text-generation"
    assert descriptor.extra["model-card"]["last_checked"] == "2026-11-23"
    assert _kept_keys(descriptor) == _card_keys(path)


def test_report_says_what_the_card_does_not_state() -> None:
    """Facts a card leaves out stay unknown: the report lists them instead of guessing.

    The card's base model is not a catalogue id, so what its licence passes down to the weights is
    unknown too: the effective licence stays open (unknown is not closed), and the report says why.
    """
    report = openness.score(hf.read(CARDS / "olmo-like" / "README.md"), "openness-default")
    weights = report.result("weights")
    assert weights.grade == "closed"
    assert weights.unknown == ("components.weights.access", "model.base-model")
    text = report.to_text()
    assert "Unknown facts: components.weights.access, model.base-model" in text
    assert (
        "* model.base-model = example-org/example-base-7b (not resolved: the terms it passes down are unknown)"
    ) in text
    assert report.result("code-access").unknown == ("components.training-code", "components.inference-code")


def test_gated_card() -> None:
    """Gate fields make the weights gated; the prompt and form fields are kept, the EU exclusion noted."""
    path = CARDS / "gated" / "README.md"
    descriptor = hf.read(path, source="https://huggingface.co/example/gated")
    weights = descriptor.components["weights"]
    assert (weights.access, weights.licence) == ("gated", "llama3.1")
    assert weights.sources == ("https://huggingface.co/example/gated",)
    assert descriptor.model.sources == ("https://huggingface.co/example/gated",)
    assert weights.extra["model-card"]["extra_gated_fields"]["Country"] == "country"
    assert weights.notes is not None
    assert "European Union" in weights.notes
    assert _kept_keys(descriptor) == _card_keys(path)
    report = openness.score(descriptor, "openness-default")
    assert report.result("weights").grade == "partial"


def test_other_licence_uses_license_name() -> None:
    """`license: other` with `license_name` reads the named licence; a list of base models becomes the lineage."""
    path = CARDS / "other-licence" / "README.md"
    descriptor = hf.read(path)
    weights = descriptor.components["weights"]
    assert weights.licence == "mrl"
    assert weights.extra["model-card"]["license_link"] == "https://mistral.ai/licenses/MRL-0.1.md"
    assert descriptor.model.base_model == ("example-org/base-a", "example-org/base-b")
    assert descriptor.model.bases == ("example-org/base-a", "example-org/base-b")
    assert descriptor.extra["model-card"] == {"inference": False}
    assert _kept_keys(descriptor) == _card_keys(path)
    reading = openness.licences.read(weights.licence)
    assert reading.expression == "LicenseRef-Mistral-MRL-0.1"


def test_card_without_front_matter_states_nothing() -> None:
    """A card without front matter gives a descriptor with no facts; every criterion is unknown."""
    descriptor = hf.read(CARDS / "bare" / "README.md")
    assert descriptor.model.id == "bare"
    assert descriptor.model.name == "A model card without front matter"
    assert descriptor.components == {}
    assert descriptor.extra == {
        "warnings": ["the model card has no YAML front matter: it states no licence, gate, datasets or base model"]
    }
    report = openness.score(descriptor, "osaid-1.0")
    assert report.score == 0
    assert all(result.unknown for result in report.results)
    assert report.warnings == tuple(descriptor.extra["warnings"])  # the report says nothing was read
    assert "no YAML front matter" in report.to_text()


def test_broken_yaml_names_file_and_line() -> None:
    """Broken YAML raises DescriptorError naming the file, the line and column in the file."""
    path = CARDS / "broken" / "README.md"
    with pytest.raises(openness.DescriptorError) as caught:
        hf.read(path)
    assert caught.value.lines() == [
        f"{path}:4:5: invalid YAML in the front matter: while parsing a flow sequence (from line 3), "
        "did not find expected ',' or ']'"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\nlicense: mit\n", "<model card>:1: the front matter opened on line 1 is never closed by '---'"),
        ("---\n- a\n- b\n---\n", "<model card>:2: the front matter must be a YAML mapping, got list"),
        ("---\nlicense: [mit\n---\n", "<model card>:3:1: invalid YAML in the front matter"),
    ],
)
def test_bad_front_matter(text: str, message: str) -> None:
    """Unclosed, non-mapping or broken front matter is an error naming the line."""
    with pytest.raises(openness.DescriptorError) as caught:
        hf.read(text)
    assert str(caught.value).startswith(message)


def test_card_text_and_empty_front_matter() -> None:
    """Card text (a string with newlines) is read too; empty front matter states nothing."""
    descriptor = hf.read("---\n---\n# Tiny\n", source="https://huggingface.co/me/tiny")
    assert (descriptor.model.id, descriptor.model.name) == ("tiny", "Tiny")
    assert descriptor.model.sources == ("https://huggingface.co/me/tiny",)
    assert descriptor.components == {}


def test_several_licences_stay_unknown() -> None:
    """A list of licences is kept verbatim but not guessed into an expression."""
    descriptor = hf.read("---\nlicense: [mit, apache-2.0]\n---\n")
    weights = descriptor.components["weights"]
    assert weights.licence is None
    assert weights.extra == {"model-card": {"license": ["mit", "apache-2.0"]}}


def test_missing_file_and_non_utf8(tmp_path: Path) -> None:
    """An unreadable card is a DescriptorError naming the file."""
    with pytest.raises(openness.DescriptorError, match="cannot read file"):
        hf.read(tmp_path / "README.md")
    path = tmp_path / "card.md"
    path.write_bytes(b"---\nlicense: \xff\n---\n")
    with pytest.raises(openness.DescriptorError, match=r"card\.md: not UTF-8 text \(byte 13\)"):
        hf.read(path)


def test_missing_pyyaml_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PyYAML, reading a card raises ImportError naming the import extra."""
    monkeypatch.setitem(sys.modules, "yaml", None)
    with pytest.raises(
        ImportError,
        match=re.escape(install_hint("import")),
    ):
        hf.read("---\nlicense: mit\n---\n")


_KEYS = st.sampled_from(
    ["license", "license_name", "license_link", "datasets", "base_model", "gated", "extra_gated_prompt", "tags"]
) | st.from_regex(r"[a-z][a-z_-]{0,12}", fullmatch=True)
_SCALARS = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.dates())
_VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, max_size=3))


@given(st.dictionaries(_KEYS, _VALUES, max_size=8))
def test_property_nothing_is_dropped(card: dict[str, Any]) -> None:
    """Whatever the front matter holds, the descriptor loads and keeps every key, structured or verbatim."""
    text = "---\n" + yaml.safe_dump(card, sort_keys=False) + "---\n"
    descriptor = hf.read(text)
    assert _kept_keys(descriptor) == set(card)
    assert openness.load_descriptor(descriptor.to_dict()) == descriptor


def test_docstring_example_runs() -> None:
    """The example in the module docstring runs."""
    import doctest

    result = doctest.testmod(hf)
    assert (result.attempted, result.failed) == (4, 0)


def test_keys_that_state_nothing_stay_in_extra() -> None:
    """`gated: false` and an unusable licence state no fact: no weights component, the keys kept in extra."""
    descriptor = hf.read("---\ngated: false\nlicense: ''\nlicense_link: LICENSE\n---\n")
    assert "weights" not in descriptor.components
    assert descriptor.extra == {"model-card": {"gated": False, "license": "", "license_link": "LICENSE"}}


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("falcon-180b", "Falcon-180B"),  # an emoji before the title
        ("llama-guard-3-8b", "llama-guard-3-8b"),  # opens with "Model Details": no title, the folder names it
        ("gpt-oss-20b", "gpt-oss-20b"),  # a shell comment in a fence and HTML come first; then "Highlights"
        ("olmo-7b", "OLMo 7B"),  # "Model Card for OLMo 7B"
    ],
)
def test_name_from_the_first_heading_outside_code_and_html(folder: str, name: str) -> None:
    """The name is the first heading outside fences, HTML and comments, unless it is a generic section title."""
    assert hf.read(CARDS / folder / "README.md").model.name == name


def test_licence_named_by_the_gate_text() -> None:
    """`license: unknown` with a gate prompt linking a known licence reads that licence (Falcon-180B's card)."""
    weights = hf.read(CARDS / "falcon-180b" / "README.md").components["weights"]
    assert weights.licence == "Falcon-180B TII license"
    assert openness.licences.read(weights.licence).expression == "LicenseRef-Falcon-180B-TII-1.0"
    assert weights.notes is not None
    assert "The card says license: unknown; its gate text names the Falcon-180B TII license." in weights.notes
    assert weights.access == "gated"


def test_license_name_read_for_unknown() -> None:
    """`license_name` names the licence when `license` is `unknown`, as for `other`; alone, `other` stays."""
    assert hf.read("---\nlicense: unknown\nlicense_name: mrl\n---\n").components["weights"].licence == "mrl"
    assert hf.read("---\nlicense: other\n---\n").components["weights"].licence == "other"


def test_datasets_cite_their_hub_pages() -> None:
    """Each listed dataset's Hub page is a source of the training-data facts."""
    data = hf.read(CARDS / "falcon-180b" / "README.md", source="https://huggingface.co/tiiuae/falcon-180B")
    assert data.components["training-data"].sources == (
        "https://huggingface.co/tiiuae/falcon-180B",
        "https://huggingface.co/datasets/tiiuae/falcon-refinedweb",
    )


@pytest.mark.parametrize(
    ("tag", "modalities"),
    [
        ("text-generation", ("text",)),
        ("image-classification", ("image",)),
        ("automatic-speech-recognition", ("audio", "text")),
        ("text-to-image", ("text", "image")),
        ("no-such-task", ()),
    ],
)
def test_pipeline_tag_gives_modalities(tag: str, modalities: tuple[str, ...]) -> None:
    """`pipeline_tag` gives the model's modalities by a fixed table; an unknown task gives none."""
    assert hf.read(f"---\npipeline_tag: {tag}\n---\n").model.modalities == modalities
    assert set(hf.PIPELINE_MODALITIES.get(tag, ())) == set(modalities)


def test_pipeline_modalities_are_in_the_vocabulary() -> None:
    """Every modality the table gives is one the descriptor format knows."""
    from typing import get_args

    from openness._reading.vocabulary import Modality

    assert {m for ms in hf.PIPELINE_MODALITIES.values() for m in ms} <= set(get_args(Modality))


def _snapshot(folder: Path, card: str, files: list[str]) -> Path:
    folder.mkdir(parents=True)
    (folder / "README.md").write_text(card, encoding="utf-8")
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"\0")
    return folder


def test_snapshot_with_open_weights_grades_parameters_open(tmp_path: Path) -> None:
    """A snapshot with Apache-2.0 weights and no gate: public weights, parameters open under osaid-1.0."""
    folder = _snapshot(
        tmp_path / "models--example-org--open-7b" / "snapshots" / ("c" * 40),
        "---\nlicense: apache-2.0\n---\n",
        ["config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "training_args.bin"],
    )
    descriptor = hf.read(folder)
    weights = descriptor.components["weights"]
    assert (weights.access, weights.licence) == ("public", "apache-2.0")
    assert weights.extra["files"] == {
        "weights": ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
    }
    assert weights.notes is not None
    assert "cannot show whether the Hub gates the repository" in weights.notes
    assert (descriptor.model.id, descriptor.model.name) == ("example-org--open-7b", "example-org/open-7b")
    assert openness.score(descriptor, "osaid-1.0").result("parameters").grade == "open"


def test_snapshot_gate_and_no_weights(tmp_path: Path) -> None:
    """A snapshot whose card configures a gate gives gated weights; one without weight files leaves access unknown."""
    gated = _snapshot(tmp_path / "gated", "---\nlicense: llama3.1\ngated: manual\n---\n", ["model.gguf"])
    assert hf.read(gated).components["weights"].access == "gated"
    bare = _snapshot(tmp_path / "bare", "---\nlicense: mit\n---\n# Bare\n", ["config.json"])
    weights = hf.read(bare).components["weights"]
    assert (weights.access, weights.licence) == (None, "mit")
    assert weights.notes is not None
    assert "No weights in this snapshot" in weights.notes
    assert hf.read(bare / "README.md").components["weights"].access is None  # the card alone: unknown


def test_snapshot_without_card(tmp_path: Path) -> None:
    """A folder without README.md still reads its weight files, and warns that it has no card."""
    folder = tmp_path / "weights-only"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"\0")
    descriptor = hf.read(folder)
    assert descriptor.components["weights"].access == "public"
    assert descriptor.extra["warnings"] == ["the snapshot has no README.md (no model card)"]
