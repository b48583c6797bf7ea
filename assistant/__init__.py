"""Answering questions over an index: retrieval, ranking, quotes, citations; the CLI.

Names are imported from their modules on first use: `transcript-qa parse` and `info`
need none of the answering machinery.
"""

from corpus.exports import lazy_exports

_WHERE = {
    "answering": ("Assistant", "DocumentInfo", "SpeakerInfo"),
    "defaults": ("default_index_dir",),
    "errors": ("QuestionError",),
    "records": ("Answer", "Citation", "Filters", "Passage"),
    "retrieval": ("RetrievalSettings",),
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _WHERE)
