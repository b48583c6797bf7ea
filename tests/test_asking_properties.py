"""Any string as a question or a filter gets an answer or one clear refusal (issue 15): through
`Assistant.ask`, the API handler, and the command line (in-process over the fake model, and a few
examples as real processes over the bundled one). Properties found by Hypothesis."""

import json
import os
import subprocess
import sys
from dataclasses import asdict

import gradio as gr
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assistant import Answer, Assistant, Filters
from assistant.cli import main
from conftest import REPO, FakeEmbedder
from corpus import TranscriptQAError
from ui.handlers import Handlers
from ui.state import AppState

# Any text, surrogates and control characters included, with the names and dates the index holds mixed in
# so that some examples get past the filters to the search itself.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)
NEAR = st.sampled_from(["Oskar Lind", "oskar", "Runa Falk", "VNT reporter", "transport-briefing.txt",
                        "heatwave", "2024-11-01", "2025-06-12", "20241101", "", " ", "2024-02-30", "0001-01-01"])
TEXT = st.one_of(ANY_TEXT, NEAR)
QUESTION = st.one_of(ANY_TEXT, st.sampled_from(["fares", "How many residents are covered by evacuation plans?",
                                                "2.61", "Q1 GDP?", "?", "'", '"', "*", "NEAR(a b)", "a OR b"]),
                     st.text(max_size=1200))
SOMETHING = st.one_of(st.none(), TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(),
                      st.lists(TEXT, max_size=3), st.lists(st.integers(), max_size=2),
                      st.dictionaries(TEXT, TEXT, max_size=2))
# Filters are mostly absent, so that many examples reach the search and come back with an answer.
MOSTLY_NONE = lambda values: st.one_of(st.none(), st.none(), st.none(), values)  # noqa: E731
PROFILE = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def assistant(fake_index):
    return Assistant.open(fake_index, embedder=FakeEmbedder())


def one_line(message: str) -> None:
    assert message.strip() and "\n" not in message and "Traceback" not in message


@settings(max_examples=400, **PROFILE)
@given(question=QUESTION, speakers=MOSTLY_NONE(st.lists(TEXT, max_size=3)), docs=MOSTLY_NONE(st.lists(TEXT, max_size=2)),
       date_from=MOSTLY_NONE(TEXT), date_to=MOSTLY_NONE(TEXT), k=st.integers(-2, 60))
def test_assistant_ask_answers_or_refuses_in_one_line(assistant, question, speakers, docs, date_from, date_to, k):
    try:
        answer = assistant.ask(question, k=k, speaker=speakers, doc=docs, date_from=date_from, date_to=date_to)
    except TranscriptQAError as exc:
        one_line(str(exc))
        event("refused")
        return
    event("answered")
    assert isinstance(answer, Answer) and 1 <= len(answer.passages) <= k
    json.dumps(asdict(answer), ensure_ascii=False).encode("utf-8")  # printable as the CLI and API print it
    for p in answer.passages:
        text = assistant.source_text(p.citation.file)
        assert text[p.citation.start:p.citation.end] == p.quote


@settings(max_examples=400, **PROFILE)
@given(question=st.one_of(QUESTION, QUESTION, SOMETHING),
       k=st.one_of(st.integers(-1, 60), st.integers(1, 20), st.floats(0, 30), SOMETHING),
       speakers=MOSTLY_NONE(SOMETHING), docs=MOSTLY_NONE(SOMETHING), date_from=MOSTLY_NONE(SOMETHING),
       date_to=MOSTLY_NONE(SOMETHING))
def test_the_api_handler_answers_or_refuses_in_one_line(fake_index, question, k, speakers, docs, date_from, date_to):
    handlers = _handlers(fake_index)
    try:
        got = handlers.ask_json(question, k, speakers, docs, date_from, date_to)
    except gr.Error as exc:
        one_line(exc.message)
        event("refused")
        return
    event("answered")
    assert set(got) == {"question", "passages", "low_confidence", "confidence", "note"} and got["passages"]
    json.dumps(got, ensure_ascii=False).encode("utf-8")


@settings(max_examples=200, **PROFILE)
@given(question=st.one_of(QUESTION, NEAR), k=st.integers(1, 20), speakers=MOSTLY_NONE(st.lists(NEAR, max_size=2)),
       docs=MOSTLY_NONE(st.lists(TEXT, max_size=2)), date_from=MOSTLY_NONE(NEAR), date_to=MOSTLY_NONE(NEAR))
def test_the_api_handler_with_well_formed_values(fake_index, question, k, speakers, docs, date_from, date_to):
    test_the_api_handler_answers_or_refuses_in_one_line.hypothesis.inner_test(
        fake_index, question, k, speakers, docs, date_from, date_to)


_HANDLERS = {}


def _handlers(index) -> Handlers:
    if index not in _HANDLERS:
        _HANDLERS[index] = Handlers(AppState(index, embedder=FakeEmbedder()))
    return _HANDLERS[index]


# The command line takes what a shell can pass: no NUL, no lone surrogates.
ARG = st.one_of(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=60), NEAR)


@settings(max_examples=150, **PROFILE)
@given(question=ARG, speaker=MOSTLY_NONE(ARG), doc=MOSTLY_NONE(ARG), date_from=MOSTLY_NONE(ARG),
       k=MOSTLY_NONE(ARG), as_json=st.booleans())
def test_the_cli_answers_or_refuses_in_one_line(fake_index, monkeypatch, capsys, question, speaker, doc, date_from,
                                                k, as_json):
    import index.opening

    monkeypatch.setattr(index.opening, "load_embedder", lambda spec: FakeEmbedder())
    argv = ["ask", question, "--index", str(fake_index)] + _options(speaker, doc, date_from, k, as_json)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: an option it cannot take
        code = exc.code
    out, err = capsys.readouterr()
    event("answered" if code == 0 else "refused")
    if code == 0:
        assert out.strip() and not err
        if as_json:
            assert json.loads(out)["passages"]
    else:
        assert code in (1, 2) and not out
        one_line(err.rstrip("\n"))


def _options(speaker, doc, date_from, k, as_json) -> list[str]:
    options = []
    for flag, value in (("--speaker", speaker), ("--doc", doc), ("--from", date_from), ("-k", k)):
        if value is not None:
            options += [f"{flag}={value}"]  # "=" so that a value starting with "-" stays a value
    return options + (["--json"] if as_json else [])


@pytest.mark.model
@settings(max_examples=6, **PROFILE)
@given(question=ARG, speaker=st.one_of(st.none(), ARG), date_from=st.one_of(st.none(), ARG))
def test_the_cli_process_answers_or_refuses_in_one_line(sample_index, question, speaker, date_from):
    argv = [sys.executable, "-m", "assistant", "ask", question, "--index", str(sample_index), "--json"]
    argv += _options(speaker, None, date_from, None, False)
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})
    event("answered" if proc.returncode == 0 else "refused")
    if proc.returncode == 0:
        assert json.loads(proc.stdout)["passages"]
    else:
        assert proc.returncode in (1, 2) and not proc.stdout
        one_line(proc.stderr.rstrip("\n"))


def test_filters_hold_only_text():
    with pytest.raises(TranscriptQAError, match="each speaker filter must be a name"):
        Filters(speakers=(5,))
    with pytest.raises(TranscriptQAError, match="each document filter must be a name"):
        Filters(docs=("\ud800",))
