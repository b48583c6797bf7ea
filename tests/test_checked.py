"""Vectors read through at the first open of a version on a machine are not read again while their files
are the same files; a file written since, or shortly before that reading, is read through again."""

import random
import shutil
import time

import pytest

from assistant import Assistant
from conftest import SAMPLES, FakeEmbedder
from index import IndexRefused, build_index, current_version, read_index_manifest, verify_index
from index.checked import MARGIN_NS, VECTOR_FILES, already_checked
from index.machine_cache import cache_root


@pytest.fixture(scope="module")
def aged(tmp_path_factory):
    """An index whose files were written longer ago than the margin."""
    root = tmp_path_factory.mktemp("checked")
    build_index(shutil.copytree(SAMPLES, root / "corpus"), root / "index", embedder=FakeEmbedder())
    time.sleep(MARGIN_NS / 1e9 + 0.2)
    return root / "index"


@pytest.fixture
def index(aged, tmp_path, monkeypatch):
    monkeypatch.setenv("TQA_CACHE", str(tmp_path / "cache"))
    return aged


def _state(index):
    directory = index / current_version(index)
    return directory, read_index_manifest(index)[0]


def _open(index):
    return Assistant.open(index, embedder=FakeEmbedder()).ask("fares", k=2)


def test_a_version_read_through_once_is_known_until_a_vector_file_is_written(index, tmp_path):
    index = shutil.copytree(index, tmp_path / "own")  # its files are written to below
    time.sleep(MARGIN_NS / 1e9 + 0.2)
    directory, manifest = _state(index)
    assert not already_checked(directory, manifest)  # never opened with this cache
    _open(index)
    assert already_checked(directory, manifest)
    for name in VECTOR_FILES:
        path = directory / name
        saved = path.read_bytes()
        data = bytearray(saved)
        at = len(data) // 2
        data[at:at + 4096] = random.Random(5).randbytes(4096)[:len(data) - at]
        path.write_bytes(bytes(data))
        assert not already_checked(directory, manifest)
        with pytest.raises(IndexRefused, match=name):
            _open(index)
        path.write_bytes(saved)  # the same bytes, but written just now
        _open(index)
        assert not already_checked(directory, manifest), "a file written within the margin was remembered"


def test_verify_reads_every_vector_whatever_is_remembered(index):
    directory, manifest = _state(index)
    _open(index)
    assert already_checked(directory, manifest)
    assert verify_index(index).vectors == manifest.counts["chunks"] + manifest.counts["sentences"]


def test_an_unwritable_cache_only_costs_reading_the_vectors_again(index, tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TQA_CACHE", str(blocker))
    assert _open(index).passages
    directory, manifest = _state(index)
    assert not already_checked(directory, manifest)


def test_the_record_of_a_removed_version_goes_when_another_is_written(index, tmp_path):
    gone = shutil.copytree(index, tmp_path / "gone")
    later = shutil.copytree(index, tmp_path / "later")
    time.sleep(MARGIN_NS / 1e9 + 0.2)
    _open(index)
    _open(gone)
    records = cache_root() / "checked"
    assert len(list(records.glob("*.json"))) == 2
    shutil.rmtree(gone)
    _open(later)
    kept = [p.read_text() for p in records.glob("*.json")]
    assert len(kept) == 2 and not any(str(gone) in k for k in kept)


def _build(tmp_path, progress=None):
    index = tmp_path / "built"
    build_index(shutil.copytree(SAMPLES, tmp_path / "corpus"), index, embedder=FakeEmbedder(), progress=progress)
    return index


def test_a_build_remembers_what_it_wrote_when_it_wrote_it_well_before_publishing(tmp_path, monkeypatch):
    monkeypatch.setenv("TQA_CACHE", str(tmp_path / "cache"))

    def slow_manifest(stage, done, total):
        if (stage, done) == ("writing", 2):  # the vectors are written; the manifest and the publish come next
            time.sleep(MARGIN_NS / 1e9 + 0.2)

    index = _build(tmp_path, slow_manifest)
    directory, manifest = _state(index)
    assert already_checked(directory, manifest), "the build's own vectors were not remembered"
    assert _open(index).passages
    path = directory / VECTOR_FILES[0]
    path.write_bytes(path.read_bytes())  # the same bytes, written again: no longer the files the build wrote
    assert not already_checked(directory, manifest)


def test_a_build_that_wrote_its_vectors_just_before_publishing_leaves_them_to_the_first_open(tmp_path, monkeypatch):
    monkeypatch.setenv("TQA_CACHE", str(tmp_path / "cache"))
    index = _build(tmp_path)
    directory, manifest = _state(index)
    assert not already_checked(directory, manifest)
    time.sleep(MARGIN_NS / 1e9 + 0.2)
    _open(index)
    assert already_checked(directory, manifest)
