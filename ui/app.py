"""The page's layout and wiring: Ask (question, examples, filters, cards, context) and Library."""

from __future__ import annotations


import gradio as gr

from corpus import SUFFIXES

from .handlers import Handlers
from .state import AppState

# Questions are answered side by side; a rebuild runs in its own lane and never holds them up.
ASK_CONCURRENCY = 4

# The cards are rendered HTML; these listeners turn their buttons into page events.
CARDS_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  const card = button && element.contains(button) ? button.closest('.tqa-card') : null;
  if (!card) return;
  if (button.dataset.action === 'context') {
    trigger('context', {passage: Number(card.dataset.passage)});
    return;
  }
  const holder = card.querySelector('.tqa-copy-box');
  const box = card.querySelector('textarea.tqa-copy');
  const say = (text) => {
    button.textContent = text;
    setTimeout(() => { button.textContent = 'Copy citation'; }, 2000);
  };
  const byHand = () => {
    holder.open = true;
    box.focus();
    box.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    say(copied ? 'Copied' : 'Press Ctrl+C to copy');
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(box.value).then(() => say('Copied'), byHand);
  } else {
    byHand();
  }
});
"""

EXAMPLES_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button.tqa-example');
  if (button && element.contains(button)) trigger('example', {question: button.dataset.question});
});
"""

# Scroll the transcript box (not the whole page) to the marked passage, each time another is opened.
CONTEXT_JS = """
const reveal = () => setTimeout(() => {
  const lines = element.querySelector('.tqa-lines');
  const here = element.querySelector('.tqa-here');
  if (!lines || !here) return;
  lines.scrollTop += here.getBoundingClientRect().top - lines.getBoundingClientRect().top - lines.clientHeight / 4;
  const panel = element.closest('#tqa-context-panel') || element;
  panel.scrollIntoView({block: 'nearest'});
}, 50);
reveal();
watch('value', reveal);
"""

INTRO = ('<div class="tqa-head"><h1>transcript-qa</h1><p>Ask a question of the transcripts. Every word shown is '
         'quoted from a transcript, with where it was said; nothing is generated.</p></div>')


def build_page(state: AppState) -> gr.Blocks:
    h = Handlers(state)
    with gr.Blocks(title="transcript-qa", analytics_enabled=False) as app:
        gr.HTML(INTRO)
        status = gr.HTML(elem_id="tqa-status")
        with gr.Column(visible=False, elem_id="tqa-notice") as notice_box:
            notice = gr.HTML()
            first_build = gr.Button("Build the index", variant="primary", elem_id="tqa-first-build")
            first_summary = gr.Textbox(label="Build", interactive=False, lines=3, elem_id="tqa-first-summary")

        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=True):
                    question = gr.Textbox(label="Question", placeholder="What was said about …? (Enter asks)",
                                          lines=1, max_lines=1, scale=6, autofocus=True, elem_id="tqa-question")
                    k = gr.Slider(1, 20, value=5, step=1, label="Passages", scale=1, min_width=150,
                                  elem_id="tqa-k")
                    ask_button = gr.Button("Ask", variant="primary", scale=0, min_width=90, elem_id="tqa-ask")
                examples = gr.HTML(js_on_load=EXAMPLES_JS, elem_id="tqa-examples")
                with gr.Accordion("Filters: speaker, document, date", open=False, elem_id="tqa-filters"):
                    with gr.Row():
                        speakers = gr.Dropdown(label="Speakers", choices=[], multiselect=True, scale=2,
                                               elem_id="tqa-speakers")
                        docs = gr.Dropdown(label="Documents", choices=[], multiselect=True, scale=2,
                                           elem_id="tqa-docs")
                        date_from = gr.DateTime(label="From date", include_time=False, type="string",
                                                elem_id="tqa-from")
                        date_to = gr.DateTime(label="To date", include_time=False, type="string", elem_id="tqa-to")
                with gr.Row():
                    with gr.Column(scale=3):
                        cards = gr.HTML(js_on_load=CARDS_JS, elem_id="tqa-cards")
                    with gr.Column(scale=2, visible=False, elem_id="tqa-context-panel") as context_box:
                        with gr.Row(equal_height=True):
                            gr.HTML('<h3 class="tqa-context-head">In context</h3>')
                            close = gr.Button("Close", size="sm", scale=0, min_width=80, elem_id="tqa-close")
                        context = gr.HTML(js_on_load=CONTEXT_JS, elem_id="tqa-context")
                answer = gr.State()

            with gr.Tab("Library", id="library"):
                library = gr.HTML(elem_id="tqa-library")
                with gr.Row():
                    uploads = gr.File(label=f"Add transcripts ({', '.join(SUFFIXES)})", file_count="multiple",
                                      file_types=list(SUFFIXES), type="filepath", scale=1, elem_id="tqa-upload")
                    added = gr.Textbox(label="Added", interactive=False, lines=4, scale=1, elem_id="tqa-added")
                rebuild = gr.Button("Rebuild index", variant="primary", elem_id="tqa-rebuild")
                summary = gr.Textbox(label="Rebuild", interactive=False, lines=4, elem_id="tqa-summary")
                with gr.Accordion("How a transcript was read", open=False, elem_id="tqa-reading-box"):
                    read_as = gr.Dropdown(label="Transcript", choices=[], elem_id="tqa-read-as")
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
        asking = dict(concurrency_id="ask", concurrency_limit=ASK_CONCURRENCY, api_visibility="private")
        for trigger in (question.submit, ask_button.click):
            trigger(h.ask, [question, k, *filters], [cards, answer], **asking)
        examples.example(h.ask_example, [k, *filters], [question, cards, answer], show_progress_on=[cards], **asking)
        cards.context(h.context, [answer], [context_box, context], api_visibility="private")
        close.click(h.close_context, None, [context_box], api_visibility="private", queue=False)
        app.load(h.page, None, page, api_visibility="private")
        uploads.upload(h.upload, [uploads], [added, library], api_visibility="private")
        read_as.change(h.reading, [read_as], [reading], api_visibility="private")
        # No concurrency limit: a second click must reach the handler to be told a rebuild is running.
        for button, box in ((rebuild, summary), (first_build, first_summary)):
            button.click(h.rebuild, None, [box, *page], show_progress_on=[box], concurrency_id="rebuild",
                         concurrency_limit=None, api_visibility="private")

    return app
