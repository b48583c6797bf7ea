"""HTML for the page. Every piece of transcript text, name and title goes through `_e`.

Transcripts are other people's text: a `<script>`, an `<img onerror=...>` or a
Markdown link in one must show as the characters it is, never run or render.
All markup here is written by this module; nothing from a transcript is trusted.
"""

from __future__ import annotations

import html
from datetime import datetime

from assistant import Answer, Citation, DocumentInfo, Filters, Passage
from assistant.formatting import transcript_record, where
from corpus import SourceMap, Transcript, clock

from .exports import STYLES, citation_text, copy_text, filters_text, fine_print, lines_text
from .sharing import Search
from .state import Overview


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


# -- answers ------------------------------------------------------------------------


def answer_html(answer: Answer, filters: Filters | None = None, search: Search | None = None,
                seconds: float | None = None, note: str | None = None) -> str:
    """The results: a header (the question, how many passages, how long), the tools to share, copy and
    export them, then a card a passage. What the tools copy or download is asked of the server when
    wanted (Handlers.takeaway): carried in every answer, it made each answer a third slower to show."""
    search = search or Search(answer.question)
    count = len(answer.passages)
    took = f" · {seconds:.2f} s" if seconds is not None else ""
    parts = [f'<div class="tqa-answer" data-count="{count}" data-share="{_e(search.query)}">',
             '<div class="tqa-results-head">'
             f'<p class="tqa-summary" role="status"><span class="tqa-asked">“{_e(answer.question)}”</span> · '
             f'{count} passage{"s" if count != 1 else ""}{took}</p>']
    if count:
        parts.append(_tools_html())
    parts.append("</div>")
    if note:
        parts.append(f'<p class="tqa-note">{_e(note)}</p>')
    if filters is not None and filters.active:
        parts.append(f'<p class="tqa-filters">{_e(filters_text(filters))}</p>')
    if not count:
        parts.append('<p class="tqa-empty">No passages found. Try other words, or fewer filters.</p>')
    elif answer.low_confidence:
        parts.append('<p class="tqa-low"><strong>Low confidence:</strong> nothing in the transcripts '
                     'answers this closely; these are the nearest passages.</p>')
    parts.extend(passage_html(n, p) for n, p in enumerate(answer.passages))
    parts.append("</div>")
    return "\n".join(parts)


def _tools_html() -> str:
    styles = "".join(f'<option value="{v}">{_e(label)}</option>' for v, label in STYLES)
    exports = "".join(f'<button type="button" class="tqa-button" data-action="export" data-format="{f}">'
                      f"{label}</button>" for f, label in (("md", "Markdown"), ("csv", "CSV"), ("json", "JSON")))
    return ('<div class="tqa-tools">'
            '<button type="button" class="tqa-button" data-action="link">Copy link</button>'
            '<button type="button" class="tqa-button" data-action="copy-all">Copy all citations</button>'
            f'<span class="tqa-export" role="group" aria-label="Download the results">Download {exports}</span>'
            f'<label class="tqa-style-pick">Citation style <select class="tqa-style">{styles}</select></label>'
            "</div>")


def problem_html(text: str) -> str:
    """A question that could not be asked: said where the cards were, so no old card stays under it."""
    text = str(text)
    return f'<div class="tqa-problem" role="alert"><p>{_e(text[:1].upper() + text[1:])}</p></div>'


def passage_html(n: int, p: Passage) -> str:
    c = p.citation
    hs, he = p.highlight
    quote = f"{_e(p.quote[:hs])}<mark>{_e(p.quote[hs:he])}</mark>{_e(p.quote[he:])}"
    who = _e(c.who or "Narration")
    role = f' <span class="tqa-role">{_e(p.role)}</span>' if p.role and p.role != "narrator" else ""
    question = ""
    if p.question:
        question = (f'<details class="tqa-question"><summary>In answer to a question</summary>'
                    f"<p>{_e(p.question)}</p></details>")
    also = "".join(f'<p class="tqa-also">also in {_e(citation_text(a))}</p>' for a in p.also_in)
    # A <pre> a style, not a <textarea>: ten text boxes an answer cost the page a tenth of its time to show,
    # and one click selects the whole of a <pre> all the same (user-select: all).
    copies = "".join(f'<pre class="tqa-copy" data-style="{v}" tabindex="0" aria-label="Quote and citation, '
                     f'{_e(label.lower())}">{_e(copy_text(p, v, n + 1))}</pre>' for v, label in STYLES)
    return f"""<article class="tqa-card" data-passage="{n}">
<header><span class="tqa-rank">{n + 1}</span> <span class="tqa-speaker">{who}</span>{role}<span class="tqa-score" title="relevance from 0 to 1">score {p.score:.2f}</span></header>
<blockquote class="tqa-quote">{quote}</blockquote>
{question}
<p class="tqa-citation" title="{_e(fine_print(c))}">— {_e(citation_text(c))}</p>
{also}
<div class="tqa-actions"><button type="button" class="tqa-button" data-action="context" aria-expanded="false">Show in context</button><button type="button" class="tqa-button" data-action="copy">Copy citation</button></div>
<details class="tqa-copy-box"><summary>Citation to copy</summary>{copies}</details>
</article>"""


