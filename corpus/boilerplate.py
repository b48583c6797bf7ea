"""Page furniture that is not part of what was said.

Such paragraphs stay in the text (offsets still point into the original file) but
no turn or chunk includes them. None is dropped unseen: `set_aside` lists each
with its line and the rule that took it, for `parse` and the build summary.

A rule must see real evidence of furniture. A breadcrumb is told by navigation
(a leading separator where the home icon was, a `Home >` start, links), never by
separators alone: `Exports grew 5.2% y/y` and `output > 90 Mt` are speech.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from functools import lru_cache
from typing import Callable

from .copies import repeated_summaries, second_copies
from .layout import ATTRIBUTE_LINE, Paragraph
from .label_layouts import speaker_over_office
from .records import SetAside

_RULES = [
    # Pagination: "1  2  3  ...  11  >", "< 1 2 3 >", "Page 2 of 5".
    ("pagination", r"[<‹«]?\s*(?:\d+\s+){2,}\d*\s*(?:[>›»]|next\b.*)?"),
    ("pagination", r"page\s+\d+\s+(?:of|/)\s+\d+"),
    # Previous/next navigation, possibly empty: "Pre:    Next:".
    ("navigation", r"(?:pre|prev|previous)\s*[:：].{0,120}\bnext\s*[:：].{0,120}"),
    ("navigation", r"(?:previous|next)\s+(?:article|post|page)(?:\s*[:：].{0,120})?"),
    # Link farms appended by scrapers: "The Links:   3HAC12649-1 3BDZ000398R1".
    ("link list", r"(?:the\s+)?(?:related\s+)?links?\s*:.*"),
    # Language switchers, sharing and print widgets.
    ("page widget", r"read\s+(?:it\s+)?in\s+(?:chinese|english|french|spanish|russian|arabic)"),
    ("page widget", r"(?:share|print|email|font\s*size)(?:\s*[:|/]\s*\w*)*"),
    ("page widget", r"(?:share\s+(?:this|on)|follow\s+us|subscribe\b|download\s+(?:the|our)\s+app|click\s+here).{0,120}"),
    ("editor's credit", r"(?:editor|source|responsible\s+editor)\s*[:：]\s*\S+(?:\s+\S+){0,6}"),
    ("copyright notice", r"(?:copyright|©).{0,100}"),
    ("copyright notice", r".{0,60}all\s+rights\s+reserved.{0,60}"),
    # Markup alone, nothing said: a Pandoc fenced div (`::: {.column-margin}` ... `:::`) and the
    # images it holds (`![](35.png)`).
    ("markup", r"(?:(?::{3,}[^\n]*|!\[[^\]\n]*\]\([^)\n]*\))\s*)+"),
    # Tags and nothing between them: an embedded player (`<iframe ...></iframe>`), a page component (`<Banner />`).
    ("markup", r"(?:</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>\s*)+"),
    # A Markdown link alone, or a list of them: a page's own links (`[Watch video](https://...)`), not speech.
    ("link list", r"(?:[*+-][ \t]+)?\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"\n]*\")?\)(?:\s+(?:[*+-][ \t]+)?\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"\n]*\")?\))*"),
    # A bare date stamp: "2024.10.23 08:58", "2023-03-02".
    ("date stamp", r"\d{4}[./-]\d{1,2}[./-]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"),
]
# The rules as one alternation, each in a group of its own: a whole line matches it where it matches
# some rule, in the group of the first such rule (one call instead of one per rule, for every line).
_ANY_RULE = re.compile("|".join(f"(?P<r{i}>{pattern})" for i, (_, pattern) in enumerate(_RULES)), re.IGNORECASE)

# Breadcrumbs: "ㄑ Press Room ㄑ Press Conference Transcripts ㄑ ...", "Home > News > Briefings".
# A separator stands alone between spaces, so "y/y" and "km/h" never are one.
_SEPARATOR = re.compile(r"(?:^|(?<=\s))([ㄑ>›»/|\\→])(?=\s|$)")
_HOME = re.compile(r"(?:(?:you\s+are\s+here|current\s+location|location)\s*[:：]?\s*)?"
                   r"(?:home(?:\s*page)?|main\s+page|首页|主页)", re.IGNORECASE)
_LINK = re.compile(r"https?://\S+|www\.\S+\.\S+|\[[^\]]+\]\([^)\s]+\)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CRUMB_WORDS = 8  # the most words in one step of a breadcrumb
_PRODUCT_CODE = re.compile(r"\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{8,}\b")
# Every part number holds eight of these in a row: a line without such a run has none, and is not
# scanned with the lookaheads above at every word (most of a build's furniture checks are speech).
# Told by the run spelt out (several times quicker than `{8}`), or in ASCII text quicker still by
# writing each of them as "A" and looking for eight.
_CODE_RUN = re.compile(r"[A-Z0-9-]" * 8)
_CODE_CHARS = str.maketrans({chr(c): "A" if chr(c) in string.ascii_uppercase + string.digits + "-" else "." for c in range(128)})
_SEPARATOR_CHARS = "ㄑ>›»/|\\→"  # what _SEPARATOR can find: a line with none is no breadcrumb


def furniture(paragraph: str) -> str | None:
    """Why `paragraph` is page furniture, in a few words ("navigation", "pagination", ...), or None."""
    line = paragraph.strip()
    if not line:
        return None
    rule = _ANY_RULE.fullmatch(line)
    if rule:
        return _RULES[int(rule.lastgroup[1:])][0]
    if _is_breadcrumb(line):
        return "navigation"
    # A line made mostly of part numbers is link spam even without a label.
    if not ("AAAAAAAA" in line.translate(_CODE_CHARS) if line.isascii() else _CODE_RUN.search(line)):
        return None
    codes = _PRODUCT_CODE.findall(line)
    if len(codes) >= 2 and len(codes) >= 0.5 * len(line.split()):
        return "link spam"
    return None


def is_boilerplate(paragraph: str) -> bool:
    return not paragraph.strip() or furniture(paragraph) is not None


def furniture_at(text: str, start: int, end: int) -> str | None:
    """`furniture(text[start:end])`, kept for the next to ask about the same paragraph of the same
    text: reading asks about each paragraph for its turns and again for its furniture list, and
    chunking for its chunks."""
    known = _known_in(text)
    if (start, end) not in known:
        known[start, end] = furniture(text[start:end]) or _in_section(text, start, end)
    return known[start, end]


def _in_section(text: str, start: int, end: int) -> str | None:
    """Why `text[start:end]` lies in a stretch of the text set aside whole, or None:
    - "a markup comment": inside `<!-- ... -->`, notes a page never shows (a generator's prompt, an
      editor's reminder), not what was said;
    - "a styling line": a line of nothing but a Markdown page's attributes (`{:.small-caps}`, kramdown's),
      which style the paragraph beside it and are never shown;
    - "a header of fields": the lines of `Key: value` fields a downloader or converter writes before
      the words (`Title: ...`, `Video ID: ...`, `URL: ...`), up to a heading that opens the transcript
      after them; the title and date are read from them (`corpus.metadata`), and they are no one's words;
    - "a running header": in a run of paragraphs the text repeats whole, page after page, between
      what is said (a meeting's name, its date and the item, as a PDF saved as text keeps them);
    - "an editor's summary": in a summary set before the words it sums up (`## Summary`, `Key
      takeaways`, `Show notes`), or in a block of a Markdown page's own markup that its class calls a
      commentary, summary or notes (`<div class="editor-commentary">`, `<aside>`), a page's own account
      of what was said, in no speaker's words."""
    return next((reason for a, b, reason in _sections(text) if a <= start and end <= b), None)


@lru_cache(maxsize=2)
def _sections(text: str) -> tuple[tuple[int, int, str], ...]:
    """The stretches `_in_section` tells of, comments first (a comment inside a summary is a comment)."""
    comments = [(m.start(), m.end(), "a markup comment") for m in _COMMENT.finditer(text)] if "<!--" in text else []
    comments += [(m.start(), m.end(), "a styling line") for m in ATTRIBUTE_LINE.finditer(text)] if "{:" in text else []
    summaries = (*_summaries_in(text), *_before_transcript(text), *_marked_asides(text), *repeated_summaries(text))
    return (*comments, *((a, b, "a header of fields") for a, b in _field_header(text)),
            *((a, b, "an editor's summary") for a, b in summaries),
            *((a, b, "a running header") for a, b in _running_headers(text)),
            *((_headed(text, a), b, "a second copy of the words above") for a, b in second_copies(text)))


def _headed(text: str, start: int) -> int:
    """Where a second copy starting at `start` begins with the heading and rule lines set over it
    (`=====`, `TIMESTAMPED TRANSCRIPT:`): they name the copy, and say nothing."""
    at = start
    while at > 0:
        begin = text.rfind("\n", 0, at - 1) + 1
        line = text[begin:at - 1]
        if line.strip() and not (_RULE_LINE.fullmatch(line) or _TRANSCRIPT_HEADING.fullmatch(line)):
            break
        at = begin
    return at


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FIELD_LINE = re.compile(r"[ \t]*(?:\*\*|__)?(?P<key>[A-Z][A-Za-z]*(?:[ \t][A-Za-z]+){0,2})(?:\*\*|__)?[ \t]*[:：]"
                         r"[ \t]*(?P<value>\S[^\n]*?)[ \t]*\r?")
_SAID = re.compile(r"[.!?][\"”’)]*$")  # a value closed as a sentence: a speaker's words, not a field
_RULE_LINE = re.compile(r"[ \t]*([-=_*~])\1{2,}[ \t]*\r?")


def _field_header(text: str) -> tuple[tuple[int, int], ...]:
    """The span of the fields opening `text`, with the rule lines among and after them and a heading that
    opens the transcript next: two or more lines each a field under its own key, one of them the title or
    a link, none closed as a sentence. Speakers' labels are keys too, but what they say ends as a sentence,
    a dialogue repeats its keys, and it gives no title."""
    keys, end, at = [], None, 0
    evidence = False
    for m in re.finditer(r"[^\n]*(?:\n|$)", text):
        line = m.group().rstrip("\n")
        if not line.strip():
            continue
        field = _FIELD_LINE.fullmatch(line)
        if field and not _SAID.search(field.group("value")):
            keys.append(field.group("key").lower())
            evidence = evidence or keys[-1] == "title" or bool(_LINK.fullmatch(field.group("value")))
        elif not (keys and _RULE_LINE.fullmatch(line)):
            at = m.start()
            break
        end = m.start() + len(line)
    if len(keys) < 2 or len(set(keys)) < len(keys) or not evidence:
        return ()
    line_end = text.find("\n", at)
    heading = _TRANSCRIPT_HEADING.fullmatch(text, at, len(text) if line_end < 0 else line_end) if at else None
    return ((0, heading.end() if heading else end),)


def _summaries_in(text: str) -> tuple[tuple[int, int], ...]:
    """Each summary's span: from its heading to the paragraph before the next heading or the first
    paragraph that opens with a speaker's label or a time. What runs to the end of the text, or
    past `SUMMARY_WORDS` or `SUMMARY_SHARE` of the text's words, is no summary of what follows."""
    heads = list(_SUMMARY_HEADING.finditer(text))
    if not heads:
        return ()
    from .layout import paragraphs
    from .timestamps import paragraph_time

    paras = paragraphs(text)
    most = _most_words(text)
    spans = []
    for head in heads:
        words, last = 0, None
        for p in (p for p in paras if p.start >= head.end()):
            body = text[p.start:p.end]
            if _SECTION.match(body) or _OPENS_LABEL.match(body) or paragraph_time(body) is not None:
                if last is not None and words <= most:
                    spans.append((head.start(), last))
                break
            words += len(body.split())
            last = p.end
    return tuple(spans)


# A block of a page's markup set apart as the page's own: an aside, or a container its class or id calls
# a commentary, summary, notes, sidebar or abstract.
_BLOCK_OPEN = re.compile(r"^[ \t]*<(aside|details|div|section)\b([^>\n]*)>", re.IGNORECASE | re.MULTILINE)
_NAMED = re.compile(r"\b(?:class|id)[ \t]*=[ \t]*[\"']([^\"'\n]*)", re.IGNORECASE)
_ASIDE_NAMES = re.compile(r"commentary|summary|notes?\b|sidebar|abstract|aside|takeaways", re.IGNORECASE)
_BLOCK_TAGS = {tag: re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE) for tag in ("aside", "details", "div", "section")}


