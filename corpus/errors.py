"""Domain exceptions shared by every stage.

Each carries a message meant for a person: one line that says what was wrong and
what to do. The CLI prints it and exits non-zero; the UI raises it as gr.Error.
"""


class TranscriptQAError(Exception):
    """Base of every error a person can cause and fix."""


class CorpusError(TranscriptQAError):
    """The corpus folder cannot be read as transcripts."""


class DecodeError(TranscriptQAError):
    """A file's bytes are not text in any encoding we accept."""
