"""The caption, speech-to-text and Hansard files of ../shared/corpora, read end to end.

Skipped when ../shared is absent. Each file: the speakers found, their roles, clean
names, times on every turn of a timed file, columns on Hansard, and the verbatim and
one-speaker contracts for every chunk.
"""

import re

import pytest

import corpus
from conftest import REPO, FakeEmbedder
from corpus import ROLES, ChunkSettings, SourceMap, chunk_transcript, paragraphs, transcript_from_bytes

CORPORA = REPO.parent / "shared" / "corpora"
W3C = "subtitles/w3c-mlws-2020-ls_joc_cognitive.vtt"
ZOOM = "subtitles/ethereum-acde-241-2026-07-16-zoom-transcript.vtt"
OAKLAND = "subtitles/cdp-oakland-council-2022-08-09-captions.vtt"
SEATTLE = "subtitles/cdp-seattle-council-briefing-2021-08-02-captions.vtt"
WHISPER = "subtitles/cdp-seattle-council-whisper-output.json"
HANSARD = "parliament/westminster2009-10-29a.xml"
TIMED = (W3C, ZOOM, OAKLAND, SEATTLE, WHISPER)
ALL = (*TIMED, HANSARD)
_CUE_TIMING = re.compile(r"^\s*((?:\d+:)?\d{2}:\d{2}\.\d{3})\s*-->\s*((?:\d+:)?\d{2}:\d{2}\.\d{3})")

_cache: dict[str, corpus.Transcript] = {}


def _read(rel: str) -> corpus.Transcript:
    path = CORPORA / rel
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared corpora are not next to the repository")
    if rel not in _cache:
        _cache[rel] = transcript_from_bytes(path.read_bytes(), path.name)
    return _cache[rel]


def _named(t) -> set[str]:
    return {turn.speaker for turn in t.turns if turn.speaker}


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.split(":")]
    return round(sum(p * 60 ** i for i, p in enumerate(reversed(parts))), 3)


def test_w3c_talk_two_speakers_from_voice_tags_that_mark_only_changes():
    t = _read(W3C)
    assert _named(t) == {"Josh", "Lisa"}
    assert all(turn.speaker for turn in t.turns)
    assert [turn.speaker for turn in t.turns[:4]] == ["Josh", "Lisa", "Josh", "Lisa"]
    assert {turn.role for turn in t.turns} <= {"host", "official"}
    assert t.title == "w3c mlws 2020 ls joc cognitive"  # the file name's, not the first cue
    josh = t.turns[0]
    assert t.text[josh.start:josh.end].startswith("Hi, welcome to our cognitive accessibility and machine learning")


def test_zoom_call_names_lowercase_affiliated_and_once_only():
    t = _read(ZOOM)
    assert _named(t) == {"nixo", "Stefan Starflinger", "Pooja Ranjan", "Dustin", "Nico Flaig",
                         "Justin Florentine", "Akash"}
    labels = {turn.label for turn in t.turns}
    assert {"Justin Florentine (Besu)", "Akash | ECH"} <= labels
    assert all(turn.role in ("host", "official") for turn in t.turns)
    assert "Justin Florentine (Besu): Good morning, Ethereum." in t.text
    assert t.date == "2026-07-16"


def test_oakland_broadcast_captions_changes_without_names():
    t = _read(OAKLAND)
    assert _named(t) == set()
    assert {turn.role for turn in t.turns} == {"narrator"}
    assert len(t.turns) > 50  # a turn at every ">>"
    assert ">>" not in t.text
    texts = [t.text[turn.start:turn.end] for turn in t.turns]
    assert "good morning, welcome to" in texts[1] and texts[2] == "present."


def test_seattle_all_caps_captions_with_escaped_changes_and_cue_settings():
    t = _read(SEATTLE)
    assert _named(t) == set()
    assert "&gt;" not in t.text and ">>" not in t.text and "align:" not in t.text
    texts = [t.text[turn.start:turn.end] for turn in t.turns]
    assert texts[1:5] == ["JUAREZ?", "HERE.", "LEWIS?", "PRESENT."]


