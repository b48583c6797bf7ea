"""Network where none was asked for (issue 15, finding 5) and a model known by name only (finding 6): a
model that is neither a local folder nor in the Hugging Face cache is refused in one line with no network
attempt unless downloads are allowed; a local model folder is recorded by its absolute path."""

import os
import subprocess
import sys

import pytest

from conftest import REPO, SAMPLES
from index import ModelError, ModelSpec, load_embedder
from index.embedding import model_folder


def test_a_model_not_on_the_machine_is_refused_without_a_network_attempt(no_network):
    with pytest.raises(ModelError) as info:
        load_embedder(ModelSpec("some-org/not-here"))
    message = str(info.value)
    assert message == ("the model 'some-org/not-here' is not on this machine (neither a folder nor in the Hugging "
                       "Face cache) and nothing is downloaded unless allowed; give a local model folder, or allow "
                       "the download with --allow-download or TQA_ALLOW_DOWNLOAD=1")
    assert no_network == []


def test_a_model_folder_that_is_not_there_is_named(no_network, tmp_path):
    with pytest.raises(ModelError, match=f"the model folder {tmp_path / 'gone'} does not exist"):
        load_embedder(ModelSpec(str(tmp_path / "gone")))
    assert no_network == []


def test_a_model_in_the_hugging_face_cache_is_found_there(no_network, tmp_path):
    # The cache's own layout: models--ORG--NAME/refs/main names a snapshot folder holding the files.
    repo = tmp_path / "hub" / "models--some-org--cached-model"
    snapshot = repo / "snapshots" / "0123456789abcdef0123456789abcdef01234567"
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(snapshot.name)
    assert model_folder(ModelSpec("some-org/cached-model")) == snapshot
    assert no_network == []


def test_a_relative_model_folder_is_recorded_absolute(tmp_path, monkeypatch):
    (tmp_path / "modelX").mkdir()
    monkeypatch.chdir(tmp_path)
    assert ModelSpec("modelX").name == str(tmp_path / "modelX")
    assert ModelSpec("all-MiniLM-L6-v2").name == "all-MiniLM-L6-v2"  # the bundled model keeps its name
    assert ModelSpec("some-org/not-here").name == "some-org/not-here"


def test_the_cli_refuses_in_one_line_and_leaves_no_index_folder(tmp_path):
    env = {**os.environ, "HF_HUB_CACHE": str(tmp_path / "hub"), "NO_COLOR": "1"}
    env.pop("TQA_ALLOW_DOWNLOAD", None)
    proc = subprocess.run([sys.executable, "-m", "assistant", "build", str(SAMPLES), "--index", str(tmp_path / "X"),
                           "--model", "some-org/not-here", "--quiet"],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
    assert "is not on this machine" in proc.stderr and "Retrying" not in proc.stderr
    assert not (tmp_path / "X").exists()


@pytest.mark.model
def test_real_weights_replaced_under_the_same_relative_path_are_named_by_verify(tmp_path):
    """A copy of the bundled model named by a relative path: stored absolute, usable from anywhere; once its
    weights change under the same path, asking goes on with the ONNX export the index holds (the model it was
    built with) and verify names the changed file."""
    import json as jsonlib
    import shutil

    from safetensors.torch import load_file, save_file

    from index.embedding import bundled_model_path

    shutil.copytree(bundled_model_path(), tmp_path / "modelX")
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}

    def cli(*args, cwd):
        proc = subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True, cwd=cwd,
                              env=env, timeout=600)
        return proc.returncode, proc.stdout, proc.stderr

    code, _, err = cli("build", str(SAMPLES), "--index", str(tmp_path / "index"), "--model", "modelX", "--quiet",
                       cwd=tmp_path)
    assert code == 0, err
    version = (tmp_path / "index" / "CURRENT").read_text().strip()
    manifest = jsonlib.loads((tmp_path / "index" / version / "manifest.json").read_text())
    assert manifest["model"]["name"] == str(tmp_path / "modelX")
    assert "model.safetensors" in {f["name"] for f in manifest["model"]["files"]}
    code, out, err = cli("ask", "fares", "--index", str(tmp_path / "index"), "--json", "-k", "1", cwd=REPO)
    assert code == 0 and jsonlib.loads(out)["passages"], err

    weights = tmp_path / "modelX" / "model.safetensors"
    tensors = load_file(weights)
    name = next(k for k in tensors if k.endswith("word_embeddings.weight"))
    tensors[name] = tensors[name] * 1.05
    save_file(tensors, weights, metadata={"format": "pt"})
    code, again, err = cli("ask", "fares", "--index", str(tmp_path / "index"), "--json", "-k", "1", cwd=REPO)
    assert code == 0 and jsonlib.loads(again)["passages"] == jsonlib.loads(out)["passages"], err
    code, _, err = cli("verify", "--index", str(tmp_path / "index"), cwd=REPO)
    assert code == 1 and f"{weights} does not match its SHA-256" in err
