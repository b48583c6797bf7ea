"""A screen name run together (`adabrook`) named by the name said in or just before its first turns."""

import json

import corpus


def _meeting(rows):
    return json.dumps([{"start": float(i), "end": float(i) + 0.9, "speaker": who, "text": said}
                       for i, (who, said) in enumerate(rows)]).encode()


def test_a_handle_takes_the_name_heard_spelt_as_the_handle_spells_it():
    rows = [("tomasines", "I call this meeting of the harbour board to order. The roll, please. Dr. Ada Brooke."),
            ("adabrook", "Ada Brook, North Quay district."),
            ("tomasines", "Thank you. And I'm Tomas Ines, chair, South Quay district."),
            ("adabrook", "The dredging should start in spring."),
            ("annaberg", "I agree with the chair."),
            ("tomasines", "Then we move on.")]
    t = corpus.transcript_from_bytes(_meeting(rows), "harbour-board.json")
    names = [u.speaker for u in t.turns]
    # The recogniser heard "Brooke"; the handle spells it "brook": the name is the handle's.
    assert names[:4] == ["Tomas Ines", "Ada Brook", "Tomas Ines", "Ada Brook"]
    assert names[4] == "annaberg"  # no name said for her: the handle stays
    assert {u.label for u in t.turns} >= {"adabrook", "tomasines"}  # the label stays as written


def test_a_name_whose_first_name_the_handle_does_not_open_with_names_no_one():
    rows = [("tomasines", "Welcome. Ada Brook will speak first."),
            ("kitholm", "Thank you, Ada Brook asked me to speak instead."),
            ("tomasines", "Go ahead.")]
    t = corpus.transcript_from_bytes(_meeting(rows), "harbour-board.json")
    assert [u.speaker for u in t.turns] == ["tomasines", "kitholm", "tomasines"]
