"""Chat logs saved as text: each message said by its sender at its time, a scribe's lines by the person
they name, channel commands set aside, and text that is not a log left to the plain reader."""

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import transcript_from_bytes
from corpus.formats.chat_log import read_chat_log

LOG = """[2031-03-14T15:58:01.100Z]\t<Ada_Brook>\tpresent+
[2031-03-14T15:58:09.200Z]\t<tomas>\tpresent+
[2031-03-14T16:00:02.000Z]\t<scribe>\tAda_Brook: Welcome to the harbour working group. Today the dredging budget.
[2031-03-14T16:00:09.000Z]\t<scribe>\tAda_Brook:  and the ferry timetable.
[2031-03-14T16:00:30.000Z]\t<tomas>\tq+
[2031-03-14T16:00:41.000Z]\t<tomas>\tThe dredging estimate went up by forty percent since January.
[2031-03-14T16:01:05.000Z]\t<scribe>\tMira_Holm: The contractor blames the silt survey.
[2031-03-14T16:01:30.000Z]\t<Ada_Brook>\thttps://example.org/harbour/budget
[2031-03-14T16:02:00.000Z]\t<scribe>\tAda_Brook: We will vote on the budget next week.
[2031-03-14T16:02:20.000Z]\t<scribe>\tMira_Holm: The survey is due on Friday.
[2031-03-14T16:02:45.000Z]\t<tomas>\tack Mira
[2031-03-14T16:03:10.000Z]\t<scribe>\tAda_Brook: Thank you all.
"""


def test_a_chat_log_is_read_as_messages_by_their_senders_and_scribed_speakers():
    t = transcript_from_bytes(LOG.encode(), "meeting/harbour-group.log.txt")
    assert t.format == "text (chat log, 12 messages)" and t.date == "2031-03-14"
    said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns]
    assert said == [
        ("Ada Brook", "Welcome to the harbour working group. Today the dredging budget. and the ferry timetable."),
        ("tomas", "The dredging estimate went up by forty percent since January."),
        ("Mira Holm", "The contractor blames the silt survey."),
        ("Ada Brook", "https://example.org/harbour/budget We will vote on the budget next week."),
        ("Mira Holm", "The survey is due on Friday."),
        ("Ada Brook", "Thank you all."),
    ]
    assert [u.time[0] for u in t.turns][:3] == [16 * 3600 + 2, 16 * 3600 + 41, 16 * 3600 + 65]
    assert [(a.line, a.text.split("\t")[-1], a.reason) for a in t.set_aside] == [
        (1, "present+", "a chat command"), (2, "present+", "a chat command"), (5, "q+", "a chat command"),
        (11, "ack Mira", "a chat command")]
    for words in ("<scribe>", "Ada_Brook", "2031-03-14T", "present+"):
        assert words not in t.text


def test_clock_only_stamps_and_the_lines_that_are_not_messages():
    log = "Harbour channel, saved by hand\n" + "".join(
        f"[16:{n:02d}] <{'ada' if n % 2 else 'tomas'}> Point {n} of the dredging plan is settled.\n" for n in range(12))
    t = transcript_from_bytes(log.encode(), "harbour.txt")
    assert t.format == "text (chat log, 12 messages)"
    assert [u.speaker for u in t.turns] == ["tomas", "ada"] * 6
    assert [(a.line, a.reason) for a in t.set_aside] == [(1, "not a chat message")]


def test_a_transcript_quoting_a_few_chat_lines_is_not_a_log():
    speech = "ADA BROOK: The figures are in. The dredging budget rises again this year.\n\n" * 20
    quoted = "".join(f"[16:0{n}] <ada> line {n}\n" for n in range(5))
    assert read_chat_log(speech + quoted, "text", "utf-8") is None
    t = transcript_from_bytes((speech + quoted).encode(), "hearing.txt")
    assert t.format == "text" and t.turns[0].speaker == "ADA BROOK"


_NICKS = st.lists(st.from_regex(r"[a-z][a-z0-9]{2,8}", fullmatch=True), min_size=2, max_size=5, unique=True)
_WORDS = st.lists(st.from_regex(r"[a-z]{3,9}", fullmatch=True), min_size=2, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(_NICKS.flatmap(lambda nicks: st.lists(st.tuples(st.sampled_from(nicks), _WORDS), min_size=10, max_size=30)))
def test_every_message_is_in_the_text_once_and_said_by_its_sender(messages):
    said = [(nick, f"{words} point{n}z") for n, (nick, words) in enumerate(messages)]  # each message told apart
    log = "".join(f"[2031-01-02 10:{n // 60:02d}:{n % 60:02d}] <{nick}> {words}\n" for n, (nick, words) in
                  enumerate(said))
    t = transcript_from_bytes(log.encode(), "chat.txt")
    assert t.format.startswith("text (chat log")
    for nick, words in said:
        assert t.text.count(words) == 1
        turn = next(u for u in t.turns if words in t.text[u.start:u.end])
        assert turn.speaker == nick
