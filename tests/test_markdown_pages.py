"""Transcripts a site publishes as Markdown pages: styling lines (kramdown's `{:.class}`) are no one's
words and part the lines around them; a speaker known by one name is found beside an asker's label
though the page's links write the name in lower case; askers labelled with a number and an outlet."""

import corpus

PAGE = """---
layout: post
title: Harbour Talk Transcript
---

![hero](/images/2031-03-27-okafor-hero.jpg)

Transcript taken from [this thread](https://example.org/r/harbour/okafor_talk_transcript/), see
[the post](https://example.org/post/okafor-talk-2031-03-27/).

{turns}
"""
TURN = """{who}:
{{:.small-caps.strong}}

> {words}
{{:.right}}

"""


def _page(turns):
    return PAGE.format(turns="".join(TURN.format(who=who, words=words) for who, words in turns))


def test_styling_lines_are_set_aside_and_a_one_word_name_beside_an_askers_label_speaks():
    turns = [("Interviewer", "Could you tell us how the harbour dues were set?"),
             ("Okafor", "The board set them in spring, after the silt survey."),
             ("Interviewer", "And the ferries?"), ("Okafor", "They pay half of the dues."),
             ("Interviewer", "When does the pier open?"), ("Okafor", "In June, if the weather holds.")]
    t = corpus.transcript_from_bytes(_page(turns).encode(), "okafor-talk.md")
    said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns if u.speaker]
    assert said[:2] == [("Interviewer", "> Could you tell us how the harbour dues were set?"),
                        ("Okafor", "> The board set them in spring, after the silt survey.")]
    assert not any("{:" in words for _, words in said)
    assert sum(s.reason == "a styling line" for s in t.set_aside) == 2 * len(turns)


def test_askers_labelled_with_a_number_and_an_outlet_ask():
    turns = [("Okafor", "Good morning. I will take your questions on the dues."),
             ("Question Asker 1", "How much will the dues rise?"), ("Okafor", "By four percent."),
             ("Question Asker 2 (Harbour Post)", "When will the pier open?"), ("Okafor", "In June."),
             ("Question Asker 3", "Who pays for the dredging?"), ("Okafor", "The board does.")]
    t = corpus.transcript_from_bytes(_page(turns).encode(), "okafor-briefing.md")
    roles = {u.speaker: u.role for u in t.turns if u.speaker}
    assert roles["Question Asker 1"] == roles["Question Asker 2 (Harbour Post)"] == "reporter"
    assert roles["Okafor"] != "reporter"
