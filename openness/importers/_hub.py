"""The Hugging Face Hub, read through ``huggingface_hub`` (the ``hf`` extra): a model's info and its card.

:func:`download` returns what :func:`openness.importers.hf.fetch` turns into a descriptor: the model
info the Hub API gives (``gated``, the files, tags, ``pipeline_tag``, the commit sha) and the text of
``README.md`` at that commit. The client's own settings apply: ``HF_ENDPOINT``, ``HF_HOME`` (the
cache), ``HF_TOKEN`` and ``HF_HUB_OFFLINE``. ``huggingface_hub`` caches files but not the model
info, so each online fetch also writes the fields read here to
``$HF_HOME/openness/model-info/ORG--NAME/SHA.json``; offline, the card comes from the Hub cache and
the info from that record. Every failure becomes one :class:`openness.DescriptorError` naming
``hf:ORG/NAME`` (:func:`_hub_error`, the one place the client's errors are mapped).
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import attrs

from openness._errors import DescriptorError, Problem, install_hint

__all__ = ["HubModel", "download", "parse_id"]

_REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")

_CARD = "README.md"
_RECORD_FORMAT = 1


@attrs.frozen(kw_only=True)
class HubModel:
    """What the Hub says about one model at one commit."""

    repo_id: str
    revision: str | None
    sha: str
    endpoint: str
    retrieved: str
    gated: str | bool | None
    files: tuple[str, ...]
    tags: tuple[str, ...]
    pipeline_tag: str | None
    card: str | None
    offline: bool = False

    @property
    def page(self) -> str:
        """The repository's page on the Hub."""
        return f"{self.endpoint}/{self.repo_id}"

    @property
    def tree_url(self) -> str:
        """The repository's files at the pinned commit."""
        return f"{self.page}/tree/{self.sha}"

    def blob_url(self, filename: str) -> str:
        """One file of the repository at the pinned commit."""
        return f"{self.page}/blob/{self.sha}/{filename}"


def parse_id(text: str) -> tuple[str, str | None]:
    """``ORG/NAME[@REVISION]`` (an ``hf:`` prefix allowed) as the repository id and the revision."""
    body = text.removeprefix("hf:")
    repo_id, _, revision = body.partition("@")
    if not _REPO_ID.match(repo_id) or ("@" in body and not revision):
        message = "expected a Hugging Face model id hf:ORG/NAME or hf:ORG/NAME@REVISION"
        raise DescriptorError([Problem(message=message, source=f"hf:{body}")])
    return repo_id, revision or None


def _client() -> Any:
    try:
        import huggingface_hub  # noqa: PLC0415 - the optional hf extra, loaded when a model is fetched
        import huggingface_hub.constants  # noqa: PLC0415 - submodules the package does not import eagerly
        import huggingface_hub.utils  # noqa: PLC0415
    except ImportError:
        msg = f"fetching models from the Hugging Face Hub needs huggingface_hub: {install_hint('hf')}"
        raise ImportError(msg) from None
    return huggingface_hub


def download(repo_id: str, revision: str | None = None) -> HubModel:
    """The model info and card of ``repo_id`` at ``revision`` (default: the main branch), online or from the cache."""
    hub = _client()
    name = f"hf:{repo_id}" + (f"@{revision}" if revision else "")
    try:
        if hub.constants.HF_HUB_OFFLINE:
            return _from_cache(hub, repo_id, revision)
        return _from_hub(hub, repo_id, revision)
    except Exception as exc:  # noqa: BLE001 - every client failure is mapped (or re-raised) by _hub_error
        raise _hub_error(hub, exc, name) from None