def _marked_asides(text: str) -> tuple[tuple[int, int], ...]:
    """Each aside's span, from its opening tag to the tag closing it (nested blocks of the same tag
    counted), where the text holds that closing tag."""
    if "<" not in text:
        return ()
    spans: list[tuple[int, int]] = []
    for m in _BLOCK_OPEN.finditer(text):
        tag = m.group(1).lower()
        if spans and m.start() < spans[-1][1]:
            continue  # inside an aside already found
        if tag in ("div", "section") and not any(_ASIDE_NAMES.search(n) for n in _NAMED.findall(m.group(2))):
            continue
        depth = 1
        for t in _BLOCK_TAGS[tag].finditer(text, m.end()):  # from the opening tag on, the text not copied
            depth += -1 if t.group(1) else 1
            if depth == 0:
                spans.append((m.start(), t.end()))
                break
    return tuple(spans)


_HEADER_REPEATS = 3  # times a run of paragraphs recurs before it is a running header
_HEADER_RUN = 2  # paragraphs of such a run, at least
_HEADER_LINE = 80  # the longest line a running header repeats on every page
_HEADER_CHARS = 400  # the longest paragraph it holds (the item under discussion, on some pages)


# What a page's header line never is: a label or a sentence said (`Name:`, `Yes.`), or a Markdown page's
# own markup (a heading, bold, a quote, a rule, a list item, code); the line some pages add may end as a sentence.
_MARKUP_LINE = re.compile(r"[#>*_`~|{}\[\-+=]|\d+\.\s")
_ENDS_AS_SAID = re.compile(r".*(?:[:.!?;,\]}*`]|\*\*)[\"”’)]*")