def message_html(text: str, kind: str = "empty") -> str:
    return f'<p class="tqa-{_e(kind)}">{_e(text)}</p>'


# -- a passage in its transcript -------------------------------------------------------


def context_html(c: Citation | None, text: str, start: int = 0, end: int = 0, best: tuple[int, int] | None = None,
                 places: SourceMap | None = None) -> str:
    """The whole transcript, numbered by line, with the passage marked and its best sentences stronger.

    `start`/`end` and `best` are character offsets into `text`; with `c` None nothing is marked (a
    transcript read from the library). With `places`, the numbers are the lines of the file the text
    was read from, and a timed transcript shows when each line begins.
    """
    hs, he = best if best else (start, start)
    places = places or SourceMap(text)
    rows = []
    offset = 0
    shown_time = None
    for line in text.split("\n"):
        a, b = offset, offset + len(line)
        offset = b + 1
        inside = start < b + 1 and end > a  # the newline belongs to the line, for empty lines in a passage
        body = _line_with_marks(text, a, b, start, end, hs, he) if inside else _e(line)
        cls = ' class="tqa-in"' if inside else ""
        time = places.time(a, b) if line.strip() else None
        stamp = ""
        if time and time[0] != shown_time:
            stamp, shown_time = f'<span class="tqa-time">{clock(time[0])}</span> ', time[0]
        rows.append(f'<div{cls}><span class="tqa-ln">{places.line(a)}</span>'
                    f'<span class="tqa-lt">{stamp}{body or " "}</span></div>')
    lines = (f'<div class="tqa-lines" tabindex="0" role="document" aria-label="The transcript, line by line">'
             f'{"".join(rows)}</div>')
    if c is None:
        return f'<div class="tqa-context tqa-whole">{lines}</div>'
    about = (f"{c.date or 'undated'} · {c.file} · the passage: {c.who or 'narration'}, ¶{c.paragraph}, "
             f"{lines_text(c)}{where(c.time, c.page)}")
    return (f'<div class="tqa-context"><div class="tqa-context-bar"><p class="tqa-context-title">{_e(c.title)}</p>'
            '<button type="button" class="tqa-button tqa-close" data-action="close">Close</button></div>'
            f'<p class="tqa-context-note">{_e(about)}</p>{lines}</div>')


def _line_with_marks(text: str, a: int, b: int, start: int, end: int, hs: int, he: int) -> str:
    s, e = max(a, start), min(b, end)
    if s >= e:
        return _e(text[a:b])
    inner_s, inner_e = max(s, hs), min(e, he)
    if inner_s < inner_e:
        inner = f"{_e(text[s:inner_s])}<strong>{_e(text[inner_s:inner_e])}</strong>{_e(text[inner_e:e])}"
    else:
        inner = _e(text[s:e])
    return f'{_e(text[a:s])}<mark class="tqa-here">{inner}</mark>{_e(text[e:b])}'


# -- the index and the library ------------------------------------------------------------


def status_html(o: Overview) -> str:
    if o.problem:
        return f'<p class="tqa-status tqa-status-bad">No index in service · {_e(o.index_dir)}</p>'
    parts = [f"{o.documents} transcript{'s' if o.documents != 1 else ''}", f"{o.chunks} chunks",
             f"built {_when(o.built_at)}"]
    if o.building:
        parts.append("a rebuild is running")
    return (f'<p class="tqa-status"><span class="tqa-model">Model {_e(o.model)} · </span>'
            f'{" · ".join(_e(p) for p in parts)}</p>')


def notice_html(o: Overview) -> str:
    """What to do when there is no index to answer from."""
    if o.corpus_dir:
        how = (f"Press <strong>Build the index</strong> to index the transcripts in <code>{_e(o.corpus_dir)}</code>"
               f" (or run <code>transcript-qa build {_e(o.corpus_dir)} --index {_e(o.index_dir)}</code>).")
    else:
        how = ("There is no corpus folder to build from: start the page with "
               "<code>transcript-qa serve --corpus FOLDER</code> (or set <code>TQA_CORPUS</code>), "
               f"or run <code>transcript-qa build FOLDER --index {_e(o.index_dir)}</code> and reload this page.")
    return (f'<div class="tqa-notice"><p><strong>No questions can be answered yet.</strong> {_e(o.problem)}</p>'
            f"<p>{how}</p></div>")


