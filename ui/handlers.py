"""What the page's events do. Each calls `assistant`/`index` through AppState. A question that
cannot be asked is said in one line where the cards were, so no old card stays under it; every
other mistake a person can make becomes a gr.Error with its one-line message."""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

import gradio as gr

from assistant import Answer, Filters
from assistant.errors import QuestionError
from assistant.formatting import answer_json, build_summary, short_title
from corpus import SourceMap, TranscriptQAError

from . import render
from .exports import as_csv, as_json, as_markdown, copy_all, file_stem
from .sharing import Search, search_from, search_of
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


# What the results' tools can ask for: (file suffix or None for a copy, MIME type, text of an answer).
TAKEAWAYS = {
    "md": ("md", "text/markdown", lambda a, f: as_markdown(a, f)),
    "csv": ("csv", "text/csv", lambda a, f: as_csv(a)),
    "json": ("json", "application/json", lambda a, f: as_json(a)),
    "plain": (None, "text/plain", lambda a, f: copy_all(a, "plain")),
    "footnote": (None, "text/plain", lambda a, f: copy_all(a, "footnote")),
}
# Answers shown lately, by their search, so an export is of the very cards on the page.
KEEP_ANSWERS = 64


@dataclass(frozen=True)
class Shown:
    """What the cards show: the answer and the search that gave it (None for none)."""

    answer: Answer | None = None
    search: Search | None = None


NOTHING = Shown()


