"""Any bytes read as a plain or Markdown transcript: a DecodeError, or turns in order, apart,
within the text, and chunks that quote the text exactly."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus
from conftest import FakeEmbedder
from corpus import ChunkSettings, DecodeError, transcript_from_bytes

_WORDS = st.sampled_from(["the", "budget", "Okay.", "OKAY.", "What", "is", "it?", "Yes.", "Q", "A", "--", "—",
                          "CHAIR", "POWELL.", "Ms.", "LEE", "said:", "12:21", "(laughter)", "&amp;", "\\[", "**"])
_NAME = st.sampled_from(["MS. LEE", "Ms. Lee", "LEE", "Ann Lee", "Bo Chen", "SPEAKER_00", "Speaker 1",
                         "THE CHAIR", "Operator", "CHAIR POWELL", "Jos&eacute; Ortega", "Break", "Q", "A"])
_TIME = st.sampled_from(["[00:01:23]", "\\[12:21\\]", "(0:03)", "1:59 P.M. EDT", "0:03"])
_SPACE = st.sampled_from([" ", "  ", "\u00a0", "\u00a0\u00a0\u00a0 ", "\t", "\u2060", ""])


@st.composite
def _line(draw):
    words = " ".join(draw(st.lists(_WORDS, max_size=12)))
    shape = draw(st.integers(0, 9))
    name, time, space = draw(_NAME), draw(_TIME), draw(_SPACE)
    return [
        f"{name}:{space}{words}", f"{space}{name}.{space}{words}", f"**{name}:** {time} {words}",
        f"{time} {name}: {words}", f"{name}  {time}", f"{name} {time}: {words}", f"{name} -- Chief Analyst",
        f"Q{space}{words}", words, draw(st.text(max_size=40)),
    ][shape]


@st.composite
def _document(draw):
    lines = draw(st.lists(_line(), max_size=14))
    breaks = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n\u00a0\n", "\r\n\r\n"]), min_size=len(lines), max_size=len(lines)))
    body = "".join(line + brk for line, brk in zip(lines, breaks))
    if draw(st.booleans()):
        title = draw(st.sampled_from(['"A \\_title"', "[a, b", "2024-13-45", "'Plain'", '"two\n  lines"']))
        body = f"---\ntitle: {title}\ndate: {draw(st.sampled_from(['2025-01-29', '2024-13-45', 'x']))}\n---\n" + body
    return body.encode("utf-8")


def _check(data: bytes, name: str) -> None:
    try:
        t = transcript_from_bytes(data, name)
    except DecodeError:
        return
    end = 0
    for turn in t.turns:
        assert end <= turn.start < turn.end <= len(t.text)
        end = turn.end
    for c in corpus.chunk_transcript(t, corpus.paragraphs(t.text), FakeEmbedder(), ChunkSettings(max_tokens=32)):
        assert t.text[c.start:c.end] == c.text
        turn = t.turns[c.turn_index]
        assert turn.start <= c.start and c.end <= turn.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document(), st.sampled_from(["t.md", "t.txt"]))
def test_transcript_layouts_keep_the_contracts(data, name):
    _check(data, name)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["t.md", "t.txt"]))
def test_any_bytes_keep_the_contracts(data, name):
    _check(data, name)
