"""A minimal page: ask a question, read the quoted passages."""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from pathlib import Path

import gradio as gr

from assistant import Assistant
from assistant.formatting import citation_line
from corpus import TranscriptQAError


def build_app(index_dir: Path) -> gr.Blocks:
    state: dict = {}

    def assistant() -> Assistant:
        if "assistant" not in state:
            state["assistant"] = Assistant.open(index_dir)
        state["assistant"].refresh()
        return state["assistant"]

    def ask(question: str, k: float):
        try:
            answer = assistant().ask(question, k=int(k))
        except TranscriptQAError as exc:
            raise gr.Error(str(exc)) from None
        return _render(answer), json.loads(json.dumps(asdict(answer)))

    with gr.Blocks(title="transcript-qa") as app:
        gr.Markdown("# transcript-qa\nAsk a question; every word shown is quoted from a transcript.")
        question = gr.Textbox(label="Question", placeholder="What was said about ...?")
        k = gr.Slider(1, 20, value=5, step=1, label="Passages")
        results = gr.HTML()
        raw = gr.JSON(visible=False)
        question.submit(ask, [question, k], [results, raw], api_name="ask")
    return app


def _render(answer) -> str:
    parts = []
    if answer.low_confidence:
        parts.append("<p><strong>Low confidence:</strong> nothing answers this closely.</p>")
    for p in answer.passages:
        hs, he = p.highlight
        quote = (html.escape(p.quote[:hs]) + "<mark>" + html.escape(p.quote[hs:he]) + "</mark>"
                 + html.escape(p.quote[he:]))
        parts.append(f"<blockquote>{quote}</blockquote><p>{html.escape(citation_line(p.citation))}</p>")
    return "\n".join(parts)
