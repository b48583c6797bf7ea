"""Debates in Akoma Ntoso: speakers from `<from>` or by reference, headings and unspoken paragraphs as
narration, the debate's name and date, each paragraph at its file line."""

import pytest

from corpus import DecodeError, SourceMap, transcript_from_bytes

DEBATE = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <debate name="PROCEEDINGS OF THE HARBOUR ASSEMBLY">
    <meta>
      <references source="#clerk">
        <TLCPerson href="/people/ada-brook" id="ada-brook" showAs="Ms A BROOK"/>
      </references>
    </meta>
    <preface><p>Thursday, <docDate date="2031-03-27">27 March 2031</docDate></p></preface>
    <debateBody>
      <debateSection id="s1" name="dredging">
        <heading id="h1">DREDGING OF THE INNER HARBOUR</heading>
        <p>The House met at <recordedTime time="14:05:00">14:05</recordedTime>.</p>
        <speech by="#tomas-ines">
          <from>Mr T INES</from>
          <p>Deputy Speaker, the dredging is a year late.</p>
          <p>The silt survey came back twice over budget.</p>
        </speech>
        <speech by="#ada-brook">
          <p>The contract will be signed in May, hon member.</p>
        </speech>
      </debateSection>
    </debateBody>
  </debate>
</akomaNtoso>
"""


@pytest.mark.parametrize("name, fmt", [("assembly-2031-03-27.xml", "akoma-ntoso"),
                                       ("assembly-2031-03-27.xml.txt", "text (Akoma Ntoso debate)")])
def test_an_akoma_ntoso_debate_is_read_by_its_speeches(name, fmt):
    t = transcript_from_bytes(DEBATE.encode(), name)
    assert t.format == fmt
    assert (t.title, t.date) == ("PROCEEDINGS OF THE HARBOUR ASSEMBLY", "2031-03-27")
    said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns]
    assert said == [
        (None, "DREDGING OF THE INNER HARBOUR\n\nThe House met at 14:05."),
        ("Mr T INES", "Deputy Speaker, the dredging is a year late.\n\nThe silt survey came back twice over budget."),
        ("Ms A BROOK", "The contract will be signed in May, hon member."),
    ]
    lines = DEBATE.split("\n")
    places = SourceMap.of(t)
    assert "the dredging is a year late" in lines[places.line(t.turns[1].start) - 1]
    assert "<" not in t.text


def test_an_akoma_ntoso_document_that_is_no_debate_is_refused_with_one_line():
    act = b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body/></act></akomaNtoso>'
    with pytest.raises(DecodeError) as exc:
        transcript_from_bytes(act, "harbour-act.xml")
    assert "Akoma Ntoso" in str(exc.value) and "\n" not in str(exc.value)


def test_people_listed_by_href_alone_and_speakers_the_references_leave_out_are_named():
    # An export that lists people by `href` only, and a witness its speeches cite as `#a` it never lists.
    record = (DEBATE.replace('href="/people/ada-brook" id="ada-brook"', 'href="/people/ada-brook"')
              .replace('<speech by="#tomas-ines">\n          <from>Mr T INES</from>', '<speech by="#a">'))
    t = transcript_from_bytes(record.encode(), "hearing.xml")
    assert [u.speaker for u in t.turns] == [None, "A", "Ms A BROOK"]


def test_a_committees_record_is_titled_by_its_committee_in_the_records_language():
    preface = ('<preface><block name="committee_ga"><docCommittee>AN COISTE CUAIN</docCommittee></block>'
               '<block name="committee_en"><docCommittee>COMMITTEE ON THE HARBOUR</docCommittee></block>'
               '<p>Thursday, <docDate date="2031-03-27">27 March 2031</docDate></p></preface>')
    text = DEBATE.replace('<preface><p>Thursday, <docDate date="2031-03-27">27 March 2031</docDate></p></preface>',
                          preface).replace("<meta>", '<meta><FRBRlanguage language="eng"/>')
    t = transcript_from_bytes(text.encode(), "harbour-committee.xml")
    assert (t.title, t.date) == ("COMMITTEE ON THE HARBOUR", "2031-03-27")
    assert transcript_from_bytes(text.replace('language="eng"', 'language="gle"').encode(),
                                 "harbour-committee.xml").title == "AN COISTE CUAIN"
