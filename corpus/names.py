"""What a label says of its speaker: a person's name, a title, a news outlet, a presiding chair.

Also how one person is known under several labels: honorifics and case do not make
two people (`MS. WHITFIELD`, `Ms. Whitfield`), and a bare surname is the full name that
ends with it.
"""

from __future__ import annotations

import re

from .cleaning import clean_name
from .words import is_stopword

# Words a label abbreviates with a full stop: honorifics, titles and ranks (`HON. ADA BROOK`, `LT. GOV. INES`).
ABBREVIATED = frozenset("mr ms mrs mx dr prof st no jr sr esq hon rev gen sen rep gov lt col capt sgt".split())
# Full stops that end no sentence: an abbreviation's, a domain's, initials' (`Ada R. Brook`, `HON.  P.  BROOK`, `B.C. BROOK`).
_ABBREVIATIONS = re.compile(rf"\b(?:{'|'.join(sorted(ABBREVIATED))})\.|\.(?:com|cn|net|org|gov)\b"
                            r"|(?:(?<=\s)|^)(?-i:(?:[A-Z]\.)+)(?=\s+\w)", re.IGNORECASE)
_FORBIDDEN_IN_LABEL = re.compile(r"[.?!。？！;；\"“”]|https?:|www\.")
REPORTER_WORDS = r"(?:reporters?|journalists?|correspondents?)"  # in labels, and in questions (assistant.query)
# What a question calls the organisation a reporter is from: "which outlet's reporter", "which newspaper".
OUTLET_WORDS = r"(?:outlets?|newspapers?|papers?|publications?|broadcasters?|networks?|agenc(?:y|ies)|stations?|channels?|media|magazines?)"
REPORTER = re.compile(rf"\b{REPORTER_WORDS}\b(?![’']s)", re.IGNORECASE)
HONORIFIC = re.compile(r"^(?:Mr|Ms|Mrs|Mx|Miss|Dr|Prof|Madam|Madame|Sir)\.?\s+", re.IGNORECASE)
# The honorifics a surname alone is labelled and addressed by (`MS. VALE:`, "Thank you, Mr. Ines.").
SURNAME_HONORIFICS = ("Mr", "Ms", "Mrs", "Miss", "Mx", "Dr")
# `MS. HOLM`, `HON. P. BROOK`, `LT. GOV. INES`, `HON. PROFESSOR B.C. BROOK`: capitals, after abbreviated
# titles, a title written out, and initials, written apart or together.
UPPER_LABEL = re.compile(rf"(?:(?i:{'|'.join(sorted(ABBREVIATED))})\.\s+)*(?:[A-Z][A-Z'’-]+\s+(?=(?:[A-Z]\.)+\s))?"
                         rf"(?:(?:[A-Z]\.)+\s+)*[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){{0,3}}")
# Who asks from the floor, by the label alone, numbered or not: "Attendee 2", "Audience member", "Caller",
# "Question asker 3".
_FROM_THE_FLOOR = re.compile(r"(?:attendee|audience(?: member)?|questioner|(?:question )?asker|caller)(?:[ _-]?\d{1,3})?",
                             re.IGNORECASE)
# Speech a transcriber could give no one: `Overlapping speakers`, `Unknown speaker`, `Multiple voices`.
_UNATTRIBUTED = re.compile(r"(?:overlapping|multiple|several|unknown|unidentified|unclear)[ _-]?(?:speakers?|voices?)",
                           re.IGNORECASE)
# Speakers a diarisation tool numbered: SPEAKER_00, Speaker 1, Speaker A.
DIARISED = re.compile(r"(?:speaker|spk|participant)[ _-]?(?:\d{1,3}|[A-Z])", re.IGNORECASE)

TITLE_WORDS = frozenset(
    """minister ministers director directors deputy spokesperson spokesman spokeswoman chief engineer
    secretary chairman chairwoman chairperson chair president vice commissioner governor mayor head
    official officer ambassador administrator representative premier counsellor counselor adviser
    advisor inspector general host moderator presenter emcee mc leader manager professor economist
    statistician member staff operator interviewer interviewee senior aide attorney solicitor treasurer
    auditor""".split()
)
HOST_WORDS = frozenset("host moderator presenter emcee mc operator".split())
# The offices of legislatures, courts and services, alone a title ("Senator:", "Clerk:").
OFFICE_WORDS = frozenset(
    """senator congressman congresswoman congressmember delegate justice judge councilmember councilman
    councilwoman councillor alderman alderwoman clerk admiral colonel captain lieutenant sergeant""".split()
)
# Words a speaker is addressed by before the name ("Senator Holm.", "Mr. Ines.", "The Chairman."):
# honorifics, titles, and those offices.
ADDRESS_WORDS = TITLE_WORDS | OFFICE_WORDS | frozenset("mr ms mrs mx miss dr prof madam madame sir the lord lady".split())
# Who presides, when the label names no one ("THE CHAIR", "CHAIRMAN", "Madam Chair").
_CHAIR_WORDS = frozenset("chair chairman chairwoman chairperson presiding officer".split())
PRESIDING_WORDS = _CHAIR_WORDS | {"speaker"}  # "Mr Speaker:" presides; he is not a Mr Speaker
_CHAIR_PREFIXES = frozenset("the madam madame mr mister ms mrs deputy acting assistant temporary vice".split())
# A legislature's presiding officer, named by the office alone: `The Speaker`, `Mr. Speaker`, `Madam Deputy
# Speaker`, `THE ACTING SPEAKER` (not `Speaker` alone, nor a `keynote speaker`).
_HOUSE_SPEAKER = re.compile(r"(?i:(?:the|mr\.?|mister|madam|madame|ms\.?|mrs\.?)\s+(?:(?:deputy|acting|assistant|temporary)\s+)*"
                            r"|(?:deputy|acting|assistant|temporary)\s+)speaker", re.IGNORECASE)
