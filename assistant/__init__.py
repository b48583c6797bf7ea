"""Answering questions over an index: retrieval, ranking, quotes, citations; the CLI.

Names are imported from their modules on first use: `transcript-qa parse` and `info`
need none of the answering machinery.
"""

from importlib import import_module

_WHERE = {
    "answering": ("Assistant", "DocumentInfo", "SpeakerInfo"),
    "defaults": ("default_index_dir",),
    "errors": ("QuestionError",),
    "records": ("Answer", "Citation", "Filters", "Passage"),
    "retrieval": ("RetrievalSettings",),
}
_MODULE = {name: module for module, names in _WHERE.items() for name in names}

__all__ = sorted(_MODULE)


def __getattr__(name: str):
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_MODULE))
