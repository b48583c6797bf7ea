"""A list a speaker counts off ("First, ... Second, ...") and a question asking for one of its items:
the number, not the words, tells the items apart."""

import dataclasses

import pytest
from hypothesis import given, strategies as st

from corpus.enumeration import ORDINALS, asked_item, opens_item
from assistant import Assistant
from assistant.query import analyse
from conftest import FakeEmbedder, fake_index_of


@pytest.mark.parametrize("sentence, item", [
    ("Second, we will cut the ferry fares.", 2),
    ("Secondly, the pier opens in July.", 2),
    ("The third is to open the pier on Sundays.", 3),
    ("The fourth aspect of work is to extend the night ferries.", 4),
    ("Fifth: the harbour board publishes its table.", 5),
    ("4. Extend the night ferries.", 4),
    ("(2) Publish the table.", 2),
    ("First, thank you all for coming.", 1),
    # Not an item: a period, a count, a word that only starts the same.
    ("Second quarter traffic rose by 5%.", 0),
    ("The second half of the year was harder.", 0),
    ("Secondary schools take the early ferry.", 0),
    ("We will cut the fares a second time.", 0),
    ("In 2024. the fares rose.", 0),
])
def test_the_item_a_sentence_opens(sentence, item):
    assert opens_item(sentence) == item


@pytest.mark.parametrize("question, item", [
    ("What was the second measure for the ferries?", 2),
    ("What fourth task did Ines Vale set for the harbour?", 4),
    ("What did the board list third among its plans for the second half of 2025?", 3),
    # The earliest, a period, a rank, a time: no item asked for.
    ("What was the first step the board took?", 0),
    ("How did traffic do in the second half of 2025?", 0),
    ("What happened in the first three quarters?", 0),
    ("Which is the third largest port?", 0),
    ("When did the fares rise for the second time?", 0),
])
def test_the_item_a_question_asks_for(question, item):
    assert asked_item(question) == item
    assert analyse(question, ()).item == item


@given(st.integers(min_value=2, max_value=10), st.sampled_from(["{w}, ", "{W}, ", "The {w} is ", "{W}ly, "]),
       st.text(alphabet="abcdefghij ", max_size=30))
def test_an_item_opened_in_any_common_form_is_read_as_its_number(n, form, rest):
    word = ORDINALS[n - 1]
    if form == "{W}ly, " and n > 5:
        form = "{W}, "
    assert opens_item(form.format(w=word, W=word.capitalize()) + rest) == n
    assert asked_item(f"What was the {word} measure {rest}?") == n


ITEM = ("we will {verb} the ferry services on the northern routes, with new timetables for the ferry services, "
        "more crossings for the ferry services in the evening and a review of how the ferry services are run "
        "by the harbour board, so that the islands keep their link to the mainland all year round.")
BRIEFING = "\n\n".join([
    "Harbour Briefing",
    "March 4, 2025",
    "Mira Holm: Thank you. This year the board has four measures for the ferries.",
    "First, " + ITEM.format(verb="renew"),
    "Second, " + ITEM.format(verb="extend"),
    # The third item says less about the ferry services than the others.
    "Third, we will review how the harbour pays for the crossings to the islands, and the board will "
    "publish what each crossing costs, route by route, before the summer.",
    "Fourth, " + ITEM.format(verb="widen"),
])


def _highlighted(passage) -> str:
    return passage.quote[passage.highlight[0]:passage.highlight[1]]


def test_a_question_asking_for_an_item_gets_the_passage_holding_it_with_the_item_highlighted(tmp_path):
    assistant = Assistant.open(fake_index_of(tmp_path, {"briefing.md": BRIEFING}), embedder=FakeEmbedder())
    question = "What is the third measure for the ferry services?"
    plain = assistant.with_settings(dataclasses.replace(assistant.settings, item_boost=0.0))
    first = plain.ask(question, k=3).passages[0]
    assert "Third, we will review" not in first.quote  # the words alone find another item
    top = assistant.ask(question, k=3).passages[0]
    assert _highlighted(top).startswith("Third, we will review how the harbour pays")