def _header_line(words: str, said: bool = False) -> bool:
    """Whether a paragraph may be a line of a page's header; `said`: even one ending as a sentence does."""
    return not (_MARKUP_LINE.match(words) or _OPENS_LABEL.match(words) or not said and _ENDS_AS_SAID.fullmatch(words))


def _running_headers(text: str) -> tuple[tuple[int, int], ...]:
    """Each occurrence of a run of at least `_HEADER_RUN` short lines, none a label, a sentence or markup,
    that the text repeats whole at least `_HEADER_REPEATS` times: a page's header carried into the text
    from every page (a meeting's name, the month, the day), with any longer line beside it that recurs
    too. One word said again and again ("Right." "Right.") is no such run, nor is a list that recurs
    (a division's names, where two votes went alike): a list's line is long."""
    from .layout import paragraphs

    paras = paragraphs(text)
    keys = [" ".join(text[p.start:p.end].split()) if p.end - p.start <= _HEADER_CHARS else None for p in paras]
    seen = Counter(k for k in keys if k)
    repeated = [k is not None and len(k) <= _HEADER_LINE and seen[k] >= _HEADER_REPEATS and _header_line(k)
                for k in keys]
    runs, i = [], 0
    while i < len(paras):
        j = i
        while j < len(paras) and repeated[j]:
            j += 1
        if j - i >= _HEADER_RUN and any(" " in keys[k] for k in range(i, j)) and speaker_over_office(keys[i], keys[i + 1]) is None:
            runs.append((i, j))  # not "Right." "Right.", nor a speaker's name over their office
        i = max(j, i + 1)
    by_words = Counter(tuple(keys[i:j]) for i, j in runs)
    headers = [(i, j) for i, j in runs if by_words[tuple(keys[i:j])] >= _HEADER_REPEATS]

    def also(k: int) -> bool:  # a line some pages' headers add (the item's name), repeated but less often
        return 0 <= k < len(paras) and keys[k] is not None and seen[keys[k]] >= 2 and _header_line(keys[k], True)

    out = []
    for i, j in headers:
        while also(i - 1):
            i -= 1
        while also(j):
            j += 1
        out.append((paras[i].start, paras[j - 1].end))
    return tuple(out)


