"""Build errors (issue 15, finding 3): a full disk while SQLite, FAISS or NumPy writes, an index folder that
cannot be written, an index path under a file or under folders that do not exist, a corpus that is not
there. Each is one line; the staging folder and any folder the build made are removed; the version in
service keeps answering."""

import errno
import json
import os
import subprocess
import sys
from dataclasses import asdict

import pytest

from assistant import Assistant
from assistant.cli import main
from conftest import REPO, SAMPLES, FakeEmbedder
from corpus import CorpusError
from index import BuildFailed, IndexRefused, build_index, current_version

QUESTIONS = ["How many residents are covered by evacuation plans?", "What happened to rail passenger trips?"]


@pytest.fixture
def built(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SAMPLES.iterdir():
        (corpus / p.name).write_bytes(p.read_bytes())
    build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())
    (corpus / "extra.txt").write_text("Runa Falk: A brand new statement about night trains.\n", encoding="utf-8")
    return corpus, tmp_path / "index"


def answers(index):
    assistant = Assistant.open(index, embedder=FakeEmbedder())
    return [asdict(assistant.ask(q, k=3)) for q in QUESTIONS]


def leftovers(index):
    return sorted(p.name for p in index.iterdir() if p.name.startswith((".staging-", "CURRENT.")))


# The disk fills while one writer writes: RLIMIT_FSIZE caps every file the build writes, a real short
# write in SQLite, FAISS or NumPy (each is the first file over the cap for its embedding dimension).
_CAPPED_BUILD = """
import json, resource, signal, sys
sys.path[:0] = [{repo!r}, {tests!r}]
from conftest import FakeEmbedder
from index import build_index
from corpus import TranscriptQAError
embedder = FakeEmbedder(dimension={dimension})
embedder.name = "fake-hash-64"  # the same model name, so the rebuild could reuse; the cap comes first
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({cap}, {cap}))
try:
    build_index({corpus!r}, {index!r}, embedder=embedder)
    print(json.dumps({{"error": None}}))
except TranscriptQAError as exc:
    print(json.dumps({{"error": str(exc), "kind": type(exc).__name__}}))
"""


@pytest.mark.parametrize("writer, dimension, cap, reason, advice", [
    ("sqlite", 64, 60_000, "disk I/O error", "check the folder and the disk"),  # SQLite's word for it
    ("faiss", 4096, 700_000, "File too large", "free some space"),
    ("numpy", 1024, 350_000, "a short write", "free some space"),
])
def test_a_full_disk_while_writing_is_one_line_and_leaves_the_old_version(built, writer, dimension, cap, reason,
                                                                          advice):
    corpus, index = built
    before, version = answers(index), current_version(index)
    code = _CAPPED_BUILD.format(repo=str(REPO), tests=str(REPO / "tests"), dimension=dimension, cap=cap,
                                corpus=str(corpus), index=str(index))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["kind"] == "BuildFailed" and "\n" not in result["error"]
    assert f"could not write the new version into {index} ({reason}" in result["error"]
    assert advice in result["error"] and "the version in service is unchanged" in result["error"]
    assert current_version(index) == version and leftovers(index) == []
    assert sorted(p.name for p in index.iterdir() if p.name.startswith("v")) == [version]
    assert answers(index) == before


@pytest.mark.parametrize("fault", ["sqlite", "faiss", "numpy"])
def test_no_space_left_is_named_and_advised(built, monkeypatch, fault):
    import sqlite3

    import index.build as build

    corpus, index = built
    version = current_version(index)

    def full(*args, **kwargs):
        if fault == "sqlite":
            raise sqlite3.OperationalError("database or disk is full")
        if fault == "faiss":
            raise RuntimeError("Error in void faiss::write_index(const Index*, IOWriter*, int) at index_write.cpp:499:"
                               " Error: 'ret == (size * 4)' failed: write error in x: 1 != 2 (No space left on device)")
        raise OSError(errno.ENOSPC, "No space left on device")

    target = {"sqlite": (build, "write_store"), "faiss": (build.vectors, "save"), "numpy": (build.np, "save")}[fault]
    monkeypatch.setattr(*target, full)
    with pytest.raises(BuildFailed) as info:
        build_index(corpus, index, embedder=FakeEmbedder())
    message = str(info.value)
    reason = "database or disk is full" if fault == "sqlite" else "No space left on device"
    assert f"({reason}); free some space where {index} is, then build again" in message and "\n" not in message
    assert current_version(index) == version and leftovers(index) == []


def test_an_index_folder_that_cannot_be_written_is_one_line(built, monkeypatch):
    import index.versions as versions

    corpus, index = built

    def denied(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(versions, "open", denied, raising=False)  # the lock is the first file a build opens
    with pytest.raises(BuildFailed) as info:
        build_index(corpus, index, embedder=FakeEmbedder())
    assert str(info.value) == (f"cannot write to the index folder {index} (Permission denied); make {index} "
                               "writable, or build into another folder with --index")


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind root")
def test_a_read_only_index_folder_is_one_line(built):
    corpus, index = built
    index.chmod(0o555)
    try:
        with pytest.raises(BuildFailed, match="Permission denied"):
            build_index(corpus, index, embedder=FakeEmbedder())
    finally:
        index.chmod(0o755)


def test_an_index_under_a_file_is_one_line(tmp_path, capsys):
    (tmp_path / "afile").write_text("x")
    code = main(["build", str(SAMPLES), "--index", str(tmp_path / "afile" / "ix")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert f"cannot make the index folder {tmp_path / 'afile' / 'ix'} (Not a directory)" in err


def test_a_corpus_that_is_not_there_leaves_no_index_folder(tmp_path, capsys):
    code = main(["build", str(tmp_path / "nonexistent"), "--index", str(tmp_path / "X")])
    assert code == 1 and "corpus folder" in capsys.readouterr().err
    assert not (tmp_path / "X").exists()


def test_a_failed_first_build_removes_the_folders_it_made(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")  # not a transcript: the build has nothing to index
    with pytest.raises((IndexRefused, CorpusError)):
        build_index(corpus, tmp_path / "new" / "deeper" / "index", embedder=FakeEmbedder())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_an_index_under_folders_that_do_not_exist_is_made(tmp_path):
    report = build_index(SAMPLES, tmp_path / "a" / "b" / "index", embedder=FakeEmbedder())
    assert current_version(tmp_path / "a" / "b" / "index") == report.version
