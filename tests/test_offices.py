"""Offices a corpus gives its speakers ("the Minister", "the Solicitor General"): learned at build time
from the corpus's own words, shown by `info`, and a question naming one prefers the holder's words."""

import json
import shutil

import pytest

from corpus.reading import transcript_from_bytes
from corpus.offices import as_office, offices
from assistant.cli import main
from assistant.query import analyse, find_speakers
from assistant import Assistant
from conftest import SHARED_ROOT, SHARED_SKIP, FakeEmbedder, fake_index_of

DEBATE = """Harbour Debate

March 4, 2025

Ada Brook: Order. I call Mira Holm to open the debate on the ferries.

Mira Holm: The ferry fares rise in June. Will the Minister tell us when the new table is published?

Tomas Berg: The table is published in May, after the harbour board meets.

Ines Vale: The night ferries matter too. I say gently to the Minister that the islands need them.

Tomas Berg: The night ferries keep their timetable until the autumn.

Nadia Lund: Does the Minister agree that the dock cranes are late?

Tomas Berg: The cranes arrive in August, a month late.

Mira Holm: The Minister will know that the pier is closed on Sundays.

Tomas Berg: The pier opens on Sundays from July.

Ada Brook: I call the Minister to reply.

Tomas Berg: The ferry timetable for the winter keeps the night crossings.

Nadia Lund: The ferry timetable for the winter should keep the night crossings.
"""

ARGUMENT = """SUPREME COURT OF THE HARBOUR

APPEARANCES:
ROSA KEMP, Solicitor General, Harbour City; on behalf of the petitioners.
LENA DAHL, Solicitor General, Northport; on behalf of the respondents.

CHIEF JUSTICE HOLM: We will hear argument this morning. General Kemp.

GENERAL KEMP: Thank you. The tariff on ferries is a licence fee, not a tax.

JUSTICE BERG: Is a licence fee ever a tax?

GENERAL KEMP: Not when it pays for the licence.

GENERAL DAHL: Northport reads the statute the other way: the fee is a tax.
"""

BRIEFING = """Press Briefing by Press Secretary Mira Holm

March 4, 2025

MS. HOLM: Good afternoon. The ferry fares rise in June.

Q: Will pensioners pay the new fare?

MS. HOLM: Pensioners keep the old fare.
"""

# A guest's every turn is followed by the host's: following a word is no office unless it says a role.
INTERVIEW = """The Harbour Podcast

Ada Brook: Welcome back. Tell us about the Lantern project.

Tomas Berg: The Lantern started as a side project in the harbour office.

Ada Brook: And now?

Tomas Berg: The Lantern runs every ferry's timetable.

Ada Brook: How many people work on it?

Tomas Berg: Nine, since the Lantern became a company.

Ada Brook: Who pays for it?

Tomas Berg: The harbour pays, and the Lantern sells its timetables.

Ada Brook: Thanks for coming.
"""


def _read(text: str, doc_id: str):
    return transcript_from_bytes(text.encode(), doc_id, doc_id)


def _speakers(*transcripts) -> list[str]:
    return sorted({u.speaker for t in transcripts for u in t.turns if u.speaker and u.role != "reporter"})


def test_an_office_the_others_speak_of_to_the_one_who_answers_next_is_that_speakers():
    debate = _read(DEBATE, "debate.md")
    assert offices([debate], _speakers(debate)) == (("Minister", ("Tomas Berg",)),)


def test_an_office_set_off_by_a_comma_after_a_name_is_its_holders_and_the_labels_own_title_is_no_news():
    argument = _read(ARGUMENT, "argument.txt")
    learned = dict(offices([argument], ["CHIEF JUSTICE HOLM", "GENERAL KEMP", "GENERAL DAHL", "JUSTICE BERG"]))
    assert learned == {"Solicitor General": ("GENERAL DAHL", "GENERAL KEMP")}


def test_an_office_after_a_name_in_its_label_is_its_holders():
    briefing = _read("PRIME MINISTER: The harbour closes at noon.\n\nPROFESSOR ADA BROOK, CHIEF ENGINEER: The bridge "
                     "stays open.\n\nJOURNALIST: For how long?\n\nPROFESSOR ADA BROOK, CHIEF ENGINEER: Until dawn.\n",
                     "briefing.txt")
    assert offices([briefing], _speakers(briefing)) == (("CHIEF ENGINEER", ("PROFESSOR ADA BROOK",)),)


def test_an_office_written_before_a_name_is_its_holders():
    briefing = _read(BRIEFING, "briefing.md")
    assert offices([briefing], ["MS. HOLM"]) == (("Press Secretary", ("MS. HOLM",)),)


def test_what_says_no_role_is_no_office_however_regularly_it_is_followed():
    interview = _read(INTERVIEW, "podcast.md")
    assert offices([interview], _speakers(interview)) == ()
    assert as_office("Lantern") is None and as_office("Solicitor General") == "Solicitor General"
    assert as_office("Deputy Director Tomas") == "Deputy Director"


