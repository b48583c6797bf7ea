"""Where a span of a transcript's text lies in its file: line, page, time."""

from corpus import Segment, SourceMap, Transcript, Turn
from corpus.assembly import Utterance, assemble


def test_plain_text_counts_lines_from_the_top():
    text = "one\ntwo\n\nthree four\n"
    places = SourceMap(text)
    assert [places.line(text.index(w)) for w in ("one", "two", "three", "four")] == [1, 2, 4, 4]
    assert places.page(5) is None and places.time(0, 5) is None
    assert places.place(text.index("two"), text.index("four") + 4).line_end == 4


def test_a_written_time_holds_until_the_next():
    text = "A: [00:01] hi.\nmore words.\nB: [01:10] yes."
    marks = (Segment(0, 14, 1, time=(1.0, 1.0)), Segment(text.index("B:"), len(text), 3, time=(70.0, 70.0)))
    places = SourceMap(text, marks)
    assert places.time(text.index("more"), text.index("words.") + 6) == (1.0, 1.0)
    assert places.time(text.index("hi"), len(text)) == (1.0, 70.0)
    assert places.line(text.index("more")) == 2 and places.line(text.index("yes")) == 3


def test_pages_and_lines_of_an_extracted_text():
    text = "first page words and second page words"
    cut = text.index("second")
    places = SourceMap(text, (Segment(0, cut - 1, 12, page=4), Segment(cut, len(text), 40, page=5)))
    assert places.page(0) == 4 and places.page(cut) == 5 and places.page(len(text) - 1) == 5
    assert places.line(text.index("words")) == 12 and places.line(text.index("page", cut)) == 40
    assert places.place(2, len(text)).line_start == 12


def test_assembled_speech_maps_every_word_back_to_its_cue():
    cues = [Utterance("Good morning,", 3, speaker="Ann", time=(1.0, 2.0)),
            Utterance("everyone.", 6, time=(2.0, 3.5)),
            Utterance("Thank you.", 9, speaker="Ben", time=(4.0, 5.0)),
            Utterance("A question?", 12, change=True, time=(9.0, 11.0))]
    made = assemble(cues)
    assert made.text == "Ann: Good morning, everyone.\n\nBen: Thank you.\n\nA question?"
    assert [(t.speaker, t.role, made.text[t.start:t.end], t.time) for t in made.turns] == [
        ("Ann", "official", "Good morning, everyone.", (1.0, 3.5)),
        ("Ben", "official", "Thank you.", (4.0, 5.0)),
        (None, "narrator", "A question?", (9.0, 11.0))]
    places = SourceMap(made.text, made.segments)
    assert places.line(made.text.index("everyone")) == 6
    assert places.line(0) == 3  # the label written before the words: the line of its cue
    assert places.time(made.text.index("everyone"), made.text.index("Thank") + 5) == (2.0, 5.0)
    t = Transcript("x.vtt", "", "x", None, made.text, made.turns, segments=made.segments)
    assert SourceMap.of(t).placed(Turn(None, "narrator", 0, 4)).time == (1.0, 2.0)


def test_unattributed_speech_is_cut_at_pauses_and_long_paragraphs():
    words = " ".join(["word"] * 40) + "."
    cues = [Utterance(words, i + 1, time=(10.0 * i, 10.0 * i + 9.5)) for i in range(8)]
    cues.append(Utterance("After a pause.", 20, time=(200.0, 201.0)))
    made = assemble(cues)
    assert len(made.turns) >= 3
    assert all(t.speaker is None for t in made.turns)
    assert max(len(made.text[t.start:t.end].split()) for t in made.turns) <= 250
    assert made.text[made.turns[-1].start:made.turns[-1].end] == "After a pause."
