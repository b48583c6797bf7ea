"""Askers an unnamed label hides ("Q"), known by the name the chair calls them by: learned at build
time, shown by `info`, and a question naming one asks for that reporter's words."""

import json

import pytest
from hypothesis import given, settings, strategies as st

from corpus.askers import NameWords, askers, called, handovers, merged, proper_words
from corpus.reading import transcript_from_bytes
from corpus.vocabulary import count_words, vocabulary_of
from assistant.cli import main
from assistant.formatting import answer_json, answer_text
from assistant.query import analyse
from assistant import Assistant, RetrievalSettings
from conftest import FakeEmbedder, fake_assistant_of, fake_index_of

BRIEFING = """Press Briefing by Press Secretary Mira Holm

March 4, 2025

MS. HOLM:  Good afternoon.  The ferry fares rise in June, and the harbour board will publish the new table.  Go ahead, Nadia.

Q    Thanks, Mira.  Will the fares rise for pensioners too, or only for commuters?

MS. HOLM:  Pensioners keep the old fare until the end of the year.

Q    And the night ferries?

MS. HOLM:  The night ferries keep their timetable.  Go ahead.

Q    What about the lighthouse tariff on the ferries?

MS. HOLM:  That is for the harbour board.  Yep.

Q    Yep, understood.  One more on the docks?

MS. HOLM:  Tomas, you want to take it?

Q    Sure.  Is the dock company paying for the new cranes at Harwick?

MS. HOLM:  The dock company pays half; the city pays the rest, as Tomas knows.  Thanks, Mira.

Q    Thanks, Mira.  When do the cranes arrive?
"""


def _read(text: str, doc_id: str = "briefing.md"):
    return transcript_from_bytes(text.encode(), doc_id, doc_id)


def _names_of(*transcripts) -> NameWords:
    counts = count_words(t.text[u.start:u.end] for t in transcripts for u in t.turns)
    return NameWords(vocabulary_of(counts), proper_words(counts))


def test_the_name_the_chair_calls_before_an_unnamed_turn_is_the_askers_until_the_floor_passes():
    t = _read(BRIEFING)
    names = _names_of(t)
    assert [t.turns[i].speaker for i in (2, 4, 6, 8, 10, 12)] == ["Q"] * 6
    # 4: a follow-up keeps the floor. 6, 8: "Go ahead." was said with Nadia's name, so said alone it hands
    # the floor on, to no one named; "Yep." may be a name, but nothing says so. 12: "Thanks, Mira." calls
    # the press secretary, and an asker who calls her is not her.
    assert askers(t, names, handovers([t], names)) == {2: "Nadia", 4: "Nadia", 10: "Tomas"}
    assert handovers([t], names) == {"go ahead", "you want to take it"}


def test_a_call_answered_by_a_labelled_speaker_was_to_them_not_to_the_next_asker():
    text = BRIEFING.replace("MS. HOLM:  Tomas, you want to take it?",
                            "MS. HOLM:  Tomas, you want to take it?\n\nMR. INES:  The dock company pays half.")
    t = _read(text)
    names = _names_of(t)
    said = {t.turns[i].speaker: i for i in range(len(t.turns))}
    assert "MR. INES" in said
    # Tomas answered under his own label: the question after him is no one's the chair named.
    assert askers(t, names, handovers([t], names)) == {2: "Nadia", 4: "Nadia"}


def test_only_a_word_the_corpus_writes_as_a_name_inside_its_sentences_names_an_asker():
    names = _names_of(_read(BRIEFING))
    assert called("Go ahead, Nadia.", names).name == "Nadia"
    assert called("Tomas, you want to take it?", names).rest == "you want to take it"
    yep = called("Yep.", names)  # written only at a sentence's start: it could be a name, nothing says so
    assert yep is not None and not yep.sure
    assert called("Thank you, Harbour Board.", names) is None  # words the corpus writes in lower case
    sir = called("Sir.", names)  # someone is called, by no name: the floor passes on
    assert sir is not None and sir.name == "" and not sir.sure
    assert called("The night ferries keep their timetable.", names) is None


def test_an_office_said_as_a_call_calls_someone_by_no_name_however_the_corpus_capitalises_it():
    names = _names_of(_read(BRIEFING.replace("Good afternoon.", "Good afternoon, Prime Minister. The Prime Minister "
                                             "and the Chief Inspector are here.")))
    for sentence in ("Thanks, Prime Minister.", "Chief Inspector, can you take that?"):
        call = called(sentence, names)
        assert call is not None and call.name == "" and not call.sure


