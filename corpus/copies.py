"""The same words written out twice in one file.

Some exports give a recording's words twice: once as running text, then again line by line, each line
opened by its time (`FULL TRANSCRIPT:` ... `TIMESTAMPED TRANSCRIPT:` / `[0.6s] Thank you very much.`).
Read twice, every answer would be found twice, and the second copy's lines cut its sentences where the
time marks stand. The later copy is set aside, its words checked to be the earlier one's, word for word,
once the times opening its lines are taken out.

A page's summary is written twice too: once in its front matter (`description:`), once in the body above
the words it sums up (`> In this video, ...`). The body's copy is set aside: it is the page's account of
what was said, in no speaker's words.
"""

from __future__ import annotations

import bisect
import re

from .layout import MARKED_LINE, paragraphs

_LEAST_WORDS = 300  # a paragraph this long, running on with no break, is what a copy is made of
_CHECKED = 5  # of the longest such paragraphs; a copy of the speech copies the longest
_RUN, _RUNS, _STEP = 4, 10, 20  # runs of words from the paragraph's opening looked for after it
_FOUND = 0.3  # of those runs, at least, found again
_LINE_MARK = re.compile(rf"(?m)^{MARKED_LINE.pattern}[ \t]*")  # `[0.6s] `, `[00:01:02] ` opening a line
_WORD = re.compile(r"\S+")


def second_copies(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each stretch of `text` that repeats, word for word, a long paragraph before it,
    whole lines from the first word of the copy to its last."""
    long = [p for p in paragraphs(text) if text.count(" ", p.start, p.end) >= _LEAST_WORDS]
    if not long:
        return ()
    long = sorted(long, key=lambda p: p.start - p.end)[:_CHECKED]
    # A copy holds the paragraph's opening words again, many of its runs of four on one line of the copy
    # whatever the times cut: where too few stand again, no word of the text is looked at twice.
    long = [p for p in long if _opening_again(text, p)]
    if not long:
        return ()
    unmarked = _LINE_MARK.sub(lambda m: " " * len(m.group()), text)
    starts, ends, words = [], [], []
    for m in _WORD.finditer(unmarked):
        starts.append(m.start())
        ends.append(m.end())
        words.append(m.group())
    flat = " ".join(words)
    # Where each word begins in `flat`, to go back from a place in `flat` to one in `text`.
    at_flat, total = [], 0
    for w in words:
        at_flat.append(total)
        total += len(w) + 1
    out = []
    for p in sorted(long, key=lambda p: p.start):
        first = bisect.bisect_left(starts, p.start)
        last = bisect.bisect_left(starts, p.end)
        wanted = " ".join(words[first:last])
        found = flat.find(wanted, at_flat[last - 1] + 1) if last > first else -1
        if found < 0 or (k := bisect.bisect_left(at_flat, found)) >= len(at_flat) or at_flat[k] != found:
            continue
        end_word = k + (last - first) - 1
        start = text.rfind("\n", 0, starts[k]) + 1
        stop = text.find("\n", ends[end_word])
        out.append((start, len(text) if stop < 0 else stop))
    return tuple(out)


def _opening_again(text: str, p) -> bool:
    """Whether `_FOUND` of `_RUNS` runs of words spread over the paragraph's opening stand again after it:
    a copy cut into timed lines keeps a run whole wherever no line break falls inside it (about half of
    them), while a phrase said twice ("thank you very much") is one run, not several."""
    words = text[p.start:p.start + 2000].split()
    runs = [" ".join(words[k:k + _RUN]) for k in range(0, _STEP * _RUNS, _STEP) if k + _RUN <= len(words)]
    return sum(text.find(run, p.end) >= 0 for run in runs) >= _FOUND * len(runs)


_SUMMARY_FIELDS = ("description", "summary", "abstract", "excerpt")
_SUMMARY_LEAST = 12  # words a front matter's description holds before its copy in the body is looked for
_FENCE = re.compile(r"\s*(?:---|\+\+\+)")  # a front matter's opening, the text not copied to look for it
_QUOTE_MARKS = re.compile(r"(?m)^[ \t]*>[ \t]?")


def repeated_summaries(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph of the body that gives, word for word, the summary the front
    matter holds (`description:`), a Markdown quote's marks aside."""
    if not _FENCE.match(text):
        return ()
    from .metadata import front_matter_end, front_matter_fields  # metadata reads the furniture rules

    fields = front_matter_fields(text) or {}
    summaries = {" ".join(str(fields[k]).split()) for k in _SUMMARY_FIELDS
                 if isinstance(fields.get(k), str) and len(fields[k].split()) >= _SUMMARY_LEAST}
    if not summaries:
        return ()
    body = front_matter_end(text)
    out = []
    for p in paragraphs(text):
        if p.start >= body and " ".join(_QUOTE_MARKS.sub("", text[p.start:p.end]).split()) in summaries:
            out.append((p.start, p.end))
    return tuple(out)


__all__ = ["repeated_summaries", "second_copies"]
