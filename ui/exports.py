"""Citations and answers as text to take away: the card's citation line, the two copy styles,
and the Markdown, CSV and JSON files the page exports.

Every export holds the same passages as the cards, best first; JSON is exactly what
`transcript-qa ask --json` prints.
"""

from __future__ import annotations

import csv
import io
import re

from assistant import Answer, Citation, Filters, Passage
from assistant.formatting import answer_json, where

# Citation styles for copying, as the page offers them: (value, label).
STYLES = (("plain", "Plain"), ("footnote", "Footnote (Markdown)"))

CSV_FIELDS = ("rank", "quote", "highlight_start", "highlight_end", "best", "speaker", "asker", "role", "title", "date",
              "file", "paragraph", "line_start", "line_end", "start", "end", "time_start", "time_end", "page",
              "score", "question", "also_in", "asked", "low_confidence")


def lines_text(c: Citation) -> str:
    return f"line {c.line_start}" if c.line_start == c.line_end else f"lines {c.line_start}–{c.line_end}"


def citation_text(c: Citation) -> str:
    """Who, what, when and where, for a person: speaker, the title in full, date, ¶, lines, time or page."""
    return (f"{c.who or 'narration'}, {c.title}, {c.date or 'undated'}, ¶{c.paragraph}, "
            f"{lines_text(c)}{where(c.time, c.page)}")


def fine_print(c: Citation) -> str:
    """The file and the exact characters, for finding the words again by program."""
    return f"{c.file}, characters {c.start}–{c.end}"


def quote_text(p: Passage) -> str:
    return " ".join(p.quote.split())


def copy_text(p: Passage, style: str = "plain", number: int = 1) -> str:
    """One passage, quoted and cited, ready to paste: `plain` or `footnote` (a Markdown footnote)."""
    if style == "footnote":
        return f"“{quote_text(p)}”[^{number}]\n\n{footnote(p.citation, number)}"
    return f"“{quote_text(p)}”\n— {citation_text(p.citation)} ({fine_print(p.citation)})"


def footnote(c: Citation, number: int) -> str:
    return f"[^{number}]: {citation_text(c)} ({fine_print(c)})."


def copy_all(answer: Answer, style: str = "plain") -> str:
    """Every passage of an answer in one text; footnotes are numbered as the cards are and gathered at the end."""
    if style == "footnote":
        quotes = [f"“{quote_text(p)}”[^{n}]" for n, p in enumerate(answer.passages, 1)]
        notes = [footnote(p.citation, n) for n, p in enumerate(answer.passages, 1)]
        return "\n\n".join(quotes) + ("\n\n" + "\n".join(notes) if notes else "")
    return "\n\n".join(copy_text(p) for p in answer.passages)


# -- files ----------------------------------------------------------------------------------


def file_stem(question: str) -> str:
    words = re.findall(r"[^\W_]+", question.lower())
    stem = "-".join(words)[:60].rstrip("-")
    return f"transcript-qa-{stem or 'answer'}"


def as_json(answer: Answer) -> str:
    return answer_json(answer) + "\n"


def as_csv(answer: Answer) -> str:
    """One row a passage. A cell that a spreadsheet would run as a formula starts with an apostrophe."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for n, p in enumerate(answer.passages, 1):
        c = p.citation
        row = {
            "rank": n, "quote": p.quote, "highlight_start": p.highlight[0], "highlight_end": p.highlight[1],
            "best": p.quote[p.highlight[0]:p.highlight[1]], "speaker": c.speaker or "", "asker": c.asker or "",
            "role": p.role or "",
            "title": c.title, "date": c.date or "", "file": c.file, "paragraph": c.paragraph,
            "line_start": c.line_start, "line_end": c.line_end, "start": c.start, "end": c.end,
            "time_start": c.time[0] if c.time else "", "time_end": c.time[1] if c.time else "",
            "page": "" if c.page is None else c.page, "score": round(p.score, 4), "question": p.question or "",
            "also_in": "; ".join(f"{citation_text(a)} ({fine_print(a)})" for a in p.also_in),
            "asked": answer.question, "low_confidence": {True: "yes", False: "no"}.get(answer.low_confidence, "unknown"),
        }
        writer.writerow({k: _inert(v) for k, v in row.items()})
    return out.getvalue()


def _inert(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_markdown(answer: Answer, filters: Filters | None = None) -> str:
    """The answer as a Markdown document: the question, then each passage quoted with its best sentences
    in bold and its citation. Transcript text is escaped, so it shows as the characters it is."""
    count = len(answer.passages)
    out = [f"# {_md(answer.question)}", "", f"{count} passage{'s' if count != 1 else ''}, quoted verbatim "
           "from the transcripts by transcript-qa."]
    if filters is not None and filters.active:
        out += ["", _md(filters_text(filters))]
    if answer.low_confidence and count:
        out += ["", "**Low confidence:** nothing in the transcripts answers this closely; these are the nearest "
                    "passages."]
    if not count:
        out += ["", "No passages found."]
    for n, p in enumerate(answer.passages, 1):
        role = f" ({p.role})" if p.role and p.role != "narrator" else ""
        out += ["", f"## {n}. {_md(p.citation.who or 'Narration')}{_md(role)} · score {p.score:.2f}", ""]
        out += _md_quote(p)
        if p.question:
            out += ["", f"In answer to: *{_md(' '.join(p.question.split()))}*"]
        out += ["", f"— {_md(citation_text(p.citation))} ({_md(fine_print(p.citation))})"]
        out += [f"- also in {_md(citation_text(a))} ({_md(fine_print(a))})" for a in p.also_in]
    return "\n".join(out) + "\n"


def filters_text(f: Filters) -> str:
    parts = []
    if f.speakers:
        parts.append("speaker " + " or ".join(f.speakers))
    if f.docs:
        parts.append("document " + " or ".join(f.docs))
    if f.date_from or f.date_to:
        parts.append(f"dated {f.date_from or '…'} to {f.date_to or '…'}")
    return "Only passages from: " + "; ".join(parts)


# Characters that would make Markdown render something other than the transcript's words.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|~!])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_quote(p: Passage) -> list[str]:
    """The quote as a block quote, line by line, its best sentences in bold."""
    hs, he = p.highlight
    lines, offset = [], 0
    for line in p.quote.split("\n"):
        a, b = offset, offset + len(line)
        offset = b + 1
        s, e = max(a, hs), min(b, he)
        if s < e:
            inner = p.quote[s:e]
            lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", inner, re.S).groups()
            bold = f"{_md(lead)}**{_md(core)}**{_md(trail)}" if core else _md(inner)
            text = _md(p.quote[a:s]) + bold + _md(p.quote[e:b])
        else:
            text = _md(line)
        lines.append(f"> {text}".rstrip() if text.strip() else ">")
    return lines
