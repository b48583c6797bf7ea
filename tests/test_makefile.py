"""`make run CORPUS=DIR` keeps one index per corpus folder and says which one it uses."""

import re
import shutil
import subprocess

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(tmp_path, corpus=None) -> tuple[str, str]:
    """The corpus folder and index `make build` would use, from a dry run (nothing installed or built)."""
    args = ["make", "-n", "-s", "build", f"BIN={tmp_path}/bin", f"DATA={tmp_path}/data"]
    if corpus is not None:
        args.append(f"CORPUS={corpus}")
    out = subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=True).stdout
    said = re.search(r'echo "Corpus folder (.+) uses the index (.+)"', out)
    built = re.search(r'transcript-qa build "(.+)" --index "(.+)"', out)
    assert said and built and said.groups() == built.groups(), out
    return built.groups()


def test_the_samples_keep_the_default_index(tmp_path):
    assert planned(tmp_path) == (f"{tmp_path}/data/corpus", f"{tmp_path}/data/index")


def test_each_corpus_folder_gets_its_own_index_named_from_it(tmp_path):
    (tmp_path / "a" / "briefings").mkdir(parents=True)
    (tmp_path / "b" / "briefings").mkdir(parents=True)
    _, first = planned(tmp_path, tmp_path / "a" / "briefings")
    _, again = planned(tmp_path, f"{tmp_path}/a/../a/briefings/")
    _, other = planned(tmp_path, tmp_path / "b" / "briefings")
    assert re.fullmatch(rf"{tmp_path}/data/indexes/briefings-[0-9a-f]{{8}}", first)
    assert again == first and other != first and other.startswith(f"{tmp_path}/data/indexes/briefings-")
    _, spaced = planned(tmp_path, tmp_path / "my hearings")
    assert re.fullmatch(rf"{tmp_path}/data/indexes/my-hearings-[0-9a-f]{{8}}", spaced)
    assert planned(tmp_path, tmp_path / "a")[1] != f"{tmp_path}/data/index"
