"""The index: embeddings, FAISS, the lexical index, the chunk store and the manifest."""

from .build import (BuildReport, BuildSettings, CorpusChanges, build_index, build_running, changes_since,
                    current_version)
from .embedding import DEFAULT_MODEL, Embedder, ModelSpec, load_embedder
from .errors import BuildBusy, BuildFailed, IndexNotFound, IndexRefused, ModelError
from .manifest import FORMAT_VERSION, Manifest, package_version
from .opening import (OpenIndex, Verified, locate, open_index, read_index_learned, read_index_manifest,
                      verify_index)
from .store import Document, fts_query

__all__ = [
    "DEFAULT_MODEL", "FORMAT_VERSION", "BuildBusy", "BuildFailed", "BuildReport", "BuildSettings", "CorpusChanges",
    "Document", "Embedder", "changes_since",
    "IndexNotFound", "IndexRefused", "Manifest", "ModelError", "ModelSpec", "OpenIndex", "Verified", "build_index",
    "build_running", "current_version", "fts_query", "load_embedder", "locate", "open_index", "package_version",
    "read_index_learned", "read_index_manifest", "verify_index",
]
