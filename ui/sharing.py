"""A search as a URL query: `?q=...&k=...&speaker=...&doc=...&from=...&to=...`.

The page writes the query of every answer it shows into the address bar, so a
search can be bookmarked or sent; opening such an address asks it again. A query
is read leniently: what cannot be used is dropped, and the ask that follows says
what is wrong with the rest (a bad date, an unknown speaker) the way the page
always does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlencode

from assistant import Filters
from assistant.records import MAX_QUESTION_CHARS

DEFAULT_K = 5
MAX_PAGE_K = 20  # the page's own limit; the API allows more


@dataclass(frozen=True)
class Search:
    """What the page asks: a question, how many passages, and the filters as the page holds them."""

    question: str
    k: int = DEFAULT_K
    speakers: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    @property
    def query(self) -> str:
        """`?q=...`, with only what differs from the defaults; "" for no question."""
        if not self.question:
            return ""
        pairs = [("q", self.question)]
        if self.k != DEFAULT_K:
            pairs.append(("k", str(self.k)))
        pairs += [("speaker", s) for s in self.speakers] + [("doc", d) for d in self.docs]
        pairs += [(name, v) for name, v in (("from", self.date_from), ("to", self.date_to)) if v]
        return "?" + urlencode(pairs)


def search_of(question, k, filters: Filters) -> Search:
    """The search the page just asked, with the question as the assistant reads it."""
    return Search(question=" ".join(str(question or "").split()), k=k if isinstance(k, int) else DEFAULT_K,
                  speakers=filters.speakers, docs=filters.docs, date_from=filters.date_from, date_to=filters.date_to)


def search_from(pairs: Iterable[tuple[str, str]]) -> Search | None:
    """The search a URL's query names, from its (name, value) pairs; None when it names no question."""
    question, k, speakers, docs, dates = "", DEFAULT_K, [], [], {}
    for name, value in pairs:
        value = str(value).strip()
        if not value:
            continue
        if name == "q":
            question = " ".join(value.split())[:MAX_QUESTION_CHARS]
        elif name == "k" and value.isdigit():
            k = min(MAX_PAGE_K, max(1, int(value)))
        elif name == "speaker":
            speakers.append(value)
        elif name == "doc":
            docs.append(value)
        elif name in ("from", "to"):
            dates[name] = value[:40]
    if not question:
        return None
    return Search(question, k, tuple(dict.fromkeys(speakers)), tuple(dict.fromkeys(docs)),
                  dates.get("from"), dates.get("to"))
