"""Where a turn ends: words cut off before the next label are still the speaker's, no editor's
headline; an unlabelled answer after a labelled question is not the asker's; and what a page
prints between the words (a note, a running footer) stays out of the turn before it."""

import json

import pytest

import corpus


def _said(t):
    return [(u.speaker, u.role, t.text[u.start:u.end]) for u in t.turns]


def test_a_recurring_labels_words_cut_off_mid_sentence_are_the_speakers():
    text = ("Ada Brook: 00:10:02\n\nThe dues fall in spring.\n\nTomas Ines: 00:10:09\n\n"
            "I think we are mixing up the dues and the ferries here so maybe we should\n\n"
            "Ada Brook: 00:10:14\n\nGo on.\n\nTomas Ines: 00:10:20\n\nThe ferries pay half.\n")
    t = corpus.transcript_from_bytes(text.encode(), "panel.md")
    assert ("Tomas Ines", "official",
            "I think we are mixing up the dues and the ferries here so maybe we should") in _said(t)
    assert all(u.role != "narrator" for u in t.turns)


def test_a_last_line_set_under_the_speakers_lines_is_theirs_and_a_headline_set_apart_is_not():
    cut = ("Ada Brook: 00:24:22\n\nThe harbour dues rise in spring.\nThe ferries pay half of them.\n"
           "By moving the dues to spring we can pay for the new pier without a\n\n"
           "Tomas Ines: 00:25:24\n\nloan.\n\nAda Brook: 00:25:30\n\nExactly.\n")
    t = corpus.transcript_from_bytes(cut.encode(), "panel.md")
    first = _said(t)[0]
    assert first[0] == "Ada Brook" and first[2].endswith("pay for the new pier without a")
    assert all(u.role != "narrator" for u in t.turns)
    # The same words set apart from both, as an editor's line between two turns is: a headline.
    headed = cut.replace("them.\nBy moving", "them.\n\nBy moving")
    t = corpus.transcript_from_bytes(headed.encode(), "panel.md")
    assert ("Ada Brook", "official", "The harbour dues rise in spring.\nThe ferries pay half of them.") in _said(t)
    assert any(u.role == "narrator" and t.text[u.start:u.end].startswith("By moving") for u in t.turns)


@pytest.mark.parametrize("furniture", ["[Graphic not available]", "_page : 86", "XXXXXXXXXXXXXXXX"])
def test_a_note_or_a_pages_furniture_under_the_last_line_is_not_the_speakers(furniture):
    text = (f"Ada Brook: 00:01:00\n\nThe dues fall in spring.\n{furniture}\n\n"
            "Tomas Ines: 00:01:09\n\nAnd the ferries pay half.\n\nAda Brook: 00:01:20\n\nThey do.\n")
    t = corpus.transcript_from_bytes(text.encode(), "panel.md")
    assert ("Ada Brook", "official", "The dues fall in spring.") in _said(t)
    assert not any(furniture in words and who for who, _, words in _said(t))


def test_a_footer_every_page_repeats_is_not_the_last_speakers_words():
    footer = "Harbour Reporting Ltd 10 Quay Street Northport"
    months = ("spring", "summer", "autumn")
    text = "".join(f"Ada Brook: 00:0{n}:00\n\nThe dues fall in {m}.\nThe ferries pay {n + 1} parts in {m}.\n{footer}\n\n"
                   f"Tomas Ines: 00:0{n}:30\n\nAnd the pier opens in {m}, point {n}.\n\n" for n, m in enumerate(months))
    t = corpus.transcript_from_bytes(text.encode(), "deposition.md")
    assert not any(footer in words for who, _, words in _said(t) if who)


def test_an_unlabelled_answer_set_apart_from_a_labelled_question_is_not_the_askers():
    text = ("**Host**:\n\nWelcome to the harbour briefing.\n\nThe dues are on the agenda.\n\nSo is the pier.\n\n"
            "The harbourmaster will take questions.\n\n\n\n"
            "**Question**:\n\nHow much will the dues rise in spring?\n\n\n\n"
            "They will rise by four percent.\nThe ferries pay half of that.\n\n\n\n"
            "**Question**:\n\nWhen does the new pier open?\n\n\n\nIn June, if the weather holds.\n")
    t = corpus.transcript_from_bytes(text.encode(), "briefing.md")
    asked = [words for who, role, words in _said(t) if role == "reporter"]
    assert asked == ["How much will the dues rise in spring?", "When does the new pier open?"]
    answers = [words for who, role, words in _said(t) if role != "reporter"]
    assert "They will rise by four percent.\nThe ferries pay half of that." in answers
    assert "In June, if the weather holds." in answers


def test_a_question_the_record_sets_out_in_paragraphs_stays_whole():
    # Paragraphs a blank line apart, as the whole record is: the asker's second paragraph is still theirs.
    text = ("Host: Welcome to the harbour briefing.\n\nQuestion: Why now?\n\nThe dues rose last spring too.\n\n"
            "Ada Brook: Because the pier needs paying for.\n")
    t = corpus.transcript_from_bytes(text.encode(), "briefing.txt")
    assert [words for _, role, words in _said(t) if role == "reporter"] == [
        "Why now?\n\nThe dues rose last spring too."]


def test_meeting_turns_kept_as_speaker_and_content_records_are_read():
    doc = {"topic_list": [{"topic": "Dues", "relevant_text_span": [["0", "2"]]}],
           "meeting_transcripts": [{"speaker": "Chair A", "content": ""},
                                   {"speaker": "Chair A", "content": "Shall we start with the dues ?"},
                                   {"speaker": "Member B", "content": "They fall in spring ."}]}
    t = corpus.transcript_from_bytes(json.dumps(doc, indent=2).encode(), "meeting.json")
    assert [(u.speaker, t.text[u.start:u.end]) for u in t.turns] == [
        ("Chair A", "Shall we start with the dues ?"), ("Member B", "They fall in spring .")]


def test_blocks_of_content_without_speakers_are_a_page_not_utterances():
    said = "".join(f"<p>QUESTION: Will the dues fall in {m}?</p>\n<p>MS. BROOK: Not before the board meets in {m}.</p>\n"
                   for m in ("May", "June", "July", "August", "September", "October", "November", "December") * 2)
    doc = {"title": "Harbour Office Briefing", "published": "2026-07-20T05:23:20+00:00",
           "blocks": [{"content": "Share this page."}, {"content": "Print."}], "content": said}
    t = corpus.transcript_from_bytes(json.dumps(doc).encode(), "page.json")
    assert "a page saved as JSON" in t.format
    assert "Share this page." not in t.text
