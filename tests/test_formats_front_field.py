"""A page whose front matter holds the transcript, as a course site keeps a video's words."""

import corpus
from corpus import SourceMap

WORDS = " ".join(f"Point {n} is that the harbour needs a second quay." for n in range(12))


def _page(body: str = "") -> str:
    spans = " ".join(f'<span m="{19220 + 400 * i}">{w}</span>' for i, w in enumerate(WORDS.split()))
    return ("---\ntitle: How to Plan a Harbour\nuid: 49d18e\ntranscript: >-\n"
            f'  <p><span m="19000">ADA BROOK:</span> {spans}</p>\n'
            '  <p><span m="90000">AUDIENCE:</span> <span m="90500">Which</span> <span m="90800">quay?</span></p>\n'
            '  <p><span m="92000">ADA BROOK:</span> <span m="92300">The</span> <span m="92600">north</span>'
            ' <span m="92900">one,</span> <span m="93200">&amp;</span> <span m="93500">soon.</span></p>\n'
            '  <p><span m="95000">AUDIENCE:</span> <span m="95200">Thanks.</span> <span m="95600">ADA BROOK:</span>'
            ' <span m="95900">Next,</span> <span m="96100">the</span> <span m="96300">dues.</span></p>\n'
            f"layout: video\n---\n{body}")


def test_the_transcript_field_is_read_with_its_speakers_times_and_lines():
    text = _page()
    t = corpus.transcript_from_bytes(text.encode(), "how-to-plan.md")
    assert t.format == "markdown (a transcript in its front matter)" and t.title == "How to Plan a Harbour"
    said = [(u.speaker, t.text[u.start:u.end], u.time and u.time[0]) for u in t.turns]
    assert said[0][0] == "ADA BROOK" and said[0][1] == WORDS and said[0][2] == 19.0
    assert [s[:2] for s in said[1:]] == [("AUDIENCE", "Which quay?"), ("ADA BROOK", "The north one, & soon."),
                                         ("AUDIENCE", "Thanks."), ("ADA BROOK", "Next, the dues.")]
    assert [s[2] for s in said[1:3]] == [90.0, 92.0]  # a paragraph is timed by its first timed word
    lines = text.split("\n")
    places = SourceMap.of(t)
    assert lines[places.line(t.turns[1].start) - 1].lstrip().startswith('<p><span m="90000">AUDIENCE')


def test_a_page_with_a_body_of_its_own_is_read_as_markdown():
    body = "Ada Brook: " + WORDS + "\n"
    t = corpus.transcript_from_bytes(_page(body).encode(), "how-to-plan.md")
    assert t.format == "markdown" and t.turns[0].speaker == "Ada Brook"


def test_a_transcript_field_of_plain_text_is_read_a_paragraph_a_block_cited_at_its_lines():
    text = ("---\ntitle: Harbour board\ntranscript: |\n  ADA BROOK: " + WORDS + "\n\n  TOMAS INES: Which quay comes first?\n"
            "\n  ADA BROOK: The north one, in spring.\nlayout: video\n---\n")
    t = corpus.transcript_from_bytes(text.encode(), "board.md")
    assert [(u.speaker, t.text[u.start:u.end]) for u in t.turns][1:] == [
        ("TOMAS INES", "Which quay comes first?"), ("ADA BROOK", "The north one, in spring.")]
    assert all(u.time is None for u in t.turns)
    lines = text.split("\n")
    places = SourceMap.of(t)
    assert lines[places.line(t.turns[1].start) - 1].strip() == "TOMAS INES: Which quay comes first?"
