"""Shared fixtures: a fake deterministic embedder for fast tests, the shared
transcripts, and (for tests marked `model`) indexes built with the real model.

Tests that read ../shared are skipped when it is not beside the repository, as on
a fresh clone: through `shared_dir` (or a fixture built on it), or by a skip of
their own whose reason names the folder. The run ends with one line saying which
were skipped and why. With CI=true they are required: each such skip fails.
"""

from __future__ import annotations

import hashlib
import os
import socket
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_ROOT = REPO.parent / "shared"
SHARED = SHARED_ROOT / "transcripts"
SHARED_ABSENT = f"the shared transcripts are not at {SHARED} (they sit beside the repository in the workspace)"
# One reason for every skip for want of ../shared, so that pytest's summary groups them in one line.
SHARED_SKIP = (f"{SHARED_ROOT} is not there (the shared data sit beside the repository in the workspace)"
               if not SHARED_ROOT.is_dir() else f"{SHARED_ROOT} does not hold all the shared data these tests read")
SAMPLES = REPO / "corpus" / "samples"
ARTIFACTS = REPO / "test-artifacts"

_TOKEN = re.compile(r"\w+|[^\w\s]")


class FakeEmbedder:
    """Hashed bag of words: deterministic, instant, and similar texts get similar vectors."""

    special_tokens = 2
    query_prompt = ""
    document_prompt = ""

    def __init__(self, dimension: int = 64, max_tokens: int = 256, name: str | None = None):
        self.dimension = dimension
        self.max_tokens = max_tokens
        self.name = name or f"fake-hash-{dimension}"
        self.calls = 0

    def count(self, texts):
        return [len(_TOKEN.findall(t)) for t in texts]

    def offsets(self, text):
        return [m.span() for m in _TOKEN.finditer(text)]

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dimension, dtype=np.float32)
        for token in _TOKEN.findall(text.lower()):
            digest = hashlib.md5(token.encode()).digest()
            vec[digest[0] % self.dimension] += 1.0 if digest[1] % 2 else -1.0
        norm = np.linalg.norm(vec)
        if norm == 0:
            vec[0] = 1.0
            return vec
        return vec / norm

    def embed_documents(self, texts, progress=None):
        self.calls += len(texts)
        out = np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)
        if progress:
            progress(len(texts), len(texts))
        return out

    def embed_queries(self, texts):
        return np.stack([self._vector(t) for t in texts])


@pytest.fixture
def fake_embedder():
    return FakeEmbedder()


def pytest_configure(config):
    """Models exported by the run's builds are kept in a folder of the run's own (`index.export_cache`), never
    in the user's cache; builds in subprocesses inherit it."""
    os.environ["TQA_CACHE"] = tempfile.mkdtemp(prefix="tqa-test-cache-")


def pytest_unconfigure(config):
    folder = os.environ.pop("TQA_CACHE", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _required() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(SHARED_ABSENT)
    return SHARED


def _for_want_of_shared(report) -> bool:
    return report.skipped and isinstance(report.longrepr, tuple) and str(SHARED_ROOT) in str(report.longrepr[2])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip for want of ../shared: reported from one place with one reason, or, with CI=true, a failure."""
    outcome = yield
    report = outcome.get_result()
    if not _for_want_of_shared(report):
        return
    if _required():
        report.outcome = "failed"
        report.longrepr = f"CI=true requires the shared data: {report.longrepr[2]}"
        return
    report.longrepr = (str(Path(__file__)), _for_want_of_shared.__code__.co_firstlineno - 1, SHARED_SKIP)


def pytest_terminal_summary(terminalreporter):
    """Which tests were skipped for want of ../shared, by file, in one line."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if _for_want_of_shared(r)]
    if skipped:
        files = Counter(r.nodeid.split("::")[0].rsplit("/", 1)[-1] for r in skipped)
        listed = ", ".join(f"{name} ({n})" for name, n in sorted(files.items()))
        terminalreporter.write_line(f"Skipped {len(skipped)} tests that read ../shared ({listed}): {SHARED_SKIP}")


@pytest.fixture(scope="session")
def shared_files(shared_dir) -> list[Path]:
    files = sorted(shared_dir.glob("*.txt"))
    assert len(files) == 5
    return files


def fake_index_of(root: Path, files: dict[str, str]) -> Path:
    """An index, built with the fake embedder, of transcripts written to root/corpus: {name: text}."""
    from index import build_index

    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    build_index(corpus, root / "index", embedder=FakeEmbedder())
    return root / "index"


def fake_assistant_of(root: Path, files: dict[str, str]):
    """An assistant, with the fake embedder, over `fake_index_of(root, files)`."""
    from assistant import Assistant

    return Assistant.open(fake_index_of(root, files), embedder=FakeEmbedder())


@pytest.fixture(scope="session")
def fake_index(tmp_path_factory):
    """An index of the shipped samples built with the fake embedder."""
    from index import build_index

    root = tmp_path_factory.mktemp("fake-index")
    build_index(SAMPLES, root, embedder=FakeEmbedder())
    return root


@pytest.fixture(scope="session")
def real_embedder():
    from index import ModelSpec, load_embedder

    return load_embedder(ModelSpec())


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory, real_embedder, shared_dir):
    """The five shared transcripts indexed with the bundled model."""
    from index import build_index

    root = tmp_path_factory.mktemp("shared-index")
    build_index(shared_dir, root, embedder=real_embedder)
    return root


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory, real_embedder):
    from index import build_index

    root = tmp_path_factory.mktemp("sample-index")
    build_index(SAMPLES, root, embedder=real_embedder)
    return root


@pytest.fixture(scope="session")
def ui_library(tmp_path_factory, real_embedder):
    """(corpus, index): the samples plus a transcript full of markup, indexed with the bundled model.
    Tests that upload or rebuild work on a copy (uikit.copy_library)."""
    from index import build_index
    from uikit import write_corpus

    root = tmp_path_factory.mktemp("ui-library")
    corpus = write_corpus(root / "corpus", SAMPLES)
    build_index(corpus, root / "index", embedder=real_embedder)
    return corpus, root / "index"


@pytest.fixture
def no_network(monkeypatch, tmp_path):
    """An empty Hugging Face cache, and every connection attempt recorded and refused."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.delenv("TQA_ALLOW_DOWNLOAD", raising=False)
    attempts = []

    def connect(self, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, address: attempts.append(address) or 1)
    return attempts
