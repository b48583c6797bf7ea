"""Start the web page."""

from __future__ import annotations

from pathlib import Path

from corpus import TranscriptQAError

from .app import build_app


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise TranscriptQAError("the login must be given as USER:PASSWORD (in --auth or TQA_AUTH)")
    return user, password


def serve(index_dir: Path, corpus_dir: Path | None, host: str, port: int, auth: tuple[str, str] | None,
          share: bool) -> None:
    credentials = auth
    build_app(Path(index_dir)).queue(default_concurrency_limit=4).launch(
        server_name=host, server_port=port, auth=credentials, share=share)
