"""The manifest: what an index directory holds and how it was made.

It is written last, read first, and checked on every open: an index made with
another format, model or dimension is refused rather than searched wrongly. It
records the size and SHA-256 of every other file of its version and of the model's
files, and carries a checksum of itself, so that no damaged byte goes unseen.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from .errors import IndexRefused
from .integrity import FileCheck

FORMAT_NAME = "transcript-qa index"
# 2: formats, segments (lines, pages, times of the source file)
# 3: sizes and SHA-256 of the version's files and the model's, the model's probe vector, a checksum
# 4: the structure derived at build time (question groups, sentences per chunk, filler, people, what was
#    learned); a FAISS index of the sentence vectors; each FAISS index chosen by size (flat, IVF or HNSW), the
#    choice in `search`
# 5: a sample of the corpus's sentences, the background a question's cosines are measured against
# 6: the lexical index's postings (index.lexicon), and a build key
# 7: each chunk's turn length in tokens (structure-turn_tokens.npy); sentences split as chunking splits them
FORMAT_VERSION = 8
MANIFEST = "manifest.json"
STORE = "store.sqlite"
CHUNK_VECTORS = "chunks.faiss"
SENTENCE_VECTORS = "sentences.npy"
SENTENCE_INDEX = "sentences.faiss"
LEARNED = "structure.json"
# Arrays of index.structure, one .npy file each, memory-mapped on open.
STRUCTURE_ARRAYS = ("is_reporter", "is_headline", "reporter_rows", "reporter_group", "answer_rows", "answer_offsets",
                    "pair_sentence", "pair_offsets", "pair_chunks", "filler", "filler_rows", "filler_offsets",
                    "speaker_rows", "speaker_affinity", "speaker_offsets", "chunk_doc", "chunk_start", "chunk_end",
                    "chunk_turn", "chunk_speaker", "chunk_role", "turn_tokens", "sentence_doc", "sentence_start",
                    "sentence_end", "reference_rows")
STRUCTURE_FILES = (LEARNED, *(f"structure-{name}.npy" for name in STRUCTURE_ARRAYS))
# The lexical index's postings (index.lexicon), memory-mapped on open.
LEXICON_FILES = ("lexicon-rows.npy", "lexicon-counts.npy", "lexicon-lengths.npy")
FILES = (STORE, CHUNK_VECTORS, SENTENCE_VECTORS, SENTENCE_INDEX, *STRUCTURE_FILES, *LEXICON_FILES)
# The ONNX export of the model (index.onnx_embedding): in a version whole or not at all. The last is the graph a
# build embeds its texts with (index.quantizing).
PRECISIONS = ("float", "int8")  # of the graph a build's texts are embedded with
OPTIONAL_FILES = ("query-model.onnx", "query-tokenizer.json", "query-model.json", "document-model.onnx")


def package_version() -> str:
    try:
        return metadata.version("transcript-qa")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class ModelRecord:
    name: str
    dimension: int
    max_tokens: int
    query_prompt: str = ""
    document_prompt: str = ""
    path: str | None = None  # the absolute folder its files were read from; None for a model given in-process
    files: tuple[FileCheck, ...] = ()  # the files of that folder
    probe: tuple[float, ...] = ()  # its vector for integrity.PROBE
    documents: str = "float"  # the graph the texts were embedded with: "int8" (index.quantizing) or "float"


@dataclass(frozen=True)
class FileRecord:
    doc_id: str
    sha256: str
    bytes: int
    encoding: str
    title: str
    date: str | None
    chunks: int
    format: str = "text"


@dataclass(frozen=True)
class Manifest:
    model: ModelRecord
    chunking: dict
    counts: dict
    files: tuple[FileRecord, ...]
    skipped: tuple[dict, ...]
    corpus: str
    built_at: str
    build_seconds: float
    contents: tuple[FileCheck, ...] = ()  # every other file of the version
    outside_links: bool = False  # whether links resolving outside the corpus folder were read
    # per FAISS file ("chunks", "sentences"): the kind chosen (flat or hnsw), and for a graph its
    # parameters and the recall@10 against exact search measured at build time (index.vectors)
    search: dict = field(default_factory=dict)
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION
    package_version: str = field(default_factory=package_version)
    similarity: str = "inner product of L2-normalised vectors (cosine)"
    lexical: str = "SQLite FTS5 BM25, porter unicode61 tokenizer"
    # SHA-256 of the building code and of every setting the build was given (index.incremental.build_key):
    # a rebuild with the same key over the same files has nothing to do
    build_key: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)


def write_manifest(directory: Path, manifest: Manifest) -> None:
    raw = asdict(manifest)
    raw["checksum"] = checksum(raw)
    (directory / MANIFEST).write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")


def checksum(raw: dict) -> str:
    """SHA-256 of a manifest's fields other than its checksum, in one canonical form."""
    fields = {k: v for k, v in raw.items() if k != "checksum"}
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_manifest(directory: Path, shown_as: str) -> Manifest:
    """Parse and check a version directory's manifest; refuse with one line otherwise."""
    rebuild = f"rebuild it with `transcript-qa build CORPUS_DIR --index {shown_as}`"
    path = directory / MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexRefused(f"the index at {shown_as} has no manifest; {rebuild}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise IndexRefused(f"the manifest of the index at {shown_as} ({path}) is unreadable ({_reason(exc)}); "
                           f"{rebuild}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise IndexRefused(f"{shown_as} does not hold a transcript-qa index manifest; {rebuild}")
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexRefused(
            f"the index at {shown_as} is format {version}, this transcript-qa ({package_version()}) "
            f"reads format {FORMAT_VERSION}; {rebuild}"
        )
    if raw.get("checksum") != checksum(raw):
        raise IndexRefused(f"the manifest of the index at {shown_as} ({path}) does not match its checksum: "
                           f"it changed after the build; {rebuild}")
    try:
        manifest = _parsed(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexRefused(f"the manifest of the index at {shown_as} is incomplete ({_reason(exc)}); {rebuild}") from None
    problem = _inconsistency(manifest)
    if problem:
        raise IndexRefused(f"the manifest of the index at {shown_as} is damaged ({problem}); {rebuild}")
    return manifest


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _whole(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} is {value!r}, not a whole number")
    return value


def _text(value, name: str, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} is {value!r}, not text")
    return value


def _precision(value) -> str:
    if value not in PRECISIONS:
        raise ValueError(f"model.documents is {value!r}, not one of {', '.join(PRECISIONS)}")
    return value


def _checks(items, name: str) -> tuple[FileCheck, ...]:
    if not isinstance(items, list):
        raise ValueError(f"{name} is not a list")
    out = []
    for item in items:
        if not isinstance(item, dict) or not _SHA256.match(str(item.get("sha256"))):
            raise ValueError(f"{name} holds an entry without a SHA-256")
        out.append(FileCheck(_text(item.get("name"), f"{name} name"), _whole(item.get("bytes"), f"{name} bytes"),
                             item["sha256"]))
    return tuple(out)


def _file_record(f: dict) -> FileRecord:
    unknown = set(f) - {"doc_id", "sha256", "bytes", "encoding", "title", "date", "chunks", "format"}
    if unknown:
        raise ValueError(f"files holds an unknown field {sorted(unknown)[0]!r}")
    return FileRecord(doc_id=_text(f["doc_id"], "files.doc_id"), sha256=_text(f["sha256"], "files.sha256"),
                      bytes=_whole(f["bytes"], "files.bytes"), encoding=_text(f["encoding"], "files.encoding"),
                      title=_text(f["title"], "files.title"), date=_text(f.get("date"), "files.date", optional=True),
                      chunks=_whole(f["chunks"], "files.chunks"), format=_text(f.get("format", "text"), "files.format"))


def _parsed(raw: dict) -> Manifest:
    model = raw["model"]
    if not isinstance(model, dict):
        raise ValueError("model is not a record")
    probe = model.get("probe", [])
    if not isinstance(probe, list) or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in probe):
        raise ValueError("model.probe is not a list of numbers")
    counts = raw["counts"]
    if not isinstance(counts, dict):
        raise ValueError("counts is not a record")
    files = raw["files"]
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        raise ValueError("files is not a list of records")
    return Manifest(
        model=ModelRecord(
            name=_text(model["name"], "model.name"), dimension=_whole(model["dimension"], "model.dimension"),
            max_tokens=_whole(model["max_tokens"], "model.max_tokens"),
            query_prompt=_text(model.get("query_prompt", ""), "model.query_prompt"),
            document_prompt=_text(model.get("document_prompt", ""), "model.document_prompt"),
            path=_text(model.get("path"), "model.path", optional=True),
            files=_checks(model.get("files", []), "model.files"), probe=tuple(float(x) for x in probe),
            documents=_precision(model.get("documents", "float"))),
        chunking=dict(raw["chunking"]),
        counts={k: _whole(v, f"counts.{k}") for k, v in counts.items()},
        files=tuple(_file_record(f) for f in files),
        skipped=tuple(dict(s) for s in raw["skipped"]),
        corpus=_text(raw["corpus"], "corpus"),
        built_at=str(raw["built_at"]),
        build_seconds=float(raw["build_seconds"]),
        contents=_checks(raw["contents"], "contents"),
        outside_links=raw.get("outside_links", False) is True,
        search=_search(raw.get("search", {})),
        format=raw["format"],
        format_version=raw["format_version"],
        package_version=str(raw.get("package_version", "")),
        similarity=str(raw.get("similarity", "")),
        lexical=str(raw.get("lexical", "")),
        build_key=str(raw.get("build_key", "")),
    )


def _search(value) -> dict:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError("search is not a record of records")
    for name, record in value.items():
        if record.get("kind") not in ("flat", "ivf", "hnsw"):
            raise ValueError(f"search.{name}.kind is {record.get('kind')!r}, not flat, ivf or hnsw")
        if record.get("kind") == "hnsw":
            _whole(record.get("ef_search"), f"search.{name}.ef_search")
        if record.get("kind") == "ivf":
            _whole(record.get("nprobe"), f"search.{name}.nprobe")
    return {name: dict(record) for name, record in value.items()}


def _inconsistency(m: Manifest) -> str | None:
    """A way the manifest disagrees with itself, if any."""
    for key in ("documents", "turns", "chunks", "sentences"):
        if key not in m.counts:
            raise ValueError(f"counts.{key} is missing")
    if m.model.dimension < 1:
        return "model.dimension is 0"
    if len(m.files) != m.counts["documents"]:
        return f"it lists {len(m.files)} transcripts but counts {m.counts['documents']}"
    if sum(f.chunks for f in m.files) != m.counts["chunks"]:
        return f"its transcripts hold {sum(f.chunks for f in m.files)} chunks but it counts {m.counts['chunks']}"
    names = sorted(c.name for c in m.contents)
    if names not in (sorted(FILES), sorted(FILES + OPTIONAL_FILES)):
        return f"it records the files {', '.join(names) or 'none'}, not {', '.join(FILES)} (and the ONNX export)"
    if m.model.probe and len(m.model.probe) != m.model.dimension:
        return f"model.probe has {len(m.model.probe)} numbers, not {m.model.dimension}"
    return None


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
