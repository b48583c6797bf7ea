"""Unclear refusals (issue 15, finding 8): each mistake is refused in one line that says what is wrong,
in the CLI, the API and the page. Over an index built with the fake embedder."""

import html
import re
import json
import os
import tempfile

import gradio as gr
import httpx
import pytest

from assistant import Assistant, Filters
from assistant.cli import main
from assistant.errors import QuestionError
from assistant.formatting import answer_text
from assistant.records import Answer
from conftest import SAMPLES, FakeEmbedder
from index import IndexRefused, build_index, current_version, open_index
from index.manifest import checksum
from ui.handlers import Handlers
from ui.state import AppState
from uikit import served

HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("refusals")
    corpus = root / "corpus"
    corpus.mkdir()
    for p in SAMPLES.iterdir():
        (corpus / p.name).write_bytes(p.read_bytes())
    build_index(corpus, root / "index", embedder=FakeEmbedder())
    return corpus, root / "index"


@pytest.fixture
def handlers(library):
    corpus, index = library
    return Handlers(AppState(index, corpus, embedder=FakeEmbedder()))


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(gr.Error) as info:
        call(*args, **kwargs)
    message = info.value.message
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_speaker_given_as_a_string_is_one_name_not_its_letters(handlers):
    got = handlers.ask_json("fares and passenger trips", 4, "Oskar Lind")
    assert got["passages"] and {p["citation"]["speaker"] for p in got["passages"]} == {"Oskar Lind"}
    # Before, "Zhao" became the filters Z, h, a, o, each matching some speaker by a part of the name.
    assert "no speaker matches 'Zhao'" in refused(handlers.ask_json, "fares", 4, "Zhao")
    docs = handlers.ask_json("fares", 3, None, "transport-briefing.txt")
    assert {p["citation"]["file"] for p in docs["passages"]} == {"transport-briefing.txt"}


@pytest.mark.parametrize("speakers, docs, date_from, fragment", [
    (5, None, None, "speakers must be a name or a list of names, not 5"),
    ([1, 2], None, None, "speakers must be a name or a list of names, not [1, 2]"),
    (None, {"a": 1}, None, "documents must be a name or a list of names"),
    (None, None, 20240101, "the from date must be a date like 2023-04-20, not 20240101"),
    (None, None, "yesterday", "date from must be a date like 2023-04-20, not 'yesterday'"),
])
def test_filters_of_the_wrong_kind_are_refused_in_one_line(handlers, speakers, docs, date_from, fragment):
    assert fragment in refused(handlers.ask_json, "fares", 3, speakers, docs, date_from)


def test_api_refusals_arrive_as_written_and_page_refusals_escaped(handlers):
    api = refused(handlers.ask_json, "fares", 3, [HOSTILE])
    assert HOSTILE in api and "&lt;" not in api
    # The page says it where the cards were, escaped like every piece of text it shows.
    cards, shown = handlers.ask("fares", 3, [HOSTILE], None, None, None)
    assert shown.answer is None and "&lt;img" in cards and "<img" not in cards
    shown_text = html.unescape(re.sub(r"<[^>]+>", "", cards))
    assert shown_text == api[:1].upper() + api[1:]


def test_an_impossible_date_range_is_refused_not_answered_with_nothing(library):
    assistant = Assistant.open(library[1], embedder=FakeEmbedder())
    with pytest.raises(QuestionError) as info:
        assistant.ask("fares", date_from="1900-01-01", date_to="1900-12-31")
    message = str(info.value)
    assert message.startswith("no transcript in this index is dated from 1900-01-01 to 1900-12-31; its transcripts "
                              "are dated 20") and "\n" not in message
    # Filters that each match but not together.
    with pytest.raises(QuestionError, match="no passage matches these filters together .*speaker 'Oskar Lind'"):
        assistant.ask("fares", speaker="Oskar Lind", doc="heatwave-news.txt")
    # An empty answer never also calls itself "the nearest passages".
    text = answer_text(Answer("q", (), True))
    assert "No passages found." in text and "nearest passages" not in text


