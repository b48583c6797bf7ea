"""Speaker layouts beyond the first corpus: White House briefings, a podcast, and fixtures we wrote
for the layouts no shared file has (Q/A interviews, full-stop labels, timed labels, Otter,
diarised labels, earnings calls, hearings, court arguments, text with no labels)."""

import re
from pathlib import Path

import pytest

import corpus
from conftest import REPO, FakeEmbedder
from corpus import ChunkSettings, read_transcript

CORPORA = REPO.parent / "shared" / "corpora"
FIXTURES = Path(__file__).parent / "fixtures" / "layouts"
WH = {
    "psaki": "whitehouse/2021-03-23-press-gaggle-by-press-secretary-jen-psaki-aboard-air-force-one-en-route-columbus-ohio.md",
    "jean-pierre": "whitehouse/2023-01-17-press-briefing-by-press-secretary-karine-jean-pierre-january-17-2023.md",
    "leavitt": "whitehouse/2025-01-29-press-briefing-by-press-secretary-karoline-leavitt.md",
}
PODCAST = "interviews/the-changelog-501.md"
REAL = [*WH.values(), PODCAST]
FIXTURE_FILES = sorted(p.name for p in FIXTURES.iterdir())
DIARISED = {"diarised.txt", "diarised-numbered.txt"}  # names a tool wrote with numbers, kept as written


def real(path: str):
    root = CORPORA
    if not (root / path).is_file():
        pytest.skip(f"the shared corpora are not at {root}")
    return read_transcript(root / path, root)


def fixture(name: str):
    return read_transcript(FIXTURES / name, FIXTURES)


def said(t, turn):
    return t.text[turn.start:turn.end]


def roles(t) -> dict[str, str]:
    return {u.speaker: u.role for u in t.turns if u.speaker}


# -- what each file says --------------------------------------------------------------

@pytest.mark.parametrize("key, title, date, speakers, turns", [
    ("psaki", "Press Gaggle by Press Secretary Jen Psaki Aboard Air Force One en route Columbus, Ohio",
     "2021-03-23", {"MS. PSAKI": "official", "Q": "reporter"}, 105),
    ("jean-pierre", "Press Briefing by Press Secretary Karine Jean-Pierre, January 17, 2023", "2023-01-17",
     {"MS. JEAN-PIERRE": "official", "COACH KERR": "official", "MR. CURRY": "official", "Q": "reporter",
      "WHITE HOUSE AIDE": "official"}, 159),
    ("leavitt", "Press Briefing by Press Secretary Karoline Leavitt", "2025-01-29",
     {"MS. LEAVITT": "official", "Q": "reporter"}, 199),
])
def test_white_house_briefings(key, title, date, speakers, turns):
    t = real(WH[key])
    assert (t.title, t.date) == (title, date)
    assert roles(t) == speakers
    assert len(t.turns) == turns
    assert t.turns[0].role == "narrator"  # the time the briefing began


def test_white_house_reporters_are_bare_q_and_their_words_are_never_a_name():
    t = real(WH["leavitt"])
    questions = [u for u in t.turns if u.role == "reporter"]
    assert len(questions) == 109 and {u.label for u in questions} == {"Q"}
    first = questions[1]
    assert " ".join(said(t, first).split()).startswith("Thank you very much. Karoline, does the president see anything fishy")
    # The indented first label (no-break spaces before MS. LEAVITT) opens Leavitt's first turn.
    assert said(t, t.turns[1]) == "Good afternoon, everybody."


def test_white_house_turns_end_where_the_next_label_begins():
    t = real(WH["psaki"])
    for u in t.turns:
        assert not re.search(r"\n\s*(?:Q|MS\. PSAKI:)[\s\u00a0]", said(t, u)), said(t, u)[:80]
    assert t.turns[-1].role == "narrator" and said(t, t.turns[-1]) == "2:21 P.M. EDT"


def test_podcast_speakers_title_and_times():
    t = real(PODCAST)
    assert roles(t) == {"Jerod Santo": "host", "Liz Rice": "official"}
    assert t.title == "the changelog 501"  # it opens with a turn, so the file name gives the title
    assert t.date is None
    first_mark = min(s.start for s in t.segments)
    assert len(t.segments) == 15  # 17 times, two of them closing a break (`\[17:22\] to \[19:53\]`)
    assert all(u.time is not None for u in t.turns if u.start > first_mark)
    answer = next(u for u in t.turns if u.time and u.time[0] == 741.0 and u.speaker == "Liz Rice")
    assert said(t, answer).startswith("I hope it's not that we don't want to reboot")  # after \[12:21\]
    breaks = [u for u in t.turns if u.label == "Break"]
    assert [u.role for u in breaks] == ["narrator", "narrator"]


