"""The index: embeddings, FAISS, the lexical index, the chunk store and the manifest.

Names are imported from their modules on first use, so that asking, which needs the
opening side only, does not import the build side (reading, chunking, exporting).
"""

from importlib import import_module

_WHERE = {
    "build": ("BuildReport", "BuildSettings", "CorpusChanges", "build_index", "changes_since"),
    "embedding": ("DEFAULT_MODEL", "Embedder", "ModelSpec", "load_embedder"),
    "errors": ("BuildBusy", "BuildFailed", "IndexNotFound", "IndexRefused", "ModelError"),
    "manifest": ("FORMAT_VERSION", "Manifest", "package_version"),
    "opening": ("OpenIndex", "Verified", "locate", "open_index", "read_index_learned", "read_index_manifest",
                "verify_index"),
    "store": ("Document", "fts_query"),
    "versions": ("build_running", "current_version"),
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
