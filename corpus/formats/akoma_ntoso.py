"""Parliamentary debates in Akoma Ntoso (OASIS LegalDocML: `<akomaNtoso><debate>`), read with lxml.

The standard several parliaments publish their record in: a `<speech>` gives its speaker in
`<from>` (or by reference, `by="#id"`, to a person the `<references>` name), each `<p>` a
paragraph of it; `<heading>`s and the paragraphs outside any speech (the prayers, "The House met
at 10:00") are the record's narration. The debate's `name` is its title, or the committee the
preface names (`<docCommittee>`, in the record's language where it gives two) when the debate is a
committee's, and the preface's `<docDate>` its date. Each paragraph cites the file line it stands on. Nothing outside the file
is loaded.
"""

from __future__ import annotations

from ..assembly import Utterance
from ..cleaning import clean_text, clean_title
from ..errors import DecodeError
from . import Reading
from .spoken import name_title, spoken_reading
from .xml_names import local_name

_SPEECHES = frozenset("speech question answer".split())
_SKIPPED = frozenset("meta from".split())


def is_akoma_ntoso(head: bytes) -> bool:
    """Whether a file opening with `head` is an Akoma Ntoso document."""
    return b"<akomaNtoso" in head or b":akomaNtoso" in head


def read_akoma_ntoso(data: bytes, name: str, fmt: str) -> Reading | None:
    """The debate in `data`, or None when it is an Akoma Ntoso document of another kind (a bill, an act)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        detail = (getattr(exc, "msg", None) or str(exc)).splitlines()[0][:120]
        raise DecodeError(f"it is not well-formed XML ({detail})") from None
    debate = next((c for c in root if local_name(c) == "debate"), None)
    if debate is None:
        return None
    people = {f"#{key}": p.get("showAs") for p in root.iter() if local_name(p) == "TLCPerson"
              for key in _person_keys(p)}
    date = next((d.get("date") for d in root.iter() if local_name(d) == "docDate" and d.get("date")), None)
    utterances: list[Utterance] = []
    body = next((c for c in debate if local_name(c) == "debateBody"), debate)
    _walk(body, people, utterances)
    title = clean_title(_committee(root) or debate.get("name") or "") or None
    return spoken_reading(fmt if fmt == "akoma-ntoso" else f"{fmt} (Akoma Ntoso debate)", utterances,
                          title=title or name_title(name), date=date)


def _committee(root) -> str | None:
    """The committee the preface names: the one in a block for the record's language (`committee_en` where
    the expression's language is `eng`) where it names it in two, else the first."""
    named = [(c.getparent().get("name") or "", " ".join("".join(c.itertext()).split()))
             for c in root.iter() if local_name(c) == "docCommittee"]
    named = [(block, words) for block, words in named if words]
    if not named:
        return None
    language = next((e.get("language") for e in root.iter() if local_name(e) == "FRBRlanguage"), None) or ""
    return next((words for block, words in named if language and block.endswith("_" + language[:2])), named[0][1])


def _walk(element, people: dict[str, str], out: list[Utterance]) -> None:
    for child in element:
        tag = local_name(child)
        if tag is None or tag in _SKIPPED:
            continue
        if tag in _SPEECHES:
            _speech(child, people, out)
        elif tag in ("heading", "p"):
            words = clean_text("".join(child.itertext()))
            if words:
                out.append(Utterance(words, child.sourceline or 1, None, change=not (out and out[-1].role == "narrator"),
                                     paragraph=True, role="narrator"))
        else:
            _walk(child, people, out)


def _person_keys(person) -> list[str]:
    """What a speech's `by="#..."` may call a person: their `eId` or `id`, or the last part of their `href`
    (`/ontology/person/.../ms-brook`), as exports that give no id write it."""
    keys = [k for k in (person.get("eId"), person.get("id")) if k]
    href = (person.get("href") or "").rstrip("/")
    return keys + ([href.rsplit("/", 1)[-1]] if href else [])


def _unlisted(ref: str) -> str:
    """The speaker a reference names that the references do not list (`#ms-brook`, `#a`), from its words."""
    return " ".join(ref.lstrip("#").replace("-", " ").replace("_", " ").split()).title()


def _speech(speech, people: dict[str, str], out: list[Utterance]) -> None:
    said = next((c for c in speech if local_name(c) == "from"), None)
    speaker = clean_text("".join(said.itertext())) if said is not None else ""
    ref = (speech.get("by") or "").strip()
    speaker = speaker or clean_text(people.get(ref, "") or "") or (_unlisted(ref) if ref.startswith("#") else "") or None
    for block in speech:
        if local_name(block) in (None, "from"):
            continue
        words = clean_text("".join(block.itertext()))
        if words:
            out.append(Utterance(words, block.sourceline or speech.sourceline or 1, speaker, paragraph=True,
                                 role=None if speaker else "narrator"))