def _before_transcript(text: str) -> tuple[tuple[int, int], ...]:
    """A page's own sections before a heading that opens the transcript (`Full Call
    Transcript`, `## Transcript`) over labelled speech: its participants, takeaways and glossary, from the
    first section heading after the title to the transcript's heading, where they are not past
    `SUMMARY_WORDS` or `SUMMARY_SHARE` of the text's words."""
    heads = _transcript_headings(text)
    if not heads:
        return ()
    from .layout import paragraphs

    paras = paragraphs(text)
    head = heads[-1]
    after = next((p for p in paras if p.start >= head.end()), None)
    if after is None or not _OPENS_LABEL.match(text, after.start, after.end):
        return ()
    before = [p for p in paras[1:] if p.end <= head.start()]
    first = next((p for p in before if _SECTION_HEADING.fullmatch(text, p.start, p.end)), None)
    if first is None:
        return ()
    if len(text[first.start:head.start()].split()) > _most_words(text):
        return ()
    return ((first.start, head.end()),)


def _most_words(text: str) -> float:
    """The most words a summary of `text` has: past them it is the text itself, not its summary."""
    return min(SUMMARY_WORDS, SUMMARY_SHARE * len(text.split()))


def _transcript_headings(text: str) -> list[re.Match]:
    """The lines after the first that are a heading naming the transcript, found from where the word
    stands: most texts never say it, and those that do say it in a sentence."""
    low = text.lower()
    out, at = [], low.find("transcript")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        m = _TRANSCRIPT_HEADING.fullmatch(text, start, end) if start > 0 else None
        if m:
            out.append(m)
        at = low.find("transcript", end)
    return out


