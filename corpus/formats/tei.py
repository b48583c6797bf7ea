"""TEI XML, the encoding of scholarly and parliamentary editions, read with lxml.

- `<u who="#id">` is an utterance (spoken TEI, ParlaMint's debates); `who` names the speaker by the
  name the header's list of people gives that id, else by the role it gives them where no one else
  holds it, else by the id; an utterance inside another (a backchannel, `<u2>`) is its own, after it;
- `<sp>` is a speech, its `<speaker>` the name;
- a `<p>` opening with `<persName>` and a dash, colon or full stop after it (`<persName>Hon. Mr. Vale
  </persName> —Sir, I rise ...`), as a digitised debate marks its speakers, starts that speaker's turn;
  any other `<p>` goes on with whoever spoke last;
- `<head>`, `<note>`, `<stage>` and the incidents of a spoken record (`<incident>`, `<kinesic>`,
  `<vocal>`) are the record's narration; `<fw>` (running headers, page numbers), the `<teiHeader>` and
  the `<facsimile>` are no part of the words; a `<lb break="no"/>` joins a word split across lines.

A `<pb n="12"/>` gives the page of what follows it. The title and the date are the header's
(`titleStmt`'s first `<title>`, and the first `<date when>` in the header that is a day, or a `<date>`
that writes one, or else a day one of `titleStmt`'s titles writes). TEI P4 (`<TEI.2>`), in the capitals spoken corpora write it in (`<U1 WHO="S1">`,
`<PERSON ID="S1" ROLE="...">`), is read the same way: names are compared without case. Comments and
processing instructions are skipped, and nothing outside the file is ever loaded.
"""

from __future__ import annotations

import re
from collections import Counter

from ..assembly import Utterance
from ..cleaning import clean_text, clean_title
from ..dates import full_dates
from . import Reading
from .spoken import name_title, spoken_reading
from .xml_names import local_name

# Element names in lower case: TEI P4 is often written in capitals.
_NARRATION = frozenset("head note stage incident kinesic vocal desc trailer byline dateline".split())
_NOT_WORDS = frozenset("fw teiheader facsimile figure graphic".split())
_UTTERANCE = re.compile(r"u\d?")  # `<u>`, and P4's levels of it: `<U1>`, a backchannel inside it `<U2>`
_BLOCKS = frozenset("p ab".split())
_OPENS_TURN = re.compile(r"\s*[—–-]+\s*|\s*[:.]\s+")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_tei(root) -> bool:
    return root is not None and _tag(root) in ("tei", "teicorpus", "tei.2")


def read_tei(root, name: str) -> Reading:
    header = next((e for e in root.iter() if _tag(e) == "teiheader"), None)
    people = _people(header) if header is not None else {}
    body = next((e for e in root if _tag(e) == "text"), root)
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
            tag = _tag(child)
            if tag is None:
                continue
            if tag == "pb":
                self._turn_page(child)
            elif tag in _NOT_WORDS:
                continue
            elif _UTTERANCE.fullmatch(tag):
                self._utterance(child)
            elif tag == "sp":
                named = next((c for c in child if _tag(c) == "speaker"), None)
                speaker = clean_text(_words(named)) if named is not None else None
                first = True
                for part in child:
                    if _tag(part) in (None, "speaker"):
                        continue
                    if _tag(part) in _NARRATION:  # a stage direction inside the speech
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

    def _utterance(self, u) -> None:
        """An utterance, and after it those of others inside it (a backchannel), each its speaker's."""
        who = (_attr(u, "who") or "").split()
        speaker = self.people.get(who[0].lstrip("#"), who[0].lstrip("#")) if who else None
        inner = list(_inner_utterances(u))
        self._say(u, speaker, change=not who, skip=frozenset(inner))
        for c in inner:  # each the outermost within `u`: those inside it are its own to say
            self._utterance(c)

    def _block(self, p) -> None:
        """A paragraph: a speaker's first when it opens with their name, else more of the last one's."""
        first = next((c for c in p if _tag(c) is not None), None)
        if (first is not None and _tag(first) == "persname" and not (p.text or "").strip()
                and _OPENS_TURN.match(first.tail or "")):
            speaker = clean_text(_words(first))
            rest = _OPENS_TURN.sub("", first.tail or "", count=1)
            self._say(p, speaker or None, skip=frozenset([first]), lead=rest)
        else:
            self._say(p, None)

    def _say(self, element, speaker: str | None, change: bool = False, role: str | None = None,
             skip=frozenset(), lead: str | None = None) -> None:
        page = self.page
        words = " ".join(_words(element, skip=skip, lead=lead, walk=self).split())
        if not words:
            return
        self.utterances.append(Utterance(words, element.sourceline or 1, speaker, change=change or role == "narrator",
                                         page=page, paragraph=True, role=role))

    def _turn_page(self, pb) -> None:
        n = (_attr(pb, "n") or "").strip()
        self.page = int(n) if n.isdigit() else self.page