def _from_hub(hub: Any, repo_id: str, revision: str | None) -> HubModel:
    info = hub.HfApi().model_info(repo_id, revision=revision)
    files = tuple(sibling.rfilename for sibling in info.siblings or ())
    card = None
    if _CARD in files:
        # By the ref asked for, so the cache records it (offline reads resolve it); then pinned, if it moved.
        path = Path(hub.hf_hub_download(repo_id, _CARD, revision=revision or "main"))
        if path.parent.name != info.sha:
            path = Path(hub.hf_hub_download(repo_id, _CARD, revision=info.sha))
        card = path.read_text(encoding="utf-8", errors="replace")
    model = HubModel(
        repo_id=repo_id,
        revision=revision,
        sha=info.sha,
        endpoint=hub.constants.ENDPOINT.rstrip("/"),
        retrieved=datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        gated=info.gated,
        files=files,
        tags=tuple(info.tags or ()),
        pipeline_tag=info.pipeline_tag,
        card=card,
    )
    _write_record(hub, model)
    return model


def _record_path(hub: Any, repo_id: str, sha: str) -> Path:
    return Path(hub.constants.HF_HOME) / "openness" / "model-info" / repo_id.replace("/", "--") / f"{sha}.json"


def _write_record(hub: Any, model: HubModel) -> None:
    record = {
        "format": _RECORD_FORMAT,
        "endpoint": model.endpoint,
        "retrieved": model.retrieved,
        "gated": model.gated,
        "files": list(model.files),
        "tags": list(model.tags),
        "pipeline_tag": model.pipeline_tag,
    }
    path = _record_path(hub, model.repo_id, model.sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def _from_cache(hub: Any, repo_id: str, revision: str | None) -> HubModel:
    """Offline: the card from the Hub cache (the ref resolved by it), the info from openness's own record."""
    card_path = Path(hub.hf_hub_download(repo_id, _CARD, revision=revision or "main"))
    sha = card_path.parent.name
    record_path = _record_path(hub, repo_id, sha)
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict) or record.get("format") != _RECORD_FORMAT:
        record = {}
    return HubModel(
        repo_id=repo_id,
        revision=revision,
        sha=sha,
        endpoint=str(record.get("endpoint") or hub.constants.ENDPOINT).rstrip("/"),
        retrieved=str(record.get("retrieved") or ""),
        gated=record.get("gated"),
        files=tuple(record.get("files", ())) if record else (),
        tags=tuple(record.get("tags", ())),
        pipeline_tag=record.get("pipeline_tag"),
        card=card_path.read_text(encoding="utf-8", errors="replace"),
        offline=not record,
    )


def _status(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def _hub_error(hub: Any, exc: Exception, name: str) -> DescriptorError:
    """The one place a failure of the Hub client becomes a one-line error naming the model."""
    errors = hub.utils
    offline = bool(hub.constants.HF_HUB_OFFLINE)
    # Most specific first: GatedRepoError is a RepositoryNotFoundError, LocalEntryNotFoundError an EntryNotFoundError.
    if isinstance(exc, errors.GatedRepoError):
        message = "the repository is gated: accept its conditions on the Hub, then set HF_TOKEN (or hf auth login)"
    elif isinstance(exc, errors.RepositoryNotFoundError):
        message = "no such model repository on the Hub (or it is private and no token with access is set)"
    elif isinstance(exc, errors.RevisionNotFoundError):
        message = "no such revision (branch, tag or commit) in the repository"
    elif isinstance(exc, errors.LocalEntryNotFoundError) or (offline and isinstance(exc, FileNotFoundError)):
        message = (
            "not in the Hub cache, and HF_HUB_OFFLINE is set (fetch it once online)"
            if offline
            else "the Hub cannot be reached, and the model card is not in the Hub cache"
        )
    elif _status(exc) == 429:
        message = "the Hub refused the request: rate limited (HTTP 429); wait and retry, or set HF_TOKEN"
    elif _status(exc) is not None:
        message = f"the Hub answered HTTP {_status(exc)}"
    elif isinstance(exc, OSError) or type(exc).__module__.split(".")[0] in {"httpx", "httpx2", "requests", "urllib3"}:
        # The transport's own errors (connection refused, timeouts, DNS) are not OSErrors in every version.
        message = f"the Hub cannot be reached ({type(exc).__name__})"
    else:
        raise exc
    return DescriptorError([Problem(message=message, source=name)])