# Who asks, by the label alone: an interviewer, an analyst on an earnings call.
ASKER_WORDS = frozenset("interviewer analyst analysts".split())
MEDIA_WORDS = frozenset(
    """news daily times post tv television radio broadcasting broadcast online magazine agency herald
    gazette tribune journal weekly reuters bloomberg afp bbc cnn channel media
    newspaper network press""".split()
)
ORG_WORDS = frozenset(
    """ministry bureau office council department committee commission administration information
    industry technology state national people republic government association group corporation
    company bank university institute center centre city province central international development
    affairs security service services the of and for from to in on at a an first second third next
    last this that our record""".split()
)
# Words that mark a sentence rather than a label ("Next, we will focus on the following work:").
SENTENCE_WORDS = frozenset(
    """we i you he she they it our us will would shall is are was were be been said says say told
    noted following here there these those which reports reported states stated asks asked adds added""".split()
)
# Labels that mark something other than speech: `**Break:**`, `Music:`.
NOTE_WORDS = frozenset(
    """break music intro outro interlude applause laughter crosstalk silence transition sponsor ad
    advertisement commercial tbd todo fixme""".split()
)
# What a heading over the words calls them (`TIMESTAMPED TRANSCRIPT:`): a part of the document, not a speaker.
_DOCUMENT_PARTS = frozenset("transcript transcripts transcription".split())
# A header's field naming who gives a talk, a lecture or a sermon (`Speaker: Ada Brook`).
SPEAKER_FIELDS = frozenset("speaker presenter lecturer preacher keynote".split())
# Words of a label that say what its speaker does, not who they are.
ROLE_WORDS = TITLE_WORDS | HOST_WORDS | _CHAIR_WORDS | ASKER_WORDS | MEDIA_WORDS | NOTE_WORDS


