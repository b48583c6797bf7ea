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


TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt>
    <title><name>Harbour Council</name>, <date when="1870-04-06">6 April 1870</date>, Debates</title>
  </titleStmt><sourceDesc><bibl><date when="1912"/></bibl></sourceDesc></fileDesc></teiHeader>
  <facsimile><surface><graphic url="page-157.jpg"/></surface></facsimile>
  <text><body><div type="debate">
    <pb n="157"/><fw type="running">HARBOUR DEBATE.</fw>
    <head>WEDNESDAY, 6TH APRIL, 1870.</head>
    <p>The House resolved itself into Committee.</p>
    <p><persName ref="p:1">Hon. Mr. Ring</persName> —Sir, I beg to ask why the dues <lb/>rise in
      spring.</p>
    <p>They rose last year as well.</p>
    <!-- a note the editors left -->
    <pb n="158"/><fw type="num">158</fw>
    <p><persName>Hon. COLLECTOR OF CUSTOMS</persName> —The board will expl<lb break="no"/>ain it.</p>
    <note>Laughter.</note>
  </div></body></text>
</TEI>
"""


def test_a_tei_debate_reads_its_speakers_from_the_names_opening_paragraphs_and_its_pages():
    t = transcript_from_bytes(TEI.encode(), "council.xml")
    assert (t.format, t.title, t.date) == ("tei", "Harbour Council, 6 April 1870, Debates", "1870-04-06")
    said = [(u.speaker, u.role, u.page, t.text[u.start:u.end]) for u in t.turns]
    assert said == [
        (None, "narrator", 157, "WEDNESDAY, 6TH APRIL, 1870.\n\nThe House resolved itself into Committee."),
        ("Hon. Mr. Ring", "official", 157, "Sir, I beg to ask why the dues rise in spring.\n\nThey rose last year as well."),
        ("Hon. COLLECTOR OF CUSTOMS", "official", 158, "The board will explain it."),
        (None, "narrator", 158, "Laughter."),
    ]
    assert "HARBOUR DEBATE" not in t.text and "editors" not in t.text and "page-157" not in t.text


def test_tei_utterances_name_their_speakers_by_the_headers_list_of_people():
    doc = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Sitting</title></titleStmt>
      </fileDesc><profileDesc><particDesc><listPerson>
        <person xml:id="BrookAda"><persName><forename>Ada</forename> <surname>Brook</surname></persName></person>
      </listPerson></particDesc></profileDesc></teiHeader>
      <text><body><u who="#BrookAda">The dues fall in May.</u><u who="#InesTomas">Not before June.</u>
      <sp><speaker>Karl Vale</speaker><p>And the ferries?</p><stage>Laughter.</stage><p>I mean it.</p></sp>
      </body></text></TEI>"""
    t = transcript_from_bytes(doc.encode(), "sitting.xml")
    assert [(u.speaker, t.text[u.start:u.end]) for u in t.turns] == [
        ("Ada Brook", "The dues fall in May."), ("InesTomas", "Not before June."), ("Karl Vale", "And the ferries?"),
        (None, "Laughter."), ("Karl Vale", "I mean it.")]