def test_podcast_answers_know_the_question_just_before_them():
    t = real(PODCAST)
    linked = [(i, u) for i, u in enumerate(t.turns) if u.question_turn is not None]
    assert len(linked) >= 15
    for i, u in linked:
        q = t.turns[u.question_turn]
        assert u.question_turn == i - 1 and q.speaker != u.speaker
        assert said(t, q).rstrip().endswith("?")


# -- the fixtures ---------------------------------------------------------------------

EXPECTED = {
    "briefing-caps.txt": ({"MS. WHITFIELD": "official", "DR. HADDAD": "official", "Q": "reporter",
                           "SENIOR ADMINISTRATION OFFICIAL": "official"}, None),
    "interview-qa.txt": ({"Q": "reporter", "A": "official"}, None),
    "press-conference-stop.txt": ({"CHAIR ILVES": "official", "MARTA KOSK": "host", "JAAN TAMM": "reporter",
                                   "LIIS SAAR": "reporter"}, "2025-06-11"),
    "timed-brackets.txt": ({"Anna Berg": "official", "Tomas Vik": "official", "Lena Holm": "official"}, None),
    "otter.txt": ({"Priya Nair": "official", "Sam Okafor": "official"}, None),
    "timed-parens.txt": ({"Mayor Ruth Adeyemi": "host", "Councillor Ben Shaw": "official"}, None),
    "diarised.txt": ({"SPEAKER_00": "official", "SPEAKER_01": "official"}, None),
    "diarised-numbered.txt": ({"Speaker 1": "host", "Speaker 2": "official"}, None),
    "earnings-call.txt": ({"Operator": "host", "Maria Lopez": "official", "Tom Reed": "official",
                           "Aiko Tanaka": "official", "Raj Patel": "reporter", "Emma Stone": "reporter"}, None),
    "podcast.md": ({"Mia Chen": "host", "José Ortega": "official"}, "2024-09-03"),
    "hearing.txt": ({"THE CHAIR": "host", "MS. DOYLE": "official", "SENATOR ALVAREZ": "official",
                     "SENATOR BROOKS": "official", "CHAIRMAN": "host"}, None),
    "hearing-printed.txt": ({"Chair Brook": "official", "Senator Holm": "official", "Mr. Ines": "official",
                             "The Chairman": "host", "Senator Nadia Vale": "official"}, "2024-03-07"),
    "court-argument.txt": ({"CHIEF JUSTICE ROBERTS": "official", "MR. PRICE": "official",
                            "JUSTICE KAGAN": "official", "JUSTICE THOMAS": "official"}, None),
    "no-labels.txt": ({}, None),
}


def test_every_fixture_has_its_expectations():
    assert set(EXPECTED) == set(FIXTURE_FILES)


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_speakers_roles_and_date(name):
    speakers, date = EXPECTED[name]
    t = fixture(name)
    assert roles(t) == speakers
    assert t.date == date


def test_all_caps_labels_one_person_under_one_name():
    t = fixture("briefing-caps.txt")
    whitfield = [u for u in t.turns if u.speaker == "MS. WHITFIELD"]
    assert [u.label for u in whitfield] == ["MS. WHITFIELD", "Ms. Whitfield", "WHITFIELD"]
    assert said(t, whitfield[0]).startswith("Good afternoon, everybody.")  # after an indent of no-break spaces
    assert [u.label for u in t.turns if u.role == "reporter"] == ["Q"] * 5
    assert said(t, t.turns[-1]).startswith("END") and t.turns[-1].role == "narrator"


def test_full_stop_labels_and_a_bare_surname():
    t = fixture("press-conference-stop.txt")
    ilves = [u for u in t.turns if u.speaker == "CHAIR ILVES"]
    assert [u.label for u in ilves] == ["CHAIR ILVES"] * 3 + ["ILVES"]
    assert said(t, ilves[0]).startswith("Good afternoon. My colleagues")
    # "OKAY." inside a turn is what the chair said, not a speaker.
    assert "OKAY. So let me say that again" in said(t, ilves[2])


def test_printed_hearing_paragraphs_open_with_an_indent_and_a_label_after_a_word_of_address():
    t = fixture("hearing-printed.txt")
    # The bracketed notes and the catalogue number above it are not the title.
    assert t.title == "THE SEMIANNUAL HARBOUR FINANCE REPORT"
    ines = [u for u in t.turns if u.speaker == "Mr. Ines"]
    # The hard-wrapped lines after an indented one are its paragraph, up to the next indent.
    assert said(t, ines[0]).startswith("Thank you, Chair Brook") and said(t, ines[0]).endswith("at 3.9 million.")
    assert said(t, ines[1]) == ("We will decide that at the spring board meeting. We \nneed greater confidence that "
                                "tonnage is recovering before \nwe cut the dues.")
    assert ines[1].question_turn is not None and t.turns[ines[1].question_turn].speaker == "Chair Brook"
    headings = [said(t, u) for u in t.turns if u.speaker is None]
    assert "STATEMENT OF TOMAS INES, GOVERNOR, NORTHPORT HARBOUR BOARD" in headings


