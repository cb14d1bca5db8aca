"""Models on the Hugging Face Hub by id (``hf:ORG/NAME[@REVISION]``), fetched from a local stand-in of the Hub.

Nothing here reaches the internet: ``hub`` starts :class:`hub_server.HubServer` on 127.0.0.1 and points
``huggingface_hub`` at it (``constants.ENDPOINT``, the URL template made from it, and a temporary ``HF_HOME``
in this process; ``HF_ENDPOINT`` and ``HF_HOME`` for the command line). The recorded answers and where their
shapes come from are described in ``tests/hub_server.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_server import HubServer, Repo

import openness
from openness.importers import hf

SHA_MAIN = "a" * 40
SHA_V1 = "b" * 40
CARD_OPEN = b"""---
license: apache-2.0
datasets:
- allenai/dolma
pipeline_tag: text-generation
tags:
- arxiv:2402.00838
---
# Example Open 7B
"""
CARD_OPEN_V1 = b"---\nlicense: mit\n---\n# Example Open 7B (first release)\n"
CARD_GATED = b"""---
license: llama3.1
extra_gated_prompt: You agree to the Llama 3.1 Community License.
---
# Example Gated 8B
"""
CARD_TUNED = b"---\nlicense: apache-2.0\nbase_model: example-org/open-7b\n---\n# Example Tuned 7B\n"
WEIGHTS = {"config.json": b"{}", "model.safetensors": b"\0" * 8}
INFO = {"lastModified": "2024-02-01T00:00:00.000Z", "private": False, "disabled": False, "gated": False}


def _repos() -> list[Repo]:
    return [
        Repo(
            repo_id="example-org/open-7b",
            commits={SHA_MAIN: {"README.md": CARD_OPEN, **WEIGHTS}, SHA_V1: {"README.md": CARD_OPEN_V1, **WEIGHTS}},
            refs={"main": SHA_MAIN, "v1": SHA_V1},
            info={
                **INFO,
                "library_name": "transformers",
                "pipeline_tag": "text-generation",
                "tags": ["arxiv:2402.00838"],
            },
        ),
        Repo(
            repo_id="example-org/gated-8b",
            commits={SHA_MAIN: {"README.md": CARD_GATED, **WEIGHTS}},
            refs={"main": SHA_MAIN},
            info={**INFO, "gated": "manual"},
        ),
        Repo(
            repo_id="example-org/locked",
            commits={SHA_MAIN: {"README.md": CARD_GATED, **WEIGHTS}},
            refs={"main": SHA_MAIN},
            info={**INFO, "gated": "auto"},
            gated_files=True,
        ),
        Repo(
            repo_id="example-org/tuned-7b",
            commits={SHA_MAIN: {"README.md": CARD_TUNED, "adapter_config.json": b"{}"}},
            refs={"main": SHA_MAIN},
            info=INFO,
        ),
        Repo(
            repo_id="example-org/busy",
            commits={SHA_MAIN: {"README.md": CARD_OPEN}},
            refs={"main": SHA_MAIN},
            info=INFO,
            rate_limited=True,
        ),
    ]


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubServer]:
    """The local Hub, with huggingface_hub pointed at it and a fresh cache."""
    from huggingface_hub import constants, file_download

    server = HubServer(_repos())
    monkeypatch.setattr(constants, "ENDPOINT", server.url)
    template = server.url + "/{repo_id}/resolve/{revision}/{filename}"
    monkeypatch.setattr(constants, "HUGGINGFACE_CO_URL_TEMPLATE", template)
    # Versions before 1.0 read the template under its own name in file_download, as imported.
    monkeypatch.setattr(file_download, "HUGGINGFACE_CO_URL_TEMPLATE", template, raising=False)
    monkeypatch.setattr(constants, "HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf-home" / "hub"))
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    try:
        yield server
    finally:
        server.stop()


def test_public_model_cites_the_hub_at_its_commit(hub: HubServer) -> None:
    """A public repository with weights: public weights, every fact citing the Hub at the commit's sha."""
    descriptor = hf.fetch("example-org/open-7b")
    card_url = f"{hub.url}/example-org/open-7b/blob/{SHA_MAIN}/README.md"
    tree_url = f"{hub.url}/example-org/open-7b/tree/{SHA_MAIN}"
    assert (descriptor.model.id, descriptor.model.name) == ("example-org--open-7b", "Example Open 7B")
    assert descriptor.model.sources == (card_url, tree_url)
    assert descriptor.model.organisation == "example-org"
    assert descriptor.model.homepage == f"{hub.url}/example-org/open-7b"
    assert descriptor.model.modalities == ("text",)
    assert descriptor.model.extra["hub"] == {
        "repo": "example-org/open-7b",
        "revision": "main",
        "sha": SHA_MAIN,
        "pipeline_tag": "text-generation",
    }
    weights = descriptor.components["weights"]
    assert (weights.access, weights.licence) == ("public", "apache-2.0")
    assert weights.sources == (card_url, tree_url)
    assert weights.extra["files"] == {"weights": ["model.safetensors"], "gated": False}
    data = descriptor.components["training-data"]
    assert data.sources == (card_url, f"{hub.url}/datasets/allenai/dolma")
    assert descriptor.components["preprint"].url == "https://arxiv.org/abs/2402.00838"
    report = openness.score(descriptor, "osaid-1.0")
    assert report.result("parameters").grade == "open"