def test_a_tei_header_with_no_date_of_its_own_is_dated_by_the_day_a_title_writes():
    doc = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
      <title type="main">Hearing of Ada Brook</title><title type="sub">March 4th, 1951</title></titleStmt>
      <sourceDesc><bibl><title>Harbour Records, printed June 1, 1960</title></bibl></sourceDesc></fileDesc>
      <revisionDesc><change when="2023-05-23">encoded</change></revisionDesc></teiHeader>
      <text><body><sp><speaker>Karl Vale</speaker><p>On 2 May 1950 the dues rose.</p></sp></body></text></TEI>"""
    t = transcript_from_bytes(doc.encode(), "hearing.xml")
    assert (t.title, t.date) == ("Hearing of Ada Brook", "1951-03-04")


def test_tei_p4_in_capitals_names_speakers_by_the_role_only_they_hold_and_keeps_backchannels_apart():
    doc = """<TEI.2 ID="harbour01"><TEIHEADER><FILEDESC><TITLESTMT><TITLE> Harbour Board Hearing </TITLE>
      </TITLESTMT><SOURCEDESC><RECORDINGSTMT><RECORDING><DATE> May 20, 1998 </DATE></RECORDING></RECORDINGSTMT>
      </SOURCEDESC></FILEDESC><PROFILEDESC><PARTICDESC>
        <PERSON ID="S1" ROLE="SF, Board Chair"></PERSON><PERSON ID="S2" ROLE="SG, Applicant"></PERSON>
        <PERSON ID="S3" ROLE="SF, Board Member"></PERSON><PERSON ID="S4" ROLE="SF, Board Member"></PERSON>
      </PARTICDESC></PROFILEDESC></TEIHEADER>
      <TEXT><BODY><U1 WHO="S1"> shall we begin? </U1>
      <U1 WHO="S2"> the pier needs new piles <U2 WHO="S3"> mhm </U2> before the winter <EVENT DESC="LAUGH"></EVENT></U1>
      <PAUSE DUR=":05"></PAUSE><U1 WHO="S4"> <OVERLAP1> and the cost? </OVERLAP1> </U1>
      </BODY></TEXT></TEI.2>"""
    t = transcript_from_bytes(doc.encode(), "hearing.xml")
    assert (t.format, t.title, t.date) == ("tei", "Harbour Board Hearing", "1998-05-20")
    assert [(u.speaker, " ".join(t.text[u.start:u.end].split())) for u in t.turns] == [
        ("Board Chair", "shall we begin?"), ("Applicant", "the pier needs new piles before the winter"),
        ("S3", "mhm"), ("S4", "and the cost?")]


def test_a_backchannel_inside_a_backchannel_keeps_both_speakers_words():
    doc = """<TEI.2><TEIHEADER><FILEDESC><TITLESTMT><TITLE>Hearing</TITLE></TITLESTMT></FILEDESC></TEIHEADER>
      <TEXT><BODY><U1 WHO="S1"> the pier needs piles <U2 WHO="S2"> <OVERLAP1> mhm right </OVERLAP1>
      <U2 WHO="S3"> yes </U2> indeed </U2> before winter </U1></BODY></TEXT></TEI.2>"""
    t = transcript_from_bytes(doc.encode(), "hearing.xml")
    assert [(u.speaker, " ".join(t.text[u.start:u.end].split())) for u in t.turns] == [
        ("S1", "the pier needs piles before winter"), ("S2", "mhm right indeed"), ("S3", "yes")]


PARLINFO = """<hansard version="2.1">
  <session.header><date>1950-02-22</date><chamber>SENATE</chamber><page.no>5</page.no></session.header>
  <chamber.xscript>
    <para class="block">PARLIAMENTARY DEBATES.</para>
    <debate>
      <debateinfo><title>OPENING OF THE HARBOUR</title><page.no>5</page.no></debateinfo>
      <para>The Deputy entered the chamber.</para>
      <para>The DEPUTY said- </para>
      <para>Members of the Senate : </para>
      <para>The ferries will run again in <inline font-weight="bold">May</inline>. </para>
      <para>The Deputy having retired, </para>
      <para>The President took the chair.</para>
    </debate>
    <debate>
      <debateinfo><title>HARBOUR DUES</title><page.no>7</page.no></debateinfo>
      <speech>
        <talk.start>
          <talker><page.no>7</page.no><time.stamp>15:02:00</time.stamp><name role="metadata">VALE, Karl</name>
            <name role="display">Senator VALE</name></talker>
          <para>- The dues rose by a third this spring.</para>
        </talk.start>
        <interjection>
          <talk.start><talker><page.no>8</page.no><name role="metadata">INES, Tomas</name>
            <name role="display">Senator INES</name></talker><para>- Not in the north!</para></talk.start>
        </interjection>
        <continue>
          <talk.start><talker><page.no>8</page.no><name role="display">Senator VALE</name></talker>
            <para>In the north as well.</para></talk.start>
        </continue>
        <para>And the ferries by half.</para>
      </speech>
      <division>
        <division.header><para>The Senate divided.</para></division.header>
        <division.data>
          <ayes><num.votes>2</num.votes><title>AYES</title><names><name>Senator Vale</name><name>Senator Holm</name></names></ayes>
          <noes><num.votes>1</num.votes><title>NOES</title><names><name>Senator Ines</name></names></noes>
        </division.data>
      </division>
    </debate>
  </chamber.xscript>
</hansard>"""


def test_the_australian_parliaments_hansard_names_speakers_pages_and_who_a_line_gives_the_floor_to():
    t = transcript_from_bytes(PARLINFO.encode(), "senate-1950-02-22.xml")
    assert (t.format, t.title, t.date) == ("hansard", "OPENING OF THE HARBOUR", "1950-02-22")
    turns = [(u.speaker, t.text[u.start:u.end], u.page) for u in t.turns]
    assert turns[0][0] is None and "The DEPUTY said-" in turns[0][1]
    assert turns[1] == ("The DEPUTY", "Members of the Senate :\n\nThe ferries will run again in May.", 5)
    assert turns[2][0] is None and turns[2][1].startswith("The Deputy having retired,")
    assert turns[3:6] == [
        ("Senator VALE", "- The dues rose by a third this spring.", 7), ("Senator INES", "- Not in the north!", 8),
        ("Senator VALE", "In the north as well.\n\nAnd the ferries by half.", 8)]
    assert t.turns[3].time == (15 * 3600 + 120.0, 15 * 3600 + 120.0)
    assert t.text[t.turns[-1].start:t.turns[-1].end] == ("The Senate divided.\n\n2 AYES Senator Vale Senator Holm\n\n"
                                                          "1 NOES Senator Ines")