def test_cdp_whisper_sentences_all_read_with_their_times():
    t = _read(WHISPER)
    assert _named(t) == set()
    assert t.text.startswith("Good morning, everyone. It is just a little bit after 9.30")
    assert len(t.segments) == 30
    assert t.turns[0].time[0] == 0.0 and 140 < t.turns[-1].time[1] < 145


def test_hansard_debate_speakers_chair_columns_and_narration():
    t = _read(HANSARD)
    assert _named(t) == {"Paddy Tipping", "Simon Hughes", "Charles Hendry", "Nicholas Winterton",
                         "David Kidney", "Robert Smith", "Michael Weir"}
    assert {turn.speaker for turn in t.turns if turn.role == "host"} == {"Nicholas Winterton"}
    assert t.title == "Oil and Gas" and t.date == "2009-10-29"
    assert "Several hon. Members rose—" in t.text
    pages = [turn.page for turn in t.turns]
    assert all(p is not None for p in pages) and pages == sorted(pages) and (pages[0], pages[-1]) == (143, 178)
    speeches = [turn for turn in t.turns if turn.speaker]
    assert all(turn.time is not None for turn in speeches)
    assert speeches[0].time == (14.5 * 3600, 14.5 * 3600)
    starts = [turn.time[0] for turn in t.turns if turn.time]
    assert starts == sorted(starts)
    assert "&mdash;" not in t.text and "—" in t.text


@pytest.mark.parametrize("rel", ALL)
def test_names_roles_and_the_chunk_contracts(rel):
    t = _read(rel)
    for turn in t.turns:
        assert turn.role in ROLES
        assert turn.speaker is None or not re.search(r"[\d<>&*_\[\]{}]", turn.speaker), turn.speaker
        assert t.text[turn.start:turn.end].strip()
    chunks = chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), ChunkSettings())
    assert chunks
    for c in chunks:
        assert t.text[c.start:c.end] == c.text
        turn = t.turns[c.turn_index]
        assert turn.start <= c.start and c.end <= turn.end
        assert c.speaker == turn.speaker


@pytest.mark.parametrize("rel", TIMED)
def test_timed_files_have_increasing_times_on_every_turn(rel):
    t = _read(rel)
    assert all(turn.time is not None for turn in t.turns)
    starts = [turn.time[0] for turn in t.turns]
    assert starts == sorted(starts)
    assert all(turn.time[0] <= turn.time[1] for turn in t.turns)


@pytest.mark.parametrize("rel", (W3C, ZOOM, OAKLAND, SEATTLE))
def test_a_passage_time_lies_within_the_cue_times_of_its_words(rel):
    t = _read(rel)
    lines = (CORPORA / rel).read_bytes().decode("utf-8-sig").splitlines()

    def cue_time(line: int) -> tuple[float, float]:
        for i in range(line - 2, -1, -1):
            m = _CUE_TIMING.match(lines[i])
            if m:
                return _seconds(m.group(1)), _seconds(m.group(2))
        raise AssertionError(f"no cue timing above line {line}")

    cue_of = {s.start: cue_time(s.line) for s in t.segments}
    for s in t.segments:
        lo, hi = cue_of[s.start]
        assert lo <= s.time[0] <= s.time[1] <= hi
        assert t.text[s.start:s.end].split()[0].strip(">").lower() in lines[s.line - 1].lower()
    places = SourceMap.of(t)
    for c in chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), ChunkSettings()):
        cues = [cue_of[s.start] for s in t.segments if s.start < c.end and c.start < s.end]
        start, end = places.time(c.start, c.end)
        assert min(lo for lo, _ in cues) <= start <= end <= max(hi for _, hi in cues)
