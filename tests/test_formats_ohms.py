"""Oral histories in OHMS XML: the transcript's words with their speakers, the minute each paragraph
starts in, the file line it stands on, the record's title and date, and footnotes set aside."""

from corpus import SourceMap, transcript_from_bytes

BODY = (
    "BROOK: Shall we start with the harbour? When did you first work there?\r\n\r\n"
    "INES: In 1961. I came as a clerk &amp; stayed thirty years. We didn&#039;t have\r\n"
    "cranes then.\r\n\r\n"
    "BROOK: And the dredging?\r\n\r\n"
    "INES: That came later, in &quot;the big years&quot;.[[footnote]]1[[/footnote]]\r\n\r\n"
    "[[footnotes]]\r\n\r\n[[note]]Harbour Board minutes, 1968.[[/note]]\r\n\r\n[[/footnotes]]\r\n"
)
RECORD = (
    '<?xml version="1.0" encoding="UTF-8"?>\r\n'
    '<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="1" dt="2031-04-07"><version>5.4</version>'
    '<date value="1994-05-03" format="yyyy-mm-dd"/><title>Oral history interview with Tomas Ines</title>'
    "<sync>1:|4(2)|7(1)</sync>"
    f"<transcript>{BODY}</transcript><rights></rights></record></ROOT>\r\n"
)


def test_an_ohms_record_is_read_as_the_interview_it_holds():
    for name, fmt in (("ines.xml", "ohms (oral history)"), ("ines.xml.txt", "text (OHMS oral history)")):
        t = transcript_from_bytes(RECORD.encode(), name)
        assert t.format == fmt
        assert (t.title, t.date) == ("Oral history interview with Tomas Ines", "1994-05-03")
        said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns]
        assert said[1] == ("INES", "In 1961. I came as a clerk & stayed thirty years. We didn't have cranes then.")
        assert [s for s, _ in said] == ["BROOK", "INES", "BROOK", "INES"]
        # The transcript's line 4 opens minute 1, its line 7 minute 2.
        assert [u.time[0] for u in t.turns] == [0.0, 0.0, 60.0, 120.0]
        lines = RECORD.split("\n")
        places = SourceMap.of(t)
        assert "INES: In 1961." in lines[places.line(t.turns[1].start) - 1]
        assert "Harbour Board minutes" not in t.text and "<" not in t.text
        assert {a.reason for a in t.set_aside} == {"footnotes"}
