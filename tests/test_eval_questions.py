"""Sanity checks for the retrieval evaluation question sets.

Standard library only: validates every tests/eval/questions-*.jsonl against the
shared transcripts (read-only, never modified).
"""

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO / "tests" / "eval"

SETS = {
    "questions-tune.jsonl": "t",
    "questions-dev.jsonl": "h",
    "questions-heldout.jsonl": "f",
    "questions-final.jsonl": "g",
    "questions-confirm.jsonl": "c",
    "questions-sealed.jsonl": "s",
    "questions-sealed2.jsonl": "v",
    "questions-sealed3.jsonl": "w",
    "questions-sealed4.jsonl": "x",
    "questions-sealed5.jsonl": "y",
    "questions-sealed6.jsonl": "z",
}
KINDS = {
    "paraphrase",
    "numeric",
    "speaker",
    "policy",
    "cross_translation",
    "unanswerable",
}
FIELDS = {"id", "question", "kind", "answers"}
FILE_000 = "000_cad97cdaa49d5dd5.txt"
FILE_004 = "004_40cb82d31b7e46dc.txt"
MIN_QUESTIONS = 40
# Each set written after held-out holds 20 unanswerable questions; the first three hold fewer.
MIN_UNANSWERABLE = 20
MIN_UNANSWERABLE_BY_SET = {"questions-tune.jsonl": 6, "questions-dev.jsonl": 6, "questions-heldout.jsonl": 10}
# Sets written apart from each other asked these word for word as an earlier set did;
# each was kept as written, since the later sets were run blind.
REPEATS = {"g36", "s42", "v11", "v12", "v14", "v35", "v42", "v48", "v50"}


def _load(name):
    path = EVAL_DIR / name
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:  # pragma: no cover - failure path
                pytest.fail(f"{name}:{lineno}: invalid JSON: {exc}")
            rows.append((lineno, obj))
    return rows


@pytest.fixture(scope="module")
def question_sets():
    return {name: _load(name) for name in SETS}


@pytest.fixture(scope="module")
def transcripts(shared_dir):
    return {
        p.name: p.read_text(encoding="utf-8") for p in shared_dir.glob("*.txt")
    }


def _all_rows(question_sets):
    for name, rows in question_sets.items():
        for lineno, obj in rows:
            yield name, lineno, obj


def test_every_line_parses_and_has_exact_fields(question_sets):
    for name, lineno, obj in _all_rows(question_sets):
        assert isinstance(obj, dict), f"{name}:{lineno}: not a JSON object"
        assert set(obj) == FIELDS, f"{name}:{lineno}: fields {sorted(obj)}"
        assert isinstance(obj["id"], str) and obj["id"]
        assert isinstance(obj["question"], str) and obj["question"].strip()
        assert isinstance(obj["answers"], list), f"{name}:{lineno}: answers"
        for ans in obj["answers"]:
            assert isinstance(ans, dict), f"{name}:{lineno}: answer not object"
            assert set(ans) == {"file", "substring"}, f"{name}:{lineno}: {ans}"
            assert isinstance(ans["file"], str) and ans["file"]
            assert isinstance(ans["substring"], str) and ans["substring"].strip()


def test_ids_unique_and_prefixed(question_sets):
    seen = set()
    for name, lineno, obj in _all_rows(question_sets):
        qid = obj["id"]
        prefix = SETS[name]
        assert qid.startswith(prefix) and qid[1:].isdigit(), (
            f"{name}:{lineno}: id {qid!r} must be {prefix!r} + digits"
        )
        assert qid not in seen, f"duplicate id {qid!r}"
        seen.add(qid)


def test_kinds_valid(question_sets):
    for name, lineno, obj in _all_rows(question_sets):
        assert obj["kind"] in KINDS, f"{name}:{lineno}: kind {obj['kind']!r}"


def test_gold_substrings_occur_verbatim(question_sets, transcripts):
    for name, lineno, obj in _all_rows(question_sets):
        for ans in obj["answers"]:
            fname = ans["file"]
            assert fname in transcripts, (
                f"{name}:{lineno} ({obj['id']}): unknown file {fname!r}"
            )
            assert ans["substring"] in transcripts[fname], (
                f"{name}:{lineno} ({obj['id']}): substring not in {fname}: "
                f"{ans['substring']!r}"
            )
            assert "\n" not in ans["substring"], (
                f"{name}:{lineno} ({obj['id']}): substring spans lines"
            )


def test_answer_presence_matches_kind(question_sets):
    for name, lineno, obj in _all_rows(question_sets):
        if obj["kind"] == "unanswerable":
            assert obj["answers"] == [], f"{name}:{lineno} ({obj['id']})"
        else:
            assert len(obj["answers"]) >= 1, f"{name}:{lineno} ({obj['id']})"


def test_cross_translation_has_both_translations(question_sets):
    for name, lineno, obj in _all_rows(question_sets):
        if obj["kind"] != "cross_translation":
            continue
        files = {ans["file"] for ans in obj["answers"]}
        assert FILE_000 in files and FILE_004 in files, (
            f"{name}:{lineno} ({obj['id']}): needs gold in {FILE_000} and "
            f"{FILE_004}, got {sorted(files)}"
        )


@pytest.mark.parametrize("name", sorted(SETS))
def test_set_sizes(question_sets, name):
    rows = question_sets[name]
    assert len(rows) >= MIN_QUESTIONS, f"{name}: {len(rows)} questions"
    unanswerable = sum(1 for _, obj in rows if obj["kind"] == "unanswerable")
    minimum = MIN_UNANSWERABLE_BY_SET.get(name, MIN_UNANSWERABLE)
    assert unanswerable >= minimum, f"{name}: {unanswerable} unanswerable"


def test_no_duplicate_question_text(question_sets):
    seen = {}
    for name, lineno, obj in _all_rows(question_sets):
        key = " ".join(obj["question"].lower().split())
        assert key not in seen or obj["id"] in REPEATS, (
            f"{name}:{lineno} duplicates {seen[key]}: {obj['question']!r}"
        )
        seen[key] = f"{name}:{lineno}"


def test_every_question_file_is_checked():
    assert {p.name for p in EVAL_DIR.glob("questions-*.jsonl")} == set(SETS)
