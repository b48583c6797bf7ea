"""The index: embeddings, FAISS, the lexical index, the chunk store and the manifest.

Names are imported from their modules on first use, so that asking, which needs the
opening side only, does not import the build side (reading, chunking, exporting).
"""

from corpus.exports import lazy_exports

_WHERE = {
    "build": ("BuildReport", "BuildSettings", "build_index"),
    "incremental": ("CorpusChanges", "changes_since"),
    "embedding": ("DEFAULT_MODEL", "Embedder", "ModelSpec", "load_embedder"),
    "errors": ("BuildBusy", "BuildFailed", "IndexNotFound", "IndexRefused", "ModelError"),
    "manifest": ("FORMAT_VERSION", "Manifest", "package_version"),
    "opening": ("OpenIndex", "Verified", "locate", "open_index", "read_index_learned", "read_index_manifest",
                "verify_index"),
    "store": ("Document", "fts_query"),
    "versions": ("build_running", "current_version"),
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _WHERE)
