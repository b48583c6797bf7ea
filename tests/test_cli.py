"""The command line, as a person runs it: real model, real processes."""

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, SAMPLES


def run(*args, env=None, timeout=300):
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("TQA_INDEX", None) if env is None or "TQA_INDEX" not in env else None
    proc = subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          cwd=REPO, env=full_env, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def assert_one_line_error(code, err, fragment):
    assert code != 0
    assert "Traceback" not in err
    assert err.strip().count("\n") == 0, err
    assert fragment in err


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli") / "index"
    code, out, err = run("build", str(SAMPLES), "--index", str(root))
    assert code == 0, err
    assert "Indexed 4 transcripts" in out and "chunks" in out
    return root


@pytest.mark.model
def test_ask_json_gives_quotes_and_citations(cli_index):
    code, out, err = run("ask", "How many residents are covered by evacuation plans?", "--index", str(cli_index),
                         "--json", "-k", "3")
    assert code == 0, err
    data = json.loads(out)
    assert data["question"].startswith("How many residents") and len(data["passages"]) == 3
    best = data["passages"][0]
    assert "3.75 million residents" in best["quote"]
    assert set(best["citation"]) == {"file", "title", "date", "speaker", "paragraph", "line_start", "line_end",
                                     "start", "end", "time", "page", "asker"}
    source = (SAMPLES / best["citation"]["file"]).read_text(encoding="utf-8")
    assert source[best["citation"]["start"]:best["citation"]["end"]] == best["quote"]
    hs, he = best["highlight"]
    assert "3.75 million" in best["quote"][hs:he]


@pytest.mark.model
def test_ask_text_shows_quote_highlight_and_citation_line(cli_index):
    code, out, err = run("ask", "How fast does a flood warning reach a village?", "--index", str(cli_index),
                         "-k", "2", "--speaker", "Edvin Kaar")
    assert code == 0, err
    # The text is wrapped to the terminal's width: a phrase may be cut by a line break anywhere.
    flowing = " ".join(out.split())
    assert "Best answer:" in out and "within 15 minutes" in flowing
    assert "— Edvin Kaar, How is the country getting ready for the main flood season?, 2025-06-12, ¶" in out
    assert "(ministry-water-2025-06-12.txt, line" in out


@pytest.mark.model
def test_info_and_environment_variable(cli_index):
    code, out, err = run("info", env={"TQA_INDEX": str(cli_index)})
    assert code == 0, err
    assert "all-MiniLM-L6-v2 (384 dimensions" in out and "transport-briefing.txt  2024-11-05" in out
    assert "unchanged since this build" in out
    code, out, _ = run("info", "--index", str(cli_index), "--json")
    assert json.loads(out)["counts"]["documents"] == 4


@pytest.mark.model
def test_building_again_with_nothing_changed_says_so_and_keeps_the_version(cli_index):
    before = sorted(p.name for p in cli_index.iterdir())
    code, out, err = run("build", str(SAMPLES), "--index", str(cli_index))
    assert code == 0, err
    assert "is up to date" in out and "nothing was written" in out and "--force" in out
    assert sorted(p.name for p in cli_index.iterdir()) == before


@pytest.mark.parametrize("args, fragment", [
    (["ask", "", "--index", "{tmp}"], "the question is empty"),
    (["ask", "hello", "--index", "{tmp}/missing"], "there is no index at"),
    (["ask", "hello", "-k", "0", "--index", "{tmp}"], "from 1 to 50"),
    (["ask", "hello", "--from", "yesterday", "--index", "{tmp}"], "date from must be a date"),
    (["build", "{tmp}/nowhere", "--index", "{tmp}/i"], "does not exist"),
    (["build", "--index", "{tmp}/i"], "name the transcripts folder"),
    (["build", str(SAMPLES), "--index", "{tmp}/i", "--chunk-tokens", "3"], "from 16 to 8192"),
    (["info", "--index", "{tmp}"], "there is no index at"),
    (["serve", "--auth", "nopassword", "--index", "{tmp}"], "USER:PASSWORD"),
    (["ask"], "the following arguments are required: question"),
    (["frobnicate"], "invalid choice"),
])
def test_every_user_error_is_one_line_and_non_zero(tmp_path, args, fragment):
    code, out, err = run(*[a.format(tmp=tmp_path) for a in args], env={"TQA_CORPUS": ""})
    assert_one_line_error(code, err, fragment)


def test_a_corrupt_index_is_refused_in_one_line(tmp_path):
    (tmp_path / "CURRENT").write_text("v20250101T000000-abcdef\n")
    (tmp_path / "v20250101T000000-abcdef").mkdir()
    (tmp_path / "v20250101T000000-abcdef" / "manifest.json").write_text("{broken")
    code, out, err = run("info", "--index", str(tmp_path))
    assert_one_line_error(code, err, "unreadable")


@pytest.mark.model
def test_eval_prints_one_table_with_a_row_per_system_and_part(cli_index, tmp_path):
    questions = tmp_path / "questions-samples.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "s1", "question": "How many residents are covered by evacuation plans?", "kind": "numeric",
         "answers": [{"file": "ministry-water-2025-06-12.txt", "substring": "3.75 million residents"}]},
        {"id": "s2", "question": "What is the recipe for banana bread?", "kind": "unanswerable", "answers": []},
    ]) + "\n", encoding="utf-8")
    code, out, err = run("eval", str(questions), "--index", str(cli_index), "--baselines")
    assert code == 0, err
    rows = [line.split("|")[1:3] for line in out.splitlines() if line.startswith("| samples ")]
    assert [system.strip() for _, system in rows] == ["transcript-qa", "dense", "bm25", "rrf"]
    assert "By kind (transcript-qa):" in out
    code, out, err = run("eval", str(questions), "--index", str(cli_index), "--json", "--k", "5")
    assert code == 0, err
    report = json.loads(out)
    assert report["k"] == 5 and report["systems"] == ["transcript-qa"]
    (summary,) = report["summaries"]
    assert summary["part"] == "samples" and summary["answerable"] == 1 and summary["hit5"] == 1.0
    assert [r["id"] for r in report["results"]["transcript-qa"]] == ["s1", "s2"]


@pytest.mark.parametrize("content, fragment", [
    (None, "there is no question file"),
    ('{"id": "x1", "question": "Q?", "answers": []}\nnot json\n', "questions.jsonl:2: not JSON"),
    ('{"question": "Q?", "answers": []}\n', "a question needs id, question and answers"),
    ("\n", "hold no questions"),
])
def test_eval_mistakes_are_one_line(tmp_path, content, fragment):
    path = tmp_path / "questions.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run("eval", str(path), "--index", str(tmp_path / "missing-index"))
    assert_one_line_error(code, err, fragment)


def test_eval_needs_questions_or_a_suite_and_a_bad_suite_is_one_line(tmp_path):
    code, out, err = run("eval", "--index", str(tmp_path))
    assert_one_line_error(code, err, "name the question files, or a suite with --suite")
    suite = tmp_path / "suite.json"
    suite.write_text('{"corpora": [{"name": "x", "folder": "gone", "sets": ["q.jsonl"]}]}', encoding="utf-8")
    code, out, err = run("eval", "--suite", str(suite), "--work", str(tmp_path / "work"))
    assert_one_line_error(code, err, "is not there")


def test_serving_on_a_port_in_use_is_one_line(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run("serve", "--index", str(tmp_path), "--port", str(port))
    assert_one_line_error(code, err, f"port {port} on 127.0.0.1 is already in use")
