"""The catalogue of real models: every descriptor valid, every fact sourced from a primary source."""

from __future__ import annotations

import collections
import datetime
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import openness
from openness import Descriptor, DescriptorError, catalogue

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CATALOGUE_DIR = Path(openness.__file__).resolve().parent / "catalogue"

#: Hosts that copy, summarise or index other people's pages. A fact must cite the page that states it
#: (the publisher, the model card, the repository, the paper on arxiv.org), never one of these.
DENIED_HOSTS = frozenset(
    {
        # mirrors and re-renderings of arXiv and of Hugging Face
        "web3.arxiv.org",
        "arcxiv.org",
        "alphaxiv.org",
        "yiyibooks.cn",
        "hf-mirror.com",
        "hf.qhduan.com",
        "fast.hugflare.com",
        # bibliographic indexes and paper aggregators
        "ui.adsabs.harvard.edu",
        "nfdi-search.nliwod.org",
        "catalyzex.com",
        "pith.science",
        "liner.com",
        "emergentmind.com",
        "scilynk.com",
        "chatpaper.ai",
        "chatpaper.com",
        "arxiver.lazybrains.com",
        "yourpaperiswrong.com",
        "wiki.golden.com",
        # blogs, news and link aggregators, model resellers
        "lephongphu.site",
        "openrouter.ai",
        "eu.36kr.com",
        "roipad.com",
        "particle.news",
        "aussie.zone",
        "aihola.com",
        "kweel.github.io",
        "community.cdmhub.org",
    }
)
#: Paths on otherwise primary hosts that only aggregate (Hugging Face's paper pages copy arXiv abstracts).
DENIED_PREFIXES = ("https://huggingface.co/papers/",)


def _denied(url: str) -> bool:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return any(host == denied or host.endswith("." + denied) for denied in DENIED_HOSTS) or url.startswith(
        DENIED_PREFIXES
    )


def _urls(descriptor: Descriptor) -> Iterator[tuple[str, str]]:
    """Every URL a descriptor states, with the key path it sits at."""
    model = descriptor.model
    yield from ((f"model.sources[{i}]", url) for i, url in enumerate(model.sources))
    if model.homepage:
        yield "model.homepage", model.homepage
    for key, component in descriptor.components.items():
        yield from ((f"components.{key}.sources[{i}]", url) for i, url in enumerate(component.sources))
        if component.url:
            yield f"components.{key}.url", component.url
    for assessor, parameters in descriptor.assessments.items():
        for parameter, assessment in parameters.items():
            links = [assessment.link] if isinstance(assessment.link, str) else list(assessment.link or ())
            yield from ((f"assessments.{assessor}.{parameter}.link", url) for url in links)


def test_catalogue_covers_the_issue_models() -> None:
    """The models this branch is responsible for are all in the catalogue."""
    expected = {
        "apple-fastvlm",
        "apple-mobileclip2",
        "bloom",
        "deepseek-r1",
        "deepseek-v3",
        "falcon-40b",
        "gemma-2-9b",
        "gpt-oss-120b",
        "gpt-oss-20b",
        "grok-1",
        "llama-3.1-8b",
        "mistral-7b",
        "olmo-7b",
        "phi-2",
        "phi-3-mini",
        "pythia-12b",
        "qwen2.5-7b",
        "smollm-1.7b",
        "starcoder2-15b",
    }
    assert expected <= set(catalogue.ids())


def test_ids_are_the_toml_files() -> None:
    """ids() lists exactly the TOML files of the catalogue folder."""
    assert catalogue.ids() == sorted(path.stem for path in CATALOGUE_DIR.glob("*.toml"))


