"""Plain-text renderings of answers and index facts, for the terminal."""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import asdict

from corpus import Transcript, clock
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the signatures only: formatting an answer needs no part of the index
    from index import BuildReport, Manifest, Verified

from .records import Answer, Citation, Passage

BOLD, RESET = "\033[1m", "\033[0m"


def short_title(title: str, limit: int = 60) -> str:
    if len(title) <= limit:
        return title
    sentence = re.match(r".{12,}?[.?!](?=\s)", title[:limit + 1])
    if sentence:
        return sentence.group()
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ") + "…"


def citation_line(c: Citation) -> str:
    lines = f"line {c.line_start}" if c.line_start == c.line_end else f"lines {c.line_start}–{c.line_end}"
    who = c.who or "narration"
    return (f"— {who}, {short_title(c.title)}, {c.date or 'undated'}, ¶{c.paragraph}{where(c.time, c.page)} "
            f"({c.file}, {lines})")


def where(time: tuple[float, float] | None, page: int | None) -> str:
    """", at 00:12:34" for a timed transcript, ", p. 17" for a paginated one, else nothing."""
    return (f", at {clock(time[0])}" if time else "") + (f", p. {page}" if page is not None else "")


def answer_json(answer: Answer) -> str:
    return json.dumps(asdict(answer), ensure_ascii=False, indent=2)


def answer_text(answer: Answer, width: int = 100, color: bool = False) -> str:
    out = [f"Q: {answer.question}"]
    if not answer.passages:
        out.append("No passages found.")
    elif answer.low_confidence:
        out.append("Low confidence: nothing in the transcripts answers this closely; these are the nearest passages.")
    elif answer.low_confidence is None and answer.note:
        out.append(f"({answer.note[:1].upper() + answer.note[1:]}.)")
    for n, p in enumerate(answer.passages, 1):
        out.append("")
        out.extend(_passage(n, p, width, color))
    return "\n".join(out)


def _passage(n: int, p: Passage, width: int, color: bool) -> list[str]:
    hs, he = p.highlight
    quote = p.quote
    if color:
        quote = quote[:hs] + BOLD + quote[hs:he] + RESET + quote[he:]
    role = f" ({p.role})" if p.role and p.role != "narrator" else ""
    lines = [f"{n}. {p.citation.who or 'Narration'}{role} · score {p.score:.2f}"]
    for para in quote.split("\n"):
        if para.strip():
            lines.extend(textwrap.wrap(para, width, initial_indent="   ", subsequent_indent="   ") or ["   "])
    lines.extend(textwrap.wrap(f"Best answer: {p.quote[hs:he]}", width, initial_indent="   ",
                               subsequent_indent="   "))
    lines.append("   " + citation_line(p.citation))
    for c in p.also_in:
        lines.append("   also in " + citation_line(c).lstrip("— "))
    if p.question:
        q = p.question if len(p.question) <= 200 else p.question[:200].rsplit(" ", 1)[0] + "…"
        lines.extend(textwrap.wrap(f"In answer to: {q}", width, initial_indent="   ", subsequent_indent="   "))
    return lines


def build_summary(report: BuildReport, corpus: str) -> str:
    if report.unchanged:
        return (f"The index at {report.index_dir} is up to date: version {report.version} holds the "
                f"{report.documents} transcript{'s' if report.documents != 1 else ''} of {corpus} as they are now, "
                f"built the same way ({report.chunks} chunks); nothing was written (checked in {report.seconds:.1f} s). "
                "`transcript-qa build --force` builds it again anyway.")
    lines = [
        f"Indexed {report.documents} transcript{'s' if report.documents != 1 else ''} "
        f"({report.turns} turns, {report.chunks} chunks) from {corpus} into {report.index_dir} "
        f"in {report.seconds:.1f} s.",
        f"Embedded {report.embedded} texts; reused {report.reused} vectors from the previous version.",
    ]
    if report.set_aside:
        n = sum(report.set_aside.values())
        rules = ", ".join(f"{reason} {count}" for reason, count in report.set_aside.items())
        lines.append(f"Set aside {n} line{'s' if n != 1 else ''} of page furniture ({rules}); "
                     "`transcript-qa parse FILE` shows each.")
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)} file{'s' if len(report.skipped) != 1 else ''}:")
        lines.extend(f"  {s.file}: {s.reason}" for s in report.skipped)
    return "\n".join(lines)