class Handlers:
    def __init__(self, state: AppState):
        self.state = state
        self._recent: OrderedDict[str, tuple[Answer, Filters]] = OrderedDict()
        self._recent_lock = threading.Lock()

    # -- asking -----------------------------------------------------------------------

    def answer(self, question, k, speakers=None, docs=None, date_from=None, date_to=None,
               page: bool = True) -> tuple[Answer, Filters]:
        try:
            filters = filters_from(speakers, docs, date_from, date_to)
            return self.state.assistant().ask(question, k=_whole(k), filters=filters), filters
        except TranscriptQAError as exc:
            raise refusal(exc, page) from None

    def results(self, question, k, speakers=None, docs=None, date_from=None, date_to=None,
                note: str | None = None) -> tuple[str, Shown]:
        """The cards for a question, or the one line saying why there are none; never the old cards."""
        began = time.perf_counter()
        try:
            filters = filters_from(speakers, docs, date_from, date_to)
            answer = self.state.assistant().ask(question, k=_whole(k), filters=filters)
        except TranscriptQAError as exc:
            return render.problem_html(str(exc)), NOTHING
        search = search_of(answer.question, _whole(k), filters)
        cards = render.answer_html(answer, filters, search, time.perf_counter() - began, note)
        with self._recent_lock:
            self._recent[search.query] = (answer, filters)
            self._recent.move_to_end(search.query)
            while len(self._recent) > KEEP_ANSWERS:
                self._recent.popitem(last=False)
        return cards, Shown(answer, search)

    def takeaway(self, query, kind) -> dict:
        """The Markdown, CSV or JSON file, or the copy of every citation, of the answer to a search (its URL
        query): the one the cards show when it was asked lately, else the search asked again."""
        fmt = TAKEAWAYS.get(str(kind))
        search = search_from(parse_qsl(str(query or "").lstrip("?")))
        if fmt is None or search is None:
            return {"error": "nothing to export: ask a question first"}
        with self._recent_lock:
            found = self._recent.get(search.query)
        if found is None:
            _, shown = self.results(search.question, search.k, list(search.speakers), list(search.docs),
                                    search.date_from, search.date_to)
            if shown.answer is None:
                return {"error": "this search cannot be asked again; ask it on the page"}
            found = (shown.answer, filters_from(search.speakers, search.docs, search.date_from, search.date_to))
        suffix, kind_type, make = fmt
        answer, filters = found
        name = f"{file_stem(answer.question)}.{suffix}" if suffix else None
        return {"name": name, "type": kind_type, "text": make(answer, filters)}

    def ask(self, question, k, speakers, docs, date_from, date_to):
        return self.results(question, k, speakers, docs, date_from, date_to)

    def reask(self, question, k, speakers, docs, date_from, date_to, shown: Shown | None):
        """A filter or the number of passages changed: ask again, unless nothing is asked or nothing changed."""
        if not str(question or "").strip():
            return gr.skip(), gr.skip()
        try:
            wanted = search_of(question, _whole(k), filters_from(speakers, docs, date_from, date_to))
        except TranscriptQAError:
            wanted = None  # a bad date: asking says what is wrong
        if isinstance(shown, Shown) and shown.search is not None and shown.search == wanted:
            return gr.skip(), gr.skip()
        return self.results(question, k, speakers, docs, date_from, date_to)

    def ask_example(self, k, speakers, docs, date_from, date_to, evt: gr.EventData):
        question = str(getattr(evt, "question", "") or "")
        cards, shown = self.results(question, k, speakers, docs, date_from, date_to)
        return question, cards, shown

    def recall(self, evt: gr.EventData):
        """A search from the tab's history, given as its URL query: the question, filters and cards."""
        search = search_from(parse_qsl(str(getattr(evt, "query", "") or "").lstrip("?")))
        if search is None:
            return (gr.skip(),) * 8
        return self._search_outputs(search)

    def _search_outputs(self, search: Search, note: str | None = None):
        cards, shown = self.results(search.question, search.k, list(search.speakers), list(search.docs),
                                    search.date_from, search.date_to, note)
        return (search.question, search.k, gr.update(value=list(search.speakers)),
                gr.update(value=list(search.docs)), search.date_from, search.date_to, cards, shown)

    def ask_json(self, question, k=5, speakers=None, docs=None, date_from=None, date_to=None) -> dict:
        """The answer as `transcript-qa ask --json` prints it."""
        answer, _ = self.answer(question, k, speakers, docs, date_from, date_to, page=False)
        return json.loads(answer_json(answer))

    def context(self, shown: Shown | None, evt: gr.EventData) -> str:
        """One passage in its whole transcript; a problem is said in the panel itself."""
        number = getattr(evt, "passage", None)
        answer = shown.answer if isinstance(shown, Shown) else None
        if answer is None or not isinstance(number, int) or not 0 <= number < len(answer.passages):
            return render.problem_html("Ask a question first, then open one of its passages.")
        p = answer.passages[number]
        c = p.citation
        try:
            transcript = self.state.assistant().transcript(c.file)
        except TranscriptQAError as exc:
            return render.problem_html(str(exc))
        text = transcript.text
        start = c.start if text[c.start:c.end] == p.quote else text.find(p.quote)
        if start < 0:
            return render.problem_html(f"{c.file} has changed since this answer; ask the question again.")
        best = (start + p.highlight[0], start + p.highlight[1])
        return render.context_html(c, text, start, start + len(p.quote), best, SourceMap.of(transcript))

    # -- the page as a whole -------------------------------------------------------------

    def page(self, speakers_value=None, docs_value=None):
        """Everything that depends on the index in service: status, notice, filters, examples, library."""
        o = self.state.overview()
        speakers, documents, examples, docs = [], [], [], []
        if not o.problem:
            assistant = self.state.assistant()
            speakers = sorted((f"{s.name} ({s.role})", s.name) for s in assistant.speakers() if s.role != "reporter")
            docs = assistant.documents()
            documents = [(f"{short_title(d.title, 50)} · {d.date or 'undated'} · {d.file}", d.file) for d in docs]
            examples = self.state.examples()
        speakers_update = gr.update(choices=speakers) if speakers_value is None else \
            gr.update(choices=speakers, value=_known(speakers_value, speakers))
        docs_update = gr.update(choices=documents) if docs_value is None else \
            gr.update(choices=documents, value=_known(docs_value, documents))
        return (
            render.status_html(o),
            gr.update(visible=bool(o.problem)),
            render.notice_html(o) if o.problem else "",
            speakers_update,
            docs_update,
            render.examples_html(examples),
            render.library_html(docs, o),
            gr.update(choices=_library_choices(documents, o), value=None),
        )

    def load(self, request: gr.Request | None = None):
        """The page as first opened; a URL that names a search (`?q=...`) asks it at once."""
        pairs = request.query_params.multi_items() if request is not None and hasattr(request, "query_params") else []
        search = search_from(pairs)
        if search is None:
            return (*self.page(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), NOTHING)
        page = self.page(list(search.speakers), list(search.docs))
        # Asked as the dropdowns now name them, so changing a filter later does not ask something else.
        search = dataclasses.replace(search, speakers=tuple(page[3]["value"]), docs=tuple(page[4]["value"]))
        question, k, _, _, date_from, date_to, cards, shown = self._search_outputs(search)
        return (*page, question, k, date_from, date_to, cards, shown)

    # -- the library ------------------------------------------------------------------------

    def upload(self, files):
        paths = [Path(f) for f in _as_list(files)]
        if not paths:
            return "No files received.", *self._library_outputs()
        try:
            results = self.state.add((p.name, p) for p in paths)
        except TranscriptQAError as exc:
            raise refusal(exc) from None
        lines = [r.message for r in results]
        if any(r.outcome in ("added", "renamed") for r in results):
            lines.append("Press Rebuild index to make the new transcripts searchable.")
        return "\n".join(lines), *self._library_outputs()

    def rebuild(self, shown: Shown | None = None, progress=gr.Progress()):
        """Build a new version; the question on the page is asked again on it, so no card is from the old one."""
        progress(0.0, desc="Starting the rebuild")

        def report(stage: str, done: int, total: int) -> None:
            progress(overall_progress(stage, done, total), desc=_STAGE_TEXT.get(stage, stage))

        try:
            result = self.state.rebuild(report)
        except TranscriptQAError as exc:
            raise refusal(exc) from None
        summary = build_summary(result, str(self.state.corpus_dir))
        search = shown.search if isinstance(shown, Shown) else None
        if search is None:
            return (summary, *self.page(), gr.skip(), NOTHING)
        cards, again = self.results(search.question, search.k, list(search.speakers), list(search.docs),
                                    search.date_from, search.date_to, note="Asked again on the rebuilt index.")
        return (summary, *self.page(), cards, again)

    def reading(self, file: str | None):
        """A whole indexed transcript to read, and how it was read: speakers, roles, questions, times, pages."""
        if not file:
            return ""
        try:
            assistant = self.state.assistant()
            if file not in {d.file for d in assistant.documents()}:
                return render.message_html(f"{file} is not in the index yet; press Rebuild index to read it here.")
            return render.reading_html(assistant.transcript(file))
        except TranscriptQAError as exc:
            raise refusal(exc) from None

    def rename(self, file: str | None, new_name: str | None):
        if not file:
            raise refusal("choose a transcript to rename first")
        try:
            stored = self.state.rename(file, new_name or "")
        except TranscriptQAError as exc:
            raise refusal(exc) from None
        message = f"Renamed {file} to {stored}. Answers cite it as {file} until you press Rebuild index."
        return message, "", *self._library_outputs()

    def confirm_remove(self, file: str | None):
        if not file:
            raise refusal("choose a transcript to remove first")
        text = (f"Remove {file} from the library? The file is moved to the hidden .removed folder inside "
                f"{self.state.corpus_dir}, from where it can be moved back; its passages leave the answers "
                "at the next rebuild.")
        return gr.update(visible=True), render.message_html(text, "confirm")

    def remove(self, file: str | None):
        if not file:
            raise refusal("choose a transcript to remove first")
        try:
            stored = self.state.remove(file)
        except TranscriptQAError as exc:
            raise refusal(exc) from None
        message = (f"Removed {file}: moved to {Path(str(self.state.corpus_dir)) / stored}. "
                   "Press Rebuild index to take its passages out of the answers.")
        return gr.update(visible=False), message, *self._library_outputs()

    def _library_outputs(self):
        """The library table and the transcript list, after the corpus folder changed."""
        o = self.state.overview()
        docs = [] if o.problem else self.state.assistant().documents()
        documents = [(f"{short_title(d.title, 50)} · {d.date or 'undated'} · {d.file}", d.file) for d in docs]
        return render.library_html(docs, o), gr.update(choices=_library_choices(documents, o), value=None)


def _library_choices(documents: list[tuple[str, str]], o: Overview) -> list[tuple[str, str]]:
    """The indexed transcripts, then files the corpus folder has gained since the build."""
    added = o.changes.added if o.changes is not None else ()
    return documents + [(f"{f} (not indexed yet)", f) for f in added]


def _known(wanted: list[str], choices: list[tuple[str, str]]) -> list[str]:
    """Values from a URL as the dropdown names them, when one matches whatever the case."""
    names = {value.lower(): value for _, value in choices}
    return [names.get(w.lower(), w) for w in wanted]


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