@pytest.mark.parametrize("path", sorted(CATALOGUE_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_file_name_is_the_model_id(path: Path) -> None:
    """The id written in each file equals its file name, so load(id) finds the model it names."""
    with path.open("rb") as stream:
        assert tomllib.load(stream)["model"]["id"] == path.stem


def test_no_two_descriptors_share_an_id() -> None:
    """Model ids are unique across the catalogue."""
    counts = collections.Counter(d.id for d in catalogue.all())
    assert [model_id for model_id, count in counts.items() if count > 1] == []


@pytest.mark.parametrize("model_id", catalogue.ids())
def test_descriptor_is_valid_and_dated(model_id: str) -> None:
    """Each descriptor loads, round-trips, and says on which day its facts were checked."""
    descriptor = catalogue.load(model_id)
    assert descriptor.id == model_id
    assert openness.load_descriptor(descriptor.to_dict()) == descriptor
    assert descriptor.model.checked is not None
    today = datetime.datetime.now(tz=datetime.timezone.utc).date()
    assert datetime.date.fromisoformat(descriptor.model.checked) <= today
    assert descriptor.model.sources, "the model's identity facts need sources"


@pytest.mark.parametrize("model_id", catalogue.ids())
def test_every_component_has_its_own_sources(model_id: str) -> None:
    """Every component cites where its facts come from; an unsure one says why."""
    for key, component in catalogue.load(model_id).components.items():
        assert component.sources, f"components.{key} has no sources"
        if component.unsure:
            assert component.notes, f"components.{key} is marked unsure without a note saying why"


@pytest.mark.parametrize("model_id", catalogue.ids())
def test_every_url_is_https_and_primary(model_id: str) -> None:
    """Every URL is https and none points at a known mirror or aggregator."""
    bad = [(where, url) for where, url in _urls(catalogue.load(model_id)) if not url.startswith("https://")]
    denied = [(where, url) for where, url in _urls(catalogue.load(model_id)) if _denied(url)]
    assert bad == []
    assert denied == []


@pytest.mark.parametrize(
    ("url", "denied"),
    [
        ("https://web3.arxiv.org/abs/2508.10925", True),
        ("https://www.catalyzex.com/author/x", True),
        ("https://sub.roipad.com/page", True),
        ("https://huggingface.co/papers/2304.01373", True),
        ("https://arxiv.org/abs/2508.10925", False),
        ("https://huggingface.co/openai/gpt-oss-20b", False),
        ("https://notroipad.com/page", False),
    ],
)
def test_deny_list_matching(url: str, denied: bool) -> None:
    """The deny-list matches a host and its subdomains, and nothing else."""
    assert _denied(url) is denied


@pytest.mark.parametrize("model_id", catalogue.ids())
def test_licences_in_catalogue_are_all_recognised(model_id: str) -> None:
    """Every licence string in the catalogue reads without warnings."""
    for key, component in catalogue.load(model_id).components.items():
        if component.licence is not None:
            reading = openness.licences.read(component.licence)
            assert reading.known, (key, reading.warnings)


def _reports() -> Iterator[openness.Report]:
    rubrics = [openness.load_rubric(rubric_id) for rubric_id in openness.list_rubrics()]
    for descriptor in catalogue.all():
        for rubric in rubrics:
            yield openness.score(descriptor, rubric)


def test_unsure_facts_are_shown_in_every_report_format() -> None:
    """A criterion resting on a fact marked unsure says so in text, Markdown and HTML; a sure one does not."""
    unsure_seen = 0
    for report in _reports():
        text_lines = report.to_text().splitlines()
        markdown_lines = report.to_markdown().splitlines()
        html_rows = report.to_html().split("<tr>")
        for result in report.results:
            head = next(line for line in text_lines if line.startswith(f"  {result.criterion}: "))
            row = next(line for line in markdown_lines if f"(`{result.criterion}`)" in line)
            cell = next(part for part in html_rows if f"<code>{result.criterion}</code>" in part)
            where = (report.model["id"], report.rubric["id"], result.criterion)
            assert head.endswith(" [unsure facts]") is result.unsure, where
            if result.unsure:
                unsure_seen += 1
                assert "marked unsure" in row, where
                assert "marked unsure" in cell, where
    assert unsure_seen > 0, "no catalogue fact marked unsure reached a report, so this test proved nothing"


def test_search_and_all() -> None:
    """search() matches id, name or organisation; all() returns every descriptor."""
    assert [d.id for d in catalogue.search("OLMO")] == ["olmo-7b"]
    assert [d.id for d in catalogue.search("apple")] == ["apple-fastvlm", "apple-mobileclip2"]
    assert [d.id for d in catalogue.all()] == catalogue.ids()


def test_unknown_id() -> None:
    """An unknown catalogue id is a DescriptorError with a suggestion."""
    with pytest.raises(DescriptorError, match=r"no catalogue model 'olmo' \(did you mean 'olmo-7b'\?\)"):
        catalogue.load("olmo")