def verify_summary(v: Verified) -> str:
    model = ("" if v.model_checked else
             " (the model was given in-process when the index was built, so no files of it are recorded)")
    return (f"Verified the index at {v.index_dir} (version {v.version}) in {v.seconds:.2f} s: {v.files} files, "
            f"{v.bytes / 1e6:.1f} MB, match the SHA-256 recorded at build time{model}; {v.vectors} vectors are "
            "finite and unit-length.")


def _search_text(record: dict | None) -> str:
    """How one FAISS index searches, as the build chose it (`index.vectors.build_chosen`)."""
    if not record:
        return "flat (exact)"
    kind = record.get("kind")
    if kind == "ivf":
        how = f"IVF, {record.get('nprobe')} of {record.get('lists')} lists probed"
    elif kind == "hnsw":
        how = f"HNSW graph, efSearch {record.get('ef_search')}"
    else:
        how = "flat (exact)"
    if kind != "flat" and "recall_at_10" in record:
        how += f", recall@10 {record['recall_at_10']:.3f} against exact"
    tried = [f"{r.get('kind', '?').upper()} {r.get('recall_at_10', 0):.3f}" for r in record.get("rejected", ())]
    return how + (f" ({', '.join(tried)} set aside)" if tried else "")


def manifest_text(m: Manifest, root: str, version: str, changes) -> str:
    c = m.counts
    lines = [
        f"Index:     {root} (version {version}, format {m.format_version}, transcript-qa {m.package_version})",
        f"Built:     {m.built_at} in {m.build_seconds:.1f} s",
        f"Model:     {m.model.name} ({m.model.dimension} dimensions, reads up to {m.model.max_tokens} tokens; "
        f"transcripts embedded by its {m.model.documents} graph)",
        f"Chunks:    up to {m.chunking.get('max_tokens')} tokens, "
        f"{m.chunking.get('overlap_sentences')} sentence overlap",
        f"Corpus:    {m.corpus}",
        f"Holds:     {c.get('documents')} transcripts, {c.get('turns')} turns, {c.get('chunks')} chunks, "
        f"{c.get('sentences')} sentences",
        f"Search:    chunks {_search_text(m.search.get('chunks'))}; sentences {_search_text(m.search.get('sentences'))}",
        "",
    ]
    for f in m.files:
        lines.append(f"  {f.doc_id}  {f.date or 'undated':10}  {f.chunks:4} chunks  {short_title(f.title, 70)}")
    for s in m.skipped:
        lines.append(f"  skipped {s['file']}: {s['reason']}")
    if changes is None:
        lines.append("\nThe corpus folder is no longer there.")
    elif changes.any:
        parts = [f"{len(v)} {k}" for k, v in (("changed", changes.changed), ("new", changes.added),
                                               ("removed", changes.missing)) if v]
        lines.append(f"\nThe corpus has {', '.join(parts)} file(s) since this build; run `transcript-qa build` again.")
    else:
        lines.append("\nThe corpus is unchanged since this build.")
    return "\n".join(lines)


SHOWN = 12  # items of a list `info` shows before "and N more"


_KINDS = {"formula": ("formula", "formulas"), "stage note": ("stage note", "stage notes"),
          "dateline": ("dateline", "datelines"), "title": ("title said again", "titles said again"),
          "empty": ("sentence without words", "sentences without words")}


