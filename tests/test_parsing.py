"""Speaker turns, roles, questions and metadata on the five shared transcripts and the samples."""

import json

import pytest

from conftest import SAMPLES
from corpus import load_corpus, paragraphs, read_transcript
from corpus.boilerplate import is_boilerplate
from corpus.speakers import speaker_names


@pytest.fixture(scope="module")
def shared(shared_dir):
    transcripts, skipped = load_corpus(shared_dir)
    assert not skipped
    return {t.doc_id[:3]: t for t in transcripts}


def said(t, turn):
    return t.text[turn.start:turn.end]


def officials(t):
    return {u.speaker: u.role for u in t.turns if u.role in ("host", "official")}


def reporters(t):
    return [u.speaker for u in t.turns if u.role == "reporter"]


# -- speakers per file -------------------------------------------------------------

def test_000_speakers_and_roles(shared):
    t = shared["000"]
    assert officials(t) == {"Shou Xiaoli": "host", "Zhao Zhiguo": "official", "Tao Qing": "official"}
    assert reporters(t) == [
        "Reporter from China Central Radio and Television", "First Financial Reporter", "Zhonghong.com reporter",
        "People’s Post and Telegraph reporter", "21st Century Business Herald reporter",
        "Reporter from China Electronics News", "People’s Daily Online", "Reporter from Hong Kong Bauhinia Magazine",
        "CCTV reporter", "Voice of China, China Central Radio and Television",
    ]


def test_000_label_alone_on_its_line_starts_the_turn_at_the_next_paragraph(shared):
    t = shared["000"]
    intro = next(u for u in t.turns if u.speaker == "Zhao Zhiguo")
    assert said(t, intro).startswith("Ladies and gentlemen, friends from the press, good afternoon!")
    assert intro.label.startswith("Zhao Zhiguo, chief engineer and spokesperson")


def test_000_headlines_between_answers_are_narration_not_speech(shared):
    t = shared["000"]
    headline = "Promote automobile consumption and expand domestic demand"
    turn = next(u for u in t.turns if said(t, u).startswith(headline))
    assert turn.role == "narrator" and turn.speaker is None
    answer_before = t.turns[t.turns.index(turn) - 1]
    assert headline not in said(t, answer_before)


def test_001_bullets_and_summary_lines_that_are_not_speakers(shared):
    t = shared["001"]
    assert officials(t) == {"Shou Xiaoli": "host", "Zhao Zhiguo": "official", "Tao Qing": "official"}
    assert "Ministry of Industry and Information Technology" not in speaker_names(t.turns)
    assert len(reporters(t)) == 10
    assert reporters(t)[:2] == ["CCTV reporter from CCTV Central Radio and Television Station",
                                "Reporter from Cover News"]
    summary = t.turns[0]
    assert summary.role == "narrator"
    assert "Strengthen industry guidance and actively prevent" in said(t, summary)


def test_001_speaker_change_inside_a_paragraph_is_a_new_turn(shared):
    t = shared["001"]
    last = t.turns[-1]
    assert (last.speaker, last.role) == ("Shou Xiaoli", "host")
    assert said(t, last).startswith("Thank you to all the speakers")
    assert not said(t, t.turns[-2]).rstrip().endswith("goodbye everyone!")


def test_001_handover_links_both_answers_to_the_question(shared):
    t = shared["001"]
    question = next(i for i, u in enumerate(t.turns) if u.speaker == "Phoenix TV Reporter")
    answers = [u for u in t.turns if u.question_turn == question]
    assert [u.speaker for u in answers] == ["Zhao Zhiguo", "Tao Qing"]
    assert "answered by my colleague" in said(t, answers[0])
    assert "low-altitude economy" in said(t, answers[1])
    assert answers[1].label.endswith("Tao Qing")


def test_002_outlet_lines_no_space_labels_and_title_only_speakers(shared):
    t = shared["002"]
    assert officials(t) == {
        "Tian Yulong": "official", "Tao Qing": "official", "Wang Peng": "official",
        "Deputy Director, Information and Communication Administration, Ministry of Industry and Information Technology": "official",
        "Deputy Director of Operation Monitoring Coordination Bureau of Ministry of Industry and Information Technology": "official",
    }
    assert reporters(t) == [
        "CCTV reporter from Central Radio and Television General Station", "Tianmu journalist",
        "Xinhua news agency reporter", "The Paper reporter", "Beijing News reporter",
        "People’s post and telecommunications reporter", "China Daily reporter", "First financial reporter",
        "Southern Metropolis Daily reporter",
    ]
    first_answer = next(u for u in t.turns if u.speaker == "Tian Yulong")
    assert said(t, first_answer).startswith("Thank you for your question. Just now")
    # "Take several measures:First, ..." stays inside the answer.
    assert "Take several measures:First, accelerating" in said(t, first_answer)