def test_a_date_in_basic_iso_form_is_the_same_day(library):
    assert Filters(date_from="20241101").date_from == "2024-11-01"
    assistant = Assistant.open(library[1], embedder=FakeEmbedder())
    a = assistant.ask("passenger trips", k=3, filters=Filters(date_from="20241101", date_to="20241130"))
    b = assistant.ask("passenger trips", k=3, filters=Filters(date_from="2024-11-01", date_to="2024-11-30"))
    assert a == b and a.passages


def test_serve_with_a_port_out_of_range_is_one_line(capsys):
    with pytest.raises(SystemExit) as info:
        main(["serve", "--port", "99999", "--index", "/nonexistent"])
    err = capsys.readouterr().err
    assert info.value.code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "99999 is not a port; give one from 1 to 65535" in err


def test_a_manifest_dimension_written_as_text_is_named_as_the_problem(library, tmp_path):
    import shutil

    root = shutil.copytree(library[1], tmp_path / "index")
    path = root / current_version(root) / "manifest.json"
    raw = json.loads(path.read_text())
    raw["model"]["dimension"] = "64"
    raw["checksum"] = checksum(raw)
    path.write_text(json.dumps(raw))
    with pytest.raises(IndexRefused) as info:
        open_index(root, embedder=FakeEmbedder())
    # Before: "holds 386 vectors of dimension 384, but its manifest says 386 of dimension 384".
    assert "model.dimension is '64', not a whole number" in str(info.value)


@pytest.mark.filterwarnings("ignore::Warning:gradio.queueing")
def test_uploads_named_like_dotfiles_get_a_reason_not_a_bare_error(library, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    state = AppState(library[1], corpus, embedder=FakeEmbedder())
    # Gradio refuses dotfiles in its upload folder when the server runs from a folder that holds it.
    monkeypatch.chdir(tempfile.gettempdir())
    with served(state) as (app, url):
        said = {name: _upload(app, url, name, f"Ana Ruiz: hello from {name}.\n".encode())
                for name in (".hidden.txt", "...txt", "..\\..\\win.txt")}
    assert said[".hidden.txt"].startswith("added hidden.txt")
    assert said["...txt"].startswith("...txt has no usable file name; rename it")
    assert said["..\\..\\win.txt"].startswith("added win.txt")
    assert sorted(os.listdir(corpus)) == ["hidden.txt", "win.txt"]


def _upload(app, url: str, name: str, data: bytes) -> str:
    """Upload one file as the page does (to Gradio's upload route, then the component's upload event);
    the text the page shows beside it, or the error Gradio reports."""
    stored = httpx.post(url + "gradio_api/upload", files={"files": (name, data, "text/plain")}).json()[0]
    config = httpx.get(url + "config").json()
    box = next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "tqa-upload")
    fn = next(i for i, d in enumerate(config["dependencies"])
              if any(t[0] == box and t[1] == "upload" for t in d["targets"]))
    session = os.urandom(6).hex()
    httpx.post(url + "gradio_api/queue/join", json={
        "data": [[{"path": stored, "orig_name": name, "meta": {"_type": "gradio.FileData"}}]],
        "fn_index": fn, "session_hash": session, "event_data": None, "trigger_id": box})
    with httpx.stream("GET", url + "gradio_api/queue/data", params={"session_hash": session}, timeout=30) as events:
        for line in events.iter_lines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                if event.get("msg") == "process_completed":
                    output = event.get("output") or {}
                    return output["data"][0] if event.get("success") else f"error: {output.get('error')}"
    raise AssertionError("the upload event never completed")


def test_output_cut_short_by_its_reader_is_no_traceback(tmp_path):
    """`transcript-qa parse FILE | head -1`: the reader closes the pipe early; nothing to complain about."""
    import subprocess
    import sys

    from conftest import REPO

    big = tmp_path / "long.txt"
    big.write_text("".join(f"Ana Ruiz: Statement number {i} about the ferry timetable.\n\n" for i in range(3000)),
                   encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "parse", str(big)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"File:")
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 141 and err == ""