def learned_text(learned: dict, width: int = 100) -> str:
    """What an index learned from its corpus (`index.structure_files.learned_record`), in a few lines."""
    speakers = [s for s in learned["speakers"] if s["role"] != "reporter"]
    reporters = [s for s in learned["speakers"] if s["role"] == "reporter"]
    shown = _listed([f"{s['name']} ({s['role']}, {_n(s['turns'], 'turn')})" for s in speakers])
    if reporters:
        shown += f"; {_n(len(reporters), 'reporter label')} ({_n(sum(s['turns'] for s in reporters), 'turn')})"
    acronyms = [f"{k.upper()} = {v}" for k, v in sorted(learned["acronyms"].items())]
    filler = learned["filler"]
    kinds = ", ".join(f"{n} {_KINDS.get(kind, (kind, kind))[n != 1]}" for kind, n in filler.items())
    formulas = [f"“{f['text']}” ×{f['sentences']}" for f in learned["formulas"]]
    lag = learned["lag_days"]
    askers = [f"{a['name']} ({_n(a['turns'], 'turn')})" for a in learned.get("askers", ())]
    offices = [f"the {o['office']} = {' / '.join(o['speakers'])}" for o in learned.get("offices", ())]
    lines = [
        "",
        "Learned from the corpus:",
        f"  Speakers:    {shown}",
        f"  People:      {_listed(learned['names'])} (a question naming one prefers their words)",
        f"  Askers:      {_listed(askers)}" + (" (unnamed reporters the chair called by name: a question naming one "
                                             "asks for their words)" if askers else ""),
        f"  Offices:     {_listed(offices, '; ')}" + (" (as the corpus writes them beside a name, or speaks of the "
                                                     "one who answers next: a question naming one prefers their "
                                                     "words)" if offices else ""),
        f"  Acronyms:    {_listed(acronyms, '; ')}",
        f"  Background:  {_listed(learned['background'])}" + (" (in many chunks: not matched on)"
                                                              if learned["background"] else ""),
        f"  Reporting lag: {_n(lag, 'day')} (a transcript about a period is held up to this long after it)"
        if lag else "  Reporting lag: none (no transcript gives both its period and its date)",
        f"  Filler:      {_n(sum(filler.values()), 'sentence')} set aside" + (f" ({kinds})" if kinds else ""),
    ]
    if formulas:
        lines.append(f"  Formulas:    {_listed(formulas)}")
    lines.append(f"  Reference:   {_n(learned.get('reference_sentences', 0), 'sentence')} sampled (how near a question "
                 "comes to these says how near is near in this corpus: the low-confidence flag weighs an answer "
                 "by how far it rises above them)")
    return "\n".join(textwrap.fill(line, width, subsequent_indent=" " * 15, break_on_hyphens=False) if line else line
                     for line in lines)


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _listed(items, sep: str = ", ") -> str:
    items = list(items)
    if not items:
        return "none"
    more = f"{sep}and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return sep.join(items[:SHOWN]) + more


# -- how one file was read (`transcript-qa parse`) ---------------------------------------


def transcript_record(t: Transcript) -> dict:
    """How a file was read, as `parse --json` prints it."""
    counts: dict[str, list] = {}
    for turn in t.turns:
        if turn.speaker:
            entry = counts.setdefault(turn.speaker, [turn.role, 0])
            entry[1] += 1
    return {
        "file": t.doc_id, "format": t.format, "title": t.title, "date": t.date,
        "speakers": [{"name": name, "role": role, "turns": n} for name, (role, n) in counts.items()],
        "turns": [{"speaker": u.speaker, "role": u.role, "question": u.question_turn,
                   "time": list(u.time) if u.time else None, "page": u.page, "start": u.start, "end": u.end}
                  for u in t.turns],
        "set_aside": [{"line": a.line, "text": a.text, "reason": a.reason} for a in t.set_aside],
    }


def transcript_text(t: Transcript, width: int = 100) -> str:
    """How a file was read, for a person checking a new source: its facts, then one line per turn."""
    record = transcript_record(t)
    speakers = ", ".join(f"{s['name']} ({s['role']}, {s['turns']})" for s in record["speakers"]) or "none named"
    out = [f"File:     {t.doc_id}", f"Format:   {t.format}", f"Title:    {t.title}",
           f"Date:     {t.date or 'undated'}", f"Speakers: {speakers}", f"Turns:    {len(t.turns)}"]
    if t.set_aside:
        reasons: dict[str, int] = {}
        for a in t.set_aside:
            reasons[a.reason] = reasons.get(a.reason, 0) + 1
        kinds = ", ".join(f"{n} {reason}" for reason, n in reasons.items())
        out.append(f"Set aside: {len(t.set_aside)} lines kept out of the turns ({kinds}); listed after the turns")
    out.append("")
    for i, u in enumerate(t.turns):
        who = u.speaker or ("narration" if u.role == "narrator" else "unnamed")
        facts = [u.role]
        if u.question_turn is not None:
            facts.append(f"answers #{u.question_turn}")
        if u.time:
            facts.append(f"{clock(u.time[0])}–{clock(u.time[1])}")
        if u.page is not None:
            facts.append(f"p. {u.page}")
        facts.append(f"{u.start}–{u.end}")
        head = f"#{i} {who} ({', '.join(facts)}): "
        words = " ".join(t.text[u.start:u.end].split())
        room = max(20, width - len(head))
        out.append(head + (words if len(words) <= room else words[:room - 1].rstrip() + "…"))
    if t.set_aside:
        out.append("")
    for s in t.set_aside:
        head = f"line {s.line} ({s.reason}): "
        room = max(20, width - len(head))
        out.append(head + (s.text if len(s.text) <= room else s.text[:room - 1].rstrip() + "…"))
    return "\n".join(out)
