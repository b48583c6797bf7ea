"""What each transcript gives the structure of the whole corpus, kept with the index so that a
rebuild computes it for the files that changed only (`index.build`, `index.incremental`).

Learning the vocabulary and finding filler read every chunk and sentence, but most of it
is a sum or a list of what each transcript holds: its word counts (`corpus.vocabulary`)
and, per sentence, why it is filler on its own and its key when short enough to be a
formula (`corpus.filler`). Only adding these up and finding the formulas the corpus
repeats is done over the whole corpus again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable

from corpus.filler import OWN_KINDS, formula_key, key, own_kind
from corpus.vocabulary import WordCounts, count_words


@dataclass(frozen=True)
class DocParts:
    words: WordCounts  # its chunks' counts towards the vocabulary
    keys: tuple[str | None, ...]  # per sentence, its key when short enough to be a formula (else None)
    kinds: tuple[str | None, ...]  # per sentence, why it is filler on its own (`corpus.filler.own_kind`)

    def as_json(self) -> str:
        return json.dumps({"words": self.words.as_record(), "keys": list(self.keys), "kinds": list(self.kinds)},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> "DocParts":
        """Parts as `as_json` wrote them; ValueError (or KeyError, TypeError) for anything else."""
        data = json.loads(raw)
        keys, kinds = tuple(data["keys"]), tuple(data["kinds"])
        if len(keys) != len(kinds) or not all(k is None or isinstance(k, str) for k in keys) \
                or not all(k is None or k in OWN_KINDS for k in kinds):
            raise ValueError("sentence keys and kinds do not pair up")
        return cls(WordCounts.from_record(data["words"]), keys, kinds)


def doc_parts(chunk_texts: Iterable[str], sentence_texts: Iterable[str], title: str) -> DocParts:
    keys, kinds = [], []
    for text in sentence_texts:
        k = key(text)
        keys.append(formula_key(k))
        kinds.append(own_kind(text, title, k))
    return DocParts(count_words(chunk_texts), tuple(keys), tuple(kinds))
