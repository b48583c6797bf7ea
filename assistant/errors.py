"""Errors of the asking stage."""

from corpus.errors import TranscriptQAError


class QuestionError(TranscriptQAError):
    """The question or its options cannot be answered as given."""


class EvaluationError(TranscriptQAError):
    """A question file for evaluation cannot be used as given."""