def test_002_every_answer_knows_its_question(shared):
    t = shared["002"]
    for u in t.turns:
        if u.role == "official":
            q = t.turns[u.question_turn]
            assert q.role == "reporter" and said(t, q).endswith(("Thank you.", "year?"))
    china_daily = next(i for i, u in enumerate(t.turns) if u.speaker == "China Daily reporter")
    assert t.turns[china_daily + 1].speaker == "Wang Peng"
    assert t.turns[china_daily + 1].question_turn == china_daily


def test_003_narrative_has_no_speakers(shared):
    t = shared["003"]
    assert {u.role for u in t.turns} == {"narrator"}
    assert speaker_names(t.turns) == []


def test_004_labels_alone_on_their_lines(shared):
    t = shared["004"]
    assert officials(t) == {"Shou Xiaoli": "host", "Zhao Zhiguo": "official"}
    assert said(t, t.turns[1]).startswith("Ladies and gentlemen, good afternoon. Welcome")
    assert said(t, t.turns[-1]).startswith("Thank you, Mr. Zhao. The floor is now open")


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_turns_are_ordered_disjoint_and_cover_every_paragraph_but_furniture(shared, key):
    t = shared[key]
    ends = [0]
    for u in t.turns:
        assert u.start >= ends[-1] and u.end > u.start
        assert not said(t, u)[0].isspace() and not said(t, u)[-1].isspace()
        if u.label:
            assert not said(t, u).startswith(u.label)
        ends.append(u.end)
    for p in paragraphs(t.text):
        body = t.text[p.start:p.end]
        inside = any(u.start <= p.start < u.end or p.start <= u.start < p.end for u in t.turns)
        a_label = any(u.label and body.rstrip(": ") == u.label for u in t.turns)
        assert inside or is_boilerplate(body) or a_label, body[:80]


# -- metadata ----------------------------------------------------------------------

@pytest.mark.parametrize("key, date, published, period", [
    ("000", "2023-04-20", None, ("2023-01-01", "2023-03-31")),
    ("001", "2024-10-23", "2024-10-23", ("2024-01-01", "2024-09-30")),
    ("002", None, None, ("2022-01-01", "2022-06-30")),
    ("003", "2023-03-01", "2023-03-02", None),
    ("004", "2023-04-20", "2023-06-09", ("2023-01-01", "2023-03-31")),
])
def test_dates_and_periods(shared, key, date, published, period):
    t = shared[key]
    assert t.date == date
    assert t.published == published
    assert (t.period.start, t.period.end) == period if period else t.period is None


@pytest.mark.parametrize("key, title", [
    ("000", "How is the development of industry and informatization in the first quarter? The authoritative "
            "release of the Ministry of Industry and Information Technology is coming!"),
    ("002", "Development of industry and informatization in the first half of 2022"),
    ("004", "SCIO press conference on industry and information technology development in the first quarter of 2023"),
])
def test_titles(shared, key, title):
    assert shared[key].title == title


def test_long_first_line_gives_a_shortened_title(shared):
    title = shared["003"].title
    assert title.startswith("Jin Zhuanglong, Minister of Industry and Information Technology")
    assert len(title) <= 201 and title.endswith("…")
    assert not title.startswith("date")


# -- the shipped samples -----------------------------------------------------------

EXPECTED = json.loads((SAMPLES.parent.parent / "tests" / "sample_expectations.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_samples_parse_as_written(case):
    t = read_transcript(SAMPLES / case["file"], SAMPLES)
    assert t.title == case["title"]
    assert t.date == case["date"]
    names = [u.speaker for u in t.turns if u.role in ("host", "official") and " " in (u.speaker or "")
             and "," not in u.speaker and len(u.speaker.split()) <= 3]
    assert list(dict.fromkeys(names)) == case["speakers"]
    assert list(dict.fromkeys(reporters(t))) == case["reporters"]
