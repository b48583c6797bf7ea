"""Turns assembled from the utterances a structured format gives."""

from corpus.assembly import Utterance, assemble


def test_consecutive_utterances_of_one_speaker_are_one_turn_with_its_time_span():
    out = assemble([
        Utterance("Good morning.", 3, "Ann", time=(1.0, 2.0)),
        Utterance("Welcome.", 6, None, time=(2.0, 3.5)),
        Utterance("Thank you.", 9, "Bo", time=(4.0, 5.0)),
    ])
    assert [t.speaker for t in out.turns] == ["Ann", "Bo"]
    assert out.turns[0].time == (1.0, 3.5)
    for turn in out.turns:
        assert out.text[turn.start:turn.end] in ("Good morning. Welcome.", "Thank you.")


def test_an_unnamed_change_ends_the_named_turn_and_the_same_name_after_it_is_a_new_turn():
    out = assemble([
        Utterance("Is it on?", 1, "Ann"),
        Utterance("Yes.", 2, None, change=True),
        Utterance("Good.", 3, "Ann"),
    ])
    assert [t.speaker for t in out.turns] == ["Ann", None, "Ann"]
    assert [out.text[t.start:t.end] for t in out.turns] == ["Is it on?", "Yes.", "Good."]


def test_the_label_as_written_opens_the_turn_and_the_speaker_is_the_name():
    out = assemble([Utterance("Morning.", 4, "Justin Florentine", label="Justin Florentine (Besu)")])
    turn = out.turns[0]
    assert out.text == "Justin Florentine (Besu): Morning."
    assert (turn.speaker, turn.label) == ("Justin Florentine", "Justin Florentine (Besu)")
    assert out.text[turn.start:turn.end] == "Morning."
    assert out.segments[0].line == 4
