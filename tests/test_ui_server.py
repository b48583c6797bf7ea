"""The served app over HTTP: the `ask` API through gradio_client, questions answered during a
rebuild, the login, and what is bound by default."""

import base64
import json
import shutil
import threading

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from assistant import Assistant
from assistant.cli import build_parser
from assistant.formatting import answer_json
from ui.state import AppState
from uikit import copy_library, served

# Gradio's queue trips pandas deprecation warnings of its own; they say nothing about this app.
pytestmark = [pytest.mark.model, pytest.mark.filterwarnings("ignore::Warning:gradio.queueing")]

FLOOD = "How fast does a flood warning reach a village?"


def client(url, **kw):
    return Client(url, verbose=False, analytics_enabled=False, download_files=False, **kw)


@pytest.fixture(scope="module")
def library(ui_library, tmp_path_factory):
    return copy_library(*ui_library, tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def app(library, real_embedder):
    corpus, index = library
    state = AppState(index, corpus, embedder=real_embedder)
    with served(state) as (blocks, url):
        yield state, blocks, url


def test_ask_api_returns_what_the_cli_prints_as_json(app, real_embedder):
    state, _, url = app
    got = client(url).predict(FLOOD, 3, api_name="/ask")
    expected = json.loads(answer_json(Assistant.open(state.index_dir, embedder=real_embedder).ask(FLOOD, k=3)))
    assert got == expected
    assert len(got["passages"]) == 3 and set(got) == {"question", "passages", "low_confidence", "confidence", "note"}
    for p in got["passages"]:
        c = p["citation"]
        assert set(c) == {"file", "title", "date", "speaker", "paragraph", "line_start", "line_end", "start", "end",
                          "time", "page", "asker"}
        source = (state.corpus_dir / c["file"]).read_text(encoding="utf-8")
        assert source[c["start"]:c["end"]] == p["quote"]


def test_ask_api_takes_filters_by_name(app):
    _, _, url = app
    got = client(url).predict("fares", 2, ["Oskar Lind"], ["transport-briefing.txt"], "2024-01-01", "2024-12-31",
                              api_name="/ask")
    assert got["passages"] and {p["citation"]["speaker"] for p in got["passages"]} == {"Oskar Lind"}


def test_ask_api_errors_are_one_line(app):
    _, _, url = app
    with pytest.raises(AppError, match="the question is empty"):
        client(url).predict("", 5, api_name="/ask")
    with pytest.raises(AppError, match="date to must be a date"):
        client(url).predict("fares", 5, None, None, None, "soon", api_name="/ask")


def test_only_ask_is_offered_as_an_api(app):
    _, _, url = app
    endpoints = client(url).view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert list(endpoints) == ["/ask"]


def test_questions_keep_being_answered_during_a_rebuild(app, shared_dir):
    state, _, url = app
    newcomer = "004_40cb82d31b7e46dc.txt"
    shutil.copy2(shared_dir / newcomer, state.corpus_dir / newcomer)  # real embedding work for the rebuild
    before = state.assistant().index.version
    result, failures, during = {}, [], []
    done = threading.Event()

    def rebuild():
        try:
            result["report"] = state.rebuild()
        except Exception as exc:  # reported by the assertions below
            failures.append(repr(exc))
        finally:
            done.set()

    def ask_until_done(n):
        c = client(url)
        questions = [FLOOD, "Will metro fares change?", "How did the economy do in the first quarter?",
                     "How many cooling centers are open?"]
        i = 0
        while not done.is_set() or i < 2:
            try:
                rebuilding = state.rebuilding
                got = c.predict(questions[(n + i) % len(questions)], 3, api_name="/ask")
                assert len(got["passages"]) == 3
                if rebuilding and not done.is_set():
                    during.append(n)
            except Exception as exc:  # reported by the assertions below
                failures.append(repr(exc))
            i += 1

    builder = threading.Thread(target=rebuild)
    askers = [threading.Thread(target=ask_until_done, args=(n,)) for n in range(4)]
    builder.start()
    for t in askers:
        t.start()
    for t in [builder, *askers]:
        t.join(300)
    assert failures == []
    assert result["report"].documents == 6
    assert len(during) >= 4 and len(set(during)) == 4  # every asker was answered while the rebuild ran
    assert state.assistant().index.version != before
    got = client(url).predict("industry and information technology in the first quarter", 2, None, [newcomer],
                              api_name="/ask")
    assert {p["citation"]["file"] for p in got["passages"]} == {newcomer}


def test_serve_binds_localhost_without_a_share_link_by_default(app):
    _, blocks, _ = app
    assert blocks.server_name == "127.0.0.1" and not blocks.share and blocks.share_url is None
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.share, args.auth) == ("127.0.0.1", 7860, False, None)


def test_a_login_is_required_for_the_whole_app(library, real_embedder):
    corpus, index = library
    with served(AppState(index, corpus, embedder=real_embedder), auth=("reader", "s3cret:pass")) as (_, url):
        good = "Basic " + base64.b64encode(b"reader:s3cret:pass").decode()
        wrong = "Basic " + base64.b64encode(b"reader:nope").decode()
        for path in ("", "config", "gradio_api/info", "gradio_api/openapi.json", "theme.css",
                     "gradio_api/upload_progress"):
            for headers in ({}, {"Authorization": wrong}, {"Authorization": "Bearer x"},
                            {"Authorization": "Basic !!!"}):
                r = httpx.get(url + path, headers=headers)
                assert r.status_code == 401, (path, headers)
                assert r.headers["www-authenticate"].startswith('Basic realm="transcript-qa"')
                assert "Edvin" not in r.text and "tqa-" not in r.text
        assert httpx.get(url, headers={"Authorization": good}).status_code == 200
        r = httpx.post(url + "gradio_api/call/ask", json={"data": [FLOOD, 1]})
        assert r.status_code == 401
        # The results' exports are asked of the server too, behind the same login.
        r = httpx.post(url + "gradio_api/component_server", json={"data": ["?q=x", "json"], "fn_name": "takeaway"})
        assert r.status_code == 401
        with pytest.raises(Exception):
            client(url)
        got = client(url, httpx_kwargs={"auth": ("reader", "s3cret:pass")}).predict(FLOOD, 1, api_name="/ask")
        assert len(got["passages"]) == 1