def classify(label: str, known: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    """(kind, name) of a label: kind is "person", "title", "reporter" or "note", None when
    the text is not a label; name is the person's name when the label has one."""
    label = label.strip()
    words = label.split()
    if not words or len(words) > 25 or len(label) > 200:
        return None, None
    if not (label[0].isupper() or label[0].isdigit()):
        return None, None
    if DIARISED.fullmatch(label):
        return "person", label
    if "|" in label or "·" in label:
        return _piped(label)
    if _HOUSE_SPEAKER.fullmatch(label):
        return "title", None
    if _UNATTRIBUTED.fullmatch(label):
        return "title", None
    if _FROM_THE_FLOOR.fullmatch(label):
        return "reporter", None
    who, where = affiliated(label)
    if where is not None:
        kind, name = classify(who, known)
        if kind == "title" and where and name_in(where) == where:
            return "person", where  # `Minister of State at the Department of Harbours (Deputy Tomas Ines)`
        return kind, (f"{name} ({where})" if name and where else name)
    if _FORBIDDEN_IN_LABEL.search(_ABBREVIATIONS.sub("", label)):
        return None, None
    lowered = [w.strip(",()").lower() for w in words]
    if lowered[-1] in _DOCUMENT_PARTS:
        return None, None  # `FULL TRANSCRIPT:` heads the words below it; no one is called that
    if REPORTER.search(label):
        return ("reporter", name_in(label)) if not SENTENCE_WORDS & set(lowered) else (None, None)
    named = _known_as(label, known)
    if named:
        return "person", named
    if len(words) == 1:
        if is_stopword(label) and label not in ("A", "I"):
            return None, None  # "BY: Ada Brook" lists counsel under a firm; a word like "By" names no one
        if label in ("Q", "QUESTION"):
            return "reporter", None
        if lowered[0] in NOTE_WORDS:
            return "note", None
        if lowered[0] in ASKER_WORDS:
            return "reporter", None
        if lowered[0] in OFFICE_WORDS:  # "Senator:" is one of several senators, not the one named in full
            return "title", None
    if UPPER_LABEL.fullmatch(label) and label not in ("Q", "A"):
        return ("title", None) if set(lowered) <= TITLE_WORDS | ORG_WORDS else ("person", label)
    if sum(1 for w, low in zip(words, lowered) if w[:1].islower() and not is_stopword(low)
           and low not in _LABEL_WORDS) >= _PROSE_WORDS:
        return None, None  # "Earlier, counsel for the President tried to make the argument:" is a sentence
    name = name_in(label)
    if name is None and lowered[0] in OFFICE_WORDS and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        name = label  # "Senator M", "Judge R. Holm": the office and a name, however short
    if name is None and len(words) == 2 and HONORIFIC.match(label) and _is_name_token(words[1]) \
            and lowered[1] not in TITLE_WORDS | OFFICE_WORDS | ORG_WORDS | PRESIDING_WORDS:
        name = label  # "Ms Brook:", "Mr. Ines:": counsel and witnesses are labelled by honorific and surname
    has_title = bool((TITLE_WORDS | OFFICE_WORDS) & set(lowered))  # "City Attorney Brook", "City Clerk Vale"
    has_media = bool(MEDIA_WORDS & set(lowered))
    if name and len(words) > 2 and lowered[-1] in SENTENCE_WORDS:
        return None, None  # "Senator Holm, from the Committee on Ports, reports:" introduces what is read out
    if name:
        return ("reporter" if has_media and not has_title else "person"), name
    if SENTENCE_WORDS & set(lowered):
        return None, None
    if has_title:
        return "title", None
    if has_media:
        return "reporter", None
    return None, None


# `Mr. Ines (Ruritania) (spoke in French)`, `Senator Holm (D-ME)`: a label's affiliation in brackets after the
# name, and a note of the language spoken or the interpreter, which says nothing of who speaks.
_AFFILIATION = re.compile(r"(?P<who>[^()]+?)\s*\((?P<where>[^()]{1,60})\)(?P<notes>(?:\s*\([^()]{1,40}\))*)")
_SQUARE_AFFILIATION = re.compile(r"(?P<who>[^\[\]()]+?)\s*\[(?P<where>[^\[\]]{1,60})\]")
_SPOKEN_NOTE = re.compile(r"(?i:spoke|speaking|through|via|interpret|translat|cont)")


def _piped(label: str) -> tuple[str | None, str | None]:
    """`Body | Name | Role` (or set apart by middle dots, `Body · Role · Name`), as a meeting's record or a
    directory writes a label: the person is the part
    that is a name (`Secretariat | Ada Brook | Director`), no acronym among its words where it is not
    written in capitals (`USG Policy`); with none, it is a title (`Ruritania | Representative`, `WG |
    Co-Chair`, `Ruritania | PR`) where its parts are short and capitalised or say a role."""
    parts = [p for p in _PIPE.split(label) if p]
    if not 2 <= len(parts) <= 4:
        return None, None
    # Of three or more, the first is the body (`Secretariat`, `San Ruritania`), however like a name it reads.
    for part in (parts[1:] + parts[:1] if len(parts) >= 3 else parts):
        words = part.split()
        acronym = not part.isupper() and any(len(w) > 1 and w.isupper() for w in words)
        if name_in(part) == part and not acronym:
            return "person", part
    # Each part capitalised and short, `Ruritania | PR`: a delegation's or an office's label, however abbreviated.
    short = all(p[:1].isupper() and len(p.split()) <= 4 for p in parts)
    said = {w for part in parts for w in re.split(r"[\s;,/-]+", part.lower())}
    return ("title", None) if short or said & (TITLE_WORDS | OFFICE_WORDS | _CHAIR_WORDS) else (None, None)


# Words in lower case, at least, that are no function words and say no role or body: a sentence with a colon,
# not a label (a label's lower-case words are "of", "the", "chair", "committee").
_PROSE_WORDS = 3
_LABEL_WORDS = ROLE_WORDS | ORG_WORDS | OFFICE_WORDS | PRESIDING_WORDS

_PIPE = re.compile(r"[ \t]*\|[ \t]*|[ \t]+·[ \t]+")  # `Body | Name | Role`, or `Body · Role · Name`


def affiliated(label: str) -> tuple[str, str | None]:
    """(who, where) of a label with a bracketed affiliation after the name; where is "" when the brackets
    only note the language or interpreter, and None when the label has no brackets of that shape."""
    m = _AFFILIATION.fullmatch(label) if "(" in label else None
    if not m:
        # A Hansard's square brackets say the same: `HON. ADA BROOK [RURITANIA]`, `HON. VALE [THE SPEAKER]`.
        square = _SQUARE_AFFILIATION.fullmatch(label) if "[" in label else None
        if square is None:
            return label, None
        where = square.group("where").strip()
        return square.group("who"), "" if _SPOKEN_NOTE.match(where) else where
    if not all(_SPOKEN_NOTE.match(note.strip()) for note in re.findall(r"\(([^()]*)\)", m.group("notes"))):
        return label, None  # two affiliations: not this shape
    where = m.group("where").strip()
    return m.group("who"), "" if _SPOKEN_NOTE.match(where) else where


def name_in(label: str) -> str | None:
    """The person's name among a label's comma-separated parts, if any; a title before the name stays
    with it (`PROFESSOR ADA BROOK, CHIEF ENGINEER`: `PROFESSOR ADA BROOK`)."""
    for part in label.split(","):
        part = HONORIFIC.sub("", part.strip())
        words = part.split()
        titled = 0
        while titled < len(words) - 2 and words[titled].lower().strip(".") in TITLE_WORDS:
            titled += 1
        name = " ".join(words[titled:])
        if not is_name(name):
            continue
        tokens = {t.lower() for t in name.split()}
        if tokens & (TITLE_WORDS | MEDIA_WORDS | ORG_WORDS):
            continue
        return part
    return None


def names_someone(label: str) -> bool:
    """Whether a label names a person: a name among its parts (`Mira Holm`), or an honorific and a
    surname (`MR. PAN`)."""
    return bool(name_in(label) or HONORIFIC.match(label))


def is_name(text: str) -> bool:
    """Two to four capitalised words (`Ann Lee`, `José Ortega`) or all-caps ones (`MARIE-CLAIRE DUVAL`),
    a middle initial among them (`Ada R. Brook`)."""
    tokens = text.split(" ")
    words = [t for k, t in enumerate(tokens)
             if not (0 < k < len(tokens) - 1 and (_INITIAL.fullmatch(t) or t in _PARTICLES))]
    return 2 <= len(words) <= 4 and len(tokens) <= 5 and all(_is_name_token(t) for t in words)


_INITIAL = re.compile(r"[A-Z]\.")
# Words in lower case inside a surname (`Ines de Vale`, `Ada van der Berg`, `Omar bin Said`).
_PARTICLES = frozenset("de da das del della der den di do dos du la le van von bin ibn al el".split())


def _is_name_token(token: str) -> bool:
    parts = re.split(r"[-’']", token)
    if not all(part.isalpha() for part in parts) or len(parts[0]) < 2:
        return False
    if all(part.isupper() for part in parts):
        return True
    return parts[0][0].isupper() and parts[0][1].islower()  # Rice, José, McDonald


def _known_as(label: str, known: frozenset[str]) -> str | None:
    """The full name of someone labelled in full elsewhere, for a label that is one of its
    words, whatever the honorific or case (`Ms. Whitfield`, `WHITFIELD`, `Lind`)."""
    key = name_key(label)
    if not known or not key or " " in key:
        return None
    match = next((k for k in sorted(known) if name_key(k) == key), None)
    return full_name(match, known) if match else None


def full_name(token: str, known: frozenset[str]) -> str:
    """The shortest known full name that has `token` among its words, else `token`."""
    fuller = sorted((n for n in known if " " in n and token in n.split()), key=len)
    return fuller[0] if fuller else token


def presides(label: str) -> bool:
    """Whether a label names the role of whoever hosts or presides, rather than a person:
    `MODERATOR`, `Operator`, `THE CHAIR`, `Madam Chair`, `Shou Xiaoli, host`. A title with a
    personal name (`CHAIR ILVES`) is that person, who answers."""
    words = [w.strip(",.():").lower() for w in clean_name(label).split()]
    words = [w for w in words if w]
    if HOST_WORDS & set(words):
        return True
    rest = [w for w in words if w not in _CHAIR_PREFIXES]
    return bool(rest) and all(w in _CHAIR_WORDS for w in rest) or bool(_HOUSE_SPEAKER.fullmatch(clean_name(label)))


def role_holder(label: str) -> str | None:
    """The person a presiding label names in brackets (`MODERATOR (TOM)`, `THE CHAIR (Ms. Ida Berg)`),
    whom the transcript may also label by name alone; None for any other label, a language note in
    the brackets (`THE CHAIR (spoke in French)`) among them."""
    role, who = affiliated(clean_name(label))
    if not who or not presides(role):  # no brackets, or only a language note in them
        return None
    tokens = HONORIFIC.sub("", who).split()
    return who if 1 <= len(tokens) <= 4 and all(_is_name_token(t) for t in tokens) else None


def name_key(name: str) -> str:
    """One person's names compared: honorifics, case, markup and spacing set aside."""
    name = clean_name(name)
    while True:
        stripped = HONORIFIC.sub("", name)
        if stripped == name:
            break
        name = stripped
    return " ".join(name.casefold().split())