def test_one_who_speaks_of_the_office_is_not_its_holder():
    # Tomas himself speaks of "the Minister": he is someone the Minister is spoken of to, not the Minister.
    debate = _read(DEBATE.replace("The cranes arrive in August", "The Minister says the cranes arrive in August"),
                   "debate.md")
    assert offices([debate], _speakers(debate)) == ()


def test_an_office_held_by_many_names_no_one():
    appearances = "\n".join(f"{n.upper()}, Deputy Director, Harbour Office;" for n in
                            ("Ada Brook", "Ines Vale", "Mira Holm", "Tomas Berg"))
    text = f"Harbour Panel\n\n{appearances}\n\n" + "\n\n".join(
        f"{n}: The ferry fares rise in June." for n in ("Ada Brook", "Ines Vale", "Mira Holm", "Tomas Berg"))
    panel = _read(text, "panel.md")
    assert offices([panel], _speakers(panel)) == ()


OFFICES = (("Minister", ("Tomas Berg",)), ("Solicitor General", ("GENERAL DAHL", "GENERAL KEMP")))
NAMES = ("Ada Brook", "GENERAL KEMP", "GENERAL DAHL", "Ines Vale", "JUSTICE BERG", "Tomas Berg")


@pytest.mark.parametrize("question, speakers, others, content", [
    ("What did the Minister say about the cranes?", ("Tomas Berg",), (), "What did the say about the cranes?"),
    ("According to the Minister, when do the cranes arrive?", ("Tomas Berg",), (), None),
    # Both holders, at one place; the possessive stays in what is matched.
    ("What did Northport's Solicitor General say the fee is?", ("GENERAL DAHL", "GENERAL KEMP"), (),
     "What did Northport's say the fee is?"),
    ("How did the Solicitor General answer Justice Berg's question?", ("GENERAL DAHL", "GENERAL KEMP"),
     ("JUSTICE BERG",), None),
    # Another office, a street, or a word in lower case: not the office.
    ("What did the Minister of State say about ferries?", (), (), None),
    ("What happened on the Minister Street pier?", (), (), None),
    ("What did the ministry say about the cranes?", (), (), None),
])
def test_a_question_naming_an_office_names_its_holders(question, speakers, others, content):
    hints = analyse(question, NAMES, offices=OFFICES)
    assert hints.speakers == speakers and hints.others == others
    if content is not None:
        assert hints.content == content
    assert not set(speakers) & set(find_speakers(question, NAMES))  # without the offices, not them


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return fake_index_of(tmp_path_factory.mktemp("offices"), {"debate.md": DEBATE, "argument.txt": ARGUMENT})


def test_info_shows_the_offices_learned(index, capsys):
    assert main(["info", "--index", str(index), "--json"]) == 0
    learned = json.loads(capsys.readouterr().out)["learned"]
    assert {o["office"]: o["speakers"] for o in learned["offices"]} == {
        "Minister": ["Tomas Berg"], "Solicitor General": ["GENERAL DAHL", "GENERAL KEMP"]}
    assert main(["info", "--index", str(index)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Offices: the Minister = Tomas Berg; the Solicitor General = GENERAL DAHL / GENERAL KEMP" in out


def test_a_question_naming_an_office_prefers_the_holders_words(index):
    assistant = Assistant.open(index, embedder=FakeEmbedder())
    question = "What did the Minister say about the ferry timetable for the winter?"
    top = assistant.ask(question, k=3).passages[0]
    assert top.citation.speaker == "Tomas Berg" and "ferry timetable for the winter" in top.quote
    other = assistant.ask("What did Nadia Lund say about the ferry timetable for the winter?", k=3).passages[0]
    assert other.citation.speaker == "Nadia Lund"


CORPORA = SHARED_ROOT / "corpora"


@pytest.mark.skipif(not CORPORA.is_dir(), reason=SHARED_SKIP)
def test_the_shared_corpora_give_their_offices_and_a_rebuild_keeps_those_of_the_front_matter(tmp_path, capsys):
    """The court argument's appearances ("D. JOHN SAUER, Solicitor General, ...") are front matter, set
    aside from the turns: a rebuild that reads only the changed file still learns from them."""
    from index import build_index

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA, corpus, ignore=shutil.ignore_patterns("README.md"))
    build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())

    def offices() -> dict:
        assert main(["info", "--index", str(tmp_path / "index"), "--json"]) == 0
        return {o["office"]: o["speakers"] for o in json.loads(capsys.readouterr().out)["learned"]["offices"]}

    first = offices()
    assert first["Solicitor General"] == ["GENERAL SAUER", "MR. GUTMAN"]
    assert first["Minister"] == ["David Kidney"]
    podcast = corpus / "interviews" / "the-changelog-501.md"
    podcast.write_text(podcast.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())
    assert not report.unchanged and report.reused > 0  # a rebuild, the unchanged files taken as they were
    assert offices() == first
    ask = Assistant.open(tmp_path / "index", embedder=FakeEmbedder())
    ctx = ask._ctx
    hints = analyse("What did the Solicitor General say about Nixon's tariff?", ctx.names,
                    vocabulary=ctx.vocabulary, offices=ctx.offices)
    assert hints.speakers == ("GENERAL SAUER", "MR. GUTMAN")
