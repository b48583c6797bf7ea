"""The same speech written out twice in one file: the later copy is set aside."""

import corpus
from corpus.copies import second_copies

SPEECH = " ".join(f"Berth {n} will be dredged in spring, and the silt goes to the north bank." for n in range(30))


def _timed(words: str, per_line: int = 7) -> str:
    parts = words.split()
    return "\n".join(f"[{1.5 * i:.1f}s] " + " ".join(parts[k:k + per_line])
                     for i, k in enumerate(range(0, len(parts), per_line)))


def test_a_timed_copy_of_the_running_text_is_set_aside_and_the_running_text_read():
    text = f"FULL TRANSCRIPT:\n{SPEECH}\n\n=====\n\nTIMESTAMPED TRANSCRIPT:\n{_timed(SPEECH)}\n"
    t = corpus.transcript_from_bytes(text.encode(), "board.txt")
    said = "".join(t.text[u.start:u.end] for u in t.turns)
    assert SPEECH in said and "[1.5s]" not in said
    assert "TIMESTAMPED" not in said and "=====" not in said  # the copy's heading and the rule over it say nothing
    copied = [a for a in t.set_aside if a.reason == "a second copy of the words above"]
    assert len(copied) == len(_timed(SPEECH).split("\n")) + 2  # and its heading and rule


def test_words_that_differ_from_the_running_text_are_no_copy():
    changed = SPEECH.replace("Berth 17 ", "Quay 17 ")
    text = f"{SPEECH}\n\n{_timed(changed)}\n"
    assert second_copies(text) == ()
    assert second_copies(f"{SPEECH}\n") == ()  # one telling is no copy


def test_short_paragraphs_said_twice_are_not_copies():
    # A chair repeating a motion word for word is speech; only a long run of words copied whole is a copy.
    motion = "I move that the harbour dues stay as they are for another year."
    assert second_copies(f"{motion}\n\n{motion}\n") == ()


def test_a_pages_summary_given_again_in_its_body_is_set_aside():
    summary = ("In this talk, Ada Brook explains why the harbour needs a second quay and how the dredging "
               "will be paid for.")
    text = (f"---\ntitle: The second quay\ndescription: '{summary}'\n---\n\n> {summary}\n\n"
            "All right, welcome everyone. The harbour needs a second quay, and I will tell you why.\n")
    t = corpus.transcript_from_bytes(text.encode(), "second-quay.md")
    said = " ".join(t.text[u.start:u.end] for u in t.turns)
    assert "welcome everyone" in said and "In this talk" not in said
    assert [a.reason for a in t.set_aside] == ["an editor's summary"]
    # Without the front matter's copy, a quoted paragraph is what it says.
    plain = text.replace(f"description: '{summary}'\n", "")
    assert "In this talk" in " ".join(plain[u.start:u.end] for u in corpus.transcript_from_bytes(plain.encode(), "q.md").turns)