def examples_html(questions: list[str]) -> str:
    if not questions:
        return ""
    buttons = "".join(f'<button type="button" class="tqa-example" data-question="{_e(q)}">{_e(q)}</button>'
                      for q in questions)
    return f'<div class="tqa-examples"><span class="tqa-examples-label">Try:</span>{buttons}</div>'


def library_html(documents: list[DocumentInfo], o: Overview) -> str:
    if o.problem:
        return message_html("No transcripts are indexed yet.")
    # data-label names a cell where a narrow screen stacks each row instead of showing columns.
    rows = "".join(
        f'<tr><td class="tqa-title">{_e(d.title)}</td><td class="tqa-date" data-label="Date">'
        f"{_e(d.date or 'undated')}</td><td data-label=\"Speakers\">{_e(', '.join(d.speakers) or '—')}</td>"
        f'<td class="tqa-num" data-label="Chunks">{d.chunks}</td><td data-label="File"><code>{_e(d.file)}</code></td>'
        "</tr>"
        for d in documents)
    table = (f'<table class="tqa-library"><thead><tr><th>Title</th><th>Date</th><th>Speakers</th>'
             f'<th>Chunks</th><th>File</th></tr></thead><tbody>{rows}</tbody></table>')
    notes = [f"Corpus folder: {o.corpus_dir}" if o.corpus_dir else
             "No corpus folder: start the page with --corpus FOLDER to add transcripts and rebuild.",
             f"Index folder: {o.index_dir}"]
    notes.extend(f"Not indexed: {s.get('file')}: {s.get('reason')}" for s in o.skipped)
    if o.changes is not None and o.changes.any:
        for label, files in (("New since the build", o.changes.added), ("Changed since the build", o.changes.changed),
                             ("Gone since the build", o.changes.missing)):
            if files:
                notes.append(f"{label}: {', '.join(files)}")
        notes.append("Press Rebuild index to bring the index up to date.")
    return f'<div class="tqa-scroll">{table}</div>' + "".join(f'<p class="tqa-library-note">{_e(n)}</p>' for n in notes)


def _when(iso: str | None) -> str:
    if not iso:
        return "at an unknown time"
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    zone = "UTC" if moment.utcoffset() is not None and not moment.utcoffset() else moment.strftime("%z")
    return f"{moment:%Y-%m-%d %H:%M} {zone}".strip()


def reading_html(t: Transcript, places: SourceMap | None = None) -> str:
    """A whole transcript to read, lines numbered as in its file, and how it was read, as
    `transcript-qa parse` shows it: its facts, then a row per turn."""
    record = transcript_record(t)
    speakers = ", ".join(f"{s['name']} ({s['role']}, {s['turns']} turns)" for s in record["speakers"]) or "none named"
    facts = (f'<p class="tqa-reading-facts"><strong>{_e(t.title)}</strong> · {_e(t.date or "undated")} · '
             f'{_e(t.format)} · {len(t.turns)} turns</p><p class="tqa-library-note">Speakers: {_e(speakers)}</p>')
    rows = []
    for i, u in enumerate(t.turns):
        words = " ".join(t.text[u.start:u.end].split())
        words = words if len(words) <= 160 else words[:159].rstrip() + "…"
        when = f"{clock(u.time[0])}–{clock(u.time[1])}" if u.time else ""
        rows.append(
            f"<tr><td class=\"tqa-num\">{i}</td><td>{_e(u.speaker or ('narration' if u.role == 'narrator' else 'unnamed'))}"
            f"</td><td>{_e(u.role)}</td><td class=\"tqa-num\">{'' if u.question_turn is None else u.question_turn}</td>"
            f"<td class=\"tqa-date\">{_e(when)}</td><td class=\"tqa-num\">{'' if u.page is None else u.page}</td>"
            f"<td>{_e(words)}</td></tr>")
    table = ('<div class="tqa-scroll"><table class="tqa-library tqa-reading"><thead><tr><th>#</th><th>Speaker</th>'
             '<th>Role</th><th>Answers</th><th>Time</th><th>Page</th><th>Words</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table></div>')
    whole = context_html(None, t.text, places=places or SourceMap.of(t))
    return (f'{facts}<details class="tqa-turns"><summary>How it was read: {len(t.turns)} turns</summary>{table}'
            f'</details>{whole}')