def test_times_beside_labels_are_not_names_and_the_words_start_after_them():
    for name, first_words, time in [("timed-brackets.txt", "Good evening.", 4.0), ("otter.txt", "Okay, let's start.", 3.0),
                                    ("timed-parens.txt", "Welcome, everyone.", 12.0)]:
        t = fixture(name)
        first = next(u for u in t.turns if u.speaker)
        assert said(t, first).startswith(first_words)
        assert first.time == (time, time)
    t = fixture("timed-parens.txt")
    alone = t.turns[3]  # `Mayor Ruth Adeyemi (00:01:15)` alone on its line
    assert said(t, alone) == "Are there any objections to making them permanent?" and alone.time == (75.0, 75.0)


def test_markdown_podcast_names_and_title_are_clean():
    t = fixture("podcast.md")
    assert t.title == "Open Source Hour #12: José Ortega on package managers"
    answer = t.turns[3]
    assert answer.speaker == "José Ortega" and answer.label == "Jos&eacute;\u2060 Ortega"
    assert said(t, answer).startswith("By accident, really.") and answer.time[0] == 80.0
    assert "OKAY. That took a month" in said(t, answer)


def test_earnings_call_lines():
    t = fixture("earnings-call.txt")
    raj = next(u for u in t.turns if u.speaker == "Raj Patel")
    assert raj.label == "Raj Patel -- Harbor Securities -- Analyst"
    assert said(t, raj).startswith("Thanks for taking my question.")
    answer = t.turns[t.turns.index(raj) + 1]
    assert answer.speaker == "Aiko Tanaka" and answer.question_turn == t.turns.index(raj)
    assert [u.label for u in t.turns if u.speaker == "Tom Reed"] == [
        "Tom Reed -- Chief Executive Officer", "Tom Reed — Northwind Traders - Chief Executive Officer"]


def test_interview_q_and_a():
    t = fixture("interview-qa.txt")
    for i, u in enumerate(t.turns):
        if u.speaker == "A":
            assert u.question_turn == i - 1 and t.turns[i - 1].speaker == "Q"
    assert said(t, t.turns[-1]).startswith("Almost.")  # `A   Almost.`, spaced like a bare Q


def test_court_argument_answers_the_question_just_asked():
    t = fixture("court-argument.txt")
    links = {i: u.question_turn for i, u in enumerate(t.turns) if u.question_turn is not None}
    assert links == {4: 3, 6: 5}  # Justice Thomas's statement asks nothing


def test_a_text_without_labels_is_narration_one_turn_per_paragraph():
    t = fixture("no-labels.txt")
    assert [u.role for u in t.turns] == ["narrator"] * 4
    assert [said(t, u) for u in t.turns] == [t.text[p.start:p.end] for p in corpus.paragraphs(t.text)]


# -- contracts on every file ----------------------------------------------------------

def _all():
    return [pytest.param(("real", p), id=Path(p).name[:40]) for p in REAL] + \
           [pytest.param(("fixture", n), id=n) for n in FIXTURE_FILES]


def _load(case):
    kind, name = case
    return real(name) if kind == "real" else fixture(name)


@pytest.mark.parametrize("case", _all())
def test_speaker_names_and_titles_are_clean(case):
    t = _load(case)
    for name in {u.speaker for u in t.turns if u.speaker}:
        assert len(name.split()) <= 6, name
        assert not re.search(r"[*\\\[\]<>&;:\u00a0\u2060\u200b]|\d{1,2}:\d{2}", name), name
        if case[1] not in DIARISED:
            assert not re.search(r"\d", name), name
    assert t.title and not re.search(r"[*\\\u00a0\u2060\u200b]|&\w+;|^#", t.title), t.title


@pytest.mark.parametrize("case", _all())
def test_every_answer_knows_its_question(case):
    t = _load(case)
    asked = False
    for i, u in enumerate(t.turns):
        if u.question_turn is not None:
            assert u.question_turn < i and u.role in ("official", "host", "reporter")
        if u.role == "reporter":
            asked = True
            continue
        if asked and u.role == "official":
            q = t.turns[u.question_turn]
            assert q.role == "reporter", said(t, u)[:60]


@pytest.mark.parametrize("case", _all())
def test_turns_and_chunks_keep_the_contracts(case):
    t = _load(case)
    end = 0
    for u in t.turns:
        assert end <= u.start < u.end <= len(t.text)
        assert said(t, u) == said(t, u).strip()
        end = u.end
    settings = ChunkSettings()
    chunks = corpus.chunk_transcript(t, corpus.paragraphs(t.text), FakeEmbedder(), settings)
    assert chunks
    for c in chunks:
        assert t.text[c.start:c.end] == c.text
        assert c.tokens <= settings.max_tokens
        turn = t.turns[c.turn_index]
        assert turn.start <= c.start and c.end <= turn.end
        assert c.speaker == turn.speaker
