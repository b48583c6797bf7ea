"""TEI XML, the encoding of scholarly and parliamentary editions, read with lxml.

- `<u who="#id">` is an utterance (spoken TEI, ParlaMint's debates); `who` names the speaker by the
  name the header's list of people gives that id, else by the id;
- `<sp>` is a speech, its `<speaker>` the name;
- a `<p>` opening with `<persName>` and a dash, colon or full stop after it (`<persName>Hon. Mr. Vale
  </persName> —Sir, I rise ...`), as a digitised debate marks its speakers, starts that speaker's turn;
  any other `<p>` goes on with whoever spoke last;
- `<head>`, `<note>`, `<stage>` and the incidents of a spoken record (`<incident>`, `<kinesic>`,
  `<vocal>`) are the record's narration; `<fw>` (running headers, page numbers), the `<teiHeader>` and
  the `<facsimile>` are no part of the words; a `<lb break="no"/>` joins a word split across lines.

A `<pb n="12"/>` gives the page of what follows it. The title and the date are the header's
(`titleStmt`'s first `<title>`, and the first `<date when>` in the header that is a day). Comments and
processing instructions are skipped, and nothing outside the file is ever loaded.
"""

from __future__ import annotations

import re

from ..assembly import Utterance
from ..cleaning import clean_text, clean_title
from . import Reading
from .spoken import name_title, spoken_reading
from .xml_names import local_name

_NARRATION = frozenset("head note stage incident kinesic vocal desc trailer byline dateline".split())
_NOT_WORDS = frozenset("fw teiHeader facsimile figure graphic".split())
_BLOCKS = frozenset("p ab".split())
_OPENS_TURN = re.compile(r"\s*[—–-]+\s*|\s*[:.]\s+")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_tei(root) -> bool:
    return root is not None and local_name(root) in ("TEI", "teiCorpus")


def read_tei(root, name: str) -> Reading:
    header = next((e for e in root.iter() if local_name(e) == "teiHeader"), None)
    people = _people(header) if header is not None else {}
    body = next((e for e in root if local_name(e) == "text"), root)
    walk = _Walk(people)
    walk.container(body)
    title, date = _title_and_date(header)
    return spoken_reading("tei", walk.utterances, title=title or name_title(name), date=date)


class _Walk:
    """The utterances of a TEI text in document order, and the page each stands on."""

    def __init__(self, people: dict[str, str]):
        self.people = people
        self.page: int | None = None
        self.utterances: list[Utterance] = []

    def container(self, element) -> None:
        for child in element:
            tag = local_name(child)
            if tag is None:
                continue
            if tag == "pb":
                self._turn_page(child)
            elif tag in _NOT_WORDS:
                continue
            elif tag == "u":
                who = (child.get("who") or "").split()
                speaker = self.people.get(who[0].lstrip("#"), who[0].lstrip("#")) if who else None
                self._say(child, speaker, change=not who)
            elif tag == "sp":
                named = next((c for c in child if local_name(c) == "speaker"), None)
                speaker = clean_text(_words(named)) if named is not None else None
                first = True
                for part in child:
                    if local_name(part) in (None, "speaker"):
                        continue
                    if local_name(part) in _NARRATION:  # a stage direction inside the speech
                        self._say(part, None, role="narrator")
                        first = True
                        continue
                    self._say(part, speaker if first else None, change=first and not speaker)
                    first = False
            elif tag in _BLOCKS:
                self._block(child)
            elif tag in _NARRATION:
                self._say(child, None, role="narrator")
            else:
                self.container(child)  # div, body, quote, list, ...

    def _block(self, p) -> None:
        """A paragraph: a speaker's first when it opens with their name, else more of the last one's."""
        first = next((c for c in p if local_name(c) is not None), None)
        if (first is not None and local_name(first) == "persName" and not (p.text or "").strip()
                and _OPENS_TURN.match(first.tail or "")):
            speaker = clean_text(_words(first))
            rest = _OPENS_TURN.sub("", first.tail or "", count=1)
            self._say(p, speaker or None, skip=first, lead=rest)
        else:
            self._say(p, None)

    def _say(self, element, speaker: str | None, change: bool = False, role: str | None = None,
             skip=None, lead: str | None = None) -> None:
        page = self.page
        words = " ".join(_words(element, skip=skip, lead=lead, walk=self).split())
        if not words:
            return
        self.utterances.append(Utterance(words, element.sourceline or 1, speaker, change=change or role == "narrator",
                                         page=page, paragraph=True, role=role))

    def _turn_page(self, pb) -> None:
        n = (pb.get("n") or "").strip()
        self.page = int(n) if n.isdigit() else self.page


def _words(element, skip=None, lead: str | None = None, walk: _Walk | None = None) -> str:
    """The words of `element`: its text and its descendants', furniture left out, a page break inside it
    noted for what follows; `skip` (a speaker's name) left out, `lead` read in its tail's place."""
    out: list[str] = [element.text or ""]
    for child in element:
        tag = local_name(child)
        if tag is not None:
            if child is skip:
                out.append(lead or "")
                continue
            if tag == "pb" and walk is not None:
                walk._turn_page(child)
            elif tag == "lb":
                out.append("" if child.get("break") == "no" else " ")
            elif tag not in _NOT_WORDS:
                out.append(_words(child, walk=walk))
        out.append(child.tail or "")
    return "".join(out)


def _people(header) -> dict[str, str]:
    """id -> name of each `<person>` the header lists."""
    people = {}
    for person in header.iter():
        if local_name(person) != "person":
            continue
        pid = person.get("{http://www.w3.org/XML/1998/namespace}id")
        named = next((e for e in person.iter() if local_name(e) == "persName"), None)
        if pid and named is not None:
            name = clean_text(" ".join(_words(named).split()))
            if name:
                people[pid] = name
    return people


def _title_and_date(header) -> tuple[str | None, str | None]:
    if header is None:
        return None, None
    titles = [e for e in header.iter() if local_name(e) == "title"]
    title = clean_title(" ".join(_words(titles[0]).split())) if titles else None
    days = (e.get("when", "") for e in header.iter() if local_name(e) == "date")
    return title or None, next((d for d in days if _DAY.match(d)), None)


__all__ = ["is_tei", "read_tei"]
