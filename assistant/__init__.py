"""Answering questions over an index: retrieval, ranking, quotes, citations; the CLI."""

from .answering import Assistant, DocumentInfo, SpeakerInfo, default_index_dir
from .errors import QuestionError
from .records import Answer, Citation, Filters, Passage
from .retrieval import RetrievalSettings

__all__ = [
    "Answer", "Assistant", "Citation", "DocumentInfo", "Filters", "Passage", "QuestionError",
    "RetrievalSettings", "SpeakerInfo", "default_index_dir",
]