def test_revision_pin_resolves_to_its_commit(hub: HubServer) -> None:
    """``@REVISION`` reads that revision's commit: its card, and URLs carrying its sha."""
    descriptor = openness.load_descriptor("hf:example-org/open-7b@v1")
    assert descriptor.model.extra["hub"]["sha"] == SHA_V1
    assert descriptor.model.extra["hub"]["revision"] == "v1"
    assert descriptor.components["weights"].licence == "mit"
    assert descriptor.model.name == "Example Open 7B (first release)"
    assert all(SHA_V1 in url for url in descriptor.components["weights"].sources)
    assert descriptor.source == "hf:example-org/open-7b@v1"
    assert hf.fetch("example-org/open-7b", revision=SHA_V1).components["weights"].licence == "mit"


def test_gated_model(hub: HubServer) -> None:
    """A repository the Hub gates (``gated: manual``) gives gated weights."""
    weights = hf.fetch("hf:example-org/gated-8b").components["weights"]
    assert weights.access == "gated"
    assert weights.notes is not None
    assert "The Hub gates the repository (gated: manual)" in weights.notes


def test_fine_tune_without_weights(hub: HubServer) -> None:
    """``base_model`` is read into the model's base model; no weight files leave access unknown, with a note."""
    descriptor = hf.fetch("example-org/tuned-7b")
    assert descriptor.model.base_model == "example-org/open-7b"
    weights = descriptor.components["weights"]
    assert (weights.access, weights.licence) == (None, "apache-2.0")
    assert weights.notes is not None
    assert "No weights in this repository" in weights.notes
    assert weights.extra["files"] == {"weights": [], "gated": False}


def test_offline_reads_the_cache(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fetched once online, a model is read again offline (HF_HUB_OFFLINE) from the cache, the same."""
    import huggingface_hub.constants

    online = hf.fetch("example-org/open-7b")
    hub.stop()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    offline = hf.fetch("example-org/open-7b")
    assert offline == online
    with pytest.raises(openness.DescriptorError) as caught:
        hf.fetch("example-org/gated-8b")
    assert caught.value.lines() == [
        "hf:example-org/gated-8b: not in the Hub cache, and HF_HUB_OFFLINE is set (fetch it once online)"
    ]


@pytest.mark.parametrize(
    ("model_id", "message"),
    [
        (
            "example-org/missing",
            "hf:example-org/missing: no such model repository on the Hub "
            "(or it is private and no token with access is set)",
        ),
        (
            "example-org/locked",
            "hf:example-org/locked: the repository is gated: accept its conditions on the Hub, "
            "then set HF_TOKEN (or hf auth login)",
        ),
        (
            "example-org/open-7b@v9",
            "hf:example-org/open-7b@v9: no such revision (branch, tag or commit) in the repository",
        ),
        (
            "example-org/busy",
            "hf:example-org/busy: the Hub refused the request: rate limited (HTTP 429); "
            "wait and retry, or set HF_TOKEN",
        ),
        ("example-org", "hf:example-org: expected a Hugging Face model id hf:ORG/NAME or hf:ORG/NAME@REVISION"),
    ],
)
def test_errors_are_one_line(hub: HubServer, model_id: str, message: str) -> None:
    """No repository, a gate without a token, no revision, a rate limit, a bad id: one line naming the model."""
    with pytest.raises(openness.DescriptorError) as caught:
        hf.fetch(model_id)
    assert caught.value.lines() == [message]


def test_network_failure(hub: HubServer) -> None:
    """With the Hub unreachable (the server stopped) and nothing cached, the error says so in one line."""
    hub.stop()
    with pytest.raises(openness.DescriptorError) as caught:
        hf.fetch("example-org/open-7b")
    # 1.0 and later name the transport's error; earlier versions report a missing cache entry.
    assert caught.value.lines()[0] in {
        "hf:example-org/open-7b: the Hub cannot be reached (ConnectError)",
        "hf:example-org/open-7b: the Hub cannot be reached (ConnectionError)",
    }


def test_score_many_and_compare_take_hub_ids(hub: HubServer) -> None:
    """``score_many``, ``score`` and ``compare`` read ``hf:`` ids where they read catalogue ids."""
    reports = list(openness.score_many(["hf:example-org/open-7b", "olmo-7b"], "osaid-1.0"))
    assert [r.model["id"] for r in reports] == ["example-org--open-7b", "olmo-7b"]
    assert openness.score("hf:example-org/gated-8b", "osaid-1.0").result("parameters").grade == "partial"
    comparison = openness.compare(["hf:example-org/open-7b", "olmo-7b"], "osaid-1.0")
    assert "example-org--open-7b" in comparison.to_text()


def _cli(hub: HubServer, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_ENDPOINT": hub.url, "HF_HOME": str(tmp_path / "hf-cli"), "HF_HUB_DISABLE_TELEMETRY": "1"}
    env.pop("HF_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "openness", *args], capture_output=True, text=True, env=env, check=False, timeout=120
    )


def test_command_line(hub: HubServer, tmp_path: Path) -> None:
    """``openness score`` and ``check`` take hf: ids; a missing repository exits 2 with one line, no traceback."""
    scored = _cli(hub, tmp_path, "score", "hf:example-org/open-7b", "--rubric", "osaid-1.0", "--format", "json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["model"]["id"] == "example-org--open-7b"
    checked = _cli(
        hub, tmp_path, "check", "hf:example-org/gated-8b", "--rubric", "osaid-1.0", "--require", "open-source-ai"
    )
    assert checked.returncode == 1, checked.stderr
    missing = _cli(hub, tmp_path, "score", "hf:example-org/missing")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == (
        "openness: hf:example-org/missing: no such model repository on the Hub "
        "(or it is private and no token with access is set)\n"
    )
