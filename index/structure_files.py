"""The structure of an index version on disk: one .npy file per array, memory-mapped when
read, and structure.json for what was learned. Reading checks shapes and ranges, with
NumPy over whole arrays: no loop over chunks or sentences.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from corpus.vocabulary import Vocabulary

from .errors import IndexRefused
from .manifest import LEARNED, STRUCTURE_ARRAYS, Manifest
from .structure import Learned, Ragged, Rows, SpeakerRecord, Structure
from .verifying import rebuild_hint


def array_file(name: str) -> str:
    return f"structure-{name}.npy"


def write_structure(directory: Path, structure: Structure) -> None:
    for name, array in _arrays(structure).items():
        np.save(directory / array_file(name), np.ascontiguousarray(array))
    record = learned_record(structure.learned, vocabulary=True)
    record["labels"] = {"speakers": list(structure.rows.speaker_labels), "roles": list(structure.rows.role_labels)}
    (directory / LEARNED).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def learned_record(learned: Learned, vocabulary: bool = False) -> dict:
    """What was learned as plain JSON values; the vocabulary (large) only when asked for."""
    out = {
        "names": list(learned.names),
        "lag_days": learned.lag_days,
        "acronyms": dict(learned.acronyms),
        "background": list(learned.background),
        "speakers": [asdict(s) for s in learned.speakers],
        "formulas": [{"text": text, "sentences": n} for text, n in learned.formulas],
        "filler": dict(learned.filler),
        "filler_groups": [sorted(g) for g in learned.filler_groups],
        "reference_sentences": learned.reference_sentences,
        "askers": [asdict(s) for s in learned.askers],
        "offices": [{"office": office, "speakers": list(holders)} for office, holders in learned.offices],
    }
    if vocabulary:
        v = learned.vocabulary
        out["vocabulary"] = {"texts": v.texts, "common": sorted(v.common), "ordinary": sorted(v.ordinary),
                             "stems": [s for s, _ in v.stems], "document_frequency": [n for _, n in v.stems]}
    return out


def read_learned(directory: Path, root: Path) -> Learned:
    return _read_json(directory, root)[0]


def _read_json(directory: Path, root: Path) -> tuple[Learned, tuple[str, ...], tuple[str, ...]]:
    """What was learned, and the speaker and role labels the chunk arrays number."""
    path = directory / LEARNED
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        v = raw["vocabulary"]
        if len(v["stems"]) != len(v["document_frequency"]):
            raise ValueError("the vocabulary's stems and counts differ in number")
        learned = Learned(
            vocabulary=Vocabulary(common=frozenset(v["common"]), ordinary=frozenset(v["ordinary"]),
                                  stems=tuple(zip(v["stems"], v["document_frequency"])), texts=int(v["texts"])),
            names=tuple(raw["names"]), lag_days=int(raw["lag_days"]), acronyms=dict(raw["acronyms"]),
            background=tuple(raw["background"]),
            speakers=tuple(SpeakerRecord(s["name"], s["role"], int(s["turns"])) for s in raw["speakers"]),
            formulas=tuple((f["text"], int(f["sentences"])) for f in raw["formulas"]),
            filler={str(k): int(n) for k, n in raw["filler"].items()},
            filler_groups=tuple(frozenset(g) for g in raw["filler_groups"]),
            reference_sentences=int(raw["reference_sentences"]),
            # An index built before askers were learned has none.
            askers=tuple(SpeakerRecord(s["name"], s["role"], int(s["turns"])) for s in raw.get("askers", ())),
            # Nor offices, before they were.
            offices=tuple((str(o["office"]), tuple(str(n) for n in o["speakers"])) for o in raw.get("offices", ())))
        speakers, roles = tuple(raw["labels"]["speakers"]), tuple(raw["labels"]["roles"])
        if not all(isinstance(x, str) for x in speakers + roles):
            raise ValueError("a speaker or role label is not text")
        return learned, speakers, roles
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IndexRefused(f"{path} is unreadable ({_reason(exc)}): the index at {root} is damaged; "
                           f"{rebuild_hint(root)}") from None


def read_structure(directory: Path, manifest: Manifest, root: Path) -> Structure:
    """The structure of a version, its arrays memory-mapped; IndexRefused with one line if it is not whole."""
    learned, speaker_labels, role_labels = _read_json(directory, root)
    a = {name: _load(directory / array_file(name), root) for name in STRUCTURE_ARRAYS}
    chunks, sentences = manifest.counts["chunks"], manifest.counts["sentences"]
    problem = (
        _shaped(a, ("is_reporter", "is_headline"), chunks, np.bool_)
        or _shaped(a, ("filler",), sentences, np.bool_)
        or _shaped(a, ("reporter_group",), len(a["reporter_rows"]), np.int64)
        or _shaped(a, ("pair_offsets",), len(a["pair_chunks"]), np.int64)
        or _shaped(a, ("speaker_offsets",), len(learned.names) + len(learned.askers) + 1, np.int64)
        or _shaped(a, ("filler_offsets",), len(learned.filler_groups) + 1, np.int64)
        or _shaped(a, ("speaker_affinity",), len(a["speaker_rows"]), np.float32)
        or _within(a, ("reporter_rows", "answer_rows", "pair_chunks", "speaker_rows"), chunks)
        or _shaped(a, ("chunk_doc", "chunk_start", "chunk_end", "chunk_turn", "chunk_speaker", "chunk_role",
                       "turn_tokens"), chunks,
                   np.int64)
        or _shaped(a, ("sentence_doc", "sentence_start", "sentence_end"), sentences, np.int64)
        or _within(a, ("chunk_doc", "sentence_doc"), manifest.counts["documents"])
        or _within(a, ("chunk_role",), len(role_labels))
        or _within(a, ("chunk_speaker",), len(speaker_labels), lowest=-1)
        or _within(a, ("pair_sentence", "filler_rows", "reference_rows"), sentences)
        or _shaped(a, ("reference_rows",), learned.reference_sentences, np.int64)
        or _within(a, ("pair_offsets",), max(len(a["pair_sentence"]), 1))
        or _offsets(a, "answer_offsets", "answer_rows") or _offsets(a, "filler_offsets", "filler_rows")
        or _offsets(a, "speaker_offsets", "speaker_rows"))
    if problem:
        raise IndexRefused(f"{directory / array_file(problem[0])} {problem[1]}: the index at {root} is damaged; "
                           f"{rebuild_hint(root)}")
    return Structure(
        is_reporter=a["is_reporter"], is_headline=a["is_headline"], reporter_rows=a["reporter_rows"],
        reporter_group=a["reporter_group"], answers=Ragged(a["answer_rows"], a["answer_offsets"]),
        pair_sentence=a["pair_sentence"], pair_offsets=a["pair_offsets"], pair_chunks=a["pair_chunks"],
        filler=a["filler"], filler_rows=Ragged(a["filler_rows"], a["filler_offsets"]),
        speaker_rows=Ragged(a["speaker_rows"], a["speaker_offsets"]),
        speaker_affinity=Ragged(a["speaker_affinity"], a["speaker_offsets"]), reference_rows=a["reference_rows"],
        learned=learned,
        rows=Rows(**{name: a[name] for name in _ROWS}, speaker_labels=speaker_labels, role_labels=role_labels))


def _arrays(s: Structure) -> dict[str, np.ndarray]:
    return {"is_reporter": s.is_reporter.astype(bool), "is_headline": s.is_headline.astype(bool),
            "reporter_rows": s.reporter_rows.astype(np.int64), "reporter_group": s.reporter_group.astype(np.int64),
            "answer_rows": s.answers.rows, "answer_offsets": s.answers.offsets,
            "pair_sentence": s.pair_sentence.astype(np.int64), "pair_offsets": s.pair_offsets.astype(np.int64),
            "pair_chunks": s.pair_chunks.astype(np.int64), "filler": s.filler.astype(bool),
            "filler_rows": s.filler_rows.rows, "filler_offsets": s.filler_rows.offsets,
            "speaker_rows": s.speaker_rows.rows, "speaker_affinity": s.speaker_affinity.rows.astype(np.float32),
            "speaker_offsets": s.speaker_rows.offsets, "reference_rows": s.reference_rows.astype(np.int64),
            **{name: getattr(s.rows, name).astype(np.int64) for name in _ROWS}}


_ROWS = ("chunk_doc", "chunk_start", "chunk_end", "chunk_turn", "chunk_speaker", "chunk_role", "turn_tokens",
         "sentence_doc", "sentence_start", "sentence_end")


def _load(path: Path, root: Path) -> np.ndarray:
    try:
        array = np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError, EOFError):
        raise IndexRefused(f"{path} is unreadable as an array: the index at {root} is damaged; "
                           f"{rebuild_hint(root)}") from None
    if array.ndim != 1:
        raise IndexRefused(f"{path} holds an array of shape {array.shape}, not a list: the index at {root} is "
                           f"damaged; {rebuild_hint(root)}")
    if array.dtype.kind in "iu" and array.dtype != np.int64:
        raise IndexRefused(f"{path} holds {array.dtype}, not int64: the index at {root} is damaged; "
                           f"{rebuild_hint(root)}")
    return array.view(np.ndarray)  # still the mapped file, without the memmap subclass's cost per operation


def _shaped(a: dict, names, length: int, dtype) -> tuple[str, str] | None:
    for name in names:
        if a[name].dtype != dtype or len(a[name]) != length:
            return name, f"holds {len(a[name])} {a[name].dtype} values, not {length} {np.dtype(dtype)}"
    return None


def _within(a: dict, names, size: int, lowest: int = 0) -> tuple[str, str] | None:
    for name in names:
        x = a[name]
        if x.dtype != np.int64:
            return name, f"holds {x.dtype}, not int64"
        if len(x) and (int(x.min()) < lowest or int(x.max()) >= size):
            return name, f"names a row outside {lowest}..{size - 1}"
    return None


def _offsets(a: dict, offsets: str, rows: str) -> tuple[str, str] | None:
    o = a[offsets]
    if o.dtype != np.int64 or not len(o) or o[0] != 0 or o[-1] != len(a[rows]) or bool((np.diff(o) < 0).any()):
        return offsets, f"does not divide {array_file(rows)} into sets"
    return None


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
