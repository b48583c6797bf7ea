"""Errors of the index stage, each a one-line message saying what to do."""

from corpus.errors import TranscriptQAError


class IndexNotFound(TranscriptQAError):
    """There is no index where one was expected."""


class IndexRefused(TranscriptQAError):
    """An index exists but cannot be used as it is: damaged, or built differently."""


class BuildBusy(TranscriptQAError):
    """Another build of the same index is running."""


class ModelError(TranscriptQAError):
    """The embedding model cannot be loaded."""


class UploadRefused(TranscriptQAError):
    """A file cannot be added to the corpus folder as it is."""


class BuildFailed(TranscriptQAError):
    """A build could not write its new version; the version in service is unchanged."""


class LibraryRefused(TranscriptQAError):
    """A transcript in the corpus folder cannot be renamed or removed as asked."""