# The headings an editor's summary goes under. Words of the language, as the stopwords are: no corpus's.
_SUMMARY_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:summary|key[ \t]+(?:points|takeaways)|takeaways|highlights"
    r"|show[ \t]+notes|tl;?[ \t]*dr)(?:\*\*|__)?[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_SECTION = re.compile(r"[ \t]*#{1,6}[ \t]")  # the next Markdown heading ends the summary
# A heading alone on its line that opens the transcript itself: `Transcript`, `Full Call Transcript`.
_TRANSCRIPT_HEADING = re.compile(r"[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:[A-Za-z]+[ \t]+){0,3}transcript(?:\*\*|__)?[ \t]*:?[ \t]*\r?",
                                 re.IGNORECASE)
# A section's heading: a Markdown heading, or a short line in capitals (`PARTICIPANTS`).
_SECTION_HEADING = re.compile(r"[ \t]*(?:#{1,6}[ \t]+[^\n]{1,80}|[A-Z][A-Z&'’ -]{2,60})")
_OPENS_LABEL = re.compile(r"[ \t]*(?:\*\*|__)?[A-Z][\w.'’ -]{0,40}?(?:\*\*|__)?[ \t]*[:：]")
SUMMARY_WORDS = 1000
SUMMARY_SHARE = 0.15


def is_boilerplate_at(text: str, start: int, end: int) -> bool:
    """`is_boilerplate(text[start:end])`, as `furniture_at` keeps it."""
    return furniture_at(text, start, end) is not None or not text[start:end].strip()


@lru_cache(maxsize=2)  # the text being read, and the one before (a reader may alternate two)
def _known_in(text: str) -> dict[tuple[int, int], str | None]:
    return {}


def set_aside(text: str, paras: tuple[Paragraph, ...], line_of: Callable[[int], int]) -> tuple[SetAside, ...]:
    """Every line of the paragraphs of `text` the furniture rules keep out of the turns, with its
    line (`line_of(offset)`) and the rule's reason."""
    out = []
    for p in paras:
        reason = furniture_at(text, p.start, p.end)
        if reason is None:
            continue
        for m in re.finditer(r"[^\n]+", text[p.start:p.end]):
            if m.group().strip():
                out.append(SetAside(line_of(p.start + m.start()), m.group().strip(), reason))
    return tuple(out)


def _is_breadcrumb(line: str) -> bool:
    if not any(c in line for c in _SEPARATOR_CHARS) or len(line.split()) > 20 or re.search(r"[.?!:：。]\s*$", line):
        return False
    separators = _SEPARATOR.findall(line)
    if len(separators) < 2 or len(set(separators)) != 1:
        return False
    steps = [s.strip() for s in _SEPARATOR.split(line)[::2]]
    leading = steps[0] == ""  # the home icon's place: a scraped breadcrumb starts with its separator
    steps = [s for s in steps if s]
    if not steps or any(len(s.split()) > _CRUMB_WORDS for s in steps):
        return False
    home = not leading and bool(_HOME.fullmatch(steps[0]))
    linked = any(_LINK.search(s) for s in steps)
    if not (leading or home or linked):
        return False
    # Arithmetic and units ("> 90 Mt") are speech unless the line is plainly navigation; a year is a step.
    return home or linked or not any(re.search(r"\d", s) and not _YEAR.fullmatch(s) for s in steps)
