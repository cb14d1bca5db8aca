"""A stand-in for the Hugging Face Hub on 127.0.0.1, serving recorded model info and cards (tests only).

The responses keep the shapes ``huggingface_hub`` (2.4.0 when written; the suite also runs at the ``hf``
extra's lower bound) parses:

- ``GET /api/models/{repo_id}`` and ``GET /api/models/{repo_id}/revision/{revision}`` answer a JSON object with
  the keys ``huggingface_hub.hf_api.ModelInfo.__init__`` reads (``id``, ``author``, ``sha``, ``lastModified``,
  ``private``, ``gated``, ``disabled``, ``library_name``, ``tags``, ``pipeline_tag``, ``cardData``,
  ``siblings`` as ``[{"rfilename": ...}]``), the fields the Hub API returns for a model without ``expand``.
- ``HEAD /{repo_id}/resolve/{revision}/{filename}`` answers 200 with ``X-Repo-Commit`` (the commit sha),
  ``ETag`` and ``Content-Length`` (``file_download.get_hf_file_metadata`` reads these), ``GET`` the same with
  the file's bytes.
- Errors carry the ``X-Error-Code`` header ``huggingface_hub.utils._http.hf_raise_for_status`` maps:
  ``RepoNotFound`` (404), ``GatedRepo`` (401 on the file, as the Hub answers a gated file without a token),
  ``RevisionNotFound`` (404). A repository marked ``rate-limited`` answers 429.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs


@attrs.define
class Repo:
    """One recorded model repository: its info at each commit, its branches and its files."""

    repo_id: str
    commits: dict[str, dict[str, bytes]]  # sha -> filename -> content
    refs: dict[str, str]  # branch or tag -> sha
    info: dict[str, Any]  # fields of the API answer other than id, sha and siblings
    gated_files: bool = False  # files need a token the tests never have
    rate_limited: bool = False

    def resolve(self, revision: str) -> str | None:
        return revision if revision in self.commits else self.refs.get(revision)


_INFO = re.compile(r"^/api/models/(?P<repo>[^/]+/[^/]+?)(/revision/(?P<rev>[^/?]+))?(\?.*)?$")
_FILE = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>[^?]+)(\?.*)?$")


class HubServer:
    """The server, started on a free port of 127.0.0.1 in a thread; ``url`` is its endpoint."""

    def __init__(self, repos: list[Repo]) -> None:
        self.repos = {repo.repo_id: repo for repo in repos}
        self.requests: list[str] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                hub.answer(self, body=True)

            def do_HEAD(self) -> None:
                hub.answer(self, body=False)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

    def answer(self, handler: BaseHTTPRequestHandler, *, body: bool) -> None:
        from urllib.parse import unquote

        path = unquote(handler.path)
        self.requests.append(f"{handler.command} {path}")
        if match := _INFO.match(path):
            self._info(handler, match["repo"], match["rev"] or "main", body=body)
        elif match := _FILE.match(path):
            self._file(handler, match["repo"], match["rev"], match["file"], body=body)
        else:
            self._send(handler, 404, b"", {"X-Error-Code": "EntryNotFound"}, body=body)

    def _repo(self, handler: BaseHTTPRequestHandler, repo_id: str, *, body: bool) -> Repo | None:
        repo = self.repos.get(repo_id)
        if repo is None:
            message = "Repository not found"
            self._send(
                handler, 404, _error(message), {"X-Error-Code": "RepoNotFound", "X-Error-Message": message}, body=body
            )
            return None
        if repo.rate_limited:
            self._send(handler, 429, _error("rate limited"), {"Retry-After": "0"}, body=body)
            return None
        return repo

    def _info(self, handler: BaseHTTPRequestHandler, repo_id: str, revision: str, *, body: bool) -> None:
        repo = self._repo(handler, repo_id, body=body)
        if repo is None:
            return
        sha = repo.resolve(revision)
        if sha is None:
            message = f"Invalid rev id: {revision}"
            self._send(
                handler,
                404,
                _error(message),
                {"X-Error-Code": "RevisionNotFound", "X-Error-Message": message},
                body=body,
            )
            return
        answer = {
            "_id": hashlib.sha1(repo_id.encode()).hexdigest()[:24],  # noqa: S324 - an id, not security
            "id": repo_id,
            "modelId": repo_id,
            "author": repo_id.split("/", maxsplit=1)[0],
            "sha": sha,
            **repo.info,
            "siblings": [{"rfilename": name} for name in sorted(repo.commits[sha])],
        }
        self._send(handler, 200, json.dumps(answer).encode(), {"Content-Type": "application/json"}, body=body)

    def _file(self, handler: BaseHTTPRequestHandler, repo_id: str, revision: str, filename: str, *, body: bool) -> None:
        repo = self._repo(handler, repo_id, body=body)
        if repo is None:
            return
        sha = repo.resolve(revision)
        if sha is None:
            self._send(handler, 404, _error("Invalid rev id"), {"X-Error-Code": "RevisionNotFound"}, body=body)
            return
        if repo.gated_files:
            message = "Access to model is restricted. You must have access to it and be authenticated to access it."
            self._send(
                handler, 401, _error(message), {"X-Error-Code": "GatedRepo", "X-Error-Message": message}, body=body
            )
            return
        content = repo.commits[sha].get(filename)
        if content is None:
            self._send(handler, 404, _error("Entry not found"), {"X-Error-Code": "EntryNotFound"}, body=body)
            return
        etag = hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()  # noqa: S324 - git's blob id
        headers = {"X-Repo-Commit": sha, "ETag": f'"{etag}"', "Content-Type": "text/plain; charset=utf-8"}
        self._send(handler, 200, content, headers, body=body)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, content: bytes, headers: dict[str, str], *, body: bool
    ) -> None:
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(content)))
        handler.end_headers()
        if body:
            handler.wfile.write(content)


def _error(message: str) -> bytes:
    return json.dumps({"error": message}).encode()
