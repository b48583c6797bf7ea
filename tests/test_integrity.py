"""A verified index (issue 15, findings 1, 2 and 6): damage to any file of a version is refused in one line
or changes no answer, `verify` finds every byte changed, a rebuild never carries a bad vector forward, a
model whose files changed under the same name is refused, and the page keeps answering from the version
it holds when CURRENT or a new version is damaged."""

import json
import os
import random
import shutil
import sqlite3
import warnings
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant
from assistant.cli import main
from conftest import SAMPLES, FakeEmbedder
from corpus import TranscriptQAError
from index import IndexRefused, build_index, current_version, open_index, read_index_manifest, verify_index
from index.manifest import LEXICON_FILES, STRUCTURE_FILES, checksum
from ui.state import AppState

QUESTIONS = ["How many residents are covered by evacuation plans?", "What happened to rail passenger trips?",
             "cooling centers heat alert", "gross domestic product first quarter", "fares"]
FILES = ["manifest.json", "store.sqlite", "chunks.faiss", "sentences.npy", "sentences.faiss", "CURRENT",
         "structure.json", "structure-pair_sentence.npy", "structure-filler.npy"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    root = tmp_path_factory.mktemp("integrity")
    corpus = shutil.copytree(SAMPLES, root / "corpus")
    build_index(corpus, root / "index", embedder=FakeEmbedder())
    return root / "index", answers(root / "index")


@pytest.fixture
def index(pristine, tmp_path):
    return shutil.copytree(pristine[0], tmp_path / "index")


def answers(root, embedder=None):
    assistant = Assistant.open(root, embedder=embedder or FakeEmbedder())
    return [asdict(assistant.ask(q, k=4)) for q in QUESTIONS]


def path_of(root: Path, name: str) -> Path:
    return root / name if name == "CURRENT" else root / current_version(root) / name


def damage(path: Path, how: str, seed: int) -> None:
    rng = random.Random(seed)
    data = bytearray(path.read_bytes())
    if how == "truncated":
        data = data[:rng.randrange(len(data))]
    else:  # random bytes in the middle: 4 KB, or an eighth of a small file
        size = min(4096, max(1, len(data) // 8))
        at = rng.randrange(len(data) // 4, max(len(data) // 4 + 1, 3 * len(data) // 4 - size))
        data[at:at + size] = rng.randbytes(size)
    path.write_bytes(bytes(data))


# -- the corruption matrix ----------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("how", ["middle", "truncated"])
@pytest.mark.parametrize("name", FILES)
def test_damage_to_any_file_is_refused_in_one_line_and_found_by_verify(pristine, index, name, how, seed):
    damage(path_of(index, name), how, seed)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning from NumPy over damaged vectors either
        try:
            got = answers(index)
        except TranscriptQAError as exc:
            assert "\n" not in str(exc) and ("rebuild" in str(exc) or "build" in str(exc))
        else:
            assert got == pristine[1], "answers changed without a refusal"
    try:
        problems = verify_index(index).problems
    except TranscriptQAError as exc:  # the manifest or CURRENT: nothing further can be checked
        problems = (str(exc),)
    assert problems and all("\n" not in p for p in problems)


# -- finding 1: silently wrong answers -------------------------------------------------------

def test_random_bytes_inside_the_vector_files_are_refused_not_answered(index):
    for name, expected in (("chunks.faiss", "vectors that are not finite or not unit-length"),
                           ("sentences.npy", "vectors that are not finite or not unit-length")):
        saved = path_of(index, name).read_bytes()
        data = bytearray(saved)
        at = len(data) // 2
        data[at:at + 4096] = random.Random(1).randbytes(4096)[:len(data) - at]
        path_of(index, name).write_bytes(bytes(data))
        with pytest.raises(IndexRefused, match=f"{name} holds .* {expected}"):
            answers(index)
        path_of(index, name).write_bytes(saved)
    assert answers(index)


def test_a_rebuild_never_carries_a_damaged_vector_forward(index):
    corpus = Path(read_index_manifest(index)[0].corpus)
    sentences = path_of(index, "sentences.npy")
    array = np.load(sentences)
    array[5:63] = np.nan  # the 58 NaN rows a probe saw carried into the next version
    np.save(sentences, array)
    fake = FakeEmbedder()
    report = build_index(corpus, index, embedder=fake)
    assert report.reused == 0 and fake.calls > 0  # the damaged version is not trusted for any vector
    fresh = np.load(path_of(index, "sentences.npy")).astype(np.float32)
    assert np.isfinite(fresh).all() and np.allclose(np.linalg.norm(fresh, axis=1), 1, atol=1e-2)
    assert not verify_index(index).problems


def test_bad_vectors_in_a_version_that_verifies_are_not_reused(index):
    """Even with its hashes made to fit, a NaN vector is re-embedded, not copied."""
    corpus = Path(read_index_manifest(index)[0].corpus)
    directory = index / current_version(index)
    array = np.load(directory / "sentences.npy")
    array[7] = np.nan
    np.save(directory / "sentences.npy", array)
    _reseal(directory)
    fake = FakeEmbedder()
    report = build_index(corpus, index, embedder=fake)
    assert report.embedded == 1 and fake.calls == 1 and report.reused > 100
    assert np.isfinite(np.load(path_of(index, "sentences.npy")).astype(np.float32)).all()


def test_a_manifest_listing_no_files_is_refused(index):
    path = path_of(index, "manifest.json")
    raw = json.loads(path.read_text())
    raw["files"] = []
    raw["checksum"] = checksum(raw)
    path.write_text(json.dumps(raw))
    with pytest.raises(IndexRefused, match="it lists 0 transcripts but counts 4"):
        answers(index)


def _reseal(directory: Path) -> None:
    """Record the current sizes and hashes of a version's files, as if a build had written them so."""
    from index.integrity import file_check

    path = directory / "manifest.json"
    raw = json.loads(path.read_text())
    raw["contents"] = [asdict(file_check(directory / c["name"])) for c in raw["contents"]]
    raw["checksum"] = checksum(raw)
    path.write_text(json.dumps(raw))


# -- finding 2: tracebacks on a damaged index ----------------------------------------------------

def test_the_end_of_the_store_overwritten_is_one_line(index, capsys):
    store = path_of(index, "store.sqlite")
    data = bytearray(store.read_bytes())
    data[-8192:] = random.Random(2).randbytes(8192)
    store.write_bytes(bytes(data))
    with pytest.raises(IndexRefused, match="store.sqlite is damaged .*; rebuild the index with"):
        answers(index)
    assert main(["verify", "--index", str(index)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "store.sqlite does not match its SHA-256" in err


def test_a_dropped_lexical_table_is_one_line(index):
    con = sqlite3.connect(path_of(index, "store.sqlite"))
    con.execute("DROP TABLE chunks_fts")
    con.commit()
    con.close()
    with pytest.raises(IndexRefused) as info:
        answers(index)
    assert "store.sqlite" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("how", ["random bytes", "a folder"])
def test_a_damaged_current_is_one_line_in_the_cli(index, capsys, how):
    current = index / "CURRENT"
    current.unlink()
    if how == "a folder":
        current.mkdir()
    else:
        current.write_bytes(random.Random(3).randbytes(40))
    assert main(["ask", "fares", "--index", str(index)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and f"{current}" in err
    assert "publish a new version with `transcript-qa build CORPUS_DIR --index" in err
    with pytest.raises(IndexRefused):
        open_index(index, embedder=FakeEmbedder())


def test_the_page_keeps_answering_when_current_or_a_new_version_is_damaged(index):
    state = AppState(index, embedder=FakeEmbedder())
    version = state.assistant().index.version
    first = asdict(state.assistant().ask(QUESTIONS[0], k=3))
    current = index / "CURRENT"
    current.write_bytes(b"\xff\xfe garbage \x00")
    assert asdict(state.assistant().ask(QUESTIONS[0], k=3)) == first
    assert "CURRENT is damaged" in state.refused
    current.unlink()
    current.mkdir()
    assert asdict(state.assistant().ask(QUESTIONS[0], k=3)) == first
    current.rmdir()
    current.write_text(version + "\n")
    assert state.assistant().index.version == version and state.refused is None

    # A new version published with a changed byte is refused before it is taken into service.
    corpus = Path(read_index_manifest(index)[0].corpus)
    (corpus / "extra.txt").write_text("Runa Falk: A new statement about night trains.\n", encoding="utf-8")
    newer = build_index(corpus, index, embedder=FakeEmbedder()).version
    store = index / newer / "store.sqlite"
    data = bytearray(store.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit: only its SHA-256 can tell
    store.write_bytes(bytes(data))
    assert state.assistant().index.version == version
    assert f"{newer}/store.sqlite does not match its SHA-256" in state.refused
    assert asdict(state.assistant().ask(QUESTIONS[0], k=3)) == first
    # A good version after it is taken.
    newest = build_index(corpus, index, embedder=FakeEmbedder()).version
    assert state.assistant().index.version == newest and state.refused is None


# -- verify ----------------------------------------------------------------------------------

def test_verify_checks_every_file_and_says_so(index, capsys):
    assert main(["verify", "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Verified the index at {index} (version {current_version(index)}) in ")
    assert f"{5 + len(STRUCTURE_FILES) + len(LEXICON_FILES)} files" in out
    assert "match the SHA-256 recorded at build time" in out
    assert "no files of it are recorded" in out  # the fake model has no folder to check


# -- finding 6: a model known by name only ----------------------------------------------------

class FolderEmbedder(FakeEmbedder):
    """A fake model with files on disk, whose vectors depend on a salt as real ones depend on weights."""

    def __init__(self, folder: Path, salt: str = ""):
        super().__init__(name=str(folder))
        self.path = str(folder)
        self.salt = salt

    def _vector(self, text):
        return super()._vector(self.salt + " " + text if self.salt else text)


def test_a_model_whose_files_changed_under_the_same_name_is_refused(tmp_path, capsys):
    folder = tmp_path / "modelX"
    folder.mkdir()
    (folder / "weights.bin").write_bytes(b"\x01" * 1000)
    (folder / "config.json").write_text("{}")
    build_index(SAMPLES, tmp_path / "index", embedder=FolderEmbedder(folder))
    manifest, _ = read_index_manifest(tmp_path / "index")
    assert [f.name for f in manifest.model.files] == ["config.json", "weights.bin"]
    assert manifest.model.path == str(folder) and len(manifest.model.probe) == 64
    assert answers(tmp_path / "index", FolderEmbedder(folder))

    (folder / "weights.bin").write_bytes(b"\x02" * 1000)  # new weights, same path, same size
    with pytest.raises(IndexRefused) as info:
        answers(tmp_path / "index", FolderEmbedder(folder, salt="retrained"))
    assert f"the model '{folder}' at {folder} no longer gives the vectors the index at" in str(info.value)
    assert "restore the model, or rebuild it with" in str(info.value)
    assert main(["verify", "--index", str(tmp_path / "index")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{folder / 'weights.bin'} does not match its SHA-256" in err
    assert "the model changed since the index" in err


def test_a_build_reads_a_file_hash_once_but_again_when_the_file_changes(tmp_path):
    from index.integrity import hashes_remembered, sha256_of

    path = tmp_path / "weights.bin"
    path.write_bytes(b"a" * 1000)
    first = sha256_of(path)
    with hashes_remembered():
        assert sha256_of(path) == first
        stat = path.stat()
        # Same size, same modification time: within one build it is the file already checked.
        path.write_bytes(b"b" * 1000)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert sha256_of(path) == first
        path.write_bytes(b"b" * 1001)  # changed: read again
        assert sha256_of(path) != first
    path.write_bytes(b"b" * 1000)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert sha256_of(path) != first  # outside a build every call reads the bytes