def test_a_first_name_said_alone_is_the_longer_name_only_one_asker_has():
    assert merged(["Zeke", "Zeke Miller", "Ann", "Ann Lee", "Ann Bell", "Jo"]) == {
        "Zeke": "Zeke Miller", "Zeke Miller": "Zeke Miller", "Ann": "Ann", "Ann Lee": "Ann Lee",
        "Ann Bell": "Ann Bell", "Jo": "Jo"}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    other = BRIEFING.replace("Nadia", "April")
    return fake_index_of(tmp_path_factory.mktemp("askers"), {
        "2025-03-04-briefing.md": BRIEFING,
        "2025-04-08-briefing.md": other.replace("March 4, 2025", "April 8, 2025").replace(
            "pensioners too", "students too"),
    })


@pytest.fixture(scope="module")
def assistant(index):
    return Assistant.open(index, embedder=FakeEmbedder())


def test_info_shows_the_askers_learned(index, capsys):
    assert main(["info", "--index", str(index), "--json"]) == 0
    learned = json.loads(capsys.readouterr().out)["learned"]
    assert {a["name"]: a["turns"] for a in learned["askers"]} == {"Nadia": 2, "April": 2, "Tomas": 2}
    assert main(["info", "--index", str(index)]) == 0
    assert "Askers:      April (2 turns), Nadia (2 turns), Tomas (2 turns)" in capsys.readouterr().out


def test_a_question_naming_an_asker_gets_their_question_cited_with_their_name(assistant):
    answer = assistant.ask("What did Nadia ask about fares for pensioners?", k=3)
    top = answer.passages[0]
    assert top.citation.speaker == "Q" and "pensioners" in top.quote
    assert top.citation.asker == "Nadia" and top.citation.who == "Q (Nadia)"
    assert "1. Q (Nadia)" in answer_text(answer)
    assert json.loads(answer_json(answer))["passages"][0]["citation"]["asker"] == "Nadia"
    # The secretary's turns name no asker.
    holm = assistant.ask("When do pensioners keep the old fare until?", k=3).passages[0]
    assert holm.citation.speaker == "MS. HOLM" and holm.citation.asker is None and holm.citation.who == "MS. HOLM"


def test_an_asker_is_a_speaker_to_filter_by(assistant):
    passages = assistant.ask("fares", k=5, speaker="Nadia").passages
    assert passages and {(p.citation.speaker, p.citation.asker) for p in passages} == {("Q", "Nadia")}


def test_a_question_naming_an_asker_wants_the_reporters_words_and_prefers_theirs(assistant):
    ctx = assistant._ctx
    hints = analyse("What did Tomas ask about the cranes?", ctx.names, vocabulary=ctx.vocabulary, askers=ctx.askers)
    assert hints.speakers == ("Tomas",) and hints.from_reporters
    # Answered to the asker: the secretary's answer is what is asked for, not the reporter's turn.
    hints = analyse("How did Holm answer Tomas on the cranes?", ctx.names, vocabulary=ctx.vocabulary,
                    askers=ctx.askers)
    assert hints.speakers == ("MS. HOLM",) and hints.others == ("Tomas",) and not hints.from_reporters


@pytest.mark.parametrize("question", [
    "What did the secretary say about ferry fares in April?",
    "What did the secretary say about fares on April 8?",
    "How did fares move from January to April?",
])
def test_a_month_is_not_the_asker_of_the_same_name(assistant, question):
    ctx = assistant._ctx
    hints = analyse(question, ctx.names, vocabulary=ctx.vocabulary, askers=ctx.askers)
    assert "April" not in hints.speakers + hints.others and not hints.from_reporters


def test_an_askers_first_name_run_into_another_speakers_name_is_that_speaker(assistant):
    ctx = assistant._ctx
    hints = analyse("What did Tomas Holm say about the cranes?", ctx.names, vocabulary=ctx.vocabulary,
                    askers=ctx.askers)
    assert "Tomas" not in hints.speakers and not hints.from_reporters
    assert analyse("What did April ask about students?", ctx.names, vocabulary=ctx.vocabulary,
                   askers=ctx.askers).speakers == ("April",)


