"""The page's layout and wiring: Ask (question, filters, results, context, history) and Library."""

from __future__ import annotations

import gradio as gr

from corpus import SUFFIXES

from . import scripts
from .handlers import NOTHING, Handlers
from .sharing import DEFAULT_K, MAX_PAGE_K
from .state import AppState

# Questions are answered side by side; a rebuild runs in its own lane and never holds them up.
ASK_CONCURRENCY = 4

# Gradio scopes page.css to its own container; the frame around that container takes this instead.
# On a phone the frame's wide side margins would cost a fifth of the width.
HEAD = "<style>@media (max-width: 640px) { .gradio-container .main.fillable { padding: 6px 8px; } }</style>"

INTRO = ('<div class="tqa-head"><h1>transcript-qa</h1><p>Every word shown is quoted from a transcript, with where '
         'it was said; nothing is generated.</p></div>')


FILTERS_TOGGLE = ('<button type="button" class="tqa-filters-toggle" aria-expanded="false" '
                  'aria-controls="tqa-filter-box">Filters and number of passages</button>')


def build_page(state: AppState) -> gr.Blocks:
    h = Handlers(state)

    def takeaway(args) -> dict:
        """What a results tool downloads or copies: args is [the search's URL query, md|csv|json|plain|footnote]."""
        query, kind = (list(args) + [None, None])[:2] if isinstance(args, (list, tuple)) else (None, None)
        return h.takeaway(query, kind)

    with gr.Blocks(title="transcript-qa", analytics_enabled=False) as app:
        with gr.Row(elem_id="tqa-top", equal_height=False):
            gr.HTML(INTRO, js_on_load=scripts.KEYS_JS, elem_id="tqa-intro")
            status = gr.HTML(elem_id="tqa-status")
        with gr.Column(visible=False, elem_id="tqa-notice") as notice_box:
            notice = gr.HTML()
            first_build = gr.Button("Build the index", variant="primary", elem_id="tqa-first-build")
            first_summary = gr.Textbox(label="Build", interactive=False, lines=3, elem_id="tqa-first-summary")

        with gr.Tabs(elem_id="tqa-tabs"):
            with gr.Tab("Ask", id="ask"):
                with gr.Row(elem_id="tqa-ask-row", equal_height=True):
                    question = gr.Textbox(label="Question", placeholder="What was said about …?", lines=1,
                                          max_lines=1, scale=6, min_width=220, autofocus=True, elem_id="tqa-question")
                    ask_button = gr.Button("Ask", variant="primary", scale=0, min_width=80, elem_id="tqa-ask")
                # A button of the page's own rather than gr.Accordion: a real <button> that says whether the
                # filters are open (aria-expanded), and fields that stay in place either way.
                gr.HTML(FILTERS_TOGGLE, js_on_load=scripts.FILTERS_JS, elem_id="tqa-filters")
                with gr.Column(elem_id="tqa-filter-box"):
                    with gr.Row(elem_id="tqa-filter-row"):
                        speakers = gr.Dropdown(label="Speakers", choices=[], multiselect=True, scale=3, min_width=220,
                                               elem_id="tqa-speakers")
                        docs = gr.Dropdown(label="Documents", choices=[], multiselect=True, scale=3, min_width=220,
                                           elem_id="tqa-docs")
                        date_from = gr.DateTime(label="From date", include_time=False, type="string", scale=1,
                                                min_width=210, elem_id="tqa-from")
                        date_to = gr.DateTime(label="To date", include_time=False, type="string", scale=1,
                                              min_width=210, elem_id="tqa-to")
                        k = gr.Number(DEFAULT_K, label="Passages", minimum=1, maximum=MAX_PAGE_K, step=1, precision=0,
                                      scale=0, min_width=110, elem_id="tqa-k")
                    # Pressed by the page's script once the filters have settled; never shown.
                    reask = gr.Button("Ask again", elem_id="tqa-reask")
                with gr.Row(elem_id="tqa-results", equal_height=False):
                    with gr.Column(scale=3, min_width=460, elem_id="tqa-main"):
                        examples = gr.HTML(js_on_load=scripts.EXAMPLES_JS, elem_id="tqa-examples")
                        cards = gr.HTML(js_on_load=scripts.CARDS_JS, elem_id="tqa-cards",
                                        server_functions=[takeaway])
                    with gr.Column(scale=2, min_width=300, elem_id="tqa-aside"):
                        history = gr.HTML(js_on_load=scripts.HISTORY_JS, elem_id="tqa-history")
                        context = gr.HTML(js_on_load=scripts.CONTEXT_JS, elem_id="tqa-context")
                shown = gr.State(NOTHING)

            with gr.Tab("Library", id="library"):
                library = gr.HTML(elem_id="tqa-library")
                with gr.Row():
                    uploads = gr.File(label=f"Add transcripts ({', '.join(SUFFIXES)})", file_count="multiple",
                                      file_types=list(SUFFIXES), type="filepath", scale=1, min_width=260,
                                      elem_id="tqa-upload")
                    added = gr.Textbox(label="Added", interactive=False, lines=4, scale=1, min_width=260,
                                       elem_id="tqa-added")
                rebuild = gr.Button("Rebuild index", variant="primary", elem_id="tqa-rebuild")
                summary = gr.Textbox(label="Rebuild", interactive=False, lines=4, elem_id="tqa-summary")
                with gr.Accordion("Read, rename or remove a transcript", open=True, elem_id="tqa-reading-box"):
                    read_as = gr.Dropdown(label="Transcript", choices=[], elem_id="tqa-read-as")
                    with gr.Row(equal_height=True, elem_id="tqa-manage"):
                        new_name = gr.Textbox(label="New file name", placeholder="a name that says what it is",
                                              scale=3, min_width=200, elem_id="tqa-new-name")
                        rename = gr.Button("Rename", scale=0, min_width=100, elem_id="tqa-rename")
                        remove = gr.Button("Remove…", variant="stop", scale=0, min_width=100, elem_id="tqa-remove")
                    with gr.Row(visible=False, elem_id="tqa-confirm") as confirm_box:
                        confirm_text = gr.HTML(elem_id="tqa-confirm-text")
                        confirm = gr.Button("Yes, remove it", variant="stop", scale=0, min_width=140,
                                            elem_id="tqa-confirm-remove")
                        keep = gr.Button("Keep it", scale=0, min_width=100, elem_id="tqa-keep")
                    managed = gr.Textbox(label="Renamed or removed", interactive=False, lines=2, elem_id="tqa-managed")
                    reading = gr.HTML(elem_id="tqa-reading")

        def ask(question: str, k: int = 5, speakers: list[str] | None = None, docs: list[str] | None = None,
                date_from: str | None = None, date_to: str | None = None) -> dict:
            """Ask a question; the answer as `transcript-qa ask --json` prints it: question, passages
            (quote, highlight, citation, score, question, role, also_in) and low_confidence."""
            return h.ask_json(question, k, speakers, docs, date_from, date_to)

        # Registered first, so the public endpoint gets the plain name "ask".
        gr.api(ask, api_name="ask", concurrency_id="ask", concurrency_limit=ASK_CONCURRENCY)

        filters = [speakers, docs, date_from, date_to]
        page = [status, notice_box, notice, speakers, docs, examples, library, read_as]
        private = dict(api_visibility="private")
        asking = dict(concurrency_id="ask", concurrency_limit=ASK_CONCURRENCY, **private)
        results = [cards, shown]
        for trigger in (question.submit, ask_button.click):
            trigger(h.ask, [question, k, *filters], results, **asking)
        # A changed filter or count asks again, once the fields have settled: a shared URL or the history sets
        # several at once, and a field's event can fire before the others hold their new values. The handler
        # skips when the search is the one shown.
        for control in (k, *filters):
            control.change(None, None, None, js="() => { window.__tqaReask && window.__tqaReask(); }", **private)
        reask.click(h.reask, [question, k, *filters, shown], results, trigger_mode="always_last", **asking)
        examples.example(h.ask_example, [k, *filters], [question, *results], show_progress_on=[cards], **asking)
        searched = [question, k, speakers, docs, date_from, date_to, *results]
        history.recall(h.recall, None, searched, show_progress_on=[cards], **asking)
        context.context(h.context, [shown], [context], show_progress="hidden", **private)
        app.load(h.load, None, [*page, question, k, date_from, date_to, *results], show_progress_on=[cards],
                 **asking)

        uploads.upload(h.upload, [uploads], [added, library, read_as], **private)
        read_as.change(h.reading, [read_as], [reading], **private)
        rename.click(h.rename, [read_as, new_name], [managed, new_name, library, read_as], **private)
        remove.click(h.confirm_remove, [read_as], [confirm_box, confirm_text], **private)
        keep.click(lambda: gr.update(visible=False), None, [confirm_box], queue=False, **private)
        confirm.click(h.remove, [read_as], [confirm_box, managed, library, read_as], **private)
        # No concurrency limit: a second click must reach the handler to be told a rebuild is running.
        for button, box in ((rebuild, summary), (first_build, first_summary)):
            button.click(h.rebuild, [shown], [box, *page, *results], show_progress_on=[box],
                         concurrency_id="rebuild", concurrency_limit=None, **private)

    return app
