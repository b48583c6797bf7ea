"""The quick answers reading gives before trying a slow pattern are the answers the pattern gives:
each shortcut checked against the check it stands in front of, on any text."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpus import boilerplate
from corpus.layout import Paragraph
from corpus.labels import _label
from corpus.pagination.furniture import _form_longer, form
from corpus.pagination.reflow import is_heading, is_label_line

# Lines as transcripts and scraped pages hold them: labels, times, part numbers, breadcrumbs, headings.
_PIECES = st.sampled_from(
    ["MS. LEE", "Ms. Lee", ":", "：", " ", "  ", "\t", "\u00a0", "\n", "[00:01:23]", "(0:03)", "\\[12:21\\]",
     "**", "__", "Q", "A", "Home", ">", "›", "/", "|", "\\", "→", "ㄑ", "3HAC12649-1", "3BDZ000398R1",
     "ABCDEFGH-", "٣", "12", "2024.10.23", "Page 2 of 5", "ORAL ARGUMENT OF", "P R O C E E D I N G S",
     "the", "budget", "Exports grew.", "?", "é", "İ", "ǅ", "Σ", "中", "www.example.com", "#", "-", "—",
     "©", "Copyright", "all rights reserved", "Share", "Print", "email", "Previous article", "Next:", "Pre:",
     "The Links:", "Editor:", "Source:", "Read it in English", "1  2  3", "next", "click here", "Follow us"])
_TEXT = st.one_of(st.lists(_PIECES, max_size=25).map("".join), st.lists(_PIECES, max_size=8).map(" ".join),
                  st.text(max_size=80),
                  st.text("0123456789 \t\n\u00a0\u0663aB#.:", max_size=120))


# The furniture rules tried one by one, as they were before they became one alternation.
_RULES_ONE_BY_ONE = [(reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in boilerplate._RULES]


def _furniture_as_before(paragraph):
    """`boilerplate.furniture` as it was written, without the shortcuts."""
    line = paragraph.strip()
    if not line:
        return None
    for reason, pattern in _RULES_ONE_BY_ONE:
        if pattern.fullmatch(line):
            return reason
    if _breadcrumb_as_before(line):
        return "navigation"
    words = line.split()
    codes = boilerplate._PRODUCT_CODE.findall(line)
    if words and len(codes) >= 2 and len(codes) >= 0.5 * len(words):
        return "link spam"
    return None


def _breadcrumb_as_before(line):
    """`boilerplate._is_breadcrumb` as it was written, without the shortcut."""
    b = boilerplate
    if len(line.split()) > 20 or re.search(r"[.?!:：。]\s*$", line):
        return False
    separators = b._SEPARATOR.findall(line)
    if len(separators) < 2 or len(set(separators)) != 1:
        return False
    steps = [s.strip() for s in b._SEPARATOR.split(line)[::2]]
    leading = steps[0] == ""
    steps = [s for s in steps if s]
    if not steps or any(len(s.split()) > b._CRUMB_WORDS for s in steps):
        return False
    home = not leading and bool(b._HOME.fullmatch(steps[0]))
    linked = any(b._LINK.search(s) for s in steps)
    if not (leading or home or linked):
        return False
    return home or linked or not any(re.search(r"\d", s) and not b._YEAR.fullmatch(s) for s in steps)


@settings(max_examples=800, deadline=None)
@given(_TEXT)
def test_furniture_shortcuts_give_the_same_reason(text):
    assert boilerplate.furniture(text) == _furniture_as_before(text)


@settings(max_examples=800, deadline=None)
@given(_TEXT)
def test_a_label_pattern_skipped_for_want_of_its_mark_could_not_have_matched(text):
    from corpus import labels

    first = text.find("\n")
    # the label's line, or two where a bracket is left open at its end
    line = text[:labels._bracket_closed(text, 0, len(text) if first < 0 else first)]
    for pattern, marks in labels._LABEL_MARKS:
        if not any(mark in line for mark in marks):
            assert pattern.match(text) is None
    para = Paragraph(1, 0, len(text))
    assert _label(text, para) == _label_as_before(text, para)


def _label_as_before(text, para):
    from corpus import labels

    saved = labels._LABEL_MARKS
    labels._LABEL_MARKS = tuple((pattern, ("",)) for pattern, _ in saved)  # "" is found everywhere: no shortcut
    try:
        return labels._label(text, para)
    finally:
        labels._LABEL_MARKS = saved


@settings(max_examples=800, deadline=None)
@given(_TEXT)
def test_a_form_said_to_be_longer_is_longer(text):
    if _form_longer(text, 80):
        assert len(form(text)) > 80
    if _form_longer(text, 5):
        assert len(form(text)) > 5


@settings(max_examples=800, deadline=None)
@given(_TEXT)
def test_a_heading_is_told_as_before(text):
    letters = re.findall(r"[^\W\d_]", text)
    before = (len(letters) >= 4 and not any(c.islower() for c in letters) and len(text.split()) >= 2
              and not is_label_line(text) and not re.search(r"[,;:?!]$", text))
    assert is_heading(text) == before


def _sentences_as_before(text, start, end):
    """`sentences.sentence_spans` as it was written, through a generator of boundaries."""
    from corpus import sentences as s
    from corpus.layout import strip_span

    def boundaries():
        after = start
        for mark in s._MARK.finditer(text, start, end):
            if mark.start() < after:
                continue
            m = s._BOUNDARY.match(text, mark.start(), end)
            if m:
                yield m
                after = m.end()

    spans, cursor = [], start
    for m in boundaries():
        if m.group("end") and s._is_abbreviation(text, cursor, m.start()):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    trimmed = [p for p in (strip_span(text, a, b) for a, b in spans) if p[1] > p[0]]
    return [part for a, b in trimmed for part in s._clauses(text, a, b)]


_SENTENCE_PIECES = st.sampled_from(
    ["Mr.", "Ms. Lee", "J. Smith", "U.S.", "e.g.", "etc.", "2.61 million", "results..", "The", "dimensions.First",
     "“We", "(Laughter.)", "?", "!", "…", "。", "！", "？", "；", ";", "; and", "Thank you.", "thanks", " ", "  ",
     "\n", "word", "words here", "..", ".", "example.com", "1.", "A", "a", "Q.", "no.", "No. 5", "”", "’", ")", "]"])


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.lists(_SENTENCE_PIECES, max_size=120).map(" ".join),
                 st.lists(_SENTENCE_PIECES, max_size=60).map("".join)), st.integers(0, 5), st.integers(0, 5))
@example("He met Mr.. The end", 0, 0)
@example("x Mr.! The", 0, 0)
def test_sentences_are_split_as_before(text, cut_start, cut_end):
    from corpus.sentences import sentence_spans

    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert sentence_spans(text, start, end) == _sentences_as_before(text, start, end)


_TIMED_PIECES = st.sampled_from(
    ["[00:01:23]", "\\[12:21\\]", "(0:03)", "( 1:02:03.250 )", "Name", "Ann Lee", "**Ann Lee:**", "__Q__", ":", "：",
     " ", "  ", "\t", "\u00a0", "\n", "0:03", "12:21", "words", "Said.", "[", "(", ")", "]", "\\"])


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.lists(_TIMED_PIECES, max_size=12).map("".join), st.text(max_size=60)))
@example("Ann Lee  0:03\nWords.")
@example("**Ann Lee:** \\[12:21\\] Words.")
@example("Ann Lee: 00:00:07\nWords.")
def test_a_paragraph_time_is_read_as_before(body):
    import corpus.timestamps as ts

    def as_before(body):
        if re.fullmatch(rf"[ \t\u00a0]*{ts.CLOCK}[ \t\u00a0]*", body):  # a time alone: `01:26`
            return ts.seconds(body.strip())
        m = ts.LEADING_TIME.match(body)
        if m:
            return ts.seconds(re.search(ts.CLOCK, m.group()).group())
        for pattern in ts._LABEL_THEN_TIME:
            m = pattern.match(body)
            if m and len(m.group("name").split()) <= 6:
                return ts.seconds(re.search(ts.CLOCK, m.group("time")).group())
        first = body.split("\n", 1)[0]
        m = ts.otter_line(first) or ts._label_then_clock(first)
        return ts.seconds(m.group("time")) if m else None

    assert ts.paragraph_time(body) == as_before(body)


_ADDRESSED = st.lists(st.sampled_from(
    ["Senator", "Mr.", "MR.", "The", "Chairman", "Thank", "Holm", "HOLM", "Ines", "Brook", "Councilmember", " ", "  ",
     "\u00a0", "\t", ".", ". ", "\n", "words", "Committee", "you"]), max_size=8).map("".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_ADDRESSED, _TEXT))
def test_a_full_stop_label_skipped_for_its_first_word_could_not_have_matched(text):
    from corpus import label_layouts as layouts

    para = Paragraph(1, 0, len(text.rstrip()))
    m = layouts._ADDRESS_LABEL.match(text, para.start, para.end)
    as_before = None
    if m is not None and m.group("lead").lower() in layouts.ADDRESS_WORDS and not (
            m.group("lead") == "The" and not {w.lower() for w in m.group("label").split()[1:]} <= layouts.TITLE_WORDS):
        as_before = m.span()
    got = layouts._addressed(text, para)
    assert (got.span() if got else None) == as_before