_NAMES = ["Nadia", "Tomas", "Mira"]
_SAID = st.sampled_from(["Go ahead, {n}.", "{n}.", "{n}, you want to take it?", "Thanks, {n}.", "Go ahead.",
                         "Yep.", "Sir.", "The fares rise in June.", "Thank you, Mr. President."])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), _SAID, st.sampled_from(_NAMES)), min_size=1, max_size=12))
def test_askers_are_unnamed_askers_called_before_and_not_calling_the_name_themselves(turns):
    lines = ["Briefing", "", "March 4, 2025", ""]
    for asks, said, name in turns:
        lines += [("Q    " if asks else "MS. HOLM:  ") + said.format(n=name), ""]
    t = _read("\n".join(lines) + "\nMS. HOLM:  Later, as Nadia and Tomas and Mira know.\n")
    names = _names_of(t)
    for i, name in askers(t, names, handovers([t], names)).items():
        turn = t.turns[i]
        assert turn.role == "reporter" and turn.speaker == "Q"
        assert name in t.text[:turn.start] and name not in t.text[turn.start:turn.end]


LEVY = """Press Briefing

March 4, 2025

MS. HOLM:  Good afternoon.  The harbour board meets on Friday.

Q    Will the ferry levy go up for pensioners in June?

MS. HOLM:  The ferry levy for pensioners stays where it is for now.

Q    And the night ferries?

MS. HOLM:  The night ferries keep their timetable.
"""


def test_what_a_reporter_asked_prefers_the_reporters_words_as_a_named_speakers_are(tmp_path):
    levy = fake_assistant_of(tmp_path, {"briefing.md": LEVY})
    question = "What did a reporter ask about the ferry levy for pensioners?"
    first = levy.ask(question, k=3).passages[0]
    assert first.role == "reporter" and "go up for pensioners" in first.quote
    # Admitted but not preferred, the reporter's words lose to the answer that repeats them.
    unpreferred = levy.with_settings(RetrievalSettings(speaker_boost=0.0)).ask(question, k=3).passages[0]
    assert unpreferred.role == "official"


PRESSER = """Harbour Board press conference

June 11, 2025

CHAIR INES. Good afternoon. The board cut the harbour dues today by a quarter point.

ADA BROOK. Mira.

MIRA HOLM. Thank you. Mira Holm, with the Harbour Post. The median age of a first-time ferry commuter is now 40 years old. Will the dues cut help them?

CHAIR INES. It helps at the margin, but the fares are for the ferry company.

ADA BROOK. Nadia.

NADIA VALE. Nadia Vale, Northport Radio. When will the next cut come?

CHAIR INES. We will decide meeting by meeting.
"""


def test_a_reporter_named_by_their_label_is_an_asker_a_question_can_name(tmp_path):
    presser = fake_assistant_of(tmp_path, {"2025-06-11-presser.txt": PRESSER})
    assert {"MIRA HOLM", "NADIA VALE"} <= presser._ctx.askers
    hints = analyse("According to Mira Holm, what is the median age of a first-time commuter?", presser._ctx.names,
                    vocabulary=presser._ctx.vocabulary, askers=presser._ctx.askers)
    assert hints.speakers == ("MIRA HOLM",) and hints.from_reporters
    first = presser.ask("According to Mira Holm, what is the median age of a first-time commuter?", k=3).passages[0]
    assert first.citation.speaker == "MIRA HOLM" and "40 years old" in first.quote


DEBATE = """MODERATOR: Our next question is on the ferry fares. Will you cut the ferry fares for pensioners in your first year?

ADA BROOK: Yes. From June they pay half, and the harbour board has agreed to it.

MODERATOR: And you, Mr. Vale, will you cut the ferry fares for pensioners?

KARL VALE: No. We will build the new pier first and look at the fares after.
"""


def test_a_moderators_question_leads_to_the_answer_and_is_not_one(tmp_path):
    # Where no one is labelled a reporter, a host who asks is asked as a reporter is: the answer is shown.
    assistant = fake_assistant_of(tmp_path, {"2025-10-09-debate.txt": DEBATE})
    answer = assistant.ask("Will you cut the ferry fares for pensioners in your first year?", k=3)
    assert [p.citation.speaker for p in answer.passages[:2]] in (["ADA BROOK", "KARL VALE"], ["KARL VALE", "ADA BROOK"])
    assert all(p.citation.speaker != "MODERATOR" for p in answer.passages)
