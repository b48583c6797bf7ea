"""A model's checked ONNX export, kept once per machine so that a build into any index folder skips torch.

Exporting needs torch and sentence-transformers: importing them and tracing the model
take longer than a small corpus's reading and embedding together. The export depends
only on the model's files, so the first build that exports a model keeps a copy here,
under the SHA-256 of those files; a later build of any index with the same files embeds
with the copy (after checking its bytes against the record kept with it) and links it
into its version, never importing torch. A changed model file names another entry; an
entry whose bytes changed is passed over and the model exported again.

The folder is $TQA_CACHE, else $XDG_CACHE_HOME/transcript-qa (~/.cache/transcript-qa),
subfolder `exports`. A folder that cannot be written only costs exporting at each first
build, as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
from dataclasses import asdict
from pathlib import Path

from .embedding import ModelSpec, model_folder
from .exporting import lent_embedder, link_file
from .integrity import FileCheck, file_check, folder_checks, hash_problems
from .machine_cache import cache_root
from .onnx_embedding import ONNX_FILES, OnnxEmbedder

log = logging.getLogger(__name__)

RECORD = "entry.json"
_FORMAT = 3  # raised when what an entry holds changes, so older entries are passed over (2: fused graphs, 3: int8)


def cached_export(spec: ModelSpec, threads: int | None = None) -> tuple[OnnxEmbedder, Path] | None:
    """The kept export of `spec`'s model as a build's embedder, with its folder (to link into the new
    version), when one is kept for these very model files and its bytes are the ones recorded; None otherwise."""
    try:
        folder = model_folder(spec)
        if folder is None:
            return None
        files = folder_checks(folder)
        entry = _entry(spec.name, files)
        if not (entry / RECORD).is_file():
            return None
        record = json.loads((entry / RECORD).read_text(encoding="utf-8"))
        kept = tuple(FileCheck(**c) for c in record["export"])
        if (record.get("format") != _FORMAT or record.get("model") != spec.name
                or [c.name for c in kept] != list(ONNX_FILES)):
            return None
        problems = hash_problems(entry, kept)
        if problems:
            log.warning("the kept ONNX export in %s is passed over: %s %s; the model is exported again",
                        entry, *problems[0])
            shutil.rmtree(entry, ignore_errors=True)  # so that the export made now is kept in its place
            return None
        embedder = lent_embedder(entry, spec, folder, threads)
        return (embedder, entry) if embedder is not None else None
    except Exception as exc:  # an entry that cannot be read only costs exporting again
        log.info("not embedding with a kept ONNX export: %s", exc)
        return None


def keep_export(name: str, model_path: str, exported: Path) -> None:
    """Keep the checked export in `exported` (its three files) for later builds of the model `name`, whose
    files are in `model_path`. Never fails a build: a cache that cannot be written is only not written."""
    try:
        files = folder_checks(Path(model_path))
        entry = _entry(name, files)
        if (entry / RECORD).is_file():
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        scratch = entry.parent / f".{entry.name}-{secrets.token_hex(3)}"
        scratch.mkdir()
        try:
            for file in ONNX_FILES:
                link_file(exported / file, scratch / file)
            record = {"format": _FORMAT, "model": name, "model_files": [asdict(c) for c in files],
                      "export": [asdict(file_check(scratch / f)) for f in ONNX_FILES]}
            (scratch / RECORD).write_text(json.dumps(record, indent=2), encoding="utf-8")
            try:
                os.rename(scratch, entry)  # whole or not at all
            except OSError:
                if not (entry / RECORD).is_file():
                    raise
                return  # another build kept the same export first
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        log.info("kept the ONNX export of %s in %s for later builds", name, entry)
    except OSError as exc:
        log.info("the ONNX export was not kept in %s: %s", cache_root(), exc)


def _entry(name: str, files: tuple[FileCheck, ...]) -> Path:
    key = json.dumps([_FORMAT, name, [asdict(c) for c in files]], sort_keys=True)
    return cache_root() / "exports" / hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]

