"""What the page's events do. Each calls `assistant`/`index` through AppState; every
mistake a person can make becomes a gr.Error with its one-line message."""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

import gradio as gr

from assistant import Answer, Filters
from assistant.errors import QuestionError
from assistant.formatting import answer_json, build_summary
from corpus import SourceMap, TranscriptQAError

from . import render
from .state import AppState, Overview

log = logging.getLogger(__name__)

# Share of the progress bar each build stage fills, in the order they run.
_STAGES = {"reading": (0.0, 0.05), "chunking": (0.05, 0.3), "embedding": (0.3, 0.95), "writing": (0.95, 1.0)}
_STAGE_TEXT = {"reading": "Reading transcripts", "chunking": "Splitting into passages",
               "embedding": "Embedding passages", "writing": "Writing the new index"}


def overall_progress(stage: str, done: int, total: int) -> float:
    """One bar from 0 to 1 across the build stages."""
    lo, hi = _STAGES.get(stage, (0.0, 1.0))
    share = min(1.0, done / total) if total else 1.0
    return lo + (hi - lo) * share


def refusal(problem: Exception | str, page: bool = True) -> gr.Error:
    """A one-line message for a person. The page shows it as HTML, and it may quote a transcript, so
    there it is escaped; an API caller gets it as it is."""
    text = " ".join(str(problem).split())
    return gr.Error(html.escape(text, quote=False) if page else text, print_exception=False)


def filters_from(speakers, docs, date_from, date_to) -> Filters:
    return Filters(speakers=_names(speakers, "speakers"), docs=_names(docs, "documents"),
                   date_from=_date_text(date_from, "from date"), date_to=_date_text(date_to, "to date"))


class Handlers:
    def __init__(self, state: AppState):
        self.state = state

    # -- asking -----------------------------------------------------------------------

    def answer(self, question, k, speakers=None, docs=None, date_from=None, date_to=None,
               page: bool = True) -> tuple[Answer, Filters]:
        try:
            filters = filters_from(speakers, docs, date_from, date_to)
            return self.state.assistant().ask(question, k=_whole(k), filters=filters), filters
        except TranscriptQAError as exc:
            raise refusal(exc, page) from None

    def ask(self, question, k, speakers, docs, date_from, date_to):
        answer, filters = self.answer(question, k, speakers, docs, date_from, date_to)
        return render.answer_html(answer, filters), answer

    def ask_example(self, k, speakers, docs, date_from, date_to, evt: gr.EventData):
        question = str(getattr(evt, "question", "") or "")
        cards, answer = self.ask(question, k, speakers, docs, date_from, date_to)
        return question, cards, answer

    def ask_json(self, question, k=5, speakers=None, docs=None, date_from=None, date_to=None) -> dict:
        """The answer as `transcript-qa ask --json` prints it."""
        answer, _ = self.answer(question, k, speakers, docs, date_from, date_to, page=False)
        return json.loads(answer_json(answer))

    def context(self, answer: Answer | None, evt: gr.EventData):
        number = getattr(evt, "passage", None)
        if not isinstance(answer, Answer) or not isinstance(number, int) or not 0 <= number < len(answer.passages):
            raise refusal("ask a question first, then open one of its passages")
        p = answer.passages[number]
        c = p.citation
        try:
            transcript = self.state.assistant().transcript(c.file)
        except TranscriptQAError as exc:
            raise refusal(exc) from None
        text = transcript.text
        start = c.start if text[c.start:c.end] == p.quote else text.find(p.quote)
        if start < 0:
            raise refusal(f"{c.file} has changed since this answer; ask the question again")
        best = (start + p.highlight[0], start + p.highlight[1])
        return gr.update(visible=True), render.context_html(c, text, start, start + len(p.quote), best,
                                                            SourceMap.of(transcript))

    @staticmethod
    def close_context():
        return gr.update(visible=False)

    # -- the page as a whole -------------------------------------------------------------

    def page(self):
        """Everything that depends on the index in service: status, notice, filters, examples, library."""
        o = self.state.overview()
        speakers, documents, examples = [], [], []
        docs = []
        if not o.problem:
            assistant = self.state.assistant()
            speakers = sorted((f"{s.name} ({s.role})", s.name) for s in assistant.speakers() if s.role != "reporter")
            docs = assistant.documents()
            documents = [(f"{render.short_title(d.title, 50)} · {d.date or 'undated'} · {d.file}", d.file)
                         for d in docs]
            examples = self.state.examples()
        return (
            render.status_html(o),
            gr.update(visible=bool(o.problem)),
            render.notice_html(o) if o.problem else "",
            gr.update(choices=speakers),
            gr.update(choices=documents),
            render.examples_html(examples),
            render.library_html(docs, o),
            gr.update(choices=documents, value=None),
        )

    # -- the library ------------------------------------------------------------------------

    def upload(self, files):
        paths = [Path(f) for f in _as_list(files)]
        if not paths:
            return "No files received.", render.library_html(*self._library())
        try:
            results = self.state.add((p.name, p) for p in paths)
        except TranscriptQAError as exc:
            raise refusal(exc) from None
        lines = [r.message for r in results]
        if any(r.outcome in ("added", "renamed") for r in results):
            lines.append("Press Rebuild index to make the new transcripts searchable.")
        return "\n".join(lines), render.library_html(*self._library())

    def rebuild(self, progress=gr.Progress()):
        progress(0.0, desc="Starting the rebuild")

        def report(stage: str, done: int, total: int) -> None:
            progress(overall_progress(stage, done, total), desc=_STAGE_TEXT.get(stage, stage))

        try:
            result = self.state.rebuild(report)
        except TranscriptQAError as exc:
            raise refusal(exc) from None
        summary = build_summary(result, str(self.state.corpus_dir))
        return (summary, *self.page())

    def reading(self, file: str | None):
        """How one indexed transcript was read: speakers, roles, questions, times and pages of its turns."""
        if not file:
            return ""
        try:
            return render.reading_html(self.state.assistant().transcript(file))
        except TranscriptQAError as exc:
            raise refusal(exc) from None

    def _library(self) -> tuple[list, Overview]:
        o = self.state.overview()
        return ([] if o.problem else self.state.assistant().documents()), o


def _whole(k):
    """A slider may send 5.0; the assistant wants a whole number and says so otherwise."""
    if isinstance(k, float) and k.is_integer():
        return int(k)
    return k


def _names(value, what: str) -> tuple[str, ...]:
    """A name or a list of names, as the page's dropdown or an API caller sends them."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(v for v in value if v.strip())
    raise QuestionError(f"{what} must be a name or a list of names, not {_shown(value)}")


def _date_text(value, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise QuestionError(f"the {what} must be a date like 2023-04-20, not {_shown(value)}")
    text = value.strip()
    return text[:10] if len(text) > 10 and text[10] in " T" else (text or None)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _as_list(files) -> list:
    if files is None:
        return []
    if isinstance(files, (list, tuple)):
        return [f for f in files if f]
    return [files]
