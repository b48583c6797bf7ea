"""Sanity checks for the retrieval evaluation question sets.

Standard library only (and `corpus`, to read a transcript as it is indexed):
validates every tests/eval/questions-*.jsonl against the shared transcripts and
every tests/eval/corpora-*.jsonl against the shared corpora (read-only, never modified).
"""

import html
import json
import re
from pathlib import Path

import pytest

import corpus

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
    "questions-sealed7.jsonl": "b",
    "questions-sealed8.jsonl": "e",
    "questions-sealed9.jsonl": "k",
    "questions-sealed10.jsonl": "m",
    "questions-sealed11.jsonl": "n",
    "questions-sealed12.jsonl": "p",
    "questions-sealed13.jsonl": "r",
    "questions-sealed14.jsonl": "u",
    "questions-sealed15.jsonl": "a",
    "questions-sealed16.jsonl": "b",
    "questions-sealed17.jsonl": "d",
    "questions-sealed18.jsonl": "j",
    "questions-sealed19.jsonl": "i",
    "questions-sealed20.jsonl": "l",
    "questions-sealed21.jsonl": "o",
    "questions-sealed22.jsonl": "q",
    "questions-sealed23.jsonl": "zq",
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
        assert qid.startswith(prefix) and qid[len(prefix):].isdigit(), (
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


# -- question sets over ../shared/corpora ------------------------------------------

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
CORPORA_SETS = {"corpora-tune.jsonl": "ct", "corpora-heldout.jsonl": "ch", "corpora-sealed2.jsonl": "cs",
                "corpora-sealed3.jsonl": "cz", "corpora-sealed4.jsonl": "cy",
                "corpora-sealed5.jsonl": "cw", "corpora-sealed6.jsonl": "cv",
                "corpora-sealed7.jsonl": "cu", "corpora-sealed8.jsonl": "cx",
                "corpora-sealed9.jsonl": "cq", "corpora-sealed10.jsonl": "dq",
                "corpora-sealed11.jsonl": "eq", "corpora-sealed11-seen.jsonl": "eq",
                "corpora-sealed12.jsonl": "fq", "corpora-sealed13.jsonl": "gq",
                "corpora-sealed14.jsonl": "hq", "corpora-sealed15.jsonl": "iq",
                "corpora-sealed16.jsonl": "jq",
                "corpora-sealed17.jsonl": "kq",
                "corpora-sealed18.jsonl": "lq",
                "corpora-sealed19.jsonl": "mq"}
CORPORA_KINDS = {"paraphrase", "numeric", "speaker", "policy", "unanswerable"}
CORPORA_FOLDERS = {"whitehouse", "scotus", "subtitles", "parliament", "interviews"}
# Three caption layouts the sets must reach: voice tags, "Name: text" cues, unnamed ">>" turns.
CORPORA_CAPTIONS = {
    "subtitles/w3c-mlws-2020-ls_joc_cognitive.vtt",
    "subtitles/ethereum-acde-241-2026-07-16-zoom-transcript.vtt",
    "subtitles/cdp-oakland-council-2022-08-09-captions.vtt",
}
CORPORA_MIN_QUESTIONS = 140
CORPORA_MIN_FILES = 8
CORPORA_MIN_UNANSWERABLE = 36
TUNE_SHARE = (0.40, 0.50)  # roughly 45% tune, 55% held out
SUBSTRING_WORDS = (4, 15)
YES_NO = re.compile(r"(is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b", re.I)


@pytest.fixture(scope="module")
def corpora_sets():
    return {name: _load(name) for name in CORPORA_SETS}


def _corpora_rows(corpora_sets, names=None):
    for name, rows in corpora_sets.items():
        if names is None or name in names:
            for lineno, obj in rows:
                yield name, lineno, obj


def _golds(corpora_sets, names=None):
    for name, lineno, obj in _corpora_rows(corpora_sets, names):
        for ans in obj["answers"]:
            yield f"{name}:{lineno} ({obj['id']})", ans


def _folder(file):
    return file.split("/", 1)[0]


@pytest.mark.parametrize("name", sorted(CORPORA_SETS))
def test_corpora_set_fields_and_kinds(corpora_sets, name):
    for _, lineno, obj in _corpora_rows(corpora_sets, {name}):
        where = f"{name}:{lineno}"
        assert isinstance(obj, dict) and set(obj) == FIELDS, f"{where}: fields {sorted(obj)}"
        assert isinstance(obj["question"], str) and obj["question"].strip(), where
        assert obj["kind"] in CORPORA_KINDS, f"{where}: kind {obj['kind']!r}"
        assert isinstance(obj["answers"], list), where
        assert (obj["kind"] == "unanswerable") == (obj["answers"] == []), (
            f"{where}: an unanswerable question has no answers and every other has one"
        )
        for ans in obj["answers"]:
            assert isinstance(ans, dict) and set(ans) == {"file", "substring"}, f"{where}: {ans}"
            assert isinstance(ans["file"], str) and _folder(ans["file"]) in CORPORA_FOLDERS, f"{where}: {ans}"
            assert isinstance(ans["substring"], str), f"{where}: {ans}"


@pytest.mark.parametrize("name", sorted(CORPORA_SETS))
def test_corpora_ids_prefixed_per_set(corpora_sets, name):
    prefix = CORPORA_SETS[name]
    for _, lineno, obj in _corpora_rows(corpora_sets, {name}):
        qid = obj["id"]
        assert isinstance(qid, str) and qid.startswith(prefix) and qid[len(prefix):].isdigit(), (
            f"{name}:{lineno}: id {qid!r} must be {prefix!r} + digits"
        )


def test_corpora_ids_unique_across_every_set(question_sets, corpora_sets):
    ids = [obj["id"] for _, _, obj in _all_rows(question_sets)]
    ids += [obj["id"] for _, _, obj in _corpora_rows(corpora_sets)]
    repeated = sorted({qid for qid in ids if ids.count(qid) > 1})
    assert not repeated, f"ids used twice: {repeated}"


def test_corpora_questions_not_asked_before(question_sets, corpora_sets):
    def key(q):
        return " ".join(q.lower().split())
    earlier = {key(obj["question"]) for _, _, obj in _all_rows(question_sets)}
    seen = {}
    for name, lineno, obj in _corpora_rows(corpora_sets):
        k = key(obj["question"])
        assert k not in earlier and k not in seen, (
            f"{name}:{lineno} repeats an earlier question: {obj['question']!r}"
        )
        seen[k] = f"{name}:{lineno}"


def test_corpora_counts(corpora_sets):
    rows = [obj for _, _, obj in _corpora_rows(corpora_sets)]
    files = {a["file"] for obj in rows for a in obj["answers"]}
    kinds = [obj["kind"] for obj in rows]
    tune = sum(1 for _ in _corpora_rows(corpora_sets, {"corpora-tune.jsonl"}))
    split = tune + sum(1 for _ in _corpora_rows(corpora_sets, {"corpora-heldout.jsonl"}))  # written and dealt together
    assert len(rows) >= CORPORA_MIN_QUESTIONS, f"{len(rows)} questions"
    assert kinds.count("unanswerable") >= CORPORA_MIN_UNANSWERABLE, f"{kinds.count('unanswerable')} unanswerable"
    assert len(files) >= CORPORA_MIN_FILES, f"{len(files)} files: {sorted(files)}"
    assert {_folder(f) for f in files} == CORPORA_FOLDERS
    assert CORPORA_CAPTIONS <= files, f"missing {sorted(CORPORA_CAPTIONS - files)}"
    assert TUNE_SHARE[0] <= tune / split <= TUNE_SHARE[1], f"{tune} of {split} in tune"
    most = max(CORPORA_KINDS, key=kinds.count)
    assert kinds.count("paraphrase") == kinds.count(most), f"paraphrase is not the most common kind ({most} is)"


def test_corpora_heldout_reaches_every_folder(corpora_sets):
    rows = [obj for _, _, obj in _corpora_rows(corpora_sets, {"corpora-heldout.jsonl"})]
    files = {a["file"] for obj in rows for a in obj["answers"]}
    assert {_folder(f) for f in files} == CORPORA_FOLDERS
    assert CORPORA_CAPTIONS <= files, f"held out misses {sorted(CORPORA_CAPTIONS - files)}"
    assert any(obj["kind"] == "unanswerable" for obj in rows)


def test_corpora_questions_are_open_and_in_other_words(corpora_sets):
    for name, lineno, obj in _corpora_rows(corpora_sets):
        q = obj["question"]
        where = f"{name}:{lineno} ({obj['id']})"
        assert q.rstrip().endswith("?"), f"{where}: not a question: {q!r}"
        assert not YES_NO.match(q), f"{where}: a yes/no question: {q!r}"
        for ans in obj["answers"]:
            assert ans["substring"].lower() not in q.lower(), f"{where}: the question quotes its answer"


def test_corpora_substrings_are_short_spoken_words(corpora_sets):
    for where, ans in _golds(corpora_sets):
        sub = ans["substring"]
        words = len(sub.split())
        assert SUBSTRING_WORDS[0] <= words <= SUBSTRING_WORDS[1], f"{where}: {words} words: {sub!r}"
        assert sub == sub.strip(), f"{where}: padded: {sub!r}"
        # No line break, markup, caption turn marks, escaped timestamps or no-break spaces.
        for bad in ("\n", "\r", "<", ">", "\\[", "\u00a0"):
            assert bad not in sub, f"{where}: {bad!r} in {sub!r}"


# Reading the corpora: a gold must lie within one line of its file (one cue line,
# one <p>, one numbered line after its number, one Markdown line), and occur in the
# text transcript-qa indexes. A format without a reader yet is checked against its
# spoken lines joined with spaces; once `corpus` reads the suffix, the check is strict.

def _markup_free(text):
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _cue_lines(lines):
    out, in_cue = [], False
    for line in lines:
        if "-->" in line:
            in_cue = True
        elif not line.strip():
            in_cue = False
        elif in_cue:
            out.append(_markup_free(line))
    return out


def _numbered(lines):
    filled = [line for line in lines if line.strip()]
    return bool(filled) and sum(bool(re.match(r"\d{1,2} ", line)) for line in filled) > len(filled) / 2


def _source_lines(path):
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".xml":
        declared = re.match(rb'<\?xml[^>]*encoding="([^"]+)"', raw)
        text = raw.decode(declared.group(1).decode() if declared else "utf-8")
        return [_markup_free(p) for p in re.findall(r"<p\b[^>]*>(.*?)</p>", text, re.S)]
    text = raw.decode("utf-8-sig")
    if suffix == ".json":
        return [str(s.get("text", "")) for s in json.loads(text).get("sentences", [])]
    lines = text.splitlines()
    if suffix == ".vtt":
        return _cue_lines(lines)
    if _numbered(lines):
        return [re.sub(r"^\d{1,2} ", "", line) for line in lines]
    return lines


def _indexed_text(path, root):
    if path.suffix.lower() in corpus.SUFFIXES:
        return corpus.read_transcript(path, root).text
    return " ".join(_source_lines(path))


@pytest.fixture(scope="module")
def corpora_files(corpora_sets):
    """Each gold file: (its spoken lines, the text transcript-qa quotes)."""
    if not CORPORA.is_dir():
        pytest.skip(f"the shared corpora are not at {CORPORA}")
    out = {}
    for _, ans in _golds(corpora_sets):
        path = CORPORA / ans["file"]
        if ans["file"] not in out and path.is_file():
            out[ans["file"]] = (_source_lines(path), _indexed_text(path, CORPORA))
    return out


def test_corpora_gold_files_exist(corpora_sets, corpora_files):
    for where, ans in _golds(corpora_sets):
        assert ans["file"] in corpora_files, f"{where}: no file {ans['file']!r} in {CORPORA}"


def test_corpora_golds_lie_within_one_line(corpora_sets, corpora_files):
    for where, ans in _golds(corpora_sets):
        lines, _ = corpora_files[ans["file"]]
        assert any(ans["substring"] in line for line in lines), (
            f"{where}: not within one line of {ans['file']}: {ans['substring']!r}"
        )


def test_corpora_golds_occur_in_indexed_text(corpora_sets, corpora_files):
    for where, ans in _golds(corpora_sets):
        _, text = corpora_files[ans["file"]]
        assert ans["substring"] in text, f"{where}: not in the text of {ans['file']}: {ans['substring']!r}"


def test_every_corpora_question_file_is_checked():
    assert {p.name for p in EVAL_DIR.glob("corpora-*.jsonl")} == set(CORPORA_SETS)


# The sets over transcripts of other sources kept in the repository (tests/eval/fresh/, fresh2/ ... fresh12/, see
# tests/eval/fresh-sources.md): written by reading files none of the other sets touch, dealt within
# each file into a dev part (about 40%) and a part sealed until its one run. Per folder: its sets,
# the id prefixes of its two writers, and the least questions, unanswerable ones and files.
FRESH = {
    "fresh": (("fresh-dev.jsonl", "fresh-sealed.jsonl"), ("fa", "fb"), 120, 30, 5),
    "fresh2": (("fresh2-dev.jsonl", "fresh2-sealed.jsonl"), ("fc", "fd"), 80, 20, 4),
    # Of the third family's twelve transcripts, the one openly licensed (fresh-sources.md).
    "fresh3": (("fresh3-dev.jsonl", "fresh3-sealed.jsonl"), ("ff",), 22, 6, 1),
    # Of the fifth family's six, the one openly licensed: a keynote (MIT).
    "fresh5": (("fresh5-dev.jsonl", "fresh5-sealed.jsonl"), ("fj",), 22, 6, 1),
    # Of the sixth family's six, the one openly licensed: a deposition, a work of the US Government.
    "fresh6": (("fresh6-dev.jsonl", "fresh6-sealed.jsonl"), ("fk",), 22, 6, 1),
    # Of the eighth family's six, one of the three works of the US Government: a printed House hearing.
    "fresh8": (("fresh8-dev.jsonl", "fresh8-sealed.jsonl"), ("fo",), 22, 6, 1),
    # Of the ninth family's six, the one openly licensed: a press conference (CC BY 4.0); its ids fq… are fv… here,
    # since corpora-sealed12 holds fq ids of its own.
    "fresh9": (("fresh9-dev.jsonl", "fresh9-sealed.jsonl"), ("fv",), 22, 6, 1),
    # Of the eleventh family's six, a work of the US Government: a spaceflight's air-to-ground transcript.
    "fresh12": (("fresh12-dev.jsonl", "fresh12-sealed.jsonl"), ("fw",), 22, 6, 1),
}


@pytest.fixture(scope="module")
def fresh_sets():
    return {folder: {name: _load(name) for name in sets} for folder, (sets, *_) in FRESH.items()}


def _fresh_rows(fresh_sets, folder):
    for name, rows in fresh_sets[folder].items():
        for lineno, obj in rows:
            yield f"{name}:{lineno} ({obj['id']})", name, obj


@pytest.mark.parametrize("folder", sorted(FRESH))
def test_fresh_sets_fields_kinds_and_ids(fresh_sets, question_sets, corpora_sets, folder):
    prefixes = FRESH[folder][1]
    ids = []
    for where, _, obj in _fresh_rows(fresh_sets, folder):
        assert isinstance(obj, dict) and set(obj) == FIELDS, f"{where}: fields {sorted(obj)}"
        assert obj["kind"] in CORPORA_KINDS, f"{where}: kind {obj['kind']!r}"
        assert (obj["kind"] == "unanswerable") == (obj["answers"] == []), where
        qid = obj["id"]
        assert qid[:2] in prefixes and qid[2:].isdigit(), f"{where}: id {qid!r}"
        ids.append(qid)
        q = obj["question"]
        assert q.rstrip().endswith("?") and not YES_NO.match(q), f"{where}: not an open question: {q!r}"
    others = {obj["id"] for _, _, obj in _all_rows(question_sets)} | {obj["id"] for _, _, obj in _corpora_rows(corpora_sets)}
    others |= {obj["id"] for f in FRESH if f != folder for _, _, obj in _fresh_rows(fresh_sets, f)}
    assert len(ids) == len(set(ids)) and not set(ids) & others


@pytest.mark.parametrize("folder", sorted(FRESH))
def test_fresh_sets_reach_every_file_in_both_parts_with_near_misses(fresh_sets, folder):
    sets, _, least, least_unanswerable, least_files = FRESH[folder]
    root = EVAL_DIR / folder
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.suffix in corpus.SUFFIXES}
    rows = [(name, obj) for _, name, obj in _fresh_rows(fresh_sets, folder)]
    assert len(rows) >= least and sum(obj["kind"] == "unanswerable" for _, obj in rows) >= least_unanswerable
    assert len(files) >= least_files
    for name in sets:
        answered = {a["file"] for n, obj in rows if n == name for a in obj["answers"]}
        assert answered == files, f"{name} misses {sorted(files - answered)}"


@pytest.mark.parametrize("folder", sorted(FRESH))
def test_fresh_golds_are_short_spoken_words_within_one_line_and_in_the_indexed_text(fresh_sets, folder):
    root = EVAL_DIR / folder
    files = {}
    for where, _, obj in _fresh_rows(fresh_sets, folder):
        for ans in obj["answers"]:
            sub = ans["substring"]
            assert SUBSTRING_WORDS[0] <= len(sub.split()) <= SUBSTRING_WORDS[1] and sub == sub.strip(), where
            assert sub.lower() not in obj["question"].lower(), f"{where}: the question quotes its answer"
            if ans["file"] not in files:
                path = root / ans["file"]
                files[ans["file"]] = (_source_lines(path), _indexed_text(path, root))
            lines, text = files[ans["file"]]
            assert any(sub in line for line in lines), f"{where}: not within one line of {ans['file']}"
            assert sub in text, f"{where}: not in the text of {ans['file']}"
