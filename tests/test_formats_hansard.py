"""Hansard debates in ParlParse XML: speakers, the chair, narration, columns and times of day."""

from pathlib import Path

import pytest

from corpus import DecodeError, SourceMap, transcript_from_bytes
from corpus.formats import read_file_bytes

FIXTURE = Path(__file__).parent / "fixtures" / "formats" / "westminster2011-03-08a.xml"


@pytest.fixture(scope="module")
def debate():
    return transcript_from_bytes(FIXTURE.read_bytes(), FIXTURE.name)


def test_speakers_chair_and_narration(debate):
    t = debate
    assert [(turn.speaker, turn.role) for turn in t.turns] == [
        (None, "narrator"), ("Tom Sample", "official"), (None, "narrator"),
        ("Anne Example", "host"), ("Jane Minister", "official"), (None, "narrator")]
    assert t.text[t.turns[2].start:t.turns[2].end] == "Several hon. Members rose—"
    assert t.text[t.turns[-1].start:t.turns[-1].end] == "Question put and agreed to."


def test_entities_of_the_inline_dtd_and_the_latin1_declaration(debate):
    assert "£2 million" in debate.text and "Café owners" in debate.text
    assert "&pound;" not in debate.text and "<phrase" not in debate.text


def test_one_paragraph_per_p_with_its_column_time_of_day_and_line(debate):
    t = debate
    tom = t.turns[1]
    assert t.text[tom.start:tom.end] == ("Rural buses carry the young and the old. The grant fell by £2 million "
                                         "this year.\n\nWill the Minister say what he will do about it?")
    assert tom.time == (9 * 3600 + 30 * 60, 9 * 3600 + 30 * 60)
    assert [turn.page for turn in t.turns] == [201, 201, 202, 202, 202, 203]
    lines = FIXTURE.read_bytes().decode("iso-8859-1").splitlines()
    places = SourceMap.of(t)
    second = t.text.index("Will the Minister")
    assert 'pid="a.201.2/2"' in lines[places.line(second) - 1]
    assert places.page(second) == 201


def test_title_from_the_heading_and_date_from_the_ids(debate):
    assert debate.title == "Rural Bus Services"
    assert debate.date == "2011-03-08"
    assert debate.format == "hansard"


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    data = (f'<?xml version="1.0"?><!DOCTYPE publicwhip [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<publicwhip><speech speakername="A B" colnum="1" time="010:00:00"><p>&x;</p></speech>'
            '</publicwhip>').encode()
    try:
        reading = read_file_bytes(data, "x.xml")
    except DecodeError:
        return
    assert "do not read me" not in reading.text


def test_a_record_with_a_page_in_a_field_is_read_as_that_page_with_its_title_and_date():
    said = "".join(f"<p><strong>MINISTER: </strong>The harbour dues fall in {m}.</p>\n"
                   f"<p><strong>JOURNALIST: </strong>Why not before {m}?</p>\n" for m in ("May", "June", "July") * 8)
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n<response><item key="0"><id>7</id>'
            "<title>Press conference - Harbour Office</title><release-date>22/03/2020</release-date>"
            f"<content><![CDATA[{said}]]></content></item></response>").encode()
    t = transcript_from_bytes(data, "presser.xml")
    assert (t.format, t.title, t.date) == ("xml (a page saved as XML)", "Press conference - Harbour Office", "2020-03-22")
    assert [u.speaker for u in t.turns][:2] == ["MINISTER", "JOURNALIST"] and "<p>" not in t.text
    assert {s.line for s in t.segments} == {2}


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02garbage\xff\xfe" * 40,
    FIXTURE.read_bytes()[:700],
    b"<html><body>not a debate</body></html>",
    b'<?xml version="1.0"?><publicwhip></publicwhip>',
])
def test_unreadable_xml_raises_decode_error(data):
    with pytest.raises(DecodeError) as exc:
        read_file_bytes(data, "x.xml")
    assert "\n" not in str(exc.value)
