"""Errors of the asking stage."""

from corpus.errors import TranscriptQAError


class QuestionError(TranscriptQAError):
    """The question or its options cannot be answered as given."""
