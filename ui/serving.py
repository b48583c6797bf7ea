"""Serve the page: 127.0.0.1 unless told otherwise, an optional login for everything,
no public link unless asked for."""

from __future__ import annotations

import base64
import binascii
import logging
import secrets
import socket
from pathlib import Path
from typing import Callable

import gradio as gr
from starlette.middleware import Middleware

from assistant.reranking import Reranker
from corpus import TranscriptQAError
from index.library import MAX_UPLOAD_BYTES

from .app import ASK_CONCURRENCY, HEAD, build_page
from .state import AppState

log = logging.getLogger(__name__)

CSS = Path(__file__).with_name("page.css")
# Gradio's launch() checks that its own server answers here before it returns; the route holds no data.
_SELF_CHECK = "/gradio_api/startup-events"


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise TranscriptQAError("the login must be given as USER:PASSWORD (in --auth or TQA_AUTH)")
    return user, password


class BasicAuth:
    """HTTP Basic authentication in front of every route: the page, its assets, the API, uploads."""

    def __init__(self, app, user: str, password: str, realm: str = "transcript-qa"):
        self.app = app
        self._user = user.encode("utf-8")
        self._password = password.encode("utf-8")
        self._challenge = f'Basic realm="{realm}", charset="UTF-8"'.encode("ascii")

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or scope.get("path") == _SELF_CHECK or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send({"type": "http.response.start", "status": 401,
                    "headers": [(b"www-authenticate", self._challenge),
                                (b"content-type", b"text/plain; charset=utf-8")]})
        await send({"type": "http.response.body", "body": b"This transcript-qa page needs a login.\n"})

    def _allowed(self, scope) -> bool:
        for name, value in scope.get("headers", ()):
            if name != b"authorization":
                continue
            scheme, _, encoded = value.partition(b" ")
            if scheme.lower() != b"basic":
                return False
            try:
                user, sep, password = base64.b64decode(encoded.strip(), validate=True).partition(b":")
            except (binascii.Error, ValueError):
                return False
            # Both compared in full every time, so timing tells nothing about which was wrong.
            same_user = secrets.compare_digest(user, self._user)
            same_password = secrets.compare_digest(password, self._password)
            return bool(sep) and same_user and same_password
        return False


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int | None = 7860, auth: tuple[str, str] | None = None,
           share: bool = False, block: bool = True, quiet: bool = False):
    """Start serving `app`; with block=False return at once (tests), the server running in a thread."""
    app.queue(default_concurrency_limit=ASK_CONCURRENCY)
    middleware = [Middleware(BasicAuth, user=auth[0], password=auth[1])] if auth else []
    # Gradio refuses an upload whose name starts with a dot, with a bare "Error", when the server was started
    # from a folder its upload folder lies in; naming that folder lets such a file reach the handler, which
    # stores it under a safe name or says why not.
    from gradio.utils import get_upload_folder

    return app.launch(
        server_name=host, server_port=port, share=share, prevent_thread_lock=not block, quiet=quiet,
        show_error=False, max_file_size=MAX_UPLOAD_BYTES, app_kwargs={"middleware": middleware},
        theme=gr.themes.Soft(primary_hue="blue"), css_paths=[CSS], allowed_paths=[get_upload_folder()], head=HEAD,
    )


def serve(index_dir: Path, corpus_dir: Path | None, host: str, port: int, auth: tuple[str, str] | None,
          share: bool, announce: Callable[[str], None] | None = None, reranker: Reranker | None = None) -> None:
    """Serve until interrupted; `announce(url)` is told where, once the page is about to answer. `reranker`,
    when given, orders every answer's passages."""
    if port_in_use(host, port):
        raise TranscriptQAError(f"port {port} on {host} is already in use; choose another with --port")
    state = AppState(index_dir, corpus_dir, reranker=reranker)
    # Load the model now, so the first question is not the one that waits for it.
    problem = state.problem()
    if problem:
        log.warning("no index to answer from yet: %s", problem)
    else:
        state.assistant().index.embedder.embed_queries(["warm up"])  # the first real question is then warm too
        if reranker is not None:
            reranker.score("warm up", ["warm up"])
    if state.corpus_dir is None:
        log.warning("no corpus folder: uploads and rebuilds need --corpus FOLDER or TQA_CORPUS")
    if announce:
        announce(f"http://{host}:{port}/")
    try:
        # Gradio's own banner tells of launch() arguments; the command line has its own flags.
        launch(build_page(state), host=host, port=port, auth=auth, share=share, quiet=not share)
    except OSError as exc:
        raise TranscriptQAError(f"cannot serve on {host}:{port} ({exc.strerror or exc}); "
                                "choose another --host or --port") from None


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0