def _words(element, skip=frozenset(), lead: str | None = None, walk: _Walk | None = None) -> str:
    """The words of `element`: its text and its descendants', furniture left out, a page break inside it
    noted for what follows; `skip` (a speaker's name, others' utterances inside) left out, and where `lead`
    is given, read in place of the first one's tail."""
    out: list[str] = [element.text or ""]
    for child in element:
        tag = _tag(child)
        if tag is not None:
            if child in skip and lead is not None:  # a speaker's name, the words after it read as `lead`
                out.append(lead)
                lead = None
                continue
            if child in skip:
                out.append(" ")
            elif tag == "pb" and walk is not None:
                walk._turn_page(child)
            elif tag == "lb":
                out.append("" if _attr(child, "break") == "no" else " ")
            elif tag not in _NOT_WORDS:
                out.append(_words(child, skip, walk=walk))
        out.append(child.tail or "")
    return "".join(out)


def _inner_utterances(element):
    """The utterances inside `element`, not looking inside one found (a backchannel's own backchannel is
    the backchannel's)."""
    for child in element:
        if _UTTERANCE.fullmatch(_tag(child) or ""):
            yield child
        else:
            yield from _inner_utterances(child)


def _tag(element) -> str | None:
    name = local_name(element)
    return name.lower() if name else None


def _attr(element, name: str) -> str | None:
    """An attribute however its name is cased (`who`, P4's `WHO`)."""
    value = element.get(name)
    return value if value is not None else element.get(name.upper())


def _people(header) -> dict[str, str]:
    """id -> name of each `<person>` the header lists: its `<persName>`, else the role it is given where
    no one else is given it (`<PERSON ID="S1" ROLE="SF, Board Chair">`: "Board Chair"; the short
    codes in capitals before it are a corpus's classes), else nothing, and the id stands."""
    people, roles = {}, {}
    for person in header.iter():
        if _tag(person) != "person":
            continue
        pid = person.get("{http://www.w3.org/XML/1998/namespace}id") or _attr(person, "id")
        named = next((e for e in person.iter() if _tag(e) == "persname"), None)
        if not pid:
            continue
        name = clean_text(" ".join(_words(named).split())) if named is not None else ""
        if name:
            people[pid] = name
        elif role := _role(_attr(person, "role") or ""):
            roles[pid] = role
    held = Counter(roles.values())
    return people | {pid: role for pid, role in roles.items() if held[role] == 1}


def _role(role: str) -> str:
    parts = [p.strip() for p in role.split(",")]
    words = [p for p in parts if p and not (p.isupper() and len(p) <= 4)]
    said = ", ".join(words)
    return "" if said.lower() in ("unknown", "") else said


def _title_and_date(header) -> tuple[str | None, str | None]:
    if header is None:
        return None, None
    titles = [e for e in header.iter() if _tag(e) == "title"]
    title = clean_title(" ".join(_words(titles[0]).split())) if titles else None
    dates = [e for e in header.iter() if _tag(e) == "date"]
    day = next((d for e in dates if _DAY.match(d := (_attr(e, "when") or ""))), None)
    # P4 writes the day (`<DATE> May 20, 1998 </DATE>`); a header with no date of its own often
    # gives the sitting's in a title (`<title type="sub">March 4th, 1951</title>`).
    stated = next((e for e in header.iter() if _tag(e) == "titlestmt"), None)
    for written in (dates, [e for e in stated.iter() if _tag(e) == "title"] if stated is not None else []):
        if day is None:
            day = next((found[0].iso for e in written if (found := full_dates(" ".join(_words(e).split())))), None)
    return title or None, day


__all__ = ["is_tei", "read_tei"]
